/**
 * Units of work across all cores. A stage hands over the ids of its units;
 * those whose outputs are cached are answered at once in this thread, the
 * rest run in worker threads (a piscina pool) when there are enough of them
 * to pay for starting the workers, else here. Results come back in id
 * order, so nothing downstream depends on which worker finished first.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { Log, Paths } from './context.ts';
import { PipelineError } from './errors.ts';

export interface UnitResult {
  id: string;
  key: string;
  hit: boolean;
  /** Output file → records. */
  counts: Record<string, number>;
}

export type StageOfUnits = 'extract' | 'normalize';

export interface UnitTask {
  stage: StageOfUnits;
  paths: Paths;
  id: string;
}

/** What a worker thread needs to read TypeScript as this process does. */
export const TS_WORKER_ARGV = ['--import', pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href];

/** Where pipeline/launch.mjs registers the compiled worker modules, by their path under pipeline/. */
export const COMPILED_WORKERS = Symbol.for('crr.compiled-workers');

/**
 * How a worker thread loads a module of pipeline/ (`lib/unit-worker.ts`,
 * `export/side-thread.ts`): its compiled counterpart when the command line
 * runs compiled (pipeline/launch.mjs registers them), loaded by plain Node
 * with the process's own flags; else the TypeScript file through tsx. Not
 * only start-up: tsx compiles with esbuild's keepNames, which wraps every
 * function a closure creates in a call that defines its name, and the
 * writers and steps create closures per row. The page writer took more than
 * twice as long in a thread under tsx as in the compiled main thread.
 */
export function workerModule(source: string): { filename: string; execArgv: string[] } {
  const compiled = (globalThis as { [COMPILED_WORKERS]?: Record<string, string> })[COMPILED_WORKERS]?.[source];
  if (compiled) return { filename: compiled, execArgv: process.execArgv };
  return { filename: pathToFileURL(path.join(here, '..', source)).href, execArgv: TS_WORKER_ARGV };
}

/** Below this many units to compute, starting workers costs more than it saves. */
export const MIN_UNITS_FOR_WORKERS = 4;

const here = path.dirname(fileURLToPath(import.meta.url));

/** Worker threads to use: `CRR_WORKERS` if set (0 means none), else one per core. */
export function workerCount(pending: number): number {
  const env = process.env.CRR_WORKERS;
  const cores = env !== undefined && /^\d+$/.test(env) ? Number(env) : availableParallelism();
  if (cores <= 1 || pending < MIN_UNITS_FOR_WORKERS) return 0;
  return Math.min(cores, Math.ceil(pending / 2));
}

/**
 * Run every unit: `isCached` answers cheaply whether a unit's outputs are
 * current; `inProcess` computes one here; `prepare` runs once before the
 * first unit is computed, and not at all when every unit is cached. Errors keep their code and
 * details across the thread boundary.
 */
export async function runUnits(
  task: Omit<UnitTask, 'id'>,
  ids: string[],
  inProcess: (id: string) => UnitResult,
  isCached: (id: string) => UnitResult | null,
  log: Log,
  prepare: () => void = () => {},
): Promise<UnitResult[]> {
  const results = new Map<string, UnitResult>();
  const pending: string[] = [];
  for (const id of ids) {
    const hit = isCached(id);
    if (hit) results.set(id, hit);
    else pending.push(id);
  }
  if (pending.length > 0) prepare();
  const workers = workerCount(pending.length);
  if (workers === 0) {
    for (const id of pending) results.set(id, inProcess(id));
  } else {
    log(`${task.stage}: ${pending.length} source(s) to compute on ${workers} worker thread(s)`);
    const pool = new Piscina({
      ...workerModule('lib/unit-worker.ts'),
      minThreads: workers,
      maxThreads: workers,
    });
    try {
      const done = await Promise.allSettled(pending.map((id) => pool.run({ ...task, id } satisfies UnitTask) as Promise<UnitResult>));
      // The first failure in id order, so the error a user sees does not depend on thread timing.
      for (const d of done) {
        if (d.status === 'rejected') throw d.reason;
        const failed = (d.value as { failed?: { code: string; message: string; details: object } }).failed;
        if (failed) {
          const err = new PipelineError(failed.code as never, '', failed.details);
          err.message = failed.message;
          throw err;
        }
      }
      done.forEach((d, i) => results.set(pending[i]!, (d as PromiseFulfilledResult<UnitResult>).value));
    } finally {
      await pool.destroy();
    }
  }
  return ids.map((id) => results.get(id)!);
}
