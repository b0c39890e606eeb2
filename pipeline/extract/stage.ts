/** The extract stage: sources/ → build/extract/<step>.jsonl. */
import path from 'node:path';
import { elapsed, type StageContext } from '../lib/context.ts';
import { writeJsonl } from '../lib/jsonl.ts';
import { loadSources, rel } from '../lib/sources.ts';
import { extractChronology } from './chronology.ts';
import { extractSource } from './source.ts';

export function runExtract({ paths, log }: StageContext): void {
  const t0 = performance.now();
  const sources = loadSources(paths.sources, paths.root);
  const codePoints = sources.reduce((n, s) => n + s.text.length, 0);
  const outputs: [string, object[]][] = [
    ['source', sources.map(extractSource)],
    ['chronology', sources.flatMap((s) => extractChronology({ id: s.meta.id, text: s.text }, s.textPath))],
  ];
  const dir = path.join(paths.build, 'extract');
  for (const [step, records] of outputs) writeJsonl(path.join(dir, `${step}.jsonl`), records);
  log(
    `extract: read ${sources.length} source(s), ${codePoints} code points, from ${rel(paths.root, paths.sources)}/; ` +
      `wrote ${outputs.map(([step, r]) => `${rel(paths.root, dir)}/${step}.jsonl (${r.length})`).join(', ')} in ${elapsed(t0)}`,
  );
}
