/**
 * Offsets into source texts.
 *
 * JavaScript strings index UTF-16 code units; the datasets publish offsets in
 * Unicode code points (what Python's text[start:end] and the W3C Web
 * Annotation TextPositionSelector use). This module is the one place that
 * converts between the two, so no step does its own arithmetic.
 */
export class IndexedText {
  readonly text: string;
  /** cpAt[u] = number of code points before UTF-16 index u (length + 1 entries). */
  private readonly cpAt: Int32Array;
  /** unitAt[c] = UTF-16 index of code point c (codePoints + 1 entries). */
  private readonly unitAt: Int32Array;
  /** UTF-16 index of the start of each line (line 1 at index 0). */
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    this.cpAt = new Int32Array(text.length + 1);
    const units: number[] = [];
    let cp = 0;
    for (let u = 0; u < text.length; ) {
      const code = text.codePointAt(u)!;
      const width = code > 0xffff ? 2 : 1;
      units.push(u);
      this.cpAt[u] = cp;
      if (width === 2) this.cpAt[u + 1] = cp; // inside a surrogate pair: not a valid boundary
      u += width;
      cp += 1;
    }
    this.cpAt[text.length] = cp;
    units.push(text.length);
    this.unitAt = Int32Array.from(units);
    this.lineStarts = [0];
    for (let u = 0; u < text.length; u++) if (text.charCodeAt(u) === 10) this.lineStarts.push(u + 1);
  }

  /** Number of code points in the text. */
  get length(): number {
    return this.unitAt.length - 1;
  }

  toCodePoint(unit: number): number {
    if (unit < 0 || unit > this.text.length) throw new RangeError(`UTF-16 index ${unit} outside text`);
    return this.cpAt[unit]!;
  }

  toUnit(codePoint: number): number {
    if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > this.length) {
      throw new RangeError(`code point ${codePoint} outside text of ${this.length}`);
    }
    return this.unitAt[codePoint]!;
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
