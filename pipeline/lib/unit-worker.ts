/**
 * A worker thread of the pool: computes units of work of either stage. Each
 * worker keeps its own resources (registry, vocabularies) for the paths it
 * is given, loaded once. A coded error goes back as a value, so that the
 * main thread rethrows it with its code and details intact.
 */
import { extractUnit } from '../extract/stage.ts';
import { normalizeUnit } from '../normalize/stage.ts';
import { isPipelineError } from './errors.ts';
import type { UnitTask } from './pool.ts';
import { Resources } from './resources.ts';

let resources: { key: string; value: Resources } | null = null;

export default function run(task: UnitTask): unknown {
  const key = JSON.stringify(task.paths);
  if (resources?.key !== key) resources = { key, value: new Resources(task.paths).activate() };
  try {
    return task.stage === 'extract' ? extractUnit(task.paths, task.id, resources.value) : normalizeUnit(task.paths, task.id, resources.value);
  } catch (e) {
    if (isPipelineError(e)) return { failed: { code: e.code, message: e.message, details: e.details } };
    throw e;
  }
}
