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

function readPart(s: string): Part | null {
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
  // A bare number with neither month nor year ("5") is not a date.
  if (part.month === undefined && part.year === undefined) return null;
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
  const second = pieces.length === 2 ? readPart(pieces[1]!) : null;
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
