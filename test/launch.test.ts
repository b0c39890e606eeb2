/**
 * `npm run build` runs the command line compiled once into one file
 * (pipeline/launch.mjs): the same release and the same errors as the
 * TypeScript run from source, and a new compilation whenever any file of
 * pipeline/ changes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleKey, compiledCli } from '../pipeline/launch.mjs';
import { ROOT, buildInto, cleanup, snapshot, tempDir, tempPaths } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

describe('the compiled command line', () => {
  it('has a key that changes with any file under the folder, and only then', () => {
    const dir = tempDir('crr-launch-');
    dirs.push(dir);
    mkdirSync(path.join(dir, 'lib'));
    writeFileSync(path.join(dir, 'a.ts'), 'export const a = 1;\n');
    writeFileSync(path.join(dir, 'lib', 'b.css'), 'p{}\n');
    const k = bundleKey(dir, ['node v20']);
    expect(bundleKey(dir, ['node v20'])).toBe(k);
    writeFileSync(path.join(dir, 'lib', 'b.css'), 'p{ }\n');
    const k2 = bundleKey(dir, ['node v20']);
    expect(k2).not.toBe(k);
    expect(bundleKey(dir, ['node v22'])).not.toBe(k2);
    writeFileSync(path.join(dir, 'c.ts'), '');
    expect(bundleKey(dir, ['node v20'])).not.toBe(k2);
  });

  it('runs this checkout\'s modules, even with a node_modules/ copied from another checkout', async () => {
    // The compiled file names every module by its absolute address; its key holds that address.
    const text = readFileSync(await compiledCli(), 'utf8');
    const addresses = new Set(text.match(/file:\/\/\/[^"]*?\/pipeline\//g) ?? []);
    expect([...addresses]).toEqual([`${pathToFileURL(path.join(ROOT, 'pipeline')).href}/`]);
  });

  it('builds a release byte-identical to the one the TypeScript source builds', { timeout: 240_000 }, async () => {
    const file = await compiledCli();
    expect(existsSync(file)).toBe(true);
    expect(path.relative(ROOT, file)).toMatch(/^node_modules\/\.cache\/crr-cli\/cli-[0-9a-f]{20}\.mjs$/);
    const fromSource = tempPaths();
    dirs.push(path.dirname(fromSource.build));
    await buildInto(fromSource);
    const out = tempDir('crr-launch-build-');
    dirs.push(out);
    const r = spawnSync(process.execPath, ['pipeline/launch.mjs', 'build', '--build', path.join(out, 'build'), '--dist', path.join(out, 'dist')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CRR_WORKERS: '0' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^build: done in \d+ ms/m);
    expect(snapshot(path.join(out, 'dist'))).toEqual(snapshot(fromSource.dist));
  });

  it('reports bad input with its code and exits 1, as from source', () => {
    const out = tempDir('crr-launch-bad-');
    dirs.push(out);
    const args = ['build', '--sources', path.join(out, 'no-such-folder'), '--build', path.join(out, 'build'), '--dist', path.join(out, 'dist')];
    const compiled = spawnSync(process.execPath, ['pipeline/launch.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
    const source = spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
    expect(compiled.status).toBe(1);
    expect(source.status).toBe(1);
    expect(compiled.stderr).toMatch(/\[[a-z-]+\/[a-z-]+\]/);
    expect(compiled.stderr.split(out).join('<dir>')).toBe(source.stderr.split(out).join('<dir>'));
    expect(existsSync(path.join(out, 'dist'))).toBe(false);
  });
});
