/**
 * What the place rules read of the gazetteer and the word list (cities of
 * 100,000 or more and capitals, the names of smaller places, the words that
 * are also such a city's name) is derived once and kept in a file under a key
 * of the packages' versions and the code: a process that finds the file gives
 * the same verdicts as one that derives them, without decoding the gazetteer,
 * and a damaged file is derived again.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, ROOT, tempDir } from './helpers.ts';

const dir = tempDir('crr-gazetteer-');
afterAll(() => cleanup(dir));

// Cities, a word that is a small city's name, a first name that is a city, a small town, no place at all.
const NAMES = ['Moscow', 'Shanghai', 'Perm', 'Sydney', 'Reading', 'Florence', 'Heihe', 'Ordino', 'Nowhereville', 'Paris'];
const script = `
import { gazetteerLoads, placeVerdict } from ${JSON.stringify(path.join(ROOT, 'pipeline', 'lib', 'gazetteer.ts'))};
const out = ${JSON.stringify(NAMES)}.flatMap((n) => [placeVerdict(n), placeVerdict(n, { cue: true })]);
console.log(JSON.stringify({ out, loads: gazetteerLoads() }));
`;
const run = (): { out: unknown[]; loads: number } => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, CRR_GAZETTEER_CACHE: dir }, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { out: unknown[]; loads: number };
};

describe('the gazetteer’s derived index', () => {
  it('is derived once, and a process that reads it gives the same verdicts without decoding the gazetteer', () => {
    const derived = run();
    expect(derived.loads).toBe(1);
    const files = readdirSync(dir).filter((f) => /^world-[0-9a-f]{16}\.json$/.test(f));
    expect(files).toHaveLength(1);
    const cached = run();
    expect(cached.loads).toBe(0);
    expect(cached.out).toEqual(derived.out);
    // The verdicts are the rules', not the cache's: a big city is a place, a small one is refused as small.
    expect(derived.out[0]).toMatchObject({ hit: { name: 'Moscow', country_alpha2: 'RU' }, refusal: null });
    const refusals = (derived.out as { refusal: string | null }[]).map((v) => v.refusal);
    for (const r of ['too_small', 'not_in_gazetteer', 'common_word']) expect(refusals).toContain(r);
    // "Reading" is a word: refused alone, a place with a cue.
    expect(derived.out.slice(8, 10)).toMatchObject([{ hit: null, refusal: 'common_word' }, { hit: { name: 'Reading' }, refusal: null }]);
  });

  it('is derived again when the file is damaged, with the same verdicts', () => {
    const [file] = readdirSync(dir).filter((f) => f.startsWith('world-'));
    const whole = run();
    writeFileSync(path.join(dir, file!), '{"index": [["Moscow", [');
    const again = run();
    expect(again.loads).toBe(1);
    expect(again.out).toEqual(whole.out);
    expect(() => JSON.parse(readFileSync(path.join(dir, file!), 'utf8'))).not.toThrow();
  });
});
