/**
 * One build at a time per build folder. Two builds writing the same
 * build/ would mix their intermediate files, and two exports could race to
 * publish one version; the lock makes the second one wait.
 *
 * The lock is a file `<build>/.lock` created exclusively (O_EXCL), holding
 * the holder's pid and start time. A lock whose pid is dead (or alive but
 * started at another time: the pid was reused) is stale: it is taken over,
 * with a message. A live holder makes the caller wait, with a message, up to
 * a timeout (default 10 minutes, `CRR_LOCK_WAIT_MS` or `--lock-wait SECONDS`
 * changes it, 0 fails at once); after that the error is `lock/held`.
 */
import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PipelineError } from './errors.ts';
import { guard, makeDir } from './io.ts';
import type { Log } from './context.ts';

export const LOCK_FILE = '.lock';
export const DEFAULT_LOCK_WAIT_MS = 10 * 60_000;

export interface LockOptions {
  /** How long to wait for a live holder; 0 fails at once. */
  waitMs?: number;
  /** Pause between two looks at the lock. */
  pollMs?: number;
}

export interface LockHolder {
  pid: number;
  /** When the holder process started, as the kernel counts it (clock ticks since boot), or null where unknown. */
  process_start: number | null;
  /** When the lock was taken (ISO 8601), for messages only. */
  acquired: string;
}

export interface BuildLock {
  release(): void;
}

/** Start time of a process from /proc (Linux), so a reused pid is not mistaken for the holder. */
export function processStart(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = Number(fields[19]);
    return Number.isFinite(start) ? start : null;
  } catch {
    return null;
  }
}

function processState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
  } catch {
    return null;
  }
}

export function isAlive(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // A zombie (ended, not yet reaped by its parent) still answers kill(pid, 0).
  if (processState(holder.pid) === 'Z') return false;
  if (holder.process_start === null) return true;
  const start = processStart(holder.pid);
  return start === null || start === holder.process_start;
}

export function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    return Number.isInteger(h.pid) ? h : null;
  } catch {
    return null;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Creates `file` exclusively with `content`; false if it exists. */
function createExclusive(file: string, content: string, root: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw guard(file, root, 'creating the build lock', () => {
      throw e;
    });
  }
  try {
    guard(file, root, 'writing the build lock', () => writeSync(fd, content));
  } finally {
    closeSync(fd);
  }
  return true;
}

function removeIf(file: string, holder: LockHolder | null): void {
  const now = readHolder(file);
  if (holder === null ? now === null : now?.pid === holder.pid && now.process_start === holder.process_start) {
    try {
      unlinkSync(file);
    } catch {
      // Gone already: someone else cleaned it up.
    }
  }
}

/**
 * Takes the lock of `dir` (the build folder). A stale lock is replaced under
 * a second, short-lived lock file so that two processes that both find it
 * stale do not both take it.
 */
export function acquireBuildLock(dir: string, log: Log, opts: LockOptions = {}): BuildLock {
  // Messages name the lock relative to where the command was started.
  const root = process.cwd();
  const waitMs = opts.waitMs ?? envWait() ?? DEFAULT_LOCK_WAIT_MS;
  const pollMs = opts.pollMs ?? 100;
  makeDir(dir, root);
  const file = path.join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, process_start: processStart(process.pid), acquired: new Date().toISOString() };
  const content = `${JSON.stringify(me)}\n`;
  const deadline = Date.now() + waitMs;
  let announced = false;
  for (;;) {
    if (createExclusive(file, content, root)) break;
    const holder = readHolder(file);
    if (holder === null) {
      // Created but not yet written by its holder, or garbage: look again shortly, then treat as stale.
      sleep(pollMs);
      if (readHolder(file) === null && existsSync(file)) {
        log(`lock: ${file} holds no readable holder; taking it over`);
        takeOver(file, null, root);
      }
      continue;
    }
    if (holder.pid === process.pid && holder.process_start === me.process_start) {
      throw new PipelineError('lock/held', 'this process already holds the build lock', { file: path.relative(root, file), value: holder, expected: 'one lock per process' });
    }
    if (!isAlive(holder)) {
      log(`lock: taking over the build lock of ${dir}: its holder (pid ${holder.pid}, since ${holder.acquired}) is no longer running`);
      takeOver(file, holder, root);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new PipelineError('lock/held', `another build (pid ${holder.pid}, since ${holder.acquired}) is using ${dir}`, {
        file: path.relative(root, file),
        value: holder,
        expected: 'one build at a time per build folder: wait for it to finish, or give another --build folder',
      });
    }
    if (!announced) {
      log(`lock: waiting for the build running as pid ${holder.pid} (since ${holder.acquired}) to release ${dir}`);
      announced = true;
    }
    sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())));
  }
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    removeIf(file, me);
    process.removeListener('exit', release);
  };
  // A normal exit (an error included) releases the lock; kill -9 leaves it, and the next build takes it over.
  process.on('exit', release);
  return { release };
}

function takeOver(file: string, stale: LockHolder | null, root: string): void {
  const guardFile = `${file}.takeover`;
  const me: LockHolder = { pid: process.pid, process_start: processStart(process.pid), acquired: new Date().toISOString() };
  if (!createExclusive(guardFile, `${JSON.stringify(me)}\n`, root)) {
    const other = readHolder(guardFile);
    if (other && !isAlive(other)) removeIf(guardFile, other);
    sleep(20);
    return;
  }
  try {
    removeIf(file, stale);
  } finally {
    removeIf(guardFile, me);
  }
}

function envWait(): number | undefined {
  const v = process.env.CRR_LOCK_WAIT_MS;
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
