/**
 * Who took part in each event, and where it happened, from the mentions in
 * the event's text. A narrative event reads only the clause its date governs
 * (pipeline/lib/clauses.ts) within its part of the sentence; a chronology
 * entry reads its whole text. Every person, state, organization and armed
 * force named there gets a row; its role comes from the rules in
 * schema/vocabularies/participant_roles.yaml: what was said ("warned that
 * Iran …") is "mentioned", a state named as where a place lies ("Russia’s
 * Nizhneleninskoye") is "location", then the patterns on the words around
 * the mention. The place is the first place the entry names after "in" or
 * "at" ("in Russia’s Novosibirsk Region" included). Beyond the patterns:
 * the speaker of reported words is marked ("speaker: …") and states named
 * before him in the clause are no party; what "warned of …" names is its
 * topic; what follows "suggested that … be" is proposed; a capital that is
 * its clause's subject stands for its state (the gazetteer's capital-of
 * feature code), and a capital that hosts makes its state the host; a state
 * after "<place> of" is a location; a state or demonym that opens a named
 * person's title ("China’s Ambassador … Zhang", "Russian President Putin") takes
 * part through him (cue "through the title of …"); a demonym of forces that are
 * the clause's agent ("three Russian vessels … joined") takes part; what follows
 * "that" after a speech verb's addressee ("tells Russian media that") is what was
 * said, and a capital after "relations with" in it stands for its state, a topic;
 * the body of a meeting that is only the occasion ("on the sidelines of the G20
 * meeting", "during the SCO summit" after a meeting's word) is only mentioned; an exercise
 * named after a body adds the body; "the two countries" as agents stands for the two states the
 * sentence names; a meeting of another year or still to come ("to be issued
 * at the 2020 SCO summit") is not the entry's, so its body and host state are
 * only mentioned; and of coordinated phrases that each carry a date ("with
 * South Africa in November and with Iran at the year-end") only the date's
 * own is read. A demonym before a delegation's noun ("the first Russian mission")
 * names the state that sent it; persons joined by "and" as their clause's subject
 * share the role the words after the last of them give ("Li and Medvedev traveled
 * to": both visitors); the state of a place travelled to, where the source names
 * it, hosts the visit; and a dated part that opens with "and" and a verb ("… in
 * June and held its first meeting Sept. 9") takes the sentence's opening subject
 * as its agent.
 */
import type { Row, Vocabulary } from '../lib/schema.ts';
import { sentencesOf } from '../lib/sentences.ts';
import { mentionsWithin, sortedMentionsBySource } from './narrative-events.ts';
import { governedStart, speechWordsOf, type DiscoveredEntity, type SpeechWords } from './mentions.ts';
import { withDiscovered } from './quotes.ts';
import { clauseOf, datedPart, maskMarkup, reportedFrom, type Clause } from '../lib/clauses.ts';
import type { GazetteerHit } from '../lib/gazetteer.ts';

import { defineStep } from '../lib/step.ts';
import type { Segments } from './narrative-events.ts';
import { otherDateCue } from '../extract/narrative-dates.ts';
import { compiled } from '../lib/regex.ts';
export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  table: 'event_participants',
  inputs: { events: 'normalize/events', sentences: 'extract/sentences', narrative: 'normalize/narrative-events', mentions: 'normalize/mentions', types: 'resource:entity-types', roles: 'resource:participant-roles', verbs: 'resource:speech-verbs', places: 'resource:places', profiles: 'resource:entity-profiles' },
  run: ({ events, sentences, narrative, mentions, types, roles, verbs, places: gazetteer, profiles }: { events: { rows: Row[] }; sentences: Row[]; narrative: { rows: Row[]; segments: Segments }; mentions: { rows: Row[]; discovered?: DiscoveredEntity[] }; types: Map<string, string>; roles: Vocabulary; verbs: string[]; places: Map<string, GazetteerHit | null>; profiles: Map<string, Row> }) => {
    // Discovered persons, organizations, armed forces and places take part as registry ones do; a name of unknown kind does not.
    const { participants, places } = participantsAndPlaces(
      [...events.rows, ...narrative.rows],
      mentions.rows,
      withDiscovered(types, mentions.discovered ?? []),
      compileRoleRules(roles),
      demonymRules(roles),
      narrative.segments,
      speechWordsOf(verbs, roles),
      sentences,
      capitalsOf(gazetteer, profiles),
      placeStatesOf(gazetteer, profiles),
    );
    return { rows: participants, places };
  },
});

const PARTICIPANT_TYPES = new Set(['person', 'state', 'organization', 'armed_force']);

/**
 * The state each registry place is the capital of, by the gazetteer's own
 * feature codes (GeoNames PPLC, capital of a political entity; PPLG, seat of
 * government), and the registry's state of that country code.
 */
export function capitalsOf(gazetteer: ReadonlyMap<string, GazetteerHit | null>, profiles: ReadonlyMap<string, Row>): Map<string, string> {
  const stateOf = new Map<string, string>();
  for (const [id, p] of profiles) if (p.entity_type === 'state' && p.country_alpha2 && !stateOf.has(String(p.country_alpha2))) stateOf.set(String(p.country_alpha2), id);
  const out = new Map<string, string>();
  for (const [id, hit] of gazetteer) {
    if (!hit || (hit.feature_code !== 'PPLC' && hit.feature_code !== 'PPLG')) continue;
    const state = stateOf.get(hit.country_alpha2);
    if (state) out.set(id, state);
  }
  return out;
}
/**
 * The state each registry place lies in, by the gazetteer's country, where the registry has that
 * state: "traveled to Ardenburg" makes the state of Ardenburg the host of the visit.
 */
export function placeStatesOf(gazetteer: ReadonlyMap<string, GazetteerHit | null>, profiles: ReadonlyMap<string, Row>): Map<string, string> {
  const stateOf = new Map<string, string>();
  for (const [id, p] of profiles) if (p.entity_type === 'state' && p.country_alpha2 && !stateOf.has(String(p.country_alpha2))) stateOf.set(String(p.country_alpha2), id);
  const out = new Map<string, string>();
  for (const [id, hit] of gazetteer) {
    const state = hit ? stateOf.get(hit.country_alpha2) : undefined;
    if (state) out.set(id, state);
  }
  return out;
}
/** "traveled to Ardenburg", "flew to Ardenburg": the destination of travellers. */
const TRAVELLED_TO = /\b(?:travel(?:s|ed|led|ing|ling)?|went|flew|came|arrived\s+in)\s+(?:on\s+to\s+|to\s+)?(?:the\s+)?$/u;
/** "By the end of 2019, Moscow and Beijing continued …": what stands before a capital that is a clause's subject. */
const SUBJECT_BEFORE = /(?:^|[,;:—]|\b(?:and|but|while|whereas|how|that|when|as|both))\s*$/u;
/** … and a verb after it (other capitals joined by "and" between); "Moscow hosts" names the place, not the state. */
const SUBJECT_AFTER = /^(?:,?\s+(?:and\s+)?\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?)*,?\s+(?:(?:also|still|jointly|both|have|has|had|\p{Ll}+ly)\s+)*(?!host)(?:\p{Ll}+ed|were|are|was|is|will|would|can|could|did|do|have|has|had|agrees?|signs?|continues?|remains?|stays?|keeps?|wants?|seeks?|said|says|told|tells|met|meets|held|holds|made|makes|sent|sends|took|gave|began|announces|warns|insists)\b/u;
/** "the two countries signed …": two states standing for the ones the sentence names. */
const BOTH_STATES = /\b(?:the\s+two|both)\s+(?:countries|states|nations|sides|governments|neighbou?rs)(?=\s+(?:(?:also|have|has|had|jointly|\p{Ll}+ly)\s+)*(?:\p{Ll}+ed|signed|agree|sign|will|would|were|are|held|began|set|built|made)\b)/iu;
/** A meeting named as another one than the event's: "the next", "the upcoming", "to be issued at the 2020 SCO summit". */
const OTHER_MEETING = /(?:\b(?:next|upcoming|coming|future|forthcoming)\s+|\bto\s+be\s+\p{Ll}+(?:ed|en)\s+(?:at|during|on|before)\s+(?:the\s+)?(?:(?:19|20)\d\d\s+)?)$/u;
/** A person before the speech verb, with an appositive and adverbs between: "Sergei Lavrov, the foreign minister, publicly said". */
const SPEAKER_GAP = /^(?:,\s+(?:the\s+|a\s+|its\s+|his\s+|her\s+)?[\p{L}’'\s-]{1,60},)?\s+(?:(?:also|later|then|again|once|\p{Ll}+ly)\s+)*$/u;
/** What joins names of one speaker ("Russia’s Lavrov", "Chinese President Xi") or of two ("Putin and Xi"). */
const SPEAKER_JOIN = /^(?:’s|'s)?\s*(?:,|and|,\s*and)?\s*$/u;
/**
 * The words of an entry's second sentence before a place that make it the entry's own: a verb in the past
 * tense of what was done there (held, co-chaired, met, hosted, signed …), no modal or future, no "earlier".
 */
const LATER_PLACE_SENTENCE = /^(?!.*\b(?:will|would|could|may|might|shall|plans?|planned|intends?|to be|scheduled|earlier|previously|last year|next)\b)(?=.*\b(?:held|co-chaired|chaired|met|hosted|signed|attended|opened|took part)\b)/iu;
const PLACE_BEFORE = /\b(?:in|at)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central) part of (?:the\s+)?)?(?:[\p{Lu}][\p{L}-]*’s\s+)?$/u;
/** "New Delhi hosts the 10th SCO Meeting": the place that hosts. */
const PLACE_HOSTS = /^\s+(?:hosts|hosted)\b/u;
/** Roles only a person can hold; a state or a body that is not host takes part. */
const PERSONAL_ROLES = new Set(['chair', 'co_chair', 'visitor', 'delegation_head']);
/** Roles of names that do not take part: CAMEO actors are not taken from them. */
export const NOT_TAKING_PART = new Set(['mentioned', 'proposed', 'location']);
/** "Russia’s Nizhneleninskoye": a possessive right before a place's name. */
const POSSESSIVE = /^(?:’s|'s)\s+$/u;
/** "Tashkent, Uzbekistan", "Nur-Sultan, capital of Kazakhstan", "Kazan of Russia": a state in apposition to the place before it, or of which the place is. */
const PLACE_APPOSITION = /^(?:,\s+(?:(?:the\s+)?(?:capital|city|port|province|region|republic)\s+of\s+(?:the\s+)?)?|\s+of\s+(?:the\s+)?)$/iu;
/**
 * "Ruritania’s Ambassador to Freedonia Jan Novak", "Ruritanian Minister Novak": a state (or its
 * demonym) right before a person's name and the title words that open it is the state of that
 * person's title; it takes part through him (role participant, cue "through the title of …"),
 * and the person is the party CAMEO actors are taken from.
 */
const QUALIFIES_TITLE = /^(?:’s|'s)?\s+(?:\p{Lu}[\p{L}-]*\s+(?:(?:of|to|for|the|on|and|\p{Lu}[\p{L}-]*)\s+){0,5})?$/u;
/**
 * Verbs that report words beyond the speech verbs of quotations ("by clarifying that Ruritania
 * has no alliance"): what follows them with "that" is what was said, not who took part.
 */
const REPORTING_VERBS = ['reveals', 'revealed', 'clarified', 'clarifying', 'clarifies', 'explaining', 'stressing', 'noting', 'denied', 'denying', 'confirmed', 'confirming', 'acknowledged', 'acknowledging', 'admitted', 'admitting', 'reiterated', 'reiterating'];
/** "relations with Ardenburg": a capital after the noun of a relationship stands for its state. */
const RELATIONS_WITH = /\b(?:relations|ties|relationship|cooperation|partnership|friendship|dialogue)\s+with\s+$/u;
/**
 * "met on the sidelines of the Freedonia Forum", "talks during the SCO summit": the meeting named
 * is only the occasion of the event, and its body takes no part in it. "during" only after a
 * meeting's verb or noun in the clause.
 */
const OCCASION = /\b(?:on|at)\s+the\s+(?:sidelines?|margins?)\s+of\s+(?:the\s+|an?\s+)?(?:(?:19|20)\d\d\s+)?$/u;
const DURING = /\b(?:meets?|met|meeting|talks|talked|spoke|speak|conversation|consultations?)\b[^.;]*\bduring\s+(?:the\s+|an?\s+)?(?:(?:19|20)\d\d\s+)?$/u;
/** What joins two names of one subject: "Novak and Jones", "Novak, Jones". */
const COORDINATED = /^(?:,|,?\s+and)\s+$/u;
/**
 * "The Freedonia Forum founded a fund in May and opened its office on June 3": a dated part that
 * opens with "and" and a verb has no subject of its own; the subject the sentence opens with is
 * the agent of each coordinated verb.
 */
const SHARED_VERB = /^\s*,?\s*(?:and|then)\s+(?:(?:also|then|later|again|jointly|\p{Ll}+ly)\s+)?(?:\p{Ll}+ed|held|met|signed|made|sent|took|gave|began|set|built|won|became|hosted|opened|launched|agreed|issued|adopted)\b/u;
/** … and the subject: a name right after the sentence's start ("The"), before its first verb. */
const SENTENCE_SUBJECT_BEFORE = /^[\s“"]*(?:the\s+)?$/iu;
const SENTENCE_SUBJECT_AFTER = /^(?:’s\s+[\p{L}\s-]{1,40}?)?\s+(?:(?:also|then|first|jointly|\p{Ll}+ly)\s+)*(?:\p{Ll}+ed|held|met|signed|made|sent|took|gave|began|set|built|won|became|hosted)\b/u;
/** "his meeting with Henry Kissinger": a possessive pronoun before the clause's event noun. */
const POSSESSOR = /\b(?:his|her)\s+(?:(?:\p{Ll}+|\p{Lu}\p{L}*)\s+){0,3}?(?:meetings?|visits?|trips?|talks?|calls?|conversations?|interviews?|tours?|summit)\b/u;
/** "he told …": a subject pronoun and its verb. */
const SUBJECT_PRONOUN = /\b([Hh]e|[Ss]he)\s+(?:also\s+|later\s+|then\s+)?(?:told|said|stressed|noted|added|warned|argued|recalled|explained|declared|insisted|met|visited|called|wrote)\b/u;
/** A person's name that opens its sentence ("Lavrov’s clarification was …", "Lavrov told …"). */
const OPENS_SENTENCE = /(?:^|[.!?]\s+)[\s[“"]*$/u;

/** Which of two roles of one entity in one event a row keeps: a named role, then participation, then the rest. */
const rank = (role: string): number => (NOT_TAKING_PART.has(role) ? 0 : role === 'participant' ? 1 : 2);

export interface DemonymRules {
  /** The words after a demonym that make it qualify the people or bodies taking part. */
  qualifies: RegExp;
  /** "The Chinese completed …": a demonym as the subject of its clause. */
  subjectBefore: RegExp | null;
  subjectAfter: RegExp | null;
  /** "three Ruritanian vessels joined …": a demonym of the forces that are the clause's agent (the words before and after it). */
  forceBefore?: RegExp | null;
  forceAfter?: RegExp | null;
}

export function demonymRules(roles: Vocabulary): DemonymRules {
  const r = roles as unknown as { demonym_qualifies: string; demonym_subject_before?: string; demonym_subject_after?: string; demonym_force_before?: string; demonym_force_after?: string };
  return {
    qualifies: new RegExp(String(r.demonym_qualifies), 'iu'),
    subjectBefore: r.demonym_subject_before ? new RegExp(r.demonym_subject_before, 'iu') : null,
    subjectAfter: r.demonym_subject_after ? new RegExp(r.demonym_subject_after, 'u') : null,
    forceBefore: r.demonym_force_before ? new RegExp(r.demonym_force_before, 'iu') : null,
    forceAfter: r.demonym_force_after ? new RegExp(r.demonym_force_after, 'u') : null,
  };
}

/** UTF-16 index of each code-point offset of a string (one more entry for its end). */
function unitsOf(s: string): number[] {
  const out: number[] = [];
  let u = 0;
  for (const ch of s) {
    out.push(u);
    u += ch.length;
  }
  out.push(u);
  return out;
}

/** Markup removed, white space folded, nothing trimmed: context must keep its edges. */
function plain(raw: string): string {
  // Link markup may be cut by the mention itself ("in [" before, "](#) on" after): drop its pieces.
  return raw.replace(/\]\(#\)/g, '').replace(/\[/g, '').replace(/\\{1,2}\$/g, '$').replace(/\*/g, '').replace(/\s+/g, ' ');
}

const cpSlice = (s: string, a: number, b?: number): string => Array.from(s).slice(a, b).join('');

/** UTF-16 end of the first sentence of a stored text. */
function firstSentenceEnd(text: string): number {
  const [first] = sentencesOf(text);
  return first ? first.end : text.length;
}

export interface RoleRule {
  value: string;
  before: RegExp[];
  after: RegExp[];
}

export function compileRoleRules(vocab: Vocabulary): RoleRule[] {
  return vocab.values.map((v) => ({
    value: v.value,
    before: (v.before ?? []).map((r) => new RegExp(r, 'iu')),
    after: (v.after ?? []).map((r) => new RegExp(r, 'iu')),
  }));
}

export function roleOf(before: string, after: string, rules: RoleRule[]): { role: string; cue: string | null } {
  const b = before.slice(-200);
  const a = after.slice(0, 40);
  for (const rule of rules) {
    for (const re of rule.before) {
      const m = re.exec(b);
      if (m) return { role: rule.value, cue: m[0].trim() };
    }
    for (const re of rule.after) {
      const m = re.exec(a);
      if (m) return { role: rule.value, cue: m[0].trim() };
    }
  }
  return { role: 'participant', cue: null };
}

/**
 * The clause of an event's evidence its names are read from (UTF-16 indices
 * into the masked evidence): for a narrative event the clause its date
 * governs, for a chronology entry the whole text.
 */
function eventClause(e: Row, masked: string, units: number[], segment: { date_at: number } | undefined): Clause {
  if (!segment) return { start: 0, end: masked.length, kind: 'main', cue: null };
  const at = units[Math.max(0, Math.min(units.length - 1, segment.date_at - (e.span_start as number)))]!;
  const label = String(e.date_label ?? '');
  // The date's own words, where the evidence holds them as written; else its first character.
  const length = label && masked.startsWith(label, at) ? label.length : Math.max(1, label.length);
  return datedPart(masked, clauseOf(masked, at, length), at, length);
}

export function participantsAndPlaces(
  events: Row[],
  mentions: Row[],
  entityType: Map<string, string>,
  rules: RoleRule[],
  demonym: DemonymRules | RegExp,
  segments: Map<string, { start: number; end: number; date_at: number }> = new Map(),
  speech: SpeechWords = { verbs: [], opener: '' },
  /** The source's sentences (extract/sentences), to find whom a subject pronoun stands for. */
  sentences: readonly Row[] = [],
  /** The state each capital stands for (capitalsOf), for capitals that are a clause's subject. */
  capitals: ReadonlyMap<string, string> = new Map(),
  /** The state each place lies in (placeStatesOf), for the destination of a visit. */
  placeStates: ReadonlyMap<string, string> = new Map(),
): { participants: Row[]; places: Map<string, string> } {
  const demonyms: DemonymRules = demonym instanceof RegExp ? { qualifies: demonym, subjectBefore: null, subjectAfter: null } : demonym;
  const participants: Row[] = [];
  const places = new Map<string, string>();
  // Mentions inside each event's span, found by binary search in each source's sorted mentions.
  const bySource = sortedMentionsBySource(mentions.filter((m) => m.mention_kind !== 'original_name'));
  // The parts of chronology entries that dates of their own govern.
  // A date inside said or proposed words governs only those words (saidFrom, as the mentions read them):
  // "The Russian side suggested that … in June 2020" leaves the proposer to the entry's own event.
  const dated = events
    .filter((e) => segments.has(String(e.event_id)))
    .map((e) => {
      const s = segments.get(String(e.event_id))!;
      return { source: String(e.source_id), ...s, start: governedStart(e, s, speech) };
    });
  // The names of organizations as the source writes them, to find a body inside a meeting's name.
  const bodyNames = new Map<string, Map<string, string>>();
  for (const m of mentions) {
    if (m.mention_kind === 'demonym' || m.mention_kind === 'original_name' || entityType.get(String(m.entity_id)) !== 'organization') continue;
    const surface = String(m.surface ?? m.evidence ?? '');
    if (surface.length < 2) continue;
    const names = bodyNames.get(String(m.source_id)) ?? new Map<string, string>();
    if (!names.has(surface)) names.set(surface, String(m.entity_id));
    bodyNames.set(String(m.source_id), names);
  }
  const datedElsewhere = (source: string, at: number): boolean => dated.some((d) => d.source === source && d.start <= at && at < d.end);
  for (const e of events) {
    // A narrative event is one date of a sentence: its part of the sentence.
    // A chronology entry's place is in its first sentence, which carries the event.
    const segment = segments.get(String(e.event_id));
    const list = mentionsWithin(bySource.get(String(e.source_id)) ?? [], segment?.start ?? (e.span_start as number), segment?.end ?? (e.span_end as number));
    const evidence = String(e.evidence);
    const firstEnd = segment ? Infinity : (e.span_start as number) + Array.from(evidence.slice(0, firstSentenceEnd(evidence))).length;
    // A chronology entry's second sentence, for its place when the first names none.
    const [, second] = segment ? [] : sentencesOf(evidence);
    const secondSpan = second ? { start: (e.span_start as number) + Array.from(evidence.slice(0, second.start)).length, end: (e.span_start as number) + Array.from(evidence.slice(0, second.end)).length, text: evidence.slice(second.start, second.end) } : null;
    let laterPlace: string | null = null;
    const seen = new Map<string, Row>();
    let place: { id: string; distance: number } | null = null;
    const masked = maskMarkup(evidence);
    const units = unitsOf(evidence);
    const toUnit0 = (cp: number): number => units[Math.max(0, Math.min(units.length - 1, cp - (e.span_start as number)))]!;
    const clause = eventClause(e, masked, units, segment);
    const proposal = speech.proposal ? compiled(speech.proposal, 'iu').exec(masked.slice(clause.start, clause.end)) : null;
    const proposedFrom = proposal ? clause.start + proposal.index + proposal[0].length : Infinity;
    // A date inside what was said dates the said thing ("argued that Russia took the step in May
    // 2015"): its names take part in it. Only a date outside the reported words makes them topics.
    const dateAt = segment ? units[Math.max(0, Math.min(units.length - 1, segment.date_at - (e.span_start as number)))]! : -1;
    const found0 = reportedSpan(masked, clause, speech);
    const reported = found0 && !(dateAt >= found0.from && dateAt < found0.to) ? found0 : null;
    // "Li warned of coming danger for Iran in 2020": the date is what was said, so who said it
    // takes no part in the dated thing; the speaker belongs to the date he spoke.
    const spoken = found0 && !reported ? found0 : null;
    // "warned of coming danger for Iran in 2020": "of" opens a noun phrase, no clause with agents
    // of its own, so what it names is the topic even where the date stands in it.
    const topic = spoken && /\bof$/u.test(spoken.cue) ? spoken : null;
    // The speaker: the person (or persons joined by "and") right before the speech verb.
    const speakers = new Set<Row>();
    if (reported) {
      let edge = reported.verb_at;
      let gap = SPEAKER_GAP;
      const contained = (m: Row): boolean => list.some((o) => o !== m && (o.span_start as number) <= (m.span_start as number) && (m.span_end as number) <= (o.span_end as number) && (o.span_end as number) - (o.span_start as number) > (m.span_end as number) - (m.span_start as number));
      for (let k = list.length - 1; k >= 0; k--) {
        const m = list[k]!;
        if (contained(m)) continue;
        const mAt = toUnit0(m.span_start as number);
        const mEnd = toUnit0(m.span_end as number);
        if (mEnd > edge) continue;
        if (mAt < clause.start) break;
        const fits = gap.test(masked.slice(mEnd, edge)) && (speakers.size > 0 || entityType.get(String(m.entity_id)) === 'person');
        // Until the speaker is found, a name of his appositive ("Xi, China’s president, said") is passed over.
        if (!fits && speakers.size === 0 && edge - mEnd <= 80) continue;
        if (!fits) break;
        speakers.add(m);
        edge = mAt;
        gap = SPEAKER_JOIN;
      }
      // "Chinese President Xi", "Russia’s Foreign Minister Lavrov": a name inside or right before the speaker's.
      for (const m of list) if (!speakers.has(m) && [...speakers].some((p) => (m.span_start as number) >= (p.span_start as number) && (m.span_end as number) <= (p.span_end as number))) speakers.add(m);
    }
    const firstSpeaker = [...speakers].reduce<Row | null>((a, b) => (!a || (b.span_start as number) < (a.span_start as number) ? b : a), null);
    const speakerAt = firstSpeaker ? toUnit0(firstSpeaker.span_start as number) : -1;
    const speakerName = [...speakers].find((m) => entityType.get(String(m.entity_id)) === 'person');
    // The person whose title a state's name or demonym opens: a person's mention that holds it
    // ("Ruritanian President Jan Novak"), or the next one, after "’s" and the title's words.
    const titleHolder = (m: Row, k: number): Row | undefined => {
      const person = (o: Row): boolean => entityType.get(String(o.entity_id)) === 'person' && o.mention_kind !== 'demonym';
      const holder = list.find((o) => o !== m && person(o) && (o.span_start as number) <= (m.span_start as number) && (m.span_end as number) <= (o.span_end as number) && (o.span_end as number) - (o.span_start as number) > (m.span_end as number) - (m.span_start as number));
      if (holder) return holder;
      const next = list.slice(k + 1).find((o) => (o.span_start as number) >= (m.span_end as number));
      if (!next || !person(next) || toUnit0(next.span_start as number) < clause.start) return undefined;
      return QUALIFIES_TITLE.test(plain(cpSlice(evidence, (m.span_end as number) - (e.span_start as number), (next.span_start as number) - (e.span_start as number)))) ? next : undefined;
    };
    // Who says the words the date is in: the person nearest before the verb, else the nearest state or body.
    const beforeVerb = spoken ? list.filter((o) => { const u = toUnit0(o.span_start as number); return u >= clause.start && u < spoken.from - spoken.cue.length; }) : [];
    const spokenBy = beforeVerb.filter((o) => entityType.get(String(o.entity_id)) === 'person').at(-1) ?? beforeVerb.filter((o) => ['state', 'organization', 'armed_force'].includes(entityType.get(String(o.entity_id)) ?? '')).at(-1);
    for (const [k, m] of list.entries()) {
      const rel = (m.span_start as number) - (e.span_start as number);
      const relEnd = (m.span_end as number) - (e.span_start as number);
      const at = units[Math.max(0, Math.min(units.length - 1, rel))]!;
      const before = plain(cpSlice(evidence, 0, rel));
      const after = plain(cpSlice(evidence, relEnd));
      let type = entityType.get(String(m.entity_id));
      let entityId = String(m.entity_id);
      // A place inside the words reported when the date is outside them ("In September, Moscow announced that an
      // exercise would be held in the Indian Ocean") is where the said thing is, not where it was said.
      const saidPlace = reported !== null && at >= reported.from && at < reported.to;
      if (type === 'place' && !saidPlace && (m.span_start as number) < firstEnd && (!segment || (at >= clause.start && at < clause.end)) && (PLACE_BEFORE.test(before) || PLACE_HOSTS.test(after))) {
        // The place nearest the date (narrative), or the first (chronology), "X hosts" first of all.
        const distance = PLACE_HOSTS.test(after) ? -1 : segment ? Math.abs((m.span_start as number) - segment.date_at) : (m.span_start as number);
        if (!place || distance < place.distance) place = { id: String(m.entity_id), distance };
      } else if (
        type === 'place' && !saidPlace && !laterPlace && secondSpan && (m.span_start as number) >= secondSpan.start && (m.span_end as number) <= secondSpan.end &&
        PLACE_BEFORE.test(before) && !datedElsewhere(String(e.source_id), m.span_start as number) &&
        LATER_PLACE_SENTENCE.test(plain(cpSlice(secondSpan.text, 0, (m.span_start as number) - secondSpan.start)))
      ) {
        // "Sept. 16: Li visits Russia … . The two heads of government co-chaired the meeting in St. Petersburg.":
        // the second sentence, with no date of its own, reporting what was done, says where the entry's event was.
        laterPlace = String(m.entity_id);
      }
      // "By the end of 2019, Moscow and Beijing continued …": a capital as its clause's subject stands for its state.
      let capitalCue: string | null = null;
      const capitalOf = type === 'place' ? capitals.get(entityId) : undefined;
      let capitalHosts = false;
      if (capitalOf && (!segment || (at >= clause.start && at < clause.end)) && SUBJECT_BEFORE.test(plain(masked.slice(segment ? clause.start : 0, at))) && SUBJECT_AFTER.test(after)) {
        capitalCue = `“${plain(String(m.evidence ?? '')).trim()}” for its state: a capital as the clause’s subject`;
        type = 'state';
        entityId = capitalOf;
      } else if (capitalOf && (m.span_start as number) < firstEnd && (!segment || (at >= clause.start && at < clause.end)) && SUBJECT_BEFORE.test(plain(masked.slice(segment ? clause.start : 0, at))) && PLACE_HOSTS.test(after)) {
        // "Ankara hosts the 5th summit": the capital is where it is held, and its state is the host.
        capitalCue = `“${plain(String(m.evidence ?? '')).trim()}${PLACE_HOSTS.exec(after)![0]}” for its state: a capital that hosts`;
        capitalHosts = true;
        type = 'state';
        entityId = capitalOf;
      }
      // "told the media that Ruritania would not harm relations with Ardenburg": a capital after the
      // noun of a relationship, in what was said, stands for its state, the topic of the words.
      let capitalTopic: string | null = null;
      if (capitalOf && !capitalCue && reported && at >= reported.from && at < reported.to && RELATIONS_WITH.test(plain(masked.slice(reported.from, at)))) {
        capitalTopic = `“${plain(String(m.evidence ?? '')).trim()}” for its state in what was said: ${reported.cue} … “${RELATIONS_WITH.exec(plain(masked.slice(reported.from, at)))![0].trim()} …”`;
        type = 'state';
        entityId = capitalOf;
      }
      // "Novak and Jones flew to Ardenburg": the state of the place travelled to hosts the visit.
      let destinationCue: string | null = null;
      // Only a state the source names: the entities table holds the entities the source mentions.
      const destinationState = type === 'place' && !capitalCue && !capitalTopic ? placeStates.get(entityId) : undefined;
      if (destinationState && !(bySource.get(String(e.source_id)) ?? []).some((o) => o.entity_id === destinationState)) destinationCue = null;
      else if (destinationState && (!segment || (at >= clause.start && at < clause.end)) && !(reported && at >= reported.from && at < reported.to) && TRAVELLED_TO.test(plain(masked.slice(segment ? clause.start : 0, at)))) {
        destinationCue = `the state of the destination “${TRAVELLED_TO.exec(plain(masked.slice(segment ? clause.start : 0, at)))![0].trim()} ${plain(String(m.evidence ?? '')).trim()}”`;
        type = 'state';
        entityId = destinationState;
      }
      if (!type || !PARTICIPANT_TYPES.has(type)) continue;
      const clauseBefore = plain(masked.slice(segment ? clause.start : 0, at));
      // "Ruritanian Minister Novak", "Ruritania’s Envoy Novak": the person whose title the state qualifies.
      const titled = type === 'state' ? titleHolder(m, k) : undefined;
      // "three Ruritanian vessels and one Freedonian destroyer joined …": a demonym of the forces that are the clause's agent.
      const force = m.mention_kind === 'demonym' && !!demonyms.forceBefore?.test(clauseBefore) && !!demonyms.forceAfter?.test(after);
      if (m.mention_kind === 'demonym' && !titled && !force && !demonyms.qualifies.test(after) && !(demonyms.subjectBefore?.test(before) && demonyms.subjectAfter?.test(after))) continue;
      // A name outside the clause the date governs takes no part in this event: it is only named
      // in the event's sentence. It keeps its row, so the row says why it is not a party.
      const outside = segment !== undefined && (at < clause.start || at >= clause.end);
      // A state that takes part only through a person's title, or through its forces, says so;
      // a named role the patterns give ("at the invitation of Chinese President Xi": host) stays.
      const withReason = (r: { role: string; cue: string | null }): { role: string; cue: string | null } =>
        r.role !== 'participant' || r.cue
          ? r
          : titled
            ? { role: 'participant', cue: `through the title of “${plain(String(titled.evidence ?? '')).trim()}”` }
            : force
              ? { role: 'participant', cue: `forces of the clause’s agent: “${plain(String(m.evidence ?? '')).trim()}${demonyms.forceAfter!.exec(after)![1] ?? ''}”` }
              : r;
      const next = list[k + 1];
      const prev = list[k - 1];
      // "Ruritania's Novak and Freedonia's Jones flew to Ardenburg": names joined by "and" as one
      // subject share what follows the last of them, so each traveller is a visitor.
      // Only names that open their clause ("From Ardenburg, Novak and Jones …"), never an object ("met Novak, and Jones …").
      let last = k;
      while (type === 'person' && SUBJECT_BEFORE.test(clauseBefore) && list[last + 1] && entityType.get(String(list[last + 1]!.entity_id)) === 'person' && list[last + 1]!.mention_kind !== 'demonym' && COORDINATED.test(plain(cpSlice(evidence, (list[last]!.span_end as number) - (e.span_start as number), (list[last + 1]!.span_start as number) - (e.span_start as number))))) last++;
      const byOwn = roleOf(clauseBefore, after, rules);
      const shared = last > k && byOwn.role === 'participant' && !byOwn.cue ? roleOf(clauseBefore, plain(cpSlice(evidence, (list[last]!.span_end as number) - (e.span_start as number))), rules) : null;
      const byWords =
        shared && shared.cue
          ? { role: shared.role, cue: `${shared.cue} (shared with “${plain(String(list[last]!.evidence ?? '')).trim()}”, names joined as one subject)` }
          : byOwn;
      const found = outside
        ? { role: 'mentioned', cue: `outside the date’s ${clause.kind} clause${clause.cue ? ` “${clause.cue}”` : ''}` }
        : topic && at >= topic.from && at < topic.to
          ? { role: 'mentioned', cue: `topic of “${topic.cue}”` }
        : proposal && at >= proposedFrom && at < clause.end
          ? { role: 'proposed', cue: proposal[0].replace(/\s+/gu, ' ').trim() }
        : proposal && dateAt >= proposedFrom && dateAt < clause.end && at >= clause.start && at < proposedFrom - proposal[0].length
          ? // "The Russian side suggested that the chiefs be invited to a joint meeting in June 2020": the date is the
            // proposed happening's; who proposed it takes no part in it (the proposal is dated when it was made).
            { role: 'mentioned', cue: `proposer of what the date is in: “${proposal[0].replace(/\s+/gu, ' ').trim()}”` }
        : capitalCue
          ? { role: capitalHosts ? 'host' : 'participant', cue: capitalCue }
        : destinationCue
          ? { role: 'host', cue: destinationCue }
        : capitalTopic
          ? { role: 'mentioned', cue: capitalTopic }
        : speakers.has(m) && type === 'person'
          ? { role: 'participant', cue: `speaker: “${reported!.cue}”` }
        : speakerName && !speakers.has(m) && type !== 'person' && at >= clause.start && at < speakerAt
          ? { role: 'mentioned', cue: `named before the speaker “${plain(String(speakerName.evidence ?? '')).trim()}”, no party to what was said` }
        : reported && at >= reported.from && at < reported.to
          ? // "said that Ruritania will not harm relations with Freedonia": the other side of the relations spoken of says so.
            { role: 'mentioned', cue: RELATIONS_WITH.test(plain(masked.slice(reported.from, at))) ? `${reported.cue} … “${RELATIONS_WITH.exec(plain(masked.slice(reported.from, at)))![0].trim()} …”` : reported.cue }
          : spoken && at >= clause.start && at < spoken.from - spoken.cue.length
            ? // The speaker is the name nearest before the verb; a name before that one is only named there.
              { role: 'mentioned', cue: spokenBy && spokenBy.entity_id !== m.entity_id ? `named before the words the date is in (“${spoken.cue}”), not their speaker` : `speaker of words the date is in: “${spoken.cue}”` }
          : type === 'state' && next && entityType.get(String(next.entity_id)) === 'place' && POSSESSIVE.test(cpSlice(evidence, relEnd, (next.span_start as number) - (e.span_start as number)))
            ? { role: 'location', cue: plain(cpSlice(evidence, rel, (next.span_end as number) - (e.span_start as number))).trim() }
            : type === 'state' && prev && entityType.get(String(prev.entity_id)) === 'place' && PLACE_APPOSITION.test(plain(cpSlice(evidence, (prev.span_end as number) - (e.span_start as number), rel)))
              ? { role: 'location', cue: plain(cpSlice(evidence, (prev.span_start as number) - (e.span_start as number), relEnd)).trim() }
            : (m.span_start as number) >= firstEnd && datedElsewhere(String(e.source_id), m.span_start as number)
              ? // A later sentence of a chronology entry with a date of its own ("India also hosted … on Sept. 4") reports another event: no role in this one.
                { role: 'mentioned', cue: otherDateCue(dated, String(e.source_id), m.span_start as number) }
              : withReason(byWords);
      const { role, cue } = type !== 'person' && PERSONAL_ROLES.has(found.role) ? { role: 'participant', cue: null } : found;
      const existing = seen.get(entityId);
      if (existing) {
        // A later mention may say more: keep the strongest role, the first of equal ones.
        if (rank(role) > rank(String(existing.role))) Object.assign(existing, { role, role_cue: cue });
        continue;
      }
      const row: Row = {
        event_id: e.event_id ?? null,
        entity_id: entityId,
        role,
        role_cue: cue,
        mention_id: m.mention_id ?? null,
        source_id: m.source_id ?? null,
        span_start: m.span_start ?? null,
        span_end: m.span_end ?? null,
        evidence: m.evidence ?? null,
        extractor: STEP.label,
        found_by: m.found_by ?? null,
      };
      seen.set(entityId, row);
      participants.push(row);
    }
    const eventRows: Row[] = [];
    const add = (m: Row, entityId: string, cue: string, first: boolean, role = 'participant'): void => {
      if (seen.has(entityId)) return;
      const row: Row = { event_id: e.event_id ?? null, entity_id: entityId, role, role_cue: cue, mention_id: m.mention_id ?? null, source_id: m.source_id ?? null, span_start: m.span_start ?? null, span_end: m.span_end ?? null, evidence: m.evidence ?? null, extractor: STEP.label, found_by: m.found_by ?? null };
      seen.set(entityId, row);
      if (first) eventRows.unshift(row);
      else eventRows.push(row);
    };
    const inClause = (m: Row): boolean => {
      const at = units[Math.max(0, Math.min(units.length - 1, (m.span_start as number) - (e.span_start as number)))]!;
      return !segment || (at >= clause.start && at < clause.end);
    };
    // "The 17th Meeting of the Prosecutors General of the SCO Member States": a meeting series
    // named after a body is that body's meeting, so the body takes part as in its other meetings.
    const year = /^(\d{4})-/u.exec(String(e.date_start ?? ''))?.[1];
    for (const [k, m] of list.entries()) {
      // "an SCO Joint Exercise on Urban Search and Rescue": an exercise named after a body is that body's, as a meeting is.
      const kind = entityType.get(String(m.entity_id));
      if (!inClause(m) || (kind !== 'forum' && kind !== 'exercise')) continue;
      const surface = String(m.surface ?? m.evidence ?? '');
      // "to be issued at the 2020 SCO summit in Russia": a meeting of another date than the
      // event's, or one still to come, is not the event's meeting; its body and place are named only.
      const lead = plain(masked.slice(0, toUnit0(m.span_start as number)));
      const namedYear = /\bthe\s+(\d{4})\s+$/u.exec(lead)?.[1];
      // "the 2020 SCO summit" is the event's own meeting for the event dated 2020.
      // A narrative event's date governs the meeting its clause names ("the next summit, in June
      // 2020"), so only a year of its own makes that meeting another one.
      const ofAnotherYear = !!namedYear && !!year && namedYear !== year && !/\d{4}/u.test(surface);
      const another = !(namedYear && namedYear === year) && (ofAnotherYear || (!segment && OTHER_MEETING.test(lead)));
      const phrase = `${namedYear ? `the ${namedYear} ` : ''}${plain(surface).trim()}`;
      // "met on the sidelines of the G7 summit": the meeting named is only the occasion of the event.
      const clauseLead = plain(masked.slice(segment ? clause.start : 0, toUnit0(m.span_start as number)));
      const occasion = OCCASION.exec(clauseLead) ?? DURING.exec(clauseLead);
      if (another) {
        const next = list[k + 1];
        const held = next && /^\s+in\s+(?:the\s+)?$/u.test(plain(cpSlice(evidence, (m.span_end as number) - (e.span_start as number), (next.span_start as number) - (e.span_start as number)))) ? seen.get(String(next.entity_id)) : undefined;
        if (held && held.mention_id === next!.mention_id && held.role === 'participant' && !held.role_cue) Object.assign(held, { role: 'mentioned', role_cue: `where another meeting is held: “${phrase}”` });
      }
      for (const [name, id] of bodyNames.get(String(e.source_id)) ?? []) {
        if (!compiled(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(surface)) continue;
        if (another) add(m, id, `the body of another meeting than the event’s: “${phrase}”`, false, 'mentioned');
        else if (occasion) {
          // The cue quotes the words as printed, from "on the sidelines of" or "during" to the meeting's name.
          const words = occasion[0].slice(/\b(?:on|at)\s+the\s+(?:sidelines?|margins?)\s+of\b|\bduring\b/u.exec(occasion[0])!.index).replace(/\s+/gu, ' ');
          add(m, id, `the body of the meeting that is only the occasion: “${words}${plain(surface).trim()}”`, false, 'mentioned');
        }
        else {
          const cue = `the body whose ${kind === 'exercise' ? 'exercise' : 'meeting'} it is: “${name}” in “${surface}”`;
          // A later mention only proposed or named ("suggested that SCO defense chiefs be invited") does not undo its own meeting.
          const existing = seen.get(id);
          // The row then cites the meeting's name, the words its role rests on, not the later mention.
          if (existing && NOT_TAKING_PART.has(String(existing.role)) && toUnit0(m.span_start as number) < proposedFrom) {
            Object.assign(existing, { role: 'participant', role_cue: cue, mention_id: m.mention_id ?? null, span_start: m.span_start ?? null, span_end: m.span_end ?? null, evidence: m.evidence ?? null, found_by: m.found_by ?? null });
          }
          else add(m, id, cue, false);
        }
      }
    }
    // "The Freedonia Forum founded a fund in May and held its first meeting on June 3": the
    // sentence's subject is the agent of the verb coordinated with its own ("and held").
    if (segment && SHARED_VERB.test(masked.slice(toUnit0(segment.start), clause.end))) {
      const subject = mentionsWithin(bySource.get(String(e.source_id)) ?? [], e.span_start as number, segment.start).find(
        (m) => m.mention_kind !== 'demonym' && PARTICIPANT_TYPES.has(entityType.get(String(m.entity_id)) ?? '') && SENTENCE_SUBJECT_BEFORE.test(plain(cpSlice(evidence, 0, (m.span_start as number) - (e.span_start as number)))),
      );
      if (subject && SENTENCE_SUBJECT_AFTER.test(plain(cpSlice(evidence, (subject.span_end as number) - (e.span_start as number))))) {
        const cue = `subject of the sentence, shared by “${SHARED_VERB.exec(masked.slice(toUnit0(segment.start), clause.end))![0].replace(/^[\s,]+/u, '').replace(/\s+/gu, ' ')}”`;
        const existing = seen.get(String(subject.entity_id));
        if (existing && NOT_TAKING_PART.has(String(existing.role)) && String(existing.role_cue ?? '').startsWith('outside')) Object.assign(existing, { role: 'participant', role_cue: cue });
        else add(subject, String(subject.entity_id), cue, true);
      }
    }
    // "24 years after the two countries signed an agreement in 1995": "the two countries" in the
    // date's clause stands for the two states the sentence names, who are its agents.
    const both = segment ? BOTH_STATES.exec(masked.slice(clause.start, clause.end)) : null;
    if (both) {
      const named = mentionsWithin(bySource.get(String(e.source_id)) ?? [], e.span_start as number, e.span_end as number).filter((m) => entityType.get(String(m.entity_id)) === 'state' && m.mention_kind !== 'demonym');
      const states = [...new Map(named.map((m) => [String(m.entity_id), m])).values()];
      if (states.length === 2) {
        for (const m of states) {
          const cue = `“${both[0]}” for the two states the sentence names`;
          const existing = seen.get(String(m.entity_id));
          if (existing && NOT_TAKING_PART.has(String(existing.role))) Object.assign(existing, { role: 'participant', role_cue: cue });
          else add(m, String(m.entity_id), cue, false);
        }
      }
    }
    // "Lavrov’s clarification was part of … his meeting with Henry Kissinger in September": the
    // possessive stands for the person the sentence opens with, who is the clause's first party.
    // Only the event's own part of the sentence: "his recent meeting with Trump on Dec. 10 and his meeting with Kissinger in September".
    const toUnit = (cp: number): number => units[Math.max(0, Math.min(units.length - 1, cp - (e.span_start as number)))]!;
    const from = segment ? Math.max(clause.start, toUnit(segment.start)) : 0;
    const possessor = segment ? POSSESSOR.exec(masked.slice(from, Math.min(clause.end, toUnit(segment.end)))) : null;
    if (possessor) {
      const pAt = from + possessor.index;
      const people = mentionsWithin(bySource.get(String(e.source_id)) ?? [], e.span_start as number, e.span_end as number).filter((m) => entityType.get(String(m.entity_id)) === 'person');
      const first = people[0];
      const firstAt = first ? toUnit(first.span_start as number) : -1;
      const personBefore = people.some((m) => m !== first && toUnit(m.span_start as number) >= from && toUnit(m.span_start as number) < pAt);
      if (first && firstAt < pAt && !personBefore && OPENS_SENTENCE.test(masked.slice(0, firstAt))) {
        const existing = seen.get(String(first.entity_id));
        if (existing && NOT_TAKING_PART.has(String(existing.role))) Object.assign(existing, { role: 'participant', role_cue: `“${possessor[0].split(/\s+/u)[0]}” in “${possessor[0]}”` });
        else add(first, String(first.entity_id), `“${possessor[0].split(/\s+/u)[0]}” in “${possessor[0]}”`, true);
      }
    }
    // "“We are allies …,” he told Channel One Russia on Dec. 22": a subject pronoun with no person
    // named before it in the clause stands for the one person the sentence before names.
    const subject = segment ? SUBJECT_PRONOUN.exec(masked.slice(from, Math.min(clause.end, toUnit(segment.end)))) : null;
    if (subject && !possessor) {
      const sAt = from + subject.index;
      const named = list.some((m) => entityType.get(String(m.entity_id)) === 'person' && toUnit(m.span_start as number) < sAt && toUnit(m.span_start as number) >= from);
      const own = sentences.find((x) => x.source_id === e.source_id && (x.span_start as number) <= (e.span_start as number) && (e.span_start as number) < (x.span_end as number));
      const before = own ? sentences.find((x) => x.source_id === e.source_id && x.paragraph === own.paragraph && x.section === own.section && x.sentence === (own.sentence as number) - 1) : undefined;
      if (!named && before) {
        const people = mentionsWithin(bySource.get(String(e.source_id)) ?? [], before.span_start as number, before.span_end as number).filter((m) => entityType.get(String(m.entity_id)) === 'person');
        if (people.length && new Set(people.map((m) => m.entity_id)).size === 1) add(people[0]!, String(people[0]!.entity_id), `“${subject[1]}” for the one person the sentence before names`, true);
      }
    }
    if (eventRows.length) {
      // Rows added here come first (the possessor) or last (the body), in the order actors are read.
      const at = participants.findIndex((r) => r.event_id === e.event_id);
      const lead = eventRows.filter((r) => eventRows.indexOf(r) < eventRows.length && r.role_cue && !String(r.role_cue).startsWith('the body'));
      const tail = eventRows.filter((r) => !lead.includes(r));
      if (at >= 0) participants.splice(at, 0, ...lead);
      else participants.push(...lead);
      participants.push(...tail);
    }
    if (place) places.set(String(e.event_id), place.id);
    else if (laterPlace) places.set(String(e.event_id), laterPlace);
  }
  return { participants, places };
}

/** The speech verbs and the reporting verbs as one list, the same array for the same speech verbs. */
const WITH_REPORTING = new WeakMap<readonly string[], string[]>();
function withReportingVerbs(verbs: readonly string[]): string[] {
  let all = WITH_REPORTING.get(verbs);
  if (!all) WITH_REPORTING.set(verbs, (all = [...verbs, ...REPORTING_VERBS]));
  return all;
}

/**
 * The reported words of a clause (UTF-16 indices into the masked evidence):
 * from the end of the speech verb and its opener to the end of the clause's
 * sentence, so a chronology entry's later sentences are not reported words.
 */
function reportedSpan(masked: string, clause: Clause, speech: SpeechWords): { from: number; to: number; cue: string; verb_at: number } | null {
  if (!speech.opener) return null;
  const found = reportedFrom(masked, clause, withReportingVerbs(speech.verbs), compiled(speech.opener, 'u'));
  if (!found) return null;
  const stop = /[.!?](?=\s+[\p{Lu}“"]|\s*$)|;/gu;
  stop.lastIndex = found.at;
  const m = stop.exec(masked);
  return { from: found.at, to: Math.min(clause.end, m ? m.index : masked.length), cue: found.cue, verb_at: found.verb_at };
}

