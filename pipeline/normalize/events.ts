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
import type { CuratorEntry } from './mentions.ts';
export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { chronology: 'extract/chronology', source: 'extract/source', eventTypes: 'resource:event-types' },
  run: ({ chronology, source, eventTypes }: { chronology: ChronologyFinding[]; source: SourceFinding[]; eventTypes: Vocabulary }) => {
    const entries = chronology.filter((f): f is ChronologyEntry => f.kind === 'chronology_entry');
    const periods = chronology.filter((f): f is ChronologyPeriod => f.kind === 'chronology_period');
    const file = source[0]!.text_path;
    const rows = normalizeEvents({ entries, periods, eventTypes, fileOf: () => file });
    const period = periods[0] ? parsePeriodLabel(periods[0].period_label, { file, line: periods[0].line }) : null;
    return { rows, curation: chronologyChecks(entries, rows, period) };
  },
});

/**
 * What a chronology says that its own heading or its order contradicts, for
 * a curator: an entry dated outside the period the heading gives, an entry
 * dated before the one above it, an entry whose link markup is cut (an
 * opening "[" with no "](#)" after it). They are listed, not refused: the
 * text is kept as received and the records say what it says (a chronology
 * may look back, and a typo in a date is the journal's), and only a person
 * can tell a slip from a fact.
 */
export function chronologyChecks(entries: ChronologyEntry[], rows: Row[], period: Period | null): CuratorEntry[] {
  const out: CuratorEntry[] = [];
  let latest: string | null = null;
  entries.forEach((e, i) => {
    const r = rows[i]!;
    const start = String(r.date_start);
    const end = String(r.date_end);
    const item = (kind: CuratorEntry['kind'], reason: string): void =>
      void out.push({ source_id: e.source_id, kind, surface: e.date_label, line: e.line, candidates: [String(r.event_id)], reason });
    if (period && (start < period.start || end > period.end)) {
      item('chronology_outside_period', `the entry is dated ${start}${end !== start ? ` to ${end}` : ''}, outside the period ${period.start} to ${period.end} that the chronology's heading gives`);
    }
    if (latest !== null && start < latest) item('chronology_out_of_order', `the entry is dated ${start}, before an entry above it dated ${latest}`);
    if (latest === null || start > latest) latest = start;
    if (/\[[^\]]*$/.test(e.text_raw) || /\]\([^)]*$/.test(e.text_raw)) item('chronology_cut_link', 'the entry ends inside link markup: "[" or "](" with nothing to close it, as if the text were cut');
  });
  return out;
}

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
      // A chronology label is always written; only the narrative infers dates.
      date_inferred: false,
      date_anchor: null,
      // A chronology label dates its entry's main clause.
      date_role: 'main',
      date_role_cue: null,
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
