/**
 * The events table of one source: the chronology entries and the dated
 * statements of the narrative, each with its place (from the participants
 * step) and the chronology entry a narrative event reports.
 */
import type { Row } from '../lib/schema.ts';
import { defineStep } from '../lib/step.ts';
import { linkToChronology } from './narrative-events.ts';

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
  }) => ({ rows: eventTable([...chronology.rows, ...narrative.rows], participants.places, linkToChronology([...chronology.rows, ...narrative.rows], mentions.rows, types)) }),
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
