/**
 * The original-language forms attached to entities → rows of entity_names:
 * one row per entity, language and form, over all sources, in the languages
 * the sources' originals are in (declared in source.yaml or detected by
 * script; nothing here names a language but to pick its romanisation). A
 * form is romanised by its language's system where a library used here has
 * one; otherwise the row says why it has none.
 */
import type { Row } from '../lib/schema.ts';
import { defineStep } from '../lib/step.ts';
import { romanize } from '../lib/translit.ts';
import { pinyinStyle } from './entities.ts';
import type { EntityUsage, UsageForm } from './entity-usage.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'dataset',
  table: 'entity_names',
  inputs: { usage: 'normalize/entity-usage', entities: 'normalize/entities' },
  run: ({ usage, entities }: { usage: EntityUsage[]; entities: { rows: Row[] } }) => ({ rows: buildEntityNames(usage, entities.rows) }),
});

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `entities` are the rows of the entities table: a form of an entity that
 * has no row there (an entry the table leaves out) has none here either, so
 * every entity_id resolves. Rows come by entity, then by the first
 * appearance of each form (source, then position).
 */
export function buildEntityNames(usage: EntityUsage[], entities: Row[]): Row[] {
  const forms = new Map<string, UsageForm[]>();
  for (const u of usage) forms.set(u.entity_id, [...(forms.get(u.entity_id) ?? []), ...u.forms]);
  const rows: Row[] = [];
  for (const e of [...entities].sort((a, b) => byCodeUnits(String(a.entity_id), String(b.entity_id)))) {
    const own = (forms.get(String(e.entity_id)) ?? []).sort((a, b) => byCodeUnits(a.source_id, b.source_id) || a.original_start - b.original_start);
    const seen = new Set<string>();
    for (const f of own) {
      const key = `${f.language}\u001f${f.original}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const r = romanize(f.original, f.language, f.script, pinyinStyle(String(e.entity_type)), String(e.name_en));
      rows.push({
        entity_id: String(e.entity_id),
        language: f.language,
        language_basis: f.language_basis,
        script: f.script,
        name: f.original,
        romanized: r.romanized,
        romanization_system: r.system,
        romanization_note: r.note,
        source_id: f.source_id,
        span_start: f.original_start,
        span_end: f.original_end,
        evidence: f.evidence,
        extractor: STEP.label,
        found_by: f.found_by,
      });
    }
  }
  return rows;
}
