import { beforeAll, describe, expect, it } from 'vitest';
import { dateConflicts, disagree, durationConflicts, findConflicts, nameVariant } from '../pipeline/normalize/conflicts.ts';
import { buildInvented, chapter, type InventedBuild } from './invented.ts';

const CURATION = `claims:
  - quote: "The 2,400-km pipeline"
    value: "2,400-km"
    rank: deprecated
    reason: The line's builders give 1,200 km.
`;

let planted: InventedBuild;
let clean: InventedBuild;

beforeAll(async () => {
  planted = await buildInvented(chapter({ planted: true }), CURATION);
  clean = await buildInvented(chapter({ planted: false }));
});

describe('conflicts are found by comparing records, not listed', () => {
  it('finds a contradiction planted in an invented text: two lengths of one line', async () => {
    const rows = planted.csv('conflicts').filter((c) => c.kind === 'quantity');
    expect(rows).toHaveLength(1);
    const claims = new Map(planted.csv('claims').map((c) => [c.claim_id!, c]));
    const [c] = rows;
    expect(c).toMatchObject({
      subject_id: 'amber-line',
      subject_table: 'entities',
      property: 'length',
      table_a: 'claims',
      table_b: 'claims',
      value_a: '1,200-km',
      value_b: '2,400-km',
      value_a_canonical: '1200000',
      value_b_canonical: '2400000',
      unit_canonical: 'metres',
      ratio: '2',
      severity: 'major',
      evidence_a: '1,200-km',
      evidence_b: '2,400-km',
      rank_a: 'normal',
      rank_b: 'deprecated',
      reason: "b (deprecated): The line's builders give 1,200 km.",
    });
    expect(claims.get(c!.record_a!)).toMatchObject({ section: 'narrative', subject_rule: 'modified_noun' });
    expect(claims.get(c!.record_b!)).toMatchObject({ section: 'chronology', subject_rule: 'definite_description', rank: 'deprecated' });
  });

  it('finds a name the text spells two ways in Russian', async () => {
    const rows = planted.csv('conflicts').filter((c) => c.kind === 'name');
    expect(rows).toMatchObject([{ subject_id: 'ola-nord', property: 'name_ru', table_a: 'mentions', value_a: 'Ола Норд', value_b: 'Ола Нурд', severity: 'major' }]);
    const mentions = new Set(planted.csv('mentions').map((m) => m.mention_id));
    expect(mentions.has(rows[0]!.record_a!) && mentions.has(rows[0]!.record_b!)).toBe(true);
  });

  it('finds none in the same text without the contradiction', async () => {
    expect(clean.csv('conflicts')).toEqual([]);
    // The figures it compared and found consistent are there.
    const claims = clean.csv('claims');
    const by = (words: string) => claims.filter((c) => c.value_as_stated === words);
    expect(by('1,200-km').map((c) => c.subject_id)).toEqual(['amber-line', 'amber-line']);
    expect(claims.filter((c) => c.property === 'troops').map((c) => [c.subject_id, c.value_canonical, c.value_bound])).toEqual([
      ['winter-shield-2021', '1000', 'approximate'],
      ['winter-shield-2021', '1050', 'exact'],
    ]);
    expect(claims.filter((c) => c.property === 'trade').map((c) => [c.subject_id, c.value_canonical, c.time_edtf, c.evidence])).toEqual([
      ['borvia', '5000000000', '2019', '\\$5 billion'],
      ['borvia', '7000000000', '2020', '\\\\$7 billion'],
    ]);
    expect(claims.filter((c) => c.property === 'annual_capacity').map((c) => [c.subject_id, c.value_canonical, c.unit_canonical])).toEqual([
      ['amber-line', '20000000000', 'cubic_metres_per_year'],
      ['amber-line', '20000000000', 'cubic_metres_per_year'],
    ]);
  });

  it('has stable ids and the same rows on a second build', async () => {
    const again = await buildInvented(chapter({ planted: true }), CURATION);
    expect(again.csv('conflicts')).toEqual(planted.csv('conflicts'));
    expect(planted.csv('conflicts').every((c) => /^cf-[0-9a-f]{12}$/.test(c.conflict_id!))).toBe(true);
  });
});

describe('when values disagree', () => {
  it.each([
    ['two exact values that differ', { value: 3000, bound: 'exact' }, { value: 8000, bound: 'exact' }, true],
    ['two equal values', { value: 38, bound: 'exact' }, { value: 38, bound: 'exact' }, false],
    ['an approximation within 10%', { value: 1000, bound: 'approximate' }, { value: 1050, bound: 'exact' }, false],
    ['an approximation beyond 10%', { value: 1000, bound: 'approximate' }, { value: 1200, bound: 'exact' }, true],
    ['a lower bound the other value meets', { value: 112, bound: 'lower_bound' }, { value: 120, bound: 'exact' }, false],
    ['a lower bound the other value misses', { value: 112, bound: 'lower_bound' }, { value: 100, bound: 'exact' }, true],
    ['two lower bounds', { value: 112, bound: 'lower_bound' }, { value: 5, bound: 'lower_bound' }, false],
    ['bounds that exclude each other', { value: 10, bound: 'lower_bound' }, { value: 5, bound: 'upper_bound' }, true],
  ])('%s', (_, a, b, expected) => {
    expect(disagree(a, b)).toBe(expected);
    expect(disagree(b, a)).toBe(expected);
  });

  it('tells variants of a name (marks, case, spacing, hyphens, one inside the other) from different words', async () => {
    expect(nameVariant('Андрей Денисов', 'Андре́й Дени́сов')).toMatch(/marks/);
    expect(nameVariant('人类命运共同体', '命运共同体')).toMatch(/part of the other/);
    expect(nameVariant('Ким Чен Ын', 'Ким Чен-Ын')).toMatch(/hyphens/);
    expect(nameVariant('Ола Норд', 'Ола Нурд')).toBeNull();
  });
});

describe('the two records of a conflict are in the order of the text', () => {
  const event = (id: string, start: number, over: Record<string, unknown>) => ({ event_id: id, source_id: 's', span_start: start, span_end: start + 40, evidence: 'x', same_as_event_id: null, date_precision: 'day', ...over });
  // The narrative reports on page one an entry the chronology, at the end of the text, dates otherwise.
  const entry = event('ev-entry', 900, { section: 'chronology', date_label: 'May 3–5, 2021', date_start: '2021-05-03', date_end: '2021-05-05', date_edtf: '2021-05-03/2021-05-05' });
  const report = event('ev-report', 100, { section: 'narrative', date_label: 'On May 4-7', date_start: '2021-05-04', date_end: '2021-05-07', date_edtf: '2021-05-04/2021-05-07', same_as_event_id: 'ev-entry' });

  it('record_a is the record whose words come first, whichever row the other links to; the subject is the row that stands for the event', () => {
    const [c] = dateConflicts([entry, report] as never);
    expect(c).toMatchObject({ subject_id: 'ev-entry', record_a: 'ev-report', record_b: 'ev-entry', value_a: 'On May 4-7', value_b: 'May 3–5, 2021', span_a_start: 100, span_b_start: 900, span_start: 100, severity: 'minor' });
    expect(c!.note).toBe('A narrative sentence dates the event 2021-05-04/2021-05-07; the chronology dates it 2021-05-03/2021-05-05, overlapping it but not the same days.');
  });

  it('is the same whatever order the rows come in', () => {
    const one = findConflicts([], [], [], [entry, report]);
    const two = findConflicts([], [], [], [report, entry]);
    expect(two).toEqual(one);
    for (const c of one) expect(c.span_a_start <= c.span_b_start).toBe(true);
  });
});

describe('a stated length in days against the days of the event\'s dates', () => {
  const event = { event_id: 'ev-drill', source_id: 's', section: 'chronology', span_start: 500, span_end: 600, evidence: 'May 3-5, 2021: …', date_label: 'May 3-5, 2021', date_precision: 'day', date_start: '2021-05-03', date_end: '2021-05-05', date_edtf: '2021-05-03/2021-05-05' };
  const claim = (value: number, over: Record<string, unknown> = {}) => ({
    claim_id: `cl-${value}`, source_id: 's', section: 'chronology', property: 'duration', value_as_stated: `${value}-day`, value_canonical: value, unit_canonical: 'days', value_bound: 'exact',
    subject_id: 'ev-drill', subject_table: 'events', event_id: 'ev-drill', rank: 'normal', span_start: 530, span_end: 537, evidence: `${value}-day`, ...over,
  });

  it('agrees when the count equals the days of the range, both ends counted', () => {
    expect(durationConflicts([claim(3)] as never, [event] as never)).toEqual([]);
  });

  it('is minor one day off and major further off, with the event as its subject', () => {
    const [minor] = durationConflicts([claim(4)] as never, [event] as never);
    expect(minor).toMatchObject({ kind: 'duration', subject_id: 'ev-drill', subject_table: 'events', property: 'duration', table_a: 'events', record_a: 'ev-drill', table_b: 'claims', record_b: 'cl-4', value_b_canonical: 4, value_a_canonical: 3, severity: 'minor' });
    expect(minor!.note).toBe('The event is said to last "4-day" (4 days) and is dated "May 3-5, 2021" (2021-05-03/2021-05-05), which counts 3 days.');
    expect(durationConflicts([claim(7)] as never, [event] as never)[0]).toMatchObject({ severity: 'major' });
  });

  it('says nothing of an approximate or bounded count, of another property, or of an event of one day or of a month', () => {
    expect(durationConflicts([claim(7, { value_bound: 'approximate' }), claim(8, { value_bound: 'lower_bound' }), claim(9, { property: 'elapsed_time' })] as never, [event] as never)).toEqual([]);
    expect(durationConflicts([claim(7)] as never, [{ ...event, date_end: '2021-05-03' }] as never)).toEqual([]);
    expect(durationConflicts([claim(7)] as never, [{ ...event, date_precision: 'month', date_start: '2021-05-01', date_end: '2021-05-31' }] as never)).toEqual([]);
  });
});
