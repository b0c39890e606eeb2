/**
 * Paragraphs and sentences of a source's display text (lib/text.ts
 * projectDisplay: markup removed, line breaks kept).
 *
 * Why not Intl.Segmenter: its sentence rules (Unicode UAX #29) break after
 * every abbreviation followed by a capital or a digit, so "On Sept. 16-19,
 * Chinese Premier …" and "St. Petersburg" come out as two sentences each, and
 * Node offers no way to pass it a list of abbreviations. The journal's style
 * is regular enough for a small splitter with such a list.
 *
 * A paragraph is a line with text. Headings (short, with no closing
 * punctuation) and figure captions are not paragraphs of prose. A paragraph
 * cut by a page break (it ends without closing punctuation) continues in the
 * next paragraph that is not a caption: its two pieces are one paragraph, and
 * a sentence may run over the break.
 */

export type Section = 'narrative' | 'chronology';

export interface Piece {
  /** Display offsets of the piece, end-exclusive. */
  start: number;
  end: number;
}

export interface Paragraph {
  /** Index among the source's prose paragraphs, in text order. */
  index: number;
  section: Section;
  /** The paragraph's text: its pieces joined by one space. */
  text: string;
  pieces: Piece[];
  /** A heading stood between this paragraph and the one before (a new section of the text). */
  after_heading: boolean;
}

export interface SentenceSpan {
  /** Offsets into the paragraph's text, end-exclusive, trimmed. */
  start: number;
  end: number;
}

/** A paragraph that ends here is complete; otherwise a page break cut it. */
const ENDS_PARAGRAPH = /[.!?;:)"”’]\s*$/;
const CAPTION = /^Figure \d+\b/;

const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'and', 'or', 'to', 'for', 'at', 'by', 'with', 'from', 'as', 'vs']);

/**
 * A heading is short, ends without a full stop, comma, semicolon or colon,
 * and is in title case or capitals ("Bridges Too Far?", "Putin’s “Big
 * Secret”", "BRICS’ 11th Summit"); a short piece of a paragraph cut by a page
 * break is not ("The two countries need to take this opportunity to").
 */
export function isHeading(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length >= 80 || /[.,;:]["”’)]*$/.test(t) || CAPTION.test(t)) return false;
  const words = t.split(/\s+/).map((w) => w.replace(/^[“"‘'(\[*]+/, '')).filter((w) => w !== '' && !SMALL_WORDS.has(w.toLowerCase()));
  const capitalised = words.filter((w) => /^[\p{Lu}\p{N}]/u.test(w)).length;
  return capitalised * 2 >= words.length;
}

/**
 * The prose paragraphs of a display text. `chronologyAt` is the display
 * offset of the chronology heading (or -1): paragraphs after it are the
 * chronology's.
 */
export function paragraphsOf(display: string, chronologyAt: number): Paragraph[] {
  const lines: Piece[] = [];
  for (const m of display.matchAll(/[^\n]+/g)) {
    const raw = m[0];
    if (raw.trim() === '') continue;
    const lead = raw.length - raw.trimStart().length;
    lines.push({ start: m.index! + lead, end: m.index! + raw.trimEnd().length });
  }
  const out: Paragraph[] = [];
  let open: Paragraph | null = null;
  let heading = false;
  for (const line of lines) {
    const t = display.slice(line.start, line.end);
    if (CAPTION.test(t)) continue;
    if (open) {
      open.pieces.push(line);
      open.text += ` ${t}`;
    } else {
      if (isHeading(t)) {
        heading = out.length > 0;
        continue;
      }
      open = { index: out.length, section: chronologyAt >= 0 && line.start > chronologyAt ? 'chronology' : 'narrative', text: t, pieces: [line], after_heading: heading };
      heading = false;
      out.push(open);
    }
    if (ENDS_PARAGRAPH.test(t)) open = null;
  }
  return out;
}

/** Display offset of a position in a paragraph's joined text. */
export function toDisplay(p: Paragraph, i: number): number {
  let at = 0;
  for (const piece of p.pieces) {
    const len = piece.end - piece.start;
    if (i <= at + len) return piece.start + (i - at);
    at += len + 1; // the joining space
  }
  const last = p.pieces[p.pieces.length - 1]!;
  return last.end;
}

/**
 * Abbreviations of a place or an office that stand before a name and belong to it ("St. Petersburg",
 * "Mt. Kumgang", "Gen. Wang"): the name finder joins them to the name after them.
 */
export const NAME_ABBREVIATIONS: readonly string[] = ['St', 'Mt', 'Ft', 'Gen', 'Lt', 'Col', 'Adm', 'Dr', 'Prof', 'Jr', 'Sr', 'Sen', 'Rep', 'Gov'];
/** Other abbreviations after which a full stop does not end a sentence. */
const OTHER_ABBREVIATIONS = [
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sept?', 'Oct', 'Nov', 'Dec', 'Mr', 'Mrs', 'Ms', 'Capt', 'Sgt', 'No', 'Vol', 'pp', 'vs',
  'U\\.S', 'U\\.N', 'Mts', 'Pres', 'Amb', 'Maj', 'Brig', 'Cmdr', 'Cdr', 'Rev', 'Hon', 'Sec', 'Dept', 'Messrs', 'Mme',
];
/** Abbreviations after which a full stop does not end a sentence (and single initials). */
const ABBREVIATION = new RegExp(`(?:\\b(?:${[...NAME_ABBREVIATIONS, ...OTHER_ABBREVIATIONS].join('|')})|(?:^|[\\s(])\\p{Lu})\\.$`, 'u');
/**
 * A sentence ends at . ! or ? (with closing quotes or brackets) before white space and a capital, an
 * opening quote or bracket; so does an ellipsis that closes a quotation ("… to justice. …” Officials …").
 */
const BOUNDARY = /(?:[.!?]|…(?=["”’]))["”’)\]]*(?=\s+["“(\[]?\p{Lu})/gu;

export function sentencesOf(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let start = 0;
  for (const m of text.matchAll(BOUNDARY)) {
    const end = m.index! + m[0].length;
    const candidate = text.slice(start, end).replace(/["”’)\]]+$/, '');
    if (ABBREVIATION.test(candidate)) continue;
    push(out, text, start, end);
    start = end;
  }
  push(out, text, start, text.length);
  return out;
}

function push(out: SentenceSpan[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end });
}

/** Opening quotation marks in a text: “ and straight quotes that open (after a space, a bracket or the start). */
export function openingQuotes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '“') n++;
    else if (c === '"' && (i === 0 || /[\s(\[—–-]/.test(text[i - 1]!))) n++;
  }
  return n;
}

/** [start, end) ranges of the sentences of a text (a paragraph). */
export function sentenceRanges(text: string): [number, number][] {
  return sentencesOf(text).map((s) => [s.start, s.end]);
}

/** The first sentence of a text: the one that carries a chronology entry's event. */
export function firstSentence(text: string): string {
  const [first] = sentencesOf(text);
  return first ? text.slice(first.start, first.end) : text;
}
