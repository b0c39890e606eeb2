/**
 * The page is written in a second thread for a large
 * release (export/side-thread.ts). The release must not depend on where
 * they were written, and a failure in that thread must stop the export with
 * its code and publish nothing.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runExport } from '../pipeline/export/stage.ts';
import { startSide } from '../pipeline/export/side-thread.ts';
import { loadSchema } from '../pipeline/lib/schema.ts';
import { isPipelineError } from '../pipeline/lib/errors.ts';
import { ROOT, cleanup, context, copySources, snapshot, tempDir, ARTICLE_ID } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(cleanup));
const saved = { side: process.env.CRR_SIDE_ROWS, workers: process.env.CRR_WORKERS };
afterEach(() => {
  for (const [k, v] of [['CRR_SIDE_ROWS', saved.side], ['CRR_WORKERS', saved.workers]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('the side thread', () => {
  // A copy of the sources, so that the project's audit judgments do not apply and the test owns the folder.
  const sources = copySources([path.join(ROOT, 'sources', ARTICLE_ID), path.join(ROOT, 'sources', 'registry')]);
  dirs.push(path.dirname(sources));
  const build = path.join(tempDir('crr-side-build-'), 'build');
  dirs.push(path.dirname(build));
  const paths = (dist: string) => ({ root: ROOT, sources, schema: path.join(ROOT, 'schema'), build, dist });

  it('gives the bytes of the main thread, file for file', { timeout: 180_000 }, async () => {
    const main = path.join(tempDir('crr-side-dist-'), 'dist');
    const side = path.join(tempDir('crr-side-dist-'), 'dist');
    dirs.push(path.dirname(main), path.dirname(side));
    process.env.CRR_WORKERS = '0';
    const a = context(paths(main));
    await runExport(a);
    expect(a.lines.find((l) => l.startsWith('export: writers'))).not.toContain('second thread');
    delete process.env.CRR_WORKERS;
    process.env.CRR_SIDE_ROWS = '0';
    const b = context(paths(side));
    await runExport(b);
    expect(b.lines.find((l) => l.startsWith('export: writers'))).toContain('(page in a second thread)');
    const got = snapshot(side);
    const want = snapshot(main);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [name, bytes] of want) expect(got.get(name), name).toBe(bytes);
  });

  it('reports a writer failure in the thread with its code, and the thread is stopped', { timeout: 60_000 }, async () => {
    const dataset = loadSchema(path.join(ROOT, 'schema'), ROOT);
    const staging = tempDir('crr-side-staging-');
    dirs.push(staging);
    const missing = path.join(staging, 'no-such-batch.jsonl');
    const thread = startSide({
      formats: [],
      staging,
      dataset,
      stats: new Map(),
      sources: [],
      sourcesDir: sources,
      root: ROOT,
      files: Object.fromEntries(dataset.tables.map((t) => [t.name, [missing]])),
    });
    let code = 'no error';
    try {
      await thread.written();
    } catch (e) {
      code = isPipelineError(e) ? e.code : String(e);
    } finally {
      await thread.stop();
    }
    expect(code).toBe('stage/missing-input');
    expect(existsSync(missing)).toBe(false);
  });
});
