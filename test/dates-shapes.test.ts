/**
 * The one table of date shapes: every shape the extractor finds is one the
 * normalizer reads, one test row per shape; relative phrases are resolved
 * against their anchor or listed; prose never stops the build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../pipeline/lib/errors.ts';
import { extractChronology, type ChronologyEntry, type ChronologyPeriod } from '../pipeline/extract/chronology.ts';
import { extractNarrativeDates, type NarrativeDate } from '../pipeline/extract/narrative-dates.ts';
import { normalizeEvents } from '../pipeline/normalize/events.ts';
import { DATE_SHAPES } from '../pipeline/lib/date-shapes.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import { sha256 } from '../pipeline/lib/sources.ts';
import { parseNarrativeDate } from '../pipeline/normalize/dates.ts';
import { readNarrativeEvents } from '../pipeline/normalize/narrative-events.ts';
import { runNormalize } from '../pipeline/normalize/stage.ts';
import { ARTICLE, ARTICLE_ID, codeOf, context, copySources, readJsonlFile, ROOT, SCHEMA, tempPaths } from './helpers.ts';

const where = { file: 'x.txt', line: 1 };
const period = { start: '2019-09-01', end: '2019-12-31' };
/** Thursday, Dec. 19, 2019: the date the relative rows count from. */
const anchor = { start: '2019-12-19', end: '2019-12-19', precision: 'day' as const };

// shape id, the phrase as found (with its preposition), a sentence it stands in, EDTF, start, end, precision, year inferred, date inferred,
// and the chapter's period when the row needs another than Sept.–Dec. 2019
type Period = { start: string; end: string };
const ROWS: [string, string, string, string, string, string | null, string, boolean, boolean, Period?][] = [
  ['day_range_across_years', 'Dec. 30, 2020–Jan. 2, 2021', 'The drill ran Dec. 30, 2020–Jan. 2, 2021 off the coast.', '2020-12-30/2021-01-02', '2020-12-30', '2021-01-02', 'day', false, false],
  ['day_or_day_range', 'Nov. 30–Dec. 2', 'Talks were held Nov. 30–Dec. 2 in the capital.', '2019-11-30/2019-12-02', '2019-11-30', '2019-12-02', 'day', true, false],
  ['day_month_year', 'on 5 September 2019', 'The bridge opened on 5 September 2019 at last.', '2019-09-05', '2019-09-05', '2019-09-05', 'day', false, false],
  ['month_range', 'September 2019–January 2020', 'The review covers September 2019–January 2020 in full.', '2019-09/2020-01', '2019-09-01', '2020-01-31', 'month', false, false],
  ['part_of_year_pair', 'In late 2018 and early 2019', 'In late 2018 and early 2019 the two sides met often.', '2018-39/2019-37', '2018-09-01', '2019-04-30', 'part_of_year', false, false],
  ['month_year', 'in September 2019', 'The bridge opened in September 2019 after delays.', '2019-09', '2019-09-01', '2019-09-30', 'month', false, false],
  ['part_of_month_year', 'mid-October 2019', 'By then, mid-October 2019 had brought snow.', '2019-10', '2019-10-01', '2019-10-31', 'month', false, false],
  ['month', 'In September', 'In September the talks resumed.', '2019-09', '2019-09-01', '2019-09-30', 'month', true, false],
  ['part_of_month', 'at the end of March', 'The plan was signed at the end of March by both.', '2019-03', '2019-03-01', '2019-03-31', 'month', true, false],
  ['season', 'in summer 2019', 'Exercises resumed in summer 2019 near the border.', '2019-22', '2019-06-01', '2019-08-31', 'part_of_year', false, false],
  ['part_of_year', 'at the end of 2016', 'Sanctions were lifted at the end of 2016 at last.', '2016-36', '2016-10-01', '2016-12-31', 'part_of_year', false, false],
  ['quarter_of_year', 'in the first quarter of 2020', 'Trade fell in the first quarter of 2020 by a third.', '2020-33', '2020-01-01', '2020-03-31', 'part_of_year', false, false],
  ['decade', 'in the 1990s', 'Trade was small in the 1990s by any measure.', '199X', '1990-01-01', '1999-12-31', 'decade', false, false],
  ['year_range', '1989–2019', 'Thirty years of ties (1989–2019) were marked.', '1989/2019', '1989-01-01', '2019-12-31', 'year', false, false],
  ['year_to_year', 'from 2020 to 2021', 'The plan runs from 2020 to 2021 for both.', '2020/2021', '2020-01-01', '2021-12-31', 'year', false, false],
  ['year_short_range', 'in 2020-21', 'Output rose in 2020-21 as planned.', '2020/2021', '2020-01-01', '2021-12-31', 'year', false, false],
  ['year', 'in 1995', 'The border was settled in 1995 after talks.', '1995', '1995-01-01', '1995-12-31', 'year', false, false],
  ['year_in_name', '2014', 'It recalled the 2014 Ukraine crisis once more.', '2014', '2014-01-01', '2014-12-31', 'year', false, false],
  ['same_day', 'On the same day', 'On the same day the ministers spoke.', '2019-12-19', '2019-12-19', '2019-12-19', 'day', false, true],
  ['next_day', 'the next day', 'He left for home the next day by train.', '2019-12-20', '2019-12-20', '2019-12-20', 'day', false, true],
  ['count_later', 'three days later', 'He answered three days later in public.', '2019-12-22', '2019-12-22', '2019-12-22', 'day', false, true],
  ['next_unit', 'the following week', 'A deal came the following week after all.', '2019-12-23/2019-12-29', '2019-12-23', '2019-12-29', 'day', false, true],
  ['earlier_later_that', 'later that year', 'Work was to start later that year on both banks.', '2019-12-19/2019-12-31', '2019-12-19', '2019-12-31', 'day', false, true],
  // The chapter's period (September to December 2019) is what "this quarter" means in the journal.
  // A third of a year, the journal's issue: the ISO 8601-2 quadrimesters.
  ['trimester_of_year', 'In the second trimester of 2012', 'In the second trimester of 2012 the talks resumed.', '2012-38', '2012-05-01', '2012-08-31', 'part_of_year', false, false],
  // The year of the chapter's period.
  ['this_year', 'this year', 'Both sides hope to sign the deal this year at last.', '2019', '2019-01-01', '2019-12-31', 'year', false, true],
  // The last such month before the chapter's period (September to December 2019).
  ['last_month_or_season', 'last June', 'The pact concluded last June is stalled.', '2019-06', '2019-06-01', '2019-06-30', 'month', true, true],
  // The month of the date before it (here Dec. 19, 2019).
  ['edge_of_the_month', 'At the end of the month', 'At the end of the month the envoys left.', '2019-12', '2019-12-01', '2019-12-31', 'month', true, true],
  ['the_quarter', 'at the end of the quarter', 'Talks stalled at the end of the quarter over costs.', '2019-12', '2019-12-01', '2019-12-31', 'month', false, true],
  // A year's possessive before a noun is that year.
  ['year_possessive', '2018', 'It recalled 2018’s three summits in detail.', '2018', '2018-01-01', '2018-12-31', 'year', false, false],
  ['this_quarter', 'this quarter', 'Deliveries are due this quarter under the deal.', '2019-09/2019-12', '2019-09-01', '2019-12-31', 'month', false, true],
  // A count of past months that is the length of the chapter's period is that period.
  ['past_months', 'over these past four months', 'Relations warmed over these past four months of talks.', '2019-09/2019-12', '2019-09-01', '2019-12-31', 'month', false, true],
  // A holiday on a fixed day of the calendar; its year as for a bare day.
  // In a chapter that covers a calendar quarter (April–June 2007), the quarter before it; its end is that quarter's last month.
  ['last_quarter', 'at the end of last quarter', 'Duties were imposed at the end of last quarter on paper.', '2007-03', '2007-03-01', '2007-03-31', 'month', false, true, { start: '2007-04-01', end: '2007-06-30' }],
  // Two months joined by a dash, no year: the year as for a bare month.
  ['month_pair', 'in July-August', 'Protests grew in July-August across the region.', '2019-07/2019-08', '2019-07-01', '2019-08-31', 'month', true, false],
  // "this summer": the season in the period's year, found with no preposition.
  ['this_season', 'this summer', 'Abe died this summer after a long career.', '2019-22', '2019-06-01', '2019-08-31', 'part_of_year', true, false],
  ['the_year', 'The year 2023', 'The year 2023 marks the 50th year of ties.', '2023', '2023-01-01', '2023-12-31', 'year', false, false],
  ['fixed_holiday', 'on the Fourth of July', 'The missiles were fired on the Fourth of July at dawn.', '2019-07-04', '2019-07-04', '2019-07-04', 'day', true, false],
  ['months_of_year', 'in the first six months of 2004', 'Trade in the first six months of 2004 hit a new high.', '2004-01/2004-06', '2004-01-01', '2004-06-30', 'month', false, false],
  ['some_months_of_year', 'in the final months of 2017', 'The biggest event in the final months of 2017 was a visit.', '2017', '2017-01-01', '2017-12-31', 'year', false, false],
  ['year_subject', '2023', 'Talks went on. 2023 marks the 50th year of ties.', '2023', '2023-01-01', '2023-12-31', 'year', false, false],
  // A range of days with "to" after "from", and days written before their month ("from 27 to 30 December", "between 3 and 6 May"): a closed range, not an interval opened by "from".
  ['day_range_to', 'from Nov. 30 to Dec. 2', 'Talks ran from Nov. 30 to Dec. 2 in the capital.', '2019-11-30/2019-12-02', '2019-11-30', '2019-12-02', 'day', true, false],
  ['day_first_range', 'from 27 to 30 December', 'The fleet sailed from 27 to 30 December off the coast.', '2019-12-27/2019-12-30', '2019-12-27', '2019-12-30', 'day', true, false],
  ['quarter', 'in the fourth quarter', 'Output grew in the fourth quarter as planned.', '2019-36', '2019-10-01', '2019-12-31', 'part_of_year', true, false],
  // A figure's own time phrase: read, never searched for in prose.
  ['count_of_year', 'in the last four days of 2019', 'A drill was held in the last four days of 2019 at sea.', '2019-12-28/2019-12-31', '2019-12-28', '2019-12-31', 'day', false, false],
  // The chapter's period lies in 2019: "the year-end" is its last quarter, a reading of the context, so inferred.
  ['year_end', 'at the year-end', 'The fleets are to meet again at the year-end off the coast.', '2019-36', '2019-10-01', '2019-12-31', 'part_of_year', true, true],
  // A month before a common noun dates that thing; its year as for a bare month.
  ['month_attributive', 'November', 'Tokyo weighed setting a November deadline for the talks.', '2019-11', '2019-11-01', '2019-11-30', 'month', true, false],
  ['season_of_period', 'in the autumn', 'The envoys met in the autumn for a second round.', '2019-23', '2019-09-01', '2019-11-30', 'part_of_year', true, false],
  // The edge of a season is its last or first month, as the edge of a month is that month.
  ['season_edge', 'at the end of the summer', 'The deal was done at the end of the summer at last.', '2019-08', '2019-08-01', '2019-08-31', 'month', true, false],
  // A part of a season is read as the whole season: the widest bound the words allow.
  ['part_of_season', 'late summer', 'Contacts were frozen for late summer after the launch.', '2019-22', '2019-06-01', '2019-08-31', 'part_of_year', true, false],
  // A year before a common noun dates that thing, as a month does.
  ['year_attributive', '2001', 'The incident recalled the 2001 collision over the sea.', '2001', '2001-01-01', '2001-12-31', 'year', false, false],
  // A month's possessive before a noun dates that thing, as a month before it does.
  ['month_possessive', 'after July', 'Tensions rose after July’s missile launch by the North.', '2019-07', '2019-07-01', '2019-07-31', 'month', true, false],
];

describe('the table of date shapes', () => {
  it('has exactly one test row per shape', () => {
    expect(ROWS.map((r) => r[0]).sort()).toEqual(DATE_SHAPES.map((s) => s.id).sort());
    for (const s of DATE_SHAPES) expect(ROWS.some((r) => r[1].endsWith(s.example) || r[1] === s.example), s.id).toBe(true);
  });

  it.each(ROWS)('%s: "%s" is found in "%s" by that shape and read to %s', (shape, phrase, sentence, edtf, start, end, precision, yearInferred, inferred, own) => {
    const found = extractNarrativeDates({ id: 't', text: new IndexedText(`${sentence}\n`) });
    expect(found.map((f) => [f.date_label, f.shape])).toEqual(DATE_SHAPES.find((d) => d.id === shape)!.find === 'read' ? [] : [[phrase, shape]]);
    expect(parseNarrativeDate(phrase, where, own ?? period, anchor)).toEqual({ date_edtf: edtf, date_start: start, date_end: end, date_precision: precision, date_year_inferred: yearInferred, date_inferred: inferred });
  });

  it('reads every date the article has: what is found is never unreadable for want of a reader', () => {
    const found = extractNarrativeDates({ id: ARTICLE_ID, text: new IndexedText(readFileSync(ARTICLE, 'utf8')) });
    expect(found.length).toBeGreaterThan(80);
    const codes = found.map((f) => codeOf(() => parseNarrativeDate(f.date_label, where, period)));
    // Only relative phrases with no anchor given here may fail, and only as unanchored.
    const failed = found.filter((_, i) => codes[i] !== 'no error');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((f) => DATE_SHAPES.find((d) => d.id === f.shape)!.relative)).toBe(true);
    expect(new Set(codes.filter((c) => c !== 'no error'))).toEqual(new Set(['date/unanchored']));
  });

  it('for any prose, every phrase found is read whole by a shape: only a missing day, year or anchor refuses it', () => {
    const token = fc.constantFrom('On', 'in', 'Since', 'the', 'The', 'early', 'mid-', 'late', 'end of', 'Sept.', 'Sep', 'December', 'May', 'Feb.', '29', '30', '31', '5', '2019', '2020', '1990s', '21', '–', '-', ' and ', ', ', ' ', 'three', 'days', 'later', 'next', 'day', 'summer', 'quarter', 'first', 'of', 'to', 'from', 'Ukraine', '.', '\n\n');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 24 }).map((a) => a.join(' ')), (text) => {
        for (const f of extractNarrativeDates({ id: 't', text: new IndexedText(text) })) {
          try {
            parseNarrativeDate(f.date_label, where, period, anchor);
          } catch (e) {
            if (!(e instanceof PipelineError)) throw e;
            // "no date shape reads it whole" would be a phrase found and then not read.
            expect(e.message, f.date_label).not.toContain('no date shape');
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('does not find a part, a season or a relative phrase that is only part of a word or a figure', () => {
    const text = 'Midterms came. The earlyDecember files, 3 days later than 2 to 3 weeks, 12 1990 tons and Mayday.\n';
    expect(extractNarrativeDates({ id: 't', text: new IndexedText(text) }).map((f) => f.date_label)).toEqual(['3 days later']);
  });
});

describe('a deadline', () => {
  it('"by the end of X" is on or before the last day of X, not a date within its last part; "by X" and "at the end of X" are X', () => {
    expect(parseNarrativeDate('By the end of 2021', where, period)).toEqual({ date_edtf: '../2021-12-31', date_start: null, date_end: '2021-12-31', date_precision: 'part_of_year', date_year_inferred: false, date_inferred: false });
    expect(parseNarrativeDate('by the end of March 2018', where, period)).toMatchObject({ date_edtf: '../2018-03-31', date_start: null, date_end: '2018-03-31', date_precision: 'month' });
    expect(parseNarrativeDate('At the end of 2021', where, period)).toMatchObject({ date_edtf: '2021-36', date_start: '2021-10-01' });
    expect(parseNarrativeDate('by May 2018', where, period)).toMatchObject({ date_edtf: '2018-05', date_start: '2018-05-01' });
  });
});

describe('relative phrases', () => {
  it('need an anchor precise enough, or are refused as unanchored', () => {
    expect(codeOf(() => parseNarrativeDate('three days later', where, period))).toBe('date/unanchored');
    expect(codeOf(() => parseNarrativeDate('the next day', where, period, { start: '2019-12-01', end: '2019-12-31', precision: 'month' }))).toBe('date/unanchored');
    expect(codeOf(() => parseNarrativeDate('the same day', where, period, { start: '2019-12-02', end: '2019-12-04', precision: 'day' }))).toBe('date/unanchored');
    expect(parseNarrativeDate('a month later', where, period, { start: '2019-12-01', end: '2019-12-31', precision: 'month' })).toMatchObject({ date_edtf: '2020-01', date_inferred: true });
    expect(parseNarrativeDate('two years earlier', where, period, anchor)).toMatchObject({ date_edtf: '2017', date_inferred: true });
    // A month anchors "later that year" in months: May to December.
    expect(parseNarrativeDate('later that year', where, period, { start: '2014-05-01', end: '2014-05-31', precision: 'month' })).toMatchObject({ date_edtf: '2014-05/2014-12', date_precision: 'month', date_inferred: true });
    expect(codeOf(() => parseNarrativeDate('earlier that month', where, period, { start: '2014-05-01', end: '2014-05-31', precision: 'month' }))).toBe('date/unanchored');
  });
});

const types = SCHEMA.vocabularies.event_type!;

function narrativeOf(text: string): ReturnType<typeof readNarrativeEvents> {
  const dates: NarrativeDate[] = extractNarrativeDates({ id: 't', text: new IndexedText(text) });
  return readNarrativeEvents(dates, new Map([['t', period]]), types, () => 'sources/t/text.txt');
}

describe('narrative events from the table', () => {
  it('resolve a relative phrase against the nearest date before it in its paragraph, and name that anchor', () => {
    const { rows, curation } = narrativeOf('On Dec. 19, 2019, the ministers met. Three days later they signed a deal, and the next day they left.\n\nThe same day was quiet.\n');
    const [written, later, next] = rows;
    expect(rows.slice(0, 3).map((r) => [r.date_label, r.date_start, r.date_inferred, r.date_anchor])).toEqual([
      ['On Dec. 19, 2019', '2019-12-19', false, null],
      ['Three days later', '2019-12-22', true, written!.event_id],
      ['the next day', '2019-12-23', true, later!.event_id],
    ]);
    expect(next).toBeDefined();
    // The second paragraph has no date before its phrase: it counts from the last date of the
    // paragraph right before, which governs its clause, and names it.
    expect(rows[3]).toMatchObject({ date_label: 'The same day', date_start: '2019-12-23', date_inferred: true, date_anchor: next!.event_id });
    expect(curation).toEqual([]);
  });

  it('reach back one paragraph only: past a heading, or to a date that governs no clause, the phrase is listed', () => {
    // A heading is a paragraph of its own, with no date: the phrase after it has nothing to count from.
    const headed = narrativeOf('On Dec. 19, 2019, the ministers met.\n\nA New Chapter\n\nThree days later they signed a deal.\n');
    expect(headed.rows.map((r) => r.date_label)).toEqual(['On Dec. 19, 2019']);
    expect(headed.curation).toEqual([expect.objectContaining({ kind: 'unanchored_relative_date', surface: 'Three days later', line: 5 })]);
    // The paragraph before ends on a date that names a thing ("the 2001 collision"), not on one that dates its clause.
    const named = narrativeOf('On Dec. 19, 2019, the ministers met and recalled the 2001 collision.\n\nThree days later they signed a deal.\n');
    expect(named.curation).toEqual([expect.objectContaining({ kind: 'unanchored_relative_date', surface: 'Three days later', line: 3 })]);
    // A bare month does not reach back: its year comes from the period as before.
    const month = narrativeOf('On Dec. 19, 2019, the ministers met.\n\nIn October they had spoken.\n');
    expect(month.rows[1]).toMatchObject({ date_label: 'In October', date_start: '2019-10-01', date_anchor: null });
  });

  it('never date a thing the text reports as done after the issue the text was published in: listed instead', () => {
    const text = 'Talks were held against the backdrop of attacks by a deserter in December.\n\nThe leaders will meet again in December.\n\nHun Sen continued to purge the opposition ahead of his re-election in July.\n\nThey met on Dec. 5, 2015.\n\nJapan is focused on the era which begins in October.\n';
    const dates = extractNarrativeDates({ id: 't', text: new IndexedText(text) });
    const { rows, curation } = readNarrativeEvents(dates, new Map([['t', { start: '2015-01-01', end: '2015-04-30' }]]), types, () => 'x', [], new Map([['t', '2015-05']]));
    // The future or the present: the month to come; a year written: as written.
    expect(rows.map((r) => [r.date_label, r.date_edtf, r.date_start, r.date_year_inferred])).toEqual([
      ['in December', '2015-12', '2015-12-01', true],
      // A past verb before "ahead of" tells of a thing to come.
      ['in July', '2015-07', '2015-07-01', true],
      ['on Dec. 5, 2015', '2015-12-05', '2015-12-05', false],
      // A verb of the present ("is", "begins") keeps the coming October, whatever "focused" looks like.
      ['in October', '2015-10', '2015-10-01', true],
    ]);
    // Told as done: the December before the period, or a mistake; which, the words do not say. Listed with its file and line, not guessed.
    expect(curation).toEqual([expect.objectContaining({ kind: 'unreadable_date', surface: 'in December', line: 1 })]);
    // Without an issue date nothing moves.
    expect(readNarrativeEvents(dates, new Map([['t', { start: '2015-01-01', end: '2015-04-30' }]]), types, () => 'x').rows[0]).toMatchObject({ date_edtf: '2015-12' });
  });

  it('read "the quarter" as the period the chapter covers, and "from this summer" as the summer, with no interval opened', () => {
    const { rows } = narrativeOf('The quarter began with talks. Four times during the quarter the leaders met, and at the end of the quarter they parted.\n\nThe results from this summer were mixed.\n');
    expect(rows.map((r) => [r.date_label, r.date_edtf, r.date_inferred])).toEqual([
      ['The quarter', '2019-09/2019-12', true],
      ['during the quarter', '2019-09/2019-12', true],
      ['at the end of the quarter', '2019-12', true],
      ['from this summer', '2019-22', false],
    ]);
    // A source whose period is longer than four months has no "quarter" of its own: listed, not guessed.
    const dates = extractNarrativeDates({ id: 't', text: new IndexedText('The quarter began with talks.\n') });
    const year = readNarrativeEvents(dates, new Map([['t', { start: '2019-01-01', end: '2019-12-31' }]]), types, () => 'x');
    expect(year.rows).toEqual([]);
    expect(year.curation).toEqual([expect.objectContaining({ kind: 'unanchored_relative_date', surface: 'The quarter' })]);
    // A year before a verb inside a sentence is no subject of its own: the subject is before it.
    expect(narrativeOf('The drill in the last days of 2019 was widely seen as a balance.\n').rows.map((r) => r.date_label)).not.toContain('2019');
    // "this reporting period" is the chapter's period; "later in the month" the anchor's month from its day on.
    expect(narrativeOf('Talks stalled this reporting period.\n').rows.map((r) => r.date_edtf)).toEqual(['2019-09/2019-12']);
    expect(narrativeOf('On Dec. 19, 2019, they met. Later in the month they spoke.\n').rows.map((r) => [r.date_label, r.date_start, r.date_end])).toEqual([
      ['On Dec. 19, 2019', '2019-12-19', '2019-12-19'],
      ['Later in the month', '2019-12-19', '2019-12-31'],
    ]);
    expect(narrativeOf('In the middle four months of 2022 ties froze.\n').rows.map((r) => r.date_edtf)).toEqual(['2022-05/2022-08']);
    // "December this year": that month of the period's year, one date.
    expect(narrativeOf('Both set a goal of December this year for the deal.\n').rows.map((r) => [r.date_label, r.date_edtf])).toEqual([['December this year', '2019-12']]);
    // Not a quarter of something else.
    expect(extractNarrativeDates({ id: 't', text: new IndexedText('It took the quarter of a century and the quarter-final.\n') })).toEqual([]);
  });

  it('take a year the period leaves open (two Decembers) from the anchor, and say so', () => {
    const dates = extractNarrativeDates({ id: 't', text: new IndexedText('On Dec. 19, 2020, they met, and on Dec. 22 they spoke.\n') });
    const { rows } = readNarrativeEvents(dates, new Map([['t', { start: '2019-09-01', end: '2021-02-28' }]]), types, () => 'x');
    expect(rows[1]).toMatchObject({ date_start: '2020-12-22', date_year_inferred: true, date_inferred: false, date_anchor: rows[0]!.event_id });
  });

  it('in the text of a chronology entry, count from the entry\'s own date when no date stands before the phrase', () => {
    const text = 'Intro.\n\nCHRONOLOGY OF A-B RELATIONS\n\nSEPTEMBER – DECEMBER 2019\n\nDec. 4, 2019: The ministers meet, and the next day they sign a plan.\n';
    const source = { id: 't', text: new IndexedText(text) };
    const chronology = extractChronology(source);
    const entries = normalizeEvents({
      entries: chronology.filter((f): f is ChronologyEntry => f.kind === 'chronology_entry'),
      periods: chronology.filter((f): f is ChronologyPeriod => f.kind === 'chronology_period'),
      eventTypes: types,
      fileOf: () => 'x',
    });
    const { rows } = readNarrativeEvents(extractNarrativeDates(source), new Map([['t', period]]), types, () => 'x', entries);
    expect(rows).toEqual([expect.objectContaining({ section: 'chronology_text', date_label: 'the next day', date_start: '2019-12-05', date_inferred: true, date_anchor: entries[0]!.event_id })]);
  });

  it('list a phrase no shape can read with its file and line, and build the rest', () => {
    const { rows, curation } = narrativeOf('Intro.\n\nOn Feb. 30 they met; on Nov. 3 they spoke.\n');
    expect(rows.map((r) => r.date_label)).toEqual(['on Nov. 3']);
    expect(curation).toEqual([expect.objectContaining({ source_id: 't', kind: 'unreadable_date', surface: 'On Feb. 30', line: 3 })]);
    expect(curation[0]!.reason).toContain('sources/t/text.txt:3');
  });
});

describe('prose never stops the build', () => {
  it('a narrative date no shape reads goes to the curator list with its line; the chronology stays strict', async () => {
    const sources = copySources([path.join(ROOT, 'sources', ARTICLE_ID), path.join(ROOT, 'sources', 'registry')]);
    const file = path.join(sources, ARTICLE_ID, path.basename(ARTICLE));
    const original = readFileSync(file, 'utf8');
    // "in May 2014" in the narrative becomes a day that does not exist.
    expect(original.split('\n')[49]).toContain('in May 2014');
    const bytes = Buffer.from(original.replace('in May 2014', 'on Feb. 30, 2014'));
    writeFileSync(file, bytes);
    const meta = path.join(sources, ARTICLE_ID, 'source.yaml');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^sha256: .*$/m, `sha256: ${sha256(bytes)}`).replace(/^bytes: .*$/m, `bytes: ${bytes.length}`));
    const paths = tempPaths(sources);
    await runNormalize(context(paths));
    const items = readJsonlFile<{ kind: string; line: number; surface: string; source_id: string }>(path.join(paths.build, 'curation', 'curator-list.jsonl'));
    expect(items).toContainEqual(expect.objectContaining({ kind: 'unreadable_date', source_id: ARTICLE_ID, line: 50, surface: 'on Feb. 30, 2014' }));
    const events = readJsonlFile<{ date_label: string; source_id: string }>(path.join(paths.build, 'normalize', ARTICLE_ID, 'events.jsonl'));
    expect(events.some((e) => e.date_label === 'on Feb. 30, 2014')).toBe(false);
    expect(events.filter((e) => e.source_id === ARTICLE_ID).length).toBeGreaterThan(100);
  });
});

describe('shapes met in other chapters', () => {
  const labels = (text: string): [string, string][] => extractNarrativeDates({ id: 't', text: new IndexedText(`${text}\n`) }).map((f) => [f.date_label, f.shape]);

  it('"end-September" is a part of a month, read as the month', () => {
    expect(labels('Talks resumed at end-September after a pause.')).toEqual([['at end-September', 'part_of_month']]);
    expect(parseNarrativeDate('end-September', where, period)).toMatchObject({ date_edtf: '2019-09' });
  });

  it('"early July 5" is the fifth, not early July', () => {
    expect(labels('The missiles flew on the Fourth (locally, early July 5).')).toEqual([['July 5', 'day_or_day_range']]);
    expect(labels('Talks stalled in early July and resumed later.')).toEqual([['in early July', 'part_of_month']]);
  });

  it('"the summer months of 2016" is the summer of 2016', () => {
    expect(labels('Tensions dominated relations throughout the summer months of 2016.')).toEqual([['throughout the summer months of 2016', 'season']]);
    expect(parseNarrativeDate('the summer months of 2016', where, period)).toMatchObject({ date_edtf: '2016-22', date_start: '2016-06-01', date_end: '2016-08-31' });
  });

  it('a count of days with a qualifier ("less than a week later") is a bound, not a date, and is not read', () => {
    expect(labels('Less than a week later, the hopes were dashed.')).toEqual([]);
    expect(labels('Almost two months later, talks resumed.')).toEqual([]);
    expect(labels('A week later, the hopes were dashed.')).toEqual([['A week later', 'count_later']]);
  });

  it('a year that opens a sentence, or a clause after "as", as the subject of a verb is a year; a count before a noun is not', () => {
    expect(labels('Talks stalled. 2019 saw little progress. As 2014 opens the two sides wait.').map(([l]) => l)).toEqual(['2019', '2014']);
    expect(labels('Talks stalled. 2000 troops saw action.')).toEqual([]);
  });

  it('"over" before four digits and a common noun counts the noun; before a comma or "and" it is a year', () => {
    expect(labels('Over 2000 troops arrived. Later, over 1500 sailors left.')).toEqual([]);
    expect(labels('Over 2019, trade grew. Ties deepened over 2019 and 2020.').map(([l]) => l)).toEqual(['Over 2019', 'over 2019']);
  });

  it('a month\'s possessive dates the noun after it, but not after a capitalised word, and "May’s" never', () => {
    expect(labels('The talks followed July’s missile launch.')).toEqual([['July', 'month_possessive']]);
    expect(labels('Officials of Prime Minister Theresa May’s government met.')).toEqual([]);
    expect(labels('They discussed May’s election results.')).toEqual([]);
  });

  it('a count of past months other than the period\'s length is no date, and "the last four months of 2013" is no count of the period', () => {
    expect(() => parseNarrativeDate('the past two months', where, period)).toThrow(/unanchored|cannot resolve/u);
    expect(labels('Talks held during the last four months of 2013 went well.').map(([, shape]) => shape)).not.toContain('past_months');
  });

  it('"last quarter" in a chapter of four months is left to a curator, and "the last quarter of 2019" is no "last quarter"', () => {
    expect(() => parseNarrativeDate('the end of last quarter', where, period)).toThrow(/cannot resolve/u);
    expect(parseNarrativeDate('the previous quarter', where, { start: '2007-01-01', end: '2007-03-31' })).toMatchObject({ date_edtf: '2006-36' });
    expect(labels('Growth slowed in the last quarter of 2019 in the region.').map(([, shape]) => shape)).not.toContain('last_quarter');
    // "in the last quarter" is the most recent quarter, the chapter's own or the one before: not read.
    expect(labels('In the last quarter, GDP grew.').map(([, shape]) => shape)).not.toContain('last_quarter');
    expect(labels('Trade fell at the end of last quarter.').map(([, shape]) => shape)).toContain('last_quarter');
  });

  it('a month before a noun may have a hyphenated adjective between it and the determiner', () => {
    expect(labels('They missed their self-imposed March deadline for the plan.')).toEqual([['March', 'month_attributive']]);
  });

  it('a month after "for" and before a common noun dates that noun ("prepares for December elections")', () => {
    expect(labels('Seoul prepares for December elections while Beijing waits.')).toEqual([['December', 'month_attributive']]);
    // Not before a word that only links: "waited for June to come" names no thing of June.
    expect(labels('They waited for June to come.')).toEqual([]);
    // Nor "May" after "for", as often a surname; after a determiner it is the month.
    expect(labels('Support for May grew in the party.')).toEqual([]);
    expect(labels('They prepared the May elections.')).toEqual([['May', 'month_attributive']]);
  });

  it('"last June", "last fall": the last such month or season before the chapter\'s period; one the period holds or meets is listed', () => {
    const spring2014 = { start: '2014-01-01', end: '2014-04-30' };
    expect(labels('The pact concluded last June is stalled. He had cancelled the stops last fall.')).toEqual([['last June', 'last_month_or_season'], ['last fall', 'last_month_or_season']]);
    expect(parseNarrativeDate('last June', where, spring2014)).toMatchObject({ date_edtf: '2013-06', date_start: '2013-06-01', date_end: '2013-06-30', date_inferred: true });
    expect(parseNarrativeDate('last fall', where, spring2014)).toMatchObject({ date_edtf: '2013-23', date_start: '2013-09-01', date_end: '2013-11-30', date_precision: 'part_of_year' });
    // Across a year's end: "last June" in a chapter on November 2019 to February 2020 is June 2019, and
    // "last January" may be January 2020, which the period holds.
    expect(parseNarrativeDate('last June', where, { start: '2019-11-01', end: '2020-02-29' })).toMatchObject({ date_edtf: '2019-06' });
    expect(() => parseNarrativeDate('last January', where, { start: '2019-11-01', end: '2020-02-29' })).toThrow(/holds a "January" too/u);
    // "last March" in a chapter on January to April may be the March of the period or of the year before.
    expect(() => parseNarrativeDate('last March', where, spring2014)).toThrow(/cannot resolve relative date/u);
    expect(() => parseNarrativeDate('last fall', where, period)).toThrow(/cannot resolve relative date/u);
    // A day of that month is the day's shape; "last" before other words is no date.
    expect(labels('The envoy left last June 5 for good.').map(([, shape]) => shape)).not.toContain('last_month_or_season');
    expect(labels('The last summit was held in Riga.')).toEqual([]);
    // After a determiner "last" is an ordinal, and "at last" is no date.
    expect(labels('It was the last summer of his term. Prices saw their last fall in years. At last May agreed.')).toEqual([]);
  });

  it('"the end of the month" is the month of the date before it, and refused without one', () => {
    expect(parseNarrativeDate('the end of the month', where, period, { start: '2014-04-01', end: '2014-04-10', precision: 'part_of_month' as never })).toMatchObject({ date_edtf: '2014-04', date_inferred: true });
    expect(() => parseNarrativeDate('the end of the month', where, period)).toThrow(/cannot resolve relative date/u);
    expect(() => parseNarrativeDate('the end of the month', where, period, { start: '2014-03-01', end: '2014-04-30', precision: 'month' })).toThrow(/not precise to the month/u);
  });

  it('reads no holiday or part of a season before a year, and no quarter in "the past quarter century"', () => {
    expect(labels('On New Year’s Day 2018 the talks resumed.').map(([, shape]) => shape)).not.toContain('fixed_holiday');
    expect(labels('By late summer 2018 the plan was dead.').map(([, shape]) => shape)).not.toContain('part_of_season');
    expect(labels('Ties grew over the past quarter century and the last quarter century.').map(([, shape]) => shape).filter((x) => x.includes('quarter'))).toEqual([]);
  });

  it('"the past quarter" is the quarter the chapter covers', () => {
    expect(labels('Relations in the past quarter showed no surprises.')).toEqual([['in the past quarter', 'this_quarter']]);
  });

  it('a year after a possessive and before a name or a common noun dates that thing', () => {
    expect(labels('China was failing to abide by its 2001 WTO entry agreement.')).toEqual([['2001', 'year_in_name']]);
    expect(labels('It recalled their 2018 agreement on fishing.')).toEqual([['2018', 'year_attributive']]);
    // Not before a function word, nor without a determiner.
    expect(labels('Of the 2001 in the list, most were late.')).toEqual([]);
    expect(labels('Some 2001 soldiers marched.')).toEqual([]);
  });
});
