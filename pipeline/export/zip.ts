/**
 * A deterministic zip of a release folder: entries in sorted path order
 * under a folder named <dataset>-<version>/, one fixed timestamp, fixed
 * permissions, DEFLATE at one level; the same folder gives the same bytes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';

export const STEP = { id: 'export/zip', version: '1.0.0' };
/** The DOS epoch, the earliest time a zip can store: no build's clock gets in. */
const MTIME = new Date('1980-01-01T00:00:00');

export const zipName = (dataset: string, version: string): string => `${dataset}-${version}.zip`;

export function releaseFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

export function zipRelease(dir: string, dataset: string, version: string): Uint8Array {
  const root = `${dataset}-${version}`;
  const entries: Zippable = {};
  for (const name of releaseFiles(dir)) entries[`${root}/${name}`] = [readFileSync(path.join(dir, name)), { mtime: MTIME, level: 6, os: 3, attrs: 0o100644 << 16 }];
  return zipSync(entries, { mtime: MTIME });
}
