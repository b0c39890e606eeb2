import { describe, expect, it } from 'vitest';
import { displayText, IndexedText } from '../pipeline/lib/text.ts';
import { pySlice } from './helpers.ts';

describe('code-point offsets', () => {
  const s = 'a😀b𠀀c (胡春华) Андре́й';
  const t = new IndexedText(s);

  it('counts code points, not UTF-16 units', () => {
    expect(s.length).toBe(21);
    expect(t.length).toBe(19);
  });

  it('converts both ways at every boundary, agreeing with code-point slicing', () => {
    for (let cp = 0; cp <= t.length; cp++) {
      expect(t.toCodePoint(t.toUnit(cp))).toBe(cp);
    }
    expect(t.toCodePoint(s.indexOf('b'))).toBe(2);
    expect(t.toCodePoint(s.indexOf('c'))).toBe(4);
    expect(t.slice(3, 4)).toBe('𠀀');
    expect(t.slice(2, 5)).toBe(pySlice(s, 2, 5));
  });

  it('rejects offsets outside the text', () => {
    expect(() => t.toUnit(t.length + 1)).toThrow(RangeError);
    expect(() => t.toUnit(-1)).toThrow(RangeError);
  });

  it('numbers lines from 1', () => {
    const lines = new IndexedText('one\ntwo\n\nfour');
    expect(lines.lineOfUnit(0)).toBe(1);
    expect(lines.lineOfUnit(4)).toBe(2);
    expect(lines.lineOfUnit(9)).toBe(4);
  });
});

describe('display text', () => {
  it('removes link markup, emphasis and dollar escapes, and folds white space', () => {
    expect(displayText('met [Putin](#) on *Center-2019*')).toBe('met Putin on Center-2019');
    expect(displayText('a \\$400 billion deal and \\\\$2 more')).toBe('a $400 billion deal and $2 more');
    expect(displayText('split by a\n\npage break')).toBe('split by a page break');
  });
});
