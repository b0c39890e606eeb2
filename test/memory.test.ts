/**
 * The export streams: a release of 100 copies of the article (every key
 * unique per copy, each copy its own source) goes through every writer
 * under a heap limit that the same rows held whole do not fit in. The limit
 * is checked against the data, not guessed: the same child, told to gather
 * the rows first as an export that buffered tables would, must run out of
 * heap under it.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, buildInto, cleanup, tempPaths } from './helpers.ts';

// Held whole, the rows and the export need between 144 and 160 MB (the page's search index, once
// two arrays per term and field, took more); streamed, the export runs in 100.
const HEAP_MB = 128;
const COPIES = 100;
const paths = tempPaths();
afterAll(() => cleanup(paths.build.replace(/\/build$/, '')));

const child = (mode: string) =>
  spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', 'test/memory-child.ts', String(COPIES), paths.build, mode], {
    cwd: ROOT,
    encoding: 'utf8',
  });

describe('bounded memory', () => {
  it(`exports ${COPIES} copies of the article through every writer with a ${HEAP_MB} MB heap, which their rows held whole do not fit in`, { timeout: 600_000 }, async () => {
    await buildInto(paths);
    const whole = child('hold');
    expect(whole.status, 'the rows held whole fit the limit: the test proves nothing').not.toBe(0);
    expect(whole.stderr).toMatch(/heap out of memory|Allocation failed/i);
    const streamed = child('stream');
    expect(streamed.status, streamed.stderr).toBe(0);
    expect(JSON.parse(streamed.stdout.trim().split('\n').at(-1)!)).toMatchObject({ copies: COPIES, held: 0 });
  });
});
