/**
 * Events → flat GDELT-style rows with CAMEO and PLOVER codes, by the mapping
 * in schema/vocabularies/event_coding.yaml (the CAMEO 1.1b3 and PLOVER 0.8
 * documents it follows are cited there): within the event's type, the first
 * rule whose cue matches the entry's first sentence (for a narrative event,
 * the clause its date governs) gives the codes. Actor 1 and 2 come from the
 * participants that take part (never from names that are only mentioned,
 * proposed or a location): for a visit, the visitor and the host (a host
 * state through the person of it the clause names; never a co-traveller, so
 * a visit with no host has no actor 2); otherwise
 * the first two, in order of mention, that are two parties (codes that
 * differ and are not a body and its parent, "IGOSCO" and "IGOSCORAT"). A
 * person stands for the state a demonym in his name names ("Chinese
 * President Xi Jinping" is the party, not China) or a state's name before his
 * title ("China’s Ambassador Zhang": participant "through the title of …"),
 * and a statement's actor 1
 * is its speaker, its actor 2 (where no other party takes part) the state its
 * words speak of relations with ("will not harm relations with Beijing": China),
 * else the first state they name. A meeting held in the state of one of exactly two parties
 * is a visit (event_coding.yaml visit_by_place). An intent (03x) is coded at
 * the date it was said, never at a date that stands after its words (the
 * intended meeting's). An event no clause or type
 * rule codes takes a fallback rule on its clause's verb ("signed an
 * agreement": 057). Where a code or an actor stays empty, coding_rule says
 * why (see codingRule).
 */
import type { EntitiesRow, EventCodesRow, EventParticipantsRow, EventsRow } from '../generated/rows.ts';
import type { Row } from '../lib/schema.ts';
import { firstSentence } from './event-type.ts';
import { clauseOf } from '../lib/clauses.ts';
import { NOT_TAKING_PART } from './participants.ts';

import { defineStep } from '../lib/step.ts';
import { compiled } from '../lib/regex.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  table: 'event_codes',
  inputs: { events: 'normalize/event-table', participants: 'normalize/participants', profiles: 'resource:entity-profiles', coding: 'resource:event-coding' },
  run: ({ events, participants, profiles, coding }: { events: { rows: Row[] }; participants: { rows: Row[] }; profiles: Map<string, Row>; coding: EventCoding }) => ({
    rows: codeEvents(events.rows, participants.rows, profiles, coding),
  }),
});

export interface CodingRule {
  cue?: string;
  cameo: string[];
  cameo_labels: string[];
  plover_type: string | null;
  plover_mode: string | null;
  plover_context?: string | null;
}

export interface EventCoding {
  types: Record<string, CodingRule[]>;
  additional_codes?: CodingRule[];
  /** Tried first whatever the event's type: what the clause's verb says decides (see event_coding.yaml). */
  clause_codes?: CodingRule[];
  /** Tried last, where the event's type gives no code: what the clause's verb reports (see event_coding.yaml). */
  fallback_codes?: CodingRule[];
  /** A meeting in the state of one of its two parties is a visit (see event_coding.yaml). */
  visit_by_place?: CodingRule & { types: string[]; replaces: string[] };
}

/** One party, not two: the same code, or a body and its parent ("IGOSCO" holds "IGOSCORAT"). */
const STATE_CODE = /^[A-Z]{3}$/u;
/** Who stands for a state at a meeting: its officials, the state itself, its forces. */
const STATE_TYPES = new Set(['person', 'state', 'armed_force']);
const RESIDENT = /\bambassador\b/iu;
/** The cue of a state named right after "relations with" in what was said (pipeline/normalize/participants.ts). */
const RELATIONS_CUE = /… “(?:relations|ties|relationship|cooperation|partnership|friendship|dialogue) with …”$/u;
const sameParty = (a: string | null | undefined, b: string | null | undefined): boolean => !!a && !!b && (a.startsWith(b) || b.startsWith(a));

/**
 * The coding_rule cell: the rule that gave the codes, and why a code or an
 * actor is empty where one is, so a row never asserts a guess silently.
 */
export function codingRule(rule: string | null, eventType: string, actor1: boolean, actor2: boolean, noActor2?: string): string {
  const head = rule ?? (eventType === 'other' ? 'none: no typing rule is sure of what the clause reports' : `none: no rule of ${eventType} matches the clause`);
  if (!actor1) return `${head}; no actors: the clause names no person, state or body taking part`;
  if (!actor2) return `${head}; no actor 2: ${noActor2 ?? 'the clause names one party taking part'}`;
  return head;
}

/** The words an event's codes are read from: a chronology entry's first sentence, a narrative event's clause. */
export function codingText(e: Pick<EventsRow, 'section' | 'description' | 'date_label'>): string {
  if (e.section === 'chronology') return firstSentence(e.description);
  const label = e.date_label ?? '';
  const at = label ? e.description.indexOf(label) : -1;
  if (at < 0) return firstSentence(e.description);
  const c = clauseOf(e.description, at, label.length);
  return e.description.slice(c.start, c.end);
}

/** The words after which an intent's object begins: "suggested that", "scheduled for", "to hold", "to supply". */
const INTENDED_FROM = /\b(?:suggest|propos|recommend)\w*\s+that\b|\b(?:scheduled|planned|slated)\s+(?:for|to)\b|\bto\s+(?:hold|combine|convene|host|build|supply|provide|deliver|sell|develop)\b/giu;

/**
 * Whether a narrative event's date stands in what an intent rule's words intend, in its clause
 * (the words codingText gives): after the intent's opener of its object, within the rule's match
 * or after it. "offered on Oct. 3 to supply missiles" is dated when offered.
 */
export function intendedDate(e: Pick<EventsRow, 'section' | 'description' | 'date_label'>, clause: string, rule: CodingRule): boolean {
  if (e.section === 'chronology' || !rule.cue || !e.date_label) return false;
  const m = compiled(rule.cue, 'iu').exec(clause);
  const at = clause.indexOf(e.date_label);
  if (m === null || at < 0) return false;
  const opener = [...clause.matchAll(INTENDED_FROM)].find((o) => o.index! >= m.index);
  return opener !== undefined && opener.index! + opener[0].length <= at;
}

const matches = (rule: CodingRule, sentence: string): boolean => !rule.cue || compiled(rule.cue, 'iu').test(sentence);

/**
 * The rows come in untyped from the steps that build them and are read as the
 * rows of their tables here; validateTables checks them against the same
 * schema at export.
 */
export function codeEvents(events: readonly Row[], participants: readonly Row[], entities: ReadonlyMap<string, Row>, coding: EventCoding): EventCodesRow[] {
  const entity = entities as ReadonlyMap<string, EntitiesRow>;
  const byEvent = new Map<string, EventParticipantsRow[]>();
  for (const p of participants as readonly EventParticipantsRow[]) {
    const list = byEvent.get(p.event_id);
    if (list) list.push(p);
    else byEvent.set(p.event_id, [p]);
  }
  // "Oct. 31: … The Russian side suggested that the chiefs be invited to a joint meeting in June
  // 2020": the later sentence's date is the intended meeting's, which takes no code, so the intent
  // is coded where it was expressed, on the entry whose text holds it (its additional code).
  const intentIn = new Map<string, { rule: CodingRule; sentence: string }>();
  const entries = (events as readonly EventsRow[]).filter((e) => e.section === 'chronology');
  for (const e of events as readonly EventsRow[]) {
    if (e.section !== 'chronology_text') continue;
    const sentence = codingText(e);
    const rule = (coding.clause_codes ?? []).find((r) => matches(r, sentence));
    if (!rule || !rule.cameo[0]?.startsWith('03') || !intendedDate(e, sentence, rule)) continue;
    const entry = entries.find((x) => x.source_id === e.source_id && x.span_start <= e.span_start && e.span_end <= x.span_end);
    if (entry && !intentIn.has(entry.event_id)) intentIn.set(entry.event_id, { rule, sentence });
  }
  return (events as readonly EventsRow[]).map((e) => {
    const sentence = codingText(e);
    const rules = coding.types[e.event_type] ?? [];
    const byClause = (coding.clause_codes ?? []).find((r) => matches(r, sentence)) ?? null;
    const byType = rules.find((r) => matches(r, sentence)) ?? null;
    // "24 years after the two countries signed an agreement in 1995": an event no type rule codes
    // is coded by what its clause's verb reports, where a fallback rule is sure of it.
    const byVerb = byClause || byType ? null : ((coding.fallback_codes ?? []).find((r) => matches(r, sentence)) ?? null);
    let rule = byClause ?? byType ?? byVerb;
    let ruleLabel = byClause ? `clause /${byClause.cue}/` : byType ? `${e.event_type}${byType.cue ? ` /${byType.cue}/` : ''}` : byVerb ? `verb /${byVerb.cue}/` : null;
    // "Li warned of coming danger for Iran in 2020": the date is inside what was said, so the
    // event is the thing spoken of, not a statement; the statement belongs to the date it was made.
    if ((!rule || rule.cameo[0]?.startsWith('01')) && (byEvent.get(e.event_id) ?? []).some((p) => p.role === 'mentioned' && String(p.role_cue ?? '').startsWith('speaker of words'))) {
      rule = null;
      ruleLabel = 'none: the date stands in what was said, so no statement is made at it';
    }
    // "suggested that the chiefs be invited to a joint meeting in June 2030": a date after the words
    // of an intent dates the intended happening, which is not held; the intent is coded at the date
    // it was expressed, so the row of the intended date takes no code.
    if (byClause && rule === byClause && byClause.cameo[0]?.startsWith('03') && intendedDate(e, sentence, byClause)) {
      rule = null;
      ruleLabel = 'none: the date is the intended happening’s, which is not held; the intent is coded at the date it was expressed';
    }
    const found = (coding.additional_codes ?? []).find((r) => matches(r, sentence)) ?? null;
    const intent = intentIn.get(e.event_id);
    // A code is not added to itself.
    const extra = found && found.cameo[0] !== rule?.cameo[0] ? found : intent && intent.rule.cameo[0] !== rule?.cameo[0] ? intent.rule : null;
    const additionalNote = extra && extra === intent?.rule ? `; additional ${extra.cameo[0]}: clause /${extra.cue}/ in the entry’s sentence “${intent.sentence}”, whose date is the intended happening’s` : '';
    const named = (byEvent.get(e.event_id) ?? [])
      .map((p) => ({ p, code: entity.get(p.entity_id)?.actor_code }))
      .filter((a) => a.code);
    // Names that are only what was said, proposed or a location are not actors.
    // "Chinese President Xi Jinping": the demonym inside a person's name names his state, whom
    // he stands for; the person named is the party, never the demonym before him.
    // "China’s Ambassador Zhang": a state that takes part through a person's title is no party beside him.
    const within = (a: (typeof named)[number], b: (typeof named)[number]) =>
      a !== b && a.code === b.code && entity.get(b.p.entity_id)?.entity_type === 'person' && entity.get(a.p.entity_id)?.entity_type === 'state' &&
      ((a.p.span_start != null && b.p.span_start != null && b.p.span_start <= a.p.span_start && a.p.span_end! <= b.p.span_end!) || String(a.p.role_cue ?? '').startsWith('through the title of'));
    const taking = named.filter((a) => !NOT_TAKING_PART.has(a.p.role));
    const actors = taking.filter((a) => !taking.some((b) => within(a, b)));
    // "Chinese President Xi Jinping": the person stands for the state his title names, so where a
    // party of a state is wanted, the person named is it, not the demonym inside his name.
    const personOf = (code: string | undefined) =>
      actors.find((a) => a.code === code && entity.get(a.p.entity_id)?.entity_type === 'person') ?? actors.find((a) => a.code === code);
    const speaker = actors.find((a) => String(a.p.role_cue ?? '').startsWith('speaker:'));
    const other = (a: (typeof actors)[number] | undefined) => actors.find((b) => !sameParty(b.code, a?.code));
    // "the SCO's RATS": the body itself, not its parent, is the party.
    const specific = (a: (typeof actors)[number] | undefined) => actors.find((b) => a && b.code!.length > a.code!.length && b.code!.startsWith(a.code!)) ?? a;
    let a1 = specific(actors[0]);
    let a2 = specific(other(a1));
    let noActor2: string | undefined;
    const place = e.place_id ? entity.get(e.place_id) : undefined;
    const byPlace = coding.visit_by_place;
    const country = place?.country_alpha3 ?? undefined;
    if (byPlace && rule && !byClause && country && rule.plover_mode !== 'multilateral' && byPlace.types.includes(e.event_type) && byPlace.replaces.includes(rule.cameo[0]!)) {
      // Two states' officials: a body's meeting is multilateral, not a visit.
      // A state's own organ coded as the state itself, beside an official of that state ("co-chaired by
      // Patrushev", with the Russian Security Council he heads: RUS), is of that state too.
      const isPerson = (a: (typeof actors)[number]) => entity.get(a.p.entity_id)?.entity_type === 'person';
      const organ = (a: (typeof actors)[number]) => entity.get(a.p.entity_id)?.entity_type === 'organization' && entity.get(a.p.entity_id)?.country_alpha3 === a.code && actors.some((b) => isPerson(b) && b.code === a.code);
      const ofState = (a: (typeof actors)[number]) => STATE_CODE.test(a.code!) && (STATE_TYPES.has(entity.get(a.p.entity_id)?.entity_type ?? '') || organ(a));
      const parties = actors.every(ofState) ? [...new Set(actors.map((a) => a.code!))] : [];
      const host = actors.find((a) => a.code === country);
      // An ambassador lives where he is accredited: meeting him there is no visit.
      // The entry itself may give the title ("Russian Ambassador to Beijing Andrey Denisov"), and a state may
      // take part through the title of its ambassador there: both are resident.
      const titledHere = (name: string): boolean => name.length > 0 && compiled(`\\bambassador\\b(?:(?! and )[^.;,]){0,40}${name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![\\p{L}])`, 'iu').test(String(e.evidence ?? ''));
      const resident = (a: (typeof actors)[number]) =>
        RESIDENT.test(entity.get(a.p.entity_id)?.role ?? '') || titledHere(String(entity.get(a.p.entity_id)?.name_en ?? '')) || (String(a.p.role_cue ?? '').startsWith('through the title of') && RESIDENT.test(String(a.p.role_cue)));
      const visitor = actors.find((a) => a.code !== country && !sameParty(a.code, country) && !resident(a));
      if (parties.length === 2 && host && visitor) {
        rule = byPlace;
        ruleLabel = `${e.event_type} /visit_by_place ${country}/`;
      }
    }
    if (rule?.cameo[0] === '042') {
      // A person who hosts ("at the invitation of Medvedev") before the state that does.
      const hosts = actors.filter((a) => a.p.role === 'host');
      // A state that hosts ("traveled to Moscow": Russia) stands for its person the clause names ("met Russian President Putin").
      const host = hosts.find((a) => entity.get(a.p.entity_id)?.entity_type === 'person') ?? (hosts[0] ? personOf(hosts[0].code ?? undefined) : undefined) ?? (country ? personOf(country) : undefined);
      // A delegation's head travels with it: the visitor.
      const visitor =
        actors.find((a) => (a.p.role === 'visitor' || a.p.role === 'delegation_head') && !sameParty(a.code, host?.code)) ?? actors.find((a) => !sameParty(a.code, host?.code));
      if (visitor) a1 = visitor;
      // "Novak and Jones flew to Ardenburg": travellers named together are all visitors; a
      // co-traveller hosts nothing, so without a host the visit has no actor 2.
      const travels = (a: (typeof actors)[number]) => a.p.role === 'visitor' || a.p.role === 'delegation_head';
      a2 = host && !sameParty(host.code, a1?.code) ? host : actors.find((b) => !sameParty(b.code, a1?.code) && !(travels(b) && a1 && travels(a1)));
      if (!a2 && actors.some((b) => b !== a1 && !sameParty(b.code, a1?.code) && travels(b))) noActor2 = 'the parties named travel together, and the clause names no host';
    }
    if (rule?.cameo[0]?.startsWith('01') && speaker) {
      // A statement is made by its speaker, whoever else the clause names first (event_coding.yaml actor_roles).
      a1 = speaker;
      a2 = actors.find((b) => b !== speaker && !String(b.p.role_cue ?? '').startsWith('speaker:') && !sameParty(b.code, speaker.code));
    }
    if (rule?.cameo[0]?.startsWith('01') && a1 && !a2) {
      // A statement's target is the party it is about, when it names one (event_coding.yaml actor_roles).
      // The other side of the relations the words speak of ("will not harm relations with Beijing to
      // please the US": China) first, then the first state named in them.
      const about = named.filter((a) => a.p.role === 'mentioned' && !sameParty(a.code, a1?.code));
      a2 = about.find((a) => RELATIONS_CUE.test(String(a.p.role_cue ?? ''))) ?? about[0];
    }
    if (rule && /^(?:18|19|20)/.test(rule.cameo[0]!)) {
      // Force is used by its agent: "was killed by US drones" makes the US actor 1.
      const agent = actors.find((a) => a.p.role === 'agent');
      if (agent) [a1, a2] = [agent, other(agent)];
    }
    if (rule?.cameo[0]?.startsWith('02')) {
      // An appeal is made to a body: the target is the organization appealed to, when the entry names one.
      const body = actors.find((a) => entity.get(a.p.entity_id)?.entity_type === 'organization');
      if (body && body !== a1) a2 = body;
    }
    return {
      event_id: e.event_id,
      date_start: e.date_start ?? null,
      date_end: e.date_end ?? null,
      cameo_code: rule?.cameo[0] ?? null,
      cameo_label: rule?.cameo_labels[0] ?? null,
      cameo_root: rule ? rule.cameo[0]!.slice(0, 2) : null,
      cameo_code_reciprocal: rule?.cameo[1] ?? null,
      cameo_code_additional: extra?.cameo[0] ?? null,
      plover_type: rule?.plover_type ?? null,
      plover_mode: rule?.plover_mode ?? null,
      plover_context: rule?.plover_context ?? null,
      actor1_code: a1?.code ?? null,
      actor1_entity_id: a1 ? a1.p.entity_id : null,
      actor2_code: a2?.code ?? null,
      actor2_entity_id: a2 ? a2.p.entity_id : null,
      place_id: e.place_id ?? null,
      geonames_id: place?.geonames_id ?? null,
      latitude: place?.latitude ?? null,
      longitude: place?.longitude ?? null,
      coding_rule: codingRule(ruleLabel, e.event_type, !!a1, !!a2, noActor2) + additionalNote,
      source_id: e.source_id,
      span_start: e.span_start,
      span_end: e.span_end,
      evidence: e.evidence,
      extractor: STEP.label,
      found_by: e.found_by,
    };
  });
}
