/**
 * What one source says of each entity it mentions, for the entity table
 * that is built over all sources: how often, its first mention (the row's
 * provenance), the role its first titled and first described mentions
 * give, and the original-language forms attached to it. Small per source,
 * so the entity table never needs every source's mentions at once.
 */
import type { Row } from '../lib/schema.ts';
import { defineStep } from '../lib/step.ts';
import type { OriginalForm } from './mentions.ts';

export interface UsageForm {
  source_id: string;
  language: string;
  /** ISO 15924 script and how the language was decided (see lib/languages.ts). */
  script: string;
  language_basis: 'declared' | 'script';
  original: string;
  original_start: number;
  original_end: number;
  /** The stored words of the original (what original_start..original_end re-slices to), and the step that found them. */
  evidence: string;
  found_by: string;
  line: number;
}

export interface EntityUsage {
  entity_id: string;
  source_id: string;
  mentions: number;
  first: Pick<Row, 'source_id' | 'span_start' | 'span_end' | 'evidence' | 'found_by'>;
  /** Role of the first mention whose words start with its title ("Russian Foreign Minister Sergei Lavrov"). */
  titled_role: string | null;
  /** Role of the first mention with any role (an appositive). */
  role: string | null;
  forms: UsageForm[];
}

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { mentions: 'normalize/mentions' },
  run: ({ mentions }: { mentions: { rows: Row[]; forms: OriginalForm[] } }) => entityUsage(mentions.rows, mentions.forms),
});

export function entityUsage(mentions: Row[], forms: OriginalForm[]): EntityUsage[] {
  const byEntity = new Map<string, EntityUsage>();
  for (const m of mentions) {
    const id = String(m.entity_id);
    let u = byEntity.get(id);
    if (!u) {
      u = {
        entity_id: id,
        source_id: String(m.source_id),
        mentions: 0,
        first: { source_id: m.source_id ?? null, span_start: m.span_start ?? null, span_end: m.span_end ?? null, evidence: m.evidence ?? null, found_by: m.found_by ?? null },
        titled_role: null,
        role: null,
        forms: [],
      };
      byEntity.set(id, u);
    }
    u.mentions++;
    if (m.role && u.role === null) u.role = String(m.role);
    if (m.role && u.titled_role === null && String(m.surface).startsWith(String(m.role))) u.titled_role = String(m.role);
  }
  for (const f of forms) {
    const o = f.finding;
    byEntity.get(f.entity_id)?.forms.push({
      source_id: o.source_id,
      language: f.language,
      script: o.script,
      language_basis: o.language_basis,
      original: f.original,
      original_start: o.original_start,
      original_end: o.original_end,
      evidence: o.original_evidence,
      found_by: o.extractor,
      line: o.line,
    });
  }
  return [...byEntity.values()];
}
