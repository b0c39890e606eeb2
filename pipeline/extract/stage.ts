/**
 * The extract stage: sources/<id>/ → build/extract/<id>/<step>.jsonl.
 *
 * Each source is one unit of work: every extract step runs on it alone, and
 * its findings are kept under build/extract/<id>/ with a manifest holding
 * the unit's key (the bytes of the source folder and the labels of the
 * steps, which cover their code and data). A source whose key has not
 * changed is not read again.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { elapsed, type Paths, type StageContext } from '../lib/context.ts';
import { runUnits, type UnitResult } from '../lib/pool.ts';
import { Resources } from '../lib/resources.ts';
import { jsonlText } from '../lib/jsonl.ts';
import { cachedManifest, runSteps, unitKey, writeUnit } from '../lib/runner.ts';
import { loadSource, rel, selectedSourceIds, sha256 } from '../lib/sources.ts';
import type { Step } from '../lib/step.ts';
import { STEP as chronology } from './chronology.ts';
import { STEP as curation } from './curation.ts';
import { STEP as mentions } from './mentions.ts';
import { STEP as names } from './names.ts';
import { STEP as narrativeDates } from './narrative-dates.ts';
import { STEP as numbers } from './numbers.ts';
import { STEP as originalNames } from './original-names.ts';
import { STEP as quotations } from './quotations.ts';
import { STEP as sentences } from './sentences.ts';
import { STEP as source } from './source.ts';

/** The extract steps; each writes build/extract/<source>/<step>.jsonl. */
export const EXTRACT_STEPS: readonly Step[] = [source, chronology, originalNames, mentions, names, sentences, numbers, curation, narrativeDates, quotations];

export const stepFile = (step: Step): string => `${step.id.split('/')[1]}.jsonl`;

/** The source folders, in id order. */
export const sourceFolders = (paths: Paths): string[] => selectedSourceIds(paths);

/** What a source folder holds, as a key: every file's name and bytes. */
export function folderKey(dir: string): string {
  const lines: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isFile()) lines.push(`${name} ${sha256(readFileSync(full))}`);
  }
  return sha256(lines.join('\n'));
}

export function extractKey(paths: Paths, id: string): string {
  return unitKey('extract', EXTRACT_STEPS, [`source ${folderKey(path.join(paths.sources, id))}`]);
}

/** One source through every extract step (in a worker thread or in-process). */
/** The unit's outputs if they are current. */
export function extractCached(paths: Paths, id: string): UnitResult | null {
  const key = extractKey(paths, id);
  const cached = cachedManifest(path.join(paths.build, 'extract', id), key);
  return cached ? { id, key, hit: true, counts: cached.files } : null;
}

export function extractUnit(paths: Paths, id: string, resources: Resources): UnitResult {
  const key = extractKey(paths, id);
  const dir = path.join(paths.build, 'extract', id);
  const loaded = loadSource(path.join(paths.sources, id), paths.root);
  const outputs = runSteps(EXTRACT_STEPS, new Map<string, unknown>([['source', loaded], ['paths', paths]]), resources);
  const files = new Map<string, string>();
  const counts: Record<string, number> = {};
  for (const step of EXTRACT_STEPS) {
    const records = outputs.get(step.id) as unknown[];
    files.set(stepFile(step), jsonlText(records));
    counts[stepFile(step)] = records.length;
  }
  writeUnit(dir, key, EXTRACT_STEPS, files, counts, paths.root);
  return { id, key, hit: false, counts };
}

/** Remove the outputs of sources that are no longer there. */
export function pruneUnits(dir: string, ids: string[]): number {
  if (!existsSync(dir)) return 0;
  const keep = new Set(ids);
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory() && !keep.has(name)) {
      rmSync(full, { recursive: true, force: true });
      n++;
    }
  }
  return n;
}

export async function runExtract(ctx: StageContext): Promise<UnitResult[]> {
  const { paths, log } = ctx;
  const t0 = performance.now();
  const ids = sourceFolders(paths);
  const resources = new Resources(paths).activate();
  const results = await runUnits({ stage: 'extract', paths }, ids, (id) => extractUnit(paths, id, resources), (id) => extractCached(paths, id), log);
  const pruned = pruneUnits(path.join(paths.build, 'extract'), ids);
  const hits = results.filter((r) => r.hit).length;
  const totals = new Map<string, number>();
  for (const r of results) for (const [f, n] of Object.entries(r.counts)) totals.set(f, (totals.get(f) ?? 0) + n);
  log(
    `extract: read ${ids.length} source(s) from ${rel(paths.root, paths.sources)}/ (${hits} unchanged, ${results.length - hits} extracted${pruned ? `, ${pruned} removed` : ''}); ` +
      `wrote ${rel(paths.root, path.join(paths.build, 'extract'))}/<source>/ ${[...totals].map(([f, n]) => `${f} (${n})`).join(', ')} in ${elapsed(t0)}`,
  );
  return results;
}
