/**
 * Extract quotations: every stretch of text between quotation marks (curly
 * “…” or straight "…"), with the words of the sentence before and after it,
 * from which normalize decides whether a speaker is quoted or the marks are
 * a title or scare quotes ("Power of Siberia", "best ever"). A quotation cut
 * by a page break (its paragraph ends inside the marks and the next begins in
 * lower case) is one quotation: its words are joined, its span runs over the
 * break. An opening mark never closed is reported for a curator.
 */
import { detectLanguage } from '../lib/languages.ts';
import type { LoadedSource } from '../lib/sources.ts';
import { projectDisplay, rawRange } from '../lib/text.ts';
import { sentenceRanges } from '../lib/sentences.ts';
import { provenanceOf, stepLabel, type Provenance, type SourceInput, defineStep } from '../lib/step.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { source: 'source' },
  run: ({ source }: { source: LoadedSource }) => extractQuotations({ id: source.meta.id, text: source.text }, source.meta.original_languages ?? []),
});

export interface Quotation extends Provenance {
  kind: 'quotation';
  /** The quoted words, joined across a page break, without an original-language parenthesis. */
  words: string;
  /** Words in a non-Latin script (the speaker's language) the text gives in parentheses inside the quotation. */
  original: string | null;
  /** BCP 47 primary subtag of the original, decided as for original names (declared, else by script). */
  original_language: string | null;
  /** The sentence's words before the opening mark and after the closing one. */
  before: string;
  after: string;
  /** Code-point ranges of those windows, to find the speaker's mention in them. */
  before_start: number;
  after_end: number;
  /** Code-point range of the sentence (or sentences) the quotation stands in. */
  sentence_start: number;
  sentence_end: number;
  /** Code point where the quotation's paragraph starts: a quotation may carry on the sentence before only within it. */
  paragraph_start: number;
  crosses_page_break: boolean;
  closed: boolean;
  line: number;
}

const PAIRS: Record<string, string> = { '“': '”', '"': '"' };

/** `declared`: the source's original_languages (source.yaml), which decide the language of an original's script. */
export function extractQuotations(source: SourceInput, declared: readonly string[] = []): Quotation[] {
  const { text } = source;
  const p = projectDisplay(text.text);
  const d = p.display;
  const extractor = stepLabel(STEP);
  const cp = (display: number): number => text.toCodePoint(p.toRaw[Math.min(display, d.length)]!);
  // Paragraph ranges of the display text, and their sentences.
  const paragraphs = [...d.matchAll(/[^\n]+/g)].map((m) => [m.index!, m.index! + m[0].length] as [number, number]);
  const sentenceAt = (i: number): [number, number] => {
    const para = paragraphs.find(([s, e]) => s <= i && i < e) ?? [i, i];
    for (const [s, e] of sentenceRanges(d.slice(para[0], para[1]))) if (para[0] + s <= i && i < para[0] + e) return [para[0] + s, para[0] + e];
    return para;
  };
  const paragraphStart = (i: number): number => cp((paragraphs.find(([s, e]) => s <= i && i < e) ?? [i, i])[0]);
  const out: Quotation[] = [];
  for (let i = 0; i < d.length; i++) {
    const open = d[i]!;
    if (!(open in PAIRS)) continue;
    if (open === '"' && i > 0 && /[\p{L}\d]/u.test(d[i - 1]!) && !/\s/.test(d[i + 1] ?? ' ')) continue; // not an opening mark
    const closeMark = PAIRS[open]!;
    let j = d.indexOf(closeMark, i + 1);
    const paraEnd = d.indexOf('\n', i) < 0 ? d.length : d.indexOf('\n', i);
    let crosses = false;
    if (j < 0 || j > paraEnd) {
      // Cut by a page break? The next paragraph continues in lower case.
      const next = paragraphs.find(([s]) => s > paraEnd);
      const nextEnd = next ? next[1] : -1;
      if (next && /^[\p{Ll}]/u.test(d.slice(next[0], next[0] + 1)) && j > next[0] && j < nextEnd) {
        crosses = true;
      } else {
        const [ss, se] = sentenceAt(i);
        const [rs] = rawRange(p, i, i + 1);
        out.push({
          kind: 'quotation', words: d.slice(i + 1, paraEnd).trim(), original: null, original_language: null, before: '', after: '',
          before_start: cp(ss), after_end: cp(se), sentence_start: cp(ss), sentence_end: cp(se), paragraph_start: paragraphStart(i), crosses_page_break: false, closed: false,
          line: text.lineOfUnit(rs), source_id: source.id, span_start: cp(i), span_end: cp(paraEnd),
          evidence: text.evidence(rs, p.toRaw[paraEnd]!), extractor,
        });
        continue;
      }
    }
    let inner = d.slice(i + 1, j).replace(/\s*\n+\s*/g, ' ');
    let original: string | null = null;
    let language: string | null = null;
    // A parenthesis in a non-Latin script inside the quotation holds the speaker's own words.
    const paren = /\s*\(([^()]*)\)/gu;
    for (let m = paren.exec(inner); m; m = paren.exec(inner)) {
      const detected = detectLanguage(m[1]!, declared).language;
      if (!detected) continue;
      original = m[1]!.trim();
      language = detected;
      inner = inner.slice(0, m.index) + inner.slice(m.index + m[0].length);
      break;
    }
    const words = inner.trim().replace(/,$/, '').replace(/\s+/g, ' ');
    const [ss] = sentenceAt(i);
    const [, se] = sentenceAt(j);
    const [rs, re] = rawRange(p, i, j + 1);
    out.push({
      kind: 'quotation',
      words,
      original,
      original_language: language,
      before: d.slice(ss, i).replace(/\s+/g, ' '),
      after: d.slice(j + 1, se).replace(/\s+/g, ' '),
      before_start: cp(ss),
      after_end: cp(se),
      sentence_start: cp(ss),
      sentence_end: cp(se),
      paragraph_start: paragraphStart(i),
      crosses_page_break: crosses,
      closed: true,
      line: text.lineOfUnit(rs),
      ...provenanceOf(source, rs, re, extractor),
    });
    i = j; // continue after the closing mark
  }
  return out;
}
