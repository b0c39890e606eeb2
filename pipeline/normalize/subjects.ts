/**
 * What a figure describes: its subject, an entity or an event, by rules over
 * the resolved mentions around it, tried in this order (claims.subject_rule):
 *   time_relation        a span of time measured from a thing ("three days
 *                        after the naval drills"): that thing (see relatedOf);
 *   contingent           a party sent, deployed or contributed the figure to
 *                        an exercise ("China sent 1,600 troops" to
 *                        Center-2019), or a group "from" states listed in
 *                        the sentence or entry of an exercise: the exercise
 *                        is the subject and the sender its party (see
 *                        contingentOf);
 *   compared             the figure is compared with another thing's ("half
 *                        of that for the East-2018 maneuvers"): the thing of
 *                        the same type under discussion (see comparedOf);
 *   modified_noun        the figure modifies a noun phrase that names an entity
 *                        of a fitting type ("the 8,000-km “Power of Siberia” gas line");
 *   named_next           a thing named right after the figure's words, in its
 *                        clause, by a naming word ("two simulations
 *                        code-named “Aerospace Security”") or as the means
 *                        the figure holds through ("three years through the
 *                        Lifeline Express …"): the figure describes that
 *                        thing, not a body named further away (see namedNextOf);
 *   of_phrase            a share's "of" phrase names one ("43% of China's oil imports");
 *   definite_description the figure modifies a definite noun phrase ("the
 *                        2,200-meter rail bridge") whose last words end a
 *                        fitting entity's name, or follow it, earlier in the
 *                        paragraph ("the first Russia-China rail bridge");
 *   same_sentence        the nearest fitting entity named before the figure in
 *                        its sentence, a definite description resolved above
 *                        included, but not across a semicolon, colon or dash
 *                        (a list of separate items); not when a "from" phrase
 *                        names several states (the figure then counts a group);
 *   chronology_event     the event whose chronology entry holds the figure.
 * A curated statement overrides them all. A fitting type is one of the
 * property's subject_types (schema/vocabularies/claim_properties.yaml).
 * Demonyms ("Russian") are never subjects, and an entity named between a
 * number and its unit ("three Russian ships") is that figure's party, not a
 * subject for its neighbours. A figure no rule attaches keeps no subject and
 * goes to the curator list.
 *
 * Every look-up is a binary search over the mentions sorted by position, so
 * the cost grows with figures × log(mentions).
 */
import type { CpSpan, NumberFinding } from '../extract/numbers.ts';

export const STEP = { id: 'normalize/subjects', version: '1.0.0' };

export type SubjectRule = 'curated' | 'time_relation' | 'contingent' | 'compared' | 'modified_noun' | 'named_next' | 'of_phrase' | 'definite_description' | 'same_sentence' | 'chronology_event';

export interface Spot {
  entity_id: string;
  start: number;
  end: number;
  mention_kind: string;
  /** The words of the mention as the display text shows them, to find it in the figure's sentence. */
  surface?: string;
}

export interface Attachment {
  subject_id: string | null;
  subject_table: 'entities' | 'events' | null;
  rule: SubjectRule | null;
  party_id: string | null;
  /** The noun phrase, resolved: later figures of the sentence may take it as their subject. */
  resolved_phrase: Spot | null;
}

/** Mentions of one source, sorted by start, with range queries. */
export class MentionIndex {
  private readonly spots: Spot[];
  private readonly starts: number[];

  constructor(spots: Spot[]) {
    this.spots = [...spots].sort((a, b) => a.start - b.start || a.end - b.end);
    this.starts = this.spots.map((s) => s.start);
  }

  /** Mentions that start in [from, to), in order. */
  startingIn(from: number, to: number): Spot[] {
    const out: Spot[] = [];
    for (let i = lowerBound(this.starts, from); i < this.spots.length && this.spots[i]!.start < to; i++) out.push(this.spots[i]!);
    return out;
  }
}

function lowerBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface SubjectContext {
  mentions: MentionIndex;
  types: Map<string, string>;
  /** The event whose chronology entry holds a code-point position, if any. */
  eventAt: (start: number) => string | null;
  /** Noun phrases resolved earlier in the same sentence. */
  resolved: Spot[];
  /** Words between number and unit of every figure of the sentence: their entities are parties. */
  partySpans: CpSpan[];
}

const PARTY_TYPES = new Set(['state', 'armed_force', 'organization']);
/** How far after a name its noun's last words may start: a closing quote, a parenthesis and a space. */
const FOLLOWS = 3;

const inside = (s: Spot, span: CpSpan): boolean => s.start >= span.start && s.end <= span.end;

export function attachSubject(f: NumberFinding, subjectTypes: string[], ofSubject: boolean, ctx: SubjectContext): Attachment {
  const fits = (s: Spot): boolean => s.mention_kind !== 'demonym' && subjectTypes.includes(ctx.types.get(s.entity_id) ?? '');
  const party = partyOf(f, ctx);
  const done = (subject: string, table: 'entities' | 'events', rule: SubjectRule, phrase: Spot | null = null): Attachment => ({
    subject_id: subject,
    subject_table: table,
    rule,
    party_id: party === subject ? null : party,
    resolved_phrase: phrase,
  });
  const related = relatedOf(f, fits, ctx);
  if (related) return done(related.entity_id, 'entities', 'time_relation');
  const sent = contingentOf(f, ctx);
  // A group "from" states is a contingent only when its property can describe the exercise or gathering ("$5 billion from China" at a forum is no contingent of it).
  if (sent && (!f.from_phrase || subjectTypes.includes(ctx.types.get(sent.subject) ?? ''))) return { subject_id: sent.subject, subject_table: 'entities', rule: 'contingent', party_id: sent.party, resolved_phrase: null };
  const compared = comparedOf(f, ctx);
  if (compared) return { subject_id: compared.subject, subject_table: 'entities', rule: 'compared', party_id: compared.party, resolved_phrase: null };
  const np = f.noun_phrase;
  if (np) {
    const hit = ctx.mentions.startingIn(np.start, np.end).find((s) => s.end <= np.end && fits(s));
    if (hit) return done(hit.entity_id, 'entities', 'modified_noun', { ...hit, start: np.start, end: np.end });
  }
  // "two Japanese Coast Guard ships", "three US Navy destroyers": a body of the property's subject types
  // named between the number and its unit is whose things are counted (a demonym there is not: "three
  // Russian vessels" says whose only as an adjective, and stays a party).
  const between = f.between;
  if (between) {
    const hit = ctx.mentions.startingIn(between.start, between.end).find((s) => s.end <= between.end && fits(s));
    if (hit) return done(hit.entity_id, 'entities', 'modified_noun');
  }
  const next = namedNextOf(f, fits, ctx);
  if (next) return done(next.entity_id, 'entities', 'named_next');
  if (ofSubject && f.of_phrase && !COMPARED.test(f.of_phrase.text)) {
    const span = f.of_phrase;
    const hit = ctx.mentions.startingIn(span.start, span.end).find((s) => s.end <= span.end && fits(s));
    if (hit) return done(hit.entity_id, 'entities', 'of_phrase');
  }
  if (np && f.definite) {
    for (const h of [...f.head_hits].reverse()) {
      // A name that holds the words ("Russia-China rail bridge"), or that they follow ("Power of Siberia gas line").
      const near = ctx.mentions.startingIn(Math.max(0, h.start - 120), h.start + 1).filter(fits);
      const hit = near.reverse().find((s) => (s.start <= h.start && h.end <= s.end) || (s.end <= h.start && h.start - s.end <= FOLLOWS));
      if (hit) return done(hit.entity_id, 'entities', 'definite_description', { ...hit, start: np.start, end: np.end });
    }
  }
  const group = f.from_phrase ? ctx.mentions.startingIn(f.from_phrase.start, f.from_phrase.end).filter((s) => PARTY_TYPES.has(ctx.types.get(s.entity_id) ?? '')) : [];
  if (new Set(group.map((s) => s.entity_id)).size < 2) {
    const before = [
      ...ctx.mentions.startingIn(f.clause_start, f.span_start).filter((s) => s.end <= f.span_start),
      ...ctx.resolved.filter((s) => s.start >= f.clause_start && s.end <= f.span_start),
    ]
      .filter((s) => fits(s) && !ctx.partySpans.some((p) => inside(s, p)))
      .sort((a, b) => a.start - b.start);
    const hit = before[before.length - 1];
    if (hit) return done(hit.entity_id, 'entities', 'same_sentence');
  }
  const event = ctx.eventAt(f.span_start);
  if (event) return done(event, 'events', 'chronology_event');
  return { subject_id: null, subject_table: null, rule: null, party_id: party, resolved_phrase: null };
}

/** Kinds of thing a figure can hold through or be the name of: not the states and bodies that take part. */
const THING_TYPES = new Set(['project', 'exercise', 'treaty', 'forum', 'concept', 'system']);
/** Between the figure's words and the name: the rest of its noun phrase (a few words), then a naming word and an opening mark. */
const NAMING_BEFORE = /^,?\s*(?:[\p{L}-]+\s+){0,2}?(?:so-called|called|named|dubbed|code-named|codenamed|designated|known\s+as|titled)\s+[“"*]*$/u;
/** Between the figure's words and the name: words of its clause (no clause break), then a preposition of means and an article. */
const MEANS_BEFORE = /^[^,;:—–.()“”"]*\b(?:through|via|by\s+means\s+of|by\s+way\s+of)\s+(?:the\s+|an?\s+)?[“"*]*$/u;

/**
 * "two missile defense computer simulations code-named “Aerospace Security”",
 * "1,000 free cataract surgeries … over the next three years through the
 * Lifeline Express International Sight Saving Mission": a thing (project,
 * exercise, treaty, forum, concept or system) named right after the figure,
 * by a naming word that follows the figure's noun phrase (the name of the
 * things counted, whatever the property's subject types) or, of a fitting
 * type, as the means its clause holds through, is what the figure describes.
 * The first such mention after the figure in its sentence decides; a clause
 * break or a parenthesis between them breaks the link.
 */
export function namedNextOf(f: Pick<NumberFinding, 'after' | 'span_end' | 'sentence_end'>, fits: (s: Spot) => boolean, ctx: Pick<SubjectContext, 'mentions' | 'types'>): Spot | null {
  const later = ctx.mentions.startingIn(f.span_end, f.sentence_end).filter((s) => s.end <= f.sentence_end && s.surface && s.mention_kind !== 'demonym' && THING_TYPES.has(ctx.types.get(s.entity_id) ?? ''));
  for (const s of later) {
    const at = f.after.indexOf(s.surface!);
    if (at < 0) continue;
    const between = f.after.slice(0, at);
    // A name given to the things counted is theirs whatever the property's subject types; a means must fit them.
    if (NAMING_BEFORE.test(between) || (MEANS_BEFORE.test(between) && fits(s))) return s;
    return null;
  }
  return null;
}

/** "half of that for X": X is what the figure is compared with, not what it describes. */
const COMPARED = /^of\s+(?:that|those)\b/u;

/** Verbs by which a party gives a contingent to an exercise or a gathering. */
const SENDING = /\b(?:sen[dt]s?|sending|deploy(?:s|ed|ing)?|contribut(?:es?|ed|ing)|dispatch(?:es|ed|ing)?|committ?(?:s|ed|ing)?|field(?:s|ed|ing)?)\b/giu;
/** What a contingent is sent to. */
const DESTINATION_TYPES = new Set(['exercise', 'forum']);
/** How far before a narrative figure's paragraph the exercise it is sent to may be named (a paragraph broken by a page, or the one before). */
const LOOKBACK = 1200;

/**
 * "three days after the Iran-China-Russia naval drills": a span of time
 * measured from (or to) a thing describes the time since that thing, so the
 * thing named first in the relation phrase, if of a fitting type, is the
 * subject; the figure's own sentence subject is not ("On Jan. 2, 2020, three
 * days after the drills, Soleimani was killed" is no figure of Soleimani).
 */
export function relatedOf(f: NumberFinding, fits: (s: Spot) => boolean, ctx: Pick<SubjectContext, 'mentions'>): Spot | null {
  const phrase = f.relation_phrase;
  if (!phrase) return null;
  return ctx.mentions.startingIn(phrase.start, phrase.end).find((s) => s.end <= phrase.end && fits(s)) ?? null;
}

/**
 * "China sent 1,600 troops, 300 pieces of equipment, and 30 aircraft": the
 * figure counts what the sender gave to an exercise, so its subject is the
 * exercise and the sender its party, not the sender's own strength. The
 * sender is the state, force or body named before the sending verb in the
 * figure's clause, and the verb's object list must reach the figure (no
 * clause break or relative pronoun between); the exercise is the one named
 * after the figure in its sentence ("to Center-2019"), else the last one
 * named before it in its chronology entry, or in its paragraph or the
 * LOOKBACK code points before it. A figure with its own "from" list
 * ("together with 750 men from Pakistan, India, …") is the contingent of the
 * states it lists, to the same exercise when the sending verb's list reaches
 * it, or to the exercise its sentence or chronology entry names: its party is
 * the one state listed, or none when it lists several (the figure counts
 * them together). A figure with no exercise to be found is left to the other
 * rules.
 */
export function contingentOf(f: NumberFinding, ctx: Pick<SubjectContext, 'mentions' | 'types' | 'partySpans'>): { subject: string; party: string | null } | null {
  const type = (s: Spot): string => ctx.types.get(s.entity_id) ?? '';
  if (f.from_phrase) return groupContingentOf(f, f.from_phrase, ctx);
  const clause = f.before.slice(Math.max(f.before.lastIndexOf(';'), f.before.lastIndexOf(':'), f.before.lastIndexOf('—')) + 1);
  const verbs = [...clause.matchAll(SENDING)];
  const verb = verbs.at(-1);
  if (!verb) return null;
  const object = clause.slice(verb.index! + verb[0].length);
  if (/[.;:—]|\b(?:who|which|that|when|while|where|after|before)\b/iu.test(object)) return null;
  // Display text drops markup, so the verb stands at least this far before the figure in the stored text.
  const verbBefore = f.span_start - (clause.length - verb.index!);
  const sender = ctx.mentions
    .startingIn(f.clause_start, verbBefore)
    .filter((s) => s.end <= verbBefore && s.mention_kind !== 'demonym' && PARTY_TYPES.has(type(s)) && !ctx.partySpans.some((p) => inside(s, p)))
    .at(-1);
  if (!sender) return null;
  const destination = destinationOf(f, ctx);
  return destination ? { subject: destination.entity_id, party: sender.entity_id } : null;
}

/** The exercise a contingent is sent to: named after the figure in its sentence, else the last one named before it (its entry, or its paragraph and the LOOKBACK before). */
function destinationOf(f: NumberFinding, ctx: Pick<SubjectContext, 'mentions' | 'types'>): Spot | null {
  const type = (s: Spot): string => ctx.types.get(s.entity_id) ?? '';
  const after = ctx.mentions.startingIn(f.span_end, f.sentence_end).find((s) => DESTINATION_TYPES.has(type(s)));
  const from = f.section === 'chronology' ? f.paragraph_start : Math.max(0, f.paragraph_start - LOOKBACK);
  const before = ctx.mentions.startingIn(from, f.span_start).filter((s) => s.end <= f.span_start && DESTINATION_TYPES.has(type(s))).at(-1);
  return after ?? before ?? null;
}

/** "together with 750 men from Pakistan, India, …": see contingentOf. */
function groupContingentOf(f: NumberFinding, list: CpSpan, ctx: Pick<SubjectContext, 'mentions' | 'types'>): { subject: string; party: string | null } | null {
  const type = (s: Spot): string => ctx.types.get(s.entity_id) ?? '';
  const states = [...new Set(ctx.mentions.startingIn(list.start, list.end).filter((s) => s.end <= list.end && PARTY_TYPES.has(type(s))).map((s) => s.entity_id))];
  if (states.length === 0) return null;
  const clause = f.before.slice(Math.max(f.before.lastIndexOf(';'), f.before.lastIndexOf(':'), f.before.lastIndexOf('—')) + 1);
  const verb = [...clause.matchAll(SENDING)].at(-1);
  const reached = verb !== undefined && !/[.;:—]|\b(?:who|which|that|when|while|where|after|before)\b/iu.test(clause.slice(verb.index! + verb[0].length));
  // Without a sending verb, only an exercise its own sentence (or entry) names: a group "from" somewhere is otherwise no contingent.
  const named = f.section === 'chronology'
    ? ctx.mentions.startingIn(f.paragraph_start, f.sentence_end).filter((s) => DESTINATION_TYPES.has(type(s)))
    : ctx.mentions.startingIn(f.sentence_start, f.sentence_end).filter((s) => DESTINATION_TYPES.has(type(s)));
  const destination = reached ? destinationOf(f, ctx) : (named.find((s) => s.start >= f.span_end) ?? named.filter((s) => s.end <= f.span_start).at(-1) ?? null);
  if (!destination) return null;
  return { subject: destination.entity_id, party: states.length === 1 ? states[0]! : null };
}

/**
 * "the number of Chinese military personnel involved was less than half of
 * that for the East-2018 maneuvers (3,500)": a figure compared with another
 * thing's describes the thing of the same type under discussion, the last
 * one named before it (in its chronology entry, or its paragraph and the
 * LOOKBACK code points before it) other than the one compared with; its party
 * is the one state or body named, by name or demonym, before the figure in
 * its clause. The thing compared with decides the type, not the property:
 * "half of that for an exercise" describes an exercise.
 */
export function comparedOf(f: NumberFinding, ctx: Pick<SubjectContext, 'mentions' | 'types'>): { subject: string; party: string | null } | null {
  const of = f.of_phrase;
  if (!of || !COMPARED.test(of.text)) return null;
  const type = (s: Spot): string => ctx.types.get(s.entity_id) ?? '';
  const other = ctx.mentions.startingIn(of.start, of.end).find((s) => s.end <= of.end && s.mention_kind !== 'demonym' && !['', 'unknown', 'place'].includes(type(s)));
  if (!other) return null;
  const from = f.section === 'chronology' ? f.paragraph_start : Math.max(0, f.paragraph_start - LOOKBACK);
  const same = ctx.mentions
    .startingIn(from, f.span_start)
    .filter((s) => s.end <= f.span_start && s.mention_kind !== 'demonym' && type(s) === type(other) && s.entity_id !== other.entity_id)
    .at(-1);
  if (!same) return null;
  const parties = new Set(ctx.mentions.startingIn(f.clause_start, f.span_start).filter((s) => s.end <= f.span_start && PARTY_TYPES.has(type(s))).map((s) => s.entity_id));
  return { subject: same.entity_id, party: parties.size === 1 ? [...parties][0]! : null };
}

/** The state or body named between the number and its unit, or alone in a "from" phrase. */
export function partyOf(f: NumberFinding, ctx: Pick<SubjectContext, 'mentions' | 'types'>): string | null {
  const of = (span: CpSpan): string[] => [
    ...new Set(ctx.mentions.startingIn(span.start, span.end).filter((s) => s.end <= span.end && PARTY_TYPES.has(ctx.types.get(s.entity_id) ?? '')).map((s) => s.entity_id)),
  ];
  if (f.between) {
    const ids = of(f.between);
    if (ids.length === 1) return ids[0]!;
  }
  if (f.from_phrase) {
    const ids = of(f.from_phrase);
    if (ids.length === 1) return ids[0]!;
  }
  return null;
}
