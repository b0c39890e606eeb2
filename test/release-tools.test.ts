import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildInto, ROOT, tempDir, tempPaths } from './helpers.ts';

let release: string;

beforeAll(async () => {
  ({ releaseDir: release } = await buildInto(tempPaths()));
}, 120_000);

const copy = (): string => {
  const dir = path.join(tempDir('crr-download-'), 'release');
  cpSync(release, dir, { recursive: true });
  return dir;
};
const py = (dir: string) => spawnSync('python3', [path.join(dir, 'verify.py')], { encoding: 'utf8', cwd: tempDir() });

describe('verify.py in the release', () => {
  it('passes on a copy and says what it checked', () => {
    const r = py(copy());
    expect(r.stdout).toMatch(/checked \d+ files against SHA256SUMS/);
    expect(r.stdout).toMatch(/re-sliced [1-9]\d+ spans of \d+ rows against 1 source texts/);
    expect(r.status, r.stdout).toBe(0);
  });

  it('fails after one byte of a data file changes', () => {
    const dir = copy();
    const f = path.join(dir, 'events.csv');
    const bytes = readFileSync(f);
    bytes[bytes.length - 2] ^= 1;
    writeFileSync(f, bytes);
    const r = py(dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('events.csv does not have the SHA-256');
  });

  it('fails when a source text changes, as a span no longer re-slices', () => {
    const dir = copy();
    const f = path.join(dir, 'sources', 'cc-21-3-china-russia.txt');
    const text = readFileSync(f, 'utf8');
    writeFileSync(f, text.replace('Vladivostok', 'Vladivostoc'));
    const r = py(dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/events\.csv line \d+: cc-21-3-china-russia\[/);
  });

  it('runs from the repository as npm run verify -- DIR', () => {
    const r = spawnSync('npx', ['tsx', path.join(ROOT, 'pipeline', 'verify.ts'), copy()], { encoding: 'utf8', cwd: ROOT });
    expect(r.stdout).toContain('all checks passed');
    expect(r.status).toBe(0);
  });
});
