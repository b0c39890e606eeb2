/**
 * The export stage: build/normalize/ → dist/<dataset>/<version>/. Validates
 * every record against the schema, re-slices every span from the pinned
 * source texts (the ground truth, re-read and hash-checked here rather than
 * trusted from an intermediate file), renders every format, and releases.
 */
import path from 'node:path';
import { elapsed, type StageContext } from '../lib/context.ts';
import { readJsonl } from '../lib/jsonl.ts';
import { loadSchema, validateTables, type DatasetSchema, type Row } from '../lib/schema.ts';
import { verifySpans } from '../lib/spans.ts';
import { loadSources, rel, type SourceMeta } from '../lib/sources.ts';
import type { IndexedText } from '../lib/text.ts';
import { arrowFileBytes, toArrowTable } from './arrow.ts';
import { csvText } from './csv.ts';
import { datapackage, sha256sums } from './datapackage.ts';
import { releaseReadme } from './docs.ts';
import { jsonldDocument, jsonldText } from './jsonld.ts';
import { parquetBytes } from './parquet.ts';
import { writeRelease, type ReleaseOutcome } from './release.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Every file of a release, by name, from validated records. Pure. */
export function renderRelease(
  dataset: DatasetSchema,
  data: Record<string, Row[]>,
  texts: Map<string, IndexedText>,
  sources: SourceMeta[],
): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const table of dataset.tables) {
    const rows = data[table.name]!;
    const arrow = toArrowTable(table, rows, dataset);
    files.set(`${table.name}.csv`, utf8(csvText(table, rows)));
    files.set(`${table.name}.arrow`, arrowFileBytes(arrow));
    files.set(`${table.name}.parquet`, parquetBytes(arrow));
    files.set(`${table.name}.jsonld`, utf8(jsonldText(jsonldDocument(table, rows, dataset, texts))));
  }
  files.set('datapackage.json', utf8(`${JSON.stringify(datapackage(dataset, sources, files), null, 2)}\n`));
  files.set('README.md', utf8(releaseReadme(dataset, sources, files)));
  files.set('SHA256SUMS', utf8(sha256sums(files)));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function runExport({ paths, log }: StageContext): { releaseDir: string; outcome: ReleaseOutcome } {
  const t0 = performance.now();
  const dataset = loadSchema(paths.schema, paths.root);
  const inDir = path.join(paths.build, 'normalize');
  const data: Record<string, Row[]> = {};
  for (const table of dataset.tables) data[table.name] = readJsonl<Row>(path.join(inDir, `${table.name}.jsonl`), paths.root, 'normalize');
  validateTables(dataset, data);
  const sources = loadSources(paths.sources, paths.root);
  const texts = new Map(sources.map((s) => [s.meta.id, s.text]));
  let spans = 0;
  for (const table of dataset.tables) spans += verifySpans(table, data[table.name]!, texts);
  const files = renderRelease(dataset, data, texts, sources.map((s) => s.meta));
  const releaseDir = path.join(paths.dist, dataset.name, dataset.version);
  const outcome = writeRelease(releaseDir, files, paths.root);
  const bytes = [...files.values()].reduce((n, b) => n + b.length, 0);
  log(
    `export: read ${dataset.tables.map((t) => `${t.name} (${data[t.name]!.length})`).join(', ')} from ${rel(paths.root, inDir)}/; ` +
      `validated against schema/ and re-sliced ${spans} spans; ` +
      `${outcome === 'written' ? 'wrote' : 'unchanged, identical to'} ${rel(paths.root, releaseDir)}/ (${files.size} files, ${bytes} bytes) in ${elapsed(t0)}`,
  );
  return { releaseDir, outcome };
}
