/**
 * Write a release atomically and never change a released version.
 *
 * All files go to a staging folder beside the release folder, which is then
 * renamed into place: a failed or interrupted build leaves dist/ as it was.
 * If the version already exists, the new files must be byte-identical to it;
 * otherwise the build refuses and asks for a new version.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PipelineError } from '../lib/errors.ts';
import { rel } from '../lib/sources.ts';

export type ReleaseOutcome = 'written' | 'unchanged';

export function differences(dir: string, files: Map<string, Uint8Array>): string[] {
  // Releases hold folders (page/, sources/): compare every file by its relative path.
  const existing = new Set(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))));
  const diffs: string[] = [];
  for (const [name, bytes] of files) {
    if (!existing.has(name)) diffs.push(`${name} (new)`);
    else if (!Buffer.from(bytes).equals(readFileSync(path.join(dir, name)))) diffs.push(`${name} (changed)`);
    existing.delete(name);
  }
  for (const name of existing) diffs.push(`${name} (removed)`);
  return diffs.sort();
}

export function writeRelease(releaseDir: string, files: Map<string, Uint8Array>, root: string): ReleaseOutcome {
  const shown = rel(root, releaseDir);
  if (existsSync(releaseDir)) {
    const diffs = differences(releaseDir, files);
    if (diffs.length === 0) return 'unchanged';
    throw new PipelineError('release/immutable', `version ${path.basename(releaseDir)} is already released and this build differs from it`, {
      file: shown,
      value: diffs,
      expected: 'a new version in schema/dataset.yaml (released versions never change)',
    });
  }
  const parent = path.dirname(releaseDir);
  mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.staging-${path.basename(releaseDir)}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    for (const [name, bytes] of files) {
      mkdirSync(path.dirname(path.join(staging, name)), { recursive: true });
      writeFileSync(path.join(staging, name), bytes);
    }
    renameSync(staging, releaseDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return 'written';
}
