import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildInto, ROOT, tempDir, tempPaths } from './helpers.ts';
import { updateDatasetIndex, compareVersions } from '../pipeline/export/versions.ts';
import { zipRelease } from '../pipeline/export/zip.ts';
import { unzipSync } from 'fflate';

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
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 2) ^ 1, bytes.length - 2);
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

describe('the dataset folder', () => {
  it('holds LATEST, versions.json, index.html and a zip of every version that is the same bytes on every build', async () => {
    const datasetDir = path.dirname(release);
    const entries = await updateDatasetIndex(datasetDir, 'china-russia-relations');
    const version = path.basename(release);
    expect(readFileSync(path.join(datasetDir, 'LATEST'), 'utf8')).toBe(`${version}\n`);
    const v = JSON.parse(readFileSync(path.join(datasetDir, 'versions.json'), 'utf8'));
    expect(v.versions[0].version).toBe(version);
    expect(v.versions[0].tables.events).toBeGreaterThan(100);
    const zip = readFileSync(path.join(datasetDir, entries[0]!.zip.path));
    expect(createHash('sha256').update(zip).digest('hex')).toBe(v.versions[0].zip.sha256);
    expect(Buffer.from(await zipRelease(release, 'china-russia-relations', version)).equals(zip)).toBe(true);
    const names = Object.keys(unzipSync(zip));
    expect(names).toContain(`china-russia-relations-${version}/verify.py`);
    expect(names).toContain(`china-russia-relations-${version}/sources/cc-21-3-china-russia.txt`);
    expect(readFileSync(path.join(datasetDir, 'index.html'), 'utf8')).toContain(`href="${version}/index.html"`);
  });

  it('orders versions by semver, not by text', () => {
    expect(['1.10.0', '1.2.0', '1.9.1'].sort(compareVersions)).toEqual(['1.2.0', '1.9.1', '1.10.0']);
  });
});
