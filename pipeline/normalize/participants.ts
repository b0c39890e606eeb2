/**
 * Who took part in each event, and where it happened, from the mentions in
 * the event's text. Every person, state, organization and armed force named
 * in an entry is a participant; its role comes from the rules in
 * schema/vocabularies/participant_roles.yaml, matched on the words around
 * the mention. The place is the first place the entry names after "in" or
 * "at" ("in Russia’s Novosibirsk Region" included).
 */
import type { Row, Vocabulary } from '../lib/schema.ts';
import { sentencesOf } from '../lib/sentences.ts';
import { mentionsWithin, sortedMentionsBySource } from './narrative-events.ts';
import type { DiscoveredEntity } from './mentions.ts';
import { withDiscovered } from './quotes.ts';

import { defineStep } from '../lib/step.ts';
import type { Segments } from './narrative-events.ts';
export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  table: 'event_participants',
  inputs: { events: 'normalize/events', narrative: 'normalize/narrative-events', mentions: 'normalize/mentions', types: 'resource:entity-types', roles: 'resource:participant-roles' },
  run: ({ events, narrative, mentions, types, roles }: { events: { rows: Row[] }; narrative: { rows: Row[]; segments: Segments }; mentions: { rows: Row[]; discovered?: DiscoveredEntity[] }; types: Map<string, string>; roles: Vocabulary }) => {
    // Discovered persons, organizations, armed forces and places take part as registry ones do; a name of unknown kind does not.
    const { participants, places } = participantsAndPlaces(
      [...events.rows, ...narrative.rows],
      mentions.rows,
      withDiscovered(types, mentions.discovered ?? []),
      compileRoleRules(roles),
      new RegExp(String((roles as unknown as { demonym_qualifies: string }).demonym_qualifies), 'iu'),
      narrative.segments,
    );
    return { rows: participants, places };
  },
});

const PARTICIPANT_TYPES = new Set(['person', 'state', 'organization', 'armed_force']);
const PLACE_BEFORE = /\b(?:in|at)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central) part of (?:the\s+)?)?(?:[\p{Lu}][\p{L}-]*’s\s+)?$/u;
/** "New Delhi hosts the 10th SCO Meeting": the place that hosts. */
const PLACE_HOSTS = /^\s+(?:hosts|hosted)\b/u;
/** Roles only a person can hold; a state or a body that is not host takes part. */
const PERSONAL_ROLES = new Set(['chair', 'co_chair', 'visitor', 'delegation_head']);

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

export function participantsAndPlaces(
  events: Row[],
  mentions: Row[],
  entityType: Map<string, string>,
  rules: RoleRule[],
  demonymQualifies: RegExp,
  segments: Map<string, { start: number; end: number; date_at: number }> = new Map(),
): { participants: Row[]; places: Map<string, string> } {
  const participants: Row[] = [];
  const places = new Map<string, string>();
  // Mentions inside each event's span, found by binary search in each source's sorted mentions.
  const bySource = sortedMentionsBySource(mentions.filter((m) => m.mention_kind !== 'original_name'));
  for (const e of events) {
    // A narrative event is one date of a sentence: its part of the sentence.
    // A chronology entry's place is in its first sentence, which carries the event.
    const segment = segments.get(String(e.event_id));
    const list = mentionsWithin(bySource.get(String(e.source_id)) ?? [], segment?.start ?? (e.span_start as number), segment?.end ?? (e.span_end as number));
    const evidence = String(e.evidence);
    const firstEnd = segment ? Infinity : (e.span_start as number) + Array.from(evidence.slice(0, firstSentenceEnd(evidence))).length;
    const seen = new Map<string, Row>();
    let place: { id: string; distance: number } | null = null;
    for (const m of list) {
      const rel = (m.span_start as number) - (e.span_start as number);
      const relEnd = (m.span_end as number) - (e.span_start as number);
      const before = plain(cpSlice(evidence, 0, rel));
      const after = plain(cpSlice(evidence, relEnd));
      const type = entityType.get(String(m.entity_id));
      if (type === 'place' && (m.span_start as number) < firstEnd && (PLACE_BEFORE.test(before) || PLACE_HOSTS.test(after))) {
        // The place nearest the date (narrative), or the first (chronology), "X hosts" first of all.
        const distance = PLACE_HOSTS.test(after) ? -1 : segment ? Math.abs((m.span_start as number) - segment.date_at) : (m.span_start as number);
        if (!place || distance < place.distance) place = { id: String(m.entity_id), distance };
      }
      if (!type || !PARTICIPANT_TYPES.has(type)) continue;
      if (m.mention_kind === 'demonym' && !demonymQualifies.test(after)) continue;
      const found = roleOf(before, after, rules);
      const { role, cue } = type !== 'person' && PERSONAL_ROLES.has(found.role) ? { role: 'participant', cue: null } : found;
      const existing = seen.get(String(m.entity_id));
      if (existing) {
        // A later mention may say more: keep the first role that is not plain participation.
        if (existing.role === 'participant' && role !== 'participant') Object.assign(existing, { role, role_cue: cue });
        continue;
      }
      const row: Row = {
        event_id: e.event_id ?? null,
        entity_id: m.entity_id ?? null,
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
      seen.set(String(m.entity_id), row);
      participants.push(row);
    }
    if (place) places.set(String(e.event_id), place.id);
  }
  return { participants, places };
}

