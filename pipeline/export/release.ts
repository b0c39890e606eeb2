/**
 * Write a release atomically and never change a released version.
 *
 * All files go to a staging folder unique to this process beside the
 * release folder; before anything is published the staged files are
 * re-read and checked against the SHA256SUMS written among them (file list,
 * sizes, hashes), and then the folder is renamed into place. That rename is
 * the only publishing step: a failed, interrupted or concurrent build leaves
 * dist/ as it was or with a complete release, never half of one. If the
 * version already exists, the new files must be byte-identical to it;
 * otherwise the build refuses and asks for a new version. A version lower
 * than the newest one released is refused too.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { PipelineError } from '../lib/errors.ts';
import { guard, ioError, makeDir, readBytes, removeTree, writeBytes } from '../lib/io.ts';
import { isAlive } from '../lib/lock.ts';
import { rel } from '../lib/sources.ts';

export type ReleaseOutcome = 'written' | 'unchanged';

export interface StagedRelease {
  dir: string;
}

const SUMS = 'SHA256SUMS';
const STAGING = /^\.staging-(.+)-(\d+)-[0-9a-f]+$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** Every file under a folder, by its path relative to it ("page/part-1.js"), sorted. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

const CHUNK = 1 << 20;

/** sha256 and size of a file, read a chunk at a time: a release's largest file never sits in memory whole. */
export function hashFile(file: string): { sha256: string; bytes: number } {
  const h = createHash('sha256');
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  let bytes = 0;
  try {
    for (let n; (n = readSync(fd, buf, 0, CHUNK, null)) > 0; ) {
      h.update(buf.subarray(0, n));
      bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: h.digest('hex'), bytes };
}

/** Whether two files hold the same bytes, compared a chunk at a time. */
export function sameFile(a: string, b: string): boolean {
  if (statSync(a).size !== statSync(b).size) return false;
  const fa = openSync(a, 'r');
  const fb = openSync(b, 'r');
  const ba = Buffer.allocUnsafe(CHUNK);
  const bb = Buffer.allocUnsafe(CHUNK);
  try {
    for (;;) {
      const na = readSync(fa, ba, 0, CHUNK, null);
      const nb = readSync(fb, bb, 0, CHUNK, null);
      if (na !== nb || !ba.subarray(0, na).equals(bb.subarray(0, nb))) return false;
      if (na === 0) return true;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}

/** How a release folder differs from files given by bytes, or from another folder's files. */
export function differences(dir: string, files: Map<string, Uint8Array> | string): string[] {
  const existing = new Set(listFiles(dir));
  const diffs: string[] = [];
  const names = typeof files === 'string' ? listFiles(files) : [...files.keys()];
  for (const name of names) {
    if (!existing.has(name)) diffs.push(`${name} (new)`);
    else if (typeof files === 'string' ? !sameFile(path.join(files, name), path.join(dir, name)) : !Buffer.from(files.get(name)!).equals(readFileSync(path.join(dir, name)))) {
      diffs.push(`${name} (changed)`);
    }
    existing.delete(name);
  }
  for (const name of existing) diffs.push(`${name} (removed)`);
  return diffs.sort();
}

/** Semantic versions in order: -1, 0 or 1. Folder listings sort 1.10.0 before 1.2.0; this does not. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
  return 0;
}

/** The newest released version in a dataset folder, or null. */
export function newestVersion(datasetDir: string): string | null {
  if (!existsSync(datasetDir)) return null;
  const versions = readdirSync(datasetDir).filter((n) => SEMVER.test(n));
  return versions.sort(compareVersions).at(-1) ?? null;
}

function immutable(releaseDir: string, root: string, diffs: string[]): PipelineError {
  return new PipelineError('release/immutable', `version ${path.basename(releaseDir)} is already released and this build differs from it`, {
    file: rel(root, releaseDir),
    value: diffs,
    expected: 'a new version in schema/dataset.yaml (released versions never change)',
  });
}

/**
 * Checks where the release goes and creates a staging folder for it. Staging
 * folders left by dead processes (kill -9) are removed here.
 */
export function beginRelease(releaseDir: string, root: string): StagedRelease {
  const parent = path.dirname(releaseDir);
  const version = path.basename(releaseDir);
  makeDir(parent, root);
  const stat = guard(releaseDir, root, 'reading', () => (existsSync(releaseDir) ? lstatSync(releaseDir) : null));
  if (stat && !stat.isDirectory()) {
    throw new PipelineError('io/not-a-directory', 'the release path exists and is not a folder', {
      file: rel(root, releaseDir),
      expected: 'a release folder or nothing at this path',
    });
  }
  if (!stat && SEMVER.test(version)) {
    const newest = newestVersion(parent);
    if (newest && compareVersions(version, newest) < 0) {
      throw new PipelineError('release/version-not-newer', `version ${version} is lower than ${newest}, the newest release`, {
        file: rel(root, releaseDir),
        value: version,
        expected: `a version above ${newest} in schema/dataset.yaml (versions only go up)`,
      });
    }
  }
  for (const name of guard(parent, root, 'listing', () => readdirSync(parent))) {
    const m = STAGING.exec(name);
    if (m && Number(m[2]) !== process.pid && !isAlive({ pid: Number(m[2]), process_start: null, acquired: '' })) {
      removeTree(path.join(parent, name));
    }
  }
  const dir = path.join(parent, `.staging-${version}-${process.pid}-${randomBytes(4).toString('hex')}`);
  makeDir(dir, root);
  return { dir };
}

/** Writes one file of a staged release. */
/** A release file's path is relative, inside the release, in plain parts ("page/part-1.js"). */
export function checkReleaseName(name: string): void {
  const parts = name.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.') || p.includes('\\')) || path.isAbsolute(name)) {
    throw new PipelineError('release/verify-failed', 'a release file name must be a relative path of plain names', { value: name });
  }
}

export function stageFile(staged: StagedRelease, name: string, bytes: Uint8Array, root: string): void {
  checkReleaseName(name);
  const file = path.join(staged.dir, name);
  makeDir(path.dirname(file), root);
  writeBytes(file, bytes, root);
}

/** Parses SHA256SUMS: name → hash. */
function readSums(staged: StagedRelease, root: string): Map<string, string> {
  const file = path.join(staged.dir, SUMS);
  if (!existsSync(file)) {
    throw new PipelineError('release/verify-failed', 'the staged release has no SHA256SUMS', { file: rel(root, file), expected: 'SHA256SUMS listing every other file' });
  }
  const sums = new Map<string, string>();
  const lines = readBytes(file, root).toString('utf8').split('\n');
  lines.forEach((line, i) => {
    if (line === '' && i === lines.length - 1) return;
    const m = /^([0-9a-f]{64}) {2}([^\n]+)$/.exec(line);
    if (!m || sums.has(m[2]!)) {
      throw new PipelineError('release/verify-failed', 'SHA256SUMS has a malformed or repeated line', { file: rel(root, file), line: i + 1, value: line, expected: '<sha256>  <file name>' });
    }
    sums.set(m[2]!, m[1]!);
  });
  return sums;
}

/**
 * Re-reads the staged files and checks them against SHA256SUMS (and, when
 * given, against the bytes meant to be written): the same file list, sizes
 * and hashes. Throws `release/verify-failed` naming what differs.
 */
export function verifyStaged(staged: StagedRelease, root: string, expected?: Map<string, Uint8Array>): void {
  const sums = readSums(staged, root);
  const present = guard(staged.dir, root, 'listing', () => listFiles(staged.dir)).filter((n) => n !== SUMS);
  const listed = [...sums.keys()].sort();
  const problems: string[] = [];
  for (const n of present) if (!sums.has(n)) problems.push(`${n} (not in SHA256SUMS)`);
  for (const n of listed) if (!present.includes(n)) problems.push(`${n} (missing)`);
  for (const n of present) {
    const file = path.join(staged.dir, n);
    const got = guard(file, root, 'reading', () => hashFile(file));
    const want = expected?.get(n);
    if (want && want.length !== got.bytes) problems.push(`${n} (${got.bytes} bytes, expected ${want.length})`);
    else if (sums.has(n) && got.sha256 !== sums.get(n)) problems.push(`${n} (sha256 differs)`);
    else if (want && !Buffer.from(want).equals(readBytes(file, root))) problems.push(`${n} (bytes differ)`);
  }
  if (expected) for (const n of expected.keys()) if (n !== SUMS && !present.includes(n)) problems.push(`${n} (not written)`);
  if (problems.length > 0) {
    throw new PipelineError('release/verify-failed', 'the staged release does not match what was written; nothing was published', {
      file: rel(root, staged.dir),
      value: problems.sort(),
      expected: 'every file listed in SHA256SUMS with its hash',
    });
  }
}

/**
 * Publishes a staged release: verifies it, then renames it into place. If
 * the version exists (already, or because a concurrent build published it
 * first) the staged files must equal it byte for byte. The staging folder is
 * always removed.
 */
export function publishRelease(staged: StagedRelease, releaseDir: string, root: string, expected?: Map<string, Uint8Array>): ReleaseOutcome {
  try {
    verifyStaged(staged, root, expected);
    const compare = (): ReleaseOutcome => {
      const diffs = differences(releaseDir, staged.dir);
      if (diffs.length === 0) return 'unchanged';
      throw immutable(releaseDir, root, diffs);
    };
    if (existsSync(releaseDir)) return compare();
    try {
      renameSync(staged.dir, releaseDir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Another build published this version between our check and the rename.
      if ((code === 'ENOTEMPTY' || code === 'EEXIST') && existsSync(releaseDir) && lstatSync(releaseDir).isDirectory()) return compare();
      throw ioError(e, releaseDir, root, 'publishing the release');
    }
    return 'written';
  } finally {
    removeTree(staged.dir);
  }
}

export function writeRelease(releaseDir: string, files: Map<string, Uint8Array>, root: string): ReleaseOutcome {
  if (existsSync(releaseDir) && lstatSync(releaseDir).isDirectory()) {
    const diffs = differences(releaseDir, files);
    if (diffs.length === 0) return 'unchanged';
    throw immutable(releaseDir, root, diffs);
  }
  const staged = beginRelease(releaseDir, root);
  try {
    for (const [name, bytes] of files) stageFile(staged, name, bytes, root);
  } catch (e) {
    removeTree(staged.dir);
    throw e;
  }
  return publishRelease(staged, releaseDir, root, files);
}
