/**
 * The events table of one source: the chronology entries and the dated
 * statements of the narrative, each with its place (from the participants
 * step) and, in same_as_event_id, the row that reports the same happening
 * first: the chronology entry a narrative event reports, or else an earlier
 * narrative sentence about the same happening. Rows whose same_as_event_id
 * is empty are one row per real-world event.
 */
import type { Row } from '../lib/schema.ts';
import { defineStep } from '../lib/step.ts';
import { keyEntitiesOf, linkToChronology, mentionsWithin, sortedMentionsBySource, within, type Segments } from './narrative-events.ts';
import { compiled } from '../lib/regex.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  table: 'events',
  inputs: { chronology: 'normalize/events', narrative: 'normalize/narrative-events', participants: 'normalize/participants', mentions: 'normalize/mentions', types: 'resource:entity-types' },
  run: ({ chronology, narrative, participants, mentions, types }: {
    chronology: { rows: Row[] };
    narrative: { rows: Row[]; segments?: Segments };
    participants: { places: Map<string, string> };
    mentions: { rows: Row[] };
    types: Map<string, string>;
  }) => {
    const events = [...chronology.rows, ...narrative.rows];
    const segments = narrative.segments ?? new Map();
    const places = new Map([...placesOfOwnWords(events, participants.places, mentions.rows, types, segments), ...participants.places]);
    return { rows: eventTable(events, places, linkEvents(events, mentions.rows, types, segments), reportingSeveral(events, segments)) };
  },
});

/**
 * same_as_event_id for every event: chronology links to the day, then
 * coarser narrative dates to the chronology entries they hold, then
 * narrative repeats; a link to a row that is itself linked is followed to
 * the row that stands for the happening.
 */
export function linkEvents(events: Row[], mentions: Row[], types: Map<string, string>, segments: Segments): Map<string, string> {
  const links = linkToChronology(events, mentions, types);
  const several = reportingSeveral(events, segments);
  const one = events.filter((e) => !several.has(String(e.event_id)));
  for (const [id, to] of linkCoarseToChronology(one, links, mentions, types, segments)) links.set(id, to);
  for (const [id, to] of linkNarrativeRepeats(events, links, mentions, types)) links.set(id, to);
  for (const [id, to] of linkContinuations(events, links, mentions, types)) links.set(id, to);
  for (const [id, to] of linkCoarseRepeats(one, links, mentions, types, segments)) links.set(id, to);
  const resolve = (id: string, seen = new Set<string>()): string => {
    const to = links.get(id);
    if (to === undefined || seen.has(to)) return id;
    seen.add(id);
    return resolve(to, seen);
  };
  return new Map([...links.keys()].map((id) => [id, resolve(id)]));
}

/**
 * Narrative rows coarser than a day that report no one happening, and so
 * link to nothing (when in doubt, no link): a row of no known type whose
 * date holds every chronology entry of its source is a summary of the
 * period the chronicle covers ("In the last four months of 2019, Beijing
 * and Moscow continued to broaden …"); a row whose
 * clause holds two or more other dates of single days within its own
 * ("Twice in the last four months of 2019, the group met first … on
 * Oct. 31-Nov. 1, and then … on Dec. 9") reports each of them, and neither
 * is the one it is.
 */
export function reportingSeveral(events: readonly Row[], segments: Segments): Set<string> {
  const out = new Set<string>();
  const clauseOf = (e: Row): string | null => {
    const s = segments.get(String(e.event_id));
    return s?.clause_start === undefined ? null : `${e.source_id}\u001f${s.clause_start}\u001f${s.clause_end}`;
  };
  const byClause = new Map<string, Row[]>();
  for (const e of events) {
    const k = clauseOf(e);
    if (k !== null) byClause.set(k, [...(byClause.get(k) ?? []), e]);
  }
  for (const e of events) {
    if (e.section === 'chronology' || e.date_precision === 'day' || !e.date_start || !e.date_end) continue;
    const entries = events.filter((c) => c.section === 'chronology' && c.source_id === e.source_id);
    const whole = entries.length > 1 && entries.every((c) => within(c, e));
    if (e.event_type === 'other' && REPORTS.has(String(e.date_role ?? 'main')) && whole) {
      out.add(String(e.event_id));
      continue;
    }
    const k = clauseOf(e);
    const days = new Set((k === null ? [] : byClause.get(k)!).filter((d) => d !== e && d.date_precision === 'day' && within(d, e)).map((d) => `${d.date_start}/${d.date_end}`));
    if (days.size >= 2) out.add(String(e.event_id));
  }
  return out;
}

/**
 * narrative event id → the row of the sentence before it, for a sentence
 * dated to the same single day, of the same type (not "other"), that names
 * no person of its own while the sentence before it does: its agent is a
 * pronoun for that person ("Sergei Lavrov … said three days later …" then
 * "“We are allies …,” he told Channel One Russia on Dec. 22"), so it goes
 * on reporting the same happening.
 */
export function linkContinuations(events: readonly Row[], links: ReadonlyMap<string, string>, mentions: Row[], entityType: Map<string, string>): Map<string, string> {
  const bySource = sortedMentionsBySource(mentions);
  const persons = (e: Row): number =>
    mentionsWithin(bySource.get(String(e.source_id)) ?? [], e.span_start as number, e.span_end as number).filter((m) => entityType.get(String(m.entity_id)) === 'person').length;
  const narrative = events
    .filter((e) => e.section === 'narrative' && e.date_precision === 'day')
    .sort((a, b) => (String(a.source_id) < String(b.source_id) ? -1 : String(a.source_id) > String(b.source_id) ? 1 : (a.span_start as number) - (b.span_start as number)));
  const out = new Map<string, string>();
  for (let j = 1; j < narrative.length; j++) {
    const b = narrative[j]!;
    const id = String(b.event_id);
    if (links.has(id) || b.event_type === 'other') continue;
    // The nearest row of the sentence just before (a sentence may hold several dates: its last one is nearest).
    const a = narrative[j - 1]!;
    const gap = (b.span_start as number) - (a.span_end as number);
    if (a.source_id !== b.source_id || gap < 0 || gap > 2) continue;
    if (a.event_type !== b.event_type || a.date_start !== b.date_start || a.date_end !== b.date_end) continue;
    if (persons(b) > 0 || persons(a) === 0) continue;
    out.set(id, out.get(String(a.event_id)) ?? links.get(String(a.event_id)) ?? String(a.event_id));
  }
  return out;
}

/** Nouns that name a gathering held at a place: "its Qingdao summit", "the Minsk talks". */
const GATHERING = 'summit|meeting|forum|conference|talks|session|congress';

const escape = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * event id → place, for events the participants step gave no place, read
 * from the event's own words only:
 * - a place named as the attribute of a gathering in the part of the
 *   sentence the date governs ("at its Qingdao summit in June 2018");
 * - a sentence of a chronology entry's text that speaks of the entry's own
 *   gathering again by its noun ("meet on the sidelines of the summit on
 *   Nov. 13" in the entry "BRICS holds its 11th summit in Brasilia") happens
 *   at the entry's place.
 */
export function placesOfOwnWords(events: readonly Row[], places: ReadonlyMap<string, string>, mentions: Row[], entityType: Map<string, string>, segments: Segments): Map<string, string> {
  const bySource = sortedMentionsBySource(mentions);
  const out = new Map<string, string>();
  for (const e of events) {
    const id = String(e.event_id);
    if (places.has(id) || e.section === 'chronology') continue;
    const seg = segments.get(id);
    const own = mentionsWithin(bySource.get(String(e.source_id)) ?? [], seg?.start ?? (e.span_start as number), seg?.end ?? (e.span_end as number));
    const text = String(e.description ?? '');
    const attribute = own.find((m) => entityType.get(String(m.entity_id)) === 'place'
      && compiled(`\\b(?:its|the|his|her|their|this|that)\\s+${escape(String(m.surface ?? ''))}\\s+(?:${GATHERING})\\b`, 'iu').test(text));
    if (attribute) {
      out.set(id, String(attribute.entity_id));
      continue;
    }
    if (e.section !== 'chronology_text') continue;
    const entry = events.find((c) => c.section === 'chronology' && c.source_id === e.source_id && (c.span_start as number) <= (e.span_start as number) && (e.span_end as number) <= (c.span_end as number));
    const noun = /^\p{L}+$/u.test(String(entry?.event_type_cue ?? '')) ? String(entry!.event_type_cue) : null;
    const place = entry ? places.get(String(entry.event_id)) : undefined;
    if (noun && place && compiled(`\\bthe\\s+${escape(noun)}\\b`, 'iu').test(text) && compiled(`\\b(?:${GATHERING})\\b`, 'iu').test(noun)) out.set(id, place);
  }
  return out;
}

/** Entities that name one happening or instrument: a shared one is evidence enough alone. */
const NAMED = new Set(['exercise', 'forum', 'project', 'treaty']);
/** Entities that take part in many happenings: shared alone, they link only with the same type and one candidate. */
const WEAK = new Set(['person', 'state', 'organization', 'armed_force', 'place']);
/** Date roles whose row is what its own clause says; since, until and attributive dates are not reports of an entry. */
const REPORTS = new Set(['main', 'subordinate']);

function segmentEntities(mentions: Row[], entityType: Map<string, string>, segments: Segments): (e: Row) => Map<string, string> {
  const bySource = sortedMentionsBySource(mentions);
  return (e) => {
    const seg = segments.get(String(e.event_id));
    const list = mentionsWithin(bySource.get(String(e.source_id)) ?? [], seg?.start ?? (e.span_start as number), seg?.end ?? (e.span_end as number));
    return new Map(list.map((m) => [String(m.entity_id), entityType.get(String(m.entity_id)) ?? '']));
  };
}

/**
 * narrative event id → the chronology entry it reports, for a narrative
 * date coarser than a day (a month, part of a year, a year): the entry's
 * dates lie within the narrative date, and the part of the sentence the
 * date governs names an entity the entry's text names. A named exercise,
 * forum, project or treaty in common is enough ("Center-2019 in
 * September" and "Sept. 16-21: … Center-2019"); with only a person, state,
 * organization, armed force or place in common ("with South Africa in
 * November"), the two must have the same event type (not "other") and the
 * entry must be the only one within the date that does. Two entries equally
 * good give no link: a wrong link is worse than none.
 */
export function linkCoarseToChronology(events: readonly Row[], dayLinks: ReadonlyMap<string, string>, mentions: Row[], entityType: Map<string, string>, segments: Segments): Map<string, string> {
  const entitiesOf = segmentEntities(mentions, entityType, segments);
  const chronology = events.filter((e) => e.section === 'chronology');
  const chronologyEntities = new Map(chronology.map((c) => [String(c.event_id), entitiesOf(c)]));
  const links = new Map<string, string>();
  for (const n of events) {
    if (n.section !== 'narrative' || n.date_precision === 'day' || !REPORTS.has(String(n.date_role ?? 'main')) || dayLinks.has(String(n.event_id)) || !n.date_start || !n.date_end) continue;
    const mine = entitiesOf(n);
    const named: { id: string; shared: number }[] = [];
    const weak: string[] = [];
    for (const c of chronology) {
      if (c.source_id !== n.source_id || !within(c, n)) continue;
      const theirs = chronologyEntities.get(String(c.event_id))!;
      const shared = [...mine].filter(([id]) => theirs.has(id));
      const strong = shared.filter(([, t]) => NAMED.has(t)).length;
      if (strong > 0) named.push({ id: String(c.event_id), shared: strong });
      // Different agents are different happenings: an ambassador's statement on a president's speech is not the speech.
      else if (shared.some(([, t]) => WEAK.has(t)) && n.event_type !== 'other' && n.event_type === c.event_type && !otherAgents(mine, theirs)) weak.push(String(c.event_id));
    }
    if (named.length > 0) {
      const best = Math.max(...named.map((x) => x.shared));
      const top = named.filter((x) => x.shared === best);
      if (top.length === 1) links.set(String(n.event_id), top[0]!.id);
    } else if (weak.length === 1) links.set(String(n.event_id), weak[0]!);
  }
  return links;
}

/** Both name persons and none in common. */
function otherAgents(a: Map<string, string>, b: Map<string, string>): boolean {
  const x = [...a].filter(([, t]) => t === 'person').map(([id]) => id);
  const y = new Set([...b].filter(([, t]) => t === 'person').map(([id]) => id));
  return x.length > 0 && y.size > 0 && !x.some((id) => y.has(id));
}

/** The name a year stands in, as words to compare: "the 2014 Ukraine–Crimea crises" → ["ukraine", "crimea", "crises"]. */
function nameWords(cue: unknown): string[] {
  return String(cue ?? '').toLowerCase().replace(/^the \d{4}/, '').split(/[\s\-–]+/u).filter(Boolean);
}

/**
 * narrative event id → the row that stands for the same happening, for
 * narrative events with no link yet whose date is not a single day:
 * - a month or year that holds a day of its own clause ("In August, India
 *   revoked … on Aug. 5") is that day's happening: linked to the day;
 * - a year that names a thing again ("the 2014 Ukraine crisis" after "the
 *   2014 Ukraine–Crimea crises"): same year, the same first word of the
 *   name and the same last word to its first four letters (crisis, crises);
 *   linked to the first;
 * - the same main or subordinate date (equal EDTF) again with a named
 *   exercise, forum, project or treaty in common: linked to the first;
 * - the text of a chronology entry with the same date, the same type (not
 *   "other") and two persons, states, organizations, armed forces or places
 *   in common, and no other agents: linked to that entry's text.
 */
export function linkCoarseRepeats(events: readonly Row[], links: ReadonlyMap<string, string>, mentions: Row[], entityType: Map<string, string>, segments: Segments): Map<string, string> {
  const entitiesOf = segmentEntities(mentions, entityType, segments);
  const narrative = events
    .filter((e) => e.section === 'narrative')
    .sort((a, b) => (String(a.source_id) < String(b.source_id) ? -1 : String(a.source_id) > String(b.source_id) ? 1 : (a.span_start as number) - (b.span_start as number)));
  const entryTexts = events.filter((e) => e.section === 'chronology_text');
  const out = new Map<string, string>();
  const clauseOf = (e: Row): string | null => {
    const s = segments.get(String(e.event_id));
    return s?.clause_start === undefined ? null : `${e.source_id}\u001f${s.clause_start}\u001f${s.clause_end}`;
  };
  for (let j = 0; j < narrative.length; j++) {
    const b = narrative[j]!;
    const id = String(b.event_id);
    if (links.has(id) || b.date_precision === 'day') continue;
    const clause = clauseOf(b);
    if (REPORTS.has(String(b.date_role)) && clause !== null) {
      const day = narrative.find((a) => a !== b && a.date_precision === 'day' && REPORTS.has(String(a.date_role)) && clauseOf(a) === clause && within(a, b));
      if (day) {
        out.set(id, links.get(String(day.event_id)) ?? String(day.event_id));
        continue;
      }
    }
    // A chronology entry's text reporting it with the same date, type and agents: "the next SCO defense chiefs meeting
    // with those of the CIS and the CSTO, scheduled for June 2020 in Moscow" and the entry's "a joint meeting … in June 2020 in Moscow".
    if (REPORTS.has(String(b.date_role)) && b.event_type !== 'other') {
      const mine = entitiesOf(b);
      const entry = entryTexts.find((a) => {
        if (a.source_id !== b.source_id || a.date_edtf !== b.date_edtf || a.event_type !== b.event_type || !REPORTS.has(String(a.date_role))) return false;
        const theirs = entitiesOf(a);
        return [...mine].filter(([e, t]) => WEAK.has(t) && theirs.has(e)).length >= 2 && !otherAgents(mine, theirs);
      });
      if (entry) {
        out.set(id, links.get(String(entry.event_id)) ?? String(entry.event_id));
        continue;
      }
    }
    for (let i = 0; i < j; i++) {
      const a = narrative[i]!;
      if (a.source_id !== b.source_id || a.date_edtf !== b.date_edtf || a.date_role !== b.date_role) continue;
      let same = false;
      if (b.date_role === 'attributive') {
        const x = nameWords(a.date_role_cue);
        const y = nameWords(b.date_role_cue);
        same = x.length > 1 && y.length > 1 && x[0] === y[0] && x[x.length - 1]!.slice(0, 4) === y[y.length - 1]!.slice(0, 4);
      } else if (REPORTS.has(String(b.date_role))) {
        const theirs = entitiesOf(a);
        same = [...entitiesOf(b)].some(([e, t]) => NAMED.has(t) && theirs.has(e));
      }
      if (!same) continue;
      const to = out.get(String(a.event_id)) ?? links.get(String(a.event_id)) ?? String(a.event_id);
      out.set(id, to);
      break;
    }
  }
  return out;
}

/**
 * Events with place_id and same_as_event_id in the schema's field order. A
 * row that reports several happenings or sums up the period (`several`,
 * see reportingSeveral) has no single place: "met first in Moscow … and then
 * in Beijing" is placed in neither.
 */
export function eventTable(events: Row[], places: Map<string, string>, links: Map<string, string>, several: ReadonlySet<string> = new Set()): Row[] {
  return events.map((e) => {
    const { description, source_id, span_start, span_end, evidence, extractor, found_by, ...rest } = e;
    return {
      ...rest,
      place_id: several.has(String(e.event_id)) ? null : places.get(String(e.event_id)) ?? null,
      same_as_event_id: links.get(String(e.event_id)) ?? null,
      description, source_id, span_start, span_end, evidence, extractor, found_by,
    } as Row;
  });
}

/**
 * narrative event id → an earlier narrative event that reports the same
 * happening, for narrative events no chronology entry reports. Two narrative
 * sentences report one happening when both are dated to the day with
 * overlapping dates, have the same event type (not "other", which says the
 * type is unknown), and name a person, organization, armed force, exercise,
 * forum, project or place in common; or when both are dated to the same
 * day and their sentences name a treaty, exercise, forum or project in
 * common ("the US exit from the INF Treaty … on Aug. 2, 2019" and "On
 * Aug. 2, the Trump administration terminated the 1987 INF Treaty"). The later is linked to the earliest
 * such sentence, so a group of repeats points at one row.
 */
export function linkNarrativeRepeats(events: readonly Row[], chronologyLinks: ReadonlyMap<string, string>, mentions: Row[], entityType: Map<string, string>): Map<string, string> {
  const keyEntities = keyEntitiesOf(mentions, entityType);
  const candidates = events
    .filter((e) => e.section === 'narrative' && e.date_precision === 'day' && e.date_start && e.date_end && !chronologyLinks.has(String(e.event_id)))
    .sort((a, b) => (String(a.source_id) < String(b.source_id) ? -1 : String(a.source_id) > String(b.source_id) ? 1 : (a.span_start as number) - (b.span_start as number)));
  const keys = new Map(candidates.map((e) => [String(e.event_id), keyEntities(e)]));
  const namedOf = keyEntitiesOf(mentions, entityType, NAMED);
  const named = new Map(candidates.map((e) => [String(e.event_id), namedOf(e)]));
  const links = new Map<string, string>();
  for (let j = 0; j < candidates.length; j++) {
    const b = candidates[j]!;
    const mine = keys.get(String(b.event_id))!;
    const namedMine = named.get(String(b.event_id))!;
    for (let i = 0; i < j; i++) {
      const a = candidates[i]!;
      if (a.source_id !== b.source_id) continue;
      if (!(String(a.date_start) <= String(b.date_end) && String(b.date_start) <= String(a.date_end))) continue;
      const sameType = a.event_type === b.event_type && a.event_type !== 'other';
      // The same single day and a named treaty, exercise, forum or project in common is one happening whatever the type rules said.
      const sameDay = a.date_start === b.date_start && a.date_end === b.date_end;
      const linked = sameType
        ? [...keys.get(String(a.event_id))!].some((id) => mine.has(id))
        : sameDay && [...named.get(String(a.event_id))!].some((id) => namedMine.has(id));
      if (!linked) continue;
      links.set(String(b.event_id), links.get(String(a.event_id)) ?? String(a.event_id));
      break;
    }
  }
  return links;
}
