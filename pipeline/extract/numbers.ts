/**
 * Extract every number a source writes, sentence by sentence, and say what
 * each one is. A quantity ("130,000 soldiers", "3,000-km", "$400 billion",
 * "Twenty-four documents", "half of") gets its words, its value, its unit as
 * stated (the unit forms of schema/vocabularies/units.yaml tell where the
 * unit's words end) and the words around it that later rules need: a
 * qualifier ("almost", "more than"), a rate ("per year", "annual"), the time
 * the text gives for it ("in 2018"), the noun phrase it modifies, an "of"
 * phrase, a "from" list. Everything else keeps a role saying why it is not a
 * quantity: a year (2019), a date (Sept. 16), an ordinal (24th), part of a
 * name or code (G20, Center-2019, Channel One), a reference (Vol. 21, Figure
 * 1), a number after a determiner ("the two sides"), the count of a part
 * of a year ("the last four months of 2019": a date, as "16" of "Sept. 16"),
 * a pronoun ("one of"), an adjective ("two-way").
 *
 * A number inside a name is never a quantity: after a letter or a hyphen
 * ("G20", "Su-35", "Vostok-2018"), after a capitalized word of the name
 * ("Peace Mission 2005", "Channel 4", "Peace-mission 2018"), or a year-shaped number after a
 * determiner or preposition ("the 2019 APEC summit", "in 2019 exercises")
 * is an identifier or a year. Figures in words count too: "four months",
 * "a dozen", "the last four days" (a span of time after "last" or "next" is
 * a duration; "the two sides" is not a figure), "hundreds of troops" (no
 * value is printed: a lower bound at the magnitude, with "hundreds of" as
 * its qualifier), and an ordinal of a counting unit ("the 70th
 * anniversary", "the seventieth anniversary"), which keeps its role
 * `ordinal` and carries the year it is reached when its sentence gives one.
 *
 * A scale joined to its number ("the 2.5-million person army") scales the
 * unit after it, and modifiers joined by "and" or "or" ("16 economic and
 * trade agreements") stand between a number and its unit as one does.
 *
 * Numbers are read in the display text (markup removed), so "[750](#) men"
 * is "750 men" and "\$400" is "$400"; spans map back to the stored text, and
 * a dollar's escaping backslashes stay inside the span. Which entity a figure
 * describes, and what property it states, is decided in normalize.
 *
 * Why not a library for number words: the packages that read "twenty-four"
 * (words-to-numbers and the like) read every "one" as 1 and have no notion of
 * "one of", "the two sides" or "Channel One"; the English grammar needed here
 * is a short table, and the roles above are the hard part.
 */
import { MONTH_WORD } from '../lib/date-shapes.ts';
import type { LoadedSource } from '../lib/sources.ts';
import { paragraphsOf, sentencesOf, toDisplay, type Paragraph, type Section } from '../lib/sentences.ts';
import { lookUpUnit, type QualifierMeaning, type Units } from '../lib/units.ts';
import { projectDisplay, rawRange, type Projection } from '../lib/text.ts';
import { provenanceOf, stepLabel, type Provenance, type SourceInput, defineStep } from '../lib/step.ts';
import { CHRONOLOGY_HEADING } from './chronology.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { source: 'source', units: 'resource:units' },
  run: ({ source, units }: { source: LoadedSource; units: Units }) => extractNumbers({ id: source.meta.id, text: source.text }, units),
});

export type NumberRole = 'quantity' | 'year' | 'date' | 'ordinal' | 'identifier' | 'reference' | 'determined' | 'pronoun' | 'adjective' | 'range';
export type UnitKind = 'form' | 'fraction' | 'multiple' | 'unknown' | 'none';

export interface CpSpan {
  start: number;
  end: number;
}

/** How a figure reads: its number, scale, unit, rate, qualifier and time (shared by a finding and its draft). */
export interface FigureReading {
  role: NumberRole;
  /** The number as written: "3,000", "Twenty-four", "half". */
  number: string;
  /** Its value (a fraction for "half": 0.5). */
  value: number | null;
  scale: string | null;
  scale_factor: number;
  unit_kind: UnitKind | null;
  /** The unit form of units.yaml that matched (lowercase), for unit_kind "form". */
  unit_form: string | null;
  /** The unit's words as printed, scale and rate included: "billion cbm per year", "$ billion", "km". */
  unit_as_stated: string | null;
  /** A rate stated with the figure: "per year" after it, "annual" before it. */
  rate: string | null;
  qualifier: string | null;
  qualifier_meaning: QualifierMeaning | null;
  /** A time span the figure holds for ("for 30 years"), when the clause gives one. */
  holds_for: string | null;
  /** The figure modifies a noun ("a 38-bcm gas line", "the $400 billion pipeline"). */
  attributive: boolean;
  /** The noun phrase it modifies starts with a definite article or a demonstrative. */
  definite: boolean;
  /** The time the text gives for the figure ("in 2018", "In 2017 and 2018 … respectively"). */
  time_label: string | null;
  head: string | null;
  /** For an ordinal of a counting unit ("the 70th anniversary"): the year its sentence says it is reached, and how the sentence says it. */
  anchor_year: number | null;
  anchor_cue: AnchorCue | null;
}

/** How a sentence gives the year an anniversary is reached: a range after it ("(1989–2019)") or the last year before it. */
export type AnchorCue = 'range' | 'sentence_year';

export interface NumberFinding extends Provenance, FigureReading {
  kind: 'number';
  /** The figure's words as a reader sees them (markup removed): "3,000-km", "$400 billion", "three Russian vessels". */
  words: string;
  /** The noun phrase the figure modifies, its last words, and where those words occur earlier in the paragraph. */
  noun_phrase: CpSpan | null;
  head_hits: CpSpan[];
  /** "of …" right after the figure ("of China's oil imports"). */
  of_phrase: (CpSpan & { text: string }) | null;
  /** "from …" after the figure ("from Pakistan, India, …"). */
  from_phrase: CpSpan | null;
  /** Words between the number and its unit ("Russian" in "three Russian vessels"). */
  between: CpSpan | null;
  /** What a span of time is measured from or to ("three days after the naval drills": "the naval drills"), up to the clause's end. */
  relation_phrase: (CpSpan & { text: string }) | null;
  /** The sentence's display text before and after the figure's words. */
  before: string;
  after: string;
  sentence_start: number;
  sentence_end: number;
  /** Code point where the figure's paragraph starts (for anchors a sentence does not give). */
  paragraph_start: number;
  /** Start of the figure's clause: after the last semicolon, colon or dash before it in the sentence. */
  clause_start: number;
  paragraph: number;
  section: Section;
  line: number;
}

// --- English number words ---------------------------------------------------

/** The values of the small English number words ("two" 2, "twenty" 20). */
export const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const MULTIPLIERS: Record<string, number> = { hundred: 100, thousand: 1000 };
const NUMBER_WORD = [...Object.keys(SMALL), ...Object.keys(MULTIPLIERS)].sort((a, b) => b.length - a.length).join('|');
// "and" joins number words only after "hundred" or "thousand" ("one hundred and fifty"), never "two and three".
const SPELLED = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?:${NUMBER_WORD})(?:(?:-|\\s+)(?:${NUMBER_WORD})|(?<=hundred|thousand)\\s+and\\s+(?:${NUMBER_WORD}))*(?![\\p{L}\\p{N}])`,
  'giu',
);
const FRACTIONS: Record<string, number> = { half: 0.5, third: 1 / 3, quarter: 0.25, fifth: 0.2, sixth: 1 / 6, tenth: 0.1, thirds: 1 / 3, quarters: 0.25 };
const FRACTION = /(?<![\p{L}])(?:half|(?:a|one)\s+(?:third|quarter|fifth|sixth|tenth)|(?:two|three|four)[-\s](?:thirds|quarters|fifths))(?=\s+of\b)/giu;
const TWICE = /(?<![\p{L}])(?:twice|thrice)(?![\p{L}])/giu;
/** "a dozen", "two dozen", "half a dozen": twelve, counted. */
const DOZEN = new RegExp(`(?<![\\p{L}])(?:half\\s+a|a|(?:${NUMBER_WORD}))\\s+dozen(?![\\p{L}])`, 'giu');
const ORDINAL_WORDS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
  thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
  thirtieth: 30, fortieth: 40, fiftieth: 50, sixtieth: 60, seventieth: 70, eightieth: 80, ninetieth: 90, hundredth: 100,
};
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const ORDINAL_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?:(?:${TENS})[-\\s](?:${Object.keys(ORDINAL_WORDS).filter((w) => ORDINAL_WORDS[w]! < 10).join('|')})|(?:one\\s+|a\\s+)?hundredth|${Object.keys(ORDINAL_WORDS).sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);
const DIGITS = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;

function spelledValue(words: string): number {
  let total = 0;
  let current = 0;
  for (const w of words.toLowerCase().split(/[-\s]+/)) {
    if (w === 'and') continue;
    if (w === 'a' || w === 'an') current += 1;
    else if (w in SMALL) current += SMALL[w]!;
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (w === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    }
  }
  return total + current;
}

function dozenValue(words: string): number {
  const first = words.toLowerCase().split(/\s+/)[0]!;
  if (first === 'half') return 6;
  return first === 'a' ? 12 : 12 * (SMALL[first] ?? 1);
}

function ordinalWordValue(words: string): number {
  const parts = words.toLowerCase().split(/[-\s]+/).filter((w) => w !== 'one' && w !== 'a');
  return parts.reduce((sum, w) => sum + (ORDINAL_WORDS[w] ?? SMALL[w] ?? 0), 0);
}

function fractionValue(words: string): number {
  const parts = words.toLowerCase().split(/[-\s]+/);
  const denominator = FRACTIONS[parts[parts.length - 1]!]!;
  const numerator = parts.length === 1 || parts[0] === 'a' || parts[0] === 'one' ? 1 : SMALL[parts[0]!]!;
  return Number((numerator * denominator).toPrecision(12));
}

// --- context ---------------------------------------------------------------

const MONTH = MONTH_WORD;
const AFTER_MONTH = new RegExp(`\\b${MONTH}\\.?\\s+$`, 'u');
const DATE_RANGE_END = new RegExp(`\\b${MONTH}\\.?\\s+\\d{1,2}\\s*(?:and|to|through|[-–])\\s*$`, 'u');
const REFERENCE = /\b(?:Figure|Fig\.|Vol\.|No\.|pp?\.?|Article|Chapter|Section|Table|Resolution)\s*$/u;
/** The same in lower case, and the other parts of a document a number names ("article 5", "resolution 2231", "paragraph 3"). */
const REFERENCE_WORD = /(?:^|[^\p{L}])(?:articles?|chapters?|sections?|resolutions?|paragraphs?|clauses?|annex(?:es)?|protocols?|points?|items?|parts?)\s+(?:No\.?\s*)?$/iu;
/** Words before a number that, capitalized, cannot be a name's last word ("In 2019", "Some 150", "Only 3"). */
const NOT_NAME = new Set(['in', 'on', 'at', 'by', 'for', 'from', 'to', 'of', 'with', 'since', 'until', 'during', 'after', 'before', 'between', 'and', 'or', 'but', 'the', 'a', 'an', 'some', 'only', 'just', 'about', 'around', 'almost', 'nearly', 'over', 'under', 'up', 'more', 'less', 'fewer', 'than', 'least', 'most', 'roughly', 'approximately', 'another', 'all', 'its', 'their', 'his', 'her', 'our', 'these', 'those', 'this', 'that', 'when', 'while', 'then', 'as', 'if', 'of']);
/** A name's last word right before a number ("Peace Mission 2005", "Channel 4", "Восток 2018"): capitalized, not a month, not a function word. */
const NAME_BEFORE = /(?:^|[^\p{L}\p{N}’'-])(\p{Lu}[\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*)\s$/u;
/** A year-shaped number after a determiner or preposition ("the 2019 APEC summit", "in 2019 exercises") dates what follows; it is no count. */
const YEAR_CONTEXT = /(?:^|[^\p{L}])(?:the|this|that|its|their|his|her|our|in|since|during|until|till|from|through|before|after|by)\s+$|\p{L}[’']s\s+$/iu;
/** "last", "next", "past" before a span of time make it a duration ("in the last four months"), not a reference to things known. */
/** Does the text after a number join it to a unit by a hyphen ("-megawatt reactor", "-day visit")? */
function hyphenUnit(after: string, units: Units): boolean {
  const m = /^-(\p{L}+)(?![\p{L}-])/u.exec(after);
  if (m === null) return false;
  // Only a unit that measures (time, length, power, …): "the two-state solution", "one-man rule", "the
  // four-nation Quad" name a kind of thing, and count nothing.
  const form = lookUpUnit(units, m[1]!);
  return form !== null && !['things', 'people', 'military_hardware'].includes(form.quantity_kind);
}
const SPAN_DETERMINER = /(?:^|[^\p{L}])(?:the\s+)?(last|next|past|coming|previous|following|first)\s+$/iu;
/** Before a number word, these make it a reference to things already known ("the two sides", "the “three nos”", "Russia’s four military districts"), not a new quantity. */
const DETERMINER = /(?:(?:^|[^\p{L}])(?:the|these|those|its|their|his|her|our|your|my|all|both|each|every|last|next|past|first|other|few|several|many)|\p{L}[’']s)\s+[“"‘]?$/iu;
const DEFINITE = /(?:^|[^\p{L}])(?:the|this|that|its)\s+$/iu;
const STOP = new Set([
  'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'with', 'by', 'as', 'than', 'that', 'which', 'who', 'whom', 'whose',
  'was', 'were', 'is', 'are', 'be', 'been', 'being', 'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must', 'had', 'has',
  'have', 'do', 'does', 'did', 'the', 'a', 'an', 'this', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'into', 'over', 'under',
  'about', 'between', 'among', 'during', 'after', 'before', 'since', 'until', 'per', 'each', 'every', 'more', 'less', 'so', 'such', 'not',
  'no', 'also', 'then', 'there', 'here', 'it', 'they', 'he', 'she', 'we', 'you', 'i', 'respectively', 'including', 'while', 'when', 'where',
]);
/** Where an "of" phrase ends: a preposition, a conjunction, or a common verb ("43% of China's oil imports goes through …"). */
const OF_STOP = new Set([
  'for', 'in', 'to', 'from', 'with', 'by', 'at', 'on', 'that', 'which', 'and', 'or', 'than', 'as', 'through', 'via', 'is', 'are', 'was',
  'were', 'goes', 'go', 'went', 'comes', 'came', 'passes', 'passed', 'flows', 'flowed', 'runs', 'ran', 'has', 'have', 'had', 'will', 'would',
  'can', 'could', 'remains', 'remained', 'became', 'becomes',
]);
const WORD = /^\s+([\p{L}][\p{L}\p{N}’'-]*)/u;
/** A part of a year: "the last four months of 2019", "the first half of 2018", "the third quarter of 2019". */
export const PERIOD = String.raw`the\s+(?:first|last|final|past|second|third|fourth|middle)\s+(?:(?:\d{1,2}|[a-z]+)\s+)?(?:months|weeks|days|quarters|half|quarter|month)\s+of\s+\d{4}`;
const TIME_AFTER = new RegExp(`^\\)?\\s*(?:in|during)\\s+(${PERIOD}|(?:(?:early|late|mid)[-\\s])?(?:${MONTH}\\.?\\s+)?\\d{4})\\b`, 'u');
const DATE = `(?:${MONTH}\\.?\\s+\\d{1,2}(?:\\s*[-–]\\s*(?:${MONTH}\\.?\\s+)?\\d{1,2})?,?\\s+\\d{4}|${MONTH}\\s+\\d{4}|\\d{4})`;
const TIME_OPENING = new RegExp(`^(?:In|From|During|Between|By)\\s+(${DATE}(?:\\s*(?:,|and|to|–|-)\\s*${DATE})*)\\s*,`, 'u');
// "In the last four months of 2019, …" or a period as the sentence's subject ("The last four months of 2019 witnessed …").
const PERIOD_OPENING = new RegExp(`^(?:(?:In|During)\\s+(${PERIOD})\\s*,|(${PERIOD.replace('the', '[Tt]he')})(?![\\p{L}\\p{N}]))`, 'u');
/** A part of a year anywhere in a sentence: its number is part of a date expression, not a duration of anything (claim property `period`). */
const PERIOD_ANYWHERE = new RegExp(`(?<![\\p{L}])${PERIOD.replace('the', '[Tt]he')}(?![\\p{N}])`, 'gu');
/**
 * "these past three months": the months the chapter itself covers, a date (date shape past_months of
 * pipeline/lib/date-shapes.ts), whose count is no duration of anything. "In the last four months"
 * may be a window of time a figure is measured over (claim property `period`), and stays a figure.
 */
const PAST_MONTHS = /(?<![\p{L}])[Tt]hese\s+(?:past|last)\s+(?:\d{1,2}|[a-z]+)\s+months(?!\s+of\s+\d{4})(?![\p{L}])/gu;
/** "after the naval drills", "before his visit": what a span of time is measured from, up to a clause break. */
const RELATION = /^\s*(?:after|before|since|following|prior\s+to|ahead\s+of)\s+((?:(?!\s(?:that|which|who|whom|whose|when|where|while)\b)[^,;:.—()])+)/iu;
const TIME_UNITS = 'years?|months?|days?|weeks?|decades?';
const IS_TIME = new RegExp(`^(?:${TIME_UNITS}|year-old)$`, 'i');
/** "… for five years", "over the next 10 days" after a figure: how long what it counts holds. */
const HOLDS = new RegExp(`^[^,;.]*?\\b((?:for|over)\\s+(?:the\\s+next\\s+)?(?:\\d[\\d,]*|(?:${NUMBER_WORD})(?:-(?:${NUMBER_WORD}))?)\\s+(?:${TIME_UNITS}))\\b`, 'iu');
const NUMBER_WORD_ONLY = new RegExp(`^(?:${NUMBER_WORD})$`, 'iu');
const MONTH_ONLY = new RegExp(`^${MONTH}$`, 'u');

/** The patterns of a units vocabulary, compiled once per vocabulary (they are tried at every figure). */
interface UnitPatterns {
  /** A unit of several words at the start of the rest of the sentence, plural or not; longest first, as `units.multiword`. */
  multiword: RegExp[];
  /** Each of `units.ratesAfter` right after the figure. */
  ratesAfter: RegExp[];
  /** Each of `units.ratesBefore` before the figure, with "of" between. */
  ratesBefore: RegExp[];
  /** Each of `units.qualifiers` right before the figure: a test, and the pattern that takes its words. */
  qualifiers: (readonly [RegExp, RegExp])[];
  /**
   * Global, read only with matchAll (which matches on a copy): a magnitude before "of" ("hundreds of"),
   * and "a" or "an" as one unit of time after a qualifier ("less than a week"); null when the vocabulary has none.
   */
  magnitudes: RegExp | null;
  qualifiedA: RegExp | null;
}
const UNIT_PATTERNS = new WeakMap<Units, UnitPatterns>();
function patternsOf(units: Units): UnitPatterns {
  let p = UNIT_PATTERNS.get(units);
  if (!p) {
    p = {
      multiword: units.multiword.map((form) => new RegExp(`^${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?:s|es)?(?![\\p{L}])`, 'iu')),
      ratesAfter: units.ratesAfter.map((r) => new RegExp(`^\\s+${r.replace(/\s+/g, '\\s+')}\\b`, 'iu')),
      ratesBefore: units.ratesBefore.map((r) => new RegExp(`\\b${r}\\s+(?:[\\p{L}-]+\\s+){0,2}of\\s+$`, 'iu')),
      qualifiers: units.qualifiers.map((x) => [new RegExp(`(?:^|[^\\p{L}])${x.form.replace(/\s+/g, '\\s+')}\\s+$`, 'iu'), new RegExp(`${x.form.replace(/\s+/g, '\\s+')}\\s+$`, 'iu')] as const),
      magnitudes: units.magnitudes.length > 0 ? new RegExp(`(?<![\\p{L}])(?:${units.magnitudes.map((x) => x.form.replace(/\s+/g, '\\s+')).join('|')})\\s+of(?=\\s)`, 'giu') : null,
      qualifiedA: units.qualifiers.length > 0 ? new RegExp(`(?<![\\p{L}])(?:${units.qualifiers.map((x) => x.form.replace(/\s+/g, '\\s+')).join('|')})\\s+(an?)(?=\\s+(?:hour|day|week|month|year|decade)(?:[’']s)?(?![\\p{L}]))`, 'giu') : null,
    };
    UNIT_PATTERNS.set(units, p);
  }
  return p;
}
/** A scale word joined to its number by a hyphen ("2.5-million"). */
const SCALE_COMPOUND = /^-([\p{L}]+)(?![\p{L}-])/u;

interface Window {
  end: number;
  form: string | null;
  unitStart: number;
  words: string[];
  between: [number, number] | null;
}

/** The unit after a number: up to four words, skipping modifiers, stopping at punctuation or a function word. */
function unitWindow(t: string, from: number, units: Units): Window {
  let pos = from;
  const words: string[] = [];
  let firstStart = -1;
  for (let i = 0; i < 4; i++) {
    const rest = t.slice(pos);
    const lead = /^\s+/.exec(rest)?.[0].length ?? 0;
    const at = pos + lead;
    if (lead === 0) break;
    // A unit of several words ("pieces of equipment") before its parts.
    const fromHere = t.slice(at);
    for (const re of patternsOf(units).multiword) {
      const m = re.exec(fromHere);
      if (m && lookUpUnit(units, m[0].replace(/\s+/g, ' '))) {
        return { end: at + m[0].length, form: lookUpUnit(units, m[0].replace(/\s+/g, ' '))!.form.toLowerCase(), unitStart: at, words, between: firstStart >= 0 ? [firstStart, pos] : null };
      }
    }
    const m = WORD.exec(rest);
    if (!m) break;
    const word = m[1]!.replace(/[’']s$/, '');
    // Two modifiers joined by "and" or "or" before the unit ("16 economic and trade agreements"): the unit is still to come.
    if (/^(?:and|or)$/u.test(word) && words.length > 0 && i < 3 && /^\s+\p{Ll}[\p{Ll}-]*/u.test(t.slice(at + word.length))) {
      const next = /^\s+(\p{Ll}[\p{Ll}-]*)/u.exec(t.slice(at + word.length))![1]!;
      if (!STOP.has(next) && !NUMBER_WORD_ONLY.test(next) && !lookUpUnit(units, next)) {
        words.push(word);
        pos = at + word.length;
        continue;
      }
    }
    if (STOP.has(word.toLowerCase()) || NUMBER_WORD_ONLY.test(word)) break;
    const hit = lookUpUnit(units, word);
    if (hit) {
      const found: Window = { end: at + m[1]!.length, form: hit.form.toLowerCase(), unitStart: at, words: [...words], between: firstStart >= 0 ? [firstStart, pos] : null };
      // A unit word that modifies a later one is not the unit: "one guided missile destroyer", "two missile defense computer
      // simulations". A modifying noun is singular, and a verb between ("soldiers began five-day drills") ends the phrase.
      const singular = m[1]!.toLowerCase() === hit.form.toLowerCase();
      const later = singular ? unitWindow(t, found.end, units) : null;
      const gap = later?.form ? t.slice(found.end, later.unitStart) : '';
      if (later?.form && !/[,;:.()\d]|-|\p{L}ed\b/u.test(gap)) {
        const betweenEnd = later.unitStart - (/\s+$/.exec(t.slice(0, later.unitStart))?.[0].length ?? 0);
        return { ...later, words: [...words, m[1]!, ...later.words], between: [firstStart >= 0 ? firstStart : at, betweenEnd] };
      }
      return found;
    }
    if (firstStart < 0) firstStart = at;
    words.push(m[1]!);
    pos = at + m[1]!.length;
  }
  return { end: pos, form: null, unitStart: -1, words, between: null };
}

interface Candidate {
  start: number;
  end: number;
  number: string;
  kind: 'digits' | 'spelled' | 'fraction' | 'multiple' | 'dozen' | 'magnitude' | 'ordinal_word';
}

function candidates(t: string, units: Units): Candidate[] {
  const out: Candidate[] = [];
  for (const m of t.matchAll(DOZEN)) out.push({ start: m.index!, end: m.index! + m[0].length, number: m[0], kind: 'dozen' });
  for (const m of t.matchAll(ORDINAL_WORD)) out.push({ start: m.index!, end: m.index! + m[0].length, number: m[0], kind: 'ordinal_word' });
  const patterns = patternsOf(units);
  if (patterns.magnitudes) {
    for (const m of t.matchAll(patterns.magnitudes)) out.push({ start: m.index!, end: m.index! + m[0].length, number: m[0], kind: 'magnitude' });
  }
  for (const m of t.matchAll(DIGITS)) out.push({ start: m.index!, end: m.index! + m[0].length, number: m[0], kind: 'digits' });
  for (const m of t.matchAll(SPELLED)) out.push({ start: m.index!, end: m.index! + m[0].length, number: m[0], kind: 'spelled' });
  for (const m of t.matchAll(FRACTION)) out.push({ start: m.index!, end: m.index! + m[0].length, number: m[0], kind: 'fraction' });
  for (const m of t.matchAll(TWICE)) out.push({ start: m.index!, end: m.index! + m[0].length, number: m[0], kind: 'multiple' });
  // "less than a week later", "almost a year’s stalemate": "a" is one unit of time after a qualifier, which
  // makes it a measure; alone ("for a week") it is too often no figure the text states, and is not read.
  if (patterns.qualifiedA) {
    for (const m of t.matchAll(patterns.qualifiedA)) {
      const at = m.index! + m[0].length - m[1]!.length;
      out.push({ start: at, end: at + m[1]!.length, number: m[1]!, kind: 'spelled' });
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  // A fraction such as "one third" holds a spelled number: keep the longer.
  return out.filter((c, i) => !out.some((o, j) => j !== i && o.start <= c.start && c.end <= o.end && o.end - o.start > c.end - c.start));
}

/** Figures of one sentence, with offsets into the sentence text. */
export interface RawFigure extends FigureReading {
  start: number;
  end: number;
  noun_phrase: [number, number] | null;
  of_phrase: [number, number] | null;
  from_phrase: [number, number] | null;
  between: [number, number] | null;
  relation_phrase: [number, number] | null;
}

function blank(c: Candidate, role: NumberRole): RawFigure {
  return {
    role, start: c.start, end: c.end, number: c.number, value: null, scale: null, scale_factor: 1, unit_kind: null, unit_form: null,
    unit_as_stated: null, rate: null, qualifier: null, qualifier_meaning: null, holds_for: null, attributive: false, definite: false,
    time_label: null, noun_phrase: null, head: null, of_phrase: null, from_phrase: null, between: null, relation_phrase: null, anchor_year: null, anchor_cue: null,
  };
}

/** Read the figures of a sentence (display text). Pure: the unit vocabulary is passed in. */
export function readFigures(t: string, units: Units): RawFigure[] {
  const out: RawFigure[] = [];
  let previous: RawFigure | null = null;
  const periods = [...t.matchAll(PERIOD_ANYWHERE), ...t.matchAll(PAST_MONTHS)].map((m) => [m.index!, m.index! + m[0].length] as const);
  for (const c of candidates(t, units)) {
    // "The last four months of 2019" says when, not how long: its count is part of a date expression, as "16" is of "Sept. 16".
    const period = periods.find(([a, b]) => a <= c.start && c.end <= b);
    if (period && !(c.kind === 'digits' && /^\d{4}$/.test(c.number))) {
      const f = blank(c, 'date');
      out.push(f);
      previous = f;
      continue;
    }
    const before = t.slice(0, c.start);
    const after = t.slice(c.end);
    const prev = t[c.start - 1] ?? '';
    const prev2 = t[c.start - 2] ?? '';
    let role: NumberRole | null = null;
    const counted = ordinalCount(t, c, units);
    if (counted) {
      out.push(counted);
      previous = counted;
      continue;
    }
    const nameWord = NAME_BEFORE.exec(before)?.[1];
    const sentenceInitial = nameWord !== undefined && before.slice(0, before.length - nameWord.length - 1).replace(/[\s“"‘'(\[]+$/u, '') === '';
    if (c.kind === 'ordinal_word') role = 'ordinal';
    else if (c.kind === 'digits') {
      if (/[\p{L}\p{N}_]/u.test(prev)) role = 'identifier';
      else if ((prev === '-' || prev === '–') && /\p{L}/u.test(prev2)) role = /(?:^|[^\p{L}])(?:mid|early|late)[-–]$/iu.test(before) && /^\d{4}$/.test(c.number) ? 'year' : 'identifier';
      else if ((prev === '-' || prev === '–') && /\d/.test(prev2) && previous && previous.end === c.start - 1 && previous.role !== 'quantity') role = previous.role;
      else if (/^(?:st|nd|rd|th)\b/.test(after)) role = 'ordinal';
      else if (AFTER_MONTH.test(before) || (DATE_RANGE_END.test(before) && previous?.role === 'date')) role = 'date';
      else if (REFERENCE.test(before) || REFERENCE_WORD.test(before)) role = 'reference';
      // "over 6-7 years", "10–12 ships": a range of two figures is neither of them alone, and no row states
      // it; its second number takes the first's role (above). Years ("1989–2019") are read as years.
      else if (/^[-–]\d/u.test(after) && !/^(?:1[5-9]|20)\d\d$/u.test(c.number)) role = 'range';
      else if (nameWord && !sentenceInitial && !NOT_NAME.has(nameWord.toLowerCase()) && !MONTH_ONLY.test(nameWord) && !isUnitWord(units, nameWord)) role = 'identifier';
      else if (/^(?:1[5-9]|20)\d\d$/.test(c.number) && YEAR_CONTEXT.test(before) && !/^[-–]/.test(after)) role = 'year';
      else if (/^\d+(?:\.\d+)?$/.test(c.number) && DETERMINER.test(before) && /(?:last|next|past|first)\s+$/iu.test(before) && !spanOfTime(after, units)) role = 'determined';
    } else if (c.kind === 'spelled') {
      const sentenceStart = before.replace(/[\s“"‘'(\[]+$/u, '') === '';
      if (/^\p{Lu}/u.test(c.number) && !sentenceStart) role = 'identifier';
      // "its five-megawatt reactor", "the three-day visit": a number joined to its unit by a hyphen measures the noun after it, determiner or not.
      else if (DETERMINER.test(before) && !(SPAN_DETERMINER.test(before) && spanOfTime(after, units)) && !hyphenUnit(after, units)) role = 'determined';
      else if (/^[’']s\b/.test(after) || (/^one$/i.test(c.number) && /(?:^|[^\p{L}])no\s+$/iu.test(before))) role = 'pronoun';
    }
    if (role) {
      const f = blank(c, role);
      out.push(f);
      previous = f;
      continue;
    }
    const f = readQuantity(t, c, units);
    out.push(f);
    previous = f;
  }
  attachTimes(t, out);
  return out;
}

/** A span of time right after a number ("four months", "two years of"): a unit form of a kind `time`. */
function spanOfTime(after: string, units: Units): boolean {
  const m = /^[-\s]+([\p{L}]+)/u.exec(after);
  const hit = m ? lookUpUnit(units, m[1]!) : null;
  return hit !== null && hit.quantity_kind === 'time' && !units.ordinalUnits.has(hit.form.toLowerCase());
}

/** A capitalized word that is a unit ("Some 150 Events"), not a name. */
function isUnitWord(units: Units, word: string): boolean {
  return lookUpUnit(units, word) !== null || units.scales.has(word.toLowerCase());
}

/**
 * An ordinal of a counting unit ("the 70th anniversary", "the seventieth
 * anniversary"): role ordinal, with its value and unit, and the year its
 * sentence says it is reached: a range right after it in its clause
 * ("30th anniversary … (1989–2019)": 2019), else the last year before it in
 * the sentence ("The year 2019 … the 70th anniversary").
 */
function ordinalCount(t: string, c: Candidate, units: Units): RawFigure | null {
  let value: number;
  let rest: string;
  if (c.kind === 'digits' && /^\d+$/.test(c.number)) {
    const suffix = /^(?:st|nd|rd|th)\b/.exec(t.slice(c.end));
    if (!suffix) return null;
    value = Number(c.number);
    rest = t.slice(c.end + suffix[0].length);
  } else if (c.kind === 'ordinal_word') {
    value = ordinalWordValue(c.number);
    rest = t.slice(c.end);
  } else return null;
  const word = /^\s+([\p{L}]+)/u.exec(rest);
  const hit = word ? lookUpUnit(units, word[1]!) : null;
  if (!hit || !units.ordinalUnits.has(hit.form.toLowerCase()) || !(value > 0)) return null;
  const f = blank(c, 'ordinal');
  f.value = value;
  f.unit_kind = 'form';
  f.unit_form = hit.form.toLowerCase();
  f.unit_as_stated = word![1]!;
  f.end = t.length - rest.length + word![0].length;
  const clause = t.slice(f.end).split(/[;.]/u)[0]!;
  const range = /\(\s*((?:1[5-9]|20)\d\d)\s*[–-]\s*((?:1[5-9]|20)\d\d)\s*\)/u.exec(clause);
  if (range) {
    f.anchor_year = Number(range[2]);
    f.anchor_cue = 'range';
  } else {
    const years = [...t.slice(0, c.start).matchAll(/(?<![\p{L}\p{N}-])((?:1[5-9]|20)\d\d)(?![\p{N}]|-\p{L})/gu)];
    const last = years[years.length - 1];
    if (last) {
      f.anchor_year = Number(last[1]);
      f.anchor_cue = 'sentence_year';
    }
  }
  return f;
}

function readQuantity(t: string, c: Candidate, units: Units): RawFigure {
  const f = blank(c, 'quantity');
  let start = c.start;
  let end = c.end;
  const before = t.slice(0, c.start);
  if (c.kind === 'digits') f.value = Number(c.number.replace(/,/g, ''));
  else if (c.kind === 'spelled') f.value = spelledValue(c.number);
  else if (c.kind === 'fraction') f.value = fractionValue(c.number);
  else if (c.kind === 'dozen') f.value = dozenValue(c.number);
  else if (c.kind === 'magnitude') f.value = units.magnitudes.find((m) => m.form === c.number.toLowerCase().replace(/\s+of$/, '').replace(/\s+/g, ' '))!.value;
  else f.value = /^thrice$/i.test(c.number) ? 3 : 2;

  // A currency sign before the number: "$400 billion".
  let currency: string | null = null;
  for (const [form, u] of units.forms) {
    if (u.position !== 'before') continue;
    if (before.toLowerCase().endsWith(form)) {
      if (!currency || form.length > currency.length) currency = t.slice(c.start - form.length, c.start);
    }
  }
  if (currency) {
    start = c.start - currency.length;
    f.unit_kind = 'form';
    f.unit_form = currency.toLowerCase();
  }
  const unitWords: string[] = currency ? [currency] : [];
  let rest = t.slice(end);

  if (c.kind === 'fraction') {
    f.unit_kind = 'fraction';
  } else if (c.kind === 'multiple') {
    f.unit_kind = /^\s+as\b/i.test(rest) ? 'multiple' : 'form';
    if (f.unit_kind === 'form') {
      f.unit_form = 'times';
    }
  } else if (!currency && /^%/.test(rest)) {
    end += 1;
    f.unit_kind = 'form';
    f.unit_form = '%';
    unitWords.push('%');
  } else if (!currency && SCALE_COMPOUND.exec(rest) && units.scales.has(SCALE_COMPOUND.exec(rest)![1]!.toLowerCase()) && unitWindow(t, end + SCALE_COMPOUND.exec(rest)![0].length, units).form) {
    // A scale joined to its number before the unit: "the 2.5-million person army", "a 1.2-billion cbm line".
    const scale = SCALE_COMPOUND.exec(rest)![1]!;
    f.scale = scale;
    f.scale_factor = units.scales.get(scale.toLowerCase())!;
    end += 1 + scale.length;
    unitWords.push(scale);
    const w = unitWindow(t, end, units);
    f.unit_kind = 'form';
    f.unit_form = w.form;
    const unitText = t.slice(w.unitStart, w.end);
    unitWords.push(unitText);
    if (w.between) f.between = w.between;
    end = w.end;
    // In the singular, the figure modifies the noun after it ("person army"); in the plural it counts ("2-million tons").
    f.attributive = unitText.toLowerCase() === w.form!.toLowerCase() && /^\s+[\p{L}“"]/u.test(t.slice(end));
  } else if (!currency && /^-[\p{L}]/u.test(rest)) {
    // A compound adjective: "3,000-km", "five-year", "one-thousand-year-old", "two-way".
    const word = /^-([\p{L}][\p{L}-]*)/u.exec(rest)![1]!;
    const form = lookUpUnit(units, word) ?? lookUpUnit(units, word.split('-')[0]!);
    if (units.notQuantities.has(word.toLowerCase())) {
      const g = blank(c, 'adjective');
      g.end = end + 1 + word.length;
      return g;
    }
    const used = form && lookUpUnit(units, word) ? word : form ? word.split('-')[0]! : word;
    end += 1 + used.length;
    f.attributive = true;
    f.unit_kind = form ? 'form' : 'unknown';
    f.unit_form = form ? form.form.toLowerCase() : null;
    unitWords.push(used);
  } else {
    const scale = /^\s+([\p{L}]+)/u.exec(rest);
    if (scale && units.scales.has(scale[1]!.toLowerCase())) {
      f.scale = scale[1]!;
      f.scale_factor = units.scales.get(scale[1]!.toLowerCase())!;
      end += scale[0].length;
      unitWords.push(scale[1]!);
      rest = t.slice(end);
    }
    // "160 of the 250 members", "46 of the 106 sailors": a part of a counted whole is counted in the whole's unit.
    const partOf = !currency && !f.scale ? /^\s+of\s+(?:the\s+)?(?:\d{1,3}(?:,\d{3})+|\d+)(?=\s)/u.exec(rest) : null;
    const whole = partOf ? unitWindow(t, end + partOf[0].length, units) : null;
    if (whole?.form) {
      f.unit_kind = 'form';
      f.unit_form = whole.form;
      unitWords.push(t.slice(whole.unitStart, whole.end));
    } else if (!currency) {
      const w = unitWindow(t, end, units);
      if (w.form) {
        f.unit_kind = 'form';
        f.unit_form = w.form;
        unitWords.push(t.slice(w.unitStart, w.end));
        if (w.between) f.between = w.between;
        end = w.end;
      } else if (w.words.length > 0) {
        f.unit_kind = 'unknown';
        unitWords.push(w.words.join(' '));
        end = w.end;
      } else if (c.kind === 'spelled') {
        const g = blank(c, 'pronoun');
        return g;
      } else {
        f.unit_kind = 'none';
      }
    }
    // A plain four-digit number with no known unit is a year ("in 2014", "Восток 2018", "the 2014 Ukraine crisis").
    if (c.kind === 'digits' && /^\d{4}$/.test(c.number) && f.unit_kind !== 'form' && !f.scale && Number(c.number) >= 1000 && Number(c.number) < 2200) {
      return blank(c, 'year');
    }
    if (c.kind === 'spelled' && /^one$/i.test(c.number) && f.unit_kind !== 'form') return blank(c, 'pronoun');
  }
  // A rate after the unit: "38 billion cbm per year".
  const patterns = patternsOf(units);
  const rateAfterAt = patterns.ratesAfter.findIndex((re) => re.test(t.slice(end)));
  const rateAfter = rateAfterAt >= 0 ? units.ratesAfter[rateAfterAt] : undefined;
  if (rateAfter && f.unit_kind === 'form') {
    const m = patterns.ratesAfter[rateAfterAt]!.exec(t.slice(end))!;
    f.rate = m[0].trim();
    unitWords.push(f.rate);
    end += m[0].length;
  }
  const lead = t.slice(0, start);
  // A rate before the figure: "an annual capacity of 380 billion cubic meters".
  const rateBefore = units.ratesBefore.find((_, k) => patterns.ratesBefore[k]!.test(lead));
  if (rateBefore && !f.rate) f.rate = rateBefore;
  // A qualifier right before: "almost", "more than", "Some".
  const qAt = patterns.qualifiers.findIndex(([test]) => test.test(lead));
  const q = qAt >= 0 ? units.qualifiers[qAt] : undefined;
  const qualifiers: string[] = [];
  if (c.kind === 'magnitude') {
    // "hundreds of": the words are the qualifier, the magnitude a lower bound.
    f.qualifier_meaning = 'lower_bound';
    qualifiers.push(c.number.replace(/\s+/g, ' '));
  }
  const span = SPAN_DETERMINER.exec(lead);
  if (span && f.unit_form && lookUpUnit(units, f.unit_form)?.quantity_kind === 'time') qualifiers.push(span[1]!);
  if (q && !f.qualifier_meaning) {
    f.qualifier_meaning = q.meaning;
    qualifiers.push(patterns.qualifiers[qAt]![1].exec(lead)![0].trim());
  }
  if (rateBefore && !rateAfter) qualifiers.push(rateBefore);
  const tail = t.slice(end);
  const isTime = f.unit_form !== null && IS_TIME.test(f.unit_form);
  const holds = HOLDS.exec(tail);
  if (holds && !isTime) {
    f.holds_for = holds[1]!;
    qualifiers.push(holds[1]!);
  }
  f.qualifier = qualifiers.length ? qualifiers.join('; ') : null;
  f.definite = DEFINITE.test(lead.replace(/(?:^|\s)(?:almost|nearly|about|some|more than|over|just|only)\s+$/iu, ' '));
  // The noun phrase a figure modifies: after a compound ("3,000-km … gas line") or a sum ("$400 billion pipeline").
  if (f.attributive || (currency && WORD.test(tail))) {
    const np = nounPhrase(t, end);
    if (np) {
      f.noun_phrase = [np.start, np.end];
      f.head = np.head;
      if (currency) f.attributive = true;
    }
  }
  // "half of that for the East-2018 maneuvers (3,500)": a comparison with another thing's figure, kept whole with the figure it cites.
  const compared = /^\s+of\s+(?:that|those)\s+(?:for|of|in|at)\s+/u.exec(tail);
  const of = compared ? null : /^\s+of\s+/u.exec(tail);
  if (compared) {
    const np = nounPhrase(t, end + compared[0].length - 1, OF_STOP);
    if (np) {
      const cited = /^\s*\([^()]{1,30}\)/u.exec(t.slice(np.end));
      f.of_phrase = [end + /^\s+/.exec(tail)![0].length, np.end + (cited ? cited[0].length : 0)];
    }
  }
  if (of) {
    const np = nounPhrase(t, end + of[0].length - 1, OF_STOP);
    if (np) f.of_phrase = [end + /^\s+/.exec(tail)![0].length, np.end];
  }
  const from = /^\s+(?:[\p{L}]+\s+){0,2}?from\s+/u.exec(tail);
  if (from) {
    const stop = /[;.]|\s(?:to|in|at|for)\s/u.exec(t.slice(end + from[0].length));
    f.from_phrase = [end + from[0].length, stop ? end + from[0].length + stop.index : t.length];
  }
  const relation = isTime ? RELATION.exec(tail) : null;
  if (relation) {
    const words = relation[1]!.replace(/\s+$/u, '');
    const at = end + relation[0].length - relation[1]!.length;
    f.relation_phrase = [at, at + words.length];
  }
  f.start = start;
  f.end = end;
  f.unit_as_stated = unitWords.length ? unitWords.join(' ').replace(/\s+/g, ' ') : null;
  return f;
}

/** Words after a position up to a function word or punctuation; a quoted name counts as one word. Skips a stacked compound (", 38-bcm"). */
function nounPhrase(t: string, from: number, stop: Set<string> = STOP): { start: number; end: number; head: string } | null {
  let pos = from;
  const stacked = /^,\s*\d[\d,.]*-[\p{L}]+/u.exec(t.slice(pos));
  if (stacked) pos += stacked[0].length;
  const words: { start: number; end: number; text: string }[] = [];
  for (let i = 0; i < 8; i++) {
    const rest = t.slice(pos);
    const quoted = /^\s+([“"][^”"]{1,80}[”"])/u.exec(rest);
    const m = quoted ?? WORD.exec(rest);
    if (!m) break;
    const w = m[1]!;
    if (!quoted && stop.has(w.replace(/[’']s$/, '').toLowerCase())) break;
    const s = pos + m[0].length - w.length;
    words.push({ start: s, end: s + w.length, text: w });
    pos = s + w.length;
  }
  if (words.length === 0) return null;
  const plain = words.filter((w) => !/^[“"]/.test(w.text));
  const head = plain.slice(-2).map((w) => w.text).join(' ');
  return { start: words[0]!.start, end: words[words.length - 1]!.end, head: head || words[words.length - 1]!.text };
}

/**
 * The time a sentence gives its figures: "in 2018" or "in the last four
 * months of 2019" right after one, an opening "In the first half of 2019,",
 * or an opening "In 2017 and 2018, … respectively". A figure that modifies a
 * noun ("a three-year plan", "the 3,000-km pipeline") names a thing and takes
 * no time from an opening date (as openingTime of the claims step).
 */
function attachTimes(t: string, figures: RawFigure[]): void {
  const quantities = figures.filter((f) => f.role === 'quantity');
  for (const f of quantities) {
    const m = TIME_AFTER.exec(t.slice(f.end));
    if (m) f.time_label = m[1]!;
  }
  // An opening time governs its clause: not a figure after a semicolon, colon or dash, nor one that modifies a noun ("In 2017, Borvia began a five-year plan": the plan is a thing the date does not measure).
  const inClause = (f: RawFigure, from: number): boolean => !f.attributive && !/[;:—]/u.test(t.slice(from, f.start));
  const period = PERIOD_OPENING.exec(t);
  if (period) {
    for (const f of quantities) if (f.start > period[0].length && !f.time_label && inClause(f, period[0].length)) f.time_label = (period[1] ?? period[2])!;
    return;
  }
  const opening = TIME_OPENING.exec(t);
  if (!opening) return;
  const dates = [...opening[1]!.matchAll(new RegExp(DATE, 'gu'))].map((m) => m[0]);
  const later = quantities.filter((f) => f.start > opening[0].length && !f.time_label && inClause(f, opening[0].length));
  if (dates.length === 1) for (const f of later) f.time_label = dates[0]!;
  else if (/\brespectively\b/.test(t) && dates.length === later.length) later.forEach((f, i) => (f.time_label = dates[i]!));
}

// --- the step ---------------------------------------------------------------

export function extractNumbers(source: SourceInput, units: Units): NumberFinding[] {
  const { text } = source;
  const p = projectDisplay(text.text);
  const heading = CHRONOLOGY_HEADING.exec(p.display);
  const extractor = stepLabel(STEP);
  const out: NumberFinding[] = [];
  for (const para of paragraphsOf(p.display, heading ? heading.index : -1)) {
    const paragraphStart = text.toCodePoint(rawSpan(p, para, 0, Math.min(1, para.text.length))[0]);
    for (const s of sentencesOf(para.text)) {
      const t = para.text.slice(s.start, s.end);
      const cp = (a: number, b: number): CpSpan => {
        const [rs, re] = rawSpan(p, para, s.start + a, s.start + b);
        return { start: text.toCodePoint(rs), end: text.toCodePoint(re) };
      };
      const sentence = cp(0, t.length);
      for (const f of readFigures(t, units)) {
        let [rs, re] = rawSpan(p, para, s.start + f.start, s.start + f.end);
        // A dollar stored as "\$" or "\\$": its backslashes belong to the figure's words.
        while (rs > 0 && text.text[rs] === '$' && text.text[rs - 1] === '\\') rs--;
        while (rs > 0 && text.text[rs] === '\\' && text.text[rs - 1] === '\\') rs--;
        const headHits: CpSpan[] = [];
        if (f.head && f.definite) {
          const re2 = new RegExp(`(?<![\\p{L}])${f.head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\\p{L}])`, 'giu');
          const paraBefore = para.text.slice(0, s.start + f.start);
          for (const m of paraBefore.matchAll(re2)) {
            const [hs, he] = rawSpan(p, para, m.index!, m.index! + m[0].length);
            headHits.push({ start: text.toCodePoint(hs), end: text.toCodePoint(he) });
          }
        }
        out.push({
          kind: 'number',
          role: f.role,
          words: t.slice(f.start, f.end),
          number: f.number,
          value: f.value,
          scale: f.scale,
          scale_factor: f.scale_factor,
          unit_kind: f.unit_kind,
          unit_form: f.unit_form,
          unit_as_stated: f.unit_as_stated,
          rate: f.rate,
          qualifier: f.qualifier,
          qualifier_meaning: f.qualifier_meaning,
          holds_for: f.holds_for,
          attributive: f.attributive,
          definite: f.definite,
          time_label: f.time_label,
          anchor_year: f.anchor_year,
          anchor_cue: f.anchor_cue,
          noun_phrase: f.noun_phrase ? cp(...f.noun_phrase) : null,
          head: f.head,
          head_hits: headHits,
          of_phrase: f.of_phrase ? { ...cp(...f.of_phrase), text: t.slice(...f.of_phrase) } : null,
          from_phrase: f.from_phrase ? cp(...f.from_phrase) : null,
          between: f.between ? cp(...f.between) : null,
          relation_phrase: f.relation_phrase ? { ...cp(...f.relation_phrase), text: t.slice(...f.relation_phrase) } : null,
          before: t.slice(0, f.start),
          after: t.slice(f.end),
          sentence_start: sentence.start,
          sentence_end: sentence.end,
          paragraph_start: paragraphStart,
          clause_start: clauseStart(t, f.start, cp),
          paragraph: para.index,
          section: para.section,
          line: text.lineOfUnit(rs),
          ...provenanceOf(source, rs, re, extractor),
        });
      }
    }
  }
  return out;
}

/** Code point where the clause of a figure starts: after the last ";", ":" or "—" before it. */
function clauseStart(t: string, at: number, cp: (a: number, b: number) => CpSpan): number {
  const cut = Math.max(t.lastIndexOf(';', at), t.lastIndexOf(':', at), t.lastIndexOf('—', at));
  if (cut < 0) return cp(0, 1).start;
  let start = cut + 1;
  while (start < at && /\s/.test(t[start]!)) start++;
  return cp(start, Math.max(start + 1, at)).start;
}

/** The stored-text range behind a range of a paragraph's joined text. */
function rawSpan(p: Projection, para: Paragraph, a: number, b: number): [number, number] {
  const ds = toDisplay(para, a);
  const de = b > a ? toDisplay(para, b - 1) + 1 : ds;
  return rawRange(p, ds, de);
}
