import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractNarrativeDates } from '../pipeline/extract/narrative-dates.ts';
import { extractQuotations } from '../pipeline/extract/quotations.ts';
import { insideQuotations, readNarrativeEvents, saidEvent } from '../pipeline/normalize/narrative-events.ts';
import { PipelineError } from '../pipeline/lib/errors.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import { parseNarrativeDate } from '../pipeline/normalize/dates.ts';
import { pySlice, ROOT, SCHEMA } from './helpers.ts';
import { readCsv } from './load.ts';

const where = { file: 'x.txt', line: 1 };
const period = { start: '2019-09-01', end: '2019-12-31' };
const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);

describe('imprecise dates of the narrative', () => {
  it.each([
    ['On Nov. 29', '2019-11-29', '2019-11-29', '2019-11-29', 'day', true],
    ['Between Dec. 27 and 30', '2019-12-27/2019-12-30', '2019-12-27', '2019-12-30', 'day', true],
    ['in May 2015', '2015-05', '2015-05-01', '2015-05-31', 'month', false],
    ['In September', '2019-09', '2019-09-01', '2019-09-30', 'month', true],
    ['In mid-October 2019', '2019-10', '2019-10-01', '2019-10-31', 'month', false],
    // "until X" closes an interval with no start: what held before X.
    ['until mid-2021', '../2021-38', null, '2021-08-31', 'part_of_year', false],
    ['until the end of 2016', '../2016-36', null, '2016-12-31', 'part_of_year', false],
    ['Until 2018', '../2018', null, '2018-12-31', 'year', false],
    // "by the end of X" is a deadline: on or before X's last day.
    ['by the end of 2016', '../2016-12-31', null, '2016-12-31', 'part_of_year', false],
    ['In late 2018 and early 2019', '2018-39/2019-37', '2018-09-01', '2019-04-30', 'part_of_year', false],
    ['in 1994', '1994', '1994-01-01', '1994-12-31', 'year', false],
    ['1989–2019', '1989/2019', '1989-01-01', '2019-12-31', 'year', false],
    ['Since April 2019', '2019-04/..', '2019-04-01', null, 'month', false],
  ] as const)('%s → %s', (label, edtf, start, end, precision, inferred) => {
    expect(parseNarrativeDate(label, where, period)).toEqual({ date_edtf: edtf, date_start: start, date_end: end, date_precision: precision, date_year_inferred: inferred, date_inferred: false });
  });

  it('refuses an impossible date in the narrative too', () => {
    expect(() => parseNarrativeDate('on Feb. 30', where, period)).toThrow(PipelineError);
  });

  it('finds date expressions but not figures, ordinals or the citation', () => {
    const text = 'Preferred citation: X, Vol. 21, No. 3, January 2020.\n\nOn Nov. 29, 24 years after the 1995 deal, 3,000 km of line and the 24th meeting were done, as agreed in 1995.\n';
    const found = extractNarrativeDates({ id: 't', text: new IndexedText(text) });
    // "the 1995 deal" is a year before a common noun: it dates the deal (attributive), not the clause.
    expect(found.map((f) => f.date_label)).toEqual(['On Nov. 29', '1995', 'in 1995']);
    expect(found.find((f) => f.date_label === '1995')!.shape).toBe('year_attributive');
    for (const f of found) expect(pySlice(text, f.span_start, f.span_end)).toBe(f.evidence);
  });
});

describe('narrative events of the article', () => {
  const events = readCsv(path.join(release, 'events.csv'));
  const narrative = events.filter((e) => e.section === 'narrative');
  const byLabel = (l: string) => narrative.find((e) => e.date_label === l)!;

  it('are events with the precision the text supports, historical milestones included', () => {
    expect(narrative.length).toBeGreaterThan(60);
    expect(byLabel('in 1995')).toMatchObject({ date_precision: 'year', date_edtf: '1995' });
    // "until X" closes an interval with no start (docs/dates.md).
    expect(byLabel('until mid-2021')).toMatchObject({ date_precision: 'part_of_year', date_edtf: '../2021-38', date_start: '' });
    expect(byLabel('Since April 2019')).toMatchObject({ date_edtf: '2019-04/..', date_end: '' });
    expect(byLabel('On Nov. 29')).toMatchObject({ date_start: '2019-11-29', date_year_inferred: 'true' });
  });

  it('link to the chronology entry they report, where the dates may differ', () => {
    const visit = byLabel('On Sept. 16-19');
    const entry = events.find((e) => e.event_id === visit.same_as_event_id)!;
    expect(entry).toMatchObject({ section: 'chronology', date_label: 'Sept. 16–18, 2019' });
    expect(visit.date_end).toBe('2019-09-19');
    expect(entry.date_end).toBe('2019-09-18');
    expect(byLabel('Between Dec. 27 and 30').same_as_event_id).not.toBe('');
  });
});

describe('date conflicts between the narrative and the chronology', () => {
  const conflicts = readCsv(path.join(release, 'conflicts.csv')).filter((c) => c.kind === 'date');
  it('are found by comparing the linked events, with a severity', () => {
    // Records a and b are in the order of the text (schema/conflicts.yaml), so the narrative's report may be either.
    const visit = conflicts.find((c) => c.value_a === 'On Sept. 16-19' || c.value_b === 'On Sept. 16-19')!;
    // One day beyond the entry's range: the ranges overlap, so minor.
    expect(visit).toMatchObject({ severity: 'minor', table_a: 'events', table_b: 'events' });
    expect([visit.value_a, visit.value_b]).toContain('Sept. 16–18, 2019');
    // A day within the entry's range agrees with it: no conflict.
    expect(conflicts.some((c) => c.value_a === 'on Sept. 18' || c.value_b === 'on Sept. 18')).toBe(false);
    expect(conflicts.every((c) => /reaches beyond|overlapping it but not the same days|no day in common/.test(c.note ?? ''))).toBe(true);
    // Events the narrative dates exactly as the chronology does are no conflict.
    expect(conflicts.some((c) => c.value_a === 'From Sept. 16–21, 2019' || c.value_b === 'From Sept. 16–21, 2019')).toBe(false);
    const events = new Map(readCsv(path.join(release, 'events.csv')).map((e) => [e.event_id!, e]));
    // One record reports the other, and the subject is the one that stands for the event.
    for (const c of conflicts) {
      const [a, b] = [events.get(c.record_a!)!, events.get(c.record_b!)!];
      expect(b.same_as_event_id === c.record_a || a.same_as_event_id === c.record_b).toBe(true);
      expect([c.record_a, c.record_b]).toContain(c.subject_id);
    }
  });
});

describe('year ranges of the narrative', () => {
  it.each([
    ['from 2020 to 2021', '2020/2021', '2020-01-01', '2021-12-31'],
    ['in 2020-21', '2020/2021', '2020-01-01', '2021-12-31'],
    ['At the end of 2019', '2019-36', '2019-10-01', '2019-12-31'],
  ] as const)('%s → %s', (label, edtf, start, end) => {
    expect(parseNarrativeDate(label, where, period)).toMatchObject({ date_edtf: edtf, date_start: start, date_end: end });
  });
});

describe('dates in the text of chronology entries', () => {
  const events = readCsv(path.join(release, 'events.csv'));
  const inEntries = events.filter((e) => e.section === 'chronology_text');

  it('are events of their own, not the entry\'s', () => {
    const met = inEntries.find((e) => e.date_label === 'Dec. 2' && e.description!.includes('Patrushev'))!;
    expect(met).toMatchObject({ date_start: '2019-12-02', event_type: 'meeting', place_id: 'beijing', date_year_inferred: 'true' });
    expect(inEntries.find((e) => e.date_label === 'Nov. 1')).toMatchObject({ date_start: '2019-11-01', event_type: 'talks' });
    expect(inEntries.find((e) => e.date_label === 'on Nov. 13')).toMatchObject({ event_type: 'meeting' });
    // The entry's own label is not read again.
    expect(inEntries.some((e) => /^[A-Z][a-z]+\. \d+, 2019$/.test(e.date_label!) && e.description!.startsWith(e.date_label!))).toBe(false);
  });

  it('type a year that stands in a name by nothing', () => {
    expect(inEntries.find((e) => e.date_label === '1979')).toMatchObject({ event_type: 'other' });
  });
});

describe('said-dates: a quote is dated by when it was said', () => {
  const period = { start: '2019-09-01', end: '2019-12-31' };
  const types = SCHEMA.vocabularies.event_type!;
  function said(text: string) {
    const source = { id: 't', text: new IndexedText(text) };
    const { rows, found } = readNarrativeEvents(extractNarrativeDates(source), new Map([['t', period]]), types, () => 'x');
    const segments = new Map(rows.map((r, i) => [String(r.event_id), { start: found[i]!.segment_start, end: found[i]!.segment_end, date_at: found[i]!.date_at }]));
    const quotations = extractQuotations(source);
    const quoted = insideQuotations(quotations);
    return { rows, event: saidEvent(rows, quotations[0]!, segments, quoted) };
  }

  it('by the date of the occasion outside the marks, while a date inside the quoted words is an event of its own', () => {
    const { rows, event } = said('Intro.\n\nOn Dec. 2, Lavrov said that “talks will resume in March 2020” at the forum.\n');
    expect(rows.map((r) => r.date_label)).toEqual(['On Dec. 2', 'in March 2020']);
    expect(event?.date_label).toBe('On Dec. 2');
  });

  it('by the date after the quotation when that is the only one outside the marks', () => {
    expect(said('Intro.\n\n“We will meet again in 2020,” Lavrov said on Dec. 3.\n').event?.date_label).toBe('on Dec. 3');
  });

  it('by nothing when the sentence dates only the quoted words', () => {
    expect(said('Intro.\n\nLavrov said: “we will meet again in March 2020.”\n').event).toBeUndefined();
  });
});

describe('the sequence of events', () => {
  it('numbers each source\'s rows of a section 1, 2, … in the order of the text, with no gap where a date went to the curator list', () => {
    const rows = readCsv(path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version, 'events.csv'));
    const sections = new Map<string, Record<string, string>[]>();
    for (const r of rows) sections.set(`${r.source_id}/${r.section}`, [...(sections.get(`${r.source_id}/${r.section}`) ?? []), r]);
    expect([...sections.keys()].sort()).toContain(`${rows[0]!.source_id}/chronology_text`);
    for (const [, list] of sections) {
      const ordered = [...list].sort((a, b) => Number(a.sequence) - Number(b.sequence));
      expect(ordered.map((r) => Number(r.sequence))).toEqual(ordered.map((_, k) => k + 1));
      expect(ordered.map((r) => Number(r.span_start))).toEqual(ordered.map((r) => Number(r.span_start)).sort((a, b) => a - b));
    }
  });
});
