/** Publishing: staged, re-verified, renamed; the lock; system errors as codes. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { beginRelease, compareVersions, publishRelease, stageFile, writeRelease } from '../pipeline/export/release.ts';
import { sha256sums } from '../pipeline/export/datapackage.ts';
import { ioError, writeBytes } from '../pipeline/lib/io.ts';
import { acquireBuildLock, LOCK_FILE, processStart } from '../pipeline/lib/lock.ts';
import { sha256 } from '../pipeline/lib/sources.ts';
import { codeOf, errorOf, tempDir } from './helpers.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function release(extra: Record<string, string> = {}): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>([['a.csv', enc('x\r\n1\r\n')], ['b.json', enc('{}\n')], ...Object.entries(extra).map(([k, v]) => [k, enc(v)] as [string, Uint8Array])]);
  files.set('SHA256SUMS', enc(sha256sums(new Map([...files].map(([name, bytes]) => [name, { name, bytes: bytes.length, sha256: sha256(bytes) }])))));
  return files;
}

const listing = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe('a release is staged, re-verified and renamed into place', () => {
  it('writes, then finds an identical rebuild unchanged and a different one immutable', () => {
    const dist = path.join(tempDir(), 'ds');
    expect(writeRelease(path.join(dist, '1.0.0'), release(), '/')).toBe('written');
    expect(writeRelease(path.join(dist, '1.0.0'), release(), '/')).toBe('unchanged');
    expect(codeOf(() => writeRelease(path.join(dist, '1.0.0'), release({ 'c.txt': 'new' }), '/'))).toBe('release/immutable');
    expect(listing(dist)).toEqual(['1.0.0']);
  });

  it('a staged file changed before publishing is caught and nothing is published', () => {
    const dist = path.join(tempDir(), 'ds');
    const staged = beginRelease(path.join(dist, '1.0.0'), '/');
    for (const [n, b] of release()) stageFile(staged, n, b, '/');
    writeFileSync(path.join(staged.dir, 'a.csv'), 'x\r\n2\r\n');
    const e = errorOf(() => publishRelease(staged, path.join(dist, '1.0.0'), '/'));
    expect(e.code).toBe('release/verify-failed');
    expect(e.details.value).toEqual(['a.csv (sha256 differs)']);
    expect(listing(dist)).toEqual([]);
  });

  it.each([
    ['a file missing', (dir: string) => rmSync(path.join(dir, 'b.json')), 'b.json (missing)'],
    ['a file no SHA256SUMS lists', (dir: string) => writeFileSync(path.join(dir, 'stray.txt'), 'x'), 'stray.txt (not in SHA256SUMS)'],
  ])('a staged release with %s is refused', (_, tamper, problem) => {
    const dist = path.join(tempDir(), 'ds');
    const staged = beginRelease(path.join(dist, '1.0.0'), '/');
    for (const [n, b] of release()) stageFile(staged, n, b, '/');
    tamper(staged.dir);
    const e = errorOf(() => publishRelease(staged, path.join(dist, '1.0.0'), '/'));
    expect(e.code).toBe('release/verify-failed');
    expect(e.details.value).toContain(problem);
    expect(listing(dist)).toEqual([]);
  });

  it('a staged release without SHA256SUMS is refused', () => {
    const dist = path.join(tempDir(), 'ds');
    const staged = beginRelease(path.join(dist, '1.0.0'), '/');
    stageFile(staged, 'a.csv', enc('x'), '/');
    expect(codeOf(() => publishRelease(staged, path.join(dist, '1.0.0'), '/'))).toBe('release/verify-failed');
    expect(listing(dist)).toEqual([]);
  });

  it('two staged copies of one version: the second to publish finds it unchanged, or immutable if it differs', () => {
    const dist = path.join(tempDir(), 'ds');
    const a = beginRelease(path.join(dist, '1.0.0'), '/');
    const b = beginRelease(path.join(dist, '1.0.0'), '/');
    const c = beginRelease(path.join(dist, '1.0.0'), '/');
    expect(new Set([a.dir, b.dir, c.dir]).size).toBe(3);
    for (const [n, x] of release()) [a, b].forEach((s) => stageFile(s, n, x, '/'));
    for (const [n, x] of release({ 'c.txt': 'other' })) stageFile(c, n, x, '/');
    expect(publishRelease(a, path.join(dist, '1.0.0'), '/')).toBe('written');
    expect(publishRelease(b, path.join(dist, '1.0.0'), '/')).toBe('unchanged');
    expect(codeOf(() => publishRelease(c, path.join(dist, '1.0.0'), '/'))).toBe('release/immutable');
    expect(listing(dist)).toEqual(['1.0.0']);
    expect(listing(path.join(dist, '1.0.0'))).toEqual(['SHA256SUMS', 'a.csv', 'b.json']);
  });

  it('a staging folder left by a dead process is removed by the next release', () => {
    const dist = path.join(tempDir(), 'ds');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    mkdirSync(path.join(dist, `.staging-1.0.0-${dead}-abcd1234`), { recursive: true });
    writeRelease(path.join(dist, '1.0.0'), release(), '/');
    expect(listing(dist)).toEqual(['1.0.0']);
  });

  it('versions only go up: a lower new version is refused, semver order, not text order', () => {
    const dist = path.join(tempDir(), 'ds');
    writeRelease(path.join(dist, '1.10.0'), release(), '/');
    expect(codeOf(() => writeRelease(path.join(dist, '1.9.9'), release(), '/'))).toBe('release/version-not-newer');
    expect(writeRelease(path.join(dist, '1.11.0'), release(), '/')).toBe('written');
    expect(compareVersions('1.10.0', '1.2.0')).toBe(1);
    expect(listing(dist)).toEqual(['1.10.0', '1.11.0']);
  });

  it('a release path that exists as a file', () => {
    const dist = path.join(tempDir(), 'ds');
    mkdirSync(dist);
    writeFileSync(path.join(dist, '1.0.0'), 'a file');
    expect(codeOf(() => writeRelease(path.join(dist, '1.0.0'), release(), '/'))).toBe('io/not-a-directory');
    expect(readFileSync(path.join(dist, '1.0.0'), 'utf8')).toBe('a file');
  });

  it('a dataset folder path that runs through a file', () => {
    const dist = path.join(tempDir(), 'ds');
    writeFileSync(dist, 'a file');
    expect(codeOf(() => writeRelease(path.join(dist, '1.0.0'), release(), '/'))).toMatch(/^io\/(not-a-directory|exists)$/);
  });
});

describe('system errors become coded errors with the path', () => {
  it.each([
    ['ENOSPC', 'io/no-space'], ['EDQUOT', 'io/no-space'], ['EACCES', 'io/permission'], ['EPERM', 'io/permission'],
    ['EROFS', 'io/read-only'], ['ENOTDIR', 'io/not-a-directory'], ['EISDIR', 'io/is-a-directory'], ['ENOENT', 'io/missing'],
    ['EMFILE', 'io/too-many-files'], ['ENAMETOOLONG', 'io/name-too-long'], ['ELOOP', 'io/symlink-loop'], ['EBUSY', 'io/busy'], ['EIO', 'io/failed'],
  ])('%s is %s', (errno, code) => {
    const raw = Object.assign(new Error(`${errno}: failed`), { code: errno, syscall: 'write' });
    const e = ioError(raw, '/r/build/x.jsonl', '/r', 'writing');
    expect(e.code).toBe(code);
    expect(e.details.file).toBe('build/x.jsonl');
  });

  it('a write to a full device is io/no-space', () => {
    expect(codeOf(() => writeBytes('/dev/full', 'bytes', '/'))).toBe('io/no-space');
  });
});

describe('one build at a time per build folder', () => {
  it('a lock of a dead process is taken over, with a message', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: dead, process_start: 1, acquired: '2020-01-01T00:00:00Z' }));
    const lines: string[] = [];
    const lock = acquireBuildLock(dir, (l) => lines.push(l), { waitMs: 0 });
    expect(lines.join('\n')).toContain(`pid ${dead}`);
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('a lock whose pid was reused by another process is stale', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, process_start: (processStart(process.pid) ?? 0) + 1, acquired: 'x' }));
    const lines: string[] = [];
    acquireBuildLock(dir, (l) => lines.push(l), { waitMs: 0 }).release();
    expect(lines.join('\n')).toContain('no longer running');
  });

  it('an unreadable lock file is taken over', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE), 'garbage');
    const lines: string[] = [];
    acquireBuildLock(dir, (l) => lines.push(l), { waitMs: 0, pollMs: 5 }).release();
    expect(lines.join('\n')).toContain('no readable holder');
  });

  it('a live holder: lock/held at once with no wait, or a wait with a message until it ends', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1500)']);
    await new Promise((r) => child.once('spawn', r));
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: child.pid, process_start: processStart(child.pid!), acquired: 'now' }));
    const e = errorOf(() => acquireBuildLock(dir, () => {}, { waitMs: 0 }));
    expect(e.code).toBe('lock/held');
    expect(e.message).toContain(`pid ${child.pid}`);
    // The sync wait blocks this process: the child is killed from another one.
    spawn('sh', ['-c', `sleep 0.3; kill -9 ${child.pid}`]);
    const lines: string[] = [];
    const lock = acquireBuildLock(dir, (l) => lines.push(l), { waitMs: 10_000, pollMs: 50 });
    expect(lines[0]).toContain(`waiting for the build running as pid ${child.pid}`);
    lock.release();
  });
});
