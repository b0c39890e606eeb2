/**
 * A zip entry whose DEFLATE is Node's zlib, for fflate's zip container.
 */
import { once } from 'node:events';
import { constants, crc32, createDeflateRaw, deflateRaw, deflateRawSync, type DeflateRaw } from 'node:zlib';
import type { AsyncFlateStreamHandler, ZipInputFile } from 'fflate';

/**
 * One zip entry compressed by Node's zlib (native code, on libuv's threads,
 * so the compression of a slice overlaps the writing of the next), inside
 * fflate's zip container, which takes compressed data from any source
 * through its ZipInputFile interface. fflate's own DEFLATE is plain
 * JavaScript: on the 100-chapter corpus (122 MB of sheet XML) it took
 * 2.6 s of CPU at level 1, more than everything else the writer does; zlib
 * takes an eighth of that at level 1. The bytes are zlib's, as they were
 * when exceljs (through archiver) zipped the workbook: the same on every
 * build with the same Node. The workbook and the release zip use it.
 */
export class ZlibEntry implements ZipInputFile {
  readonly compression = 8;
  readonly flag = 0;
  crc = 0;
  size = 0;
  readonly mtime: Date;
  ondata: AsyncFlateStreamHandler = () => {};
  private readonly deflate: DeflateRaw;
  private runningCrc = 0;
  private bytes = 0;

  constructor(readonly filename: string, level: number) {
    this.deflate = createDeflateRaw({ level });
    // The DOS time a zip stores has no zone and fflate reads a Date's local
    // fields, so the stamp is made from local fields: 1980-01-01 00:00 in
    // whatever zone the build runs.
    this.mtime = new Date(1980, 0, 1);
    this.deflate.on('data', (chunk: Buffer) => this.ondata(null, chunk as Uint8Array as Uint8Array<ArrayBuffer>, false));
  }

  async push(bytes: Uint8Array): Promise<void> {
    this.runningCrc = crc32(bytes, this.runningCrc);
    this.bytes += bytes.byteLength;
    if (!this.deflate.write(bytes)) await once(this.deflate, 'drain');
  }

  async end(): Promise<void> {
    const ended = once(this.deflate, 'end');
    this.deflate.end();
    await ended;
    this.crc = this.runningCrc;
    this.size = this.bytes;
    this.ondata(null, new Uint8Array(0), true);
  }
}

/** Bytes of input each slice of a ParallelZlibEntry compresses, and slices in flight at once. */
export const SLICE = 1 << 20;
const IN_FLIGHT = 4;
/** DEFLATE looks back at most this far: the window a slice takes from the input before it. */
const WINDOW = 32 * 1024;

/**
 * Each slice with zlib's own output buffer of 16 KiB, so each trip through
 * libuv's threads returns at most that much: a larger buffer would make
 * fewer trips, but not always the same bytes (a sync flush whose output ends
 * on a buffer's end is followed by a second, empty one).
 */
const deflateSlice = (input: Uint8Array, level: number, dictionary: Uint8Array | null, last: boolean): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    deflateRaw(input, { level, ...(dictionary ? { dictionary } : {}), finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }, (e, out) => (e ? reject(e) : resolve(out))),
  );

/**
 * A zip entry whose DEFLATE runs on several cores: the input is cut into
 * slices of a megabyte, each compressed by zlib on libuv's threads as its
 * own raw DEFLATE stream that ends on a byte boundary (a sync flush; the
 * last one finishes the stream), with the 32 KiB before it as its
 * dictionary, so it may refer back into the slice before as one stream
 * would. The slices' outputs, in order, are one valid DEFLATE stream (the
 * way pigz compresses in parallel); its bytes depend only on the input, the
 * level and zlib, never on which slice finished first. Used for the release
 * zip, a corpus's gigabytes, where one stream on one core was most of the
 * time after the formats were written; slightly larger than one stream
 * (each slice starts with fresh Huffman tables).
 */
export class ParallelZlibEntry implements ZipInputFile {
  readonly compression = 8;
  readonly flag = 0;
  crc = 0;
  size = 0;
  readonly mtime = new Date(1980, 0, 1); // as ZlibEntry's, from local fields
  ondata: AsyncFlateStreamHandler = () => {};
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private window: Uint8Array | null = null;
  private readonly inFlight: Promise<Buffer>[] = [];

  constructor(readonly filename: string, private readonly level: number) {}

  async push(bytes: Uint8Array): Promise<void> {
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.byteLength;
    this.pending.push(bytes);
    this.pendingBytes += bytes.byteLength;
    while (this.pendingBytes >= SLICE) await this.cut(false);
  }

  async end(): Promise<void> {
    while (this.pendingBytes > SLICE) await this.cut(false);
    await this.cut(true);
    while (this.inFlight.length > 0) this.emit(await this.inFlight.shift()!);
    this.ondata(null, new Uint8Array(0), true);
  }

  /**
   * The whole entry at once, for a file smaller than a slice, compressed on
   * this thread: the same one DEFLATE stream as end() would make of it (no
   * dictionary, finished), without a zlib stream object and a round trip
   * through libuv's threads for each file. Those cost several times the
   * compression of a small file: the page's parts are most of a large
   * release's files (23,800 of 23,867 at 300 chapters).
   */
  whole(bytes: Uint8Array): void {
    if (this.size > 0 || bytes.byteLength >= SLICE) throw new Error('whole() takes a whole entry smaller than a slice');
    this.crc = crc32(bytes, this.crc);
    this.size = bytes.byteLength;
    this.emit(deflateRawSync(bytes, { level: this.level, finishFlush: constants.Z_FINISH }));
    this.ondata(null, new Uint8Array(0), true);
  }

  private emit(out: Buffer): void {
    if (out.byteLength > 0) this.ondata(null, new Uint8Array(out.buffer, out.byteOffset, out.byteLength) as Uint8Array<ArrayBuffer>, false);
  }

  /** Compresses the next slice (the rest, when last), waiting for the oldest when enough are in flight. */
  private async cut(last: boolean): Promise<void> {
    const all = Buffer.concat(this.pending);
    const n = last ? all.byteLength : SLICE;
    const slice = all.subarray(0, n);
    this.pending = n < all.byteLength ? [all.subarray(n)] : [];
    this.pendingBytes = all.byteLength - n;
    this.inFlight.push(deflateSlice(slice, this.level, this.window, last));
    this.window = slice.byteLength >= WINDOW ? slice.subarray(slice.byteLength - WINDOW) : Buffer.concat([this.window ?? new Uint8Array(0), slice]).subarray(-WINDOW);
    while (this.inFlight.length >= IN_FLIGHT) this.emit(await this.inFlight.shift()!);
  }
}
