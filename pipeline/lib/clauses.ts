/**
 * A small reader of English clauses, enough to say which words of a sentence
 * a date governs and in what relation a name stands to the clause's verb.
 * It is rule-based and conservative: it splits a sentence only where English
 * marks a new clause unambiguously (a semicolon, a relative pronoun or a
 * contrast after a comma, a participle or preposition that opens a phrase of
 * its own after a comma, "for <noun> to <verb>" with a subject of its own), and it recognizes reported speech only where a
 * speech verb is followed by "that", a colon or an opening quotation mark.
 * Positions are indices into the string given (UTF-16 units); callers pass a
 * text whose markup was masked without changing its length (see maskMarkup).
 */

export type ClauseKind = 'main' | 'relative' | 'subordinate' | 'contrast' | 'appositive' | 'parenthetical' | 'name';

export interface Clause {
  start: number;
  end: number;
  kind: ClauseKind;
  /** The words that opened the clause (", which", ", following", "the 1987 …"), for the row's cue. */
  cue: string | null;
}

/** Link markup, emphasis and escapes replaced by spaces: every position keeps its meaning. */
export function maskMarkup(raw: string): string {
  return raw
    .replace(/\]\(#\)/g, '    ')
    .replace(/[[*]/g, ' ')
    .replace(/\\{1,2}\$/g, (m) => `${' '.repeat(m.length - 1)}$`);
}

/** Boundaries that open a clause of another kind, with what it is. */
const OPENERS: { re: RegExp; kind: ClauseKind }[] = [
  // ", which became official on Aug. 2": what the relative clause says is its own.
  { re: /,\s+(?:which|who|whom|whose|where)\b/giu, kind: 'relative' },
  // ", following Bolsonaro's visit", ", leading to further tension": a phrase of its own.
  { re: /,\s+(?:following|after|before|prior to|ahead of|leading to|followed by|since|until)\b/giu, kind: 'subordinate' },
  // "… in July 2016 while the Russian side had just started": two clauses, two agents.
  { re: /,?\s+(?:while|whereas)\b|,\s+but\b/giu, kind: 'contrast' },
  // "led to an agreement for construction to start later that year": an infinitive with a subject
  // of its own (a common noun, never a name) is a clause; the visit's parties are not its agents.
  { re: /\bfor\s+(?:the\s+)?\p{Ll}+\s+to\s+\p{Ll}+/gu, kind: 'subordinate' },
  // ", the 5th joint exercise … since 2007", ", the first trilateral exercise since …": an
  // appositive that ranks the event in a series speaks of the series, not of this event.
  { re: /,\s+(?:the|its|their)\s+(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|last|latest|largest|biggest)\b/giu, kind: 'appositive' },
];

/**
 * ", contracted in 2014,": a past participle with its own adverbial after a
 * comma is a reduced relative clause. It closes at the next comma, and the
 * clause it interrupts goes on after it (from its own start: a clause is one
 * span, so the interrupting words stay inside the outer one).
 */
const REDUCED_RELATIVE = /,\s+(?:\p{Ll}+ed|held|built|made|signed|sent|set up|begun|won|given|taken|drawn|laid|struck)\s+(?:in|on|at|by|since|during|until|from|between)\b/gu;
/**
 * ", 24 years after the two countries signed …", ", three days after the naval drills,": a
 * span of time before "after" or "before" measures from another happening, which the phrase
 * reports with agents of its own. Closed by a comma it interrupts the clause, as above;
 * running to the sentence's end it is a clause of its own.
 */
const TIME_SPAN = /,\s+(?:or\s+)?(?:(?:some|about|nearly|almost|over|more than)\s+)?(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|many)\s+(?:days?|weeks?|months?|years?|decades?)\s+(?:after|before)\b/giu;

/**
 * The phrases that interrupt a clause and close at a comma (", contracted in 2014,", ", three days
 * after the drills,"), each with where it opens and its closing comma. A time span that runs to
 * the sentence's end is a clause of its own instead: pushed onto `cuts` where given.
 */
function interruptions(text: string, cuts?: { at: number; kind: ClauseKind; cue: string | null }[]): { at: number; close: number; cue: string; kind: ClauseKind }[] {
  const closing: { at: number; close: number; cue: string; kind: ClauseKind }[] = [];
  for (const [re, kind] of [[REDUCED_RELATIVE, 'relative'], [TIME_SPAN, 'subordinate']] as const) {
    for (const m of text.matchAll(re)) {
      const lead = /^,?\s*/u.exec(m[0])![0].length;
      const close = text.indexOf(',', m.index! + m[0].length);
      // The clause it interrupts must go on after the comma with its own words, not with "and
      // …" (", continued in June, and ended in July" coordinates verbs of one clause).
      const interrupts = close >= 0 && !/[;.!?]\s/u.test(text.slice(m.index! + m[0].length, close)) && /^\s+(?!(?:and|or|but|then|while|whereas|nor)\b)[\p{L}\p{N}“"‘]/u.test(text.slice(close + 1));
      if (interrupts) closing.push({ at: m.index! + lead, close, cue: m[0].slice(lead), kind });
      // Without a closing comma a participle is no interruption ("…, based in Moscow."): left as it is.
      else if (kind === 'subordinate') cuts?.push({ at: m.index! + lead, kind, cue: m[0].slice(lead) });
    }
  }
  return closing;
}

/**
 * The interrupting phrase a date at [at, at + length) stands in (", contracted in 2014,"), as the
 * clause it is, or null: the extraction's dated parts and the participants' clauses read it alike.
 */
export function interruptingClause(text: string, at: number, length: number): Clause | null {
  const inside = interruptions(text).find((c) => c.at <= at && at + length <= c.close + 1);
  return inside ? { start: inside.at, end: inside.close, kind: inside.kind, cue: inside.cue } : null;
}

/** A finite verb: ", the first vehicle bridge … was finished" is the subject of a clause, not an appositive. */
const FINITE = /\b(?:is|are|was|were|has|have|had|will|would|did|does|can|could)\b/iu;

/** Words that end the noun phrase of a named year ("the 2020 US presidential election will be …"). */
const NAME_STOP = /^(?:with|of|in|on|at|to|for|by|from|between|against|since|after|before|during|and|or|but|which|that|who|when|while|as|will|would|was|were|is|are|has|have|had|be|been|being|can|could|may|might|shall|should|did|does|do|not|also|still)$/iu;

/**
 * The clause a date expression at [at, at + length) of `text` governs.
 * - A bare year written as "the YYYY Name" names a thing ("the 1987 INF
 *   Treaty", "the 2014 Ukraine crisis"): its clause is that noun phrase.
 * - A date inside parentheses governs the parenthesis and the noun phrase
 *   it follows, back to the previous comma ("an anti-terror drill
 *   (Cooperation 2019 in October)").
 * - Otherwise the sentence is cut at the openers above and at semicolons;
 *   the piece that holds the date is its clause.
 */
export function clauseOf(text: string, at: number, length: number): Clause {
  const end = at + length;
  if (/^\d{4}$/.test(text.slice(at, end)) && /\bthe\s+$/iu.test(text.slice(Math.max(0, at - 5), at))) {
    const start = text.slice(0, at).search(/\bthe\s+$/iu);
    let stop = end;
    const word = /\s*([\p{L}\p{N}’'‐-–-]+)/uy;
    for (;;) {
      word.lastIndex = stop;
      const m = word.exec(text);
      if (!m || NAME_STOP.test(m[1]!) || /ed$/u.test(m[1]!)) break;
      stop = word.lastIndex;
    }
    return { start, end: stop, kind: 'name', cue: text.slice(start, stop).trim() };
  }
  const open = text.lastIndexOf('(', at);
  const close = text.indexOf(')', end);
  if (open >= 0 && close >= 0 && text.slice(open, at).indexOf(')') < 0) {
    const from = Math.max(text.lastIndexOf(',', open), text.lastIndexOf(';', open), text.lastIndexOf(')', open));
    return { start: from + 1, end: close + 1, kind: 'parenthetical', cue: null };
  }
  const cuts: { at: number; kind: ClauseKind; cue: string | null }[] = [{ at: 0, kind: 'main', cue: null }];
  // "…; and he was looking forward to …": a pronoun carries the subject on, so the clause goes on too.
  for (const m of text.matchAll(/;(?!\s*(?:(?:and|but)\s+)?(?:he|she|they|we)\b)/giu)) cuts.push({ at: m.index! + 1, kind: 'main', cue: null });
  for (const { re, kind } of OPENERS) {
    for (const m of text.matchAll(re)) {
      // The clause starts after its comma; the comma closes the clause before it.
      const lead = /^,?\s*/u.exec(m[0])![0].length;
      if (kind === 'appositive' && FINITE.test(text.slice(m.index! + lead).split(/[,;]/u)[0]!)) continue;
      cuts.push({ at: m.index! + lead, kind, cue: m[0].slice(lead) });
    }
  }
  const closing = interruptions(text, cuts);
  cuts.sort((a, b) => a.at - b.at);
  const pick = (list: typeof cuts): { start: number; end: number; kind: ClauseKind; cue: string | null } => {
    let i = 0;
    while (i + 1 < list.length && list[i + 1]!.at <= at) i++;
    const next = list[i + 1]?.at ?? text.length;
    // A cut inside the date expression itself ("Sept. 16, 2019, which") does not split it.
    return { start: list[i]!.at, end: Math.max(next, end), kind: list[i]!.kind, cue: list[i]!.cue };
  };
  const inside = closing.find((c) => c.at <= at && end <= c.close + 1);
  if (inside) {
    // The date stands in the participle's phrase: that phrase is its clause.
    const outer = pick(cuts.filter((c) => c.at <= inside.at));
    return { start: inside.at, end: Math.min(inside.close, Math.max(outer.end, end)), kind: inside.kind, cue: inside.cue };
  }
  return pick(cuts);
}

/** Words that make a phrase dated: a month's name, a year, the year's end or a season. */
const DATE_WORD = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:[a-z]*)\.?(?![\p{L}])|\b(?:1[89]|20)\d\d\b|\byear-end\b|\b(?:spring|summer|autumn|winter)\b/u;

/**
 * The part of a clause a date governs when the clause coordinates phrases that
 * each carry a date of their own ("with South Africa in November and with Iran
 * at the year-end"): the coordinated phrase that holds the date, so the names
 * of another dated phrase take no part. A coordination with one date only
 * ("met Putin in Moscow and Xi in Beijing on May 5") is left whole.
 */
export function datedPart(text: string, clause: Clause, at: number, length: number): Clause {
  const body = text.slice(clause.start, clause.end);
  const joints = [...body.matchAll(/,?\s+and\s+(?=(?:with|in|at|on|to|from|for|against|between)\s)/gu)].map((m) => ({ from: clause.start + m.index!, to: clause.start + m.index! + m[0].length }));
  if (joints.length === 0) return clause;
  const edges = [clause.start, ...joints.flatMap((j) => [j.from, j.to]), clause.end];
  const parts: { start: number; end: number }[] = [];
  for (let k = 0; k < edges.length; k += 2) parts.push({ start: edges[k]!, end: edges[k + 1]! });
  if (!parts.every((p) => DATE_WORD.test(text.slice(p.start, p.end)))) return clause;
  const own = parts.find((p) => p.start <= at && at + length <= p.end);
  return own ? { start: own.start, end: own.end, kind: clause.kind, cue: clause.cue } : clause;
}

/** The verbs-then-opener pattern, made once per list of verbs and opener (reportedFrom runs per clause). */
const REPORTING = new WeakMap<readonly string[], Map<RegExp, RegExp>>();
function reportingPattern(verbs: readonly string[], opener: RegExp): RegExp {
  let byOpener = REPORTING.get(verbs);
  if (!byOpener) REPORTING.set(verbs, (byOpener = new Map()));
  let re = byOpener.get(opener);
  if (!re) byOpener.set(opener, (re = new RegExp(`\\b(?:${verbs.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b(?:${opener.source})`, 'iu')));
  return re;
}

/**
 * Where the reported words of a clause begin: after the first speech verb
 * followed by the opener (by default "that", a colon or an opening quotation
 * mark: "warned that “Iran …", "by claiming that the Russia-China ties …"),
 * or null. Names after it are what was said, not who said it.
 */
export function reportedFrom(
  text: string,
  clause: { start: number; end: number },
  verbs: readonly string[],
  opener: RegExp = /(?:\s+\p{Ll}+ly)?,?\s+(?:that\b|:|[“"‘])/u,
): { at: number; cue: string; verb_at: number } | null {
  if (verbs.length === 0) return null;
  const re = reportingPattern(verbs, opener);
  const m = re.exec(text.slice(clause.start, clause.end));
  return m ? { at: clause.start + m.index + m[0].length, cue: m[0].replace(/\s+/gu, ' ').trim(), verb_at: clause.start + m.index } : null;
}
