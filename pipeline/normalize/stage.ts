/** The normalize stage: build/extract/ → build/normalize/<table>.jsonl. */
import path from 'node:path';
import type { ChronologyEntry, ChronologyFinding, ChronologyPeriod } from '../extract/chronology.ts';
import type { SourceFinding } from '../extract/source.ts';
import { elapsed, type StageContext } from '../lib/context.ts';
import { readJsonl, writeJsonl } from '../lib/jsonl.ts';
import { loadSchema } from '../lib/schema.ts';
import { rel } from '../lib/sources.ts';
import { normalizeEvents } from './events.ts';
import { normalizeSources } from './sources.ts';

export function runNormalize({ paths, log }: StageContext): void {
  const t0 = performance.now();
  const schema = loadSchema(paths.schema, paths.root);
  const inDir = path.join(paths.build, 'extract');
  const sources = readJsonl<SourceFinding>(path.join(inDir, 'source.jsonl'), paths.root, 'extract');
  const chronology = readJsonl<ChronologyFinding>(path.join(inDir, 'chronology.jsonl'), paths.root, 'extract');
  const entries = chronology.filter((f): f is ChronologyEntry => f.kind === 'chronology_entry');
  const periods = chronology.filter((f): f is ChronologyPeriod => f.kind === 'chronology_period');
  const files = new Map(sources.map((s) => [s.source_id, s.text_path]));
  const fileOf = (id: string): string => files.get(id) ?? id;
  const eventTypes = schema.vocabularies.event_type;
  if (!eventTypes) throw new Error('schema has no event_type vocabulary');
  const tables: [string, object[]][] = [
    ['sources', normalizeSources(sources, periods, entries, fileOf)],
    ['events', normalizeEvents({ entries, periods, eventTypes, fileOf })],
  ];
  const outDir = path.join(paths.build, 'normalize');
  for (const [name, rows] of tables) writeJsonl(path.join(outDir, `${name}.jsonl`), rows);
  log(
    `normalize: read ${sources.length + chronology.length} findings from ${rel(paths.root, inDir)}/; ` +
      `wrote ${tables.map(([n, r]) => `${rel(paths.root, outDir)}/${n}.jsonl (${r.length})`).join(', ')} in ${elapsed(t0)}`,
  );
}
