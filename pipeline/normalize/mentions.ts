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
import type { NarrativeDate } from '../extract/narrative-dates.ts';
import type { DiscoveredKind, NameFinding } from '../extract/names.ts';
import type { OriginalName } from '../extract/original-names.ts';
import type { Row, Vocabulary } from '../lib/schema.ts';
import { maskMarkup, reportedFrom } from '../lib/clauses.ts';

import path from 'node:path';
import type { CuratedStatement } from '../extract/curation.ts';
import type { SourceFinding } from '../extract/source.ts';
import { PipelineError } from '../lib/errors.ts';
import type { Registry } from '../lib/registry.ts';
import { defineStep } from '../lib/step.ts';
import type { Segments } from './narrative-events.ts';
import { sentencesOf } from '../lib/sentences.ts';
import { compiled } from '../lib/regex.ts';
export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  table: 'mentions',
  inputs: { found: 'extract/mentions', names: 'extract/names', originals: 'extract/original-names', curated: 'extract/curation', source: 'extract/source', events: 'normalize/events', narrative: 'normalize/narrative-events', dates: 'extract/narrative-dates', roles: 'resource:participant-roles', verbs: 'resource:speech-verbs', registry: 'resource:registry' },
  run: ({ found: registryFound, names, originals, curated, source, events, narrative, dates, roles, verbs, registry }: { found: MentionFinding[]; names: NameFinding[]; originals: OriginalName[]; curated: CuratedStatement[]; source: SourceFinding[]; events: { rows: Row[] }; narrative: { rows: Row[]; segments: Segments }; dates: NarrativeDate[]; roles: Vocabulary; verbs: string[]; registry: Registry }) => {
    const file = `${path.posix.dirname(source[0]!.text_path)}/curation.yaml`;
    // Longest name wins: a registry name inside a longer discovered name is no mention of its own.
    const superseded = new Set(names.flatMap((n) => n.supersedes.map(([s, e]) => `${n.source_id}:${s}:${e}`)));
    const found = [
      ...registryFound.filter((f) => !superseded.has(`${f.source_id}:${f.name_start_raw}:${f.name_end_raw}`)),
      ...names.filter((n) => n.registry_id).map((n) => asMention(n, [n.registry_id!], 'alias')),
    ];
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
    // A mention's event_id names the chronology entry that holds it (entries do not overlap), else the narrative event whose part of the sentence holds it.
    const spans: EventSpan[] = events.rows.map((e) => ({ event_id: String(e.event_id), source_id: String(e.source_id), span_start: e.span_start as number, span_end: e.span_end as number, first_end: firstSentenceEnd(e) }));
    const parts = narrativeParts(narrative.rows, narrative.segments, dates, speechWordsOf(verbs, roles));
    const { resolved: ofDiscovered, entities: discovered } = discoverEntities(names.filter((n) => !n.registry_id));
    const { resolved: ofRegistry, curation: ambiguous } = resolveMentions(found, pins, statesOf(registry), discoveredPeople(ofDiscovered, discovered));
    const resolved = [...ofRegistry, ...ofDiscovered];
    const { forms, curation: unnamed } = attachOriginalNames(originals, resolved);
    return { rows: mentionRows(resolved, forms, spans, parts), forms, discovered, curation: [...ambiguous, ...unnamed] };
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

    | 'discovered_entity'
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
  /** `discovered` for a name the registry does not hold. */
  status?: 'curated' | 'discovered';
}

/** A name no registry entry holds, as one source prints it. */
export interface DiscoveredEntity {
  entity_id: string;
  source_id: string;
  name: string;
  kind: DiscoveredKind;
  cue: string;
  note: string | null;
  /** Line and code-point span of its first mention. */
  line: number;
  span_start: number;
  span_end: number;
}

/** The id of a discovered entity: "d-" and the words of its normalized name (a hash when it has no Latin letters or digits). */
export function discoveredId(key: string): string {
  const slug = key.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return slug ? `d-${slug}` : `d-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

function asMention(n: NameFinding, candidates: string[], formKind: MentionFinding['form_kind']): MentionFinding {
  return {
    kind: 'mention',
    surface: n.surface,
    form: n.form,
    form_kind: formKind,
    candidates,
    role: n.role,
    name_start_raw: n.name_start_raw,
    name_end_raw: n.name_end_raw,
    paragraph: n.paragraph,
    section: n.section,
    line: n.line,
    source_id: n.source_id,
    span_start: n.span_start,
    span_end: n.span_end,
    evidence: n.evidence,
    extractor: n.extractor,
  };
}

/** At most one edit (a letter changed, added or dropped) between two words. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Candidate names → discovered entities of one source. One entity per
 * normalized name (case, hyphens, possessives and "the" folded); names
 * printed two ways in one text (a hyphen or space, one letter) are merged
 * into the more frequent spelling with a note; a single word that is the
 * surname of exactly one discovered person named in full is that person.
 */
export function discoverEntities(names: NameFinding[]): { resolved: ResolvedMention[]; entities: DiscoveredEntity[] } {
  const resolved: ResolvedMention[] = [];
  const entities: DiscoveredEntity[] = [];
  const bySource = new Map<string, NameFinding[]>();
  for (const n of names) bySource.set(n.source_id, [...(bySource.get(n.source_id) ?? []), n]);
  for (const [sourceId, list] of bySource) {
    const groups = new Map<string, NameFinding[]>();
    for (const n of list) groups.set(n.key, [...(groups.get(n.key) ?? []), n]);
    // Variants: the same letters with or without a space or hyphen, or one letter apart in a long name.
    const keys = [...groups.keys()].sort((a, b) => groups.get(b)!.length - groups.get(a)!.length || groups.get(a)![0]!.span_start - groups.get(b)![0]!.span_start);
    const into = new Map<string, string>();
    for (let i = 0; i < keys.length; i++) {
      const a = keys[i]!;
      if (into.has(a)) continue;
      for (let j = i + 1; j < keys.length; j++) {
        const b = keys[j]!;
        if (into.has(b)) continue;
        const same = a.replace(/ /g, '') === b.replace(/ /g, '') || (Math.min(a.length, b.length) >= 6 && a[0] === b[0] && a.split(' ').length === b.split(' ').length && oneEditApart(a, b));
        if (same) into.set(b, a);
      }
    }
    const kindOf = (ns: NameFinding[]): { kind: DiscoveredKind; cue: string } => {
      const kinds = [...new Set(ns.map((n) => n.entity_kind).filter((k) => k !== 'unknown'))];
      if (kinds.length === 1) return { kind: kinds[0]!, cue: ns.find((n) => n.entity_kind === kinds[0])!.cue };
      if (kinds.length > 1) return { kind: 'unknown', cue: `conflicting cues: ${kinds.map((k) => ns.find((n) => n.entity_kind === k)!.cue).join('; ')}` };
      return { kind: 'unknown', cue: ns.find((n) => n.cue !== 'none')?.cue ?? 'none' };
    };
    const merged = new Map<string, NameFinding[]>();
    for (const k of keys) {
      const target = into.get(k) ?? k;
      merged.set(target, [...(merged.get(target) ?? []), ...groups.get(k)!]);
    }
    // A lone surname ("Nord") of exactly one person named in full ("Ola Nord"); else, for names
    // written surname first ("Wen" of "Wen Jiabao"), the first word of exactly one.
    const people = [...merged].filter(([k, ns]) => k.includes(' ') && kindOf(ns).kind === 'person');
    const shortOf = new Map<string, string>();
    for (const [k] of merged) {
      if (k.includes(' ')) continue;
      const last = people.filter(([pk]) => pk.split(' ').at(-1) === k);
      const first = people.filter(([pk]) => pk.split(' ')[0] === k);
      if (last.length === 1) shortOf.set(k, last[0]![0]);
      else if (last.length === 0 && first.length === 1) shortOf.set(k, first[0]![0]);
    }
    for (const [k, target] of shortOf) {
      merged.get(target)!.push(...merged.get(k)!.map((n) => ({ ...n, form_kind: 'short' as never })));
      merged.delete(k);
    }
    for (const [k, ns] of merged) {
      ns.sort((a, b) => a.span_start - b.span_start);
      const id = discoveredId(k);
      const { kind, cue } = kindOf(ns);
      const full = ns.filter((n) => (n.form_kind as string) !== 'short');
      const spellings = [...new Set(full.map((n) => n.form))];
      const canonicalForms = full.filter((n) => n.key === k);
      const name = (canonicalForms.find((n) => n.form_kind === 'name') ?? canonicalForms[0] ?? full[0] ?? ns[0]!).canonical;
      const variants = [...new Set(full.filter((n) => n.form_kind === 'name').map((n) => n.form))];
      const note =
        variants.length > 1
          ? `Printed ${variants.length} ways in ${sourceId}: ${variants.map((v) => `"${v}" (line ${full.find((n) => n.form === v)!.line})`).join(', ')}; "${name}" is used.`
          : null;
      void spellings;
      const first = ns[0]!;
      entities.push({ entity_id: id, source_id: sourceId, name, kind, cue, note, line: first.line, span_start: first.span_start, span_end: first.span_end });
      for (const n of ns) {
        const formKind: MentionFinding['form_kind'] = (n.form_kind as string) === 'short' ? 'short_form' : n.form_kind;
        resolved.push({ finding: asMention(n, [id], formKind), entity_id: id, resolution: null, status: 'discovered' });
      }
    }
  }
  return { resolved, entities: entities.sort((a, b) => (a.entity_id < b.entity_id ? -1 : a.entity_id > b.entity_id ? 1 : 0)) };
}

export interface OriginalForm {
  entity_id: string;
  /** The form belongs to a discovered entity. */
  discovered?: boolean;
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

/**
 * The states of registry entities, for short forms a state qualifies: `state`
 * gives a state's own code (for a qualifier, "Ardenia's" or "Ardenian"),
 * `owner` the state an entity is of: its country, or else the state whose
 * demonym is a word of its name ("Ardenian Navy").
 */
export interface StateRules {
  state: (id: string) => string | null;
  owner: (id: string) => string | null;
}

export function statesOf(registry: Registry): StateRules {
  const byDemonym = new Map<string, string>();
  for (const e of registry.entities) if (e.type === 'state' && e.country) for (const d of e.demonyms) byDemonym.set(d, e.country);
  return {
    state: (id) => {
      const e = registry.byId.get(id);
      return e?.type === 'state' ? (e.country ?? null) : null;
    },
    owner: (id) => {
      const e = registry.byId.get(id);
      if (!e) return null;
      if (e.country) return e.country;
      const word = e.name.split(/\s+/).find((w) => byDemonym.has(w));
      return word ? byDemonym.get(word)! : null;
    },
  };
}

/**
 * The full-name mentions of the persons a source names that the registry does not hold, with the
 * word a bare surname of them may be: the first ("Wang" of "Wang Yu-chi"), since the registry's
 * short forms are surnames the journal writes first (Chinese and Korean names, see
 * sources/registry/people.yaml); a short form that is that word may name that person as well as a
 * registry one of the surname. A given name written last ("Li Wei") is never taken for a surname.
 */
export interface DiscoveredPerson {
  mention: ResolvedMention;
  surname: string;
}

export function discoveredPeople(resolved: readonly ResolvedMention[], entities: readonly DiscoveredEntity[]): DiscoveredPerson[] {
  const people = new Set(entities.filter((e) => e.kind === 'person').map((e) => `${e.source_id}\u001f${e.entity_id}`));
  return resolved
    .filter((m) => people.has(`${m.finding.source_id}\u001f${m.entity_id}`))
    .flatMap((m) => {
      const words = m.finding.form.split(/\s+/u).filter((w) => /^\p{Lu}[\p{L}’'-]*$/u.test(w));
      return words.length >= 2 ? [{ mention: m, surname: words[0]! }] : [];
    });
}

export function resolveMentions(findings: MentionFinding[], pins: MentionPin[] = [], states?: StateRules, people: readonly DiscoveredPerson[] = []): { resolved: ResolvedMention[]; curation: CuratorEntry[] } {
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
  // The persons the registry does not hold, by source: their full names are context as a registry
  // entity's are, and each is a candidate of a short form that is its surname.
  const discoveredBy = new Map<string, Map<MentionFinding, DiscoveredPerson>>();
  for (const p of people) {
    const m = discoveredBy.get(p.mention.finding.source_id) ?? new Map<MentionFinding, DiscoveredPerson>();
    m.set(p.mention.finding, p);
    discoveredBy.set(p.mention.finding.source_id, m);
  }
  for (const [sourceId, list] of bySource) {
    const others = discoveredBy.get(sourceId) ?? new Map<MentionFinding, DiscoveredPerson>();
    const idOf = (f: MentionFinding): string => others.get(f)?.mention.entity_id ?? f.candidates[0]!;
    const surnameOf = new Map<string, Set<string>>();
    for (const p of others.values()) surnameOf.set(p.surname, new Set([...(surnameOf.get(p.surname) ?? []), p.mention.entity_id]));
    const discoveredIds = new Set([...others.values()].map((p) => p.mention.entity_id));
    const ordered = [...list, ...others.keys()].sort((a, b) => a.span_start - b.span_start || a.span_end - b.span_end);
    // Demonyms ("Chinese") stand in nearly every paragraph; they are no context for names.
    const isFull = (f: MentionFinding): boolean => f.form_kind !== 'short_form' && f.form_kind !== 'demonym';
    const fullInParagraph = new Map<number, Set<string>>();
    for (const f of ordered) {
      if (!isFull(f)) continue;
      const s = fullInParagraph.get(f.paragraph) ?? new Set<string>();
      s.add(idOf(f));
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
        const id = idOf(f);
        // A discovered person's own mention is resolved with the discovered entities, not here.
        if (!others.has(f)) resolved.push({ finding: f, entity_id: id, resolution: null });
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
      // "Russia's early warning system": a short form another state qualifies is not the thing of
      // the candidate's own state ("the system being built for China"); only candidates of that
      // state, or of none, stay.
      const qualifier = states && !pin ? [...new Set((f.qualified_by ?? []).map(states.state).filter((c): c is string => c !== null))] : [];
      const registryCandidates = qualifier.length === 1 ? f.candidates.filter((c) => { const o = states!.owner(c); return o === null || o === qualifier[0]; }) : f.candidates;
      // "Minister Wang Yu-chi … Wang and Zhang addressed each other": a person the source names in full whose
      // surname the short form is stands beside the registry's of that surname.
      const namesakes = pin ? [] : [...(surnameOf.get(f.form) ?? [])].sort();
      const candidates = [...registryCandidates, ...namesakes];
      const undecided = (reason: string): void =>
        void curation.push({ source_id: sourceId, kind: 'ambiguous_short_form', surface: f.surface, line: f.line, candidates: [...f.candidates, ...namesakes], reason });
      if (!pin && candidates.length === 0) {
        undecided(`qualified by ${qualifier[0]}, the state of no candidate: it names some other thing of that state`);
        continue;
      }
      if (!pick && candidates.length === 1 && f.candidates.length === 1 && namesakes.length === 0) [pick, rule] = [candidates[0]!, 'only_candidate'];
      if (!pick) {
        const p = latest(lastInParagraph.get(f.paragraph), candidates);
        if (p) [pick, rule] = [p, 'same_paragraph'];
      }
      if (!pick) {
        const here = fullInParagraph.get(f.paragraph) ?? new Set<string>();
        const linked = candidates.filter((c) => [...(neighbours.get(c) ?? [])].some((n) => here.has(n)));
        if (linked.length === 1) [pick, rule] = [linked[0]!, 'co_mention'];
      }
      if (!pick) {
        const p = latest(lastInSection.get(f.section), candidates);
        if (p) [pick, rule] = [p, 'same_section'];
      }
      if (pick) resolved.push({ finding: f, entity_id: pick, resolution: rule, ...(discoveredIds.has(pick) ? { status: 'discovered' as const } : {}) });
      else undecided('no candidate named in full before it in the paragraph, alongside its neighbours, or in the section');
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
    // A discovered name takes only an original that is a name in its script, not a parenthesis of symbols.
    const m = candidates
      .filter((c) => c.status !== 'discovered' || /^[\p{L}\p{M}\s·.’'-]+$/u.test(o.original))
      .sort((a, b) => b.finding.name_end_raw - a.finding.name_end_raw)[0];
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
    forms.push({ entity_id: m.entity_id, ...(m.status === 'discovered' ? { discovered: true } : {}), language: o.language, original: o.original, finding: o });
  }
  return { forms, curation };
}

export interface EventSpan {
  event_id: string;
  source_id: string;
  span_start: number;
  span_end: number;
  /** Where the entry's first sentence ends (code points of its source): the sentence that carries the entry's event. */
  first_end?: number;
}

/** The end of a chronology entry's first sentence, in code points of its source. */
function firstSentenceEnd(e: Row): number {
  const evidence = String(e.evidence ?? '');
  const [first] = sentencesOf(evidence);
  return (e.span_start as number) + Array.from(evidence.slice(0, first ? first.end : evidence.length)).length;
}

/** The event whose span holds a position: events of a source do not overlap, so a sorted search finds it. */
export function eventIndex(events: EventSpan[]): (sourceId: string, start: number) => string | null {
  const at = entryIndex(events);
  return (sourceId, start) => at(sourceId, start)?.event_id ?? null;
}

function entryIndex(events: EventSpan[]): (sourceId: string, start: number) => EventSpan | null {
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
      else return e;
    }
    return null;
  };
}

/** The part of a sentence a narrative event governs (code points of its source). */
export interface NarrativePart {
  event_id: string;
  source_id: string;
  start: number;
  end: number;
  /** chronology_text for a date in the text of a chronology entry, after its label. */
  section?: string;
  /** The event a relative date is counted from ("later that year" after "in May 2014"). */
  anchor?: string;
  /** The date's own part of its clause before two dates of the clause were read as one happening. */
  own?: { start: number; end: number };
}

/** The governed parts of the narrative events (normalize/narrative-events' segments), by event. */
export function narrativeParts(rows: Row[], segments: Segments, dates: readonly NarrativeDate[] = [], speech: SpeechWords = { verbs: [], opener: '' }): NarrativePart[] {
  const ownAt = new Map(dates.map((d) => [`${d.source_id}\u001f${d.date_at}`, { start: d.segment_start, end: d.segment_end }]));
  return rows.flatMap((e) => {
    const s = segments.get(String(e.event_id));
    if (!s) return [];
    const own = ownAt.get(`${String(e.source_id)}\u001f${s.date_at}`);
    const anchor = e.date_anchor ? String(e.date_anchor) : undefined;
    // "Ann Smith warned of a storm over Ruritania in 2030": a date inside the words said dates only
    // those words, so only a mention inside them is of its event (the speaker is not).
    const start = governedStart(e, s, speech);
    return [{ event_id: String(e.event_id), source_id: String(e.source_id), start, end: s.end, section: String(e.section), ...(anchor ? { anchor } : {}), ...(own ? { own } : {}) }];
  });
}

/** The speech verbs (speech_verbs.yaml) and what opens the words they report (participant_roles.yaml reported_opener). */
export interface SpeechWords {
  verbs: readonly string[];
  opener: string;
  /** A proposal's verb and "that" (participant_roles.yaml proposal_opener): what follows is proposed. */
  proposal?: string;
}

/** The speech words of the vocabularies, as the mentions and the participants both read them. */
export function speechWordsOf(verbs: readonly string[], roles: Vocabulary): SpeechWords {
  const r = roles as unknown as { reported_opener?: string; proposal_opener?: string };
  return { verbs, opener: String(r.reported_opener ?? ''), proposal: String(r.proposal_opener ?? '') };
}

/**
 * Where the part a narrative event's date governs begins: where the words said or proposed begin
 * when the date stands inside them (saidFrom), else the segment's own start.
 */
export function governedStart(e: Row, s: { start: number; date_at: number; clause_start?: number; clause_end?: number }, speech: SpeechWords): number {
  const said = saidFrom(e, s, speech);
  return said !== null && said > s.start && said <= s.date_at ? said : s.start;
}

/**
 * Where the words reported by a speech verb of the date's clause begin (a code point of the
 * source), when the date stands inside them: "warned of coming danger … in 2030",
 * "said that the bridge would open in May"; else null.
 */
export function saidFrom(e: Row, s: { date_at: number; clause_start?: number; clause_end?: number }, speech: SpeechWords): number | null {
  if (s.clause_start === undefined || s.clause_end === undefined || typeof e.evidence !== 'string') return null;
  const points = Array.from(e.evidence);
  const base = e.span_start as number;
  const unit = (cp: number): number => points.slice(0, Math.max(0, Math.min(points.length, cp - base))).join('').length;
  const masked = maskMarkup(e.evidence);
  const clause = { start: unit(s.clause_start), end: unit(s.clause_end) };
  const toSource = (from: number): number => base + Array.from(masked.slice(0, from + (/^\s*/u.exec(masked.slice(from))?.[0].length ?? 0))).length;
  const found = speech.opener && speech.verbs.length > 0 ? reportedFrom(masked, clause, speech.verbs, compiled(speech.opener, 'u')) : null;
  if (found) {
    const at = toSource(found.at);
    if (at <= s.date_at) return at;
  }
  // "The Russian side suggested that the chiefs be invited to a meeting in June 2020": what is
  // proposed begins after "suggested that", and who proposed it acts when the proposal was made.
  const proposal = speech.proposal ? compiled(speech.proposal, 'iu').exec(masked.slice(clause.start, clause.end)) : null;
  if (proposal) {
    const at = toSource(clause.start + proposal.index + proposal[0].length);
    if (at <= s.date_at) return at;
  }
  return null;
}

/**
 * The narrative event a mention outside the chronology stands in: the one
 * whose governed part of its sentence holds the mention's words (the dates
 * rules of docs/dates.md cut those parts). Where parts nest ("the 1979
 * Islamic Revolution" inside the clause of "In 2019"), the innermost; where
 * two events govern the same words, or none does, no event, except where one
 * of those dates is counted from the other ("later that year"): then each
 * keeps its own part of the clause.
 */
export function narrativeEventAt(parts: readonly NarrativePart[]): (sourceId: string, start: number, end: number) => string | null {
  const bySource = new Map<string, NarrativePart[]>();
  for (const p of parts) bySource.set(p.source_id, [...(bySource.get(p.source_id) ?? []), p]);
  return (sourceId, start, end) => {
    const holding = (bySource.get(sourceId) ?? []).filter((p) => p.start <= start && end <= p.end);
    if (holding.length === 0) return null;
    const width = Math.min(...holding.map((p) => p.end - p.start));
    let inner = holding.filter((p) => p.end - p.start === width);
    // "Their visit in May 2014 led to a deal for work to start later that year": two dates of one
    // clause are read as one happening where one holds the other, but a date counted from the other
    // ("later that year", "the next day") names another time, so each keeps its own part: the one
    // whose own part holds the words wins (none where no single one does).
    const ids = new Set(inner.map((p) => p.event_id));
    if (ids.size > 1 && inner.some((p) => p.anchor !== undefined && ids.has(p.anchor))) {
      inner = inner.filter((p) => p.own !== undefined && p.own.start <= start && end <= p.own.end);
      if (inner.length === 0) return null;
    }
    // Two parts of one width holding the words: two dates govern them alike, and which event they are of the words do not say.
    if (new Set(inner.map((p) => p.event_id)).size !== 1) return null;
    // The innermost must lie inside every other part that holds the words; crossing parts say nothing sure.
    const [only] = inner;
    return holding.every((p) => p.start <= only!.start && only!.end <= p.end) ? only!.event_id : null;
  };
}

export function mentionRows(resolved: ResolvedMention[], forms: OriginalForm[], events: EventSpan[], parts: readonly NarrativePart[] = []): Row[] {
  const entryAt = entryIndex(events);
  const partAt = narrativeEventAt(parts);
  const ownParts = parts.filter((p) => p.section === 'chronology_text');
  const ownPartAt = narrativeEventAt(ownParts);
  const eventAt = (sourceId: string, start: number, end: number): string | null => {
    const entry = entryAt(sourceId, start);
    if (!entry) return partAt(sourceId, start, end);
    // A later sentence of an entry with a date of its own ("… also hosted a drill on Sept. 4") reports
    // another event: a mention the date governs is of that event (none where two govern it alike); the
    // entry's own event keeps its first sentence and the words no date of their own governs.
    if (entry.first_end !== undefined && start >= entry.first_end && ownParts.some((p) => p.source_id === sourceId && p.start <= start && end <= p.end)) {
      return ownPartAt(sourceId, start, end);
    }
    return entry.event_id;
  };
  const rows: Row[] = resolved.map(({ finding: f, entity_id, resolution, status }) => ({
    mention_id: mentionId(f.source_id, f.span_start, f.span_end),
    entity_id,
    entity_status: status ?? 'curated',
    surface: f.surface,
    mention_kind: f.form_kind,
    language: 'en',
    resolution,
    role: f.role,
    event_id: eventAt(f.source_id, f.span_start, f.span_end),
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
      entity_status: o.discovered ? 'discovered' : 'curated',
      surface: o.original,
      mention_kind: 'original_name',
      language: o.language,
      resolution: null,
      role: null,
      event_id: eventAt(f.source_id, f.original_start, f.original_end),
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
