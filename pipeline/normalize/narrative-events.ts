/**
 * Dated statements of the narrative → event records (section "narrative"):
 * the date expression read into bounds, precision and EDTF, the sentence as
 * the description, the type by the same rules as the chronology. A phrase
 * no shape can read (a day that does not exist, a year the text never
 * fixes) and a relative phrase with no sure anchor become items of the
 * curator list with their line, never an error: prose never stops the
 * build. Then each narrative event is linked to the chronology event it
 * reports, when both are dated to the day, their dates overlap, and their
 * texts name at least one person, organization, armed force, exercise,
 * forum, project or place in common; the one sharing most such entities
 * wins.
 */
import type { NarrativeDate } from '../extract/narrative-dates.ts';
import type { Row, Vocabulary } from '../lib/schema.ts';
import { PipelineError } from '../lib/errors.ts';
import { DATE_SHAPES, type DatePrecision } from '../lib/date-shapes.ts';
import { displayText } from '../lib/text.ts';
import { readNarrativeDate, type NarrativeReading, type Period } from './dates.ts';
import { classifyNearDate, compileRules } from './event-type.ts';
import { eventId, uniqueIds } from './events.ts';
import type { CuratorEntry } from './mentions.ts';

import type { ChronologyFinding, ChronologyPeriod } from '../extract/chronology.ts';
import type { SourceFinding } from '../extract/source.ts';
import { defineStep } from '../lib/step.ts';
import { parsePeriodLabel } from './dates.ts';
import { compiled } from '../lib/regex.ts';
export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { dates: 'extract/narrative-dates', chronology: 'extract/chronology', entries: 'normalize/events', source: 'extract/source', eventTypes: 'resource:event-types' },
  run: ({ dates, chronology, entries, source, eventTypes }: { dates: NarrativeDate[]; chronology: ChronologyFinding[]; entries: { rows: Row[] }; source: SourceFinding[]; eventTypes: Vocabulary }) => {
    const file = source[0]!.text_path;
    const periods = new Map(
      chronology.filter((f): f is ChronologyPeriod => f.kind === 'chronology_period').map((p) => [p.source_id, parsePeriodLabel(p.period_label, { file, line: p.line })]),
    );
    const issued = new Map(source.map((f) => [f.source_id, f.issued]));
    const { rows, found, curation } = readNarrativeEvents(dates, periods, eventTypes, () => file, entries.rows, issued);
    // Each narrative event governs its part of the sentence (see extract/narrative-dates.ts).
    return { rows, segments: segmentsOf(rows, found), curation };
  },
});

/** The part of its sentence each narrative event governs, by event id, with the clause it stands in. */
export type Segments = Map<string, { start: number; end: number; date_at: number; clause_start?: number; clause_end?: number; date_label?: string }>;

const dayBounds = (e: Row): [string, string] | null => (e.date_start && e.date_end ? [String(e.date_start), String(e.date_end)] : null);

/** Whether the dates of a lie within those of b (both bounded). */
export function within(a: Row, b: Row): boolean {
  const x = dayBounds(a);
  const y = dayBounds(b);
  return x !== null && y !== null && y[0] <= x[0] && x[1] <= y[1];
}

/** What opens a coordinated item: a coordinating word after any spaces, commas or markup. */
const COORDINATOR = /^[\s,*_]*(?:and|or|but|as\s+well\s+as)\b/iu;

/** Whether the later of two dates holds the earlier and its part opens with a coordinating word (their parts are coordinated items). */
function coordinated(ra: Row, a: NarrativeDate, rb: Row, b: NarrativeDate): boolean {
  const [earlierRow, laterRow, later] = a.segment_start > b.segment_start ? [rb, ra, a] : [ra, rb, b];
  if (!within(earlierRow, laterRow)) return false;
  const points = Array.from(later.evidence);
  const from = later.segment_start - later.span_start;
  if (from < 0 || from > points.length) return false;
  return COORDINATOR.test(points.slice(from, later.date_at - later.span_start).join(''));
}

/**
 * The segments of narrative events (by the clause rule of
 * extract/narrative-dates.ts), and one more rule that needs the dates read:
 * two main or subordinate dates of one clause where one holds the other ("In
 * August, India revoked the special status … on Aug. 5") date one happening
 * twice, so both govern the whole of what either governs; except where the
 * wider date comes second and its part opens with a coordinating word ("two
 * naval drills (with South Africa in November and with Iran at the
 * year-end)"): the parts are coordinated items, each with its own happening,
 * whatever their dates. A wider date that comes first frames what follows
 * ("Twice in the last four months of 2019, … on Oct. 31, and then … on Dec. 9").
 */
export function segmentsOf(rows: Row[], found: NarrativeDate[]): Segments {
  const segments: Segments = new Map();
  const byClause = new Map<string, number[]>();
  rows.forEach((e, i) => {
    const f = found[i]!;
    segments.set(String(e.event_id), { start: f.segment_start, end: f.segment_end, date_at: f.date_at, clause_start: f.clause_start, clause_end: f.clause_end, date_label: f.date_label });
    if (f.date_role !== 'main' && f.date_role !== 'subordinate') return;
    const key = `${f.source_id}\u001f${f.clause_start}\u001f${f.clause_end}`;
    byClause.set(key, [...(byClause.get(key) ?? []), i]);
  });
  for (const members of byClause.values()) {
    for (const i of members) {
      for (const j of members) {
        if (i === j || !(within(rows[j]!, rows[i]!) || within(rows[i]!, rows[j]!))) continue;
        if (coordinated(rows[i]!, found[i]!, rows[j]!, found[j]!)) continue;
        const a = segments.get(String(rows[i]!.event_id))!;
        const b = segments.get(String(rows[j]!.event_id))!;
        const start = Math.min(a.start, b.start);
        const end = Math.max(a.end, b.end);
        Object.assign(a, { start, end });
        Object.assign(b, { start, end });
      }
    }
  }
  return segments;
}

const LINKING_TYPES = new Set(['person', 'organization', 'armed_force', 'exercise', 'forum', 'project', 'place']);

/** Words that put a sentence in the future ("will meet in December", "ahead of his re-election in July"). */
const FUTURE = /\b(?:will|would|shall|plans?|planned|planning|scheduled?|expected|expects?|intends?|intended|aims?|hopes?|is to|are to|was to|were to|to be held|upcoming|forthcoming|coming|ahead of|next|could|may|might|should|due)\b/iu;
/** Words of the present ("the era which begins in September when …" is the coming September): "is", "are", "has", "have". */
const PRESENT = /\b(?:is|are|am|has|have|does|do)\b/iu;

/**
 * A month the text gives without a year is read in the year of the
 * source's period; that can put it after the issue the source was
 * published in ("fatal attacks … by a deserter in December", in a chapter
 * on January to April 2015 published in May 2015). A thing the text speaks
 * of in the future ("will meet in December", "ahead of his re-election in
 * July") or the present ("the era which begins in September") may lie
 * there, and the date stays. Any other such month is the month before the
 * period or after the issue, and which one the words do not say for sure
 * (a past verb can tell of a plan: "continued … ahead of …"): it goes to
 * the curator list (date/unreadable), not into a row. A date the text gives
 * with its year, or one counted from an anchor, is never questioned.
 */
export function notAfterPublication(reading: NarrativeReading, issued: string, d: Pick<NarrativeDate, 'sentence' | 'date_label'>, where: { file: string; line: number }): NarrativeReading {
  const v = reading.value;
  const start = v.date_start ?? reading.named_start;
  if (!v.date_year_inferred || v.date_inferred || !/^\d{4}-\d{2}$/u.test(issued) || start.slice(0, 7) <= issued) return reading;
  if (FUTURE.test(d.sentence) || PRESENT.test(d.sentence)) return reading;
  throw new PipelineError('date/unreadable', `cannot read date (its year, from the period, puts it after the source's issue of ${issued}, and the sentence speaks of it neither in the future nor in the present)`, {
    ...where,
    value: d.date_label,
    expected: 'a month with its year, or a sentence in the future or the present',
  });
}

const RELATIVE_SHAPES = new Set(DATE_SHAPES.filter((s) => s.relative).map((s) => s.id));
const relativeShape = (id: string): boolean => RELATIVE_SHAPES.has(id);

interface Anchor {
  event_id: string;
  start: string;
  end: string;
  precision: DatePrecision;
}

/** The chronology entry whose span holds a code-point position of the same source. */
function entryAt(entries: Row[], sourceId: string, at: number): Row | undefined {
  return entries.find((e) => e.source_id === sourceId && e.section === 'chronology' && (e.span_start as number) <= at && at < (e.span_end as number));
}

export interface NarrativeEvents {
  rows: Row[];
  /** The finding of each row, in the same order. */
  found: NarrativeDate[];
  curation: CuratorEntry[];
}

/**
 * The anchor of a phrase is the nearest date before it in its paragraph
 * (written, or itself resolved from an anchor: "the next day" after "three
 * days later" counts from the day that phrase gives); in the text of a
 * chronology entry with no date before it, the entry's own date. A relative
 * phrase of a narrative paragraph with no date before it ("Celebration was
 * short-lived. Three days later, …") counts from the last date of the
 * paragraph right before, when that date governs its clause (date_role
 * main): the story goes on across the break; the row's date_anchor names
 * that event. When the nearest date could not be read or has no end
 * ("Since April 2019"), no anchor is sure and the phrase goes to the
 * curator list.
 */
export function readNarrativeEvents(dates: NarrativeDate[], periods: Map<string, Period>, eventTypes: Vocabulary, fileOf: (id: string) => string, entries: Row[] = [], issued: Map<string, string> = new Map()): NarrativeEvents {
  const rules = compileRules(eventTypes);
  const unique = uniqueIds();
  const rows: Row[] = [];
  const found: NarrativeDate[] = [];
  const curation: CuratorEntry[] = [];
  // The last date of each paragraph; null when it gives no sure anchor.
  const last = new Map<string, Anchor | null>();
  // The last date of each narrative paragraph that governs its clause, for a relative phrase the next
  // paragraph opens with no date before it ("On April 23, … agreed …" ¶ "… Three days later, …").
  const lastMain = new Map<string, Anchor>();
  const sequences = new Map<string, number>();
  for (const d of dates) {
    const key = `${d.source_id}\u001f${d.paragraph}`;
    let anchor: Anchor | null | undefined = last.get(key);
    if (anchor === undefined && d.section === 'chronology_text') {
      const entry = entryAt(entries, d.source_id, d.span_start);
      if (entry) anchor = { event_id: String(entry.event_id), start: String(entry.date_start), end: String(entry.date_end), precision: entry.date_precision as DatePrecision };
    }
    // Only a relative phrase reaches back a paragraph, and only to the one right before (a heading
    // between is a paragraph of its own and breaks the chain); a bare month keeps its year rule.
    if (anchor === undefined && d.section === 'narrative' && relativeShape(d.shape)) anchor = lastMain.get(`${d.source_id}\u001f${d.paragraph - 1}`);
    const file = fileOf(d.source_id);
    let reading: NarrativeReading;
    try {
      // An until the clause negates has the role main (extract/narrative-dates.ts): it dates what happens then.
      reading = readNarrativeDate(d.date_label, { file, line: d.line }, periods.get(d.source_id), anchor ?? null, d.date_role === 'main' && /^(?:until|till)\b/iu.test(d.date_label));
      const published = issued.get(d.source_id);
      if (published) reading = notAfterPublication(reading, published, d, { file, line: d.line });
    } catch (e) {
      if (!(e instanceof PipelineError) || !['date/unreadable', 'date/invalid', 'date/unanchored'].includes(e.code)) throw e;
      last.set(key, null);
      curation.push({
        source_id: d.source_id,
        kind: e.code === 'date/unanchored' ? 'unanchored_relative_date' : 'unreadable_date',
        surface: d.date_label,
        line: d.line,
        candidates: anchor ? [anchor.event_id] : [],
        // The error's first line names the file, the line and why; the sentence is for the curator to read.
        reason: `${e.message.split('\n')[0]!.replace(/^\[[^\]]+\] /, '')}; in: ${displayText(d.sentence).slice(0, 160)}`,
      });
      continue;
    }
    // "starting Jan. 1, 2020": a start bound the label does not carry opens the interval, as "since" does.
    const date = d.date_role === 'since' && !String(reading.value.date_edtf).includes('/') ? { ...reading.value, date_end: null, date_edtf: `${reading.value.date_edtf}/..` } : reading.value;
    const description = displayText(d.sentence);
    const at = description.indexOf(d.date_label);
    // A date that governs a phrase only is typed from that phrase: the occasion it names, not the clause's happening.
    const phrase = d.phrase && description === d.sentence ? d.phrase : undefined;
    const type = classifyNearDate(description, Math.max(at, 0), d.date_label.length, rules, at >= 0 ? otherDatesIn(description, dates, d, at) : [], phrase);
    const id = unique(eventId(d.source_id, d.section, d.date_label, description, date.date_start ?? reading.named_start));
    last.set(key, date.date_start && date.date_end ? { event_id: id, start: date.date_start, end: date.date_end, precision: date.date_precision } : null);
    if (d.section === 'narrative') {
      if (d.date_role === 'main' && date.date_start && date.date_end) lastMain.set(key, { event_id: id, start: date.date_start, end: date.date_end, precision: date.date_precision as DatePrecision });
      else lastMain.delete(key);
    }
    // The position among the rows of its source's section (schema/events.yaml): a date left to the
    // curator takes no number, and the text of chronology entries counts apart from the narrative.
    const seqKey = `${d.source_id}\u001f${d.section}`;
    const sequence = (sequences.get(seqKey) ?? 0) + 1;
    sequences.set(seqKey, sequence);
    rows.push({
      event_id: id,
      section: d.section,
      sequence,
      date_label: d.date_label,
      ...date,
      date_anchor: reading.anchored && anchor ? anchor.event_id : null,
      date_role: d.date_role,
      date_role_cue: d.date_role_cue,
      ...type,
      description,
      source_id: d.source_id,
      span_start: d.span_start,
      span_end: d.span_end,
      evidence: d.evidence,
      extractor: STEP.label,
      found_by: d.extractor,
    });
    found.push(d);
  }
  summariesAsOther(rows, found, rules);
  return { rows, found, curation };
}

/**
 * "Twice in the last four months of 2019, the group met first in A on Oct. 31 and then in B on
 * Dec. 9": a date coarser than a day whose clause holds two or more single days within it (a
 * count over a period and its dated occurrences) sums those occurrences up. Each day has its own
 * row; the summary is no happening of the type its cue names, so it is typed "other" (and
 * normalize/event-table.ts links it to none of them, since it is not one of them).
 */
export function summariesAsOther(rows: Row[], found: readonly NarrativeDate[], rules: readonly { value: string; cues: RegExp[] }[] = []): void {
  // A cue that is a plural ("meetings"): its singular is itself a cue of the same type (event_type.yaml).
  const plural = (type: string, cue: string): boolean =>
    /\p{Ll}s$/u.test(cue) && (rules.find((r) => r.value === type)?.cues ?? []).some((re) => compiled(`^(?:${re.source})$`, re.flags.replace('g', '')).test(cue.slice(0, -1)));
  const clauseKey = (i: number): string => `${found[i]!.source_id}\u001f${found[i]!.clause_start}\u001f${found[i]!.clause_end}`;
  rows.forEach((e, i) => {
    if (e.date_precision === 'day' || !e.date_start || !e.date_end || (found[i]!.date_role !== 'main' && found[i]!.date_role !== 'subordinate')) return;
    const days = new Set(
      rows
        .filter((x, j) => j !== i && x.date_precision === 'day' && clauseKey(j) === clauseKey(i) && within(x, e))
        .map((x) => `${x.date_start}/${x.date_end}`),
    );
    if (days.size >= 2) Object.assign(e, { event_type: 'other', event_type_cue: null });
    // "All high-level interactions … in the last few months of 2019 were annual regular meetings": a
    // date of a year or more whose cue is the plural of a meeting, a visit or a summit sums up several
    // of them over it, no one happening; a drill or an exercise may be one, and keeps its type.
    else if (['year', 'decade'].includes(String(e.date_precision)) && ['meeting', 'visit', 'summit', 'phone_call'].includes(String(e.event_type)) && (plural(String(e.event_type), String(e.event_type_cue ?? '')) || COUNTED.test(String(e.description ?? '')))) {
      Object.assign(e, { event_type: 'other', event_type_cue: null });
    }
  });
}

/** A count of happenings ("met twice", "visited three times"): the row stands for several. */
const COUNTED = /\b(?:twice|(?:three|four|five|six|several|many|\d+) times|repeatedly)\b/iu;

/** The other date expressions of a date's sentence, as UTF-16 ranges of its description (the date itself at `at`). */
function otherDatesIn(description: string, dates: NarrativeDate[], d: NarrativeDate, at: number): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (const x of dates) {
    if (x === d || x.source_id !== d.source_id || x.span_start !== d.span_start || x.span_end !== d.span_end) continue;
    let index = description.indexOf(x.date_label, from);
    if (index === at) index = description.indexOf(x.date_label, at + 1);
    if (index < 0) continue;
    out.push([index, index + x.date_label.length]);
    from = index + x.date_label.length;
  }
  return out;
}

/**
 * Whether a code-point position of a source lies inside quoted words: the
 * span of a closed quotation runs from its opening mark to its closing one.
 */
export function insideQuotations(quotations: { span_start: number; span_end: number; closed: boolean }[]): (at: number) => boolean {
  const spans = quotations.filter((q) => q.closed).map((q) => [q.span_start, q.span_end] as const).sort((a, b) => a[0] - b[0]);
  return (at) => {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]![0] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && at < spans[lo - 1]![1];
  };
}

/**
 * The event a quotation was said at: a quote, statement or interview is
 * dated by when it was said, not by a date inside what was said. That is
 * the chronology entry holding it; else, of the dates of its sentence that
 * stand outside every pair of quotation marks, the one whose part of the
 * sentence holds the quotation, else the nearest before it, else the
 * nearest after it. A date inside the quoted words is what was spoken of:
 * an event of its own, never the quote's date; a sentence that dates only
 * the quoted words gives the quote no event.
 */
export function saidEvent(holding: Row[], quote: { span_start: number; span_end: number }, segments: Segments, quoted: (at: number) => boolean): Row | undefined {
  const entry = holding.find((e) => e.section === 'chronology');
  if (entry) return entry;
  const spoken = holding
    .map((e) => ({ e, seg: segments.get(String(e.event_id)) }))
    .filter((c): c is { e: Row; seg: { start: number; end: number; date_at: number } } => c.seg !== undefined && !quoted(c.seg.date_at));
  const within = spoken.find((c) => c.seg.start <= quote.span_start && quote.span_start < c.seg.end);
  if (within) return within.e;
  const before = spoken.filter((c) => c.seg.date_at < quote.span_start).sort((a, b) => b.seg.date_at - a.seg.date_at)[0];
  if (before) return before.e;
  return spoken.filter((c) => c.seg.date_at >= quote.span_end).sort((a, b) => a.seg.date_at - b.seg.date_at)[0]?.e;
}

/** Mentions whose span lies inside [start, end) of a source, from a list sorted by start. */
export function mentionsWithin(sorted: Row[], start: number, end: number): Row[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]!.span_start as number) < start) lo = mid + 1;
    else hi = mid;
  }
  const out: Row[] = [];
  for (let i = lo; i < sorted.length && (sorted[i]!.span_start as number) < end; i++) {
    if ((sorted[i]!.span_end as number) <= end) out.push(sorted[i]!);
  }
  return out;
}

export function sortedMentionsBySource(mentions: Row[]): Map<string, Row[]> {
  const by = new Map<string, Row[]>();
  for (const m of mentions) {
    const list = by.get(String(m.source_id));
    if (list) list.push(m);
    else by.set(String(m.source_id), [m]);
  }
  for (const list of by.values()) list.sort((a, b) => (a.span_start as number) - (b.span_start as number));
  return by;
}

/** The entities of the given types (LINKING_TYPES unless told) an event's span names: what two reports of one happening share. */
export function keyEntitiesOf(mentions: Row[], entityType: Map<string, string>, types: ReadonlySet<string> = LINKING_TYPES): (e: Row) => Set<string> {
  const bySource = sortedMentionsBySource(mentions);
  return (e) =>
    new Set(
      mentionsWithin(bySource.get(String(e.source_id)) ?? [], e.span_start as number, e.span_end as number)
        .map((m) => String(m.entity_id))
        .filter((id) => types.has(entityType.get(id) ?? '')),
    );
}

/** narrative event id → the chronology event it reports. */
export function linkToChronology(events: Row[], mentions: Row[], entityType: Map<string, string>): Map<string, string> {
  const keyEntities = keyEntitiesOf(mentions, entityType);
  const chronology = events.filter((e) => e.section === 'chronology');
  const chronologyKeys = new Map(chronology.map((c) => [String(c.event_id), keyEntities(c)]));
  const links = new Map<string, string>();
  for (const n of events) {
    if (n.section !== 'narrative' || n.date_precision !== 'day' || !n.date_start || !n.date_end) continue;
    const mine = keyEntities(n);
    let best: { id: string; shared: number } | null = null;
    for (const c of chronology) {
      if (c.source_id !== n.source_id || c.date_precision !== 'day') continue;
      if (!(String(c.date_start) <= String(n.date_end) && String(n.date_start) <= String(c.date_end))) continue;
      const shared = [...chronologyKeys.get(String(c.event_id))!].filter((id) => mine.has(id)).length;
      if (shared > 0 && (!best || shared > best.shared)) best = { id: String(c.event_id), shared };
    }
    if (best) links.set(String(n.event_id), best.id);
  }
  return links;
}
