/**
 * A deterministic zip of a release folder: entries in sorted path order
 * under a folder named <dataset>-<version>/, one fixed timestamp, fixed
 * permissions, zlib's DEFLATE at one level, each file compressed in slices
 * on several threads (ParallelZlibEntry) and small files several at once; the same folder gives the same
 * bytes with the same Node. Written as a stream (fflate's Zip container), a
 * slice of a file at a time: a corpus's release is gigabytes, and neither
 * it nor its zip is ever held in memory whole. A version's zip is written
 * once (versions.ts), so the zips of earlier versions keep the bytes the
 * code of their day gave them.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Zip } from 'fflate';
import { ParallelZlibEntry, SLICE } from './zlib-entry.ts';
import { concatBytes } from './writer.ts';

export const STEP = { id: 'export/zip', version: '1.2.0' };
/** DEFLATE level of the release zip: zlib's default, for the download's size. */
const LEVEL = 6;
const CHUNK = 1 << 20;
/** Bytes of input of the entries compressed at once (a larger file is compressed alone, in slices). */
const AHEAD = 8 << 20;

export const zipName = (dataset: string, version: string): string => `${dataset}-${version}.zip`;

export function releaseFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * The zip's bytes, handed to `emit` in order as they are made. Each entry
 * is DEFLATEd by Node's zlib (see zlib-entry.ts): fflate's own DEFLATE, in
 * JavaScript, was the larger part of writing a release's zip, and one zlib
 * stream per file kept one core busy while the other waited.
 */
async function zipInto(dir: string, dataset: string, version: string, emit: (chunk: Uint8Array) => void): Promise<void> {
  const root = `${dataset}-${version}`;
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else emit(chunk);
  });
  const buf = Buffer.allocUnsafe(CHUNK);
  const compress = async (entry: ParallelZlibEntry, file: string): Promise<void> => {
    const fd = openSync(file, 'r');
    try {
      // A copy of what was read (a Buffer's slice() is a view): another entry reads into the same buffer while this one waits.
      for (let n = readSync(fd, buf, 0, CHUNK, null); n > 0; n = readSync(fd, buf, 0, CHUNK, null)) await entry.push(new Uint8Array(buf.subarray(0, n)));
    } finally {
      closeSync(fd);
    }
    await entry.end();
  };
  // Entries compressed at once, up to AHEAD bytes of input: fflate's container
  // writes each entry's bytes in the order the entries were added, holding
  // back those of a later one until the ones before it end, and an entry's
  // bytes are its own, so the zip is the same. Most files of a large release
  // are the page's small parts, one slice each: one at a time, they kept one
  // core waiting on the other's round trip through zlib.
  const running: { bytes: number; done: Promise<void> }[] = [];
  let runningBytes = 0;
  const settle = async (): Promise<void> => {
    const r = running.shift()!;
    runningBytes -= r.bytes;
    await r.done;
    if (failure) throw failure;
  };
  try {
    for (const name of releaseFiles(dir)) {
      const file = path.join(dir, name);
      const bytes = statSync(file).size;
      while (running.length > 0 && runningBytes + bytes > AHEAD) await settle();
      const entry = new ParallelZlibEntry(`${root}/${name}`, LEVEL);
      Object.assign(entry, { os: 3, attrs: 0o100644 << 16 });
      zip.add(entry);
      // A file smaller than a slice is one read and one DEFLATE here (see ParallelZlibEntry.whole).
      const done = bytes < SLICE ? Promise.resolve().then(() => entry.whole(readFileSync(file))) : compress(entry, file);
      done.catch(() => {}); // rethrown where it is awaited, in order
      running.push({ bytes, done });
      runningBytes += bytes;
    }
    while (running.length > 0) await settle();
  } finally {
    // After a failure, the entries still running finish before the file is closed.
    await Promise.allSettled(running.map((r) => r.done));
  }
  zip.end();
  if (failure) throw failure;
}

/** The zip of a release, in memory (for tests and small releases). */
export async function zipRelease(dir: string, dataset: string, version: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await zipInto(dir, dataset, version, (c) => chunks.push(c));
  return concatBytes(chunks);
}

/**
 * The zip of a release written to `file`, beside it first and then renamed: never half a zip.
 * The file beside it is a hidden staging file (`.staging-<zip>-<pid>-<hex>`), named as the
 * staging folders are, so a reader listing the dataset folder after a kill -9 sees no partial
 * zip, and the next build removes it as it removes a dead build's staging folders.
 */
export async function writeZip(dir: string, dataset: string, version: string, file: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.staging-${path.basename(file)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  const fd = openSync(tmp, 'w');
  try {
    try {
      await zipInto(dir, dataset, version, (c) => void writeSync(fd, c));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
