import { describe, expect, it } from 'vitest';
import { extractSentences } from '../pipeline/extract/sentences.ts';
import { openingQuotes, paragraphsOf, sentencesOf } from '../pipeline/lib/sentences.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import { pySlice } from './helpers.ts';

const split = (t: string): string[] => sentencesOf(t).map((s) => t.slice(s.start, s.end));

describe('sentences', () => {
  it('do not end at the abbreviations of the journal’s style', () => {
    expect(split('On Sept. 16-19, Chinese Premier Li traveled to St. Petersburg. Prof. Qiao Liang and Gen. Wang agreed.')).toEqual([
      'On Sept. 16-19, Chinese Premier Li traveled to St. Petersburg.',
      'Prof. Qiao Liang and Gen. Wang agreed.',
    ]);
    // Places and offices abbreviated before a name: "Mt. Kumgang", "Amb. Nord", "Maj. Gen. Sand".
    expect(split('Ola Nord told Kestra not to revive Mt. Kumgang tourism. Amb. Ivo Sand and Maj. Gen. Ola Nord met. It ended.')).toEqual([
      'Ola Nord told Kestra not to revive Mt. Kumgang tourism.',
      'Amb. Ivo Sand and Maj. Gen. Ola Nord met.',
      'It ended.',
    ]);
  });

  it('end after closing quotes and at a stray comma before a full stop', () => {
    expect(split('In his words, “practically all areas.” Li agreed. BRICS met in Brasilia,. Chinese and Russian presidents met.')).toEqual([
      'In his words, “practically all areas.”',
      'Li agreed.',
      'BRICS met in Brasilia,.',
      'Chinese and Russian presidents met.',
    ]);
  });

  it('end at an ellipsis that closes a quotation, not at one inside it', () => {
    expect(split('Vell is “helping … to bring the accord to life. …” Lorvian officials welcomed it.')).toEqual([
      'Vell is “helping … to bring the accord to life. …”',
      'Lorvian officials welcomed it.',
    ]);
    expect(split('He spoke of the … Harbour Accord at length.')).toEqual(['He spoke of the … Harbour Accord at length.']);
  });

  it('run over a page break, and skip headings and figure captions', () => {
    const display = 'A HEADING\n\nThe two countries need to take this opportunity to\n\nFigure 1 A caption. Photo: X\n\nupgrade their cooperation. Li said so.\n\nCHRONOLOGY OF A AND B\n\nMAY 2020\n\nMay 5, 2020: A meets B.';
    const paras = paragraphsOf(display, display.indexOf('CHRONOLOGY OF'));
    expect(paras.map((p) => [p.section, p.text])).toEqual([
      ['narrative', 'The two countries need to take this opportunity to upgrade their cooperation. Li said so.'],
      ['chronology', 'May 5, 2020: A meets B.'],
    ]);
  });

  it('have code-point spans that re-slice to their words, and count the quotations they open', () => {
    const text = 'TITLE 😀\n\nHe said “yes” and 𠀀 "no." Then [Li](#) left.\n\nCHRONOLOGY OF X\n\nMAY 2020\n\nMay 5, 2020: A 🌊 meets B.';
    const found = extractSentences({ id: 't', text: new IndexedText(text) });
    expect(found.map((s) => [s.section, s.evidence, s.quotations])).toEqual([
      ['narrative', 'He said “yes” and 𠀀 "no."', 2],
      ['narrative', 'Then [Li](#) left.', 0],
      ['chronology', 'May 5, 2020: A 🌊 meets B.', 0],
    ]);
    for (const s of found) expect(pySlice(text, s.span_start, s.span_end)).toBe(s.evidence);
    expect(openingQuotes('“a” and "b" and 5" pipe')).toBe(2);
  });
});
