/**
 * How much of the sources the datasets account for, written to
 * build/coverage.json and printed by the build:
 *   - sentences (narrative and chronology) that yielded at least one record:
 *     a row of any table whose span lies inside the sentence (an event's span
 *     is its whole chronology entry, so it counts for no single sentence);
 *   - quantities found vs attached to a subject;
 *   - quotations found (opening quotation marks) vs attributed to a speaker
 *     (the count is passed in: quotations are attributed by another step);
 *   - original-language forms found in parentheses vs attached to an entity.
 * Sentences of a source do not overlap, so each span finds its sentence by a
 * binary search: the cost is records × log(sentences).
 */
import type { SentenceFinding } from '../extract/sentences.ts';
import type { TableName, TableRows } from '../generated/rows.ts';
import type { Row } from '../lib/schema.ts';

import { defineStep } from '../lib/step.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: {
    sentences: 'extract/sentences', source: 'extract/source', originals: 'extract/original-names',
    events: 'normalize/event-table', mentions: 'normalize/mentions', participants: 'normalize/participants', codes: 'normalize/event-codes',
    quotes: 'normalize/quotes', terms: 'normalize/terms', claims: 'normalize/claims', conflicts: 'normalize/conflicts',
  },
  run: (i: {
    sentences: SentenceFinding[]; source: Row[]; originals: unknown[];
    events: { rows: Row[] }; mentions: { rows: Row[] }; participants: { rows: Row[] }; codes: { rows: Row[] };
    quotes: { rows: Row[] }; terms: { rows: Row[] }; claims: { rows: Row[]; found: number; attached: number }; conflicts: { rows: Row[] };
  }) =>
    computeCoverage({
      sentences: i.sentences,
      tables: {
        sources: i.source, events: i.events.rows, mentions: i.mentions.rows, event_participants: i.participants.rows, event_codes: i.codes.rows,
        quotes: i.quotes.rows, terms: i.terms.rows, claims: i.claims.rows, conflicts: i.conflicts.rows,
      },
      numbersFound: i.claims.found,
      numbersAttached: i.claims.attached,
      quotationsAttributed: i.quotes.rows.length,
      originalFound: i.originals.length,
      // Attached as an entity's name (a mention) or as a term of its own.
      originalAttached: i.mentions.rows.filter((m) => m.mention_kind === 'original_name').length + i.terms.rows.filter((t) => t.entity_id === null).length,
    }),
});

export interface Share {
  found: number;
  covered: number;
  share: number;
}

export interface Coverage {
  sentences: Share & { narrative: Share; chronology: Share };
  numbers: { found: number; attached: number; share: number };
  quotations: { found: number; attributed: number; share: number };
  original_forms: { found: number; attached: number; share: number };
}

export interface CoverageInput {
  sentences: SentenceFinding[];
  /** Every table's rows, by table name. */
  tables: Record<string, readonly Row[]>;
  numbersFound: number;
  numbersAttached: number;
  /** Quotations attributed to a speaker (0 until quotations are built). */
  quotationsAttributed: number;
  originalFound: number;
  originalAttached: number;
}

/** The provenance fields every table carries: all coverage reads of a row. */
type Spanned = Pick<TableRows[TableName], 'source_id' | 'span_start' | 'span_end'>;

const share = (part: number, whole: number): number => (whole === 0 ? 0 : Number((part / whole).toFixed(4)));

export function computeCoverage(input: CoverageInput): Coverage {
  const bySource = new Map<string, SentenceFinding[]>();
  for (const s of input.sentences) {
    const list = bySource.get(s.source_id);
    if (list) list.push(s);
    else bySource.set(s.source_id, [s]);
  }
  for (const list of bySource.values()) list.sort((a, b) => a.span_start - b.span_start);
  const hit = new Set<SentenceFinding>();
  for (const rows of Object.values(input.tables)) {
    for (const r of rows as readonly Spanned[]) {
      const list = bySource.get(r.source_id);
      if (!list) continue;
      const start = r.span_start;
      const end = r.span_end;
      let lo = 0;
      let hi = list.length - 1;
      let at = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.span_start <= start) {
          at = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      const s = at >= 0 ? list[at]! : null;
      if (s && end <= s.span_end) hit.add(s);
    }
  }
  const part = (section: string | null): Share => {
    const all = input.sentences.filter((s) => section === null || s.section === section);
    const covered = all.filter((s) => hit.has(s)).length;
    return { found: all.length, covered, share: share(covered, all.length) };
  };
  const quotations = input.sentences.reduce((n, s) => n + s.quotations, 0);
  return {
    sentences: { ...part(null), narrative: part('narrative'), chronology: part('chronology') },
    numbers: { found: input.numbersFound, attached: input.numbersAttached, share: share(input.numbersAttached, input.numbersFound) },
    quotations: { found: quotations, attributed: input.quotationsAttributed, share: share(input.quotationsAttributed, quotations) },
    original_forms: { found: input.originalFound, attached: input.originalAttached, share: share(input.originalAttached, input.originalFound) },
  };
}

/** The coverage of several sources together: their counts added, the shares computed anew. */
export function mergeCoverage(parts: Coverage[]): Coverage {
  const add = (pick: (c: Coverage) => Share): Share => {
    const found = parts.reduce((n, c) => n + pick(c).found, 0);
    const covered = parts.reduce((n, c) => n + pick(c).covered, 0);
    return { found, covered, share: share(covered, found) };
  };
  const sum = (pick: (c: Coverage) => number): number => parts.reduce((n, c) => n + pick(c), 0);
  const numbers = { found: sum((c) => c.numbers.found), attached: sum((c) => c.numbers.attached) };
  const quotations = { found: sum((c) => c.quotations.found), attributed: sum((c) => c.quotations.attributed) };
  const forms = { found: sum((c) => c.original_forms.found), attached: sum((c) => c.original_forms.attached) };
  return {
    sentences: { ...add((c) => c.sentences), narrative: add((c) => c.sentences.narrative), chronology: add((c) => c.sentences.chronology) },
    numbers: { ...numbers, share: share(numbers.attached, numbers.found) },
    quotations: { ...quotations, share: share(quotations.attributed, quotations.found) },
    original_forms: { ...forms, share: share(forms.attached, forms.found) },
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The line the build prints. */
export function coverageLine(c: Coverage): string {
  const s = c.sentences;
  return (
    `${s.covered}/${s.found} sentences (${pct(s.share)}) yielded a record (narrative ${s.narrative.covered}/${s.narrative.found}, chronology ${s.chronology.covered}/${s.chronology.found}); ` +
    `numbers ${c.numbers.attached}/${c.numbers.found} attached; quotations ${c.quotations.attributed}/${c.quotations.found} attributed; ` +
    `original-language forms ${c.original_forms.attached}/${c.original_forms.found} attached`
  );
}
