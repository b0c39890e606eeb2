/**
 * The release zip compresses each file in slices on several threads
 * (ParallelZlibEntry): the slices must join into one valid DEFLATE stream
 * whatever a file's size against the slice, and the zip's bytes must not
 * depend on which slice finished first.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { zipRelease } from '../pipeline/export/zip.ts';
import { cleanup, tempDir } from './helpers.ts';

const MiB = 1 << 20;
const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

/** Text that compresses as a table does, with repeats reaching back across slice boundaries. */
function tableText(bytes: number, seed: number): Buffer {
  const words = ['Xi Jinping', 'Vladimir Putin', 'met', 'in', 'Beijing', 'on', '2019-12-02', 'the', 'Power of Siberia', 'pipeline', ','];
  const out: string[] = [];
  let n = 0;
  let x = seed;
  while (n < bytes) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const w = `${words[x % words.length]}${x % 7 === 0 ? `\n${x}` : ' '}`;
    out.push(w);
    n += w.length;
  }
  return Buffer.from(out.join('').slice(0, bytes));
}

describe('the release zip', () => {
  const sizes = [0, 1, 32 * 1024, MiB - 1, MiB, MiB + 1, 3 * MiB + 5, 9 * MiB + 123];
  const dir = tempDir('crr-zip-');
  dirs.push(dir);
  const release = path.join(dir, '1.0.0');
  mkdirSync(release);
  const files = new Map(sizes.map((n, i) => [`f-${String(i).padStart(2, '0')}-${n}.txt`, tableText(n, i + 1)]));
  for (const [name, bytes] of files) writeFileSync(path.join(release, name), bytes);

  it('holds every file whole, whatever its size against the slices, and is the same bytes twice', async () => {
    const a = await zipRelease(release, 'd', '1.0.0');
    const b = await zipRelease(release, 'd', '1.0.0');
    expect(createHash('sha256').update(a).digest('hex')).toBe(createHash('sha256').update(b).digest('hex'));
    const entries = unzipSync(a); // checks each entry's CRC-32 and size
    expect(Object.keys(entries).sort()).toEqual([...files.keys()].map((n) => `d-1.0.0/${n}`).sort());
    for (const [name, bytes] of files) expect(Buffer.from(entries[`d-1.0.0/${name}`]!).equals(bytes), name).toBe(true);
  });

  it('compresses a large file into one DEFLATE stream that refers back across slices, about as small as one stream', async () => {
    const zip = Buffer.from(await zipRelease(release, 'd', '1.0.0'));
    const name = `d-1.0.0/f-07-${9 * MiB + 123}.txt`;
    // The central directory's record of the entry: compressed size at 20, name length at 28, local header's offset at 42.
    const cd = zip.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])]), zip.lastIndexOf(Buffer.from(name)) - 46);
    expect(zip.subarray(cd + 46, cd + 46 + zip.readUInt16LE(cd + 28)).toString()).toBe(name);
    const compressed = zip.readUInt32LE(cd + 20);
    const at = zip.readUInt32LE(cd + 42);
    const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    const raw = zip.subarray(start, start + compressed);
    expect(inflateRawSync(raw).equals(files.get(`f-07-${9 * MiB + 123}.txt`)!)).toBe(true);
    const one = (await import('node:zlib')).deflateRawSync(files.get(`f-07-${9 * MiB + 123}.txt`)!, { level: 6 });
    expect(raw.byteLength).toBeLessThan(one.byteLength * 1.02);
  });
});
