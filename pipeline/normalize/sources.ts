/**
 * Source findings → rows of the sources table, with the period its
 * chronology covers and how many entries the chronology has.
 */
import type { ChronologyEntry, ChronologyFinding, ChronologyPeriod } from '../extract/chronology.ts';
import { defineStep } from '../lib/step.ts';
import type { SourceFinding } from '../extract/source.ts';
import type { SourcesRow } from '../generated/rows.ts';
import { parsePeriodLabel } from './dates.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'dataset',
  table: 'sources',
  inputs: { sources: 'extract/source', chronology: 'extract/chronology' },
  run: ({ sources, chronology }: { sources: SourceFinding[]; chronology: ChronologyFinding[] }) => {
    const files = new Map(sources.map((s) => [s.source_id, s.text_path]));
    return {
      rows: normalizeSources(
        sources,
        chronology.filter((f): f is ChronologyPeriod => f.kind === 'chronology_period'),
        chronology.filter((f): f is ChronologyEntry => f.kind === 'chronology_entry'),
        (id) => files.get(id) ?? id,
      ),
    };
  },
});

export function normalizeSources(
  sources: SourceFinding[],
  periods: ChronologyPeriod[],
  entries: ChronologyEntry[],
  fileOf: (sourceId: string) => string,
): SourcesRow[] {
  return sources.map((s) => {
    const { kind: _kind, ...fields } = s;
    const period = periods.find((p) => p.source_id === s.source_id);
    const bounds = period ? parsePeriodLabel(period.period_label, { file: fileOf(s.source_id), line: period.line }) : null;
    return {
      source_id: fields.source_id,
      title: fields.title,
      authors: fields.authors,
      journal: fields.journal,
      volume: fields.volume,
      issue: fields.issue,
      issued: fields.issued,
      pages: fields.pages,
      publisher: fields.publisher,
      preferred_citation: fields.preferred_citation,
      citation_basis: fields.citation_basis,
      language: fields.language,
      original_languages: fields.original_languages?.length ? fields.original_languages : null,
      media_type: fields.media_type,
      sha256: fields.sha256,
      bytes: fields.bytes,
      code_points: fields.code_points,
      period_label: period?.period_label ?? null,
      period_start: bounds?.start ?? null,
      period_end: bounds?.end ?? null,
      chronology_entries: entries.filter((e) => e.source_id === s.source_id).length,
      span_start: fields.span_start,
      span_end: fields.span_end,
      evidence: fields.evidence,
      extractor: STEP.label,
      found_by: fields.extractor,
    };
  });
}
