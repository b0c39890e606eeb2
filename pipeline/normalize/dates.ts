/**
 * Read dates into bounds, precision and EDTF, by the one table of date
 * shapes (pipeline/lib/date-shapes.ts) that the extractor also finds with.
 * Chronology labels are read strictly: a label no label shape reads fully
 * is an error, never a partial match. Narrative phrases are read by every
 * shape, relative phrases against their anchor; the caller lists what cannot
 * be read for a curator instead of stopping.
 */
import type { ErrorDetails } from '../lib/errors.ts';
import { PipelineError } from '../lib/errors.ts';
import { ABBREVIATIONS, FROM_DEICTIC, FULL_MONTHS, MONTHS, shapeOf, splitPreposition, type DatePrecision, type Period, type ReadContext } from '../lib/date-shapes.ts';

export { edtfBounds, type DatePrecision, type Period } from '../lib/date-shapes.ts';

export interface DateValue {
  date_start: string;
  date_end: string;
  date_precision: DatePrecision;
  date_edtf: string;
  date_year_inferred: boolean;
}

const EXPECTED_LABEL = 'a date such as "Sept. 5, 2019", "Sept. 16–18, 2019" or "Oct. 31-Nov. 1, 2019"';

/**
 * Parse a chronology date label. `period` supplies the year when the label
 * has none; the result then says date_year_inferred. Throws date/unreadable
 * for a label outside the label shapes and date/invalid for a date that
 * cannot exist (Sept. 31) or a range that ends before it starts.
 */
export function parseDateLabel(label: string, where: ErrorDetails, period?: Period): DateValue {
  const found = shapeOf(label.trim(), true);
  if (!found) {
    throw new PipelineError('date/unreadable', 'cannot read date label (no date shape reads it whole)', { ...where, value: label, expected: EXPECTED_LABEL });
  }
  const r = found.shape.read(found.match, { where: { ...where }, period });
  return { date_start: r.start, date_end: r.end, date_precision: r.precision, date_edtf: r.edtf, date_year_inferred: r.yearInferred };
}

/**
 * Read the period line under a chronology heading: "SEPTEMBER – DECEMBER
 * 2019", "MAY – AUGUST 2019", "SEPTEMBER 2019 – JANUARY 2020".
 */
export function parsePeriodLabel(label: string, where: ErrorDetails): Period & { edtf: string } {
  // A period is a heading: its capitals ("SEPTEMBER") and its bare abbreviations ("Jul — Sep 2004") are read as month names.
  const spelled = label
    .replace(/\b([A-Z])([A-Z]+)\b/g, (_, f: string, r: string) => f + r.toLowerCase())
    .replace(new RegExp(`\\b(?:${ABBREVIATIONS.join('|')})\\b(?!\\.)`, 'g'), (m) => FULL_MONTHS[MONTHS[m.toLowerCase()]! - 1]!);
  const value = parseDateLabel(spelled, where);
  if (value.date_precision !== 'month') {
    throw new PipelineError('date/unreadable', 'chronology period must be a range of months', {
      ...where,
      value: label,
      expected: 'e.g. "SEPTEMBER – DECEMBER 2019"',
    });
  }
  return { start: value.date_start, end: value.date_end, edtf: value.date_edtf };
}

export interface NarrativeDateValue {
  date_start: string | null;
  date_end: string | null;
  date_precision: DatePrecision;
  date_edtf: string;
  date_year_inferred: boolean;
  /** The date is computed from a relative phrase and its anchor, not written. */
  date_inferred: boolean;
}

/** A narrative reading, with the shape that read it and whether the anchor was used. */
export interface NarrativeReading {
  value: NarrativeDateValue;
  shape: string;
  anchored: boolean;
  /** The first day of the date the phrase names, before "until" closes it: the id keeps it (schema/events.yaml). */
  named_start: string;
}

/**
 * A date phrase of the narrative → bounds, precision and EDTF, with the
 * shape that read it. A year the phrase leaves out is the year of the
 * source's chronology period (when that period lies within one year), else
 * the anchor's, and is marked inferred. A relative phrase ("three days
 * later") is computed from the anchor (the nearest preceding written date
 * of its paragraph, or the chronology entry it stands in) and marked
 * inferred; without a sure anchor it is date/unanchored. "Since X" and
 * "from X" open an interval with no end ("X/.."), whose date_end is empty;
 * "until X" closes one with no start ("../X": what held before X, "Until
 * 2018, exercises only invited CIS members"), whose date_start is empty;
 * "by X" dates what happens at X, so it is X, except "by the end of X",
 * a deadline: on or before X's last day ("../2019-12-31", date_start empty,
 * the precision X's own); and a negated until
 * ("did not complete … until March 2019") is X too (the completion is at X), which
 * the caller says by `untilIsAt` (the clause is read in
 * extract/narrative-dates.ts).
 */
export function readNarrativeDate(expression: string, where: ErrorDetails, period?: Period, anchor?: ReadContext['anchor'], untilIsAt = false): NarrativeReading {
  const { preposition, rest } = splitPreposition(expression);
  const found = shapeOf(rest);
  if (!found) {
    throw new PipelineError('date/unreadable', 'cannot read date (no date shape reads it whole)', { ...where, value: expression, expected: EXPECTED_LABEL });
  }
  const articleYear = period && period.start.slice(0, 4) === period.end.slice(0, 4)
    ? { start: `${period.start.slice(0, 4)}-01-01`, end: `${period.start.slice(0, 4)}-12-31` }
    : period;
  const r = found.shape.read(found.match, { where: { ...where }, period: articleYear, covered: period, anchor: anchor ?? null });
  // "from this summer" opens nothing: the extractor gives it no start role either (FROM_DEICTIC).
  const open = (preposition === 'since' || (preposition === 'from' && !FROM_DEICTIC.test(expression))) && !r.edtf.includes('/');
  const closes = preposition === 'until' && !untilIsAt && !r.edtf.includes('/');
  // "By the end of 2019" is a deadline: on or before the last day of the date, not within its last part.
  const deadline = preposition === 'by' && /^(?:the\s+)?end\s+of\b/iu.test(rest) && !r.edtf.includes('/');
  return {
    value: {
      date_start: closes || deadline ? null : r.start,
      date_end: open ? null : r.end,
      date_precision: r.precision,
      date_edtf: open ? `${r.edtf}/..` : closes ? `../${r.edtf}` : deadline ? `../${r.end}` : r.edtf,
      date_year_inferred: r.yearInferred,
      date_inferred: r.inferred,
    },
    shape: found.shape.id,
    anchored: r.anchored,
    named_start: r.start,
  };
}

/** readNarrativeDate's value alone. */
export function parseNarrativeDate(expression: string, where: ErrorDetails, period?: Period, anchor?: ReadContext['anchor']): NarrativeDateValue {
  return readNarrativeDate(expression, where, period, anchor).value;
}
