/**
 * npm run audit -- TABLE [N] [SEED] [--release DIR] [--audit DIR]
 *   prints a seeded sample of N rows (default 20, seed 1) of one table of a
 *   release, each row with its evidence marked inside its sentence, its
 *   paragraph and line, and the judgment already recorded for it, then the
 *   lines to add to audit/<version>/<table>.csv for the rows not yet judged.
 * npm run audit -- precision [--release DIR] [--audit DIR]
 *   prints the precision of every audited table of the release's version.
 *
 * The release is dist/<dataset>/<LATEST> unless --release names a folder
 * (a downloaded copy works: only its CSV files, their CSVW metadata and its
 * sources/ texts are read).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { auditOfVersion, evidenceContext, formatPrecision, readJudgments, rowId, sampleRows, type CsvRow } from './lib/audit.ts';
import { isPipelineError, PipelineError } from './lib/errors.ts';
import { loadYamlFile } from './lib/yaml.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run audit -- <TABLE [N] [SEED] | precision> [--release DIR] [--audit DIR]';

/** Columns every table has; shown apart from the row's own fields. */
const PROVENANCE = new Set(['source_id', 'span_start', 'span_end', 'evidence', 'extractor', 'found_by']);
/** Pairs of span columns besides the row's own (a conflict's two sides). */
const SIDE_SPANS = [['span_a_start', 'span_a_end', 'evidence_a'], ['span_b_start', 'span_b_end', 'evidence_b']] as const;

interface Release {
  dir: string;
  version: string;
  tables: string[];
  primaryKey(table: string): string[];
  rows(table: string): CsvRow[];
  text(sourceId: string): string[];
}

function openRelease(dir: string): Release {
  const descriptor = path.join(dir, 'datapackage.json');
  if (!existsSync(descriptor)) throw new PipelineError('audit/invalid', 'no datapackage.json: not a release folder', { file: dir, expected: 'a release folder such as dist/<dataset>/<version>' });
  const pkg = JSON.parse(readFileSync(descriptor, 'utf8')) as { version: string; resources: { name: string; path: string; format?: string }[] };
  const tables = pkg.resources.filter((r) => r.format === 'csv' && existsSync(path.join(dir, `${r.name}.csv-metadata.json`))).map((r) => r.name);
  const rowCache = new Map<string, CsvRow[]>();
  const textCache = new Map<string, string[]>();
  return {
    dir,
    version: pkg.version,
    tables,
    primaryKey(table) {
      const meta = JSON.parse(readFileSync(path.join(dir, `${table}.csv-metadata.json`), 'utf8')) as { tableSchema: { primaryKey?: string | string[] } };
      const pk = meta.tableSchema.primaryKey ?? [];
      return Array.isArray(pk) ? pk : [pk];
    },
    rows(table) {
      if (!rowCache.has(table)) rowCache.set(table, parse(readFileSync(path.join(dir, `${table}.csv`), 'utf8'), { columns: true, bom: true }) as CsvRow[]);
      return rowCache.get(table)!;
    },
    text(sourceId) {
      if (!textCache.has(sourceId)) {
        const file = path.join(dir, 'sources', `${sourceId}.txt`);
        if (!existsSync(file)) throw new PipelineError('audit/invalid', `the release has no text for source ${sourceId}`, { file: path.relative(root, file) || file, expected: 'the source texts under sources/ of the release' });
        textCache.set(sourceId, [...readFileSync(file, 'utf8')]);
      }
      return textCache.get(sourceId)!;
    },
  };
}

function latestRelease(): string {
  const ds = loadYamlFile(path.join(root, 'schema', 'dataset.yaml'), root) as { name: string };
  const latest = readFileSync(path.join(root, 'dist', ds.name, 'LATEST'), 'utf8').trim();
  return path.join(root, 'dist', ds.name, latest);
}

const clip = (s: string, n = 300): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function show(release: Release, table: string, n: number, seed: number, auditDir: string): void {
  if (!release.tables.includes(table)) throw new PipelineError('audit/invalid', `the release has no table named ${table}`, { value: table, expected: release.tables.join(', ') });
  const pk = release.primaryKey(table);
  const rows = release.rows(table);
  const file = path.join(auditDir, release.version, `${table}.csv`);
  const shownFile = path.relative(root, file) || file;
  const judged = new Map(readJudgments(file, shownFile).map((j) => [j.row_id, j]));
  const sample = sampleRows(rows, (r) => rowId(r, pk), n, seed);
  console.log(`${table}: ${sample.length} of ${rows.length} rows, seed ${seed}, release ${release.version}\n`);
  const todo: string[] = [];
  sample.forEach((row, i) => {
    const id = rowId(row, pk);
    const j = judged.get(id);
    console.log(`[${i + 1}/${sample.length}] ${id}   ${j?.verdict ? `judged ${j.verdict}${j.reason ? `: ${j.reason}` : ''}` : 'not judged'}`);
    for (const [k, v] of Object.entries(row)) if (!PROVENANCE.has(k) && !pk.includes(k) && v !== '') console.log(`    ${k}: ${clip(v)}`);
    const spans: [string, string, string, string][] = [['evidence', row.span_start ?? '', row.span_end ?? '', row.evidence ?? '']];
    for (const [s, e, ev] of SIDE_SPANS) if (row[s]) spans.push([ev, row[s]!, row[e]!, row[ev] ?? '']);
    for (const [label, s, e, evidence] of spans) {
      if (s === '' || !row.source_id) continue;
      const ctx = evidenceContext(release.text(row.source_id), Number(s), Number(e), evidence);
      console.log(`  ${label} (${row.source_id}, line ${ctx.line}${ctx.matches ? '' : ', DOES NOT RE-SLICE'}): ${clip(ctx.sentence, 600)}`);
      if (ctx.paragraph.length > ctx.sentence.length + 2) console.log(`  paragraph: ${clip(ctx.paragraph, 900)}`);
    }
    console.log(`  made by ${row.extractor}${row.found_by && row.found_by !== row.extractor ? `, found by ${row.found_by}` : ''}\n`);
    if (!j?.verdict) todo.push(`${/[",\n]/.test(id) ? `"${id.replace(/"/g, '""')}"` : id},,`);
  });
  if (todo.length > 0) {
    console.log(`To judge, add these lines to ${shownFile} (header row_id,verdict,reason; verdict correct or wrong; a reason for every wrong):`);
    for (const t of todo) console.log(t);
  }
}

function precision(release: Release, auditDir: string): void {
  const ids = (table: string): Set<string> | null => {
    if (!release.tables.includes(table)) return null;
    const pk = release.primaryKey(table);
    return new Set(release.rows(table).map((r) => rowId(r, pk)));
  };
  const results = auditOfVersion(auditDir, release.version, ids, path.relative(root, auditDir) || auditDir);
  if (results.length === 0) {
    console.log(`release ${release.version}: no audit (no files in ${path.relative(root, path.join(auditDir, release.version))})`);
    return;
  }
  console.log(`release ${release.version}: precision per table, from the judgments in ${path.relative(root, path.join(auditDir, release.version))}`);
  for (const p of results) console.log(`  ${p.table.padEnd(20)} ${formatPrecision(p)}${p.pending ? `, ${p.pending} waiting` : ''}`);
  const all = results.reduce((a, p) => ({ c: a.c + p.correct, n: a.n + p.judged }), { c: 0, n: 0 });
  if (all.n > 0) console.log(`  ${'all tables'.padEnd(20)} ${((100 * all.c) / all.n).toFixed(1)} % of ${all.n} rows judged`);
}

function main(argv: string[]): number {
  const positional: string[] = [];
  let releaseDir: string | null = null;
  let auditDir = path.join(root, 'audit');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--release' || a === '--audit') {
      const v = argv[++i];
      if (!v) throw new PipelineError('audit/invalid', `${a} needs a folder`, { expected: USAGE });
      if (a === '--release') releaseDir = path.resolve(v);
      else auditDir = path.resolve(v);
    } else positional.push(a);
  }
  const [what, nArg, seedArg] = positional;
  if (!what) {
    console.error(USAGE);
    return 2;
  }
  const release = openRelease(releaseDir ?? latestRelease());
  if (what === 'precision') {
    precision(release, auditDir);
    return 0;
  }
  const n = nArg === undefined ? 20 : Number(nArg);
  const seed = seedArg === undefined ? 1 : Number(seedArg);
  if (!Number.isInteger(n) || n < 1) throw new PipelineError('audit/invalid', 'the sample size is not a positive whole number', { value: nArg, expected: USAGE });
  if (!Number.isInteger(seed) || seed < 0) throw new PipelineError('audit/invalid', 'the seed is not a whole number ≥ 0', { value: seedArg, expected: USAGE });
  show(release, what, n, seed, auditDir);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (!isPipelineError(e)) throw e;
  console.error(`error ${e.message}`);
  process.exitCode = 1;
}
