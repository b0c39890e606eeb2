/**
 * Extract the dated statements of the narrative (everything before the
 * chronology): each date expression with the sentence it stands in. The
 * expressions are the shapes of pipeline/lib/date-shapes.ts: "On Nov. 29",
 * "Sept. 16-19", "Between Dec. 27 and 30", "in May 2015", "In September",
 * "mid-October 2019", "late 2018 and early 2019", "the end of 2016",
 * "summer 2019", "the 1990s", "in 1995", "Since April 2019", "(1989–2019)",
 * "the 2014 Ukraine crisis", and relative phrases ("three days later", "the
 * same day") that the normalizer resolves against the date before them. A
 * bare number is a year only after a preposition or as "the YYYY <Name>",
 * so figures are not read as dates. The front matter (title, citation) and
 * figure captions are not narrative.
 *
 * Each date governs a part of its sentence, read clause by clause (see
 * docs/dates.md, "The part of a sentence a date governs"). A sentence is cut
 * into clauses at semicolons, spaced dashes, before a relative word
 * ("which", "who", "whose", "where", a "that" a finite verb follows, a
 * "when" after a noun of time) and after a comma before a contrasting
 * one ("while", "whereas", "although", "because"); a parenthesis is a
 * clause inside its clause. A date of a main clause (or a parenthesis) is a
 * main date; a date in a clause opened by such a word is a subordinate date
 * (cue: that word), and so is a date that closes an "after", "following",
 * "before" or "ahead of" phrase (it governs that phrase only); a date after
 * "since" or "until" is an open interval (cue: the preposition), and so is a
 * start bound ("from January 1, 2020" that is no range, a date right after
 * "starting", "beginning", "as of", "effective"), except an
 * until its clause negates ("did not complete … until March 2019"), which is
 * a main date (cue: "not … until"); a date of an occasion that opens its
 * clause ("During the 11th BRICS summit on Nov. 14, …") when the clause sets
 * its happening "prior to", "before" or "after" that occasion is a
 * subordinate date of the occasion's phrase only; and a year that names a thing ("the 1979 Islamic
 * Revolution") is attributive (cue: the name), as is a month before a
 * common noun ("a June deadline", cue: those words) and a span of two bare
 * years after an anniversary ("the 30th anniversary of … (1989–2019)"); a
 * date right after a noun phrase naming a founding ("since its inception in
 * 2006") is a subordinate date of that phrase (the founding). A since, until or
 * attributive date governs only its own words; a main or subordinate date
 * governs its clause: a date that opens its clause ("On Aug. 2, the Trump
 * administration terminated …") reads forward to the next date of the
 * clause, a later date reads back to the end of the date before it (so the
 * words between an opening and a closing date are read by both), and the
 * last date of the clause reads to the clause's end; dates joined by a
 * conjunction or a comma ("in May 2016 and December 2017") stand as one
 * and read the same words. A parenthesis that
 * holds nothing but a date ("(1989–2019)") dates the clause around it. A
 * clause with no date belongs to no date (the second half of a semicolon
 * list is not the first half's event; what a relative clause says is not
 * the main event's).
 */
import type { LoadedSource } from '../lib/sources.ts';
import { projectDisplay, rawRange } from '../lib/text.ts';
import { paragraphsOf, sentencesOf, toDisplay } from '../lib/sentences.ts';
import { findingPattern, FROM_DEICTIC, shapeFound } from '../lib/date-shapes.ts';
import { ENTRY } from './chronology.ts';
import { interruptingClause } from '../lib/clauses.ts';
import { provenanceOf, stepLabel, type Provenance, type SourceInput, defineStep } from '../lib/step.ts';
import { compiled } from '../lib/regex.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { source: 'source' },
  run: ({ source }: { source: LoadedSource }) => extractNarrativeDates({ id: source.meta.id, text: source.text }),
});

export interface NarrativeDate extends Provenance {
  kind: 'narrative_date';
  /** narrative, or chronology_text: a date in the text of a chronology entry, after its label. */
  section: 'narrative' | 'chronology_text';
  /** The date expression as a reader sees it, with its preposition ("Since April 2019"). */
  date_label: string;
  /** The sentence, for reading (markup removed). */
  sentence: string;
  /** Code-point range of the part of the sentence the date governs (see below), and of the date expression's start. */
  segment_start: number;
  segment_end: number;
  date_at: number;
  /** The date shape that found it (pipeline/lib/date-shapes.ts). */
  shape: string;
  /** Code-point range of the clause the date stands in. */
  clause_start: number;
  clause_end: number;
  /** How the date stands in its sentence (see above), and the words that say so. */
  date_role: DateRole;
  date_role_cue: string | null;
  /**
   * When the date governs a phrase only (an occasion it names, an "after …"
   * phrase), that phrase as a UTF-16 range of `sentence`: what the row is
   * typed from. Null when it governs its clause or its own words.
   */
  phrase: [number, number] | null;
  /**
   * Position of its paragraph in the text (1-based; a heading between two paragraphs counts as one, so
   * they are not adjacent): a relative phrase is anchored within its paragraph, or by the paragraph
   * right before (normalize/narrative-events.ts).
   */
  paragraph: number;
  sequence: number;
  line: number;
}

export type DateRole = 'main' | 'subordinate' | 'since' | 'until' | 'attributive';

/** Relative words open a clause of their own, with or without a comma before them ("the treaty, which became official on …"). */
const RELATIVES = ['which', 'who', 'whom', 'whose', 'where'];
/**
 * Contrasting conjunctions open one only after a comma ("…, while Russia
 * had just started"); temporal ones ("when", "after", "until") do not: the
 * time they give is most often the main clause's ("said Karaganov when
 * interviewed … on Dec. 3").
 */
const CONTRASTS = ['while', 'whereas', 'although', 'though', 'because'];
const SUBORDINATORS = [...RELATIVES, ...CONTRASTS];
const OPENER = new RegExp(`,\\s+(?=(?:${SUBORDINATORS.join('|')})\\b)|\\s+(?=(?:${RELATIVES.join('|')})\\b)`, 'giu');
/**
 * "that" opens a relative clause when a finite verb follows it, perhaps
 * after an adverb ("the conflicts that started in February", "a deal that
 * eventually led to …"); after a verb of saying or knowing, or before a
 * noun ("said that Russia …", "that year"), it does not. A word in -ed is
 * a verb only before what follows a verb (an article, a preposition, a name,
 * punctuation): "found that increased trade …" is an adjective.
 */
const SAYING = ['said', 'says', 'say', 'saying', 'argued', 'argues', 'warned', 'warns', 'stated', 'states', 'noted', 'notes', 'added', 'adds', 'stressed', 'believed', 'believes', 'thought', 'thinks', 'announced', 'claimed', 'insisted', 'agreed', 'reported', 'suggested', 'explained', 'hoped', 'knew', 'knows', 'showed', 'shows', 'found', 'finds', 'concluded', 'decided', 'ensured', 'meant', 'means', 'indicated', 'emphasized', 'declared', 'confirmed', 'admitted', 'revealed', 'feared', 'predicted', 'expected', 'recalled', 'denied', 'promised', 'pledged', 'proposed', 'urged', 'so', 'such', 'now', 'given'];
const FINITE = ['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'could', 'can', 'may', 'might', 'must', 'should', 'shall', 'did', 'does', 'began', 'begins', 'led', 'leads', 'took', 'takes', 'made', 'makes', 'came', 'comes', 'went', 'saw', 'became', 'becomes', 'brought', 'holds', 'met', 'grew', 'rose', 'fell', 'won', 'broke', 'gave', 'sought', 'fought', 'remains', 'seems', 'runs', 'ran', 'starts', 'ends', 'includes'];
const VERB_FOLLOWS = String.raw`\s*(?:[,.;:]|$)|\s+(?:[\p{Lu}\d]|(?:the|a|an|its|their|his|her|this|these|those|to|in|on|at|for|with|by|from|into|over|after|before|during|until|since|as|about|against|between|up|down|out|off|\p{Ll}+ly)\b)`;
const RELATIVE_THAT = new RegExp(
  String.raw`(?<!\b(?:${SAYING.join('|')}),?\s*)\s+(?=that\s+(?:\p{Ll}+ly\s+)?(?:\p{Ll}+ed(?=${VERB_FOLLOWS})|(?:${FINITE.join('|')})\b))`,
  // Case matters: with the i flag \p{Lu} would match any letter.
  'gu',
);
/**
 * "when" after a noun of time is a relative word ("at a time when tensions
 * rose in May 2018"); after anything else it is a temporal conjunction, and
 * right after a date it restates that date ("in February when a suicide
 * attack …"): neither cuts.
 */
const RELATIVE_WHEN = /(?<=\b(?:day|days|week|weeks|month|months|year|years|time|times|moment|period|era|decade|season|night|morning|evening|afternoon|century|point|stage))\s+(?=when\b)/giu;
/** Two dates of one clause joined by nothing but a conjunction or a comma ("in May 2016 and December 2017") date the same words. */
export const COORDINATED = /^\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or|as well as)\s+)$/iu;
/** Semicolons and spaced dashes end a clause too (an unspaced dash is a range: "Sept. 16–21"). */
const PUNCTUATION = /;\s*|\s+[—–]\s+|—/gu;
/** A parenthesis is an aside inside its clause: a clause of its own, around which the outer clause goes on. */
const PARENTHESIS = /\(([^()]*)\)/gu;
/**
 * The name a year stands in: capitalized words after it, and the common
 * noun that may end it ("the 2014 Ukraine crisis"), after an adjective of
 * its own ("the 2020 US presidential election").
 */
const NAME_AFTER = /^(?:[ \-–][\p{Lu}][\p{L}\d’'-]*)+(?: \p{Ll}+(?:al|ic|ary|ive|ian)(?= \p{Ll}))?(?: (?!(?:and|or|of|in|on|at|to|for|with|by|from|as|that|which|who|was|were|is|are|has|had|have|will|would|can|could|may|might|must|should|shall)\b)\p{Ll}+\b)?/u;

export interface Clause {
  start: number;
  end: number;
  /** The word that opens a subordinate clause, lower case; null for a main clause. */
  cue: string | null;
  /** The inside of a parenthesis. */
  inner: boolean;
}

/** A sentence's clauses, as UTF-16 ranges of it: the outer ones in order, then the parentheses. */
export function clausesOf(sentence: string): Clause[] {
  const inner: Clause[] = [...sentence.matchAll(PARENTHESIS)].map((m) => ({ start: m.index! + 1, end: m.index! + m[0].length - 1, cue: null, inner: true }));
  // What a parenthesis says does not cut the clause around it.
  const masked = sentence.replace(PARENTHESIS, (m) => ' '.repeat(m.length));
  const cuts = new Map<number, number>();
  // Where a clause opened by a relative "that" or "when" starts: a word that opens other clauses too ("; that day, …").
  const relative = new Map<number, string>();
  for (const re of [OPENER, PUNCTUATION, RELATIVE_THAT, RELATIVE_WHEN]) {
    for (const m of masked.matchAll(re)) {
      const at = m.index!;
      const after = at + m[0].length;
      if (re === RELATIVE_THAT || re === RELATIVE_WHEN) relative.set(after, re === RELATIVE_THAT ? 'that' : 'when');
      if (!cuts.has(at) || cuts.get(at)! < after) cuts.set(at, after);
    }
  }
  const out: Clause[] = [];
  let start = 0;
  for (const [at, after] of [...cuts].sort((a, b) => a[0] - b[0])) {
    if (at < start) continue;
    if (at > start) out.push({ start, end: at, cue: null, inner: false });
    start = after;
  }
  if (start < sentence.length) out.push({ start, end: sentence.length, cue: null, inner: false });
  for (const c of out) {
    const word = /^[\p{L}]+/u.exec(sentence.slice(c.start))?.[0].toLowerCase() ?? '';
    c.cue = SUBORDINATORS.includes(word) ? word : relative.get(c.start) === word ? word : null;
  }
  return [...out, ...inner];
}

export interface Placed {
  index: number;
  length: number;
  label: string;
  shape: string;
}

export interface Governed {
  segment: [number, number];
  clause: [number, number];
  role: DateRole;
  cue: string | null;
  /** The date closes an "after …" or "following …" phrase and governs only it. */
  phrase?: boolean;
}

/** A negation before "until" in its clause: the date is when the thing happens at last. */
const NEGATED = /(\bnot\b|\bnever\b|n[’']t\b)[^,;]*$/iu;
/**
 * A temporal preposition that opens a phrase of words (an event of its own)
 * with no comma between it and the date: "after the Trump administration
 * pulled out of the Iranian nuclear deal in May 2018". The phrase must hold
 * words other than the date ("After Sept. 5, …" is the clause's own time).
 */
const TEMPORAL_PHRASE = /\b(after|following|before|ahead of)\s+[^,;]*?\S\s+$/iu;

/** The words of a range inside a "from" label ("from May 5 to May 9"): a closed range, no start bound. */
const RANGE_IN = /\s(?:to|through|till|until|and)\s|\d\s*[–—-]\s*\d/iu;
/** Words right before a date that make it a start bound: "starting Jan. 1", "as of March 2020", "beginning on May 5", "effective June 1". */
const START_BOUND = /\b(starting|beginning|as of|effective)\s+(?:(?:on|in|from)\s+)?$/iu;
/** A span of two bare years ("1989–2019"): the shape an anniversary is measured in. */
const ANNIVERSARY_SPAN = /^\(?\d{4}\s*[–—-]\s*\d{4}\)?$/u;
/** The anniversary before such a span's parenthesis, in the same clause: "the 30th anniversary of the treaty (". */
const ANNIVERSARY_BEFORE = /((?:\b(?:\d+(?:st|nd|rd|th)|\p{Ll}+(?:th|st|nd|rd))\s+)?\b(?:anniversar(?:y|ies)|jubilee|centenary|centennial)\b[^;:()]*?)\s*\(?\s*$/iu;
/**
 * A founding named by a noun phrase right before the date ("since its inception in 2006",
 * "at its founding in 2001", "after the creation of the group in June 2001"): the date is the
 * founding's, a subordinate date of that phrase (cue: the phrase's head words).
 */
const FOUNDING_PHRASE = /\b((?:(?:since|at|after|upon|from)\s+)?(?:its|their|his|her|the)\s+(?:inception|founding|foundation|establishment|creation|launch))\b(?:\s+of\s+(?:the\s+)?[\p{L}\p{N}’'-]+(?:\s+[\p{L}\p{N}’'-]+){0,3})?\s+$/iu;

/**
 * The part of a sentence each of its dates governs, by the clause rule of
 * this file's header; positions are UTF-16 offsets in the sentence.
 */
export function governedParts(sentence: string, dates: Placed[]): Governed[] {
  const clauses = clausesOf(sentence);
  const holds = (c: Clause, at: number): boolean => c.start <= at && at < c.end;
  // A date inside a parenthesis belongs to it, not to the clause around it,
  // unless the parenthesis holds nothing else: "normalization of relations
  // (1989–2019)" dates the words before it.
  const onlyDates = (c: Clause): boolean => {
    let rest = sentence.slice(c.start, c.end);
    for (const d of dates) if (holds(c, d.index)) rest = rest.replace(d.label, '');
    return /^[\s,;.–-]*$/u.test(rest);
  };
  const clauseOf = (at: number): number => {
    const paren = clauses.findIndex((c) => c.inner && holds(c, at) && !onlyDates(c));
    return paren >= 0 ? paren : Math.max(0, clauses.findIndex((c) => !c.inner && holds(c, at)));
  };
  const out: Governed[] = dates.map((d) => {
    const c = clauses[clauseOf(d.index)] ?? { start: 0, end: sentence.length, cue: null, inner: false };
    // "from January 1, 2020" (not "from May 5 to May 9"), "starting Jan. 1", "as of March": a start bound
    // opens an interval, as "since" does; the row is the interval's start, not a happening at the date.
    // "the results from this summer", "up from last year": no interval opens (FROM_DEICTIC).
    const from = /^from\b/i.test(d.label) && !RANGE_IN.test(d.label.slice(4)) && !FROM_DEICTIC.test(d.label);
    const startBound = from ? null : START_BOUND.exec(sentence.slice(c.start, d.index));
    const preposition = from || startBound ? 'since' : /^(since|until|till)\b/i.exec(d.label)?.[1]!.toLowerCase();
    const before = sentence.slice(0, d.index);
    const end = d.index + d.length;
    // "did not complete its link until March 2019": a negated until is when the thing happens, a main date of its clause.
    const negation = preposition === 'until' || preposition === 'till' ? NEGATED.exec(sentence.slice(c.start, d.index)) : null;
    if (negation) return { segment: [c.start, c.end], clause: [c.start, c.end], role: 'main', cue: `${negation[1]!.toLowerCase()} … ${preposition}` };
    if (preposition) return { segment: [d.index, end], clause: [c.start, c.end], role: preposition === 'since' ? 'since' : 'until', cue: from ? 'from' : startBound ? startBound[1]!.toLowerCase().replace(/\s+/gu, ' ') : preposition };
    // "the 30th anniversary of the treaty (1991–2021)": a span of years that measures an anniversary
    // names that anniversary, no happening of its own: like a year in a name, it carries only its words.
    const anniversary = ANNIVERSARY_SPAN.test(d.label) ? ANNIVERSARY_BEFORE.exec(sentence.slice(c.start, d.index)) : null;
    if (anniversary) {
      return { segment: [d.index, end], clause: [c.start, c.end], role: 'attributive', cue: `${anniversary[1]!.trim()} (${d.label})`.replace(/\s+/gu, ' ') };
    }
    // "a June deadline", "the 2001 collision": the month or year dates the noun it stands before, not its clause's happening.
    if (d.shape === 'month_attributive' || d.shape === 'year_attributive' || d.shape === 'month_possessive') {
      const noun = /^(?:[’']s)? [\p{Ll}-]+/u.exec(sentence.slice(end))?.[0] ?? '';
      const article = /(?:\p{L}+) $/u.exec(before)?.[0] ?? '';
      return { segment: [d.index, end + noun.length], clause: [c.start, c.end], role: 'attributive', cue: sentence.slice(d.index - article.length, end + noun.length) };
    }
    if (d.shape === 'year_in_name') {
      const name = NAME_AFTER.exec(sentence.slice(end))?.[0] ?? '';
      const from = /\bthe $/i.test(before) ? d.index - 4 : d.index;
      return { segment: [d.index, end + name.length], clause: [c.start, c.end], role: 'attributive', cue: sentence.slice(from, end + name.length) };
    }
    // "After Sept. 5, …": the clause's first word is the date's own preposition, not a subordinator.
    const own = c.cue !== null && sentence.slice(c.start, d.index).trim() === '' && d.label.toLowerCase().startsWith(c.cue);
    // "During the 11th BRICS summit on Nov. 14, the presidents met … prior to the summit": the date dates the occasion, not what happened before it.
    const occasion = occasionOnly(sentence, c, d);
    if (occasion) return { segment: occasion.segment, clause: [c.start, c.end], role: 'subordinate', cue: occasion.cue, phrase: true };
    // "Since its founding in 2001 as a forum for …, the group has become …": the date dates the
    // founding the noun phrase names, not the clause's happening; it governs that phrase, to its comma.
    const founding = FOUNDING_PHRASE.exec(sentence.slice(c.start, d.index));
    if (founding) {
      const phraseStart = c.start + founding.index;
      const comma = sentence.slice(end, c.end).search(/[,;]/u);
      return { segment: [phraseStart, comma < 0 ? c.end : end + comma], clause: [c.start, c.end], role: 'subordinate', cue: founding[1]!.toLowerCase().replace(/\s+/gu, ' '), phrase: true };
    }
    // "… after the administration pulled out of the deal in May 2018": the date dates the phrase it closes, not the clause.
    const phrase = TEMPORAL_PHRASE.exec(sentence.slice(c.start, d.index));
    if (phrase && !own) {
      const from = c.start + phrase.index;
      return { segment: [from, end], clause: [c.start, c.end], role: 'subordinate', cue: phrase[1]!.toLowerCase(), phrase: true };
    }
    // "The gas line, contracted in 2014, will provide China with …": a date in a participle phrase
    // between commas dates that phrase only, as the participants read its clause (pipeline/lib/clauses.ts).
    const interrupting = interruptingClause(sentence, d.index, d.length);
    if (interrupting && c.start <= interrupting.start && interrupting.end <= c.end) {
      return { segment: [interrupting.start, interrupting.end], clause: [c.start, c.end], role: 'subordinate', cue: interrupting.cue, phrase: true };
    }
    return { segment: [c.start, c.end], clause: [c.start, c.end], role: c.cue && !own ? 'subordinate' : 'main', cue: own ? null : c.cue };
  });
  // Within a clause, the dates that govern it share it out.
  for (let ci = 0; ci < clauses.length; ci++) {
    const c = clauses[ci]!;
    const here = dates.map((d, i) => ({ d, i })).filter(({ d, i }) => clauseOf(d.index) === ci && !out[i]!.phrase && (out[i]!.role === 'main' || out[i]!.role === 'subordinate'));
    // Dates joined by a conjunction ("in May 2016 and December 2017") stand as one: each reads what the group reads.
    const groups: { index: number; length: number; members: number[] }[] = [];
    for (const { d, i } of here) {
      const last = groups[groups.length - 1];
      if (last && COORDINATED.test(sentence.slice(last.index + last.length, d.index))) {
        last.length = d.index + d.length - last.index;
        last.members.push(i);
      } else groups.push({ index: d.index, length: d.length, members: [i] });
    }
    groups.forEach((d, k) => {
      const opens = k === 0 && /^[\s,]*(?:(?:and|but|then|so)\s+)?$/iu.test(sentence.slice(c.start, d.index));
      let from: number;
      let to: number;
      if (opens) {
        from = c.start;
        to = k === groups.length - 1 ? c.end : groups[k + 1]!.index;
      } else {
        // Back to the date before it, even when that one opened the clause and reads forward over the same words:
        // "On Nov. 29, the bridge between Russia and China was finished, 24 years after the two signed in 1995".
        const prev = groups[k - 1];
        from = prev ? prev.index + prev.length : c.start;
        to = k === groups.length - 1 ? c.end : d.index + d.length;
      }
      for (const i of d.members) out[i]!.segment = [from, to];
    });
  }
  return out;
}

/** A clause that opens with the occasion a date names: "During the 11th BRICS summit on Nov. 14 in Brasilia, …". */
const OCCASION_OPENS = /^[\s,]*(?:(?:and|but|then)\s+)?((?:during|at|amid)\s+(?:the|its|his|her|their|this|that|a|an)\s+(?:[^,;]*?\s+)?(\p{L}+))\s+$/iu;

/**
 * A date of an opening occasion phrase ("During the 11th BRICS summit on
 * Nov. 14 in Brasilia, the presidents met on the sidelines prior to the
 * summit") whose clause then sets what it reports before or after that same
 * occasion ("prior to", "before", "ahead of", "after", "following" the
 * occasion's noun): the date dates the occasion, not the clause's happening.
 * It governs the phrase, to its comma; the cue names both ends.
 */
function occasionOnly(sentence: string, c: Clause, d: Placed): { segment: [number, number]; cue: string } | null {
  const opening = OCCASION_OPENS.exec(sentence.slice(c.start, d.index));
  if (!opening) return null;
  const comma = sentence.indexOf(',', d.index + d.length);
  if (comma < 0 || comma >= c.end) return null;
  const noun = opening[2]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const relation = compiled(`\\b(?:prior to|before|ahead of|after|following)\\s+(?:the|its|this|that)\\s+(?:\\p{L}+\\s+){0,2}?${noun}\\b`, 'iu').exec(sentence.slice(comma, c.end));
  if (!relation) return null;
  const from = c.start + opening.index + opening[0].indexOf(opening[1]!);
  return { segment: [from, comma], cue: `${opening[1]!.split(/\s+/u)[0]!.toLowerCase()} … ${relation[0].replace(/\s+/gu, ' ')}` };
}

/** A part of a source's text that a date of its own governs (code points of the source), as the segments of normalize/narrative-events give it. */
export interface DatedPart {
  source: string;
  start: number;
  end: number;
  date_label?: string;
}

/**
 * The part governed by a date of its own that holds a code-point position
 * of a source: in a chronology entry's text, a later sentence with its own
 * date ("Dec. 4, 2019: … consultation … is held in Shanghai … Chinese
 * President Xi Jinping met Patrushev Dec. 2 in Beijing") reports another
 * event, so a name that stands only there takes no part in the entry's.
 */
export function datedPartAt(parts: readonly DatedPart[], sourceId: string, at: number): DatedPart | undefined {
  return parts.find((d) => d.source === sourceId && d.start <= at && at < d.end);
}

/** The role cue of a name that stands only in such a part: which date governs it. Null when none does. */
export function otherDateCue(parts: readonly DatedPart[], sourceId: string, at: number): string | null {
  const part = datedPartAt(parts, sourceId, at);
  return part ? `in the part dated by its own date${part.date_label ? ` “${part.date_label}”` : ''}` : null;
}

// Found by the one table of date shapes, so whatever is found here the normalizer has a reader for.
const EXPRESSION = findingPattern();
const FRONT_MATTER = /Preferred citation|\bVol\. \d+, No\. \d+/;

export function extractNarrativeDates(source: SourceInput): NarrativeDate[] {
  const { text } = source;
  const p = projectDisplay(text.text);
  const d = p.display;
  const out: NarrativeDate[] = [];
  const extractor = stepLabel(STEP);
  const cp = (display: number): number => text.toCodePoint(p.toRaw[Math.min(display, d.length)]!);
  // Paragraphs joined across page breaks, so a sentence cut by a break is one sentence.
  let paragraph = 0;
  for (const para of paragraphsOf(d, d.search(/^CHRONOLOGY OF /m))) {
    // A heading counts as a paragraph of its own, so the paragraphs on either side are not adjacent.
    paragraph += para.after_heading ? 2 : 1;
    if (FRONT_MATTER.test(para.text)) continue;
    // In a chronology entry the label ("Dec. 4, 2019:") is the entry's own date;
    // the dates its text gives after it are other events ("met Patrushev Dec. 2").
    const label = para.section === 'chronology' ? (ENTRY.exec(para.text)?.[0].length ?? 0) : 0;
    for (const { start, end } of sentencesOf(para.text)) {
      const sentence = para.text.slice(start, end);
      const matches = [...sentence.matchAll(EXPRESSION)].filter((m) => start + m.index! >= label);
      // The date is found in its sentence, the same offsets as the matches.
      const parts = governedParts(sentence, matches.map((m) => ({ index: m.index!, length: m[0].length, label: m[0], shape: shapeFound(m).id })));
      // Offsets into the sentence as stored on the finding (white space folded, trimmed).
      const folded = sentence.replace(/\s+/g, ' ').trim();
      const fold = (i: number): number => Math.min(folded.length, sentence.slice(0, i).replace(/\s+/g, ' ').trimStart().length);
      matches.forEach((m, k) => {
        const [rs, re] = rawRange(p, toDisplay(para, start), toDisplay(para, end));
        const g = parts[k]!;
        out.push({
          kind: 'narrative_date',
          section: para.section === 'chronology' ? 'chronology_text' : 'narrative',
          date_label: m[0],
          sentence: folded,
          segment_start: cp(toDisplay(para, start + g.segment[0])),
          segment_end: cp(toDisplay(para, start + g.segment[1])),
          date_at: cp(toDisplay(para, start + m.index!)),
          shape: shapeFound(m).id,
          clause_start: cp(toDisplay(para, start + g.clause[0])),
          clause_end: cp(toDisplay(para, start + g.clause[1])),
          date_role: g.role,
          date_role_cue: g.cue === null ? null : g.cue.replace(/\s+/g, ' '),
          phrase: g.phrase ? [fold(g.segment[0]), fold(g.segment[1])] : null,
          paragraph,
          sequence: out.length + 1,
          line: text.lineOfUnit(rs),
          ...provenanceOf(source, rs, re, extractor),
        });
      });
    }
  }
  return out;
}
