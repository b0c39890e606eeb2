/**
 * What the gazetteer says of the registry's places is cached under a key of
 * the registry, the gazetteer's version and the code, in build/cache/ and in
 * node_modules/.cache/crr-places/: a build into a fresh build folder reads it
 * from there instead of the gazetteer, and a damaged copy is recomputed.
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedPlaces } from '../pipeline/lib/resources.ts';
import { PROJECT_ROOT } from '../pipeline/lib/versions.ts';
import { cleanup, ROOT, tempDir } from './helpers.ts';

const dirs: string[] = [];
const shared = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'crr-places');
const before = new Set(existsSync(shared) ? readdirSync(shared) : []);
afterAll(() => {
  dirs.forEach(cleanup);
  // Only the files this test made: a registry of its own gives them keys no build uses.
  if (existsSync(shared)) for (const f of readdirSync(shared)) if (!before.has(f)) rmSync(path.join(shared, f), { force: true });
});

describe('the places cache', () => {
  const registry = path.join(tempDir('crr-places-reg-'), 'registry.yaml');
  dirs.push(path.dirname(registry));
  writeFileSync(registry, `# a registry no other build has: ${process.pid} ${Date.now()}\nentities: []\n`);
  const paths = () => {
    const dir = tempDir('crr-places-build-');
    dirs.push(dir);
    return { root: ROOT, sources: path.join(ROOT, 'sources'), schema: path.join(ROOT, 'schema'), build: path.join(dir, 'build'), dist: path.join(dir, 'dist') };
  };
  let computed = 0;
  const compute = () => {
    computed++;
    return new Map([['moscow', { geonames_id: 524901, name: 'Moscow' } as never]]);
  };

  it('reads the gazetteer once, and a fresh build folder takes what the first build found', () => {
    const first = cachedPlaces(paths(), [registry], compute);
    expect(computed).toBe(1);
    const p = paths();
    const second = cachedPlaces(p, [registry], compute);
    expect(computed).toBe(1);
    expect([...second]).toEqual([...first]);
    expect(readdirSync(path.join(p.build, 'cache')).filter((f) => f.startsWith('places-'))).toHaveLength(1);
  });

  it('recomputes when the shared copy is damaged', () => {
    const made = readdirSync(shared).filter((f) => !before.has(f));
    expect(made).toHaveLength(1);
    writeFileSync(path.join(shared, made[0]!), '[["moscow", {');
    const again = cachedPlaces(paths(), [registry], compute);
    expect(computed).toBe(2);
    expect(again.get('moscow')).toMatchObject({ geonames_id: 524901 });
  });
});
