/** The whole pipeline: extract, normalize, export, in order. */
import type { StageContext } from './lib/context.ts';
import { elapsed } from './lib/context.ts';
import { runExport } from './export/stage.ts';
import { runExtract } from './extract/stage.ts';
import { runNormalize } from './normalize/stage.ts';

/**
 * Each stage first brings the stages before it up to date (only what
 * changed is recomputed), so a stage run alone never works from outputs
 * made for other inputs.
 */
export const STAGES = {
  extract: runExtract,
  normalize: runNormalize,
  export: runExport,
} as const;

export type StageName = keyof typeof STAGES;

export async function runBuild(ctx: StageContext): ReturnType<typeof runExport> {
  const t0 = performance.now();
  const result = await runExport(ctx);
  ctx.log(`build: done in ${elapsed(t0)}, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
  return result;
}
