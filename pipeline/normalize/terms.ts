/**
 * Original-language forms that render a concept or phrase → terms. A form
 * attached to a registry concept is that concept's term; an unattached form
 * is a term when it follows a quoted phrase, comes with an English gloss, or
 * is short (at most six characters of a script written without spaces —
 * Han, kana — or two words of any other) after lower-case English words. Longer unattached forms are translations of a
 * clause, not terms. Forms that name people, places or bodies are entities'.
 */
import { createHash } from 'node:crypto';
import type { OriginalName } from '../extract/original-names.ts';
import type { EntitiesRow, TermsRow, TermsTermRule } from '../generated/rows.ts';
import type { Row } from '../lib/schema.ts';
import { romanize } from '../lib/translit.ts';
import type { OriginalForm } from './mentions.ts';

import { defineStep } from '../lib/step.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  table: 'terms',
  inputs: { originals: 'extract/original-names', mentions: 'normalize/mentions', profiles: 'resource:entity-profiles' },
  run: ({ originals, mentions, profiles }: { originals: OriginalName[]; mentions: { forms: OriginalForm[] }; profiles: Map<string, Row> }) => ({
    rows: buildTerms(originals, mentions.forms, profiles),
  }),
});

/** Words that end the English phrase a short original renders, read leftwards. */
const STOP = new Set(['a', 'an', 'the', 'to', 'of', 'and', 'or', 'for', 'that', 'with', 'in', 'on', 'by', 'as', 'be', 'have', 'has', 'had', 'should', 'would', 'could', 'can', 'cannot', 'remain', 'remains', 'is', 'are', 'was', 'were', 'its', 'their', 'his', 'her', 'more', 'than']);

function phraseBefore(before: string): string | null {
  const plain = before.replace(/\]\(#\)/g, '').replace(/[[*]/g, '').replace(/[\s"”’]+$/u, '');
  const words = plain.split(/\s+/).slice(-5);
  const kept: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!.replace(/^[“"(]+/u, '');
    if (STOP.has(w.toLowerCase()) || /[.,;:]$/.test(words[i]!)) break;
    kept.unshift(w);
  }
  return kept.length ? kept.join(' ') : null;
}

const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Markup and marks the stored text may hold between the words of a phrase: spaces, emphasis, link brackets, quotes. */
const JOIN = String.raw`(?:[\s*_“”"‘’]|\[|\]\(#\))+`;
/**
 * What follows the English words before the parenthesis: closing marks and
 * markup, and at most two words of a head noun ("the “three nos” formula (…)").
 */
const GAP = new RegExp(String.raw`^(?:[ *_”"’]|\]\(#\))*(?:[\p{L}][\p{L}-]*(?:[ *_”"’]|\]\(#\))*){0,2}$`, 'u');

/**
 * The stored text from the English words a term renders to the opening
 * parenthesis, when they stand right before it: with the opening quote or
 * link bracket that holds them, so that the span runs from the English words
 * to the closing parenthesis however the words are marked up. Null when the
 * words are not there (a registry name the text does not print).
 */
export function englishTail(beforeRaw: string, english: string): string | null {
  const words = english.split(/\s+/).filter(Boolean).map(escape);
  if (!words.length) return null;
  const re = new RegExp(String.raw`(?:[“"‘*_]|\[)*${words.join(JOIN)}`, 'giu');
  let found: string | null = null;
  for (const m of beforeRaw.matchAll(re)) {
    const rest = beforeRaw.slice(m.index! + m[0].length);
    if (!rest.includes('\n') && GAP.test(rest)) found = beforeRaw.slice(m.index!);
  }
  return found;
}

/** Scripts that write words without spaces between them: a term is counted in characters. */
const UNSPACED = new Set(['Hani', 'Jpan', 'Hira', 'Kana', 'Hrkt', 'Thai', 'Khmr', 'Laoo', 'Mymr', 'Tibt']);
const short = (o: OriginalName): boolean =>
  UNSPACED.has(o.script) ? Array.from(o.original.replace(/[\s\p{P}]/gu, '')).length <= 6 : o.original.split(/\s+/).length <= 2;

/** `entities` holds the entities table's rows, untyped as their step builds them; validateTables checks them at export. */
export function buildTerms(originals: OriginalName[], forms: OriginalForm[], entities: ReadonlyMap<string, Row>): TermsRow[] {
  const byId = entities as ReadonlyMap<string, EntitiesRow>;
  const attached = new Map(forms.map((f) => [`${f.finding.source_id}|${f.finding.span_start}`, f]));
  const rows: TermsRow[] = [];
  for (const o of originals) {
    if (o.problem || o.shape === 'in_quotation') continue;
    const form = attached.get(`${o.source_id}|${o.span_start}`);
    const entity = form ? byId.get(form.entity_id) : undefined;
    let english: string | null = null;
    let rule: TermsTermRule | null = null;
    if (entity) {
      if (entity.entity_type !== 'concept') continue; // a name: see entities
      english =
        o.shape === 'after_quoted' && o.label ? o.label
        : o.shape === 'gloss_then_original' ? entity.name_en
        : (phraseBefore(o.before_raw) ?? entity.name_en);
      rule = 'concept';
    } else if (o.shape === 'after_quoted' && o.label) {
      [english, rule] = [o.label, 'quoted'];
    } else if (o.gloss && o.shape === 'gloss_then_original') {
      [english, rule] = [o.gloss, 'glossed'];
    } else if (short(o) && (o.label === null || /^\p{Ll}/u.test(o.label))) {
      english = phraseBefore(o.before_raw);
      rule = english ? 'short_phrase' : null;
    }
    if (!english || !rule) continue;
    const tail = englishTail(o.before_raw, english);
    const reach = tail ? Array.from(tail).length : 0;
    rows.push({
      term_id: `tm-${createHash('sha256').update([o.source_id, o.original_start, o.original_end].join('\u001f')).digest('hex').slice(0, 12)}`,
      english,
      original: o.original,
      language: o.language,
      romanization: romanize(o.original, o.language, o.script, 'term').romanized,
      gloss: o.gloss,
      entity_id: entity ? entity.entity_id : null,
      term_rule: rule,
      source_id: o.source_id,
      span_start: o.span_start - reach,
      span_end: o.span_end,
      evidence: `${reach ? tail : ''}${o.evidence}`,
      extractor: STEP.label,
      found_by: o.extractor,
    });
  }
  return rows;
}
