/**
 * The one table of the date shapes the journal writes. Each shape has a
 * pattern that finds it in prose and a reader that turns what the pattern
 * matched into EDTF with ISO day bounds. The narrative extractor finds with
 * these patterns, the normalizer reads with the same shapes, and chronology
 * labels are read by the subset marked `label`: a phrase that one part finds
 * is therefore always one that another part knows how to read. Reading can
 * still refuse (a day that does not exist, a year the text never fixes), and
 * then the caller decides: a chronology label stops the build, a phrase of
 * the narrative goes to the curator list.
 *
 * Why not a general date parser: chrono-node reads "Sept. 16–18, 2019" as
 * "Sept. 16" with a guessed year, and guessing is what this dataset must
 * never do. The EDTF string is handed to the `edtf` library for its bounds
 * where the library reads it right (see GROUPS for where it does not).
 */
import edtf from 'edtf';
import { PipelineError, type ErrorDetails } from './errors.ts';

export type DatePrecision = 'day' | 'month' | 'part_of_year' | 'year' | 'decade';

/** A date read from a shape, before a preposition ("since", "from") opens it. */
export interface Reading {
  edtf: string;
  start: string;
  end: string;
  precision: DatePrecision;
  /** The year is not written: it came from the chronology's period or from the anchor. */
  yearInferred: boolean;
  /** The date is not written at all: it was computed from the anchor ("three days later"). */
  inferred: boolean;
  /** The anchor was used (for the year or for the whole date). */
  anchored: boolean;
}

/** The period a chronology covers, used to supply a year a label leaves out. */
export interface Period {
  start: string;
  end: string;
}

/** What a reader may use besides the words: the period that fixes a missing year, and the date the text anchors a relative phrase to. */
export interface ReadContext {
  where: ErrorDetails;
  period?: Period;
  /** The period the source covers, as its period line or chronology gives it (period may be widened to its whole year). */
  covered?: Period;
  /** The nearest preceding written date of the same paragraph (or the chronology entry's own date). */
  anchor?: { start: string; end: string; precision: DatePrecision } | null;
}

export interface DateShape {
  id: string;
  /** One phrase of this shape, as the journal prints it; the table-driven test reads every one. */
  example: string;
  /** The pattern that reads the phrase (after its preposition), with the groups the reader uses. */
  pattern: string;
  /**
   * Where the extractor may find it: anywhere (`any`), or only after a
   * preposition (`preposition`: a bare month or year is too often something
   * else), or never (`read`: a phrase another reader has already delimited,
   * such as a figure's own time, is read with it but prose is not searched
   * for it).
   */
  find: 'any' | 'preposition' | 'read';
  /** Text that must stand right before or after the phrase for it to be found (lookarounds), not part of it. */
  before?: string;
  after?: string;
  /** A chronology label may have this shape. */
  label?: boolean;
  /** A relative phrase: read against the anchor, never alone. */
  relative?: boolean;
  read(m: RegExpExecArray, ctx: ReadContext): Reading;
}

/** The months, by every spelling the journal uses (and the usual others). */
export const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

export const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
export const ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sept', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
/** A month's name as a word, full or abbreviated, with no period required (for patterns that take one as optional). */
export const MONTH_WORD = `(?:${FULL_MONTHS.join('|')}|${ABBREVIATIONS.join('|')})`;
/** A month name: full, or abbreviated with its period ("Sept.", "Sep."); longest first so "Sept." is not read as "Sep". */
export const MONTH = `(?:${FULL_MONTHS.join('|')}|(?:${ABBREVIATIONS.join('|')})\\.)`;
/** A month before a day may drop the abbreviation's period ("Sept 5, 2019"), as older labels do. */
const DAY_MONTH = `(?:${FULL_MONTHS.join('|')}|(?:${ABBREVIATIONS.join('|')})\\.?)`;
export const YEAR = '(?:1[5-9]\\d\\d|20\\d\\d)';
const DAY = '\\d{1,2}';
const DASH = '\\s*[-–—]\\s*';
// A capital is allowed where a sentence starts with the part ("Late 2018 saw …").
const PARTS = '(?:[Ee]arly|[Mm]id|[Ll]ate)[- ]|[Ee]nd-|(?:[Tt]he )?(?:[Ee]nd|[Bb]eginning|[Ss]tart|[Mm]iddle|[Ff]irst half|[Ss]econd half) of ';
/** The prepositions a date may carry; the label keeps them, the reading strips them. */
/**
 * "the results from this summer", "up from last year": "from" before a deictic period says where a
 * thing comes from or what it is compared with, not when an interval opens. One test for the
 * extractor (the date's role) and the normalizer (its EDTF), so that they cannot disagree.
 */
export const FROM_DEICTIC = /^from\s+(?:this|that|last|next)\b/iu;
export const PREPOSITIONS = ['since', 'until', 'by', 'from', 'in', 'on', 'at', 'between', 'before', 'after', 'during', 'through', 'into', 'over', 'throughout'];
const PREP = `(?:${PREPOSITIONS.map((p) => `[${p[0]!.toUpperCase()}${p[0]}]${p.slice(1)}`).join('|')})`;
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
// A capital where the phrase opens a sentence ("Three days later …").
const COUNT = `(?:${Object.keys(NUMBER_WORDS).map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`).join('|')}|\\d{1,2})`;

/** Holidays on a fixed day: month and day. */
const FIXED_HOLIDAYS: Readonly<Record<string, [number, number]>> = {
  'Fourth of July': [7, 4],
  'New Year’s Day': [1, 1],
  'New Year’s Eve': [12, 31],
  'Christmas Day': [12, 25],
  'Christmas Eve': [12, 24],
};

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const monthOf = (name: string): number => MONTHS[name.replace(/\.$/, '').toLowerCase()]!;
const iso = (y: number, m: number, d?: number): string => `${pad(y, 4)}-${pad(m)}${d !== undefined ? `-${pad(d)}` : ''}`;
const firstDay = (y: number, m: number): string => `${iso(y, m)}-01`;
const lastDay = (y: number, m: number): string => iso(y, m, daysIn(y, m));

function unreadable(ctx: ReadContext, value: string, why: string): never {
  throw new PipelineError('date/unreadable', `cannot read date (${why})`, {
    ...ctx.where,
    value,
    expected: 'a date such as "Sept. 5, 2019", "Sept. 16–18, 2019" or "Oct. 31-Nov. 1, 2019"',
  });
}

function invalid(ctx: ReadContext, value: string, what: string): never {
  throw new PipelineError('date/invalid', `date names an impossible date (${what})`, {
    ...ctx.where,
    value,
    expected: 'a day that exists in its month, and a range whose end is not before its start',
  });
}

/**
 * Bounds already computed, by EDTF string: the library parses with a general
 * grammar (nearley), a few hundred microseconds a date, and a corpus repeats
 * the same few thousand strings; parsing them once per process took the
 * normalize stage's edtf time at 100 chapters from about 3 s of CPU to a
 * fraction of that.
 */
const BOUNDS = new Map<string, { date_start: string; date_end: string }>();

/**
 * Widest ISO day bounds of an EDTF string. A year or an interval whose sides
 * carry a sub-year code (seasons 21-24, quarters 33-36, quadrimesters 37-39,
 * semesters 40-41) is bounded by the months this module gives those codes
 * (subYearMonths); anything else by the edtf library.
 */
export function edtfBounds(edtfString: string, where: ErrorDetails, label: string): { date_start: string; date_end: string } {
  const known = BOUNDS.get(edtfString);
  if (known) return { ...known };
  try {
    const own = subYearBounds(edtfString);
    const d = own ? null : edtf(edtfString);
    const bounds = own ?? {
      date_start: new Date(d!.min).toISOString().slice(0, 10),
      date_end: new Date(d!.max).toISOString().slice(0, 10),
    };
    BOUNDS.set(edtfString, bounds);
    return { ...bounds };
  } catch (e) {
    throw new PipelineError('date/invalid', `EDTF ${edtfString} is not valid: ${(e as Error).message.split('\n')[0]}`, {
      ...where,
      value: label,
    });
  }
}

/**
 * The year of a month the text leaves without one: from the chronology's
 * period when exactly one year of it holds the month, else from the anchor
 * when the month is not before the anchor's (a narrative runs forward; a
 * month before the anchor may be the next year or a look back, and only a
 * person can tell).
 */
function yearFor(month: number, endMonth: number, ctx: ReadContext, value: string): { year: number; anchored: boolean } {
  const p = ctx.period;
  if (p) {
    const fits: number[] = [];
    for (let y = Number(p.start.slice(0, 4)); y <= Number(p.end.slice(0, 4)); y++) {
      const ym = (yy: number, mm: number): string => iso(yy, mm);
      const y2 = y + (endMonth < month ? 1 : 0);
      if (ym(y, month) >= p.start.slice(0, 7) && ym(y, month) <= p.end.slice(0, 7) && ym(y2, endMonth) >= p.start.slice(0, 7) && ym(y2, endMonth) <= p.end.slice(0, 7)) fits.push(y);
    }
    if (fits.length === 1) return { year: fits[0]!, anchored: false };
  }
  const a = ctx.anchor;
  if (a && a.start.slice(0, 4) === a.end.slice(0, 4) && month >= Number(a.start.slice(5, 7))) return { year: Number(a.start.slice(0, 4)), anchored: true };
  return unreadable(ctx, value, p ? 'no year, and neither the chronology period nor an earlier date of the paragraph fixes one' : 'no year');
}

interface Side {
  month: number;
  day?: number;
  year?: number;
}

/** Two ends of a written date (equal for a single date) → a reading; fills a missing year and checks that the days exist. */
function readSides(a: Side, b: Side, value: string, ctx: ReadContext): Reading {
  let yearInferred = false;
  let anchored = false;
  if (b.year === undefined && a.year !== undefined) b.year = a.year;
  // "Dec. 30–Jan. 2, 2020": the start month is later in the year than the end.
  if (a.year === undefined && b.year !== undefined) a.year = a.month > b.month ? b.year - 1 : b.year;
  if (a.year === undefined || b.year === undefined) {
    const found = yearFor(a.month, b.month, ctx, value);
    a.year = found.year;
    b.year = b.month < a.month ? found.year + 1 : found.year;
    yearInferred = true;
    anchored = found.anchored;
  }
  // Checked here, not left to `edtf`: edtf('2019-02-29') rolls over to
  // March 1 instead of rejecting the day.
  for (const s of [a, b]) {
    if (s.day !== undefined && (s.day < 1 || s.day > daysIn(s.year!, s.month))) invalid(ctx, value, `day ${s.day} of month ${s.month} in ${s.year}`);
  }
  const from = iso(a.year, a.month, a.day);
  const to = iso(b.year, b.month, b.day);
  if (from > to) invalid(ctx, value, 'the range ends before it starts');
  const edtfString = from === to ? from : `${from}/${to}`;
  // Days and months checked above, so the bounds are the first and last days themselves: no
  // parse of the string just made (the edtf library's grammar was most of reading a date).
  const start = a.day !== undefined ? from : firstDay(a.year, a.month);
  const end = b.day !== undefined ? to : lastDay(b.year, b.month);
  return { edtf: edtfString, start, end, precision: a.day !== undefined ? 'day' : 'month', yearInferred, inferred: false, anchored };
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
  // Seasons as EDTF codes them (21–24), by the meteorological months of the
  // northern hemisphere, where every relationship this journal covers lies;
  // winter runs into the next year.
  spring: { code: 21, months: [3, 5] },
  summer: { code: 22, months: [6, 8] },
  autumn: { code: 23, months: [9, 11] },
  fall: { code: 23, months: [9, 11] },
  winter: { code: 24, months: [12, 14] },
};

/** Months (first, last; past 12 runs into the next year) of every ISO 8601-2 sub-year code the pipeline writes. */
const CODE_MONTHS: ReadonlyMap<number, [number, number]> = new Map([
  ...Object.values(GROUPS).map((g) => [g.code, g.months] as [number, [number, number]]),
  // The quarters: 33 and 36 are also "the beginning" and "the end" of a year.
  [33, [1, 3]], [34, [4, 6]], [35, [7, 9]], [36, [10, 12]],
]);

/** The months of a sub-year code ("2019-22" → June to August), or null when the string is not a year with such a code. */
export function subYearMonths(side: string): { year: number; months: [number, number] } | null {
  const m = /^(\d{4})-(\d\d)$/.exec(side);
  const months = m ? CODE_MONTHS.get(Number(m[2])) : undefined;
  return m && months ? { year: Number(m[1]), months } : null;
}

/**
 * Day bounds of a string that is a sub-year code, or an interval with one on
 * either side ("2018-39/2019-37", "2019-36/2020-02"), or null when it has none.
 * The edtf library reads the seasons as quarters and quadrimesters as five
 * months, and cannot read intervals of groupings at all.
 */
export function subYearBounds(value: string): { date_start: string; date_end: string } | null {
  const sides = value.split('/');
  if (sides.length > 2 || !sides.some((x) => subYearMonths(x))) return null;
  const bound = (side: string, end: boolean): string | null => {
    const g = subYearMonths(side);
    if (g) {
      const month = g.months[end ? 1 : 0];
      const y = g.year + Math.floor((month - 1) / 12);
      const mo = ((month - 1) % 12) + 1;
      return end ? lastDay(y, mo) : firstDay(y, mo);
    }
    try {
      const d = edtf(side);
      return new Date(end ? d.max : d.min).toISOString().slice(0, 10);
    } catch {
      return null;
    }
  };
  const start = bound(sides[0]!, false);
  const end = bound(sides.at(-1)!, true);
  return start && end ? { date_start: start, date_end: end } : null;
}

function group(name: string, y: number): Reading {
  const g = GROUPS[name.toLowerCase()]!;
  const endYear = y + Math.floor((g.months[1] - 1) / 12);
  const endMonth = ((g.months[1] - 1) % 12) + 1;
  return { edtf: `${y}-${g.code}`, start: firstDay(y, g.months[0]), end: lastDay(endYear, endMonth), precision: 'part_of_year', yearInferred: false, inferred: false, anchored: false };
}

/** A season the text names without a year: of the chapter's period when it lies within one year and meets the season, else of the anchor's year. */
function seasonOfPeriod(name: string, value: string, ctx: ReadContext): Reading {
  const g = GROUPS[name]!;
  const p = ctx.period;
  if (p && p.start.slice(0, 4) === p.end.slice(0, 4) && iso(+p.start.slice(0, 4), g.months[0]) <= p.end.slice(0, 7) && iso(+p.start.slice(0, 4), g.months[1]) >= p.start.slice(0, 7)) {
    return { ...group(name, +p.start.slice(0, 4)), yearInferred: true };
  }
  const a = anchorFor(ctx, value, 'year');
  return { ...group(name, +a.start.slice(0, 4)), yearInferred: true, anchored: true };
}

const partName = (s: string): string => s.replace(/^the /i, '').replace(/ of ?$/i, '').replace(/[- ]$/, '').toLowerCase();

/** How many calendar months a period spans, its first and last included. */
function monthsOf(p: { start: string; end: string }): number {
  return (+p.end.slice(0, 4) - +p.start.slice(0, 4)) * 12 + +p.end.slice(5, 7) - +p.start.slice(5, 7) + 1;
}

/** The period a chapter covers, read from the context: its calendar quarter when it is one ("2004-35"), else its months. */
function periodReading(p: { start: string; end: string }): Reading {
  const [y, a, b] = [+p.start.slice(0, 4), +p.start.slice(5, 7), +p.end.slice(5, 7)];
  const calendar = monthsOf(p) === 3 && (a - 1) % 3 === 0;
  const edtf = calendar ? `${y}-${33 + (a - 1) / 3}` : `${p.start.slice(0, 7)}/${p.end.slice(0, 7)}`;
  return { edtf, start: firstDay(y, a), end: lastDay(+p.end.slice(0, 4), b), precision: calendar ? 'part_of_year' : 'month', yearInferred: false, inferred: true, anchored: false };
}

function yearOnly(y: number): Reading {
  return { edtf: String(y), start: `${pad(y, 4)}-01-01`, end: `${pad(y, 4)}-12-31`, precision: 'year', yearInferred: false, inferred: false, anchored: false };
}

function years(a: number, b: number, ctx: ReadContext, value: string): Reading {
  if (b < a) invalid(ctx, value, 'the range ends before it starts');
  return { edtf: `${a}/${b}`, start: `${pad(a, 4)}-01-01`, end: `${pad(b, 4)}-12-31`, precision: 'year', yearInferred: false, inferred: false, anchored: false };
}

// --- relative phrases -------------------------------------------------------

const addDays = (isoDay: string, n: number): string => {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The anchor a relative phrase needs, or the curator list: a phrase about days needs an anchor dated to the day, one about months one within one month, and so on. */
function anchorFor(ctx: ReadContext, value: string, unit: 'day' | 'week' | 'month' | 'quarter' | 'year'): { start: string; end: string } {
  const a = ctx.anchor;
  if (!a) return unanchored(ctx, value, 'no written date before it in its paragraph');
  const fine = unit === 'day' || unit === 'week' ? a.precision === 'day' : unit === 'month' ? a.start.slice(0, 7) === a.end.slice(0, 7) : a.start.slice(0, 4) === a.end.slice(0, 4);
  if (!fine || a.precision === 'decade') return unanchored(ctx, value, `the date before it in its paragraph (${a.start} to ${a.end}) is not precise to the ${unit}`);
  return a;
}

function unanchored(ctx: ReadContext, value: string, why: string): never {
  throw new PipelineError('date/unanchored', `cannot resolve relative date (${why})`, {
    ...ctx.where,
    value,
    expected: 'a relative phrase ("three days later") after a written date of the same paragraph that is precise enough',
  });
}

function dayReading(from: string, to: string): Reading {
  return { edtf: from === to ? from : `${from}/${to}`, start: from, end: to, precision: 'day', yearInferred: false, inferred: true, anchored: true };
}

function monthReading(y: number, m: number): Reading {
  // Months past December roll into the next year ("a month later" than Dec. 19).
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return { edtf: iso(yy, mm), start: firstDay(yy, mm), end: lastDay(yy, mm), precision: 'month', yearInferred: false, inferred: true, anchored: true };
}

function shifted(ctx: ReadContext, value: string, count: number, unit: string): Reading {
  const u = unit.replace(/s$/, '') as 'day' | 'week' | 'month' | 'year';
  const a = anchorFor(ctx, value, u);
  if (u === 'day' || u === 'week') {
    const n = count * (u === 'week' ? 7 : 1);
    // Counted from the anchor's last day going forward and its first going back.
    const d = n >= 0 ? addDays(a.end, n) : addDays(a.start, n);
    return dayReading(d, d);
  }
  if (u === 'month') return monthReading(Number(a.start.slice(0, 4)), Number(a.start.slice(5, 7)) + count);
  return { ...yearOnly(Number(a.start.slice(0, 4)) + count), inferred: true, anchored: true };
}

const countOf = (s: string): number => NUMBER_WORDS[s.toLowerCase()] ?? Number(s);

// --- the table --------------------------------------------------------------

const M = `(${MONTH})`;
const DM = `(${DAY_MONTH})`;
const D = `(${DAY})`;
const Y = `(${YEAR})`;

export const DATE_SHAPES: readonly DateShape[] = [
  {
    id: 'day_range_across_years',
    example: 'Dec. 30, 2020–Jan. 2, 2021',
    pattern: `${DM} ${D},? ${Y}${DASH}${DM} ${D},? ${Y}`,
    find: 'any',
    label: true,
    read: (m, ctx) => readSides({ month: monthOf(m[1]!), day: +m[2]!, year: +m[3]! }, { month: monthOf(m[4]!), day: +m[5]!, year: +m[6]! }, m[0], ctx),
  },
  {
    // "from Sept. 3 to 5", "from Nov. 30 to Dec. 2, 2019": a range of days written with "to", only after "from"
    // (elsewhere "Sept. 3 to 5" may be a date and figures: "on Sept. 3 to 5 percent").
    id: 'day_range_to',
    example: 'from Nov. 30 to Dec. 2',
    pattern: `${DM} ${D} to (?:${DM} )?${D}(?:,? ${Y})?`,
    find: 'any',
    before: '(?=[Ff]rom )',
    after: '(?![\\d])',
    read: (m, ctx) => {
      const a: Side = { month: monthOf(m[1]!), day: +m[2]! };
      const b: Side = { month: m[3] ? monthOf(m[3]) : a.month, day: +m[4]! };
      if (m[5]) b.year = +m[5];
      return readSides(a, b, m[0], ctx);
    },
  },
  {
    // "from 27 to 30 December 2019", "between 27 and 30 December": days first, the month written once after them;
    // only after "from" or "between" and with a full month name, so a pair of figures is never a date.
    id: 'day_first_range',
    example: 'from 27 to 30 December',
    pattern: `${D}(?: to | and |${DASH})${D} (${FULL_MONTHS.join('|')})(?:,? ${Y})?`,
    find: 'any',
    before: '(?=[Ff]rom |[Bb]etween )',
    read: (m, ctx) => {
      const month = monthOf(m[3]!);
      const b: Side = { month, day: +m[2]! };
      if (m[4]) b.year = +m[4];
      return readSides({ month, day: +m[1]! }, b, m[0], ctx);
    },
  },
  {
    // "Sept. 5, 2019", "Sept. 16-19", "Nov. 30–Dec. 2", "Oct. 31-Nov. 1, 2019", "Between Dec. 27 and 30"
    id: 'day_or_day_range',
    example: 'Nov. 30–Dec. 2',
    pattern: `${DM} ${D}(?:${DASH}(?:${DM} )?${D}| and ${D})?(?:,? ${Y})?`,
    find: 'any',
    after: '(?![\\d])',
    label: true,
    read: (m, ctx) => {
      const a: Side = { month: monthOf(m[1]!), day: +m[2]! };
      const endDay = m[4] ?? m[5];
      const b: Side = endDay ? { month: m[3] ? monthOf(m[3]) : a.month, day: +endDay } : { ...a };
      if (m[6]) b.year = +m[6];
      return readSides(a, b, m[0], ctx);
    },
  },
  {
    // "5 September 2019": day first, as some contributors write it; only with a
    // full month name and a year, so "3 May" in a list of figures is never a date.
    id: 'day_month_year',
    example: '5 September 2019',
    pattern: `${D} (${FULL_MONTHS.join('|')}),? ${Y}`,
    find: 'any',
    read: (m, ctx) => {
      const side: Side = { month: monthOf(m[2]!), day: +m[1]!, year: +m[3]! };
      return readSides(side, { ...side }, m[0], ctx);
    },
  },
  {
    // "July-August": two months joined by a dash with no year after them; the year as for a bare month.
    id: 'month_pair',
    example: 'July-August',
    pattern: `${M}[-–]${M}`,
    find: 'any',
    after: `(?!,? ${YEAR})(?![\\p{L}])`,
    read: (m, ctx) => readSides({ month: monthOf(m[1]!) }, { month: monthOf(m[2]!) }, m[0], ctx),
  },
  {
    id: 'month_range',
    example: 'September 2019–January 2020',
    pattern: `${M}(?:,? ${Y})?${DASH}${M},? ${Y}`,
    find: 'any',
    label: true,
    read: (m, ctx) => readSides({ month: monthOf(m[1]!), ...(m[2] ? { year: +m[2] } : {}) }, { month: monthOf(m[3]!), year: +m[4]! }, m[0], ctx),
  },
  {
    id: 'part_of_year_pair',
    example: 'late 2018 and early 2019',
    pattern: `(${PARTS})${Y} and (${PARTS})${Y}`,
    find: 'any',
    read: (m) => {
      const a = group(partName(m[1]!), +m[2]!);
      const b = group(partName(m[3]!), +m[4]!);
      return { ...a, edtf: `${a.edtf}/${b.edtf}`, end: b.end };
    },
  },
  {
    id: 'month_year',
    example: 'September 2019',
    pattern: `${M},? ${Y}`,
    find: 'any',
    label: true,
    read: (m, ctx) => readSides({ month: monthOf(m[1]!), year: +m[2]! }, { month: monthOf(m[1]!), year: +m[2]! }, m[0], ctx),
  },
  {
    // "mid-October 2019" and "the end of March 2019" are read as their month:
    // the part is in the label, and the month is the widest bound the text
    // allows. Not a chronology label: a label names its day or month plainly.
    id: 'part_of_month_year',
    example: 'mid-October 2019',
    pattern: `(?:${PARTS})${M},? ${Y}`,
    find: 'any',
    read: (m, ctx) => readSides({ month: monthOf(m[1]!), year: +m[2]! }, { month: monthOf(m[1]!), year: +m[2]! }, m[0], ctx),
  },
  {
    // "In September": a bare month is found only after a preposition ("May"
    // is also a verb); the year comes from the chronology's period or from
    // the date before it in the paragraph.
    id: 'month',
    example: 'In September',
    pattern: M,
    find: 'preposition',
    after: '(?![\\w]|[’\']s )',
    label: true,
    read: (m, ctx) => {
      const month = monthOf(m[1]!);
      return readSides({ month }, { month }, m[0], ctx);
    },
  },
  {
    // "a June deadline", "the November summit": a month before a common noun names when that
    // thing is (its year as for a bare month); it dates the thing, not its clause (an attributive
    // date, extract/narrative-dates.ts). Not after "last" or "next", which count from a date.
    id: 'month_attributive',
    example: 'November',
    // After "for", never "May", which is as often a surname ("support for May grew").
    pattern: `(?:(?<=for )(?!May\\b)|(?<!for ))${M}`,
    find: 'any',
    // "their self-imposed March deadline": a hyphenated adjective may stand between.
    // "prepares for December elections": "for" before the month, as a determiner does.
    before: '(?<=(?<![\\p{L}])(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|for) (?:\\p{Ll}+-\\p{Ll}+ )?)',
    after: '(?= (?!(?:and|or|to|of|through|until|till|in|on|at|by|for|with|from|as|is|was|were|will|would|had|has|have|the|a|an)\\b)\\p{Ll}[\\p{Ll}-]+)',
    read: (m, ctx) => {
      const month = monthOf(m[1]!);
      return readSides({ month }, { month }, m[0], ctx);
    },
  },
  {
    // "July’s missile launch": a month's possessive before a noun is that month. Not after a
    // capitalised word ("Theresa May’s"), and never "May", which is as often a surname.
    id: 'month_possessive',
    example: 'July',
    pattern: `(?!May[’'])${M}`,
    find: 'any',
    before: '(?<!\\p{Lu}[\\p{L}.]*\\s)',
    after: '(?=[’\']s \\p{Ll}[\\p{Ll}-]+)',
    read: (m, ctx) => {
      const month = monthOf(m[1]!);
      return readSides({ month }, { month }, m[0], ctx);
    },
  },
  {
    id: 'part_of_month',
    example: 'the end of March',
    pattern: `(?:${PARTS})${M}`,
    find: 'any',
    // "early July 5" is the fifth (early in its day), not early July: the day's shape reads it.
    after: '(?![\\w])(?! \\d)',
    read: (m, ctx) => {
      const month = monthOf(m[1]!);
      return readSides({ month }, { month }, m[0], ctx);
    },
  },
  {
    id: 'season',
    example: 'summer 2019',
    // "summer 2019", "the summer of 2019", "the summer months of 2019"
    pattern: `(?:the )?([Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?: months)?(?: of)? ${Y}`,
    find: 'any',
    read: (m) => group(m[1]!, +m[2]!),
  },
  {
    id: 'part_of_year',
    example: 'the end of 2016',
    pattern: `(?:the )?(${PARTS})${Y}`,
    find: 'any',
    read: (m) => group(partName(m[1]!), +m[2]!),
  },
  {
    // "the first quarter of 2020": the ISO 8601-2 quarters 33-36.
    id: 'quarter_of_year',
    example: 'the first quarter of 2020',
    pattern: `(?:[Tt]he )?(first|second|third|fourth|1st|2nd|3rd|4th) quarter of ${Y}`,
    find: 'any',
    read: (m) => {
      const q = ['first', 'second', 'third', 'fourth'].indexOf(m[1]!) >= 0 ? ['first', 'second', 'third', 'fourth'].indexOf(m[1]!) : Number(m[1]![0]) - 1;
      const y = +m[2]!;
      return { edtf: `${y}-${33 + q}`, start: firstDay(y, q * 3 + 1), end: lastDay(y, q * 3 + 3), precision: 'part_of_year', yearInferred: false, inferred: false, anchored: false };
    },
  },
  {
    // "the second trimester of 2012": a third of a year (the journal's issues are thirds of a year), the
    // ISO 8601-2 quadrimesters 37-39 (January–April, May–August, September–December).
    id: 'trimester_of_year',
    example: 'the second trimester of 2012',
    pattern: `(?:[Tt]he )?(first|second|third|final|last) (?:trimester|third) of ${Y}`,
    find: 'any',
    read: (m) => {
      const t = ['first', 'second', 'third', 'final', 'last'].indexOf(m[1]!.toLowerCase());
      const q = Math.min(t, 2);
      const y = +m[2]!;
      return { edtf: `${y}-${37 + q}`, start: firstDay(y, q * 4 + 1), end: lastDay(y, q * 4 + 4), precision: 'part_of_year', yearInferred: false, inferred: false, anchored: false };
    },
  },
  {
    // EDTF writes a decade as its first three digits and an X.
    id: 'decade',
    example: 'the 1990s',
    pattern: `(?:the )?(1[5-9]\\d|20\\d)0s`,
    find: 'any',
    after: '(?![\\w’\'])',
    read: (m) => ({ edtf: `${m[1]}X`, start: `${m[1]}0-01-01`, end: `${m[1]}9-12-31`, precision: 'decade', yearInferred: false, inferred: false, anchored: false }),
  },
  {
    id: 'year_range',
    example: '1989–2019',
    pattern: `${Y}${DASH}${Y}`,
    find: 'any',
    read: (m, ctx) => years(+m[1]!, +m[2]!, ctx, m[0]),
  },
  {
    // "from 2020 to 2021": found only after "from", so "2 to 3" in a figure is never a date.
    id: 'year_to_year',
    example: 'from 2020 to 2021',
    pattern: `${Y} to ${Y}`,
    find: 'preposition',
    read: (m, ctx) => years(+m[1]!, +m[2]!, ctx, m[0]),
  },
  {
    // "in 2020-21": the second year's century from the first.
    id: 'year_short_range',
    example: 'in 2020-21',
    pattern: `${Y}[-–](\\d\\d)`,
    find: 'any',
    after: '(?![\\d])',
    read: (m, ctx) => years(+m[1]!, Number(`${m[1]!.slice(0, 2)}${m[2]}`), ctx, m[0]),
  },
  {
    // A bare number is a year only after a preposition ("in 1995") or as "the 2014 Ukraine crisis".
    id: 'year',
    example: 'in 1995',
    pattern: Y,
    find: 'preposition',
    // "over 2000 troops": after "over" a number before a common noun counts it ("Over 2019, trade grew" and
    // "over 2019 and 2020" stay dates).
    after: '(?![\\d–-])(?!(?<=[Oo]ver \\d{4}) (?!(?:and|or|to|through|until|till|the|when|as|while|with|than|compared)\\b)\\p{Ll})',
    read: (m) => yearOnly(+m[1]!),
  },
  {
    id: 'year_in_name',
    example: '2014',
    pattern: Y,
    find: 'any',
    // "the 2014 Ukraine crisis", "its 2001 WTO entry agreement"
    before: '(?<=\\b(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur) )',
    after: '(?= [\\p{Lu}])',
    read: (m) => yearOnly(+m[1]!),
  },
  {
    // "the 2001 collision", "their 2018 agreement": a year before a common noun dates that thing,
    // as a month does ("a June deadline"; an attributive date, extract/narrative-dates.ts). The
    // journal writes counts of a thousand or more with a comma ("1,500 troops"), so four digits
    // in this place are a year.
    id: 'year_attributive',
    example: '2001',
    pattern: Y,
    find: 'any',
    before: '(?<=(?<![\\p{L}])(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur) )',
    after: '(?= (?!(?:and|or|to|of|through|until|till|in|on|at|by|for|with|from|as|is|was|were|will|would|had|has|have|the|a|an)\\b)\\p{Ll}[\\p{Ll}-]+)',
    read: (m) => yearOnly(+m[1]!),
  },
  {
    // Holidays on a fixed day of the calendar, by their English names; the year as for a bare day.
    id: 'fixed_holiday',
    example: 'the Fourth of July',
    pattern: `(?:[Tt]he )?(Fourth of July|New Year[’']s Day|New Year[’']s Eve|Christmas Day|Christmas Eve)`,
    find: 'any',
    // Not before a year ("New Year's Day 2018"): that year's day is not read here, and not guessed.
    after: `(?!,? ${YEAR})`,
    read: (m, ctx) => {
      const [month, day] = FIXED_HOLIDAYS[m[1]!.replace(/[’']/u, '’')]!;
      return readSides({ month, day }, { month, day }, m[0], ctx);
    },
  },
  // Relative phrases, resolved against the anchor and marked inferred.
  {
    id: 'same_day',
    example: 'the same day',
    pattern: '(?:[Tt]he same|[Tt]hat(?: same)?) day',
    find: 'any',
    relative: true,
    read: (m, ctx) => {
      const a = anchorFor(ctx, m[0], 'day');
      if (a.start !== a.end) unanchored(ctx, m[0], 'the date before it is a range of days');
      return dayReading(a.start, a.start);
    },
  },
  {
    id: 'next_day',
    example: 'the next day',
    pattern: '[Tt]he (?:next|following) day',
    find: 'any',
    relative: true,
    read: (m, ctx) => shifted(ctx, m[0], 1, 'day'),
  },
  {
    id: 'count_later',
    example: 'three days later',
    pattern: `(${COUNT}) (days?|weeks?|months?|years?) (later|earlier)`,
    find: 'any',
    // "less than a week later", "almost two months later": a bound, not a date; left unread.
    before: `(?<!(?:[Ll]ess|[Mm]ore|[Ff]ewer) than |(?:[Aa]lmost|[Nn]early|[Aa]bout|[Oo]ver|[Uu]nder|[Ss]ome|[Rr]oughly|[Aa]round|[Aa]pproximately|[Ww]ithin|[Uu]p to) )`,
    relative: true,
    read: (m, ctx) => shifted(ctx, m[0], countOf(m[1]!) * (m[3]!.toLowerCase() === 'earlier' ? -1 : 1), m[2]!),
  },
  {
    // "the following week" is the calendar week (Monday to Sunday) after the anchor's.
    id: 'next_unit',
    example: 'the following week',
    pattern: '[Tt]he (?:next|following) (week|month|year)',
    find: 'any',
    relative: true,
    read: (m, ctx) => {
      const unit = m[1]! as 'week' | 'month' | 'year';
      if (unit !== 'week') return shifted(ctx, m[0], 1, unit);
      const a = anchorFor(ctx, m[0], 'week');
      const weekday = (new Date(`${a.end}T00:00:00Z`).getUTCDay() + 6) % 7;
      const monday = addDays(a.end, 7 - weekday);
      return dayReading(monday, addDays(monday, 6));
    },
  },
  {
    // "earlier that month" runs from the month's first day to the anchor,
    // "later that year" from the anchor to the year's end; counted in months
    // when the anchor is a month ("in May 2014 … later that year": May to December).
    id: 'earlier_later_that',
    example: 'later that year',
    pattern: '([Ee]arlier|[Ll]ater) (?:that|the same|in the|in that) (month|year)',
    find: 'any',
    relative: true,
    read: (m, ctx) => {
      const unit = m[2]! as 'month' | 'year';
      const a = anchorFor(ctx, m[0], unit);
      const y = Number(a.start.slice(0, 4));
      const early = m[1]!.toLowerCase() === 'earlier';
      if (ctx.anchor!.precision !== 'day') {
        if (unit === 'month') unanchored(ctx, m[0], 'the date before it is not precise to the day');
        const from = early ? iso(y, 1) : a.end.slice(0, 7);
        const to = early ? a.start.slice(0, 7) : iso(y, 12);
        const r = readSides({ month: Number(from.slice(5)), year: y }, { month: Number(to.slice(5)), year: y }, m[0], ctx);
        return { ...r, inferred: true, anchored: true };
      }
      const mo = Number(a.start.slice(5, 7));
      const from = early ? (unit === 'month' ? firstDay(y, mo) : `${pad(y, 4)}-01-01`) : a.end;
      const to = early ? a.start : unit === 'month' ? lastDay(y, mo) : `${pad(y, 4)}-12-31`;
      return dayReading(from, to);
    },
  },
  {
    // "the first six months of 2004", "the last four months of 2011".
    id: 'months_of_year',
    example: 'the first six months of 2004',
    // "the middle four months of 2022": the months as many from each end (the journal's second issue).
    pattern: `(?:[Tt]he )?(first|last|final|middle) (${COUNT}) months of ${Y}`,
    find: 'any',
    read: (m, ctx) => {
      const n = countOf(m[2]!);
      const y = +m[3]!;
      if (n < 2 || n > 11) invalid(ctx, m[0], 'a year has twelve months');
      if (m[1] === 'middle' && (12 - n) % 2 !== 0) invalid(ctx, m[0], 'the middle months of a year leave as many months on each side');
      const [a, b] = m[1] === 'first' ? [1, n] : m[1] === 'middle' ? [(12 - n) / 2 + 1, (12 - n) / 2 + n] : [13 - n, 12];
      return { edtf: `${iso(y, a)}/${iso(y, b)}`, start: firstDay(y, a), end: lastDay(y, b), precision: 'month', yearInferred: false, inferred: false, anchored: false };
    },
  },
  {
    // "the final months of 2017", "the first few months of 2004": months of a year the words do not count
    // are somewhere in that year; read as the year, the widest bound the words allow.
    id: 'some_months_of_year',
    example: 'the final months of 2017',
    pattern: `(?:[Tt]he )?(?:first|last|final|closing|opening|remaining)(?: few)? months of ${Y}`,
    find: 'any',
    read: (m) => yearOnly(+m[1]!),
  },
  {
    // "2023 marks the 50th year of …", "2019 saw …", "as 2014 opens": a year that opens its sentence, or a
    // clause after "as" or "when", as the subject of a verb. Not after any other word: "the last days
    // of 2019 was widely seen …" has its subject before the year.
    id: 'year_subject',
    example: '2023',
    pattern: Y,
    find: 'any',
    before: '(?<=(?:^|\\n|[.!?]["”’]?\\s+|(?<![\\p{L}])(?:[Aa]s|[Ww]hen) ))',
    after: '(?= (?:marks|marked|was|is|will|saw|sees|began|begins|ended|ends|opens|opened|closes|closed|draws|drew|brought|brings|proved|became|started|has been|had been)\\b)',
    read: (m) => yearOnly(+m[1]!),
  },
  {
    // "2018’s three summits": a year's possessive before a noun is that year, wherever it stands
    // (the journal writes counts of a thousand or more with a comma, so four digits with "’s" are a year).
    id: 'year_possessive',
    example: '2018',
    pattern: Y,
    find: 'any',
    before: '(?<![\\d,.])',
    after: '(?=[’\']s \\p{Ll})',
    read: (m) => yearOnly(+m[1]!),
  },
  {
    // "The third quarter": the year of the chapter's period, when exactly one year of it holds that quarter.
    id: 'quarter',
    example: 'the fourth quarter',
    pattern: '(?:[Tt]he )?(first|second|third|fourth) quarter',
    find: 'any',
    after: `(?! of)(?![\\p{L}-])`,
    read: (m, ctx) => {
      const q = ['first', 'second', 'third', 'fourth'].indexOf(m[1]!);
      const { year: y, anchored } = yearFor(q * 3 + 1, q * 3 + 3, ctx, m[0]);
      return { edtf: `${y}-${33 + q}`, start: firstDay(y, q * 3 + 1), end: lastDay(y, q * 3 + 3), precision: 'part_of_year', yearInferred: true, inferred: false, anchored };
    },
  },
  {
    // "in the spring", "mid-year": the year of the chapter's period, when it lies within one year and meets the season.
    id: 'season_of_period',
    example: 'the autumn',
    pattern: '(?:the )?(spring|summer|autumn|fall)|([Mm]id)-?year',
    find: 'preposition',
    after: `(?! of)(?![\\p{L}-])`,
    read: (m, ctx) => seasonOfPeriod(m[1] ?? m[2]!.toLowerCase(), m[0], ctx),
  },
  {
    // "this summer": the season of the period's year, found anywhere (no preposition needed).
    id: 'this_season',
    example: 'this summer',
    pattern: '[Tt]his (spring|summer|autumn|fall)',
    find: 'any',
    after: `(?![\\p{L}-])`,
    read: (m, ctx) => seasonOfPeriod(m[1]!, m[0], ctx),
  },
  {
    // "The year 2023 marks …": a year named so is a year wherever it stands.
    id: 'the_year',
    example: 'The year 2023',
    pattern: `[Tt]he year ${Y}`,
    find: 'any',
    read: (m) => yearOnly(+m[1]!),
  },
  {
    // "by the end of the summer", "at the start of spring": the season's last or first month, as "the end
    // of March" is March, in the year the season takes as "the summer" does.
    id: 'season_edge',
    example: 'the end of the summer',
    pattern: '(?:[Tt]he )?(end|close|start|beginning) of (?:the )?(spring|summer|autumn|fall)',
    find: 'any',
    after: `(?![\\p{L}-])(?!,? ${YEAR})`,
    read: (m, ctx) => {
      const r = seasonOfPeriod(m[2]!, m[0], ctx);
      const at = /end|close/u.test(m[1]!) ? r.end : r.start;
      const [y, mo] = [+at.slice(0, 4), +at.slice(5, 7)];
      return { edtf: iso(y, mo), start: firstDay(y, mo), end: lastDay(y, mo), precision: 'month', yearInferred: true, inferred: false, anchored: r.anchored };
    },
  },
  {
    // "late summer", "early fall": a part of a season, read as the whole season (the widest bound the
    // text allows), of the year as for "the summer". Found anywhere: "late summer" is nothing but a time.
    id: 'part_of_season',
    example: 'late summer',
    pattern: '(?:the )?(?:[Ee]arly|[Ll]ate|[Mm]id)[- ](spring|summer|autumn|fall)',
    find: 'any',
    // Not before "of" or a year: "late summer 2018" is that year's summer, read by `season`.
    after: `(?! of)(?![\\p{L}-])(?!,? ${YEAR})`,
    read: (m, ctx) => seasonOfPeriod(m[1]!, m[0], ctx),
  },
  {
    // "at the year-end", "by the end of the year": the last quarter (as "the end
    // of 2019" reads) of the year the chapter's period lies in, or else of the
    // year of the date before it; marked inferred, since the text names no year.
    id: 'year_end',
    example: 'at the year-end',
    pattern: "(?:the )?(?:year[- ]end|end of the year|year[’']s end)",
    find: 'preposition',
    after: `(?![\\p{L}-])(?! (?:review|report|holiday|party|press|bonus|figures?)\\b)`,
    relative: true,
    read: (m, ctx) => {
      const p = ctx.period;
      const y = p && p.start.slice(0, 4) === p.end.slice(0, 4) ? +p.start.slice(0, 4) : +anchorFor(ctx, m[0], 'year').start.slice(0, 4);
      return { ...group('end', y), yearInferred: true, inferred: true, anchored: !(p && p.start.slice(0, 4) === p.end.slice(0, 4)) };
    },
  },
  {
    // "this quarter", "the past quarter": the quarter the chapter reports on.
    id: 'this_quarter',
    example: 'this quarter',
    // "this reporting period", "the reporting period": the journal's own words for the period a chapter covers.
    pattern: '(?:[Tt]his quarter|[Tt]he past quarter|[Tt]his reporting period|[Tt]he reporting period)',
    find: 'any',
    // "the past quarter century" is 25 years, no quarter of a year.
    after: `(?![\\p{L}-])(?!\\s+(?:century|of a century))`,
    relative: true,
    read: (m, ctx) => {
      // In a chapter of the journal "this quarter" is the period the chapter covers: its period line or its chronology's.
      const p = ctx.covered;
      if (p && monthsOf(p) <= 4) return periodReading(p);
      const a = anchorFor(ctx, m[0], 'quarter');
      const y = Number(a.start.slice(0, 4));
      const q = Math.floor((Number(a.start.slice(5, 7)) - 1) / 3);
      if (Math.floor((Number(a.end.slice(5, 7)) - 1) / 3) !== q) unanchored(ctx, m[0], 'the date before it spans two quarters');
      return { edtf: `${y}-${33 + q}`, start: firstDay(y, q * 3 + 1), end: lastDay(y, q * 3 + 3), precision: 'part_of_year', yearInferred: false, inferred: true, anchored: true };
    },
  },
  {
    // "to sign the deal this year", "earlier this year": the year of the period the chapter covers, when
    // that period lies within one year; a period across two years leaves it to a curator.
    id: 'this_year',
    example: 'this year',
    // "December this year": that month of it.
    pattern: `(?:${M} )?[Tt]his year`,
    find: 'any',
    after: `(?![\\p{L}-])`,
    relative: true,
    read: (m, ctx) => {
      const p = ctx.covered;
      if (!p || p.start.slice(0, 4) !== p.end.slice(0, 4)) return unanchored(ctx, m[0], 'the source declares no period within one year that "this year" can name');
      const y = +p.start.slice(0, 4);
      if (m[1]) {
        const month = monthOf(m[1]);
        return { edtf: iso(y, month), start: firstDay(y, month), end: lastDay(y, month), precision: 'month', yearInferred: false, inferred: true, anchored: false };
      }
      return { ...yearOnly(y), inferred: true };
    },
  },
  {
    // "The quarter began with …", "Four times during the quarter", "the end of the quarter": in a
    // chapter of the journal "the quarter" is the period it reports on, as "this quarter" is; its end
    // or start is that period's last or first month, as "the end of March" is March. A source that
    // declares no period of four months or less leaves it to a curator: no other quarter is guessed.
    id: 'the_quarter',
    example: 'the end of the quarter',
    pattern: '(?:([Tt]he (?:end|close|start|beginning) of) )?[Tt]he quarter',
    find: 'any',
    // Not "the quarter of a century", "the quarter-final", "the quarter’s figures" read as a part of
    // something else ("the quarter of the city"): only the quarter standing alone.
    after: `(?![\\p{L}-])(?!\\s+(?:century|of)\\b)`,
    relative: true,
    read: (m, ctx) => {
      const p = ctx.covered;
      if (!p || monthsOf(p) > 4) return unanchored(ctx, m[0], 'the source declares no period of four months or less that "the quarter" can name');
      const edge = m[1]?.toLowerCase();
      if (!edge) return periodReading(p);
      const end = /end|close/u.test(edge);
      const [y, month] = end ? [+p.end.slice(0, 4), +p.end.slice(5, 7)] : [+p.start.slice(0, 4), +p.start.slice(5, 7)];
      return { edtf: iso(y, month), start: firstDay(y, month), end: lastDay(y, month), precision: 'month', yearInferred: false, inferred: true, anchored: false };
    },
  },
  {
    // "the end of last quarter", "the previous quarter": in a chapter that covers a calendar quarter,
    // the quarter before it; its end or start is that quarter's last or first month, as "the end of
    // March" is March. A chapter of another length leaves it to a curator.
    id: 'last_quarter',
    example: 'the end of last quarter',
    // "in the last quarter" may be the quarter the chapter covers (its most recent) or the one before: not read.
    pattern: '(?:([Tt]he (?:end|close|start|beginning) of) )?(?:(?<![Tt]he )[Ll]ast|[Tt]he previous|[Tt]he preceding) quarter',
    find: 'any',
    after: `(?! of)(?![\\p{L}-])(?!\\s+century)`,
    relative: true,
    read: (m, ctx) => {
      const p = ctx.covered;
      const a = p ? +p.start.slice(5, 7) : 0;
      if (!p || monthsOf(p) !== 3 || (a - 1) % 3 !== 0) return unanchored(ctx, m[0], 'the chapter does not cover a calendar quarter');
      let y = +p.start.slice(0, 4);
      let q = (a - 1) / 3 - 1;
      if (q < 0) [q, y] = [3, y - 1];
      const edge = m[1]?.toLowerCase();
      if (edge) {
        const month = /end|close/u.test(edge) ? q * 3 + 3 : q * 3 + 1;
        return { edtf: iso(y, month), start: firstDay(y, month), end: lastDay(y, month), precision: 'month', yearInferred: false, inferred: true, anchored: false };
      }
      return { edtf: `${y}-${33 + q}`, start: firstDay(y, q * 3 + 1), end: lastDay(y, q * 3 + 3), precision: 'part_of_year', yearInferred: false, inferred: true, anchored: false };
    },
  },
  {
    // "the agreement concluded last June", "stops he had cancelled last fall": in a chapter of the
    // journal, the last such month or season before the period it covers. One that the period holds
    // or meets ("last March" in a chapter on January to April) may be either, and goes to a curator.
    id: 'last_month_or_season',
    example: 'last June',
    // Not an ordinal after a determiner ("the last summer of his term", "its last fall in prices"), nor
    // "at last" before a name ("at last May agreed"): the guard stands inside the pattern, after any
    // preposition the finder reads before it.
    pattern: `(?<!(?<![\\p{L}])(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Aa]t) )[Ll]ast (${MONTH_WORD}|spring|summer|autumn|fall)`,
    find: 'any',
    // Not "last June 5": a day, read by its own shape.
    after: `(?![\\p{L}-])(?! \\d)`,
    relative: true,
    read: (m, ctx) => {
      const p = ctx.covered;
      if (!p) return unanchored(ctx, m[0], 'the source declares no period that "last" can count back from');
      const word = m[1]!.toLowerCase();
      const g = GROUPS[word];
      const [a, b] = g ? g.months : [monthOf(m[1]!), monthOf(m[1]!)];
      const [py, pm] = [+p.start.slice(0, 4), +p.start.slice(5, 7)];
      // The last year whose such months end before the period starts.
      const y = b < pm ? py : py - 1;
      const from = iso(y, a);
      // Whether the same months of a later year meet the period: then "last" may name those.
      if (iso(y + 1, a) <= p.end.slice(0, 7)) return unanchored(ctx, m[0], `the period ${p.start.slice(0, 7)}/${p.end.slice(0, 7)} holds a "${m[1]!}" too`);
      if (g) return { ...group(word, y), yearInferred: true, inferred: true };
      return { edtf: from, start: firstDay(y, a), end: lastDay(y, b), precision: 'month', yearInferred: true, inferred: true, anchored: false };
    },
  },
  {
    // "At the end of the month, …" after "In early April": the month of the date before it, as "the end
    // of March" is March; a date before it that is not within one month leaves it to a curator.
    id: 'edge_of_the_month',
    example: 'the end of the month',
    pattern: '(?:[Tt]he )?(?:end|close|start|beginning|middle) of (?:the|that|the same) month',
    find: 'any',
    after: `(?![\\p{L}-])`,
    relative: true,
    read: (m, ctx) => {
      const a = anchorFor(ctx, m[0], 'month');
      const [y, mo] = [+a.start.slice(0, 4), +a.start.slice(5, 7)];
      return { edtf: iso(y, mo), start: firstDay(y, mo), end: lastDay(y, mo), precision: 'month', yearInferred: true, inferred: true, anchored: true };
    },
  },
  {
    // "these past three months", "the last four months": in a chapter of the journal, the months it
    // covers, when the count is the length of its period; any other count is left to a curator.
    id: 'past_months',
    example: 'these past four months',
    pattern: `(?:[Tt]hese|[Tt]he) (?:past|last) (${COUNT}) months(?! of (?:19|20)\\d\\d)`,
    find: 'any',
    relative: true,
    read: (m, ctx) => {
      const p = ctx.covered;
      const n = countOf(m[1]!);
      const span = p ? monthsOf(p) : 0;
      if (!p || span !== n) return unanchored(ctx, m[0], `the chapter's period is ${span || 'not'} months long, not ${n}`);
      return periodReading(p);
    },
  },
  {
    // "the last four days of 2019", "the first two quarters of 2020", "the final three months of 2019": a count of days, months or quarters from an end of the year, as a figure's time phrase gives it.
    id: 'count_of_year',
    example: 'the last four days of 2019',
    pattern: `(?:[Tt]he )?(first|last|final|past) (?:(${COUNT}) )?(days?|months?|quarters?) of ${Y}`,
    find: 'read',
    read: (m, ctx) => {
      const n = m[2] === undefined ? 1 : countOf(m[2]);
      const y = +m[4]!;
      const fromStart = m[1] === 'first';
      if (m[3]!.startsWith('day')) {
        if (n > 31) invalid(ctx, m[0], 'the days run past the first or last month of the year');
        const [a, b] = fromStart ? [iso(y, 1, 1), iso(y, 1, n)] : [iso(y, 12, 32 - n), iso(y, 12, 31)];
        return { ...dayReading(a, b), inferred: false, anchored: false };
      }
      const months = n * (m[3]!.startsWith('quarter') ? 3 : 1);
      if (months > 12) invalid(ctx, m[0], 'a year has twelve months');
      if (months === 12) return yearOnly(y);
      const [a, b] = fromStart ? [1, months] : [13 - months, 12];
      return { edtf: `${iso(y, a)}/${iso(y, b)}`, start: firstDay(y, a), end: lastDay(y, b), precision: 'month', yearInferred: false, inferred: false, anchored: false };
    },
  },
];

const ANCHORED = DATE_SHAPES.map((s) => ({ shape: s, re: new RegExp(`^(?:${s.pattern})$`, 'u') }));

/** The date shape a phrase (without its preposition) has, and its groups; null when it has none. */
export function shapeOf(phrase: string, labelsOnly = false): { shape: DateShape; match: RegExpExecArray } | null {
  for (const { shape, re } of ANCHORED) {
    if (labelsOnly && !shape.label) continue;
    const match = re.exec(phrase);
    if (match) return { shape, match };
  }
  return null;
}

const PREFIX = new RegExp(`^(${PREPOSITIONS.join('|')}) `, 'i');

/** A phrase's preposition (lowercase) and the rest. */
export function splitPreposition(phrase: string): { preposition: string | null; rest: string } {
  const m = PREFIX.exec(phrase);
  return m ? { preposition: m[1]!.toLowerCase(), rest: phrase.slice(m[0].length).trim() } : { preposition: null, rest: phrase.trim() };
}

/**
 * The pattern that finds every shape in prose, built from the table. A
 * phrase keeps its preposition; a shape that may stand only after one (a
 * bare year or month) is found only there. Each shape's alternative is a
 * named group, so a match says which shape found it (shapeFound).
 */
export function findingPattern(): RegExp {
  const forms = DATE_SHAPES.flatMap((s, i) => {
    if (s.find === 'read') return [];
    return [`(?<s${i}>${s.before ?? ''}${s.find === 'preposition' ? `${PREP} ` : `(?:${PREP} )?`}${s.pattern}${s.after ?? ''})`];
  });
  return new RegExp(`(?<![\\p{L}\\d])(?:${forms.join('|')})`, 'gu');
}

/** The shape whose alternative of findingPattern() made a match. */
export function shapeFound(m: RegExpMatchArray): DateShape {
  const i = Object.entries(m.groups ?? {}).find(([, v]) => v !== undefined)![0];
  return DATE_SHAPES[Number(i.slice(1))]!;
}
