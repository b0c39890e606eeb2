/**
 * What one source says of each entity it mentions, for the entity table
 * that is built over all sources: how often, its first mention (the row's
 * provenance), the role its first titled and first described mentions
 * give, and the original-language forms attached to it. Small per source,
 * so the entity table never needs every source's mentions at once.
 */
import type { Row } from '../lib/schema.ts';
import { defineStep } from '../lib/step.ts';
import type { DiscoveredEntity, OriginalForm } from './mentions.ts';

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
  /** For a name no registry entry holds: what this source says it is. */
  discovered?: Omit<DiscoveredEntity, 'entity_id' | 'source_id'> & { locative: boolean };
}

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { mentions: 'normalize/mentions', names: 'extract/names' },
  run: ({ mentions, names }: { mentions: { rows: Row[]; forms: OriginalForm[]; discovered: DiscoveredEntity[] }; names: { span_start: number; locative: boolean }[] }) =>
    entityUsage(mentions.rows, mentions.forms, mentions.discovered, new Set(names.filter((n) => n.locative).map((n) => n.span_start))),
});

export function entityUsage(mentions: Row[], forms: OriginalForm[], discovered: DiscoveredEntity[] = [], locative: Set<number> = new Set()): EntityUsage[] {
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
  const locatives = new Map<string, number>();
  for (const m of mentions) if (locative.has(m.span_start as number)) locatives.set(String(m.entity_id), (locatives.get(String(m.entity_id)) ?? 0) + 1);
  for (const e of discovered) {
    const u = byEntity.get(e.entity_id);
    if (!u) continue;
    const { entity_id: _id, source_id: _source, ...rest } = e;
    // A name after "in", "at", "to" or "from" in most of its mentions may be a place: the gazetteer decides, over all sources.
    u.discovered = { ...rest, locative: (locatives.get(e.entity_id) ?? 0) * 2 > u.mentions };
  }
  return [...byEntity.values()];
}
