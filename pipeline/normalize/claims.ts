/**
 * Number findings → rows of the claims table. For each quantity: its unit
 * read by schema/vocabularies/units.yaml (a unit the vocabulary does not know
 * is not guessed: the figure goes to the curator list as unknown_unit), its
 * value in the canonical unit, its property by the first matching rule of
 * claim_properties.yaml, its subject and party by the rules of subjects.ts,
 * the time the text gives for it as EDTF (words right after it, dates its
 * clause gives after it, else the date that opens its clause: openingTime),
 * and its rank. A window after the time spoken of ("in the next two years")
 * is a period too, with no time of its own. A span of time
 * "later" or "earlier" that names nothing it is measured from ("three days
 * later") describes the dated event of an earlier sentence of its paragraph,
 * the last one (subject_rule time_relation); one measured to a happening
 * with who took part ("four days before his meeting with Trump") describes
 * the dated event of an earlier sentence of its paragraph that has the
 * happening's word and names them (relatedEvent). A window ("in the next
 * two years") is a claim of property `period`: it says when, has no subject
 * and asks no curator for one; a part of a year ("The last four months of
 * 2019") is a date, and the extractor makes no figure of it. A curated statement
 * (topic `claims` of the source's curation.yaml) anchors a figure by a quote
 * and the figure's words within it, and may set its subject, property, unit,
 * party and rank.
 *
 * Each row carries the quantity kind of its unit (units.yaml). An ordinal of
 * a counting unit ("the 70th anniversary") is a claim too, and its origin is
 * an implied date, marked as such: the year the anniversary is reached minus
 * its count, the year taken from the first of these that gives one (the cue
 * says which): a range after it ("(1989–2019)"), the last year before it in
 * its sentence, the date of the chronology entry that holds it, the dates of
 * the narrative events of its sentence written before it when they share
 * one year, and, when its sentence dates nothing before it, the last dated
 * narrative event before it in its paragraph. A sentence whose dates all
 * come after the anniversary ("… the 70th anniversary …, and the years
 * 2020 to 2021 …") may date another clause, so those dates give no year
 * and the paragraph's event is tried next; events of its sentence before
 * it that disagree on the year leave the origin empty, as it is when
 * nothing gives a year: never guessed from the source's issue date.
 */
import { createHash } from 'node:crypto';
import type { CuratedStatement } from '../extract/curation.ts';
import { SMALL, type CpSpan, type NumberFinding } from '../extract/numbers.ts';
import { PipelineError } from '../lib/errors.ts';
import type { Row } from '../lib/schema.ts';
import { lookUpUnit, propertyOf, tidy, type PropertyRule, type QualifierMeaning, type Units } from '../lib/units.ts';
import { ABBREVIATIONS, shapeOf } from '../lib/date-shapes.ts';
import { edtfBounds, parseDateLabel } from './dates.ts';
import { eventIndex, type CuratorEntry } from './mentions.ts';
import { attachSubject, MentionIndex, type Spot, type SubjectRule } from './subjects.ts';
import { withDiscovered } from './quotes.ts';
import type { DiscoveredEntity } from './mentions.ts';

import path from 'node:path';
import type { SourceFinding } from '../extract/source.ts';
import { defineStep } from '../lib/step.ts';
import { compiled } from '../lib/regex.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  table: 'claims',
  inputs: { numbers: 'extract/numbers', curated: 'extract/curation', source: 'extract/source', mentions: 'normalize/mentions', events: 'normalize/event-table', types: 'resource:entity-types', units: 'resource:units', rules: 'resource:property-rules' },
  run: ({ numbers, curated, source, mentions, events, types, units, rules }: {
    numbers: NumberFinding[]; curated: CuratedStatement[]; source: SourceFinding[]; mentions: { rows: Row[]; discovered?: DiscoveredEntity[] }; events: { rows: Row[] }; types: Map<string, string>; units: Units; rules: PropertyRule[];
  }) => {
    const file = `${path.posix.dirname(source[0]!.text_path)}/curation.yaml`;
    // A figure's subject may be any body the text names, curated or discovered, as a speaker or a participant may.
    return buildClaims({ numbers, mentions: mentions.rows, entityTypes: withDiscovered(types, mentions.discovered ?? []), events: events.rows, pins: claimPins(curated, () => file), units, rules });
  },
});

export const RANKS = ['preferred', 'normal', 'deprecated'] as const;
export type Rank = (typeof RANKS)[number];

/** The id rule, as schema/claims.yaml documents it. */
export function claimId(sourceId: string, start: number, end: number): string {
  return `cl-${createHash('sha256').update([sourceId, start, end].join('\u001f')).digest('hex').slice(0, 12)}`;
}

/** A curator's decision about one figure. */
export interface ClaimPin {
  source_id: string;
  /** Code-point range of the figure's words within the quote. */
  start: number;
  end: number;
  value: string;
  subject?: string;
  property?: string;
  unit?: string;
  party?: string;
  rank: Rank;
  reason?: string;
  file: string;
}

const PIN_KEYS = new Set(['value', 'subject', 'property', 'unit', 'party', 'rank', 'reason']);

/** Read the `claims` statements of the curation files, with the checks that need no other record. */
export function claimPins(curated: CuratedStatement[], fileOf: (sourceId: string) => string): ClaimPin[] {
  return curated
    .filter((c) => c.topic === 'claims')
    .map((c) => {
      const file = fileOf(c.source_id);
      const bad = (msg: string, value: unknown, expected: string): never => {
        throw new PipelineError('source/invalid-metadata', `a curated claim ${msg}`, { file, value, expected });
      };
      const d = c.data;
      for (const k of Object.keys(d)) if (!PIN_KEYS.has(k)) bad(`has an unknown key "${k}"`, k, [...PIN_KEYS].join(', '));
      if (typeof d.value !== 'string' || d.value === '') bad('needs `value`, the figure\'s words within the quote', d.value, 'e.g. value: "3,500"');
      const value = d.value as string;
      const at = c.evidence.indexOf(value);
      if (at < 0 || c.evidence.indexOf(value, at + 1) >= 0) {
        throw new PipelineError('source/quote-not-found', `a curated claim's value must occur exactly once in its quote`, {
          file,
          value,
          expected: `words of the quote "${c.evidence}"`,
        });
      }
      const rank = (d.rank ?? 'normal') as Rank;
      if (!RANKS.includes(rank)) bad('has an unknown rank', d.rank, RANKS.join(', '));
      if (rank !== 'normal' && typeof d.reason !== 'string') bad('ranked other than normal needs a `reason`', d.rank, 'reason: why this value is preferred or deprecated');
      if (![d.subject, d.property, d.unit, d.party, d.rank].some((x) => x !== undefined)) bad('says nothing about its figure', c.evidence, 'one of subject, property, unit, party, rank');
      const start = c.span_start + Array.from(c.evidence.slice(0, at)).length;
      return {
        source_id: c.source_id,
        start,
        end: start + Array.from(value).length,
        value,
        subject: d.subject as string | undefined,
        property: d.property as string | undefined,
        unit: d.unit as string | undefined,
        party: d.party as string | undefined,
        rank,
        reason: d.reason as string | undefined,
        file,
      };
    });
}

export interface ClaimsInput {
  numbers: NumberFinding[];
  mentions: Row[];
  entityTypes: Map<string, string>;
  events: Row[];
  pins: ClaimPin[];
  units: Units;
  rules: PropertyRule[];
}

export interface ClaimsOutput {
  rows: Row[];
  curation: CuratorEntry[];
  /** Quantities found, and how many have a subject. */
  found: number;
  attached: number;
}

/** The shape of an event id (schema/events.yaml's id rule), with the suffix that makes a repeated id unique. */
const EVENT_ID = /^ev-\d{8}-[0-9a-f]{8}(-\d+)?$/;

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

export function buildClaims({ numbers, mentions, entityTypes, events, pins, units, rules }: ClaimsInput): ClaimsOutput {
  const rows: Row[] = [];
  const curation: CuratorEntry[] = [];
  const eventIds = new Set(events.map((e) => String(e.event_id)));
  const bySource = new Map<string, NumberFinding[]>();
  for (const n of numbers) {
    // An ordinal is a figure only when it counts a unit ("the 70th anniversary"); "the 24th meeting" is a place in a series.
    if (n.role !== 'quantity' && !(n.role === 'ordinal' && n.unit_kind === 'form')) continue;
    const list = bySource.get(n.source_id);
    if (list) list.push(n);
    else bySource.set(n.source_id, [n]);
  }
  // Every pin must hold a figure the build found.
  const pinOf = new Map<NumberFinding, ClaimPin>();
  for (const pin of pins) {
    const f = (bySource.get(pin.source_id) ?? []).find((n) => overlaps({ start: n.span_start, end: n.span_end }, pin));
    if (!f) {
      throw new PipelineError('source/quote-not-found', 'a curated claim\'s value holds no figure the build found', {
        file: pin.file,
        value: pin.value,
        expected: 'the words of a quantity (a number with its unit) within the quote',
      });
    }
    // A curation file speaks of its own source: an event id it names must be one of that source's events.
    if (pin.subject !== undefined && EVENT_ID.test(pin.subject) && !eventIds.has(pin.subject)) {
      throw new PipelineError('curation/foreign-record', `a curated claim names an event that is not a record of its source ${pin.source_id}; a curation file may refer only to its own source's records and to registry entities`, {
        file: pin.file,
        value: pin.subject,
        expected: `the id of an event of ${pin.source_id}, or an entity id of the registry`,
      });
    }
    if (pin.subject !== undefined && !eventIds.has(pin.subject) && !entityTypes.has(pin.subject)) {
      throw new PipelineError('registry/invalid', 'a curated claim names a subject that is neither an entity the sources mention nor an event', { file: pin.file, value: pin.subject });
    }
    if (pin.party !== undefined && !entityTypes.has(pin.party)) {
      throw new PipelineError('registry/invalid', 'a curated claim names a party that is not an entity the sources mention', { file: pin.file, value: pin.party });
    }
    if (pin.property !== undefined && !rules.some((r) => r.value === pin.property)) {
      throw new PipelineError('source/invalid-metadata', 'a curated claim names an unknown property', { file: pin.file, value: pin.property, expected: rules.map((r) => r.value).join(', ') });
    }
    if (pin.unit !== undefined && !lookUpUnit(units, pin.unit)) {
      throw new PipelineError('source/invalid-metadata', 'a curated claim names a unit form units.yaml does not list', { file: pin.file, value: pin.unit });
    }
    pinOf.set(f, pin);
  }
  const spotsBySource = new Map<string, Spot[]>();
  for (const m of mentions) {
    const list = spotsBySource.get(String(m.source_id)) ?? [];
    list.push({ entity_id: String(m.entity_id), start: m.span_start as number, end: m.span_end as number, mention_kind: String(m.mention_kind), surface: typeof m.surface === 'string' ? m.surface : undefined });
    spotsBySource.set(String(m.source_id), list);
  }
  // A figure's event is the chronology entry that holds it; narrative events
  // are sentences, and a sentence is no better subject than what it names.
  // A date of an entry's text other than the entry's own ("since the 1979
  // revolution") makes an event that governs only its clause: the figure is
  // that event's when it stands after that date in the date's clause, and the
  // entry's otherwise.
  const asSpan = (e: Row) => ({ event_id: String(e.event_id), source_id: String(e.source_id), span_start: e.span_start as number, span_end: e.span_end as number });
  const entryOf = eventIndex(events.filter((e) => e.section === 'chronology').map(asSpan));
  const secondary = events.filter((e) => e.section !== 'chronology' && e.section !== 'narrative' && typeof e.date_label === 'string' && e.date_label !== '');
  const eventOf = (sourceId: string, cp: number, f?: NumberFinding): string | null => {
    if (f) {
      const own = secondary.find((e) => e.source_id === sourceId && (e.span_start as number) <= cp && cp < (e.span_end as number) && inDateClause(f.before, String(e.date_label)));
      if (own) return String(own.event_id);
    }
    return entryOf(sourceId, cp);
  };
  const perYear = new Map(units.units.map((u) => [u.value, u.per_year]));
  const kindOfUnit = new Map(units.units.map((u) => [u.value, u.quantity_kind]));
  const narrative = events
    .filter((e) => e.section === 'narrative' && typeof e.date_start === 'string')
    .map((e) => ({ source_id: String(e.source_id), start: e.span_start as number, end: e.span_end as number, year: Number(String(e.date_start).slice(0, 4)), label: String(e.date_label ?? '') }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const dated = events
    .filter((e) => e.section === 'narrative' && typeof e.date_start === 'string')
    .map((e) => ({ event_id: String(e.event_id), source_id: String(e.source_id), start: e.span_start as number, end: e.span_end as number, evidence: String(e.evidence ?? ''), label: String(e.date_label ?? '') }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const chronologyYear = new Map(events.filter((e) => e.section !== 'narrative' && typeof e.date_start === 'string').map((e) => [String(e.event_id), Number(String(e.date_start).slice(0, 4))]));
  const originOf = (f: NumberFinding, sourceId: string, eventId: string | null): { origin: string; cue: string } | null => {
    if (!f.unit_form || !units.ordinalUnits.has(f.unit_form) || f.value === null) return null;
    let year: number | null = f.anchor_year;
    let cue: string | null = f.anchor_cue;
    if (year === null && eventId && chronologyYear.has(eventId)) [year, cue] = [chronologyYear.get(eventId)!, 'chronology_entry'];
    if (year === null) {
      const own = narrative.filter((e) => e.source_id === sourceId && e.start === f.sentence_start);
      const years = new Set(own.filter((e) => e.label !== '' && f.before.includes(e.label)).map((e) => e.year));
      if (years.size === 1) [year, cue] = [[...years][0]!, 'sentence_event'];
      // The cues are tried in order: a sentence whose dates all stand after the anniversary ("… the 70th anniversary …, and the
      // years 2020 to 2021 …") gives it no year, so the paragraph's event is tried next; events before it that disagree on the year do not.
      else if (years.size === 0) {
        const earlier = narrative.filter((e) => e.source_id === sourceId && e.start >= f.paragraph_start && e.end <= f.sentence_start);
        if (earlier.length > 0) [year, cue] = [earlier[earlier.length - 1]!.year, 'paragraph_event'];
      }
    }
    if (year === null || !Number.isInteger(f.value) || year - f.value < 0) return null;
    return { origin: String(year - f.value).padStart(4, '0'), cue: cue! };
  };
  // The dates of each narrative sentence, as its events read them (the year a bare month leaves out included).
  const datesBySentence = new Map<string, ClauseDate[]>();
  for (const e of events) {
    // Only a date that governs its clause: an attributive one ("the 1987 INF Treaty") names a thing, a subordinate one dates its own clause.
    if (e.section !== 'narrative' || e.date_role !== 'main' || typeof e.date_label !== 'string' || e.date_label === '' || typeof e.date_edtf !== 'string') continue;
    const key = `${e.source_id}\u001f${e.span_start}`;
    datesBySentence.set(key, [...(datesBySentence.get(key) ?? []), { label: e.date_label, edtf: e.date_edtf }]);
  }
  const sentenceDates = (sourceId: string, start: number): ClauseDate[] => datesBySentence.get(`${sourceId}\u001f${start}`) ?? [];
  let found = 0;
  let attached = 0;
  for (const [sourceId, list] of [...bySource].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const index = new MentionIndex(spotsBySource.get(sourceId) ?? []);
    const eventAt = (cp: number): string | null => eventOf(sourceId, cp, figures.find((g) => g.span_start === cp));
    const figures = [...list].sort((a, b) => a.span_start - b.span_start);
    // Words between number and unit, by sentence: the entities there are parties, not subjects.
    const partiesOf = new Map<number, { start: number; end: number }[]>();
    for (const g of figures) if (g.between) partiesOf.set(g.sentence_start, [...(partiesOf.get(g.sentence_start) ?? []), g.between]);
    let sentence = -1;
    let resolved: Spot[] = [];
    for (const f of figures) {
      found++;
      if (f.sentence_start !== sentence) {
        sentence = f.sentence_start;
        resolved = [];
      }
      const partySpans = partiesOf.get(f.sentence_start) ?? [];
      const pin = pinOf.get(f);
      const surface = f.words;
      // The unit: a form of the vocabulary, a fraction (percent), a multiple, or the curator's.
      let canonical: string | null = null;
      let factor = 1;
      let unitForm: string | null = f.unit_form;
      if (pin?.unit) {
        const u = lookUpUnit(units, pin.unit)!;
        [canonical, factor, unitForm] = [u.canonical, u.factor, u.form.toLowerCase()];
      } else if (f.unit_kind === 'form' && f.unit_form) {
        const u = lookUpUnit(units, f.unit_form);
        if (u) [canonical, factor] = [u.canonical, u.factor];
      } else if (f.unit_kind === 'fraction') {
        [canonical, factor] = ['percent', 100];
      } else if (f.unit_kind === 'multiple') {
        [canonical, factor] = ['times', 1];
      }
      // People counted by their demonym ("Genron polled 1,000 Japanese", "1,617 Chinese across five
      // cities"): the unit is the demonym of a state, standing alone at the figure's end; "1,000
      // Japanese companies" counts companies, and its unit is not read here.
      if (!canonical && f.unit_kind === 'unknown' && demonymCount(f, index, entityTypes)) {
        [canonical, factor, unitForm] = ['persons', 1, null];
      }
      if (!canonical) {
        curation.push({
          source_id: sourceId,
          kind: 'unknown_unit',
          surface,
          line: f.line,
          candidates: [],
          reason: f.unit_kind === 'unknown'
            ? `"${f.unit_as_stated}" is no unit form of schema/vocabularies/units.yaml; add the form there, or give the figure's unit in curation.yaml`
            : 'a number with no unit word; give its unit in curation.yaml (claims: quote, value, unit)',
        });
        continue;
      }
      const rate = f.rate !== null && f.unit_kind === 'form';
      const rule = pin?.property
        ? rules.find((r) => r.value === pin.property)!
        : propertyOf(rules, { unit_form: unitForm, unit_canonical: canonical, before: f.before, after: f.after, rate, attributive: f.attributive });
      if (!rule) {
        curation.push({ source_id: sourceId, kind: 'unknown_unit', surface, line: f.line, candidates: [], reason: `no rule of claim_properties.yaml takes a figure in ${canonical}` });
        continue;
      }
      const qualifiers = f.qualifier ? [f.qualifier] : [];
      let unit = canonical;
      if (rate && perYear.get(canonical)) unit = perYear.get(canonical)!;
      else if (rule.rate === 'per_year' && perYear.get(canonical)) {
        unit = perYear.get(canonical)!;
        qualifiers.push('per year (implied)');
      }
      const scope = rule.compare_by === 'scope' ? scopeOf(f) : null;
      // A period ("in the next two years") says when: it describes nothing, so no rule looks for a subject.
      const dating = rule.value === 'period';
      let att: ReturnType<typeof attachSubject> = dating
        ? { subject_id: null, subject_table: null, rule: null, party_id: null, resolved_phrase: null }
        : attachSubject(f, rule.subject_types, rule.of_subject, { mentions: index, types: entityTypes, eventAt, resolved, partySpans });
      if (att.resolved_phrase) resolved.push(att.resolved_phrase);
      // "three days later", "a week earlier": measured from what the text told last, the dated event of an earlier sentence of its paragraph.
      if (!att.subject_id && !dating && rule.value === 'elapsed_time' && !f.relation_phrase && RELATIVE.test(f.after)) {
        const from = dated.filter((e) => e.source_id === sourceId && e.start >= f.paragraph_start && e.end <= f.sentence_start).at(-1);
        if (from) att = { ...att, subject_id: from.event_id, subject_table: 'events', rule: 'time_relation' };
      }
      // "four days before his meeting with Trump": measured to a happening the text reported earlier in its paragraph (time_relation comes first).
      if (!dating && rule.value === 'elapsed_time' && f.relation_phrase && att.rule !== 'time_relation') {
        const from = relatedEvent(f.relation_phrase, index, dated.filter((e) => e.source_id === sourceId && e.start >= f.paragraph_start && e.end <= f.sentence_start));
        if (from) att = { ...att, subject_id: from, subject_table: 'events', rule: 'time_relation', resolved_phrase: null };
      }
      let subjectRule: SubjectRule | null = att.rule;
      if (pin?.subject) {
        att = { ...att, subject_id: pin.subject, subject_table: eventIds.has(pin.subject) ? 'events' : 'entities' };
        subjectRule = 'curated';
      }
      const eventId = eventAt(f.span_start);
      const origin = originOf(f, sourceId, eventId);
      // A form may say more than its unit ("aircraft" is military hardware, a count); fractions and multiples take their unit's kind.
      const quantityKind = (unitForm ? lookUpUnit(units, unitForm)?.quantity_kind : undefined) ?? kindOfUnit.get(canonical)!;
      // A span of time runs over its own years: a date later in its clause is when something ended or happened to it ("The 10 years of talk … came close to an end in this quarter").
      const time = f.time_label
        ? { label: f.time_label, edtf: edtfOf(f.time_label) }
        : dating || quantityKind === 'time'
          ? null
          : clauseTime(f, sentenceDates(sourceId, f.sentence_start)) ?? openingTime(f, sentenceDates(sourceId, f.sentence_start));
      const party = pin?.party ?? att.party_id;
      const partyId = party !== att.subject_id ? party : null;
      if (att.subject_id) attached++;
      else if (!dating) {
        curation.push({
          source_id: sourceId,
          kind: 'unattached_number',
          surface,
          line: f.line,
          candidates: [],
          reason: `no rule attaches this ${rule.value} figure: no ${rule.subject_types.join(', ')} is named in its noun phrase or before it in its sentence, and it stands in no chronology entry; name its subject in curation.yaml (claims: quote, value, subject)`,
        });
      }
      rows.push({
        claim_id: claimId(sourceId, f.span_start, f.span_end),
        subject_id: att.subject_id,
        subject_table: att.subject_table,
        subject_rule: subjectRule,
        party_id: partyId,
        property: rule.value,
        value_as_stated: f.words,
        value: f.value,
        unit_as_stated: f.unit_as_stated,
        value_canonical: tidy(f.value! * f.scale_factor * factor),
        unit_canonical: unit,
        quantity_kind: quantityKind,
        value_bound: boundOf(f.qualifier_meaning),
        qualifier: qualifiers.length ? qualifiers.join('; ') : null,
        scope,
        time_label: time?.label ?? null,
        time_edtf: time?.edtf ?? null,
        implied_origin: origin?.origin ?? null,
        implied_origin_cue: origin?.cue ?? null,
        section: f.section,
        event_id: eventId,
        rank: pin?.rank ?? 'normal',
        rank_reason: pin?.reason ?? null,
        source_id: f.source_id,
        span_start: f.span_start,
        span_end: f.span_end,
        evidence: f.evidence,
        extractor: STEP.label,
        found_by: f.extractor,
      });
    }
  }
  return { rows, curation, found, attached };
}

/** A date of a figure's sentence: its label as written and its EDTF, as the sentence's narrative event reads it. */
export interface ClauseDate {
  label: string;
  edtf: string;
}

/** Prepositions of a date that says when a thing was, not a bound of it ("since April 2019" is not when two drills were held). */
const BOUND = /^(?:since|until|by|from|between|before|after|through)\b/iu;

/**
 * The time of a figure the words right after it do not date: the dates its
 * own clause gives after it ("two missile defense computer simulations
 * code-named “Aerospace Security” in May 2016 and December 2017"; "two
 * naval drills (with South Africa in November and with Iran at the
 * year-end)"). The clause runs from the figure to the first comma,
 * semicolon, colon, dash or full stop, to a word that opens a subordinate
 * or relative clause ("after", "since", "which", …: a date there is its own
 * clause's), or to a parenthesis closed that the clause did not open; a
 * comma or colon that opens a list naming all the things the figure counts
 * ("including …", countedList) does not end it, and the list's dates are
 * theirs. A
 * span of time measured from a thing ("24 years after … in 1995") and an
 * ordinal ("the 400th anniversary of … in 1619") take no time this way:
 * those dates are of what they count from; nor does any span of time (its
 * caller passes none), which runs over its own years. The dates are those of the
 * sentence's narrative events of role main found there as whole words,
 * not bounds ("since April 2019" is not the figure's time; a closed range,
 * "between May 3 and 5", is no bound); "at the year-end" is one of them,
 * read by the table of date shapes like any other. One
 * date is the figure's time; several are the time of the things counted
 * together, written as an EDTF list of all of them ("{2016-05,2017-12}")
 * with the label from the first to the last as written. Null when the
 * clause gives no date.
 */
export function clauseTime(f: Pick<NumberFinding, 'after' | 'relation_phrase' | 'role'> & Partial<Pick<NumberFinding, 'value'>>, dates: readonly ClauseDate[]): { label: string; edtf: string } | null {
  // A span measured from a thing is dated by that thing's date, and an ordinal's dates are of what it counts from: neither is the figure's time.
  if (f.relation_phrase || f.role === 'ordinal') return null;
  let clause = f.after;
  // The text searched for dates: the clause, and the list that counts the figure's things, its subordinate clauses blanked out.
  let search: string | null = null;
  const stop = CLAUSE_STOP.exec(clause);
  if (stop) {
    const list = countedList(clause, stop.index, f.value);
    if (list) search = list;
    clause = clause.slice(0, list ? list.length : stop.index);
  }
  let depth = 0;
  for (let i = 0; i < clause.length; i++) {
    if (clause[i] === '(') depth++;
    else if (clause[i] === ')' && --depth < 0) {
      clause = clause.slice(0, i);
      break;
    }
  }
  const within = search !== null ? search.slice(0, clause.length) : clause;
  const found: { at: number; end: number; edtf: string }[] = [];
  for (const d of dates) {
    if (BOUND.test(d.label) && !closedRange(d)) continue;
    const at = wordAt(within, d.label);
    if (at >= 0 && !found.some((x) => x.at === at)) found.push({ at, end: at + d.label.length, edtf: d.edtf });
  }
  if (found.length === 0) return null;
  found.sort((a, b) => a.at - b.at);
  const label = clause.slice(found[0]!.at, found.at(-1)!.end);
  if (found.length === 1) return { label, edtf: found[0]!.edtf };
  return { label, edtf: `{${found.map((x) => listMember(x.edtf)).join(',')}}` };
}

/** What opens a list of the things a figure counts: "…, including", "…, such as", "…, namely" (or after a colon). */
const LIST_OPENING = /^[,:]\s+(?:including|such\s+as|namely)\s+/u;
/** A word that opens a subordinate or relative clause inside a list item: a date there is its own clause's. */
const SUBORDINATE = /\b(?:after|before|since|until|when|while|which|that|who|where|whose)\b/u;

/**
 * The list a figure's clause goes on with when it names the things the
 * figure counts: "Five talks were held, including one in Lorvia (in
 * March), two in Borvia (in May and June) and two at sea (in August)." The
 * list opens with "including", "such as" or "namely" after the comma or colon
 * that ends the clause, runs to the end of the sentence or to a semicolon,
 * colon or dash outside parentheses, and its items (parted by commas and
 * "and" outside parentheses) count one each, or the number word or digits
 * that lead them ("two naval drills"); only when they add up to the figure's
 * value does the list account for all the things counted, and its dates are
 * theirs. Returns the clause up to the list's end, its subordinate clauses
 * ("a drill that ended in May") and the rest of the sentence blanked with
 * spaces so the positions stay those of the text; null otherwise.
 */
export function countedList(after: string, stopAt: number, value: number | null | undefined): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 2) return null;
  const opening = LIST_OPENING.exec(after.slice(stopAt));
  if (!opening) return null;
  const from = stopAt + opening[0].length;
  // The list's end: a full stop (not an abbreviated month's), semicolon, colon or dash outside parentheses.
  let end = after.length;
  let depth = 0;
  const items: [number, number][] = [];
  let itemStart = from;
  for (let i = from; i < after.length; i++) {
    const c = after[i]!;
    if (c === '(') depth++;
    else if (c === ')') {
      if (--depth < 0) return null;
    } else if (depth === 0) {
      if (/[;:—]/u.test(c) || (c === '–' && after[i - 1] === ' ') || (c === '.' && /^\.(?:\s|$)/u.test(after.slice(i)) && !compiled(String.raw`\b(?:${ABBREVIATIONS.join('|')})$`, 'u').test(after.slice(0, i)))) {
        end = i;
        break;
      }
      if (c === ',') {
        items.push([itemStart, i]);
        itemStart = i + 1;
      } else if (/\sand\s$/u.test(after.slice(Math.max(from, i - 4), i + 1)) && after.slice(itemStart, i - 4).trim() !== '') {
        items.push([itemStart, i - 4]);
        itemStart = i + 1;
      }
    }
  }
  if (depth !== 0) return null;
  items.push([itemStart, end]);
  let count = 0;
  for (const [a, b] of items) {
    const item = after.slice(a, b).trim().replace(/^and\s+/u, '');
    if (item === '') continue;
    const lead = /^(\d+|[\p{L}]+)\b/u.exec(item)?.[1]?.toLowerCase() ?? '';
    count += /^\d+$/.test(lead) ? Number(lead) : (SMALL[lead] ?? 1);
  }
  if (count !== value) return null;
  let text = after.slice(0, end);
  // A subordinate clause of an item runs to the item's end: blank it.
  for (const [a, b] of items) {
    const sub = SUBORDINATE.exec(text.slice(a, b));
    if (sub) text = text.slice(0, a + sub.index) + ' '.repeat(b - a - sub.index) + text.slice(b);
  }
  // The words before the list (", including") hold no date of the figure's.
  return text;
}

/** A closed range of a preposition that would otherwise bound ("Between Dec. 27 and 30", "from Sept. 3 to 5"): it says when, from its first day to its last. */
/** Whether a figure's unit words are one demonym of a state, ending the figure's words: a count of its people. */
function demonymCount(f: NumberFinding, index: MentionIndex, types: Map<string, string>): boolean {
  const unit = f.unit_as_stated;
  if (!unit || !/^\p{Lu}\p{Ll}+$/u.test(unit)) return false;
  return index.startingIn(f.span_start, f.span_end).some((s) => s.mention_kind === 'demonym' && s.end === f.span_end && types.get(s.entity_id) === 'state' && (s.surface === undefined || s.surface === unit));
}

const closedRange = (d: ClauseDate): boolean => /^(?:between|from)\b/iu.test(d.label) && d.edtf.includes('/') && !d.edtf.includes('..');

/**
 * The time a date that opens a figure's clause gives it: "Between Dec. 27
 * and 30, three Russian vessels and one Chinese destroyer joined …", "In
 * September, 128 troops …". The date stands first in the sentence (after
 * markup), is a date of its narrative events of role main, not a bound
 * ("Since April 2019, …": a closed range "between … and …" or "from … to …"
 * is no bound), and the figure stands in its clause: no semicolon, colon or
 * dash between, and no other date of the sentence (that one governs what
 * follows it). A figure that modifies a noun ("the 3,000-km pipeline") names
 * a thing, not what the date dates, and takes no time this way; nor does an
 * ordinal or a span measured from a thing (as for clauseTime). Null
 * otherwise.
 */
export function openingTime(f: Pick<NumberFinding, 'before' | 'relation_phrase' | 'role' | 'attributive'>, dates: readonly ClauseDate[]): { label: string; edtf: string } | null {
  if (f.relation_phrase || f.role === 'ordinal' || f.attributive) return null;
  const lead = /^[\s[*“"(]*/u.exec(f.before)![0].length;
  const head = f.before.slice(lead);
  const opening = dates.find((d) => head.startsWith(d.label) && !/[\p{L}\p{N}]/u.test(head[d.label.length] ?? '') && (!BOUND.test(d.label) || closedRange(d)));
  if (!opening) return null;
  const rest = head.slice(opening.label.length);
  if (/[;:—]|\s–\s/u.test(rest)) return null;
  if (dates.some((d) => d !== opening && wordAt(rest, d.label) >= 0)) return null;
  return { label: opening.label, edtf: opening.edtf };
}

/** Where a figure's clause ends: a comma, semicolon, colon, dash, a full stop (not the period of an abbreviated month, "Mar. 3"), or a word that opens another clause. */
const CLAUSE_STOP = new RegExp(String.raw`[,;:—–]|(?<!\b(?:${ABBREVIATIONS.join('|')}))\.(?:\s|$)|\b(?:after|before|since|until|when|while|which|that|who|where|whose)\b`, 'u');

/** Where a phrase stands in a text as whole words ("in 2019" not inside "in 20190"), or -1. */
function wordAt(text: string, phrase: string): number {
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    if (!/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') && !/[\p{L}\p{N}]/u.test(text[at + phrase.length] ?? '')) return at;
  }
  return -1;
}

/** An EDTF date or interval as a member of a list: an interval "a/b" is written "a..b" there, a quarter or season as its months. */
function listMember(edtf: string): string {
  if (edtf.includes('/')) return edtf.replace('/', '..');
  if (/^\d{4}-(?:2[1-9]|3\d|4[01])$/.test(edtf)) {
    const b = edtfBounds(edtf, {}, edtf);
    return `${b.date_start.slice(0, 7)}..${b.date_end.slice(0, 7)}`;
  }
  return edtf;
}

/** The end of a phrase of the figure's clause: a comma, semicolon, colon, dash (an en dash only spaced: "Blagoveshchensk–Heihe" is one name), parenthesis or full stop. */
const PHRASE = String.raw`[^,;:—()]+?(?=[,;:—()]|\s–\s|\.(?:\s|$)|$)`;
/** "twice as much to China as to the US", "three times more than in 2018": what a multiple compares. */
const COMPARISON = new RegExp(String.raw`^\s+((?:as\s+(?:much|many|large|big|high|long|fast|often|far)\b[^,;:—()]*?\bas\b|(?:more|larger|bigger|higher|greater|faster|longer|less|fewer|smaller|lower)\b[^,;:—()]*?\bthan\b)${PHRASE})`, 'u');
/** A second "of" phrase after a comma goes on with the first ("half of the time, of the … road bridge"); a relative "of which" does not. */
const OF_AGAIN = new RegExp(String.raw`^,\s+(of\s+(?!which\b|whom\b|whose\b|course\b)${PHRASE})`, 'u');

/**
 * What a share or a multiple is of, or compared with, as the text words it:
 * a share's "of" phrase ("of China's oil imports"), going on with a second
 * "of" phrase after a comma ("half of the time, of the Blagoveshchensk–Heihe
 * road bridge", a sentence the extractor has joined across a page break or a
 * figure caption); or a multiple's comparison ("twice as much to China as
 * to the US", "three times more than in 2018"). Null when the figure's
 * words are followed by neither.
 */
export function scopeOf(f: Pick<NumberFinding, 'after' | 'of_phrase'>): string | null {
  if (f.of_phrase) {
    const at = f.after.indexOf(f.of_phrase.text);
    const again = at >= 0 ? OF_AGAIN.exec(f.after.slice(at + f.of_phrase.text.length)) : null;
    return again ? `${f.of_phrase.text}, ${again[1]!.trim()}` : f.of_phrase.text;
  }
  const compared = COMPARISON.exec(f.after);
  return compared ? compared[1]!.trim() : null;
}

/** Words that open a relation phrase before its head noun: a determiner or a possessive. */
const PHRASE_DETERMINER = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'his', 'her', 'its', 'their', 'our', 'my', 'your']);
/** Words after a happening's head noun that join what it is with or of ("his meeting with Trump", "the visit of Xi"). */
const PHRASE_PREPOSITION = new Set(['with', 'of', 'in', 'at', 'on', 'to', 'between', 'by', 'for', 'among', 'from']);

/**
 * The event a span of time is measured from or to, when its relation phrase
 * names a happening rather than an entity of a fitting type: "four days
 * before his meeting with Trump", "a week after the talks with Tokyo". The
 * phrase's head is its last lower-case word after a determiner and before a
 * preposition or a name ("meeting"); the event is one of `earlier` (the
 * dated narrative events of earlier sentences of the figure's paragraph),
 * from the latest sentence back, whose sentence has that word (or its
 * plural) and names every entity the phrase names, and the phrase must name
 * one: a head alone ("before the meeting") could be any meeting. Where that
 * sentence holds several dated events ("his meeting with Trump on Dec. 10
 * and his meeting with Kissinger in September"), it is the one whose date is
 * the first written after those names, a date governing what comes before
 * it in its clause; none when no date follows them. Null when none fits.
 */
export function relatedEvent(
  phrase: CpSpan & { text: string },
  mentions: MentionIndex,
  earlier: readonly { event_id: string; start: number; end: number; evidence: string; label: string }[],
): string | null {
  const words = phrase.text.split(/\s+/u).filter((w) => w !== '');
  let i = 0;
  while (i < words.length && PHRASE_DETERMINER.has(words[i]!.toLowerCase())) i++;
  let head: string | null = null;
  for (; i < words.length && /^\p{Ll}[\p{Ll}-]*$/u.test(words[i]!) && !PHRASE_PREPOSITION.has(words[i]!); i++) head = words[i]!;
  if (!head || (i < words.length && !PHRASE_PREPOSITION.has(words[i]!) && !/^\p{Lu}/u.test(words[i]!))) return null;
  const named = new Set(mentions.startingIn(phrase.start, phrase.end).filter((s) => s.end <= phrase.end && s.mention_kind !== 'demonym').map((s) => s.entity_id));
  if (named.size === 0) return null;
  const hasHead = compiled(`(?<![\\p{L}])${head.replace(/s$/u, '')}s?(?![\\p{L}])`, 'iu');
  const sentences = [...new Set(earlier.map((e) => e.start))].sort((a, b) => b - a);
  for (const start of sentences) {
    const here = earlier.filter((e) => e.start === start);
    const e0 = here[0]!;
    if (!hasHead.test(e0.evidence)) continue;
    const spots = mentions.startingIn(e0.start, e0.end).filter((s) => s.end <= e0.end && named.has(s.entity_id));
    if (!([...named].every((id) => spots.some((s) => s.entity_id === id)))) continue;
    if (here.length === 1) return e0.event_id;
    // Where the names end, in the sentence's UTF-16 text, and the first date written after them.
    const after = Array.from(e0.evidence).slice(0, Math.max(...spots.map((s) => s.end)) - e0.start).join('').length;
    const next = here
      .map((e) => ({ e, at: e.label === '' ? -1 : e0.evidence.indexOf(e.label, after) }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => a.at - b.at)[0];
    return next ? next.e.event_id : null;
  }
  return null;
}

/** A span of time that names no thing it is measured from: "three days later". */
const RELATIVE = /^\s*(?:later|earlier)\b/iu;

/** Whether a figure's words (after `before`) stand in the clause a date label opens: after the label, with no comma, semicolon, colon or dash between. */
export function inDateClause(before: string, label: string): boolean {
  const at = before.lastIndexOf(label);
  return at >= 0 && !/[,;:—–]/u.test(before.slice(at + label.length));
}

function boundOf(m: QualifierMeaning | null): string {
  return m === 'approximate' || m === 'lower_bound' || m === 'upper_bound' ? m : 'exact';
}

/**
 * A part of a year as the date-shape table (pipeline/lib/date-shapes.ts)
 * reads it: "the last four months of 2019" is 2019-09/2019-12 (months_of_year),
 * "the last four days of 2019" 2019-12-28/2019-12-31 (count_of_year), "the
 * first half of 2018" 2018-40 and "the third quarter of 2019" 2019-35, as the
 * events of the same phrases are. Null for a phrase no shape reads whole, or
 * one a shape refuses ("the first thirteen months of 2019").
 */
export function periodEdtf(label: string): string | null {
  const found = shapeOf(label.trim());
  if (!found || found.shape.relative) return null;
  try {
    return found.shape.read(found.match, { where: {} }).edtf;
  } catch (e) {
    if (e instanceof PipelineError) return null;
    throw e;
  }
}

/** A year ("2018"), a part of a year ("the last four months of 2019") or a date label the chronology grammar reads ("Sept. 16–21, 2019"); null when it reads as none ("early 2018"). */
export function edtfOf(label: string): string | null {
  if (/^\d{4}$/.test(label)) return label;
  if (/^the\s/iu.test(label)) return periodEdtf(label);
  try {
    return parseDateLabel(label, {}).date_edtf;
  } catch {
    return null;
  }
}

/** Whether two EDTF times can be the same time: unknown times always can; known ones when their bounds overlap. */
export function timesCompatible(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const x = edtfBounds(a, {}, a);
  const y = edtfBounds(b, {}, b);
  return x.date_start <= y.date_end && y.date_start <= x.date_end;
}
