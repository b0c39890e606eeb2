/** The catalogue of error codes in docs/errors.md lists exactly the codes of the ErrorCode union. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

const union = (): string[] => {
  const src = readFileSync(path.join(ROOT, 'pipeline', 'lib', 'errors.ts'), 'utf8');
  const body = src.slice(src.indexOf('export type ErrorCode'), src.indexOf(';', src.indexOf('export type ErrorCode')));
  return [...body.matchAll(/'([a-z0-9-]+\/[a-z0-9-]+)'/g)].map((m) => m[1]!).sort();
};
const documented = (): string[] =>
  [...readFileSync(path.join(ROOT, 'docs', 'errors.md'), 'utf8').matchAll(/^\| `([a-z0-9-]+\/[a-z0-9-]+)` \|/gm)].map((m) => m[1]!).sort();

describe('docs/errors.md', () => {
  it('lists every error code once, and no code the pipeline does not have', () => {
    expect(union().length).toBeGreaterThan(40);
    expect(documented()).toEqual(union());
  });

  it('every code thrown anywhere in pipeline/ is in the catalogue', () => {
    const codes = new Set(documented());
    const walk = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.ts') ? [path.join(d, e.name)] : []));
    const thrown = walk(path.join(ROOT, 'pipeline')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/PipelineError\(\s*'([^']+)'/g)].map((m) => m[1]!));
    expect(thrown.length).toBeGreaterThan(20);
    for (const c of thrown) expect(codes.has(c), c).toBe(true);
  });
});
