/**
 * Measuring a build from outside, as a user runs it: a fresh Node process
 * (start-up included), its wall time, the stage times it logs, its peak
 * resident memory, and how our CSV and Parquet writers compare with DuckDB's
 * `COPY … TO` on the same rows. Figures only; nothing here judges them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { toArrowTable } from '../export/arrow.ts';
import { csvText } from '../export/csv.ts';
import { parquetBytes } from '../export/parquet.ts';
import { readJsonl } from '../lib/jsonl.ts';
import { loadSchema, type Row } from '../lib/schema.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TIME = '/usr/bin/time';
/** GNU time's report, on the last line of stderr. */
const TIME_LINE = /^peak_rss_kb=(\d+)$/m;
/** What the CLI prints when it measures itself. */
const CLI_RSS = /peak RSS (\d+) MiB/;
const STAGE_LINE = /^(\w+): .* in (\d+) ms$/;
const WRITERS_LINE = /^export: writers\b.*$/m;

export interface BuildRun {
  ok: boolean;
  timedOut: boolean;
  status: number | null;
  wallMs: number;
  stdout: string;
  stderr: string;
  /** Peak resident set of the build process, and where the figure came from. */
  peakRssMiB: number | null;
  rssFrom: 'usr-bin-time' | 'cli' | null;
}

export const hasGnuTime = (): boolean => existsSync(TIME);

/**
 * Run the build in a fresh process, as `npm run build` does (pipeline/launch.mjs,
 * which compiles the command line once per code version). Under GNU time when it is there (its
 * %M is the child's peak RSS in KiB); otherwise the CLI's own "peak RSS"
 * line is used if it prints one. The child runs in its own process group so
 * a timeout ends it and everything it started, and nothing else.
 */
export function runCliBuild(args: { sources?: string; build: string; dist: string }, timeoutMs: number): Promise<BuildRun> {
  const cli = [process.execPath, 'pipeline/launch.mjs', 'build', '--build', args.build, '--dist', args.dist];
  if (args.sources) cli.push('--sources', args.sources);
  const gnu = hasGnuTime();
  const [cmd, ...argv] = gnu ? [TIME, '-f', 'peak_rss_kb=%M', ...cli] : cli;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd!, argv, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const fromTime = TIME_LINE.exec(stderr);
      const fromCli = CLI_RSS.exec(stdout) ?? CLI_RSS.exec(stderr);
      const peakRssMiB = fromTime ? Number(fromTime[1]) / 1024 : fromCli ? Number(fromCli[1]) : null;
      resolve({
        ok: !timedOut && status === 0,
        timedOut,
        status,
        wallMs,
        stdout,
        stderr: stderr.replace(TIME_LINE, '').trim(),
        peakRssMiB,
        rssFrom: fromTime ? 'usr-bin-time' : fromCli ? 'cli' : null,
      });
    });
  });
}

/** Stage times from the log lines "<stage>: … in <N> ms" (the first such line of each stage). */
export function stageTimes(stdout: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of stdout.split('\n')) {
    const m = STAGE_LINE.exec(line);
    if (m && !out.has(m[1]!)) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

export interface WriterTimes {
  csv: number;
  parquet: number;
  arrow: number | null;
  from: 'export log' | 'bench, in-process';
}

/** The export stage's own writer times, when it prints them. */
export function loggedWriterTimes(stdout: string): WriterTimes | null {
  const line = WRITERS_LINE.exec(stdout)?.[0];
  if (!line) return null;
  const ms = (id: string): number => Number(new RegExp(`\\b${id}=(\\d+)ms`).exec(line)?.[1] ?? NaN);
  return { csv: ms('csv'), arrow: ms('arrow'), parquet: ms('parquet'), from: 'export log' };
}

/**
 * Our writers timed here, on the rows of build/normalize/<table>.jsonl: the
 * CSV text, and the Parquet bytes including the Arrow table they are made
 * from (the Parquet writer takes Arrow).
 */
export function timeOurWriters(buildDir: string): WriterTimes {
  const dataset = loadSchema(path.join(ROOT, 'schema'), ROOT);
  let csv = 0;
  let parquet = 0;
  for (const table of dataset.tables) {
    const rows = readJsonl<Row>(path.join(buildDir, 'normalize', `${table.name}.jsonl`), ROOT, 'normalize');
    let t0 = performance.now();
    csvText(table, rows);
    csv += performance.now() - t0;
    t0 = performance.now();
    parquetBytes(toArrowTable(table, rows, dataset));
    parquet += performance.now() - t0;
  }
  return { csv, parquet, arrow: null, from: 'bench, in-process' };
}

/** The one release folder a fresh dist holds: dist/<dataset>/<version>/. */
export function releaseDirOf(dist: string): string {
  const [dataset] = readdirSync(dist);
  const [version] = readdirSync(path.join(dist, dataset!));
  return path.join(dist, dataset!, version!);
}

const DUCK_TYPES: Record<string, string> = { string: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE' };
const sql = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export interface DuckDbTimes {
  rows: number;
  /** Rows per table, as DuckDB read them from the released CSVs. */
  tables: Map<string, number>;
  loadMs: number;
  csvMs: number;
  parquetMs: number;
}

/**
 * Load every released CSV into DuckDB with the types of the release's
 * datapackage.json (a multi-valued field stays its joined text), then time
 * `COPY t TO '….parquet' (FORMAT parquet, COMPRESSION zstd)` and
 * `COPY t TO '….csv'`. One thread, as our writers run on one.
 */
export async function timeDuckDb(releaseDir: string, scratch: string): Promise<DuckDbTimes> {
  const dp = JSON.parse(readFileSync(path.join(releaseDir, 'datapackage.json'), 'utf8')) as {
    resources: { name: string; path: string; format: string; schema?: { fields: { name: string; type: string }[] } }[];
  };
  mkdirSync(scratch, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run('SET threads TO 1');
    const out: DuckDbTimes = { rows: 0, tables: new Map(), loadMs: 0, csvMs: 0, parquetMs: 0 };
    // The dataset's tables (each has its CSVW sidecar), not the curator list the release also describes.
    for (const r of dp.resources.filter((x) => x.format === 'csv' && x.schema && existsSync(path.join(releaseDir, `${x.name}.csv-metadata.json`)))) {
      const columns = r.schema!.fields.map((f) => `${sql(f.name)}: ${sql(DUCK_TYPES[f.type] ?? 'VARCHAR')}`).join(', ');
      const t = `t_${r.name}`;
      let t0 = performance.now();
      await conn.run(
        `CREATE TABLE ${t} AS SELECT * FROM read_csv(${sql(path.join(releaseDir, r.path))}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}})`,
      );
      out.loadMs += performance.now() - t0;
      const n = Number((await conn.runAndReadAll(`SELECT count(*) AS n FROM ${t}`)).getRowObjectsJS()[0]!.n);
      out.tables.set(r.name, n);
      out.rows += n;
      t0 = performance.now();
      await conn.run(`COPY ${t} TO ${sql(path.join(scratch, `${r.name}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`);
      out.parquetMs += performance.now() - t0;
      t0 = performance.now();
      await conn.run(`COPY ${t} TO ${sql(path.join(scratch, `${r.name}.csv`))} (FORMAT csv, HEADER true)`);
      out.csvMs += performance.now() - t0;
    }
    return out;
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
