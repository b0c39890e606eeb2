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
  readonly text: string;
  /**
   * cpAt[u] = number of code points before UTF-16 index u (length + 1 entries);
   * null when the text has no character outside the BMP, where the two counts agree.
   */
  private readonly cpAt: Int32Array | null;
  /** unitAt[c] = UTF-16 index of code point c (codePoints + 1 entries); null as cpAt. */
  private readonly unitAt: Int32Array | null;
  /** UTF-16 index of the start of each line (line 1 at index 0). */
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    this.lineStarts = [0];
    for (let u = text.indexOf('\n'); u !== -1; u = text.indexOf('\n', u + 1)) this.lineStarts.push(u + 1);
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

  /** Number of code points in the text. */
  get length(): number {
    return this.unitAt ? this.unitAt.length - 1 : this.text.length;
  }

  toCodePoint(unit: number): number {
    if (unit < 0 || unit > this.text.length) throw new RangeError(`UTF-16 index ${unit} outside text`);
    return this.cpAt ? this.cpAt[unit]! : unit;
  }

  toUnit(codePoint: number): number {
    if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > this.length) {
      throw new RangeError(`code point ${codePoint} outside text of ${this.length}`);
    }
    return this.unitAt ? this.unitAt[codePoint]! : codePoint;
  }

  /** The text between two code-point offsets (end-exclusive). */
  slice(cpStart: number, cpEnd: number): string {
    return this.text.slice(this.toUnit(cpStart), this.toUnit(cpEnd));
  }

  /** 1-based line number of a UTF-16 index. */
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
 * - CR line ends (CRLF or a lone CR): `source/line-ends` — the extractors
 *   read LF-separated lines and would lose entries, terms and quotes;
 * - text not in Unicode NFC: `source/not-nfc` — names are matched in NFC;
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
    } else if (c === 13) {
      at('source/line-ends', 'carriage return (CR or CRLF line end)', 'LF line ends only (convert the file with `dos2unix` and re-pin its sha256)');
    } else if ((c < 0x20 && c !== 9) || c === 0x7f) {
      at('source/control-character', 'control character', 'text without NUL or other control characters (tab and LF are allowed)');
    } else if (c === 0x200b || c === 0x2060 || c === 0xad || (c === 0xfeff && cp > 0)) {
      at('source/invisible-character', 'invisible character that would split a word', 'no zero-width space, word joiner, soft hyphen or byte-order mark inside the text');
    }
    cp++;
  }
  if (text !== text.normalize('NFC')) {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l !== l.normalize('NFC'));
    const l = lines[i]!;
    const cps = Array.from(l);
    // The column of the first character that NFC would compose with the mark after it (or change itself).
    let col = cps.findIndex((c, k) => c.normalize('NFC') !== c || `${c}${cps[k + 1] ?? ''}`.normalize('NFC') !== `${c}${cps[k + 1] ?? ''}`);
    if (col < 0) col = 0;
    throw new PipelineError('source/not-nfc', `text is not in Unicode normalization form C at line ${i + 1}, column ${col + 1}`, {
      file,
      line: i + 1,
      value: { column: col + 1, text: excerpt(l.slice(0, 60)) },
      expected: 'NFC text (convert with `uconv -x any-nfc` and re-pin its sha256)',
    });
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
