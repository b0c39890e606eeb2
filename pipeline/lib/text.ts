/**
 * Offsets into source texts.
 *
 * JavaScript strings index UTF-16 code units; the datasets publish offsets in
 * Unicode code points (what Python's text[start:end] and the W3C Web
 * Annotation TextPositionSelector use). This module is the one place that
 * converts between the two, so no step does its own arithmetic.
 */
import { PipelineError, type ErrorCode } from './errors.ts';
export class IndexedText {
  /**
   * The text the steps read: the text as stored, or, when the stored text has
   * CR line ends or is not in NFC, its normalized view (LF line ends, NFC).
   * Every offset the class gives out counts code points of the text as
   * stored, and every slice is of the stored text, so records re-slice the
   * file as received whatever its line ends or normalization form.
   */
  readonly text: string;
  /** The text as stored (the same string as `text` when no view was needed). */
  readonly stored: string;
  /**
   * cpAt[u] = stored code points before UTF-16 index u of `text` (length + 1
   * entries); null when `text` is the stored text and has no character
   * outside the BMP, where the two counts agree.
   */
  private readonly cpAt: Int32Array | null;
  /** unitAt[c] = UTF-16 index in `text` of stored code point c (stored code points + 1 entries); null as cpAt. */
  private readonly unitAt: Int32Array | null;
  /** UTF-16 index in `stored` of stored code point c; null when no view was needed. */
  private readonly storedUnitAt: Int32Array | null;
  /** UTF-16 index of the start of each line of `text` (line 1 at index 0). */
  private readonly lineStarts: number[];

  constructor(stored: string) {
    this.stored = stored;
    const view = normalizedView(stored);
    this.text = view ? view.text : stored;
    const text = this.text;
    this.lineStarts = [0];
    for (let u = text.indexOf('\n'); u !== -1; u = text.indexOf('\n', u + 1)) this.lineStarts.push(u + 1);
    if (view) {
      this.cpAt = view.cpAt;
      const storedCps = view.cpAt[text.length]!;
      // A stored code point inside a segment that normalization rewrote (the CR
      // of a CRLF, the mark of a decomposed letter) maps to the segment's end.
      const unitAt = new Int32Array(storedCps + 1).fill(-1);
      for (let u = text.length; u >= 0; u--) unitAt[view.cpAt[u]!] = u;
      for (let c = storedCps - 1; c >= 0; c--) if (unitAt[c] === -1) unitAt[c] = unitAt[c + 1]!;
      this.unitAt = unitAt;
      const su = new Int32Array(storedCps + 1);
      let c = 0;
      for (let u = 0; u < stored.length; c++) {
        su[c] = u;
        u += stored.codePointAt(u)! > 0xffff ? 2 : 1;
      }
      su[c] = stored.length;
      this.storedUnitAt = su;
      return;
    }
    this.storedUnitAt = null;
    // Most texts have no astral character: then a code point is a UTF-16 unit, and no tables are needed.
    if (!/[\uD800-\uDFFF]/.test(text)) {
      this.cpAt = null;
      this.unitAt = null;
      return;
    }
    const cpAt = new Int32Array(text.length + 1);
    this.cpAt = cpAt;
    const units: number[] = [];
    let cp = 0;
    for (let u = 0; u < text.length; ) {
      const code = text.codePointAt(u)!;
      const width = code > 0xffff ? 2 : 1;
      units.push(u);
      cpAt[u] = cp;
      if (width === 2) cpAt[u + 1] = cp; // inside a surrogate pair: not a valid boundary
      u += width;
      cp += 1;
    }
    cpAt[text.length] = cp;
    units.push(text.length);
    this.unitAt = Int32Array.from(units);
  }

  /** Whether the steps read a normalized view rather than the stored text. */
  get normalized(): boolean {
    return this.storedUnitAt !== null;
  }

  /** Number of code points in the stored text. */
  get length(): number {
    return this.unitAt ? this.unitAt.length - 1 : this.text.length;
  }

  /** The stored code-point offset of a UTF-16 index of `text`. */
  toCodePoint(unit: number): number {
    if (unit < 0 || unit > this.text.length) throw new RangeError(`UTF-16 index ${unit} outside text`);
    return this.cpAt ? this.cpAt[unit]! : unit;
  }

  /** The UTF-16 index in `text` of a stored code-point offset. */
  toUnit(codePoint: number): number {
    if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > this.length) {
      throw new RangeError(`code point ${codePoint} outside text of ${this.length}`);
    }
    return this.unitAt ? this.unitAt[codePoint]! : codePoint;
  }

  /** The stored text between two stored code-point offsets (end-exclusive). */
  slice(cpStart: number, cpEnd: number): string {
    if (this.storedUnitAt) return this.stored.slice(this.storedUnitAt[cpStart], this.storedUnitAt[cpEnd]);
    return this.text.slice(this.toUnit(cpStart), this.toUnit(cpEnd));
  }

  /** The stored words behind a UTF-16 range of `text`: what a record's evidence must be. */
  evidence(unitStart: number, unitEnd: number): string {
    return this.storedUnitAt ? this.slice(this.toCodePoint(unitStart), this.toCodePoint(unitEnd)) : this.text.slice(unitStart, unitEnd);
  }

  /** UTF-16 range [start, end) of `text`'s 1-based line, without its line end; null past the last line. */
  lineRange(line: number): [number, number] | null {
    const start = this.lineStarts[line - 1];
    if (start === undefined || line < 1) return null;
    const next = this.lineStarts[line];
    return [start, next === undefined ? this.text.length : next - 1];
  }

  /** 1-based line number of a UTF-16 index of `text` (CRLF, LF and a lone CR each end one line). */
  lineOfUnit(unit: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= unit) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/** Combining marks and Hangul medial and final jamo: what NFC may join to the character before. */
const JOINS_BEFORE = /^[\p{M}\u1160-\u11ff\ud7b0-\ud7ff]$/u;

/**
 * The normalized view of a stored text, or null when the text is its own
 * view (LF line ends and NFC). The text is cut into segments, each a
 * character with the marks that follow it (or a CRLF, or a lone CR), and each
 * segment is normalized alone; every UTF-16 unit of the view maps to the
 * stored code point where its segment starts. NFC does not compose across a
 * character that combines with nothing before it, so the segments' views
 * joined are the view of the whole; that is checked, and a text where it
 * does not hold (none is known) is refused, since its offsets could not be
 * mapped.
 */
function normalizedView(stored: string): { text: string; cpAt: Int32Array } | null {
  if (!stored.includes('\r') && stored.normalize('NFC') === stored) return null;
  const parts: string[] = [];
  const cpAt: number[] = [];
  const cps = Array.from(stored);
  let i = 0;
  while (i < cps.length) {
    let j = i + 1;
    let segment: string;
    if (cps[i] === '\r') {
      if (cps[j] === '\n') j++;
      segment = '\n';
    } else {
      while (j < cps.length && JOINS_BEFORE.test(cps[j]!)) j++;
      segment = cps.slice(i, j).join('').normalize('NFC');
    }
    for (let u = 0; u < segment.length; u++) cpAt.push(i);
    parts.push(segment);
    i = j;
  }
  cpAt.push(cps.length);
  const text = parts.join('');
  if (text !== stored.replace(/\r\n?/g, '\n').normalize('NFC')) {
    throw new PipelineError('source/not-nfc', 'the text cannot be normalized to NFC segment by segment, so offsets into it could not be mapped', {
      expected: 'a text in NFC (convert with `uconv -x any-nfc` and re-pin its sha256)',
    });
  }
  return { text, cpAt: Int32Array.from(cpAt) };
}

/**
 * Display text: what a reader sees, without the article's markup. The source
 * keeps `[words](#)` link markup, `*emphasis*`, and dollar signs escaped as
 * `\$` or `\\$`; none of that is meaning. Whitespace runs become one space.
 */
export function displayText(raw: string): string {
  return raw
    .replace(/\[([^\]\n]*)\]\(#\)/g, '$1')
    .replace(/\\{1,2}\$/g, '$')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A short excerpt of a value for an error message. */
export function excerpt(s: string, max = 80): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * The display text of a whole source with a map back to the stored text:
 * link markup `[words](#)`, emphasis asterisks and the backslashes of `\$`
 * are dropped, everything else (line breaks included) is kept. Names are
 * searched in the display text, so "[Xi](#) Jinping" is found as "Xi
 * Jinping"; their spans are mapped back to the stored text.
 */
export interface Projection {
  display: string;
  /** toRaw[i] = UTF-16 index in the stored text of display index i (length + 1 entries). */
  toRaw: Int32Array;
}

export function projectDisplay(raw: string): Projection {
  const drop = new Uint8Array(raw.length);
  for (const m of raw.matchAll(/\[([^\]\n]*)\]\(#\)/g)) {
    const start = m.index!;
    drop[start] = 1; // "["
    const close = start + 1 + m[1]!.length;
    for (let i = close; i < close + 4; i++) drop[i] = 1; // "](#)"
  }
  for (const m of raw.matchAll(/\\{1,2}\$/g)) for (let i = m.index!; i < m.index! + m[0].length - 1; i++) drop[i] = 1;
  for (const m of raw.matchAll(/\*([^*\n]+)\*/g)) {
    drop[m.index!] = 1;
    drop[m.index! + m[0].length - 1] = 1;
  }
  const map: number[] = [];
  let display = '';
  for (let i = 0; i < raw.length; i++) {
    if (drop[i]) continue;
    map.push(i);
    display += raw[i];
  }
  map.push(raw.length);
  return { display, toRaw: Int32Array.from(map) };
}

/** The stored-text UTF-16 range [start, end) behind a display range. */
export function rawRange(p: Projection, start: number, end: number): [number, number] {
  // End maps from the last kept character, so markup after a name stays out of its span.
  return [p.toRaw[start]!, end > start ? p.toRaw[end - 1]! + 1 : p.toRaw[start]!];
}

/**
 * The text policy for sources, applied when a source is read (see
 * docs/errors.md and the README). Offsets count code points of the text as
 * stored, so the policy never rewrites the text; it refuses what the
 * extractors would silently misread:
 * - invalid UTF-8: `source/encoding`, with the byte offset of the first bad sequence;
 * - a byte-order mark at the start is kept: it is code point 0, and offsets count it;
 * - NUL and other C0 controls except tab, LF and CR: `source/control-character`;
 * - CR line ends (CRLF or a lone CR) and text not in Unicode NFC are read,
 *   not refused: the steps read a view with LF line ends in NFC, and every
 *   offset and evidence is mapped back to the text as stored (IndexedText),
 *   so the same words give the same records whatever the line ends or the
 *   normalization form;
 * - zero-width space, word joiner, soft hyphen or a BOM inside the text:
 *   `source/invisible-character` — they split names invisibly. ZWJ and ZWNJ
 *   are allowed: emoji sequences and several scripts need them.
 * Every refusal names the line and the column (in code points, from 1).
 */
export function decodeSourceText(bytes: Uint8Array, file: string): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 10) line++;
    throw new PipelineError('source/encoding', `text is not valid UTF-8: bad byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at byte offset ${bad}`, {
      file,
      line,
      value: { byte_offset: bad },
      expected: 'UTF-8',
    });
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  let line = 1;
  let column = 0;
  let cp = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    column++;
    const at = (code: ErrorCode, what: string, expected: string): never => {
      throw new PipelineError(code, `${what} at line ${line}, column ${column}`, {
        file,
        line,
        value: { column, character: `U+${c.toString(16).toUpperCase().padStart(4, '0')}` },
        expected,
      });
    };
    if (c === 10) {
      line++;
      column = 0;
    } else if ((c < 0x20 && c !== 9 && c !== 13) || c === 0x7f) {
      at('source/control-character', 'control character', 'text without NUL or other control characters (tab, LF and CR are allowed)');
    } else if (c === 0x200b || c === 0x2060 || c === 0xad || (c === 0xfeff && cp > 0)) {
      at('source/invisible-character', 'invisible character that would split a word', 'no zero-width space, word joiner, soft hyphen or byte-order mark inside the text');
    }
    cp++;
  }
  return text;
}

/** Byte offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const x = b[i]!;
    if (x < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (x >= 0xc2 && x <= 0xdf) [n, min] = [1, 0x80];
    else if (x >= 0xe0 && x <= 0xef) [n, min] = [2, 0x800];
    else if (x >= 0xf0 && x <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = x & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const y = b[i + k];
      if (y === undefined || (y & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (y & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** Words given by a person (a citation, a curated quote) as the steps' view of a text holds them: LF line ends, NFC. */
export function inView(words: string): string {
  return words.replace(/\r\n?/g, '\n').normalize('NFC');
}
