/**
 * Units of work are cached and never stale: an unchanged source is not
 * recomputed, a changed one is, alone; a changed step changes its version
 * and recomputes exactly what it and the steps after it made; a cached
 * build gives the bytes of a clean one; a stage run alone never publishes
 * from outputs made for other inputs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExport } from '../pipeline/export/stage.ts';
import { contentVersion, forgetHashes } from '../pipeline/lib/versions.ts';
import { ARTICLE_ID, ROOT, buildInto, cleanup, context, snapshot, tempDir } from './helpers.ts';
import { sha256 } from '../pipeline/lib/sources.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));

/** A sources/ folder with the registry and n copies of the article under new ids. */
function copies(n: number): string {
  const dir = path.join(tempDir('crr-cache-'), 'sources');
  dirs.push(path.dirname(dir));
  cpSync(path.join(ROOT, 'sources', 'registry'), path.join(dir, 'registry'), { recursive: true });
  for (let i = 1; i <= n; i++) {
    const to = path.join(dir, `copy-${i}`);
    cpSync(path.join(ROOT, 'sources', ARTICLE_ID), to, { recursive: true });
    // The article's curation names its own events, whose ids carry its source id.
    rmSync(path.join(to, 'curation.yaml'));
    const meta = path.join(to, 'source.yaml');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^id: .*$/m, `id: copy-${i}`));
  }
  return dir;
}

/** Change a word of a source's text and pin the new bytes, as a curator correcting a source would. */
function edit(sourceDir: string): void {
  const meta = path.join(sourceDir, 'source.yaml');
  const yaml = readFileSync(meta, 'utf8');
  const file = path.join(sourceDir, /^file: (.*)$/m.exec(yaml)![1]!.trim());
  const bytes = Buffer.from(readFileSync(file, 'utf8').replace('Hu Chunhua', 'Hu Chun-hua'));
  writeFileSync(file, bytes);
  writeFileSync(meta, yaml.replace(/^sha256: .*$/m, `sha256: ${sha256(bytes)}`).replace(/^bytes: .*$/m, `bytes: ${bytes.length}`));
}

const counts = (lines: string[], stage: string): { unchanged: number; computed: number } => {
  const m = new RegExp(`^${stage}: read \\d+ source\\(s\\) from .* \\((\\d+) unchanged, (\\d+) \\w+`).exec(lines.find((l) => l.startsWith(`${stage}: read`)) ?? '');
  if (!m) throw new Error(`no ${stage} line in ${lines.join('\n')}`);
  return { unchanged: Number(m[1]), computed: Number(m[2]) };
};

describe('the cache of units of work', () => {
  const sources = copies(3);
  const build = path.join(tempDir('crr-cache-build-'), 'build');
  dirs.push(path.dirname(build));
  const paths = (dist: string) => ({ root: ROOT, sources, schema: path.join(ROOT, 'schema'), build, dist });

  it('recomputes nothing when nothing changed, and gives the bytes of the first build', async () => {
    const first = path.join(tempDir('crr-cache-dist-'), 'dist');
    dirs.push(path.dirname(first));
    const a = await buildInto(paths(first));
    expect(counts(a.lines, 'extract')).toEqual({ unchanged: 0, computed: 3 });
    expect(counts(a.lines, 'normalize')).toEqual({ unchanged: 0, computed: 3 });
    const second = path.join(tempDir('crr-cache-dist-'), 'dist');
    dirs.push(path.dirname(second));
    const b = await buildInto(paths(second));
    expect(counts(b.lines, 'extract')).toEqual({ unchanged: 3, computed: 0 });
    expect(counts(b.lines, 'normalize')).toEqual({ unchanged: 3, computed: 0 });
    expect(snapshot(second)).toEqual(snapshot(first));
  });

  it('recomputes only the source that changed, and the cached build equals a clean one', async () => {
    edit(path.join(sources, 'copy-2'));
    const cachedDist = path.join(tempDir('crr-cache-dist-'), 'dist');
    dirs.push(path.dirname(cachedDist));
    const cached = await buildInto(paths(cachedDist));
    expect(counts(cached.lines, 'extract')).toEqual({ unchanged: 2, computed: 1 });
    expect(counts(cached.lines, 'normalize')).toEqual({ unchanged: 2, computed: 1 });
    const clean = tempDir('crr-cache-clean-');
    dirs.push(clean);
    await buildInto({ ...paths(path.join(clean, 'dist')), build: path.join(clean, 'build') });
    expect(snapshot(cachedDist)).toEqual(snapshot(path.join(clean, 'dist')));
  });

  it('never exports from outputs made for other inputs: the export stage alone brings them up to date', async () => {
    edit(path.join(sources, 'copy-3'));
    const dist = path.join(tempDir('crr-cache-dist-'), 'dist');
    dirs.push(path.dirname(dist));
    const ctx = context(paths(dist));
    const { releaseDir } = await runExport(ctx);
    expect(counts(ctx.lines, 'extract')).toEqual({ unchanged: 2, computed: 1 });
    const meta = readFileSync(path.join(sources, 'copy-3', 'source.yaml'), 'utf8');
    const pinned = /^sha256: (.*)$/m.exec(meta)![1]!.trim();
    expect(readFileSync(path.join(releaseDir, 'sources.csv'), 'utf8')).toContain(pinned);
  });
});

describe('a build with nothing changed writes nothing', () => {
  const sources = copies(2);
  const root = tempDir('crr-cache-same-');
  dirs.push(root);
  const paths = { root: ROOT, sources, schema: path.join(ROOT, 'schema'), build: path.join(root, 'build'), dist: path.join(root, 'dist') };
  const line = (lines: string[], start: string): string => lines.find((l) => l.startsWith(start)) ?? '';

  it('skips the tables over all sources and the export when their inputs are those recorded, and the release stays byte-identical', async () => {
    const first = await buildInto(paths);
    expect(line(first.lines, 'normalize: read')).toContain('tables over all sources made');
    expect(line(first.lines, 'export: read')).toMatch(/wrote .*\(\d+ files/);
    const before = snapshot(paths.dist);
    const second = await buildInto(paths);
    expect(line(second.lines, 'normalize: read')).toContain('tables over all sources unchanged');
    expect(line(second.lines, 'export:')).toMatch(/^export: inputs unchanged since .* each match the sha256 recorded in .*: nothing to write/);
    expect(second.lines.some((l) => l.startsWith('export: writers'))).toBe(false);
    expect(snapshot(paths.dist)).toEqual(before);
  });

  it('exports again when a file of the release was edited in dist/, and refuses to publish over it', async () => {
    const release = path.join(paths.dist, 'china-russia-relations');
    const version = readFileSync(path.join(release, 'LATEST'), 'utf8').trim();
    const csv = path.join(release, version, 'events.csv');
    writeFileSync(csv, `${readFileSync(csv, 'utf8')}\n`);
    await expect(buildInto(paths)).rejects.toMatchObject({ code: 'release/immutable' });
  });

  it('exports again when an input the normalize key does not cover changed (an audit judgment file)', async () => {
    const audit = path.join(root, 'audit');
    const fresh = { ...paths, dist: path.join(root, 'dist-2'), audit };
    mkdirSync(audit, { recursive: true });
    const a = await buildInto(fresh);
    expect(line(a.lines, 'export: read')).toContain('wrote');
    writeFileSync(path.join(audit, 'README.md'), 'judgments of no version yet\n');
    const b = await buildInto({ ...fresh, dist: path.join(root, 'dist-3') });
    expect(line(b.lines, 'export: read')).toContain('wrote');
  });

  it('removes a zip left half-written by a build that was killed', async () => {
    const release = path.join(paths.dist, 'china-russia-relations');
    rmSync(path.join(paths.build, 'export'), { recursive: true, force: true });
    const version = readFileSync(path.join(release, 'LATEST'), 'utf8').trim();
    const csv = path.join(release, version, 'events.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(/\n$/, ''));
    // No process has pid 2^22 + 1: the maximum pid on Linux is 2^22.
    const leftover = path.join(release, `.staging-china-russia-relations-${version}.zip-4194305-0badc0de`);
    const older = path.join(release, `china-russia-relations-${version}.zip.4194305.tmp`);
    writeFileSync(leftover, 'PK');
    writeFileSync(older, 'PK');
    await buildInto(paths);
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(older)).toBe(false);
  });
});

describe('step versions', () => {
  it('change when a module the step imports changes, and not when an unrelated one does', () => {
    const dir = tempDir('crr-versions-');
    dirs.push(dir);
    writeFileSync(path.join(dir, 'step.ts'), "import { helper } from './helper.ts';\nexport const x = helper;\n");
    writeFileSync(path.join(dir, 'helper.ts'), 'export const helper = 1;\n');
    writeFileSync(path.join(dir, 'other.ts'), 'export const other = 1;\n');
    writeFileSync(path.join(dir, 'data.yaml'), 'a: 1\n');
    const v1 = contentVersion([path.join(dir, 'step.ts')], [path.join(dir, 'data.yaml')]);
    writeFileSync(path.join(dir, 'other.ts'), 'export const other = 2;\n');
    forgetHashes();
    expect(contentVersion([path.join(dir, 'step.ts')], [path.join(dir, 'data.yaml')])).toBe(v1);
    writeFileSync(path.join(dir, 'helper.ts'), 'export const helper = 2;\n');
    forgetHashes();
    const v2 = contentVersion([path.join(dir, 'step.ts')], [path.join(dir, 'data.yaml')]);
    expect(v2).not.toBe(v1);
    writeFileSync(path.join(dir, 'data.yaml'), 'a: 2\n');
    forgetHashes();
    expect(contentVersion([path.join(dir, 'step.ts')], [path.join(dir, 'data.yaml')])).not.toBe(v2);
    expect(v1).toMatch(/^[0-9a-f]{8}$/);
  });

  it('do not depend on where the data files lie: the same files under folders that sort the other way give the same version', () => {
    const dir = tempDir('crr-versions-');
    dirs.push(dir);
    for (const d of ['a-schema', 'z-sources', 'z-schema', 'a-sources']) mkdirSync(path.join(dir, d));
    writeFileSync(path.join(dir, 'step.ts'), 'export const x = 1;\n');
    for (const d of ['a-schema', 'z-schema']) writeFileSync(path.join(dir, d, 'titles.yaml'), 'a: 1\n');
    for (const d of ['a-sources', 'z-sources']) writeFileSync(path.join(dir, d, 'people.yaml'), 'b: 2\n');
    const code = [path.join(dir, 'step.ts')];
    const one = contentVersion(code, [path.join(dir, 'a-schema', 'titles.yaml'), path.join(dir, 'z-sources', 'people.yaml')]);
    expect(contentVersion(code, [path.join(dir, 'z-schema', 'titles.yaml'), path.join(dir, 'a-sources', 'people.yaml')])).toBe(one);
  });

  it('a changed step recomputes exactly its stage from that step on, and its rows carry the new label', { timeout: 240_000 }, () => {
    // A copy of the project's code, so that editing a step touches nothing else.
    const project = tempDir('crr-step-edit-');
    dirs.push(project);
    for (const f of ['pipeline', 'schema', 'package.json', 'tsconfig.json']) cpSync(path.join(ROOT, f), path.join(project, f), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
    mkdirSync(path.join(project, 'sources'));
    cpSync(path.join(ROOT, 'sources', 'registry'), path.join(project, 'sources', 'registry'), { recursive: true });
    cpSync(path.join(ROOT, 'sources', ARTICLE_ID), path.join(project, 'sources', ARTICLE_ID), { recursive: true });
    const run = (dist: string): string => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', 'build', '--dist', dist], { cwd: project, encoding: 'utf8', env: { ...process.env, CRR_WORKERS: '0' } });
      if (r.status !== 0) throw new Error(r.stderr);
      return r.stdout;
    };
    const labels = (dist: string, table: string): Set<string> => {
      const release = path.join(dist, 'china-russia-relations', /^version: (.*)$/m.exec(readFileSync(path.join(project, 'schema', 'dataset.yaml'), 'utf8'))![1]!.trim());
      return new Set(readFileSync(path.join(release, `${table}.csv`), 'utf8').split('\r\n').slice(1).filter(Boolean).map((l) => /"((?:extract|normalize)\/[a-z-]+@[0-9a-f]{8})"/.exec(l)![1]!));
    };
    run(path.join(project, 'dist-a'));
    const termsFile = path.join(project, 'pipeline', 'normalize', 'terms.ts');
    writeFileSync(termsFile, `${readFileSync(termsFile, 'utf8')}\n// an edit\n`);
    const out = run(path.join(project, 'dist-b'));
    expect(out).toMatch(/extract: read 1 source\(s\) .*\(1 unchanged, 0 extracted\)/);
    expect(out).toMatch(/normalize: read 1 source\(s\) .*\(0 unchanged, 1 normalized\)/);
    const before = [...labels(path.join(project, 'dist-a'), 'terms')];
    const after = [...labels(path.join(project, 'dist-b'), 'terms')];
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
    expect(after[0]!.startsWith('normalize/terms@')).toBe(true);
    // Steps that do not import terms.ts keep their labels.
    expect([...labels(path.join(project, 'dist-b'), 'claims')]).toEqual([...labels(path.join(project, 'dist-a'), 'claims')]);
  });
});
