/**
 * File-system calls that fail with coded errors. The operating system says
 * ENOSPC or EROFS and a path; a user needs to read "no space left while
 * writing build/normalize/events.jsonl" and what to do about it. Everything
 * the pipeline writes goes through here, and the command line maps any other
 * system error the same way (see `systemError`).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { PipelineError, type ErrorCode } from './errors.ts';

/** errno → code and the advice shown with it. */
const ERRNO: Record<string, [ErrorCode, string]> = {
  ENOSPC: ['io/no-space', 'free space on the device (or a smaller --build/--dist location) and run again'],
  EDQUOT: ['io/no-space', 'the disk quota is exhausted: free space and run again'],
  EACCES: ['io/permission', 'a path this user may read and write'],
  EPERM: ['io/permission', 'a path this user may change (an immutable file needs `chattr -i`)'],
  EROFS: ['io/read-only', 'a writable file system for --build and --dist'],
  ENOTDIR: ['io/not-a-directory', 'a folder at this path, not a file'],
  EISDIR: ['io/is-a-directory', 'a file at this path, not a folder'],
  ENOENT: ['io/missing', 'the file or folder to exist'],
  EEXIST: ['io/exists', 'nothing at this path'],
  ENOTEMPTY: ['io/exists', 'an empty folder or nothing at this path'],
  EMFILE: ['io/too-many-files', 'fewer open files (raise `ulimit -n`)'],
  ENFILE: ['io/too-many-files', 'fewer open files system-wide'],
  ENAMETOOLONG: ['io/name-too-long', 'a shorter path'],
  ELOOP: ['io/symlink-loop', 'a path without a symbolic-link loop'],
  EBUSY: ['io/busy', 'the file not to be in use by another program'],
};

interface SystemError extends Error {
  code?: string;
  path?: string;
  dest?: string;
  syscall?: string;
}

export function isSystemError(e: unknown): e is SystemError {
  return e instanceof Error && typeof (e as SystemError).code === 'string' && /^E[A-Z]+$/.test((e as SystemError).code!);
}

/** A coded error for a failed system call on `file` (absolute), shown relative to `root`. */
export function ioError(e: unknown, file: string, root: string, doing: string): PipelineError {
  if (e instanceof PipelineError) return e;
  const err = e as SystemError;
  const [code, expected] = ERRNO[err.code ?? ''] ?? (['io/failed', 'a working file system'] as [ErrorCode, string]);
  return new PipelineError(code, `${doing} failed: ${err.code ?? 'error'} (${err.syscall ?? 'system call'})`, {
    file: shown(root, file),
    value: err.code,
    expected,
  });
}

/** Maps a raw Node system error (one that carries its own path) to a coded one, or null if it is none. */
export function systemError(e: unknown, root: string): PipelineError | null {
  if (!isSystemError(e)) return null;
  return ioError(e, e.path ?? '', root, e.syscall ?? 'file operation');
}

function shown(root: string, file: string): string {
  if (file === '') return '(unknown path)';
  return path.relative(root, file).split(path.sep).join('/') || '.';
}

/** Runs one file-system call; a system error becomes a coded one naming `file`. */
export function guard<T>(file: string, root: string, doing: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw ioError(e, file, root, doing);
  }
}

export function readBytes(file: string, root: string): Buffer {
  return guard(file, root, 'reading', () => readFileSync(file));
}

export function statPath(file: string, root: string): Stats {
  return guard(file, root, 'reading the size of', () => statSync(file));
}

export function makeDir(dir: string, root: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    // Node's recursive mkdir reports ENOENT for some failures (a read-only
    // file system among them): create the first missing folder alone to learn the real cause.
    let missing = dir;
    while (!existsSync(path.dirname(missing)) && path.dirname(missing) !== missing) missing = path.dirname(missing);
    guard(missing, root, 'creating the folder', () => mkdirSync(missing));
    throw ioError(e, dir, root, 'creating the folder');
  }
}

/**
 * Writes and, when `durable`, flushes to disk, so that a rename after it
 * never publishes a file the disk has not taken. A cache under build/ needs
 * no flush: each unit's manifest records the sha256 of its outputs and a unit
 * is reused only when they still hash to it, so a file a crash left short is
 * recomputed, not trusted; at a thousand sources the flushes of some 30,000
 * cache files were a tenth of a build.
 */
export function writeBytes(file: string, bytes: Uint8Array | string, root: string, durable = true): void {
  guard(file, root, 'writing', () => {
    const fd = openSync(file, 'w');
    try {
      const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  });
}

/**
 * Writes a file whole or not at all: to a temporary name unique to this
 * process beside it, then renamed (flushed first unless it is a cache file,
 * `durable` false: see writeBytes). A failure removes the temporary file, so
 * the folder keeps the previous version and nothing half-written.
 */
export function writeAtomic(file: string, bytes: Uint8Array | string, root: string, durable = true): void {
  makeDir(path.dirname(file), root);
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeBytes(tmp, bytes, root, durable);
    guard(file, root, 'replacing', () => renameSync(tmp, file));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Clean-up after a failure must not hide the failure itself.
  }
}
