/**
 * `npm run bench [-- --runs K]`: time the build of the shipped sources/ as a
 * user runs it (a fresh Node process each time, start-up included) and print
 * the median, minimum and maximum of each stage and of the whole.
 *
 * `npm run bench -- --sources 10,100,1000 [--runs K] [--seed S] [--keep]
 * [--timeout MIN]`: for each N, generate N chapters (pipeline/bench/corpus.ts)
 * in a temporary folder and measure the build: wall time and stage times,
 * rows per second, peak RSS, growth against the previous N, the rebuild after
 * one source changes (same build folder, fresh dist), and our CSV and Parquet
 * writers against DuckDB's COPY on the same rows.
 *
 * Figures only: machines are shared and noisy, so nothing is asserted.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appendSentence, generateCorpus } from './bench/corpus.ts';
import {
  hasGnuTime, loggedWriterTimes, median, releaseDirOf, runCliBuild, stageTimes, timeDuckDb, timeOurWriters, type BuildRun,
  type DuckDbTimes, type WriterTimes,
} from './bench/measure.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sources: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '15' },
  },
});
const timeoutMs = Number(values.timeout) * 60_000;
const seed = Number(values.seed);
const STAGES = ['extract', 'normalize', 'export'];

const pad = (s: string | number, w: number): string => String(s).padStart(w);
const sec = (ms: number | undefined | null): string => (ms === undefined || ms === null || Number.isNaN(ms) ? '–' : (ms / 1000).toFixed(2));
const why = (r: BuildRun): string =>
  r.timedOut ? `TIMED OUT after ${values.timeout} min` : `FAILED (exit ${r.status}): ${(r.stderr.split('\n').find((l) => l.startsWith('error')) ?? r.stderr.split('\n')[0] ?? '').slice(0, 160)}`;

async function shipped(runs: number): Promise<void> {
  const samples = new Map<string, number[]>();
  const add = (k: string, v: number): void => void samples.set(k, [...(samples.get(k) ?? []), v]);
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'crr-bench-'));
    const r = await runCliBuild({ build: path.join(dir, 'build'), dist: path.join(dir, 'dist') }, timeoutMs);
    rmSync(dir, { recursive: true, force: true });
    if (!r.ok) {
      console.error(`build ${why(r)}\n${r.stderr}`);
      process.exit(1);
    }
    add('whole build, wall time with Node start-up', r.wallMs);
    for (const [stage, ms] of stageTimes(r.stdout)) add(stage === 'build' ? 'stages together (in-process)' : `stage ${stage}`, ms);
    if (r.peakRssMiB !== null) add('peak RSS (MiB)', r.peakRssMiB);
  }
  console.log(`build of sources/ over ${runs} runs (ms)`);
  console.log(`${'what'.padEnd(44)}${pad('median', 8)}${pad('min', 8)}${pad('max', 8)}`);
  for (const [k, xs] of samples) {
    console.log(`${k.padEnd(44)}${pad(median(xs).toFixed(0), 8)}${pad(Math.min(...xs).toFixed(0), 8)}${pad(Math.max(...xs).toFixed(0), 8)}`);
  }
}

interface Measured {
  n: number;
  textMiB: number;
  genMs: number;
  failure: string | null;
  wallMs: number;
  stages: Map<string, number>;
  rows: number | null;
  rssMiB: number | null;
  rssFrom: string | null;
  rebuildMs: number | null;
  rebuildFailure: string | null;
  ours: WriterTimes | null;
  duck: DuckDbTimes | null;
  dir: string;
}

async function measure(n: number, runs: number): Promise<Measured> {
  const dir = mkdtempSync(path.join(tmpdir(), `crr-bench-${n}-`));
  const sources = path.join(dir, 'sources');
  let t0 = performance.now();
  const ids = generateCorpus(sources, n, seed);
  const genMs = performance.now() - t0;
  const textMiB = ids.reduce((s, id) => s + (statBytes(path.join(sources, id)) ?? 0), 0) / 2 ** 20;
  const m: Measured = {
    n, textMiB, genMs, failure: null, wallMs: NaN, stages: new Map(), rows: null, rssMiB: null, rssFrom: null, rebuildMs: null,
    rebuildFailure: null, ours: null, duck: null, dir,
  };
  const walls: number[] = [];
  const stageSamples = new Map<string, number[]>();
  const rss: number[] = [];
  const build = path.join(dir, 'build');
  let last: BuildRun | null = null;
  for (let i = 0; i < runs; i++) {
    // Each run from a clean build folder, so none of them reads a cache.
    rmSync(build, { recursive: true, force: true });
    const dist = path.join(dir, `dist-${i + 1}`);
    process.stderr.write(`N=${n}: build ${i + 1}/${runs} …\n`);
    const r = await runCliBuild({ sources, build, dist }, timeoutMs);
    if (!r.ok) {
      m.failure = why(r);
      return m;
    }
    last = r;
    walls.push(r.wallMs);
    for (const [s, ms] of stageTimes(r.stdout)) stageSamples.set(s, [...(stageSamples.get(s) ?? []), ms]);
    if (r.peakRssMiB !== null) rss.push(r.peakRssMiB);
    m.rssFrom = r.rssFrom;
    if (i < runs - 1) rmSync(dist, { recursive: true, force: true });
  }
  m.wallMs = median(walls);
  for (const [s, xs] of stageSamples) m.stages.set(s, median(xs));
  m.rssMiB = rss.length ? Math.max(...rss) : null;
  const release = releaseDirOf(path.join(dir, `dist-${runs}`));

  process.stderr.write(`N=${n}: DuckDB COPY on the released rows …\n`);
  m.duck = await timeDuckDb(release, path.join(dir, 'duckdb-out'));
  m.rows = m.duck.rows;
  m.ours = loggedWriterTimes(last!.stdout) ?? timeOurWriters(build);

  // One source changed: a sentence appended, its sha256 and bytes re-pinned;
  // the same build folder (its cache may be used), a fresh dist.
  appendSentence(path.join(sources, ids[0]!), 'The two sides also exchange New Year greetings.');
  process.stderr.write(`N=${n}: rebuild after changing ${ids[0]} …\n`);
  t0 = performance.now();
  const rb = await runCliBuild({ sources, build, dist: path.join(dir, 'dist-rebuild') }, timeoutMs);
  if (rb.ok) m.rebuildMs = rb.wallMs;
  else m.rebuildFailure = why(rb);
  return m;
}

function statBytes(folder: string): number | null {
  try {
    // The text is the folder's one .txt file.
    const txt = readdirSync(folder).find((f) => f.endsWith('.txt'));
    return txt ? statSync(path.join(folder, txt)).size : null;
  } catch {
    return null;
  }
}

function report(results: Measured[], runs: number): void {
  const rssWay = results.find((r) => r.rssFrom)?.rssFrom;
  const writersWay = results.find((r) => r.ours)?.ours?.from;
  console.log('');
  console.log(
    `corpus builds: seed ${seed}, ${runs} run(s) per N (median shown), timeout ${values.timeout} min per build; ` +
      `peak RSS ${rssWay === 'usr-bin-time' ? 'from /usr/bin/time -f %M' : rssWay === 'cli' ? 'from the CLI\'s "peak RSS" line' : 'not available'}`,
  );
  const head = ['N', 'text MiB', 'gen s', 'wall s', ...STAGES.map((s) => `${s} s`), 'rows', 'rows/s', 'RSS MiB', 'growth (N ratio)', 'rebuild s', 'rebuild/full'];
  const widths = [6, 9, 7, 8, 10, 12, 9, 9, 9, 8, 18, 10, 13];
  console.log(head.map((h, i) => pad(h, widths[i]!)).join(''));
  let prev: Measured | null = null;
  for (const r of results) {
    if (r.failure) {
      console.log(`${pad(r.n, widths[0]!)}${pad(r.textMiB.toFixed(2), widths[1]!)}${pad(sec(r.genMs), widths[2]!)}  ${r.failure}`);
      prev = null;
      continue;
    }
    const growth = prev ? `${(r.wallMs / prev.wallMs).toFixed(2)}x (${(r.n / prev.n).toFixed(0)}x)` : '–';
    const cells = [
      r.n, r.textMiB.toFixed(2), sec(r.genMs), sec(r.wallMs), ...STAGES.map((s) => sec(r.stages.get(s))), r.rows ?? '–',
      r.rows !== null ? Math.round(r.rows / (r.wallMs / 1000)) : '–', r.rssMiB !== null ? r.rssMiB.toFixed(0) : '–', growth,
      r.rebuildMs !== null ? sec(r.rebuildMs) : 'failed', r.rebuildMs !== null ? `${(r.rebuildMs / r.wallMs).toFixed(2)}` : '–',
    ];
    console.log(cells.map((c, i) => pad(c, widths[i]!)).join(''));
    if (r.rebuildFailure) console.log(`${pad('', widths[0]!)}  rebuild ${r.rebuildFailure}`);
    prev = r;
  }
  console.log('');
  console.log(
    `writers on the same rows: ours ${writersWay === 'export log' ? 'from the export stage\'s "export: writers" line' : 'timed by the bench in-process on build/normalize/*.jsonl (Parquet includes building its Arrow table)'}; ` +
      'DuckDB COPY TO on one thread, after read_csv of the released CSVs with the datapackage.json types',
  );
  const head2 = ['N', 'rows', 'ours csv ms', 'duck csv ms', 'csv ratio', 'ours pq ms', 'duck pq ms', 'pq ratio'];
  const w2 = [6, 9, 13, 13, 11, 12, 12, 10];
  console.log(head2.map((h, i) => pad(h, w2[i]!)).join(''));
  for (const r of results) {
    if (!r.ours || !r.duck) continue;
    const cells = [
      r.n, r.duck.rows, r.ours.csv.toFixed(0), r.duck.csvMs.toFixed(0), (r.ours.csv / r.duck.csvMs).toFixed(1),
      r.ours.parquet.toFixed(0), r.duck.parquetMs.toFixed(0), (r.ours.parquet / r.duck.parquetMs).toFixed(1),
    ];
    console.log(cells.map((c, i) => pad(c, w2[i]!)).join(''));
  }
}

async function corpus(ns: number[], runs: number): Promise<void> {
  if (!hasGnuTime()) process.stderr.write('no /usr/bin/time: peak RSS comes from the CLI\'s "peak RSS" line when it prints one\n');
  const results: Measured[] = [];
  for (const n of ns) {
    const r = await measure(n, runs);
    results.push(r);
    if (values.keep) process.stderr.write(`N=${n}: kept ${r.dir}\n`);
    else rmSync(r.dir, { recursive: true, force: true });
  }
  report(results, runs);
  if (values.keep) {
    console.log('');
    for (const r of results) console.log(`kept N=${r.n}: ${r.dir} (sources/, build/, dist-*/)`);
  }
}

if (values.sources) {
  const ns = values.sources.split(',').map((s) => Number(s.trim()));
  if (ns.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error(`--sources wants a list of positive integers, such as 10,100,1000; got ${JSON.stringify(values.sources)}`);
    process.exit(2);
  }
  await corpus(ns, Number(values.runs ?? 1));
} else {
  // `npm run bench -- 5` (a bare count) still works, as it did.
  await shipped(Number(values.runs ?? positionals[0] ?? 7));
}
