/**
 * Extract the original-language forms a text gives in parentheses (Chinese,
 * Russian, Japanese, Korean, any script lib/languages.ts knows), with what
 * they stand after. The language is the source's declared one for the
 * form's script (source.yaml `original_languages`), else the script's
 * default. The shapes this journal prints:
 *   Heihe (黑河)   [Qiao Liang](#) (乔良)   Andrey Denisov (Андрей Денисов)
 *   *Center-2019* (Центр-2019)   “Power of Siberia” (Сила Сибири)
 *   (Xining, 西宁)   — the English name inside, before a comma
 *   the “three nos” formula (non-allied, …, 不结盟、不对抗、不针对第三国) — an English gloss, then the original
 *   “The threat of war is now extremely high (Угроза войны …),” — a translation inside a quotation
 * Deciding which entity a form names happens in normalize, against the
 * mentions; this step records the form, its script, its English label and
 * the shape, and reports bad shapes (an unclosed parenthesis, mixed scripts)
 * as findings for a curator instead of failing.
 */
import { detectLanguage } from '../lib/languages.ts';
import type { LoadedSource } from '../lib/sources.ts';
import { displayText, projectDisplay, rawRange, type IndexedText } from '../lib/text.ts';
import { stepLabel, type Provenance, type SourceInput, defineStep } from '../lib/step.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { source: 'source' },
  run: ({ source }: { source: LoadedSource }) => extractOriginalNames({ id: source.meta.id, text: source.text }, source.meta.original_languages ?? []),
});

export type NameShape = 'after_name' | 'after_quoted' | 'inside_with_name' | 'gloss_then_original' | 'in_quotation';

export interface OriginalName extends Provenance {
  kind: 'original_name';
  /** The original-language words, as printed. */
  original: string;
  /** BCP 47 primary subtag: zh, ru, ja, ko, … */
  language: string;
  /** ISO 15924 code of the form's script (Hani, Cyrl, Jpan, Hang, …). */
  script: string;
  /** declared: source.yaml names a language of this script; script: the script's default language. */
  language_basis: 'declared' | 'script';
  /** The English the form stands after (or inside, or glossed), as printed without markup. */
  label: string | null;
  /** UTF-16 end of the label in the stored text: a mention ending here is what the form names. */
  label_end_raw: number;
  /** Code-point span of the original-language words alone. */
  original_start: number;
  original_end: number;
  gloss: string | null;
  shape: NameShape;
  /** The stored words of the original alone (what original_start..original_end re-slices to). */
  original_evidence: string;
  /** UTF-16 index of the opening parenthesis, and the stored text before it (up to 160 units), for adjacency. */
  paren_raw: number;
  before_raw: string;
  /** Something a curator must look at: unclosed parenthesis, mixed scripts. */
  problem: string | null;
  line: number;
}

const LATIN = /\p{Script=Latin}/u;

/** Is position i of a paragraph inside an open “…” quotation? */
function insideQuotation(display: string, i: number): boolean {
  const para = display.lastIndexOf('\n\n', i);
  const before = display.slice(para < 0 ? 0 : para, i);
  const opens = (before.match(/“/g) ?? []).length;
  const closes = (before.match(/”/g) ?? []).length;
  return opens > closes;
}

/** The English words a parenthesis stands after: a quoted phrase, or a run of capitalised words. */
function labelBefore(display: string, i: number): { label: string | null; end: number; shape: NameShape } {
  let end = i;
  while (end > 0 && /\s/.test(display[end - 1]!)) end--;
  if (display[end - 1] === '”' || display[end - 1] === '"') {
    const open = display.lastIndexOf(display[end - 1] === '”' ? '“' : '"', end - 2);
    if (open >= 0 && end - open < 80) return { label: display.slice(open + 1, end - 1), end, shape: 'after_quoted' };
  }
  const m = /((?:[\p{Lu}\d][\p{L}\p{N}’'.-]*)(?:[ -](?:[\p{Lu}\d][\p{L}\p{N}’'.-]*|of|the|and|de|for))*)$/u.exec(display.slice(Math.max(0, end - 120), end));
  return { label: m ? m[1]!.trim() : null, end, shape: 'after_name' };
}

export function extractOriginalNames(source: SourceInput, declared: readonly string[] = []): OriginalName[] {
  const { text } = source;
  const p = projectDisplay(text.text);
  const d = p.display;
  const out: OriginalName[] = [];
  const extractor = stepLabel(STEP);
  const span = (ds: number, de: number) => {
    const [rs, re] = rawRange(p, ds, de);
    return { span_start: text.toCodePoint(rs), span_end: text.toCodePoint(re), evidence: text.evidence(rs, re) };
  };
  for (let open = d.indexOf('('); open >= 0; open = d.indexOf('(', open + 1)) {
    const lineEnd = d.indexOf('\n', open) < 0 ? d.length : d.indexOf('\n', open);
    const close = d.indexOf(')', open);
    const closed = close >= 0 && close < lineEnd;
    const nested = closed && d.indexOf('(', open + 1) >= 0 && d.indexOf('(', open + 1) < close;
    const content = closed ? d.slice(open + 1, close) : d.slice(open + 1, Math.min(lineEnd, open + 60));
    const { language, script, basis, mixed } = detectLanguage(content, declared);
    if (!language || !script || !basis) continue;
    const line = text.lineOfUnit(p.toRaw[open]!);
    // The original-language words: after the last comma when Latin words come first.
    let gloss: string | null = null;
    let original = content.trim();
    const comma = Math.max(content.lastIndexOf(', '), content.lastIndexOf('，'));
    if (comma > 0 && LATIN.test(content.slice(0, comma)) && !LATIN.test(content.slice(comma + 1))) {
      gloss = content.slice(0, comma).trim();
      original = content.slice(comma + 1).trim();
    }
    const originalStart = open + 1 + content.indexOf(original);
    let problem: string | null = null;
    if (!closed || nested) problem = 'unbalanced parentheses: no closing ")" on the same line';
    else if (mixed) problem = 'mixed scripts: letters of more than one non-Latin script in one parenthesis';
    else if (LATIN.test(original)) problem = 'mixed scripts: Latin letters inside the original-language form';
    let label: string | null;
    let labelEnd: number;
    let shape: NameShape;
    if (gloss && !gloss.includes(' ') && /^\p{Lu}/u.test(gloss)) {
      // (Xining, 西宁): the name is inside the parenthesis.
      label = gloss;
      labelEnd = open + 1 + content.indexOf(gloss) + gloss.length;
      shape = 'inside_with_name';
    } else {
      const before = labelBefore(d, open);
      label = before.label;
      labelEnd = before.end;
      shape = gloss ? 'gloss_then_original' : before.shape;
    }
    if (insideQuotation(d, open)) shape = 'in_quotation';
    const origRawStart = p.toRaw[originalStart]!;
    const origRawEnd = p.toRaw[originalStart + original.length - 1]! + 1;
    const parenRaw = p.toRaw[open]!;
    out.push({
      kind: 'original_name',
      original_evidence: text.evidence(origRawStart, origRawEnd),
      paren_raw: parenRaw,
      before_raw: text.text.slice(Math.max(0, parenRaw - 160), parenRaw),
      original: closed ? original : original.split(/\s/)[0]!,
      language,
      script,
      language_basis: basis,
      label: label ? displayText(label) : null,
      label_end_raw: p.toRaw[Math.max(0, labelEnd - 1)]! + 1,
      original_start: text.toCodePoint(origRawStart),
      original_end: text.toCodePoint(origRawEnd),
      gloss,
      shape,
      problem,
      line,
      source_id: source.id,
      ...span(open, closed ? close + 1 : Math.min(lineEnd, open + 1 + content.length)),
      extractor,
    });
  }
  return out;
}

export type { IndexedText };
