/**
 * Formats written in a second thread, beside the export's own. A large
 * release's page (its records, links and search index) costs about as much
 * CPU as the other formats together (at 300 chapters 34 s, against 25 s for
 * CSV, Arrow, Parquet, JSON-LD, the workbook and SQLite), so on a machine
 * with two cores it runs in a worker thread that reads the tables'
 * batches itself, from the same normalize files, while the main thread
 * validates each batch and writes the other formats. Nothing is posted per
 * row: the thread gets the names of the files and hands back only the names,
 * sizes and hashes of what it wrote into the same staging folder. The bytes
 * are those of the same writers run in the main thread
 * (test/side-thread.test.ts compares a release made both ways).
 *
 * The export still decides everything: it validates every row (the thread
 * trusts the files because the main thread reads the same ones and stops the
 * release at the first bad row, removing the staging folder the thread
 * writes into) and closes the thread's formats when the order of the
 * release's files asks for it: a format the metadata files describe before
 * them, the page after every other file, which it lists.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { isPipelineError, PipelineError } from '../lib/errors.ts';
import { readJsonl } from '../lib/jsonl.ts';
import { workerModule } from '../lib/pool.ts';
import type { DatasetSchema, Row } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import { FolderFiles, SourceTexts } from './files.ts';
import { FORMATS, type CloseContext, type FormatWriter } from './formats.ts';
import type { FileInfo } from './html.ts';
import type { TableStats } from './writer.ts';

/** The formats written in the side thread. */
export const SIDE_FORMATS: readonly string[] = ['page'];
/** From this many rows on, starting the thread (about a second of loading modules) costs less than it saves. */
export const SIDE_ROWS = 50_000;

/**
 * Whether a release of `rows` rows writes the side formats in their thread:
 * `CRR_WORKERS=0` keeps everything in the main thread, and `CRR_SIDE_ROWS`
 * moves the threshold (the tests use the thread on a small release).
 */
export function useSide(rows: number): boolean {
  if (process.env.CRR_WORKERS === '0') return false;
  const env = process.env.CRR_SIDE_ROWS;
  const threshold = env === undefined || env === '' || !/^\d+$/.test(env) ? SIDE_ROWS : Number(env);
  return rows >= threshold;
}

export interface SideTask {
  port: MessagePort;
  formats: string[];
  staging: string;
  dataset: DatasetSchema;
  stats: Map<string, TableStats>;
  sources: SourceMeta[];
  sourcesDir: string;
  root: string;
  /** Every table's batches, as the JSONL files the main thread reads, in the same order. */
  files: Record<string, string[]>;
}

type ToSide = { type: 'close'; last: boolean; files: FileInfo[]; jsonld?: unknown; quality?: string[] };
type FromSide =
  | { type: 'written' | 'closed'; infos: FileInfo[]; times: [string, number][] }
  | { type: 'failed'; code?: string; message: string; details?: object };

/** A piscina task: the side formats of one release. */
export default async function writeSide(task: SideTask): Promise<void> {
  const { port } = task;
  const messages: ToSide[] = [];
  let wake: (() => void) | null = null;
  port.on('message', (m: ToSide) => {
    messages.push(m);
    wake?.();
  });
  const next = async (): Promise<ToSide> => {
    while (messages.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return messages.shift()!;
  };
  const out = new FolderFiles(task.staging);
  const sent = new Set<string>();
  const times = new Map<string, number>();
  // Files a writer's settle() made, by whether that writer is last: reported with what its close() writes, not before.
  const held = new Map<string, boolean>();
  const fresh = (closing: boolean | null = null): FileInfo[] =>
    [...out.infos().values()].filter((f) => !sent.has(f.name) && (!held.has(f.name) || held.get(f.name) === closing) && sent.add(f.name));
  const timed = async (id: string, f: () => Promise<unknown> | unknown): Promise<void> => {
    const t0 = performance.now();
    try {
      await f();
    } finally {
      times.set(id, (times.get(id) ?? 0) + performance.now() - t0);
    }
  };
  try {
    const ctx = { dataset: task.dataset, stats: task.stats, texts: new SourceTexts(task.sourcesDir, task.root), sources: task.sources, out };
    const writers: [string, boolean, FormatWriter][] = [];
    for (const id of task.formats) {
      const f = FORMATS.find((x) => x.id === id)!;
      let w: FormatWriter | null = null;
      await timed(id, async () => (w = await f.open(ctx)));
      writers.push([id, f.last === true, w!]);
    }
    for (const table of task.dataset.tables) {
      const open = [];
      for (const [id, , w] of writers) {
        let t = null;
        await timed(id, async () => (t = await w.beginTable(table)));
        open.push([id, t!] as const);
      }
      for (const file of task.files[table.name] ?? []) {
        const rows = readJsonl<Row>(file, task.root, 'normalize');
        for (const [id, t] of open) await timed(id, () => t.write(rows));
      }
      for (const [id, t] of open) await timed(id, () => t.close());
    }
    port.postMessage({ type: 'written', infos: fresh(), times: [...times] } satisfies FromSide);
    // While the main thread still writes its formats, this one writes what its
    // formats can before they close (the page's search index: most of its close).
    const settleTimes = new Map<string, number>();
    for (const [id, isLast, w] of writers) {
      if (!w.settle) continue;
      const before = new Set(out.infos().keys());
      const t0 = performance.now();
      await w.settle();
      settleTimes.set(id, (settleTimes.get(id) ?? 0) + performance.now() - t0);
      for (const name of out.infos().keys()) if (!before.has(name)) held.set(name, isLast);
    }
    for (const last of [false, true]) {
      const m = await next();
      // The files the page lists: the main thread's and this thread's, in name order as infos() gives them.
      // Not the files a settle() made and not yet reported: they are the closing writers' own, made after the list.
      const listed = [...out.infos().values()].filter((f) => !(held.has(f.name) && !sent.has(f.name)));
      const files = (): Map<string, FileInfo> => new Map([...m.files, ...listed].sort((a, b) => (a.name < b.name ? -1 : 1)).map((f) => [f.name, f]));
      const closing: CloseContext = { files, jsonld: () => m.jsonld, quality: () => m.quality };
      times.clear();
      for (const [id, isLast, w] of writers) {
        if (isLast !== last) continue;
        times.set(id, settleTimes.get(id) ?? 0);
        await timed(id, () => w.close(closing));
      }
      port.postMessage({ type: 'closed', infos: fresh(last), times: [...times] } satisfies FromSide);
    }
  } catch (e) {
    port.postMessage(
      (isPipelineError(e)
        ? { type: 'failed', code: e.code, message: e.message, details: e.details }
        : { type: 'failed', message: (e as Error).stack ?? String(e) }) satisfies FromSide,
    );
  } finally {
    port.close();
  }
}

/** The main thread's end: what the side thread wrote, as it reports it, and how to close its formats. */
export interface SideThread {
  readonly formats: ReadonlySet<string>;
  /** Resolves once every batch is written: the files so far and the CPU time per format. */
  written(): Promise<{ infos: FileInfo[]; times: [string, number][] }>;
  /** Closes the thread's formats that come before the metadata files (`last` false) or after them. */
  close(last: boolean, files: FileInfo[], jsonld?: unknown, quality?: string[]): Promise<{ infos: FileInfo[]; times: [string, number][] }>;
  /** Stops the thread (after a failure elsewhere, or once closed). */
  stop(): Promise<void>;
}

export function startSide(task: Omit<SideTask, 'port'>): SideThread {
  // A piscina thread, as for the units of work: the compiled task, or the
  // TypeScript one after the loader given by --import is in place.
  const pool = new Piscina({ ...workerModule('export/side-thread.ts'), minThreads: 1, maxThreads: 1 });
  const { port1, port2 } = new MessageChannel();
  const run = pool.run({ ...task, port: port2 } satisfies SideTask, { transferList: [port2] }) as Promise<void>;
  const replies: FromSide[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const fail = (e: Error): void => {
    failure ??= e;
    wake?.();
  };
  port1.on('message', (m: FromSide) => {
    if (m.type === 'failed') {
      const e = m.code ? new PipelineError(m.code as never, '', m.details ?? {}) : new Error(`a writer in the side thread failed: ${m.message}`);
      if (m.code) e.message = m.message;
      fail(e);
    } else {
      replies.push(m);
      wake?.();
    }
  });
  run.catch((e: Error) => fail(e));
  const reply = async (): Promise<{ infos: FileInfo[]; times: [string, number][] }> => {
    while (replies.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
    const m = replies.shift()! as Extract<FromSide, { infos: FileInfo[] }>;
    return { infos: m.infos, times: m.times };
  };
  return {
    formats: new Set(task.formats),
    written: reply,
    close: async (last, files, jsonld, quality) => {
      if (failure) throw failure;
      port1.postMessage({ type: 'close', last, files, jsonld, quality } satisfies ToSide);
      return reply();
    },
    stop: async () => {
      port1.close();
      await pool.destroy();
    },
  };
}
