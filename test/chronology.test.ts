import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractChronology, type ChronologyEntry } from '../pipeline/extract/chronology.ts';
import { displayText, IndexedText } from '../pipeline/lib/text.ts';
import { ARTICLE, pySlice, errorOf } from './helpers.ts';

const source = (text: string) => ({ id: 'test', text: new IndexedText(text) });
const entries = (text: string) => extractChronology(source(text)).filter((f): f is ChronologyEntry => f.kind === 'chronology_entry');


const HEAD = 'Intro.\n\nCHRONOLOGY OF A-B RELATIONS\n\nMAY – AUGUST 2019\n\n';

describe('chronology extraction', () => {
  it('turns every entry of the article into exactly one finding, counted independently', () => {
    const text = readFileSync(ARTICLE, 'utf8');
    const chronology = text.slice(text.indexOf('CHRONOLOGY OF'));
    // Independent count: paragraphs that start with a month as the journal abbreviates it.
    const expected = chronology.split(/\n\s*\n/).filter((p) => /^(Jan\.|Feb\.|March|April|May|June|July|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.) \d/.test(p)).length;
    const found = entries(text);
    expect(expected).toBe(38);
    expect(found).toHaveLength(expected);
    expect(found.map((e) => e.sequence)).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
    expect(found[0]!.date_label).toBe('Sept. 5, 2019');
    expect(found.at(-1)!.date_label).toBe('Dec. 31, 2019');
  });

  it('keeps the heading and the period line', () => {
    const [period] = extractChronology(source(readFileSync(ARTICLE, 'utf8')));
    expect(period).toMatchObject({ kind: 'chronology_period', heading: 'CHRONOLOGY OF CHINA-RUSSIA RELATIONS', period_label: 'SEPTEMBER – DECEMBER 2019' });
  });

  it('gives every entry a span that re-slices by code points to its verbatim paragraph', () => {
    const text = `${HEAD}May 5, 2019: 😀 A meets 𠀀 B.\n\nMay 6-7, 2019: C visits [D](#) for \\$5.\n`;
    const found = entries(text);
    expect(found.map((e) => e.date_label)).toEqual(['May 5, 2019', 'May 6-7, 2019']);
    for (const e of found) expect(pySlice(text, e.span_start, e.span_end)).toBe(e.evidence);
    expect(found[1]!.evidence).toBe('May 6-7, 2019: C visits [D](#) for \\$5.');
    expect(displayText(found[1]!.text_raw)).toBe('C visits D for $5.');
  });

  it('joins an entry cut by a page break, leaving out a caption between the halves', () => {
    const text = `${HEAD}May 5, 2019: The navies sail with 3 ships and\n\nFigure 2 A caption.\n\n200 sailors.\n\nMay 6, 2019: Next.\n`;
    const found = entries(text);
    expect(found).toHaveLength(2);
    expect(displayText(found[0]!.text_raw)).toBe('The navies sail with 3 ships and 200 sailors.');
    expect(found[0]!.evidence).toBe('May 5, 2019: The navies sail with 3 ships and\n\nFigure 2 A caption.\n\n200 sailors.');
  });

  it('stops on an entry with a date but no text, naming the line', () => {
    const e = errorOf(() => entries(`${HEAD}May 5, 2019: Fine.\n\nMay 6, 2019:\n`));
    expect(e.code).toBe('chronology/empty-entry');
    expect(e.details.line).toBe(9);
  });

  it('stops on a paragraph that is neither an entry nor the rest of one', () => {
    const e = errorOf(() => entries(`${HEAD}May 5, 2019: A full sentence.\n\nA stray paragraph without a date.\n`));
    expect(e.code).toBe('chronology/unexpected-paragraph');
    expect(e.details.line).toBe(9);
    expect(e.details.value).toBe('A stray paragraph without a date.');
  });

  it('stops when there is no chronology, or no period line under its heading', () => {
    expect(errorOf(() => entries('Just a narrative.\n')).code).toBe('chronology/missing');
    expect(errorOf(() => entries('Text.\n\nCHRONOLOGY OF A-B RELATIONS\n')).code).toBe('chronology/missing');
  });
});
