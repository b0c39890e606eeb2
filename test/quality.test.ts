import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { precisionOf } from '../pipeline/lib/audit.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import type { Coverage } from '../pipeline/normalize/coverage.ts';
import type { CuratorEntry } from '../pipeline/normalize/mentions.ts';
import { curatorCsv, qualityFiles, qualitySummary, spanOfItem } from '../pipeline/export/quality.ts';

const stored = 'Title\r\nThe 🌊 [Amber](#) Line carries “twenty or so units” a year.\r\nLast line.';
const text = new IndexedText(stored);
const cps = Array.from(stored);

const item = (over: Partial<CuratorEntry>): CuratorEntry => ({ source_id: 's', kind: 'unknown_unit', surface: 'twenty or so units', line: 2, candidates: [], reason: 'no unit', ...over });

describe('the span of a curator item', () => {
  it('is found on its line, in code points of the text as stored', () => {
    const s = spanOfItem(text, 2, 'twenty or so units')!;
    expect(cps.slice(s.start, s.end).join('')).toBe('twenty or so units');
    expect(s.evidence).toBe('twenty or so units');
  });

  it('maps a surface written without markup back to the stored words', () => {
    const s = spanOfItem(text, 2, 'Amber Line')!;
    expect(s.evidence).toBe('Amber](#) Line'); // from the first letter of the words, as every span of a linked name
    expect(cps.slice(s.start, s.end).join('')).toBe(s.evidence);
  });

  it('is null when the words are not on the line, or there is no line', () => {
    expect(spanOfItem(text, 3, 'Amber Line')).toBeNull();
    expect(spanOfItem(text, null, 'Amber Line')).toBeNull();
    expect(spanOfItem(text, 9, 'Amber Line')).toBeNull();
  });
});

const share = (found: number, covered: number) => ({ found, covered, share: covered / found });
const coverage: Coverage = {
  sentences: { ...share(10, 8), narrative: share(6, 5), chronology: share(4, 3) },
  numbers: { found: 4, attached: 3, share: 0.75 },
  quotations: { found: 2, attributed: 1, share: 0.5 },
  original_forms: { found: 1, attached: 1, share: 1 },
};

describe('the quality files of a release', () => {
  it('lists every curator item with its columns and span, as RFC 4180 CSV', () => {
    const csv = curatorCsv([item({}), item({ kind: 'ambiguous_short_form', surface: 'Li', line: 7, candidates: ['li-keqiang', 'li-zhanshu'] })], { get: () => text });
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: 'unknown_unit', line: '2', evidence: 'twenty or so units' });
    expect(rows[1]).toMatchObject({ candidates: 'li-keqiang; li-zhanshu', span_start: '', evidence: '' });
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes precision.json only when the version was audited, and says so in the summary', () => {
    const q = { coverage: { all: coverage, sources: { s: coverage } }, curator: [item({})], precision: null };
    expect([...qualityFiles(q, { get: () => text }).keys()]).toEqual(['coverage.json', 'curator-list.csv']);
    expect(qualitySummary(q).join('\n')).toMatch(/80\.0 % of 10 sentences.*3 of 4 figures.*\n.*1 item .*1 unknown unit.*\n.*no audit of this version/);
    const audited = { ...q, precision: [precisionOf('events', [{ row_id: 'a', verdict: 'correct', reason: '', line: 2 }, { row_id: 'b', verdict: 'wrong', reason: 'x', line: 3 }])] };
    expect([...qualityFiles(audited, { get: () => text }).keys()]).toContain('precision.json');
    expect(qualitySummary(audited).at(-1)).toMatch(/`events` 50\.0 % of 2 \(/);
  });
});
