/**
 * The export stage: build/normalize/ → dist/<dataset>/<version>/. Validates
 * every record against the schema, re-slices every span from the pinned
 * source texts (the ground truth, re-read and hash-checked here rather than
 * trusted from an intermediate file), renders every format, and releases.
 */
import path from 'node:path';
import { elapsed, type StageContext } from '../lib/context.ts';
import { PipelineError } from '../lib/errors.ts';
import { readJsonl } from '../lib/jsonl.ts';
import { loadSchema, validateTables, type DatasetSchema, type Row } from '../lib/schema.ts';
import { verifySpans } from '../lib/spans.ts';
import { loadSources, rel, type SourceMeta } from '../lib/sources.ts';
import type { IndexedText } from '../lib/text.ts';
import { arrowFileBytes, toArrowTable } from './arrow.ts';
import { CITATION_FILE, citationCff } from './citation.ts';
import { CROISSANT_FILE, croissant } from './croissant.ts';
import { csvText } from './csv.ts';
import { csvwMetadata, csvwName } from './csvw.ts';
import { datapackage, sha256sums, workbookName } from './datapackage.ts';
import { releaseReadme } from './docs.ts';
import { fileInfos, releasePage } from './html.ts'; // release page: see pipeline/export/html.ts
import { jsonldDocument, jsonldText } from './jsonld.ts';
import { parquetBytes } from './parquet.ts';
import { writeRelease, type ReleaseOutcome } from './release.ts';
import { SCHEMAORG_FILE, schemaOrgDataset } from './schemaorg.ts';
import { sqliteBytes, sqliteName } from './sqlite.ts'; // release tooling: see pipeline/export/sqlite.ts
import { VERIFY_FILE, verifyScript } from './verifier.ts';
import { updateDatasetIndex } from './versions.ts'; // release tooling: see pipeline/export/versions.ts // release tooling: see pipeline/export/verifier.ts
import { workbookBytes } from './xlsx.ts';
import { DATASET_TABLES, runNormalize } from '../normalize/stage.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const json = (doc: unknown): Uint8Array => utf8(`${JSON.stringify(doc, null, 2)}\n`);

/**
 * Every file of a release, by name, from validated records. Pure (async only
 * because the workbook writer is). The data files come first; each metadata
 * file then describes the files before it (sizes and hashes), and
 * SHA256SUMS covers them all.
 */
export async function renderRelease(
  dataset: DatasetSchema,
  data: Record<string, Row[]>,
  texts: Map<string, IndexedText>,
  sources: SourceMeta[],
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const add = (name: string, bytes: Uint8Array): void => {
    // Two outputs with one name would silently lose one of them.
    if (files.has(name)) {
      throw new PipelineError('schema/invalid', `two files of the release would be named ${name}`, {
        value: name,
        expected: 'table names that do not collide with the release files (see schema/dataset.yaml)',
      });
    }
    files.set(name, bytes);
  };
  for (const table of dataset.tables) {
    const rows = data[table.name]!;
    const arrow = toArrowTable(table, rows, dataset);
    add(`${table.name}.csv`, utf8(csvText(table, rows)));
    add(`${table.name}.arrow`, arrowFileBytes(arrow));
    add(`${table.name}.parquet`, parquetBytes(arrow));
    add(`${table.name}.jsonld`, utf8(jsonldText(jsonldDocument(table, rows, dataset, texts))));
    add(csvwName(table), json(csvwMetadata(table, dataset)));
  }
  add(workbookName(dataset), await workbookBytes(dataset, data, sources));
  add(CROISSANT_FILE, json(croissant(dataset, sources, files)));
  add(SCHEMAORG_FILE, json(schemaOrgDataset(dataset, data, sources, files)));
  add(CITATION_FILE, utf8(citationCff(dataset, sources)));
  add('datapackage.json', json(datapackage(dataset, data, sources, files)));
  add('README.md', utf8(releaseReadme(dataset, sources, files)));
  add(sqliteName(dataset), sqliteBytes(dataset, data)); // release tooling: the SQLite database
  add(VERIFY_FILE, verifyScript()); // release tooling: a downloader's check
  // --- release page (pipeline/export/html.ts): index.html, its data parts in page/ and the source texts in sources/.
  releasePage(dataset, data, texts, sources, fileInfos(files), add, {
    zipHref: `../${dataset.name}-${dataset.version}.zip`,
    jsonld: schemaOrgDataset(dataset, data, sources, files),
  });
  // --- end release page
  add('SHA256SUMS', utf8(sha256sums(files)));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export async function runExport(ctx: StageContext): Promise<{ releaseDir: string; outcome: ReleaseOutcome }> {
  const { paths, log } = ctx;
  // Never from outputs made for other inputs: the stages before recompute what changed.
  const { ids } = await runNormalize(ctx);
  const t0 = performance.now();
  const dataset = loadSchema(paths.schema, paths.root);
  const inDir = path.join(paths.build, 'normalize');
  const data: Record<string, Row[]> = {};
  for (const table of dataset.tables) {
    data[table.name] = DATASET_TABLES.includes(table.name)
      ? readJsonl<Row>(path.join(inDir, `${table.name}.jsonl`), paths.root, 'normalize')
      : ids.flatMap((id) => readJsonl<Row>(path.join(inDir, id, `${table.name}.jsonl`), paths.root, 'normalize'));
  }
  validateTables(dataset, data);
  const sources = loadSources(paths.sources, paths.root);
  const texts = new Map(sources.map((s) => [s.meta.id, s.text]));
  let spans = 0;
  for (const table of dataset.tables) spans += verifySpans(table, data[table.name]!, texts);
  const files = await renderRelease(dataset, data, texts, sources.map((s) => s.meta));
  const releaseDir = path.join(paths.dist, dataset.name, dataset.version);
  const outcome = writeRelease(releaseDir, files, paths.root);
  updateDatasetIndex(path.dirname(releaseDir), dataset.name); // release tooling: zips, LATEST, versions.json, index.html
  const bytes = [...files.values()].reduce((n, b) => n + b.length, 0);
  log(
    `export: read ${dataset.tables.map((t) => `${t.name} (${data[t.name]!.length})`).join(', ')} from ${rel(paths.root, inDir)}/; ` +
      `validated against schema/ and re-sliced ${spans} spans; ` +
      `${outcome === 'written' ? 'wrote' : 'unchanged, identical to'} ${rel(paths.root, releaseDir)}/ (${files.size} files, ${bytes} bytes) in ${elapsed(t0)}`,
  );
  return { releaseDir, outcome };
}
