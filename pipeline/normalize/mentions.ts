/**
 * Mention findings → resolved mentions. A full name or alias names one
 * entity. A short form ("Li", "Wang") names the candidate that context
 * picks, by these rules in order:
 *   only_candidate  the form names one registry entity only;
 *   same_paragraph  a candidate was named in full earlier in the paragraph (the latest);
 *   co_mention      exactly one candidate was named in full, earlier in the
 *                   source, in a paragraph together with an entity this paragraph names;
 *   same_section    a candidate was named in full earlier in the section (the latest).
 * A short form no rule resolves is not guessed: it goes to the curator list.
 * Original-language forms in parentheses are attached to the mention they
 * stand right after, and become mentions themselves.
 */
import { createHash } from 'node:crypto';
import type { MentionFinding } from '../extract/mentions.ts';
import type { OriginalName } from '../extract/original-names.ts';
import type { Row } from '../lib/schema.ts';

import path from 'node:path';
import type { CuratedStatement } from '../extract/curation.ts';
import type { SourceFinding } from '../extract/source.ts';
import { PipelineError } from '../lib/errors.ts';
import type { Registry } from '../lib/registry.ts';
import { defineStep } from '../lib/step.ts';
export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  table: 'mentions',
  inputs: { found: 'extract/mentions', originals: 'extract/original-names', curated: 'extract/curation', source: 'extract/source', events: 'normalize/events', registry: 'resource:registry' },
  run: ({ found, originals, curated, source, events, registry }: { found: MentionFinding[]; originals: OriginalName[]; curated: CuratedStatement[]; source: SourceFinding[]; events: { rows: Row[] }; registry: Registry }) => {
    const file = `${path.posix.dirname(source[0]!.text_path)}/curation.yaml`;
    const pins = curated
      .filter((c) => c.topic === 'mentions')
      .map((c) => ({ source_id: c.source_id, raw_start: c.raw_start, raw_end: c.raw_end, form: String(c.data.form), entity: String(c.data.entity) }));
    for (const p of pins) {
      if (!registry.byId.has(p.entity)) {
        throw new PipelineError('registry/invalid', 'a curated mention names an entity the registry does not have', { file, value: p.entity });
      }
      if (!found.some((f) => f.source_id === p.source_id && f.form === p.form && p.raw_start <= f.name_start_raw && f.name_end_raw <= p.raw_end)) {
        throw new PipelineError('source/quote-not-found', `a curated mention's quote holds no mention of "${p.form}"`, { file, value: p.form, expected: 'a registry form inside the quote' });
      }
    }
    // A mention's event_id names the chronology entry that holds it; entries do not overlap.
    const spans: EventSpan[] = events.rows.map((e) => ({ event_id: String(e.event_id), source_id: String(e.source_id), span_start: e.span_start as number, span_end: e.span_end as number }));
    const { resolved, curation: ambiguous } = resolveMentions(found, pins);
    const { forms, curation: unnamed } = attachOriginalNames(originals, resolved);
    return { rows: mentionRows(resolved, forms, spans), forms, curation: [...ambiguous, ...unnamed] };
  },
});

export interface CuratorEntry {
  source_id: string;
  kind:
    | 'ambiguous_short_form'
    | 'original_name_without_entity'
    | 'bad_original_name'
    | 'registry_entry_unused'
    | 'gazetteer_miss'
    | 'unclosed_quotation'
    | 'unattributed_quotation'
    | 'chronology_outside_period'
    | 'chronology_out_of_order'
    | 'chronology_cut_link'
    | 'unreadable_date'
    | 'unanchored_relative_date'

    | 'unknown_unit'
    | 'unattached_number';
  surface: string;
  line: number | null;
  candidates: string[];
  reason: string;
}

export interface ResolvedMention {
  finding: MentionFinding;
  entity_id: string;
  resolution: 'curated' | 'only_candidate' | 'same_paragraph' | 'co_mention' | 'same_section' | null;
}

export interface OriginalForm {
  entity_id: string;
  /** BCP 47 primary subtag, as the extract step decided it (declared or by script). */
  language: string;
  original: string;
  finding: OriginalName;
}

export function mentionId(sourceId: string, start: number, end: number): string {
  return `mn-${createHash('sha256').update([sourceId, start, end].join('\u001f')).digest('hex').slice(0, 12)}`;
}

/** A curator's decision for one mention: the form inside the quoted words names that entity. */
export interface MentionPin {
  source_id: string;
  raw_start: number;
  raw_end: number;
  form: string;
  entity: string;
}

export function resolveMentions(findings: MentionFinding[], pins: MentionPin[] = []): { resolved: ResolvedMention[]; curation: CuratorEntry[] } {
  const pinned = (f: MentionFinding): MentionPin | undefined =>
    pins.find((p) => p.source_id === f.source_id && p.form === f.form && p.raw_start <= f.name_start_raw && f.name_end_raw <= p.raw_end);
  const resolved: ResolvedMention[] = [];
  const curation: CuratorEntry[] = [];
  const bySource = new Map<string, MentionFinding[]>();
  for (const f of findings) {
    const list = bySource.get(f.source_id);
    if (list) list.push(f);
    else bySource.set(f.source_id, [f]);
  }
  // Each look-up below is a map access: the cost grows with the number of
  // mentions times the (few) candidates of a short form, never quadratically.
  for (const [sourceId, list] of bySource) {
    const ordered = [...list].sort((a, b) => a.span_start - b.span_start || a.span_end - b.span_end);
    // Demonyms ("Chinese") stand in nearly every paragraph; they are no context for names.
    const isFull = (f: MentionFinding): boolean => f.form_kind !== 'short_form' && f.form_kind !== 'demonym';
    const fullInParagraph = new Map<number, Set<string>>();
    for (const f of ordered) {
      if (!isFull(f)) continue;
      const s = fullInParagraph.get(f.paragraph) ?? new Set<string>();
      s.add(f.candidates[0]!);
      fullInParagraph.set(f.paragraph, s);
    }
    const lastInParagraph = new Map<number, Map<string, number>>();
    const lastInSection = new Map<number, Map<string, number>>();
    // Entities named in full together in an earlier paragraph.
    const neighbours = new Map<string, Set<string>>();
    let paragraph = -1;
    const closeParagraph = (p: number): void => {
      const names = [...(fullInParagraph.get(p) ?? [])];
      for (const a of names) {
        const n = neighbours.get(a) ?? new Set<string>();
        for (const b of names) if (b !== a) n.add(b);
        neighbours.set(a, n);
      }
    };
    const latest = (m: Map<string, number> | undefined, cands: string[]): string | null => {
      let best: string | null = null;
      let at = -1;
      for (const c of cands) {
        const v = m?.get(c);
        if (v !== undefined && v > at) [best, at] = [c, v];
      }
      return best;
    };
    for (const f of ordered) {
      if (f.paragraph !== paragraph) {
        if (paragraph >= 0) closeParagraph(paragraph);
        paragraph = f.paragraph;
      }
      if (f.form_kind !== 'short_form') {
        const id = f.candidates[0]!;
        resolved.push({ finding: f, entity_id: id, resolution: null });
        if (isFull(f)) {
          for (const [map, key] of [[lastInParagraph, f.paragraph], [lastInSection, f.section]] as const) {
            const m = map.get(key) ?? new Map<string, number>();
            m.set(id, f.span_start);
            map.set(key, m);
          }
        }
        continue;
      }
      let pick: string | null = null;
      let rule: ResolvedMention['resolution'] = null;
      const pin = pinned(f);
      if (pin) [pick, rule] = [pin.entity, 'curated'];
      if (!pick && f.candidates.length === 1) [pick, rule] = [f.candidates[0]!, 'only_candidate'];
      if (!pick) {
        const p = latest(lastInParagraph.get(f.paragraph), f.candidates);
        if (p) [pick, rule] = [p, 'same_paragraph'];
      }
      if (!pick) {
        const here = fullInParagraph.get(f.paragraph) ?? new Set<string>();
        const linked = f.candidates.filter((c) => [...(neighbours.get(c) ?? [])].some((n) => here.has(n)));
        if (linked.length === 1) [pick, rule] = [linked[0]!, 'co_mention'];
      }
      if (!pick) {
        const p = latest(lastInSection.get(f.section), f.candidates);
        if (p) [pick, rule] = [p, 'same_section'];
      }
      if (pick) {
        resolved.push({ finding: f, entity_id: pick, resolution: rule });
      } else {
        curation.push({
          source_id: sourceId,
          kind: 'ambiguous_short_form',
          surface: f.surface,
          line: f.line,
          candidates: f.candidates,
          reason: 'no candidate named in full before it in the paragraph, alongside its neighbours, or in the section',
        });
      }
    }
  }
  return { resolved, curation };
}

/** Between a name and its parenthesis: spaces, closing quotes, and at most one lowercase word ("the “three nos” formula (…)"). */
const BRIDGE = /^[\s”"’*]*(?:[a-z]+[\s”"’]*)?\($/;

export function attachOriginalNames(originals: OriginalName[], resolved: ResolvedMention[]): { forms: OriginalForm[]; curation: CuratorEntry[] } {
  const forms: OriginalForm[] = [];
  const curation: CuratorEntry[] = [];
  for (const o of originals) {
    if (o.problem) {
      curation.push({ source_id: o.source_id, kind: 'bad_original_name', surface: o.evidence, line: o.line, candidates: [], reason: o.problem });
      continue;
    }
    if (o.shape === 'in_quotation') continue; // a translation of quoted words, not a name
    const beforeStart = o.paren_raw - o.before_raw.length;
    const candidates = resolved.filter((m) => {
      if (m.finding.source_id !== o.source_id) return false;
      if (o.shape === 'inside_with_name') return m.finding.name_end_raw === o.label_end_raw;
      if (m.finding.name_end_raw > o.paren_raw || m.finding.name_end_raw < beforeStart) return false;
      const gap = `${o.before_raw.slice(m.finding.name_end_raw - beforeStart)}(`;
      return BRIDGE.test(gap.replace(/\]\(#\)/g, ''));
    });
    const m = candidates.sort((a, b) => b.finding.name_end_raw - a.finding.name_end_raw)[0];
    if (!m) {
      // Not every parenthesis names an entity: a gloss of an ordinary phrase is a term (see terms), not a name.
      if (o.label && /^\p{Lu}/u.test(o.label) && o.shape !== 'gloss_then_original') {
        curation.push({
          source_id: o.source_id,
          kind: 'original_name_without_entity',
          surface: `${o.label} (${o.original})`,
          line: o.line,
          candidates: [],
          reason: 'the English before this original-language form names no registry entity',
        });
      }
      continue;
    }
    forms.push({ entity_id: m.entity_id, language: o.language, original: o.original, finding: o });
  }
  return { forms, curation };
}

export interface EventSpan {
  event_id: string;
  source_id: string;
  span_start: number;
  span_end: number;
}

/** The event whose span holds a position: events of a source do not overlap, so a sorted search finds it. */
export function eventIndex(events: EventSpan[]): (sourceId: string, start: number) => string | null {
  const bySource = new Map<string, EventSpan[]>();
  for (const e of events) bySource.set(e.source_id, [...(bySource.get(e.source_id) ?? []), e]);
  for (const list of bySource.values()) list.sort((a, b) => a.span_start - b.span_start);
  return (sourceId, start) => {
    const list = bySource.get(sourceId) ?? [];
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const e = list[mid]!;
      if (start < e.span_start) hi = mid - 1;
      else if (start >= e.span_end) lo = mid + 1;
      else return e.event_id;
    }
    return null;
  };
}

export function mentionRows(resolved: ResolvedMention[], forms: OriginalForm[], events: EventSpan[]): Row[] {
  const eventAt = eventIndex(events);
  const rows: Row[] = resolved.map(({ finding: f, entity_id, resolution }) => ({
    mention_id: mentionId(f.source_id, f.span_start, f.span_end),
    entity_id,
    surface: f.surface,
    mention_kind: f.form_kind,
    language: 'en',
    resolution,
    role: f.role,
    event_id: eventAt(f.source_id, f.span_start),
    source_id: f.source_id,
    span_start: f.span_start,
    span_end: f.span_end,
    evidence: f.evidence,
    extractor: STEP.label,
    found_by: f.extractor,
  }));
  for (const o of forms) {
    const f = o.finding;
    rows.push({
      mention_id: mentionId(f.source_id, f.original_start, f.original_end),
      entity_id: o.entity_id,
      surface: o.original,
      mention_kind: 'original_name',
      language: o.language,
      resolution: null,
      role: null,
      event_id: eventAt(f.source_id, f.original_start),
      source_id: f.source_id,
      span_start: f.original_start,
      span_end: f.original_end,
      evidence: f.original_evidence,
      extractor: STEP.label,
    found_by: f.extractor,
    });
  }
  return rows.sort((a, b) => (a.source_id! < b.source_id! ? -1 : a.source_id! > b.source_id! ? 1 : (a.span_start as number) - (b.span_start as number) || (a.span_end as number) - (b.span_end as number)));
}
