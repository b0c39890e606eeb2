/**
 * Assign an event type by the documented rules in
 * schema/vocabularies/event_type.yaml: the first value whose cue matches the
 * entry's first sentence wins. The first sentence carries the event; later
 * sentences add background ("India also hosted a … Exercise") that must not
 * decide the type.
 */
import type { Vocabulary } from '../lib/schema.ts';
import { firstSentence } from '../lib/sentences.ts';
import { clauseOf } from '../lib/clauses.ts';
import { COORDINATED } from '../extract/narrative-dates.ts';
import { compiled } from '../lib/regex.ts';

export { firstSentence } from '../lib/sentences.ts';

export interface EventTypeResult {
  event_type: string;
  event_type_cue: string | null;
}

/**
 * The global copy of a cue, made once per cue: the rules try every cue in every clause. Read only
 * with matchAll, which matches on a copy of its own, so one object serves every caller.
 */
const GLOBAL_CUES = new WeakMap<RegExp, RegExp>();
function globalOf(cue: RegExp): RegExp {
  let g = GLOBAL_CUES.get(cue);
  if (!g) GLOBAL_CUES.set(cue, (g = new RegExp(cue.source, cue.flags.includes('g') ? cue.flags : `${cue.flags}g`)));
  return g;
}

export function compileRules(vocab: Vocabulary): { value: string; cues: RegExp[] }[] {
  return vocab.values.map((v) => ({ value: v.value, cues: (v.cues ?? []).map((c) => new RegExp(c, 'iu')) }));
}

export function classifyEventType(displayText: string, rules: { value: string; cues: RegExp[] }[]): EventTypeResult {
  const sentence = firstSentence(displayText);
  for (const rule of rules) {
    for (const cue of rule.cues) {
      const m = cue.exec(sentence);
      if (m) return { event_type: rule.value, event_type_cue: m[0] };
    }
  }
  return { event_type: 'other', event_type_cue: null };
}

/** Words that make what follows them another event, used to date this one ("three days after the naval drills"). */
const DATING_BY_ANOTHER = /\b(?:after|before|following|ahead of)\b[^,;]*$/iu;
const BEFORE_WINDOW = 60;
const OCCASION_BEFORE = /\b(?:of|at|to|during|in)\s+(?:the|its|his|her|their)\s+(?:[\w-]+\s+){0,3}$/iu;
const DEMOTION = 1000;
/** A speech verb's opener of reported words, with no other clause between it and the date. */
const REPORTS = /^(?:\s+\p{Ll}+ly)?,?\s+(?:that\b|:|[“"‘])[^;]*$/u;
/**
 * The object a warning or report is of, about or against ("warned of a crisis for Freedonia in
 * 2030", "told of plans in May"), with no comma between it and the date: the date in it dates the
 * thing spoken of. Only after a verb: "the press conference of the ministry on May 5" is dated.
 */
const REPORTS_OBJECT = /^(?:\s+\p{Ll}+ly)?\s+(?:of|about|against)\b[^;,]*$/u;
const VERB_CUE = /^(?!.*\bconference\b)\p{L}+$/iu;
/** A founding named right before the date ("its inception in 2006", "was founded in June 2001"): the date is the founding's, which no type of the vocabulary names. */
const FOUNDING_BEFORE = /(?:\b(?:its|their|his|her|the)\s+(?:inception|founding|foundation|establishment|creation|launch)|\b(?:founded|established|set\s+up|inaugurated|created))(?:\s+of\s+(?:the\s+)?[\p{L}\p{N}’'-]+(?:\s+[\p{L}\p{N}’'-]+){0,3})?\s+(?:(?:in|on)\s+)?$/iu;
const AFTER_WINDOW = 120;
/** What parts two coordinated happenings of one clause ("… in June 2018 and held its first meeting Sept. 9"). */
const SEPARATES = /[,;]|\b(?:and|but|then|while)\b/iu;

/** The parenthesis that opens right after `end` (UTF-16 offsets of its marks), or null. */
function headedParenthesis(sentence: string, end: number): [number, number] | null {
  const open = /^\s*\(/u.exec(sentence.slice(end));
  if (!open) return null;
  const from = end + open[0].length - 1;
  let depth = 0;
  for (let i = from; i < sentence.length; i++) {
    if (sentence[i] === '(') depth++;
    else if (sentence[i] === ')' && --depth === 0) return [from, i];
  }
  return null;
}

/**
 * The type of a dated statement of the narrative: the cue nearest the date
 * expression (at `at`, of length `length`) within the window and within the
 * clause the date governs (pipeline/lib/clauses.ts: "two naval drills" after
 * ", an anti-terror drill (Cooperation 2019 in October)" is another clause's
 * word), skipping cues that only date this event by another; ties go to the
 * rule order. A cue inside a phrase such as "following X's visit" dates the
 * event by another one only when the date stands outside that phrase:
 * "following Bolsonaro’s visit to China in late October" dates the visit.
 *
 * `others`, when given, are the other date expressions of the sentence
 * (UTF-16 ranges): a cue nearer one of them than this date, parted from
 * this date by a comma or a coordinator ("and", "but", "then", "while") and
 * not from the other, is that date's word ("at its Qingdao summit in June
 * 2018 and held its first meeting Sept. 9": "meeting" types the Sept. 9
 * event, not June 2018's; "on Dec. 10 and his meeting with Kissinger in
 * September": "meeting" is September's). Dates joined by nothing but a
 * conjunction or a comma ("conducted two … simulations … in May 2016 and
 * December 2017") are one group: the cue nearest the group types each.
 *
 * `within`, when given, is the phrase the date governs alone (an occasion
 * it names: "During the 11th BRICS summit on Nov. 14, … met … prior to the
 * summit"): only cues inside it count.
 */
export function classifyNearDate(
  sentence: string,
  at: number,
  length: number,
  rules: { value: string; cues: RegExp[] }[],
  others: readonly (readonly [number, number])[] = [],
  within?: readonly [number, number],
): EventTypeResult {
  // "the 1979 Islamic Revolution": the date belongs to the name that follows; nothing here types it.
  if (/^\d{4}$/.test(sentence.slice(at, at + length)) && /\bthe\s$/i.test(sentence.slice(Math.max(0, at - 4), at))) {
    return { event_type: 'other', event_type_cue: null };
  }
  // "Since its inception in 2006 as a platform for … dialogue": what is dated is the founding, not what it is for.
  if (FOUNDING_BEFORE.test(sentence.slice(Math.max(0, at - 80), at))) {
    return { event_type: 'other', event_type_cue: null };
  }
  let best: { distance: number; order: number; value: string; cue: string } | null = null;
  const clause = clauseOf(sentence, at, length);
  // "in May 2016 and December 2017": dates joined by a conjunction stand as one; a cue of the group types each.
  let lo = at;
  let hi = at + length;
  let rest = [...others];
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of rest) {
      if ((o[0] >= hi && COORDINATED.test(sentence.slice(hi, o[0]))) || (o[1] <= lo && COORDINATED.test(sentence.slice(o[1], lo)))) {
        lo = Math.min(lo, o[0]);
        hi = Math.max(hi, o[1]);
        rest = rest.filter((x) => x !== o);
        grew = true;
        break;
      }
    }
  }
  const from = Math.max(clause.start, lo - BEFORE_WINDOW, within?.[0] ?? 0);
  // A date that opens its clause, with no other date in it, frames the whole clause ("Between Dec. 27
  // and 30, three … vessels … joined the … forces for anti-piracy … exercises"): its cue may stand
  // anywhere in the clause, as the main verb's object may.
  const opens = /^[\s,“"(]*$/u.test(sentence.slice(clause.start, lo)) && !others.some(([a, b]) => a >= clause.start && b <= clause.end);
  const to = Math.min(clause.end, opens ? clause.end : hi + AFTER_WINDOW, within?.[1] ?? sentence.length);
  const gap = (start: number, end: number, a: number, b: number): number => (end <= a ? a - end : start >= b ? start - b : 0);
  const between = (start: number, end: number, a: number, b: number): string => (end <= a ? sentence.slice(end, a) : start >= b ? sentence.slice(b, start) : '');
  rules.forEach((rule, order) => {
    for (const cue of rule.cues) {
      const global = globalOf(cue);
      for (const m of sentence.slice(from, to).matchAll(global)) {
        const start = from + m.index!;
        const end = start + m[0].length;
        const phrase = sentence.slice(Math.max(sentence.lastIndexOf(',', start), 0), start);
        const dating = DATING_BY_ANOTHER.exec(phrase);
        // The date inside the same phrase, after its "following", is that phrase's own.
        const dateInPhrase = dating !== null && at > start && !/[,;]/u.test(sentence.slice(start, at));
        if (dating && !dateInPhrase) continue;
        // "argued that Russia took the step in May 2015": the saying is not what the date dates.
        if (rule.value === 'statement' && at > end && (REPORTS.test(sentence.slice(end, at)) || (VERB_CUE.test(m[0]) && REPORTS_OBJECT.test(sentence.slice(end, at))))) continue;
        let distance = gap(start, end, lo, hi);
        // "two naval drills (with Lorvia in May and with Vell at the year-end)": the noun before a
        // parenthesis heads every item of it, so it types each item's date, not the nearest alone.
        const heads = headedParenthesis(sentence, end);
        const headsBoth = (a: number): boolean => heads !== null && heads[0] < lo && hi <= heads[1] && heads[0] < a && a < heads[1];
        if (rest.some(([a, b]) => gap(start, end, a, b) < distance && SEPARATES.test(between(start, end, lo, hi)) && !SEPARATES.test(between(start, end, a, b)) && !headsBoth(a))) continue;
        // A cue that names the occasion ("on the sidelines of the summit", "in his speech to
        // the 16th Valdai Forum") yields to one that names what happened there.
        if (OCCASION_BEFORE.test(sentence.slice(Math.max(0, start - 60), start))) distance += DEMOTION;
        if (!best || distance < best.distance || (distance === best.distance && order < best.order)) {
          best = { distance, order, value: rule.value, cue: m[0] };
        }
      }
    }
  });
  const found = best as { value: string; cue: string } | null;
  if (found) return { event_type: found.value, event_type_cue: found.cue };
  // "“…,” said Karaganov when interviewed by the journal Sight on Dec. 3": a quotation's attribution
  // that the date's clause holds dates the saying, however far the date stands from the verb.
  // The verb is one of the statement type's own cues (event_type.yaml), right after the closing mark.
  const statement = rules.find((r) => r.value === 'statement');
  const before = sentence.slice(clause.start, lo);
  for (const mark of statement ? before.matchAll(CLOSING_MARK) : []) {
    const from = mark.index! + mark[0].length;
    if (/[;.!?]\s/u.test(before.slice(from))) continue;
    for (const cue of statement!.cues) {
      const verb = compiled(`^(?:${cue.source})`, cue.flags.replace('g', '')).exec(before.slice(from));
      if (verb) return { event_type: 'statement', event_type_cue: verb[0] };
    }
  }
  return { event_type: 'other', event_type_cue: null };
}

/** A closing quotation mark and what may stand before its attribution's verb ("…,” said Karaganov"). */
const CLOSING_MARK = /[”"]\s*,?\s+/gu;
