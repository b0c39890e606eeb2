/**
 * A zip entry whose DEFLATE is Node's zlib, for fflate's zip container.
 */
import { once } from 'node:events';
import { crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';
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
