/** The extract stage: sources/ → build/extract/<step>.jsonl. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { elapsed, type StageContext } from '../lib/context.ts';
import { writeJsonl } from '../lib/jsonl.ts';
import { loadRegistry } from '../lib/registry.ts';
import { loadSources, rel } from '../lib/sources.ts';
import { loadUnits } from '../lib/units.ts';
import { extractChronology } from './chronology.ts';
import { extractCuration } from './curation.ts';
import { extractNarrativeDates } from './narrative-dates.ts';
import { extractQuotations } from './quotations.ts';
import { buildFormIndex, extractMentions, type Titles } from './mentions.ts';
import { extractNumbers } from './numbers.ts';
import { extractOriginalNames } from './original-names.ts';
import { extractSentences } from './sentences.ts';
import { extractSource } from './source.ts';

export function runExtract({ paths, log }: StageContext): void {
  const t0 = performance.now();
  const sources = loadSources(paths.sources, paths.root);
  const registry = loadRegistry(paths.sources, paths.root);
  const titles = parseYaml(readFileSync(path.join(paths.schema, 'vocabularies', 'titles.yaml'), 'utf8')) as Titles;
  const units = loadUnits(paths.schema, paths.root);
  const index = buildFormIndex(registry);
  const people = new Set(registry.entities.filter((e) => e.type === 'person').map((e) => e.id));
  const codePoints = sources.reduce((n, s) => n + s.text.length, 0);
  const outputs: [string, object[]][] = [
    ['source', sources.map(extractSource)],
    ['chronology', sources.flatMap((s) => extractChronology({ id: s.meta.id, text: s.text }, s.textPath))],
    ['original-names', sources.flatMap((s) => extractOriginalNames({ id: s.meta.id, text: s.text }))],
    ['mentions', sources.flatMap((s) => extractMentions({ id: s.meta.id, text: s.text }, index, titles, people))],
    ['sentences', sources.flatMap((s) => extractSentences({ id: s.meta.id, text: s.text }))],
    ['numbers', sources.flatMap((s) => extractNumbers({ id: s.meta.id, text: s.text }, units))],
    ['curation', sources.flatMap((s) => extractCuration(s, paths.root))],
    ['narrative-dates', sources.flatMap((s) => extractNarrativeDates({ id: s.meta.id, text: s.text }))],
    ['quotations', sources.flatMap((s) => extractQuotations({ id: s.meta.id, text: s.text }))],
  ];
  const dir = path.join(paths.build, 'extract');
  for (const [step, records] of outputs) writeJsonl(path.join(dir, `${step}.jsonl`), records);
  log(
    `extract: read ${sources.length} source(s), ${codePoints} code points, and ${registry.entities.length} registry entities from ${rel(paths.root, paths.sources)}/; ` +
      `wrote ${outputs.map(([step, r]) => `${rel(paths.root, dir)}/${step}.jsonl (${r.length})`).join(', ')} in ${elapsed(t0)}`,
  );
}
