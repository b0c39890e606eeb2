/**
 * Where a source disagrees with itself → rows of the conflicts table.
 *
 * Quantities: claims are grouped by what they state about: source, subject,
 * property, party and canonical unit, and, where the property says so, the
 * scope ("of China's oil imports") or the unit word ("ships"). Within a group,
 * two claims conflict when their times can be the same and their values
 * disagree: exact values that differ; an approximate value ("almost",
 * "some") more than 10% from the other; a bound ("more than $112 billion")
 * the other value does not meet. Groups are small, so comparing the pairs
 * within one costs little; the grouping itself is one pass over the claims.
 *
 * Names: original-language mentions (mention_kind original_name) of one
 * entity in one language whose surfaces differ: the first mention of each
 * form is compared with the first of every other.
 *
 * Dates are compared elsewhere; a date row has the same shape (events as
 * table_a and table_b, property "date").
 */
import { createHash } from 'node:crypto';
import type { Row, Value } from '../lib/schema.ts';
import type { PropertyRule } from '../lib/units.ts';
import { timesCompatible } from './claims.ts';

import { defineStep } from '../lib/step.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  table: 'conflicts',
  inputs: { claims: 'normalize/claims', mentions: 'normalize/mentions', events: 'normalize/event-table', rules: 'resource:property-rules' },
  run: ({ claims, mentions, events, rules }: { claims: { rows: Row[] }; mentions: { rows: Row[] }; events: { rows: Row[] }; rules: PropertyRule[] }) => ({
    rows: findConflicts(claims.rows, mentions.rows, rules, events.rows),
  }),
});

/** The id rule, as schema/conflicts.yaml documents it. */
export function conflictId(sourceId: string, kind: string, tableA: string, recordA: string, tableB: string, recordB: string): string {
  return `cf-${createHash('sha256').update([sourceId, kind, tableA, recordA, tableB, recordB].join('\u001f')).digest('hex').slice(0, 12)}`;
}

/** One side of a conflict: a record, its value and its span. */
interface Side {
  table: string;
  id: string;
  value: Value;
  canonical: number | null;
  rank: Value;
  row: Row;
}

/** A row of the conflicts table from its two sides; the row's own span is side a's. */
function conflictRow(
  kind: 'quantity' | 'name' | 'date',
  subject: { id: Value; table: Value; property: Value },
  a: Side,
  b: Side,
  detail: { unit: Value; ratio: number | null; severity: 'major' | 'minor'; reason: string | null; note: string },
): Row {
  return {
    conflict_id: conflictId(String(a.row.source_id), kind, a.table, a.id, b.table, b.id),
    kind,
    subject_id: subject.id ?? null,
    subject_table: subject.table ?? null,
    property: subject.property ?? null,
    table_a: a.table,
    record_a: a.id,
    table_b: b.table,
    record_b: b.id,
    value_a: a.value ?? null,
    value_b: b.value ?? null,
    value_a_canonical: a.canonical,
    value_b_canonical: b.canonical,
    unit_canonical: detail.unit ?? null,
    ratio: detail.ratio,
    severity: detail.severity,
    span_a_start: a.row.span_start ?? null,
    span_a_end: a.row.span_end ?? null,
    evidence_a: a.row.evidence ?? null,
    span_b_start: b.row.span_start ?? null,
    span_b_end: b.row.span_end ?? null,
    evidence_b: b.row.evidence ?? null,
    rank_a: a.rank ?? null,
    rank_b: b.rank ?? null,
    reason: detail.reason,
    note: detail.note,
    source_id: a.row.source_id ?? null,
    span_start: a.row.span_start ?? null,
    span_end: a.row.span_end ?? null,
    evidence: a.row.evidence ?? null,
    extractor: STEP.label,
  };
}

/** Approximate values agree within this share of the larger. */
const APPROXIMATE = 0.1;

const fold = (s: string): string => s.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

function groupKey(c: Row, rules: Map<string, PropertyRule>): string | null {
  if (!c.subject_id) return null;
  const rule = rules.get(String(c.property));
  let extra = '';
  if (rule?.compare_by === 'scope') {
    if (!c.scope) return null; // a share of an unknown whole is compared with nothing
    extra = fold(String(c.scope));
  } else if (rule?.compare_by === 'unit_word') {
    extra = fold(String(c.unit_as_stated ?? '')).replace(/(?:es|s)$/, '');
  }
  return [c.source_id, c.subject_table, c.subject_id, c.property, c.party_id ?? '', c.unit_canonical, extra].join('\u001f');
}

/** Do two values disagree, given how their qualifiers bound them? */
export function disagree(a: { value: number; bound: string }, b: { value: number; bound: string }): boolean {
  const meets = (bound: { value: number; bound: string }, v: number): boolean =>
    bound.bound === 'lower_bound' ? v >= bound.value : bound.bound === 'upper_bound' ? v <= bound.value : true;
  if (a.bound === 'lower_bound' || a.bound === 'upper_bound' || b.bound === 'lower_bound' || b.bound === 'upper_bound') {
    const aBound = a.bound === 'lower_bound' || a.bound === 'upper_bound';
    const bBound = b.bound === 'lower_bound' || b.bound === 'upper_bound';
    if (aBound && bBound) {
      // "more than 10" and "less than 5" cannot both hold; two bounds on one side always can.
      if (a.bound === b.bound) return false;
      const lower = a.bound === 'lower_bound' ? a.value : b.value;
      const upper = a.bound === 'upper_bound' ? a.value : b.value;
      return lower > upper;
    }
    return aBound ? !meets(a, b.value) : !meets(b, a.value);
  }
  if (a.bound === 'approximate' || b.bound === 'approximate') {
    return Math.abs(a.value - b.value) > APPROXIMATE * Math.max(Math.abs(a.value), Math.abs(b.value));
  }
  return a.value !== b.value;
}

function ratioOf(a: number, b: number): number | null {
  const lo = Math.min(Math.abs(a), Math.abs(b));
  const hi = Math.max(Math.abs(a), Math.abs(b));
  return lo === 0 ? null : Number((hi / lo).toPrecision(6));
}

export function quantityConflicts(claims: Row[], rules: PropertyRule[]): Row[] {
  const byName = new Map(rules.map((r) => [r.value, r]));
  const groups = new Map<string, Row[]>();
  for (const c of claims) {
    const key = groupKey(c, byName);
    if (!key) continue;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const out: Row[] = [];
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.sort((x, y) => (x.span_start as number) - (y.span_start as number));
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (!timesCompatible(a.time_edtf as string | null, b.time_edtf as string | null)) continue;
        const va = a.value_canonical as number;
        const vb = b.value_canonical as number;
        if (!disagree({ value: va, bound: String(a.value_bound) }, { value: vb, bound: String(b.value_bound) })) continue;
        const ratio = ratioOf(va, vb);
        const reasons = [a, b].filter((c) => c.rank_reason).map((c) => `${c === a ? 'a' : 'b'} (${String(c.rank)}): ${String(c.rank_reason)}`);
        out.push(
          conflictRow(
            'quantity',
            { id: a.subject_id ?? null, table: a.subject_table ?? null, property: a.property ?? null },
            { table: 'claims', id: String(a.claim_id), value: a.value_as_stated ?? null, canonical: va, rank: a.rank ?? null, row: a },
            { table: 'claims', id: String(b.claim_id), value: b.value_as_stated ?? null, canonical: vb, rank: b.rank ?? null, row: b },
            {
              unit: a.unit_canonical ?? null,
              ratio,
              severity: ratio === null || ratio >= 2 ? 'major' : 'minor',
              reason: reasons.length ? reasons.join('; ') : null,
              note:
                `The ${String(a.property).replace(/_/g, ' ')} of ${String(a.subject_id)}${a.party_id ? ` (${String(a.party_id)})` : ''} is stated as "${String(a.value_as_stated)}" (${a.section}) ` +
                `and as "${String(b.value_as_stated)}" (${b.section}): ${va} vs ${vb} ${String(a.unit_canonical).replace(/_/g, ' ')}${ratio ? `, a ratio of ${ratio}` : ''}.`,
            },
          ),
        );
      }
    }
  }
  return out;
}

/** Two forms of one name that differ only in marks (stress, tone), case or spacing, or of which one holds the other. */
export function nameSeverity(a: string, b: string): { severity: 'major' | 'minor'; why: string } {
  const bare = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, '');
  if (bare(a) === bare(b)) return { severity: 'minor', why: 'they differ only in marks (such as stress marks), case or spacing' };
  if (bare(a).includes(bare(b)) || bare(b).includes(bare(a))) return { severity: 'minor', why: 'one is part of the other' };
  return { severity: 'major', why: 'they are different words' };
}

const LANGUAGE: Record<string, string> = { zh: 'Chinese', ru: 'Russian' };

export function nameConflicts(mentions: Row[]): Row[] {
  const groups = new Map<string, Row[]>();
  for (const m of mentions) {
    if (m.mention_kind !== 'original_name') continue;
    const key = [m.source_id, m.entity_id, m.language].join('\u001f');
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  const out: Row[] = [];
  for (const list of groups.values()) {
    list.sort((x, y) => (x.span_start as number) - (y.span_start as number));
    const firsts: Row[] = [];
    for (const m of list) if (!firsts.some((f) => f.surface === m.surface)) firsts.push(m);
    for (let i = 0; i < firsts.length; i++) {
      for (let j = i + 1; j < firsts.length; j++) {
        const a = firsts[i]!;
        const b = firsts[j]!;
        const { severity, why } = nameSeverity(String(a.surface), String(b.surface));
        out.push(
          conflictRow(
            'name',
            { id: a.entity_id ?? null, table: 'entities', property: `name_${String(a.language)}` },
            { table: 'mentions', id: String(a.mention_id), value: a.surface ?? null, canonical: null, rank: 'normal', row: a },
            { table: 'mentions', id: String(b.mention_id), value: b.surface ?? null, canonical: null, rank: 'normal', row: b },
            {
              unit: null,
              ratio: null,
              severity,
              reason: null,
              note: `The text gives ${String(a.entity_id)} two ${LANGUAGE[String(a.language)] ?? String(a.language)} forms, "${String(a.surface)}" and "${String(b.surface)}"; ${why}.`,
            },
          ),
        );
      }
    }
  }
  return out;
}

/**
 * Dates of one event that differ: a narrative event and the chronology entry
 * it reports (events.same_as_event_id). Major when the narrative's dates
 * reach outside the entry's; minor when they lie within it (the narrative may
 * speak of one day of the event).
 */
export function dateConflicts(events: Row[]): Row[] {
  const byId = new Map(events.map((e) => [String(e.event_id), e]));
  const out: Row[] = [];
  for (const b of events) {
    if (!b.same_as_event_id) continue;
    const a = byId.get(String(b.same_as_event_id));
    if (!a || (a.date_start === b.date_start && a.date_end === b.date_end)) continue;
    const within = String(b.date_start) >= String(a.date_start) && String(b.date_end) <= String(a.date_end);
    out.push(
      conflictRow(
        'date',
        { id: a.event_id ?? null, table: 'events', property: 'date' },
        { table: 'events', id: String(a.event_id), value: a.date_label ?? null, canonical: null, rank: 'normal', row: a },
        { table: 'events', id: String(b.event_id), value: b.date_label ?? null, canonical: null, rank: 'normal', row: b },
        {
          unit: null,
          ratio: null,
          severity: within ? 'minor' : 'major',
          reason: null,
          note: within
            ? `The chronology dates the event ${String(a.date_edtf)}; the narrative speaks of ${String(b.date_edtf)}, within it: perhaps one day of the event.`
            : `The chronology dates the event ${String(a.date_edtf)}; the narrative dates it ${String(b.date_edtf)}, outside it.`,
        },
      ),
    );
  }
  return out;
}

/** All conflicts of the sources, in the order of the text. */
export function findConflicts(claims: Row[], mentions: Row[], rules: PropertyRule[], events: Row[] = []): Row[] {
  return [...quantityConflicts(claims, rules), ...nameConflicts(mentions), ...dateConflicts(events)].sort(
    (x, y) =>
      (x.source_id! < y.source_id! ? -1 : x.source_id! > y.source_id! ? 1 : 0) ||
      (x.span_a_start as number) - (y.span_a_start as number) ||
      (x.span_b_start as number) - (y.span_b_start as number) ||
      (String(x.conflict_id) < String(y.conflict_id) ? -1 : 1),
  );
}
