/**
 * Command line: `tsx pipeline/cli.ts <extract|normalize|export|build>`.
 * Options --build DIR and --dist DIR redirect the stage outputs (tests and
 * the benchmark build into temporary folders); --lock-wait SECONDS sets how
 * long to wait for another build using the same build folder (0: fail at
 * once); --debug shows the stack of an error.
 *
 * One command at a time per build folder (pipeline/lib/lock.ts). Every error
 * is printed as its code and details, never as a raw stack, and the exit
 * status is 1: a system error becomes its io/* code, anything else
 * `internal/unexpected`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuild, STAGES, type StageName } from './build.ts';
import { defaultPaths, type StageContext } from './lib/context.ts';
import { isPipelineError, PipelineError } from './lib/errors.ts';
import { systemError } from './lib/io.ts';
import { acquireBuildLock } from './lib/lock.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: cli.ts <extract|normalize|export|build> [--build DIR] [--dist DIR] [--sources DIR] [--lock-wait SECONDS] [--debug]';

let debug = false;

/** Any thrown value as a coded error. */
export function asPipelineError(e: unknown, projectRoot: string): PipelineError {
  if (isPipelineError(e)) return e;
  const io = systemError(e, projectRoot);
  if (io) return io;
  const err = e instanceof Error ? e : new Error(String(e));
  if (err.name === 'YAMLParseError' || err.name === 'YAMLWarning') {
    return new PipelineError('yaml/invalid', `YAML syntax error: ${err.message.split('\n')[0]}`, { expected: 'valid YAML' });
  }
  return new PipelineError('internal/unexpected', `${err.name}: ${err.message.split('\n')[0]}`, {
    expected: 'no internal error: please report it with the output of --debug',
  });
}

function report(e: unknown): void {
  const err = asPipelineError(e, root);
  console.error(`error ${err.message}`);
  if (debug && e instanceof Error && e.stack) console.error(e.stack);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const paths = defaultPaths(root);
  let lockWaitMs: number | undefined;
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i];
    if (flag === '--debug') {
      debug = true;
      i -= 1;
      continue;
    }
    const value = rest[i + 1];
    if (flag === '--lock-wait' && value !== undefined && /^\d+(\.\d+)?$/.test(value)) {
      lockWaitMs = Number(value) * 1000;
      continue;
    }
    if (value === undefined || !['--build', '--dist', '--sources'].includes(flag!)) {
      console.error(USAGE);
      return 2;
    }
    paths[flag!.slice(2) as 'build' | 'dist' | 'sources'] = path.resolve(value);
  }
  if (!(command === 'build' || (command && command in STAGES))) {
    console.error(`unknown command ${JSON.stringify(command)}; expected extract, normalize, export or build`);
    return 2;
  }
  const ctx: StageContext = { paths, log: (line) => console.log(line) };
  try {
    const lock = acquireBuildLock(paths.build, ctx.log, { waitMs: lockWaitMs });
    try {
      if (command === 'build') await runBuild(ctx);
      else await STAGES[command as StageName](ctx);
    } finally {
      lock.release();
    }
    return 0;
  } catch (e) {
    report(e);
    return 1;
  }
}

// Errors that escape the awaited chain (a stray callback) are reported the same way.
process.on('uncaughtException', (e) => {
  report(e);
  process.exit(1);
});
process.on('unhandledRejection', (e) => {
  report(e);
  process.exit(1);
});
// A signal ends the process through process.exit, so the lock's exit handler removes it.
for (const [signal, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
  process.on(signal, () => process.exit(128 + n));
}

process.exitCode = await main(process.argv.slice(2));
