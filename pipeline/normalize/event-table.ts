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
import { keyEntitiesOf, linkToChronology } from './narrative-events.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  table: 'events',
  inputs: { chronology: 'normalize/events', narrative: 'normalize/narrative-events', participants: 'normalize/participants', mentions: 'normalize/mentions', types: 'resource:entity-types' },
  run: ({ chronology, narrative, participants, mentions, types }: {
    chronology: { rows: Row[] };
    narrative: { rows: Row[] };
    participants: { places: Map<string, string> };
    mentions: { rows: Row[] };
    types: Map<string, string>;
  }) => {
    const events = [...chronology.rows, ...narrative.rows];
    const links = linkToChronology(events, mentions.rows, types);
    for (const [id, to] of linkNarrativeRepeats(events, links, mentions.rows, types)) links.set(id, to);
    return { rows: eventTable(events, participants.places, links) };
  },
});

/** Events with place_id and same_as_event_id in the schema's field order. */
export function eventTable(events: Row[], places: Map<string, string>, links: Map<string, string>): Row[] {
  return events.map((e) => {
    const { description, source_id, span_start, span_end, evidence, extractor, found_by, ...rest } = e;
    return {
      ...rest,
      place_id: places.get(String(e.event_id)) ?? null,
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
 * forum, project or place in common. The later is linked to the earliest
 * such sentence, so a group of repeats points at one row.
 */
export function linkNarrativeRepeats(events: readonly Row[], chronologyLinks: ReadonlyMap<string, string>, mentions: Row[], entityType: Map<string, string>): Map<string, string> {
  const keyEntities = keyEntitiesOf(mentions, entityType);
  const candidates = events
    .filter((e) => e.section === 'narrative' && e.date_precision === 'day' && e.date_start && e.date_end && e.event_type !== 'other' && !chronologyLinks.has(String(e.event_id)))
    .sort((a, b) => (String(a.source_id) < String(b.source_id) ? -1 : String(a.source_id) > String(b.source_id) ? 1 : (a.span_start as number) - (b.span_start as number)));
  const keys = new Map(candidates.map((e) => [String(e.event_id), keyEntities(e)]));
  const links = new Map<string, string>();
  for (let j = 0; j < candidates.length; j++) {
    const b = candidates[j]!;
    const mine = keys.get(String(b.event_id))!;
    for (let i = 0; i < j; i++) {
      const a = candidates[i]!;
      if (a.source_id !== b.source_id || a.event_type !== b.event_type) continue;
      if (!(String(a.date_start) <= String(b.date_end) && String(b.date_start) <= String(a.date_end))) continue;
      if (![...keys.get(String(a.event_id))!].some((id) => mine.has(id))) continue;
      links.set(String(b.event_id), links.get(String(a.event_id)) ?? String(a.event_id));
      break;
    }
  }
  return links;
}
