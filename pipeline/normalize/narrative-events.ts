/**
 * Dated statements of the narrative → event records (section "narrative"):
 * the date expression read into bounds, precision and EDTF, the sentence as
 * the description, the type by the same rules as the chronology. Then each
 * narrative event is linked to the chronology event it reports, when both
 * are dated to the day, their dates overlap, and their texts name at least
 * one person, organization, armed force, exercise, forum, project or place in
 * common; the one
 * sharing most such entities wins.
 */
import type { NarrativeDate } from '../extract/narrative-dates.ts';
import type { Row, Vocabulary } from '../lib/schema.ts';
import { displayText } from '../lib/text.ts';
import { parseNarrativeDate, type Period } from './dates.ts';
import { classifyNearDate, compileRules } from './event-type.ts';
import { eventId, uniqueIds } from './events.ts';

import type { ChronologyFinding, ChronologyPeriod } from '../extract/chronology.ts';
import type { SourceFinding } from '../extract/source.ts';
import { defineStep } from '../lib/step.ts';
import { parsePeriodLabel } from './dates.ts';
export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { dates: 'extract/narrative-dates', chronology: 'extract/chronology', source: 'extract/source', eventTypes: 'resource:event-types' },
  run: ({ dates, chronology, source, eventTypes }: { dates: NarrativeDate[]; chronology: ChronologyFinding[]; source: SourceFinding[]; eventTypes: Vocabulary }) => {
    const file = source[0]!.text_path;
    const periods = new Map(
      chronology.filter((f): f is ChronologyPeriod => f.kind === 'chronology_period').map((p) => [p.source_id, parsePeriodLabel(p.period_label, { file, line: p.line })]),
    );
    const rows = normalizeNarrativeEvents(dates, periods, eventTypes, () => file);
    // Each narrative event governs its part of the sentence (see extract/narrative-dates.ts).
    const segments: Segments = new Map(rows.map((e, i) => [String(e.event_id), { start: dates[i]!.segment_start, end: dates[i]!.segment_end, date_at: dates[i]!.date_at }]));
    return { rows, segments };
  },
});

/** The part of its sentence each narrative event governs, by event id. */
export type Segments = Map<string, { start: number; end: number; date_at: number }>;

export const LINKING_TYPES = new Set(['person', 'organization', 'armed_force', 'exercise', 'forum', 'project', 'place']);

export function normalizeNarrativeEvents(dates: NarrativeDate[], periods: Map<string, Period>, eventTypes: Vocabulary, fileOf: (id: string) => string): Row[] {
  const rules = compileRules(eventTypes);
  const unique = uniqueIds();
  return dates.map((d) => {
    const date = parseNarrativeDate(d.date_label, { file: fileOf(d.source_id), line: d.line }, periods.get(d.source_id));
    const description = displayText(d.sentence);
    const at = description.indexOf(d.date_label);
    const type = classifyNearDate(description, Math.max(at, 0), d.date_label.length, rules);
    const id = unique(eventId(d.source_id, d.section, d.date_label, description, date.date_start ?? date.date_end ?? '0000-00-00'));
    return {
      event_id: id,
      section: d.section,
      sequence: d.sequence,
      date_label: d.date_label,
      ...date,
      ...type,
      description,
      source_id: d.source_id,
      span_start: d.span_start,
      span_end: d.span_end,
      evidence: d.evidence,
      extractor: STEP.label,
      found_by: d.extractor,
    };
  });
}

/** Mentions whose span lies inside [start, end) of a source, from a list sorted by start. */
export function mentionsWithin(sorted: Row[], start: number, end: number): Row[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]!.span_start as number) < start) lo = mid + 1;
    else hi = mid;
  }
  const out: Row[] = [];
  for (let i = lo; i < sorted.length && (sorted[i]!.span_start as number) < end; i++) {
    if ((sorted[i]!.span_end as number) <= end) out.push(sorted[i]!);
  }
  return out;
}

export function sortedMentionsBySource(mentions: Row[]): Map<string, Row[]> {
  const by = new Map<string, Row[]>();
  for (const m of mentions) {
    const list = by.get(String(m.source_id));
    if (list) list.push(m);
    else by.set(String(m.source_id), [m]);
  }
  for (const list of by.values()) list.sort((a, b) => (a.span_start as number) - (b.span_start as number));
  return by;
}

/** narrative event id → the chronology event it reports. */
export function linkToChronology(events: Row[], mentions: Row[], entityType: Map<string, string>): Map<string, string> {
  const bySource = sortedMentionsBySource(mentions);
  const keyEntities = (e: Row): Set<string> =>
    new Set(
      mentionsWithin(bySource.get(String(e.source_id)) ?? [], e.span_start as number, e.span_end as number)
        .map((m) => String(m.entity_id))
        .filter((id) => LINKING_TYPES.has(entityType.get(id) ?? '')),
    );
  const chronology = events.filter((e) => e.section === 'chronology');
  const chronologyKeys = new Map(chronology.map((c) => [String(c.event_id), keyEntities(c)]));
  const links = new Map<string, string>();
  for (const n of events) {
    if (n.section !== 'narrative' || n.date_precision !== 'day' || !n.date_start || !n.date_end) continue;
    const mine = keyEntities(n);
    let best: { id: string; shared: number } | null = null;
    for (const c of chronology) {
      if (c.source_id !== n.source_id || c.date_precision !== 'day') continue;
      if (!(String(c.date_start) <= String(n.date_end) && String(n.date_start) <= String(c.date_end))) continue;
      const shared = [...chronologyKeys.get(String(c.event_id))!].filter((id) => mine.has(id)).length;
      if (shared > 0 && (!best || shared > best.shared)) best = { id: String(c.event_id), shared };
    }
    if (best) links.set(String(n.event_id), best.id);
  }
  return links;
}
