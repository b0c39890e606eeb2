/**
 * Command line: `tsx pipeline/cli.ts <extract|normalize|export|build>`.
 * Options --build DIR and --dist DIR redirect the stage outputs (tests and
 * the benchmark build into temporary folders). Errors print their code and
 * details and exit with status 1.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuild, STAGES, type StageName } from './build.ts';
import { defaultPaths, type StageContext } from './lib/context.ts';
import { isPipelineError } from './lib/errors.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const paths = defaultPaths(root);
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i];
    const value = rest[i + 1];
    if (value === undefined || !['--build', '--dist', '--sources'].includes(flag!)) {
      console.error(`usage: cli.ts <extract|normalize|export|build> [--build DIR] [--dist DIR] [--sources DIR]`);
      return 2;
    }
    paths[flag!.slice(2) as 'build' | 'dist' | 'sources'] = path.resolve(value);
  }
  const ctx: StageContext = { paths, log: (line) => console.log(line) };
  try {
    if (command === 'build') await runBuild(ctx);
    else if (command && command in STAGES) await STAGES[command as StageName](ctx);
    else {
      console.error(`unknown command ${JSON.stringify(command)}; expected extract, normalize, export or build`);
      return 2;
    }
    return 0;
  } catch (e) {
    if (isPipelineError(e)) {
      console.error(`error ${e.message}`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
