/**
 * Running declared steps: the order follows from their inputs, and a unit
 * of work (one source through one stage) is cached in build/ under a key of
 * everything it depends on.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PipelineError } from './errors.ts';
import { writeAtomic } from './io.ts';
import { resourceNames, type Resources } from './resources.ts';
import { rel, sha256 } from './sources.ts';
import type { Step } from './step.ts';
import { PROJECT_ROOT } from './versions.ts';

/**
 * Steps in an order where each comes after the steps it reads; ties keep
 * the order of the list. An input that no step makes and that is not given
 * is a wiring error, found before anything runs.
 */
export function orderSteps(steps: readonly Step[], given: ReadonlySet<string>): Step[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const known = new Set(resourceNames());
  const out: Step[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (s: Step, chain: string[]): void => {
    if (state.get(s.id) === 'done') return;
    if (state.get(s.id) === 'visiting') {
      throw new PipelineError('schema/invalid', `steps read each other in a cycle: ${[...chain, s.id].join(' → ')}`, { file: rel(PROJECT_ROOT, s.file), value: s.id });
    }
    state.set(s.id, 'visiting');
    for (const input of Object.values<string>(s.inputs as Record<string, string>)) {
      if (input.startsWith('resource:')) {
        if (!known.has(input.slice('resource:'.length))) {
          throw new PipelineError('schema/invalid', `step ${s.id} reads a resource no loader makes`, {
            file: rel(PROJECT_ROOT, s.file),
            value: input,
            expected: `one of ${[...known].map((r) => `resource:${r}`).join(', ')} (pipeline/lib/resources.ts)`,
          });
        }
        continue;
      }
      if (input === 'source' || given.has(input)) continue;
      const dep = byId.get(input);
      if (!dep) {
        throw new PipelineError('schema/invalid', `step ${s.id} reads ${input}, which no step of this stage makes and nothing gives`, {
          file: rel(PROJECT_ROOT, s.file),
          value: input,
          expected: `one of ${[...byId.keys(), ...given].join(', ')}`,
        });
      }
      visit(dep, [...chain, s.id]);
    }
    state.set(s.id, 'done');
    out.push(s);
  };
  for (const s of steps) visit(s, []);
  return out;
}

/** Run steps in order; `given` holds the source and the outputs of the stage before. */
export function runSteps(steps: readonly Step[], given: Map<string, unknown>, resources: Resources): Map<string, unknown> {
  const outputs = new Map(given);
  for (const step of orderSteps(steps, new Set(given.keys()))) {
    const input: Record<string, unknown> = {};
    for (const [name, what] of Object.entries<string>(step.inputs as Record<string, string>)) {
      input[name] = what.startsWith('resource:') ? resources.get(what.slice('resource:'.length)) : outputs.get(what);
    }
    if (STEP_TIMES) {
      const t0 = performance.now();
      outputs.set(step.id, step.run(input));
      STEP_TIMES.set(step.id, (STEP_TIMES.get(step.id) ?? 0) + performance.now() - t0);
    } else outputs.set(step.id, step.run(input));
  }
  return outputs;
}

/**
 * With CRR_STEP_TIMES=1 in the environment, the time each step took in this
 * thread, summed over its runs, printed to standard error when the thread
 * ends: for finding what a build spends its time on, never in any output.
 */
const STEP_TIMES: Map<string, number> | null = process.env.CRR_STEP_TIMES === '1' ? new Map() : null;
if (STEP_TIMES) {
  process.on('exit', () => {
    const rows = [...STEP_TIMES].sort((a, b) => b[1] - a[1]).map(([id, ms]) => `  ${ms.toFixed(0).padStart(7)} ms  ${id}`);
    process.stderr.write(`step times (this thread):\n${rows.join('\n')}\n`);
  });
}

/** The key of a unit: the stage, the labels of its steps, and the keys of what it reads. */
export function unitKey(stage: string, steps: readonly Step[], inputs: string[]): string {
  return sha256([`stage ${stage}`, ...steps.map((s) => `step ${s.label}`).sort(), ...inputs].join('\n'));
}

export interface Manifest {
  /** The unit's key: what its outputs were made from. */
  key: string;
  /** Step labels that made the outputs. */
  steps: string[];
  /** Output file → number of records. */
  files: Record<string, number>;
  /** Output file → sha256 of its bytes: a damaged or edited output is recomputed, never used. */
  sha256?: Record<string, string>;
}

export const MANIFEST = 'manifest.json';

/**
 * The manifest of a unit's folder if its outputs were made for `key` and
 * are all there; null otherwise (never made, made for other inputs, or
 * half-written by a build that was stopped).
 */
export function cachedManifest(dir: string, key: string): Manifest | null {
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) return null;
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
  if (m.key !== key) return null;
  for (const f of Object.keys(m.files)) {
    const full = path.join(dir, f);
    if (!existsSync(full) || m.sha256?.[f] !== sha256(readFileSync(full))) return null;
  }
  return m;
}

/**
 * Write a unit's outputs: the old manifest goes first, the new one last, so
 * that a folder whose manifest matches was written whole.
 */
export function writeUnit(dir: string, key: string, steps: readonly Step[], files: Map<string, string>, counts: Record<string, number>, root: string): Manifest {
  rmSync(path.join(dir, MANIFEST), { force: true });
  // Not flushed to disk: the manifest's hashes are checked before a unit is reused (see writeBytes).
  for (const [name, text] of files) writeAtomic(path.join(dir, name), text, root, false);
  const hashes = Object.fromEntries([...files].map(([name, text]) => [name, sha256(text)]));
  const manifest: Manifest = { key, steps: steps.map((s) => s.label).sort(), files: counts, sha256: hashes };
  writeAtomic(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, root, false);
  return manifest;
}

