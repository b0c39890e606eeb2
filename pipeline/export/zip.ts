/**
 * A deterministic zip of a release folder: entries in sorted path order
 * under a folder named <dataset>-<version>/, one fixed timestamp, fixed
 * permissions, DEFLATE at one level; the same folder gives the same bytes.
 * Written as a stream (fflate's Zip), a chunk of a file at a time: a
 * corpus's release is gigabytes, and neither it nor its zip is ever held
 * in memory whole.
 */
import { closeSync, openSync, readdirSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { concatBytes } from './writer.ts';

export const STEP = { id: 'export/zip', version: '1.1.0' };
/** The DOS epoch, the earliest time a zip can store: no build's clock gets in. */
const MTIME = new Date('1980-01-01T00:00:00');
const CHUNK = 1 << 20;

export const zipName = (dataset: string, version: string): string => `${dataset}-${version}.zip`;

export function releaseFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The zip's bytes, handed to `emit` in order as they are made. */
function zipInto(dir: string, dataset: string, version: string, emit: (chunk: Uint8Array) => void): void {
  const root = `${dataset}-${version}`;
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else emit(chunk);
  });
  const buf = Buffer.allocUnsafe(CHUNK);
  for (const name of releaseFiles(dir)) {
    const entry = new ZipDeflate(`${root}/${name}`, { level: 6 });
    Object.assign(entry, { mtime: MTIME, os: 3, attrs: 0o100644 << 16 });
    zip.add(entry);
    const fd = openSync(path.join(dir, name), 'r');
    try {
      let n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) entry.push(new Uint8Array(0), true);
      while (n > 0) {
        const next = Buffer.allocUnsafe(CHUNK);
        const m = readSync(fd, next, 0, CHUNK, null);
        entry.push(buf.subarray(0, n).slice(), m === 0);
        buf.set(next.subarray(0, m));
        n = m;
      }
    } finally {
      closeSync(fd);
    }
    if (failure) throw failure;
  }
  zip.end();
  if (failure) throw failure;
}

/** The zip of a release, in memory (for tests and small releases). */
export function zipRelease(dir: string, dataset: string, version: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  zipInto(dir, dataset, version, (c) => chunks.push(c));
  return concatBytes(chunks);
}

/** The zip of a release written to `file`, beside it first and then renamed: never half a zip. */
export function writeZip(dir: string, dataset: string, version: string, file: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    try {
      zipInto(dir, dataset, version, (c) => void writeSync(fd, c));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
