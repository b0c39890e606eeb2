/**
 * Where a source disagrees with itself → rows of the conflicts table.
 *
 * Quantities: claims are grouped by what they state about: source, subject,
 * property, party and canonical unit, and, where the property says so, the
 * scope ("of China's oil imports") or the unit word ("ships"), and whether
 * the figure is a contingent sent to its subject (a part, not the whole). Within a group,
 * two claims conflict when their times can be the same and their values
 * disagree: exact values that differ; an approximate value ("almost",
 * "some") more than 10% from the other; a bound ("more than $112 billion")
 * the other value does not meet. Groups are small, so comparing the pairs
 * within one costs little; the grouping itself is one pass over the claims.
 *
 * Names: original-language mentions (mention_kind original_name) of one
 * entity in one language whose surfaces are different words: the first
 * mention of each form is compared with the first of every other; variants
 * of one form (marks, case, spacing, one inside the other) are no conflict.
 *
 * Dates: two rows of one happening (same_as_event_id) whose days differ
 * (dateConflicts). Durations: a stated count of days against the days of the
 * event's own date range (durationConflicts).
 */
import { createHash } from 'node:crypto';
import type { ClaimsRank, ClaimsRow, ConflictsKind, ConflictsRow, ConflictsSeverity, ConflictsTableA, EventsRow, MentionsRow } from '../generated/rows.ts';
import type { Row } from '../lib/schema.ts';
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

/** The provenance a conflict takes from each of its records. */
type Spanned = Pick<ClaimsRow | MentionsRow | EventsRow, 'source_id' | 'span_start' | 'span_end' | 'evidence'>;

/** One side of a conflict: a record, its value and its span. */
interface Side {
  table: ConflictsTableA;
  id: string;
  value: string;
  canonical: number | null;
  rank: ClaimsRank;
  row: Spanned;
}

/** A row of the conflicts table from its two sides; the row's own span is side a's. */
function conflictRow(
  kind: ConflictsKind,
  subject: Pick<ConflictsRow, 'subject_id' | 'subject_table' | 'property'>,
  a: Side,
  b: Side,
  detail: { unit: string | null; ratio: number | null; severity: ConflictsSeverity; reason: string | null; note: string },
): ConflictsRow {
  return {
    conflict_id: conflictId(a.row.source_id, kind, a.table, a.id, b.table, b.id),
    kind,
    subject_id: subject.subject_id,
    subject_table: subject.subject_table,
    property: subject.property,
    table_a: a.table,
    record_a: a.id,
    table_b: b.table,
    record_b: b.id,
    value_a: a.value,
    value_b: b.value,
    value_a_canonical: a.canonical,
    value_b_canonical: b.canonical,
    unit_canonical: detail.unit,
    ratio: detail.ratio,
    severity: detail.severity,
    span_a_start: a.row.span_start,
    span_a_end: a.row.span_end,
    evidence_a: a.row.evidence,
    span_b_start: b.row.span_start,
    span_b_end: b.row.span_end,
    evidence_b: b.row.evidence,
    rank_a: a.rank,
    rank_b: b.rank,
    reason: detail.reason,
    note: detail.note,
    source_id: a.row.source_id,
    span_start: a.row.span_start,
    span_end: a.row.span_end,
    evidence: a.row.evidence,
    extractor: STEP.label,
    found_by: null,
  };
}

/** Approximate values agree within this share of the larger. */
const APPROXIMATE = 0.1;

const fold = (s: string): string => s.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

function groupKey(c: ClaimsRow, rules: Map<string, PropertyRule>): string | null {
  if (!c.subject_id) return null;
  const rule = rules.get(c.property);
  let extra = '';
  if (rule?.compare_by === 'scope') {
    if (!c.scope) return null; // a share of an unknown whole is compared with nothing
    extra = fold(c.scope);
  } else if (rule?.compare_by === 'unit_word') {
    extra = fold(c.unit_as_stated ?? '').replace(/(?:es|s)$/, '');
  }
  // A contingent sent to an exercise counts a part of it, never its whole strength: "750 men from Pakistan, India, …" is no other statement of "130,000 soldiers".
  const part = c.subject_rule === 'contingent' ? 'contingent' : '';
  return [c.source_id, c.subject_table, c.subject_id, c.property, c.party_id ?? '', c.unit_canonical, extra, part].join('\u001f');
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

export function quantityConflicts(claims: readonly ClaimsRow[], rules: PropertyRule[]): ConflictsRow[] {
  const byName = new Map(rules.map((r) => [r.value, r]));
  const groups = new Map<string, ClaimsRow[]>();
  for (const c of claims) {
    const key = groupKey(c, byName);
    if (!key) continue;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const out: ConflictsRow[] = [];
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.sort((x, y) => x.span_start - y.span_start || x.span_end - y.span_end || (x.claim_id < y.claim_id ? -1 : 1));
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (!timesCompatible(a.time_edtf, b.time_edtf)) continue;
        const va = a.value_canonical;
        const vb = b.value_canonical;
        if (!disagree({ value: va, bound: a.value_bound }, { value: vb, bound: b.value_bound })) continue;
        const ratio = ratioOf(va, vb);
        const reasons = [a, b].filter((c) => c.rank_reason).map((c) => `${c === a ? 'a' : 'b'} (${c.rank}): ${c.rank_reason}`);
        out.push(
          conflictRow(
            'quantity',
            // groupKey groups only claims with a subject.
            { subject_id: a.subject_id!, subject_table: a.subject_table!, property: a.property },
            { table: 'claims', id: a.claim_id, value: a.value_as_stated, canonical: va, rank: a.rank, row: a },
            { table: 'claims', id: b.claim_id, value: b.value_as_stated, canonical: vb, rank: b.rank, row: b },
            {
              unit: a.unit_canonical,
              ratio,
              severity: ratio === null || ratio >= 2 ? 'major' : 'minor',
              reason: reasons.length ? reasons.join('; ') : null,
              note:
                `The ${a.property.replace(/_/g, ' ')} of ${a.subject_id}${a.party_id ? ` (${a.party_id})` : ''} is stated as "${a.value_as_stated}" (${a.section}) ` +
                `and as "${b.value_as_stated}" (${b.section}): ${va} vs ${vb} ${a.unit_canonical.replace(/_/g, ' ')}${ratio ? `, a ratio of ${ratio}` : ''}.`,
            },
          ),
        );
      }
    }
  }
  return out;
}

/**
 * Are two forms of one name variants of each other rather than a
 * disagreement? Variants differ only in marks (stress or tone marks), case,
 * spacing or hyphens, or one form holds the other (a shortened name). The
 * text printing a name two such ways is not a conflict: both forms are kept
 * as forms of the entity.
 */
export function nameVariant(a: string, b: string): string | null {
  const bare = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\s\-‐–]+/g, '');
  if (bare(a) === bare(b)) return 'they differ only in marks (such as stress marks), case, spacing or hyphens';
  if (bare(a).includes(bare(b)) || bare(b).includes(bare(a))) return 'one is part of the other';
  return null;
}

/** English names of languages, from the ICU data Node ships: nothing here lists languages. */
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
const languageName = (tag: string): string => LANGUAGE_NAMES.of(tag) ?? tag;

export function nameConflicts(mentions: readonly MentionsRow[]): ConflictsRow[] {
  const groups = new Map<string, MentionsRow[]>();
  for (const m of mentions) {
    if (m.mention_kind !== 'original_name') continue;
    const key = [m.source_id, m.entity_id, m.language].join('\u001f');
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  const out: ConflictsRow[] = [];
  for (const list of groups.values()) {
    list.sort((x, y) => x.span_start - y.span_start || x.span_end - y.span_end || (x.mention_id < y.mention_id ? -1 : 1));
    const firsts: MentionsRow[] = [];
    for (const m of list) if (!firsts.some((f) => f.surface === m.surface)) firsts.push(m);
    for (let i = 0; i < firsts.length; i++) {
      for (let j = i + 1; j < firsts.length; j++) {
        const a = firsts[i]!;
        const b = firsts[j]!;
        if (nameVariant(a.surface, b.surface)) continue;
        out.push(
          conflictRow(
            'name',
            { subject_id: a.entity_id, subject_table: 'entities', property: `name_${a.language}` },
            { table: 'mentions', id: a.mention_id, value: a.surface, canonical: null, rank: 'normal', row: a },
            { table: 'mentions', id: b.mention_id, value: b.surface, canonical: null, rank: 'normal', row: b },
            {
              unit: null,
              ratio: null,
              severity: 'major',
              reason: null,
              note: `The text gives ${a.entity_id} two ${languageName(a.language)} forms, "${a.surface}" and "${b.surface}", that are different words.`,
            },
          ),
        );
      }
    }
  }
  return out;
}

/**
 * Dates of one event that disagree: a narrative event and the row that
 * reports the same happening first (events.same_as_event_id: a chronology
 * entry, or an earlier narrative sentence) whose dates reach outside it. A
 * narrative date within the other's range agrees with it (the
 * narrative speaks of one day of the event) and is no conflict; so is a
 * month, part of a year or year that holds the other's range (it says the
 * same less precisely). Major when
 * the two ranges do not overlap at all; minor when they overlap (one reaches
 * a day or more beyond the other).
 */
export function dateConflicts(events: readonly EventsRow[]): ConflictsRow[] {
  const byId = new Map(events.map((e) => [e.event_id, e]));
  const out: ConflictsRow[] = [];
  for (const b of events) {
    if (!b.same_as_event_id) continue;
    const a = byId.get(b.same_as_event_id);
    if (!a || (a.date_start === b.date_start && a.date_end === b.date_end)) continue;
    if (String(b.date_start) >= String(a.date_start) && String(b.date_end) <= String(a.date_end)) continue;
    // A month or year that holds the other's days says less, not something else ("in September", Sept. 16–21).
    if (b.date_precision !== 'day' && b.date_start && b.date_end && String(b.date_start) <= String(a.date_start) && String(a.date_end) <= String(b.date_end)) continue;
    const overlap = String(b.date_start) <= String(a.date_end) && String(a.date_start) <= String(b.date_end);
    // The subject is the row that stands for the happening; records a and b are the two rows in the order of the text.
    const [first, second] = inTextOrder(a, b);
    const said = (e: EventsRow): string => (e.section === 'chronology' ? 'the chronology' : e.section === 'narrative' ? 'a narrative sentence' : 'the text of a chronology entry');
    const firstSaid = said(first);
    out.push(
      conflictRow(
        'date',
        { subject_id: a.event_id, subject_table: 'events', property: 'date' },
        { table: 'events', id: first.event_id, value: first.date_label, canonical: null, rank: 'normal', row: first },
        { table: 'events', id: second.event_id, value: second.date_label, canonical: null, rank: 'normal', row: second },
        {
          unit: null,
          ratio: null,
          severity: overlap ? 'minor' : 'major',
          reason: null,
          note: `${firstSaid[0]!.toUpperCase()}${firstSaid.slice(1)} dates the event ${first.date_edtf}; ${said(second) === firstSaid ? `a later ${firstSaid.replace(/^(?:the|a) /, '')}` : said(second)} dates it ${second.date_edtf}, ${overlap ? 'overlapping it but not the same days' : 'with no day in common'}.`,
        },
      ),
    );
  }
  return out;
}

/** Days from one ISO date to another, both counted ("Dec. 27–30" is four days). */
function daysCounted(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * A stated length in days against the days of the event it is about ("a
 * four-day naval exercise" of an event dated "Dec. 27–29"). Only an exact
 * count of days (no "almost", no "more than") of a claim whose subject or
 * event is an event dated to the day, over a range of days. Minor when the two
 * differ by one day (a count of nights or of days in between reads one less),
 * major otherwise; a count that equals the days of the range agrees.
 */
export function durationConflicts(claims: readonly ClaimsRow[], events: readonly EventsRow[]): ConflictsRow[] {
  const byId = new Map(events.map((e) => [e.event_id, e]));
  const out: ConflictsRow[] = [];
  for (const c of claims) {
    if (c.property !== 'duration' || c.unit_canonical !== 'days' || c.value_bound !== 'exact') continue;
    const id = c.subject_table === 'events' && c.subject_id ? c.subject_id : c.event_id;
    const e = id ? byId.get(id) : undefined;
    if (!e || e.date_precision !== 'day' || !e.date_start || !e.date_end || e.date_start === e.date_end) continue;
    const days = daysCounted(String(e.date_start), String(e.date_end));
    if (!Number.isInteger(c.value_canonical) || c.value_canonical === days) continue;
    const [first, second] = c.span_start <= e.span_start ? (['claim', 'event'] as const) : (['event', 'claim'] as const);
    const claimSide: Side = { table: 'claims', id: c.claim_id, value: c.value_as_stated, canonical: c.value_canonical, rank: c.rank, row: c };
    const eventSide: Side = { table: 'events', id: e.event_id, value: e.date_label, canonical: days, rank: 'normal', row: e };
    out.push(
      conflictRow(
        'duration',
        { subject_id: e.event_id, subject_table: 'events', property: 'duration' },
        first === 'claim' ? claimSide : eventSide,
        second === 'claim' ? claimSide : eventSide,
        {
          unit: 'days',
          ratio: ratioOf(c.value_canonical, days),
          severity: Math.abs(c.value_canonical - days) <= 1 ? 'minor' : 'major',
          reason: null,
          note: `The event is said to last "${c.value_as_stated}" (${c.value_canonical} days) and is dated "${e.date_label}" (${e.date_edtf}), which counts ${days} days.`,
        },
      ),
    );
  }
  return out;
}

/** Two records in the order of the text: the one whose words start first (then end first), then by key. */
export function inTextOrder<T extends { span_start: number; span_end: number; event_id?: string }>(a: T, b: T): [T, T] {
  const d = a.span_start - b.span_start || a.span_end - b.span_end || (String(a.event_id ?? '') < String(b.event_id ?? '') ? -1 : 1);
  return d <= 0 ? [a, b] : [b, a];
}

/**
 * All conflicts of the sources, in the order of the text. The rows come in
 * untyped from the steps that build them and are read as the rows of their
 * tables here; validateTables checks them against the same schema at export.
 */
export function findConflicts(claims: readonly Row[], mentions: readonly Row[], rules: PropertyRule[], events: readonly Row[] = []): ConflictsRow[] {
  return [
    ...quantityConflicts(claims as readonly ClaimsRow[], rules),
    ...nameConflicts(mentions as readonly MentionsRow[]),
    ...dateConflicts(events as readonly EventsRow[]),
    ...durationConflicts(claims as readonly ClaimsRow[], events as readonly EventsRow[]),
  ].sort(
    (x, y) =>
      (x.source_id < y.source_id ? -1 : x.source_id > y.source_id ? 1 : 0) ||
      x.span_a_start - y.span_a_start ||
      x.span_b_start - y.span_b_start ||
      (x.conflict_id < y.conflict_id ? -1 : 1),
  );
}
