/**
 * Read the date labels this journal prints: "Sept. 5, 2019",
 * "Sept. 16–18, 2019", "Oct. 31-Nov. 1, 2019", "Dec. 30, 2019–Jan. 2, 2020",
 * "Sept. 2019", and the chronology heading "SEPTEMBER – DECEMBER 2019".
 *
 * Why not a general date parser: chrono-node reads "Sept. 16–18, 2019" as
 * "Sept. 16" with a guessed year, and guessing is what this dataset must
 * never do. The grammar here is small and strict: a label it cannot read
 * fully is an error, never a partial match. The EDTF string it produces is
 * then handed to the `edtf` library, which computes the bounds.
 */
import edtf from 'edtf';
import { PipelineError, type ErrorDetails } from '../lib/errors.ts';

export type DatePrecision = 'day' | 'month' | 'part_of_year' | 'year';

export interface DateValue {
  date_start: string;
  date_end: string;
  date_precision: DatePrecision;
  date_edtf: string;
  date_year_inferred: boolean;
}

/** The months, by every spelling the journal uses (and the usual others). */
const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

const DASH = /\s*[-–—]\s*/;
const PART = /^(?:([A-Za-z]+)\.?)?\s*(\d{1,2})?(?:,?\s*(\d{4}))?$/;

interface Part {
  month?: number;
  day?: number;
  year?: number;
}

function readPart(s: string, second = false): Part | null {
  const m = PART.exec(s.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  const part: Part = {};
  if (m[1]) {
    const month = MONTHS[m[1].toLowerCase()];
    if (!month) return null;
    part.month = month;
  }
  if (m[2]) part.day = Number(m[2]);
  if (m[3]) part.year = Number(m[3]);
  // A bare number ("5") is not a date, except as the end of a range ("Sept. 16-19").
  if (part.month === undefined && part.year === undefined && !(second && part.day !== undefined)) return null;
  return part;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The period a chronology covers, used to supply a year the label leaves out. */
export interface Period {
  start: string;
  end: string;
}

/**
 * Parse a chronology date label. `period` supplies the year when the label
 * has none; the result then says date_year_inferred. Throws date/unreadable
 * for a label outside the grammar and date/invalid for a date that cannot
 * exist (Sept. 31) or a range that ends before it starts.
 */
export function parseDateLabel(label: string, where: ErrorDetails, period?: Period): DateValue {
  const unreadable = (why: string): never => {
    throw new PipelineError('date/unreadable', `cannot read date label (${why})`, {
      ...where,
      value: label,
      expected: 'a date such as "Sept. 5, 2019", "Sept. 16–18, 2019" or "Oct. 31-Nov. 1, 2019"',
    });
  };
  const pieces = label.trim().split(DASH);
  if (pieces.length > 2) unreadable('more than one dash');
  const first = readPart(pieces[0]!);
  const second = pieces.length === 2 ? readPart(pieces[1]!, true) : null;
  if (!first || (pieces.length === 2 && !second)) unreadable('not a month, day and year');
  const a = first!;
  const b: Part = second ? { ...second } : { ...a };
  if (a.month === undefined) unreadable('no month');
  if (b.month === undefined) b.month = a.month;
  if ((a.day === undefined) !== (b.day === undefined)) unreadable('a day on one side of the range only');
  let inferred = false;
  if (b.year === undefined && a.year !== undefined) b.year = a.year;
  if (a.year === undefined && b.year !== undefined) {
    // "Dec. 30–Jan. 2, 2020": the start month is later in the year than the end.
    a.year = a.month! > b.month! ? b.year - 1 : b.year;
  }
  if (a.year === undefined || b.year === undefined) {
    const years = period ? yearsOf(period) : [];
    const fits = years.filter((y) => within(y, a.month!, period!) && within(y + (b.month! < a.month! ? 1 : 0), b.month!, period!));
    if (fits.length !== 1) unreadable(period ? 'no year, and the chronology period does not fix one' : 'no year');
    a.year = fits[0]!;
    b.year = b.month! < a.month! ? a.year + 1 : a.year;
    inferred = true;
  }
  const invalid = (what: string): never => {
    throw new PipelineError('date/invalid', `date label names an impossible date (${what})`, {
      ...where,
      value: label,
      expected: 'a day that exists in its month, and a range whose end is not before its start',
    });
  };
  // Checked here, not left to `edtf`: edtf('2019-02-29') rolls over to
  // March 1 instead of rejecting the day.
  for (const p of [a, b]) {
    if (p.day !== undefined && (p.day < 1 || p.day > daysIn(p.year!, p.month!))) invalid(`day ${p.day} of month ${p.month} in ${p.year}`);
  }
  const iso = (p: Part): string => `${pad(p.year!, 4)}-${pad(p.month!)}${p.day !== undefined ? `-${pad(p.day)}` : ''}`;
  const same = iso(a) === iso(b);
  const edtfString = same ? iso(a) : `${iso(a)}/${iso(b)}`;
  if (!same && iso(a) > iso(b)) invalid('the range ends before it starts');
  const bounds = edtfBounds(edtfString, where, label);
  return {
    ...bounds,
    date_precision: a.day !== undefined ? 'day' : 'month',
    date_edtf: edtfString,
    date_year_inferred: inferred,
  };
}

/** Widest ISO day bounds of an EDTF string, computed by the edtf library. */
export function edtfBounds(edtfString: string, where: ErrorDetails, label: string): { date_start: string; date_end: string } {
  try {
    const d = edtf(edtfString);
    return {
      date_start: new Date(d.min).toISOString().slice(0, 10),
      date_end: new Date(d.max).toISOString().slice(0, 10),
    };
  } catch (e) {
    throw new PipelineError('date/invalid', `EDTF ${edtfString} is not valid: ${(e as Error).message.split('\n')[0]}`, {
      ...where,
      value: label,
    });
  }
}

function yearsOf(period: Period): number[] {
  const from = Number(period.start.slice(0, 4));
  const to = Number(period.end.slice(0, 4));
  const out: number[] = [];
  for (let y = from; y <= to; y++) out.push(y);
  return out;
}

function within(year: number, month: number, period: Period): boolean {
  const ym = `${pad(year, 4)}-${pad(month)}`;
  return ym >= period.start.slice(0, 7) && ym <= period.end.slice(0, 7);
}

/**
 * Read the period line under a chronology heading: "SEPTEMBER – DECEMBER
 * 2019", "MAY – AUGUST 2019", "SEPTEMBER 2019 – JANUARY 2020".
 */
export function parsePeriodLabel(label: string, where: ErrorDetails): Period & { edtf: string } {
  const value = parseDateLabel(label.replace(/\b([A-Z])([A-Z]+)\b/g, (_, f: string, r: string) => f + r.toLowerCase()), where);
  if (value.date_precision !== 'month') {
    throw new PipelineError('date/unreadable', 'chronology period must be a range of months', {
      ...where,
      value: label,
      expected: 'e.g. "SEPTEMBER – DECEMBER 2019"',
    });
  }
  return { start: value.date_start, end: value.date_end, edtf: value.date_edtf };
}

/**
 * ISO 8601-2 sub-year groupings used for parts of a year, and their months.
 * Bounds are computed here rather than by the `edtf` library: it gives
 * quadrimesters five months (2019-37 as January to May) where the standard
 * gives four, and it cannot read intervals of groupings ("2018-39/2019-37")
 * or with an open start ("../2018").
 */
const GROUPS: Record<string, { code: number; months: [number, number] }> = {
  early: { code: 37, months: [1, 4] },
  mid: { code: 38, months: [5, 8] },
  middle: { code: 38, months: [5, 8] },
  late: { code: 39, months: [9, 12] },
  beginning: { code: 33, months: [1, 3] },
  start: { code: 33, months: [1, 3] },
  end: { code: 36, months: [10, 12] },
  'first half': { code: 40, months: [1, 6] },
  'second half': { code: 41, months: [7, 12] },
};

const lastDay = (y: number, m: number): string => `${pad(y, 4)}-${pad(m)}-${pad(daysIn(y, m))}`;

interface Point {
  edtf: string;
  start: string;
  end: string;
  precision: DatePrecision;
  inferred: boolean;
}

const PART_OF_YEAR = /^(?:the )?(early|mid|middle|late|beginning|start|end|first half|second half)(?: of)?[- ]?(\d{4})$/i;
const YEAR_ONLY = /^(\d{4})$/;
const MONTH_ONLY = /^(?:(?:early|mid|late)[- ]?)?([A-Za-z]+\.?)(?:,? (\d{4}))?$/;

function point(label: string, where: ErrorDetails, articleYear: Period | undefined): Point {
  const part = PART_OF_YEAR.exec(label);
  if (part) {
    const g = GROUPS[part[1]!.toLowerCase()]!;
    const y = Number(part[2]);
    return { edtf: `${y}-${g.code}`, start: `${y}-${pad(g.months[0])}-01`, end: lastDay(y, g.months[1]), precision: 'part_of_year', inferred: false };
  }
  const year = YEAR_ONLY.exec(label);
  if (year) return { edtf: year[1]!, start: `${year[1]}-01-01`, end: `${year[1]}-12-31`, precision: 'year', inferred: false };
  const month = MONTH_ONLY.exec(label);
  if (month && MONTHS[month[1]!.replace(/\.$/, '').toLowerCase()]) {
    // "mid-October 2019" and "early October" are read as their month: the
    // part is in the label, and the month is the widest bound the text allows.
    const v = parseDateLabel(`${month[1]}${month[2] ? ` ${month[2]}` : ''}`, where, articleYear);
    return { edtf: v.date_edtf, start: v.date_start, end: v.date_end, precision: 'month', inferred: v.date_year_inferred };
  }
  const v = parseDateLabel(label.replace(/ and (\d{1,2})/, '-$1'), where, articleYear);
  return { edtf: v.date_edtf, start: v.date_start, end: v.date_end, precision: v.date_precision, inferred: v.date_year_inferred };
}

/**
 * A date expression of the narrative → bounds, precision and EDTF. A year
 * the expression leaves out is the year of the source's chronology period
 * (when that period lies within one year) and is marked inferred. "Since X"
 * and "from X" open an interval with no end ("X/.."), whose date_end is
 * empty; "until X" and "by X" date what happens at X, so they are X.
 */
export function parseNarrativeDate(expression: string, where: ErrorDetails, period?: Period): Omit<DateValue, 'date_start' | 'date_end'> & { date_start: string | null; date_end: string | null } {
  const prep = /^(since|from|until|by|in|on|at|between|before|after|during|through) /i.exec(expression);
  const label = (prep ? expression.slice(prep[0].length) : expression).trim();
  const articleYear = period && period.start.slice(0, 4) === period.end.slice(0, 4)
    ? { start: `${period.start.slice(0, 4)}-01-01`, end: `${period.start.slice(0, 4)}-12-31` }
    : period;
  const pair = /^(.+?) and ((?:the )?(?:early|mid|late|end of|beginning of)[- ]?.*\d{4})$/i.exec(label);
  // "1989–2019", "2020 to 2021", "2020-21" (the second year's century from the first)
  const years = /^(\d{4})\s*(?:[–-]|to)\s*(\d{4}|\d{2})$/.exec(label);
  if (years && years[2]!.length === 2) years[2] = `${years[1]!.slice(0, 2)}${years[2]}`;
  let value: Point;
  if (pair) {
    const a = point(pair[1]!, where, articleYear);
    const b = point(pair[2]!, where, articleYear);
    value = { edtf: `${a.edtf}/${b.edtf}`, start: a.start, end: b.end, precision: a.precision, inferred: a.inferred || b.inferred };
  } else if (years) {
    value = { edtf: `${years[1]}/${years[2]}`, start: `${years[1]}-01-01`, end: `${years[2]}-12-31`, precision: 'year', inferred: false };
  } else {
    value = point(label, where, articleYear);
  }
  if (value.start > value.end) {
    throw new PipelineError('date/invalid', 'date range ends before it starts', { ...where, value: expression });
  }
  const open = prep && /^(since|from)$/i.test(prep[1]!) && !value.edtf.includes('/');
  return {
    date_start: value.start,
    date_end: open ? null : value.end,
    date_precision: value.precision,
    date_edtf: open ? `${value.edtf}/..` : value.edtf,
    date_year_inferred: value.inferred,
  };
}
