/**
 * Chronology entries → event records: the date read into ISO bounds,
 * precision and EDTF; the event type by rule; the display text; a stable id.
 */
import { createHash } from 'node:crypto';
import type { ChronologyEntry, ChronologyPeriod } from '../extract/chronology.ts';
import type { Row, Vocabulary } from '../lib/schema.ts';
import { displayText } from '../lib/text.ts';
import { parseDateLabel, parsePeriodLabel, type Period } from './dates.ts';
import { classifyEventType, compileRules } from './event-type.ts';

import type { ChronologyFinding } from '../extract/chronology.ts';
import type { SourceFinding } from '../extract/source.ts';
import { defineStep } from '../lib/step.ts';
export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { chronology: 'extract/chronology', source: 'extract/source', eventTypes: 'resource:event-types' },
  run: ({ chronology, source, eventTypes }: { chronology: ChronologyFinding[]; source: SourceFinding[]; eventTypes: Vocabulary }) => ({
    rows: normalizeEvents({
      entries: chronology.filter((f): f is ChronologyEntry => f.kind === 'chronology_entry'),
      periods: chronology.filter((f): f is ChronologyPeriod => f.kind === 'chronology_period'),
      eventTypes,
      fileOf: () => source[0]!.text_path,
    }),
  }),
});

/**
 * Makes ids unique in order of appearance, as schema/events.yaml documents:
 * the second record with the same id gets "-2", the third "-3".
 */
export function uniqueIds(): (id: string) => string {
  const seen = new Map<string, number>();
  return (id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n > 1 ? `${id}-${n}` : id;
  };
}

/** The id rule, as schema/events.yaml documents it. */
export function eventId(sourceId: string, section: string, dateLabel: string, description: string, dateStart: string): string {
  const hash = createHash('sha256').update([sourceId, section, dateLabel, description].join('\u001f')).digest('hex');
  return `ev-${dateStart.replaceAll('-', '')}-${hash.slice(0, 8)}`;
}

export interface EventsInput {
  entries: ChronologyEntry[];
  periods: ChronologyPeriod[];
  eventTypes: Vocabulary;
  /** Path of each source's text, for error messages. */
  fileOf: (sourceId: string) => string;
}

export function normalizeEvents({ entries, periods, eventTypes, fileOf }: EventsInput): Row[] {
  const rules = compileRules(eventTypes);
  const periodOf = new Map<string, Period>();
  for (const p of periods) periodOf.set(p.source_id, parsePeriodLabel(p.period_label, { file: fileOf(p.source_id), line: p.line }));
  const unique = uniqueIds();
  return entries.map((e) => {
    const date = parseDateLabel(e.date_label, { file: fileOf(e.source_id), line: e.line }, periodOf.get(e.source_id));
    const description = displayText(e.text_raw);
    const type = classifyEventType(description, rules);
    const id = unique(eventId(e.source_id, 'chronology', e.date_label, description, date.date_start));
    return {
      event_id: id,
      section: 'chronology',
      sequence: e.sequence,
      date_label: e.date_label,
      ...date,
      ...type,
      description,
      source_id: e.source_id,
      span_start: e.span_start,
      span_end: e.span_end,
      evidence: e.evidence,
      extractor: STEP.label,
      found_by: e.extractor,
    };
  });
}
