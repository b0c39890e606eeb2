/**
 * Faults injected into real command-line runs: kill -9 mid-build, two builds
 * and two exports at once, a paused holder of the lock, a full disk, a
 * read-only and an immutable dist/. After each: every published release is
 * complete and byte-identical to a clean build, none is half-written, and
 * the next build succeeds. No run prints a raw stack.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SCHEMA, tempDir } from './helpers.ts';

const CLI = path.join(ROOT, 'pipeline', 'cli.ts');
const STACK = /^\s+at .+[:(]/m;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

const run = (args: string[]): Promise<Run> => start(args).done;
const build = (b: string, d: string, extra: string[] = []): string[] => ['build', '--build', b, '--dist', d, ...extra];
/** An export from a copy of the clean build: the stage that writes dist/, without the seconds of extraction before it. */
function exportTo(d: string): string[] {
  const b = path.join(tempDir(), 'build');
  cpSync(baseBuild, b, { recursive: true });
  return ['export', '--build', b, '--dist', d];
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Every file of a dist/ with its sha256, by path. */
function digest(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

let baseline: Map<string, string>;
let baseBuild: string;
const datasetDir = (dist: string): string => path.join(dist, SCHEMA.name);
const mounts: string[] = [];

const INDEX_FILES = ['LATEST', 'versions.json', 'index.html', 'CHANGELOG.md'];

/**
 * What a reader of dist/ sees: each version folder complete and identical to a clean build's,
 * no staging left behind, and each file of the version index beside it (LATEST, versions.json,
 * index.html, CHANGELOG.md, the zips) whole. A build killed after its release folder was renamed
 * into place but before the index was rewritten leaves the index as it was (here: absent); the
 * next build writes it, which the callers check with the whole digest.
 */
function expectWholeReleases(dist: string, opts: { allowStaging?: boolean } = {}): void {
  const names = existsSync(datasetDir(dist)) ? readdirSync(datasetDir(dist)) : [];
  const got = digest(dist);
  for (const name of names) {
    if (name.startsWith('.staging-')) {
      expect(opts.allowStaging, `staging folder ${name} left behind`).toBe(true);
      continue;
    }
    const rel = path.join(SCHEMA.name, name);
    if (INDEX_FILES.includes(name) || name.endsWith('.zip')) {
      expect(got.get(rel), `${rel} is not the clean build's (half-written?)`).toBe(baseline.get(rel));
      continue;
    }
    expect(name).toBe(SCHEMA.version);
    const inside = (keys: Iterable<string>): string[] => [...keys].filter((k) => k.startsWith(rel + path.sep)).sort();
    for (const k of inside(got.keys())) expect(got.get(k), k).toBe(baseline.get(k));
    expect(inside(got.keys())).toEqual(inside(baseline.keys()));
  }
}

function noStack(r: Run): void {
  expect(r.stderr).not.toMatch(STACK);
}

beforeAll(async () => {
  const dir = tempDir();
  baseBuild = path.join(dir, 'build');
  const r = await run(build(baseBuild, path.join(dir, 'dist')));
  expect(r.code, r.stderr).toBe(0);
  baseline = digest(path.join(dir, 'dist'));
});

afterAll(() => {
  for (const m of mounts) spawnSync('umount', [m]);
});

describe('concurrent runs', () => {
  it('two builds of one build folder at once: the second waits, both succeed, one identical release', async () => {
    const dir = tempDir();
    const [b, d] = [path.join(dir, 'build'), path.join(dir, 'dist')];
    const first = start(build(b, d));
    await sleep(300);
    const second = start(build(b, d));
    const [r1, r2] = await Promise.all([first.done, second.done]);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r2.code, r2.stderr).toBe(0);
    expect(`${r1.stdout}${r2.stdout}`).toContain('lock: waiting for the build running as pid');
    expectWholeReleases(d);
    expect(digest(d)).toEqual(baseline);
  });

  it('two exports from two build folders into one dist/ at once: one release, identical, no staging left', async () => {
    const dir = tempDir();
    const d = path.join(dir, 'dist');
    const builds = [path.join(dir, 'b1'), path.join(dir, 'b2')];
    for (const b of builds) cpSync(baseBuild, b, { recursive: true });
    const runs = await Promise.all(builds.map((b) => run(['export', '--build', b, '--dist', d])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(runs.map((r) => /unchanged, identical to/.test(r.stdout)).sort()).toEqual([false, true]);
    expectWholeReleases(d);
    expect(digest(d)).toEqual(baseline);
  });

  it('a paused build holds the lock: another stops with lock/held, the paused one resumes and finishes', async () => {
    const dir = tempDir();
    const [b, d] = [path.join(dir, 'build'), path.join(dir, 'dist')];
    const first = start(build(b, d));
    while (!existsSync(path.join(b, '.lock'))) await sleep(20);
    first.child.kill('SIGSTOP');
    const second = await run(build(b, d, ['--lock-wait', '0']));
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('[lock/held]');
    expect(second.stderr).toContain(`pid ${first.child.pid}`);
    noStack(second);
    first.child.kill('SIGCONT');
    const r1 = await first.done;
    expect(r1.code, r1.stderr).toBe(0);
    expect(digest(d)).toEqual(baseline);
  });
});

describe('kill -9 mid-build leaves no half release, and the next build succeeds', () => {
  /** Starts a build, kills it with SIGKILL once `when` resolves, and checks what it leaves and that the next build mends it. */
  async function killAndRecover(when: (dist: string, closed: () => boolean) => Promise<void>): Promise<void> {
    const dir = tempDir();
    const [b, d] = [path.join(dir, 'build'), path.join(dir, 'dist')];
    const victim = start(build(b, d));
    let closed = false;
    victim.done.then(() => (closed = true));
    await when(d, () => closed);
    victim.child.kill('SIGKILL');
    await victim.done;
    expectWholeReleases(d, { allowStaging: true });
    const next = await run(build(b, d));
    expect(next.code, next.stderr).toBe(0);
    expectWholeReleases(d);
    expect(digest(d)).toEqual(baseline);
  }

  it.each([300, 1500, 2800])('killed after %i ms', (ms) => killAndRecover(() => sleep(ms)));

  it('killed as soon as the release folder is in place, before the version index is written', () =>
    killAndRecover(async (d, closed) => {
      const release = path.join(datasetDir(d), SCHEMA.version);
      while (!existsSync(release) && !closed()) await sleep(2);
    }));
});

/** Mounts a tmpfs (root only); null where this machine does not allow it. */
function tmpfs(options: string): string | null {
  const dir = tempDir('crr-mnt-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  if (r.status !== 0) return null;
  mounts.push(dir);
  return dir;
}

describe('the file system refuses', () => {
  it('no space left on dist/: io/no-space, nothing published, then a build with space succeeds', async (t) => {
    const mnt = tmpfs('size=600k');
    if (!mnt) return t.skip('mount is not permitted here');
    const dir = tempDir();
    const args = exportTo(mnt);
    const r = await run(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[io/no-space]');
    noStack(r);
    expect(readdirSync(datasetDir(mnt))).toEqual([]);
    const next = await run([...args.slice(0, -1), path.join(dir, 'dist')]);
    expect(next.code, next.stderr).toBe(0);
    expect(digest(path.join(dir, 'dist'))).toEqual(baseline);
  });

  it('no space left on build/: io/no-space, nothing published, no temporary file or lock left', async (t) => {
    const mnt = tmpfs('size=200k');
    if (!mnt) return t.skip('mount is not permitted here');
    const dir = tempDir();
    const r = await run(build(mnt, path.join(dir, 'dist')));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[io/no-space]');
    noStack(r);
    expect(digest(path.join(dir, 'dist')).size).toBe(0);
    expect(readdirSync(mnt).filter((n) => n.endsWith('.tmp') || n === '.lock')).toEqual([]);
  });

  it('a read-only dist/: io/read-only', async (t) => {
    const mnt = tmpfs('ro,size=1m');
    if (!mnt) return t.skip('mount is not permitted here');
    const r = await run(exportTo(mnt));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[io/read-only]');
    noStack(r);
  });

  it('an immutable dataset folder: io/permission, and the folder is as it was', async (t) => {
    const d = path.join(tempDir(), 'dist');
    mkdirSync(datasetDir(d), { recursive: true });
    if (spawnSync('chattr', ['+i', datasetDir(d)]).status !== 0) return t.skip('chattr is not permitted here');
    try {
      const r = await run(exportTo(d));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('[io/permission]');
      noStack(r);
      expect(readdirSync(datasetDir(d))).toEqual([]);
    } finally {
      spawnSync('chattr', ['-i', datasetDir(d)]);
    }
  });

  it('a release path that exists as a file: io/not-a-directory, the file untouched', async () => {
    const d = path.join(tempDir(), 'dist');
    mkdirSync(datasetDir(d), { recursive: true });
    writeFileSync(path.join(datasetDir(d), SCHEMA.version), 'not a folder');
    const r = await run(exportTo(d));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[io/not-a-directory]');
    noStack(r);
    expect(readFileSync(path.join(datasetDir(d), SCHEMA.version), 'utf8')).toBe('not a folder');
  });

  it('a sources path that is a file: a coded error, and --debug adds the stack', async () => {
    const file = path.join(tempDir(), 'sources');
    writeFileSync(file, 'x');
    const r = await run(['extract', '--sources', file, '--build', path.join(tempDir(), 'build')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[io\/not-a-directory\]/);
    noStack(r);
    const debug = await run(['extract', '--sources', file, '--build', path.join(tempDir(), 'build'), '--debug']);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(STACK);
  });
});
