/** The whole pipeline: extract, normalize, export, in order. */
import type { StageContext } from './lib/context.ts';
import { elapsed } from './lib/context.ts';
import { runExport } from './export/stage.ts';
import { runExtract } from './extract/stage.ts';
import { runNormalize } from './normalize/stage.ts';

export const STAGES = {
  extract: runExtract,
  normalize: runNormalize,
  export: runExport,
} as const;

export type StageName = keyof typeof STAGES;

export async function runBuild(ctx: StageContext): ReturnType<typeof runExport> {
  const t0 = performance.now();
  runExtract(ctx);
  runNormalize(ctx);
  const result = await runExport(ctx);
  ctx.log(`build: done in ${elapsed(t0)}`);
  return result;
}
