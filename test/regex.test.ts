/** The cache of regular expressions built from words: one object per pattern and flags, never a stateful one. */
import { describe, expect, it } from 'vitest';
import { compiled } from '../pipeline/lib/regex.ts';

describe('compiled()', () => {
  it('gives the same object for the same pattern and flags, and another for other flags', () => {
    const a = compiled('\\bsaid\\b', 'iu');
    expect(compiled('\\bsaid\\b', 'iu')).toBe(a);
    expect(compiled('\\bsaid\\b', 'u')).not.toBe(a);
    expect(a.test('He SAID so')).toBe(true);
    expect(compiled('\\bsaid\\b', 'u').test('He SAID so')).toBe(false);
  });

  it('refuses the g and y flags, whose lastIndex a shared object would carry between callers', () => {
    expect(() => compiled('x', 'g')).toThrow(/no g or y flag/);
    expect(() => compiled('x', 'yu')).toThrow(/no g or y flag/);
  });
});
