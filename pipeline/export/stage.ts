/**
 * The export stage: build/normalize/ → dist/<dataset>/<version>/. Validates
 * every record against the schema, re-slices every span from the pinned
 * source texts (the ground truth, re-read and hash-checked here rather than
 * trusted from an intermediate file), renders every format, and releases.
 *
 * Rows stream: a table arrives as batches (one per source), read twice. The
 * first pass checks each row, remembers the keys other tables point at, and
 * gathers what metadata and column dictionaries need (row counts, levels,
 * the longest text, the date range); the second checks foreign keys and
 * hands each batch to every format's writer, which writes to the staging
 * folder as it goes. Memory holds keys and one batch, never a whole table.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DATASET_TABLES, runNormalize } from '../normalize/stage.ts';
import { elapsed, type StageContext } from '../lib/context.ts';
import { removeTree, writeAtomic } from '../lib/io.ts';
import { readJsonFile, readJsonl } from '../lib/jsonl.ts';
import { loadSchema, RecordValidator, rowKey, type DatasetSchema, type Row, type TableSchema } from '../lib/schema.ts';
import { precisionOf, readAudit, unknownRow, unknownTable, type Precision } from '../lib/audit.ts';
import type { Coverage } from '../normalize/coverage.ts';
import type { CuratorEntry } from '../normalize/mentions.ts';
import { verifySpans } from '../lib/spans.ts';
import { loadSource, rel, sha256, type SourceMeta } from '../lib/sources.ts';
import type { IndexedText } from '../lib/text.ts';
import { CHANGES_FILE, checkBump, openChangelog, previousRelease, type ChangeSummary } from './changelog.ts';
import { CITATION_FILE, citationCff } from './citation.ts';
import { CROISSANT_FILE, croissant } from './croissant.ts';
import { csvwMetadata, csvwName } from './csvw.ts';
import { datapackage, sha256sums } from './datapackage.ts';
import { releaseReadme } from './docs.ts';
import { FORMATS, type CloseContext, type FormatContext, type FormatWriter, type ReleaseFormat } from './formats.ts';
import type { FileInfo } from './html.ts';
import { beginRelease, publishRelease, type ReleaseOutcome } from './release.ts';
import { coverageOf, DateRange, SCHEMAORG_FILE, schemaOrgDataset } from './schemaorg.ts';
import { qualityFiles, qualitySummary, type Quality } from './quality.ts';
import { VERIFY_FILE, verifyScript } from './verifier.ts';
import { updateDatasetIndex } from './versions.ts';
import { releaseFiles } from './zip.ts';
import { PIPELINE_DIR, PROJECT_ROOT } from '../lib/versions.ts';
import { DatasetFacts, describeDataset } from './describe.ts';
import { StatsCollector, type TableStats, type TableWriter } from './writer.ts';
import { FolderFiles, MemoryFiles, SourceTexts, type ReleaseFiles } from './files.ts';
import { SIDE_FORMATS, startSide, useSide } from './side-thread.ts';

export type { ReleaseFiles } from './files.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const json = (doc: unknown): Uint8Array => utf8(`${JSON.stringify(doc, null, 2)}\n`);

/** The rows of every table, as batches; each call starts again from the first batch. */
export interface TableSource {
  batches(table: TableSchema): Iterable<Row[]>;
  /** Where the batches are read from, when they are files: then a second thread can read them too (side-thread.ts). */
  onDisk?: { files(table: TableSchema): string[]; sourcesDir: string; root: string };
}

/** Time spent in each writer, for the benchmark's comparison with other tools. */
export type WriterTimes = Map<string, number>;

async function timed<T>(times: WriterTimes, what: string, f: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  try {
    return await f();
  } finally {
    times.set(what, (times.get(what) ?? 0) + performance.now() - t0);
  }
}

export interface RenderResult {
  stats: Map<string, TableStats>;
  spans: number;
  times: WriterTimes;
  /** How the release differs from the previous one; null when there is none. */
  changes: ChangeSummary | null;
  /** The formats written in the side thread (none for a small release). */
  side: string[];
}

/** What the export knows of the release's coverage, curator list and audit (see quality.ts). */
export interface QualityInput {
  coverage: Quality['coverage'];
  curator: CuratorEntry[];
  /** Where the audit judgments live (audit/ of the project), and how messages name that folder. */
  audit: { dir: string; shown: string } | null;
}

/**
 * Every file of a release, from the rows: validated, spans re-sliced, each
 * format written batch by batch. The data files come first; each metadata
 * file then describes the files before it (sizes and hashes), and
 * SHA256SUMS covers them all. changes.csv compares the rows with the
 * release folder `previous` (null: a first version).
 */
export async function writeReleaseFiles(
  fixed: DatasetSchema,
  tables: TableSource,
  texts: { get(sourceId: string): IndexedText | undefined },
  sources: SourceMeta[],
  out: ReleaseFiles,
  previous: string | null = null,
  quality: QualityInput | null = null,
): Promise<RenderResult> {
  const validator = new RecordValidator(fixed);
  // Judgments are checked against the rows as they pass: only the judged ids are kept, not every id.
  const audit = quality?.audit ? readAudit(quality.audit.dir, fixed.version, quality.audit.shown) : new Map();
  for (const [table, { shown }] of audit) if (!fixed.tables.some((t) => t.name === table)) throw unknownTable(table, shown);
  const judgedFound = new Map<string, Set<string>>();
  const stats = new Map<string, TableStats>();
  const start = new DateRange();
  const end = new DateRange();
  const facts = new DatasetFacts();
  const cov = fixed.temporal_coverage;
  let spans = 0;
  for (const table of fixed.tables) {
    const collect = new StatsCollector(table);
    const judged = audit.get(table.name) ? new Set(audit.get(table.name)!.judgments.map((j: { row_id: string }) => j.row_id)) : null;
    const found = new Set<string>();
    judgedFound.set(table.name, found);
    for (const batch of tables.batches(table)) {
      validator.checkRows(table, batch);
      if (judged) for (const r of batch) if (judged.has(rowKey(table, r))) found.add(rowKey(table, r));
      spans += verifySpans(table, batch, texts);
      collect.add(batch);
      facts.add(table.name, batch);
      if (cov.start.table === table.name) for (const r of batch) start.add(r[cov.start.field]);
      if (cov.end.table === table.name) for (const r of batch) end.add(r[cov.end.field]);
    }
    stats.set(table.name, collect.stats());
  }
  let precision: Precision[] | null = null;
  if (audit.size > 0) {
    precision = [];
    for (const [table, { shown, judgments }] of audit) {
      // A row the fix removed is no longer in the release; any other judged row must be.
      for (const j of judgments) if (!judgedFound.get(table)!.has(j.row_id) && j.verdict !== 'fixed') throw unknownRow(table, fixed.version, shown, j);
      precision.push(precisionOf(table, judgments));
    }
  }
  const temporal = coverageOf(start, end);
  // What dataset.yaml leaves out is computed from the sources before any file describes the dataset.
  const dataset = describeDataset(fixed, sources, facts, temporal);
  const times: WriterTimes = new Map();
  const ctx: FormatContext = { dataset, stats, texts, sources, out };
  const rows = [...stats.values()].reduce((n, s) => n + s.rows, 0);
  const disk = tables.onDisk;
  const side =
    disk && out.dir && useSide(rows)
      ? startSide({
          formats: FORMATS.filter((f) => SIDE_FORMATS.includes(f.id)).map((f) => f.id),
          staging: out.dir,
          dataset,
          stats: new Map(stats),
          sources,
          sourcesDir: disk.sourcesDir,
          root: disk.root,
          files: Object.fromEntries(dataset.tables.map((t) => [t.name, disk.files(t)])),
        })
      : null;
  const adopt = (r: { infos: FileInfo[]; times: [string, number][] }): void => {
    out.adopt!(r.infos);
    for (const [id, ms] of r.times) times.set(id, (times.get(id) ?? 0) + ms);
  };
  try {
    const writers: [ReleaseFormat, FormatWriter][] = [];
    for (const f of FORMATS) if (!side?.formats.has(f.id)) writers.push([f, await timed(times, f.id, () => f.open(ctx))]);
    const changelog = openChangelog(previous, dataset);
    for (const table of dataset.tables) {
      const open: [string, TableWriter][] = [];
      for (const [f, w] of writers) open.push([f.id, await timed(times, f.id, () => w.beginTable(table))]);
      for (const batch of tables.batches(table)) {
        validator.checkLinks(table, batch);
        changelog.addRows(table, batch);
        for (const [id, w] of open) await timed(times, id, () => w.write(batch));
      }
      for (const [id, w] of open) await timed(times, id, () => w.close());
      out.put(csvwName(table), json(csvwMetadata(table, dataset)));
    }
    if (side) adopt(await side.written());
    const said: Quality | null = quality ? { coverage: quality.coverage, curator: quality.curator, precision } : null;
    const summary = said ? qualitySummary(said) : undefined;
    if (said) for (const [name, text] of qualityFiles(said, texts)) out.put(name, utf8(text));
    const files = (): Map<string, FileInfo> => out.infos();
    const closing: CloseContext = { files, jsonld: () => schemaOrgDataset(dataset, temporal, sources, files()), quality: () => summary };
    for (const [f, w] of writers) if (!f.last) await timed(times, f.id, () => w.close(closing));
    if (side) adopt(await side.close(false, [...files().values()], undefined, summary));
    out.put(CHANGES_FILE, changelog.close());
    out.put(CROISSANT_FILE, json(croissant(dataset, sources, files())));
    out.put(SCHEMAORG_FILE, json(schemaOrgDataset(dataset, temporal, sources, files())));
    out.put(CITATION_FILE, utf8(citationCff(dataset, sources)));
    out.put('datapackage.json', json(datapackage(dataset, stats, sources, files())));
    out.put(VERIFY_FILE, verifyScript());
    out.put('README.md', utf8(releaseReadme(dataset, sources, files(), summary)));
    // The page lists every other file, so it closes after them.
    for (const [f, w] of writers) if (f.last) await timed(times, f.id, () => w.close(closing));
    if (side) adopt(await side.close(true, [...files().values()], closing.jsonld(), summary));
    out.put('SHA256SUMS', utf8(sha256sums(files())));
    return { stats, spans, times, changes: changelog.summary(), side: side ? [...side.formats] : [] };
  } finally {
    await side?.stop();
  }
}

/** Every file of a release in memory, from whole tables: the same files an export writes. */
export async function renderRelease(
  dataset: DatasetSchema,
  data: Record<string, Row[]>,
  texts: Map<string, IndexedText>,
  sources: SourceMeta[],
  previous: string | null = null,
): Promise<Map<string, Uint8Array>> {
  const out = new MemoryFiles();
  await writeReleaseFiles(dataset, { batches: (t) => [data[t.name] ?? []] }, texts, sources, out, previous);
  return out.sorted();
}

/** The project's audit folder, when the sources built are the project's own (judgments apply to them only). */
function auditDirOf(paths: StageContext['paths']): string | null {
  return paths.audit ?? (path.resolve(paths.sources) === path.join(paths.root, 'sources') ? path.join(paths.root, 'audit') : null);
}

/** The coverage reports and curator list that normalize wrote, and the project's audit folder. */
function readQuality(paths: StageContext['paths'], ids: readonly string[]): QualityInput {
  const auditDir = auditDirOf(paths);
  const read = <T>(file: string): T => readJsonFile<T>(file, paths.root, 'normalize');
  const sources: Record<string, Coverage> = {};
  for (const id of ids) sources[id] = read<Coverage>(path.join(paths.build, 'normalize', id, 'coverage.json'));
  return {
    coverage: { all: read<Coverage>(path.join(paths.build, 'coverage.json')), sources },
    curator: readJsonl<CuratorEntry>(path.join(paths.build, 'curation', 'curator-list.jsonl'), paths.root, 'normalize'),
    audit: auditDir ? { dir: auditDir, shown: rel(paths.root, auditDir) } : null,
  };
}

/** `<what> <path> <sha256>` for every file under `dir`, in path order; nothing for a folder that is not there. */
function treeLines(what: string, dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .map((f) => `${what} ${path.relative(dir, f).split(path.sep).join('/')} ${sha256(readFileSync(f))}`)
    .sort();
}

/**
 * The key of everything a release is made from: the normalize key (every
 * source's unit key and the dataset steps), all of the pipeline's code and
 * assets (not only the export's imports: the page's script is bundled from
 * files no module imports), the lock file, the Node version, the schema,
 * every file of every source folder built, the audit judgments, and the
 * previous release that changes.csv compares with. Coarse on purpose: a
 * change anywhere makes the export run again, which is only slower.
 */
function exportKey(paths: StageContext['paths'], normalizeKey: string, ids: readonly string[], previous: string | null): string {
  const lock = path.join(PROJECT_ROOT, 'package-lock.json');
  const audit = auditDirOf(paths);
  return sha256(
    [
      `normalize ${normalizeKey}`,
      `node ${process.version}`,
      `lock ${existsSync(lock) ? sha256(readFileSync(lock)) : 'none'}`,
      ...treeLines('code', PIPELINE_DIR),
      ...treeLines('schema', paths.schema),
      ...ids.flatMap((id) => treeLines(`source ${id}`, path.join(paths.sources, id))),
      ...(audit ? treeLines('audit', audit) : []),
      `previous ${previous ? `${path.basename(previous)} ${existsSync(path.join(previous, 'SHA256SUMS')) ? sha256(readFileSync(path.join(previous, 'SHA256SUMS'))) : 'no sums'}` : 'none'}`,
    ].join('\n'),
  );
}

/** What an export records of the release it published, in build/export/: the key of its inputs and every file's sha256. */
interface ExportRecord {
  key: string;
  files: Record<string, string>;
}

const recordFile = (paths: StageContext['paths'], name: string, version: string): string => path.join(paths.build, 'export', `${name}-${version}.json`);

/**
 * The release folder is exactly what an export made from these inputs: the
 * record's key matches, and the folder holds the recorded files, no more,
 * each with its recorded sha256. Anything else (no record, other inputs, a
 * file edited, added or removed in dist/) is null, and the export runs.
 */
function keptRelease(file: string, key: string, releaseDir: string): { files: number; bytes: number } | null {
  if (!existsSync(file) || !existsSync(releaseDir)) return null;
  let record: ExportRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as ExportRecord;
  } catch {
    return null;
  }
  if (record.key !== key) return null;
  const names = releaseFiles(releaseDir);
  if (names.length !== Object.keys(record.files).length) return null;
  let bytes = 0;
  for (const name of names) {
    const data = readFileSync(path.join(releaseDir, name));
    if (record.files[name] !== sha256(data)) return null;
    bytes += data.length;
  }
  return { files: names.length, bytes };
}

/** Where the facts read from released versions are kept between builds (see updateDatasetIndex). */
const versionCache = (build: string): string => path.join(build, 'cache', 'versions');

export async function runExport(ctx: StageContext): Promise<{ releaseDir: string; outcome: ReleaseOutcome }> {
  const { paths, log } = ctx;
  // Never from outputs made for other inputs: the stages before recompute what changed.
  const { ids, key: normalizeKey } = await runNormalize(ctx);
  const t0 = performance.now();
  const dataset = loadSchema(paths.schema, paths.root);
  const releaseDir = path.join(paths.dist, dataset.name, dataset.version);
  const previous = previousRelease(path.dirname(releaseDir), dataset.version);
  const key = exportKey(paths, normalizeKey, ids, previous);
  const record = recordFile(paths, dataset.name, dataset.version);
  const kept = keptRelease(record, key, releaseDir);
  if (kept) {
    await updateDatasetIndex(path.dirname(releaseDir), dataset.name, versionCache(paths.build));
    log(
      `export: inputs unchanged since ${rel(paths.root, releaseDir)}/ was made from them, and its ${kept.files} files (${kept.bytes} bytes) ` +
        `each match the sha256 recorded in ${rel(paths.root, record)}: nothing to write, in ${elapsed(t0)}`,
    );
    return { releaseDir, outcome: 'unchanged' };
  }
  const inDir = path.join(paths.build, 'normalize');
  const filesOf = (table: TableSchema): string[] =>
    DATASET_TABLES.includes(table.name) ? [path.join(inDir, `${table.name}.jsonl`)] : ids.map((id) => path.join(inDir, id, `${table.name}.jsonl`));
  const tables: TableSource = {
    *batches(table) {
      for (const file of filesOf(table)) yield readJsonl<Row>(file, paths.root, 'normalize');
    },
    onDisk: { files: filesOf, sourcesDir: paths.sources, root: paths.root },
  };
  const texts = new SourceTexts(paths.sources, paths.root);
  const sources = ids.map((id) => loadSource(path.join(paths.sources, id), paths.root).meta);
  const staged = beginRelease(releaseDir, paths.root);
  let result: RenderResult;
  let files: Map<string, FileInfo>;
  try {
    const out = new FolderFiles(staged.dir);
    result = await writeReleaseFiles(dataset, tables, texts, sources, out, previous, readQuality(paths, ids));
    files = out.infos();
    // Staged, never published: a version that moves less than its changes need leaves dist/ as it was.
    if (previous && result.changes) checkBump(path.basename(previous), dataset.version, result.changes, rel(paths.root, path.join(paths.schema, 'dataset.yaml')));
  } catch (e) {
    removeTree(staged.dir);
    throw e;
  }
  const outcome = publishRelease(staged, releaseDir, paths.root);
  // Written only once the release folder holds exactly these files, whether just published or found identical.
  writeAtomic(record, `${JSON.stringify({ key, files: Object.fromEntries([...files].map(([n, f]) => [n, f.sha256])) } satisfies ExportRecord, null, 2)}\n`, paths.root);
  await updateDatasetIndex(path.dirname(releaseDir), dataset.name, versionCache(paths.build)); // zips, LATEST, versions.json, index.html
  const bytes = [...files.values()].reduce((n, f) => n + f.bytes, 0);
  log(
    `export: read ${dataset.tables.map((t) => `${t.name} (${result.stats.get(t.name)!.rows})`).join(', ')} from ${rel(paths.root, inDir)}/; ` +
      `validated against schema/ and re-sliced ${result.spans} spans; ` +
      `${outcome === 'written' ? 'wrote' : 'unchanged, identical to'} ${rel(paths.root, releaseDir)}/ (${files.size} files, ${bytes} bytes) in ${elapsed(t0)}`,
  );
  log(`export: writers${result.side.length ? ` (${result.side.join(', ')} in a second thread)` : ''} ${[...result.times].map(([w, ms]) => `${w}=${ms.toFixed(0)}ms`).join(' ')}`);
  return { releaseDir, outcome };
}
