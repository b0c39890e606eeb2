/**
 * Events → flat GDELT-style rows with CAMEO and PLOVER codes, by the mapping
 * in schema/vocabularies/event_coding.yaml (the CAMEO 1.1b3 and PLOVER 0.8
 * documents it follows are cited there): within the event's type, the first
 * rule whose cue matches the entry's first sentence gives the codes. Actor 1
 * and 2 come from the participants: for a visit, the visitor and the host;
 * otherwise the first two participants, in order of mention, whose codes differ.
 */
import type { EntitiesRow, EventCodesRow, EventParticipantsRow, EventsRow } from '../generated/rows.ts';
import type { Row } from '../lib/schema.ts';
import { firstSentence } from './event-type.ts';

import { defineStep } from '../lib/step.ts';

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
}

const matches = (rule: CodingRule, sentence: string): boolean => !rule.cue || new RegExp(rule.cue, 'iu').test(sentence);

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
  return (events as readonly EventsRow[]).map((e) => {
    const sentence = firstSentence(e.description);
    const rules = coding.types[e.event_type] ?? [];
    const rule = rules.find((r) => matches(r, sentence)) ?? null;
    const extra = (coding.additional_codes ?? []).find((r) => matches(r, sentence)) ?? null;
    const actors = (byEvent.get(e.event_id) ?? [])
      .map((p) => ({ p, code: entity.get(p.entity_id)?.actor_code }))
      .filter((a) => a.code);
    let a1 = actors[0];
    let a2 = actors.find((a) => a.code !== a1?.code);
    if (rule?.cameo[0] === '042') {
      const host = actors.find((a) => a.p.role === 'host');
      // A delegation's head travels with it: the visitor.
      const visitor = actors.find((a) => a.p.role === 'visitor' || a.p.role === 'delegation_head') ?? actors.find((a) => a.code !== host?.code);
      if (visitor) a1 = visitor;
      a2 = host && host.code !== a1?.code ? host : actors.find((a) => a.code !== a1?.code);
    }
    if (rule && /^(?:18|19|20)/.test(rule.cameo[0]!)) {
      // Force is used by its agent: "was killed by US drones" makes the US actor 1.
      const agent = actors.find((a) => a.p.role === 'agent');
      if (agent) [a1, a2] = [agent, actors.find((a) => a.code !== agent.code)];
    }
    if (rule?.cameo[0]?.startsWith('02')) {
      // An appeal is made to a body: the target is the organization appealed to, when the entry names one.
      const body = actors.find((a) => entity.get(a.p.entity_id)?.entity_type === 'organization');
      if (body && body !== a1) a2 = body;
    }
    const place = e.place_id ? entity.get(e.place_id) : undefined;
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
      coding_rule: rule ? `${e.event_type}${rule.cue ? ` /${rule.cue}/` : ''}` : null,
      source_id: e.source_id,
      span_start: e.span_start,
      span_end: e.span_end,
      evidence: e.evidence,
      extractor: STEP.label,
      found_by: e.found_by,
    };
  });
}
