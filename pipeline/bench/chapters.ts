/**
 * Measures the pipeline on real chapters kept outside the repository, each
 * against a gold list a reader wrote for it.
 *
 *   npm run measure -- <folder> [--out result.json] [--keep]
 *
 * <folder> holds one sub-folder per chapter (or is itself one), each with
 *   text.txt   the chapter's text as received (never committed here),
 *   meta.yaml  its citation: title, authors, volume, issue, issued, pages
 *              (journal, publisher, language optional; any other key is copied
 *              into source.yaml as is, so a field a later pipeline asks for,
 *              such as a declaration that a chapter has no chronology, needs
 *              no change here),
 *   gold.yaml  entities, figures, quotes and dates, as a reader found them.
 * Each chapter is built alone with the repository's registry into a temporary
 * folder, so one chapter that does not build is reported ("did not build:
 * <error code>") and the others still run. Its gold list is then compared
 * with the release's CSV tables.
 *
 * Matching rules (the measure is only as good as these, so they are strict
 * and written down):
 * - Only rows whose `source_id` is the chapter's count. Every CSV under the
 *   release folder is read, whatever the dataset, and columns are looked up
 *   by name, so new columns and new tables do not break the measure.
 * - Names are compared after normalization: Unicode NFKC, case folded, curly
 *   quotes and dashes made plain, full stops dropped ("U.S." = "US"), a
 *   leading "the" and a trailing possessive "'s" dropped, spaces collapsed.
 * - Entities. The chapter's entity rows are the entities its mentions point
 *   to (mentions.csv `entity_id`), or, with no mentions table, the entities
 *   rows with its `source_id`. An entity row's names are its `name_en`, the
 *   names an `entity_names` table (if any) gives it, and the surfaces of the
 *   chapter's mentions of it. A gold entity is found when one of those names
 *   equals its name or one of its variants. Precision: entity rows with a
 *   name that equals a gold entity's name or variant / the chapter's entity
 *   rows.
 * - Figures. A gold figure {value, unit} is found by a claims row whose
 *   `value` or `value_canonical` equals the value (relative difference below
 *   1e-9) and whose `unit_as_stated` or `unit_canonical` names the same unit
 *   (same word after normalization and a plural "s" or "ies" made singular, or the same
 *   entry of UNIT_ALIASES: "$ billion" and "us_dollars" are both USD; a gold
 *   unit of several words also by its last word: "stealth fighter" is met by
 *   "fighters"). One
 *   row serves one gold figure. Precision: claims rows that match a gold
 *   figure / the chapter's claims rows.
 * - Quotes. A quotes row matches a gold quote when the row's `words`,
 *   normalized (punctuation and quotation marks dropped), contain the gold
 *   quote's first words, or the gold words begin with the row's (a row cut
 *   short). "Quotes with the right speaker" counts only gold quotes that
 *   name a speaker: found when a matching row's `speaker_id` is an entity
 *   whose names (as above) equal the gold speaker's name or, when the
 *   speaker is also a gold entity, one of its variants. Quote recall (words
 *   only) counts every gold quote. Precision: quotes rows that match a gold
 *   quote and, when that gold quote names a speaker, give the right one /
 *   the chapter's quotes rows.
 * - Dates. Every column ending in `edtf` (events' `date_edtf`, claims'
 *   `time_edtf`, and whatever later tables add) of the chapter's rows is a
 *   date row, and so is the sources table's `period_start`/`period_end` (the
 *   period a chapter's front matter or chronology heading prints, which other
 *   tables' day columns do not repeat); rows of one table with the same span and value count once. A
 *   gold date matches a row when their EDTF strings have the same bounds as
 *   the `edtf` package reads them ("2004-35" = "2004-07/2004-09"), or, when
 *   one cannot be read, the same text. Gold dates with the same bounds need
 *   as many rows. Precision: date rows that match a gold date / date rows.
 * - Totals add counts over chapters; a chapter that did not build adds its
 *   gold items as not found and no rows.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import edtf from 'edtf';
import YAML from 'yaml';
import { runBuild } from '../build.ts';
import { defaultPaths } from '../lib/context.ts';
import { PipelineError } from '../lib/errors.ts';
import { subYearBounds } from '../lib/date-shapes.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface GoldEntity {
  name: string;
  kind?: string;
  variants?: string[];
}
export interface GoldFigure {
  value: number;
  unit: string;
  text?: string;
}
export interface GoldQuote {
  words: string;
  speaker?: string | null;
}
export interface GoldDate {
  text: string;
  edtf: string;
}
export interface GoldList {
  entities: GoldEntity[];
  figures: GoldFigure[];
  quotes: GoldQuote[];
  dates: GoldDate[];
}

/** CSV rows of a release by table name (the file name without .csv); every value a string. */
export type Tables = Record<string, Record<string, string>[]>;

export interface Score {
  gold: number;
  found: number;
  rows: number;
  matchedRows: number;
  /** Gold items not found, as printed, so a developer sees what to work on. */
  missed: string[];
  /** Rows that match no gold item. */
  extra: string[];
}

export interface ChapterScore {
  id: string;
  built: boolean;
  /** Why it did not build: the error code, and the full message (file, line, value) for the JSON report. */
  error?: string;
  errorMessage?: string;
  entities: Score;
  figures: Score;
  quotes: Score;
  quotesWithSpeaker: Score;
  dates: Score;
}

export const CATEGORIES = ['entities', 'figures', 'quotesWithSpeaker', 'quotes', 'dates'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Units a claims row may name in several ways; every spelling maps to the first. */
export const UNIT_ALIASES: string[][] = [
  ['usd', '$', 'us$', 'dollar', 'us dollar', 'us_dollar', 'us_dollars', '$ billion', '$ million', '$ trillion', '$ thousand'],
  ['jpy', '¥', 'yen', 'japanese_yen', '¥ billion', '¥ trillion', 'billion yen', 'trillion yen'],
  ['krw', 'won', 'korean_won', 'billion won', 'trillion won'],
  ['cny', 'yuan', 'rmb', 'renminbi', 'chinese_yuan', 'billion yuan'],
  ['eur', '€', 'euro', 'euros', '€ billion', '€ million'],
  ['percent', '%', 'per cent', 'percentage'],
  ['person', 'people', 'persons', 'troop', 'soldier', 'men', 'man', 'personnel'],
  ['year', 'yr'],
  ['month', 'mo'],
  ['hour', 'hr', 'h'],
  ['minute', 'min'],
  ['kilometre', 'km', 'kilometer', 'metres', 'metre', 'meter'],
];

// ---------------------------------------------------------------------------
// Normalization

export function normName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s"'(,;:]+|[\s"'),;:]+$/g, '')
    .replace(/^the /, '')
    .replace(/'s?$/, '')
    .trim();
}

export function normWords(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function unitKey(unit: string): string {
  const u = normName(unit).replace(/_/g, ' ');
  for (const group of UNIT_ALIASES) {
    if (group.some((a) => normName(a).replace(/_/g, ' ') === u)) return group[0]!;
  }
  // "countries" is "country", "ships" is "ship"; "series" and "bus" are left as they are.
  const singular = /[^aeiou]ies$/.test(u) ? u.replace(/ies$/, 'y') : /(?:[^su]s)$/.test(u) ? u.replace(/s$/, '') : u;
  for (const group of UNIT_ALIASES) {
    if (group.some((a) => normName(a).replace(/_/g, ' ') === singular)) return group[0]!;
  }
  return singular;
}

/** Start and end (ms) of an EDTF string, or null when the edtf package cannot read it. */
export function edtfBounds(value: string): [number, number] | null {
  // Sub-year codes (seasons, quarters, quadrimesters) as the pipeline reads them (docs/dates.md), so a
  // gold "2005-03/2005-05" meets the pipeline's "2005-21" for "the spring", which means the same.
  const own = subYearBounds(value);
  if (own) return [Date.parse(own.date_start), Date.parse(own.date_end) + 86_399_999];
  try {
    const d = edtf(value) as { min: number; max: number };
    return Number.isFinite(d.min) && Number.isFinite(d.max) ? [d.min, d.max] : null;
  } catch {
    return null;
  }
}

function dateKey(value: string): string {
  const b = edtfBounds(value.trim());
  return b ? `${b[0]}/${b[1]}` : `text:${value.trim()}`;
}

// ---------------------------------------------------------------------------
// Reading a release

/** Rows of a table that belong to a source; an absent table or column gives none. */
export function rowsOf(tables: Tables, table: string, sourceId: string): Record<string, string>[] {
  return (tables[table] ?? []).filter((r) => r.source_id === sourceId);
}

const NAME_COLUMN = /(^|_)(name|names|surface|form|forms|alias|aliases|variant|variants|label)(_en)?$/;
const NOT_A_NAME = /(_id|_kind|_rule|_status|_cue|language|_type)$/;

function splitNames(v: string): string[] {
  return v.split(/\s*[|;]\s*/).filter((x) => x.trim() !== '');
}

/** Every name the release gives each entity id: name_en, entity_names rows, and the source's mention surfaces. */
export function entityNames(tables: Tables, sourceId: string): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const add = (id: string | undefined, name: string | undefined): void => {
    if (!id || !name) return;
    for (const n of splitNames(name)) {
      const k = normName(n);
      if (k === '') continue;
      if (!names.has(id)) names.set(id, new Set());
      names.get(id)!.add(k);
    }
  };
  for (const e of tables.entities ?? []) add(e.entity_id, e.name_en);
  for (const row of tables.entity_names ?? []) {
    for (const [col, v] of Object.entries(row)) {
      if (col !== 'entity_id' && NAME_COLUMN.test(col) && !NOT_A_NAME.test(col)) add(row.entity_id, v);
    }
  }
  for (const m of rowsOf(tables, 'mentions', sourceId)) add(m.entity_id, m.surface);
  return names;
}

/** The entity ids a source's rows name: those its mentions point to, else the entities rows it is the source of. */
export function sourceEntityIds(tables: Tables, sourceId: string): string[] {
  const ids = new Set(rowsOf(tables, 'mentions', sourceId).map((m) => m.entity_id).filter((x): x is string => !!x));
  if (ids.size === 0) for (const e of rowsOf(tables, 'entities', sourceId)) if (e.entity_id) ids.add(e.entity_id);
  return [...ids].sort();
}

// ---------------------------------------------------------------------------
// Scoring

const empty = (gold: number): Score => ({ gold, found: 0, rows: 0, matchedRows: 0, missed: [], extra: [] });

function goldKeys(e: GoldEntity): Set<string> {
  return new Set([e.name, ...(e.variants ?? [])].map(normName).filter((k) => k !== ''));
}

export function scoreEntities(gold: GoldEntity[], tables: Tables, sourceId: string): Score {
  const names = entityNames(tables, sourceId);
  const ids = sourceEntityIds(tables, sourceId);
  const score = empty(gold.length);
  const allGold = new Set(gold.flatMap((g) => [...goldKeys(g)]));
  const rowNames = ids.map((id) => ({ id, names: names.get(id) ?? new Set<string>() }));
  for (const g of gold) {
    const keys = goldKeys(g);
    if (rowNames.some((r) => [...r.names].some((n) => keys.has(n)))) score.found++;
    else score.missed.push(g.name);
  }
  score.rows = ids.length;
  for (const r of rowNames) {
    if ([...r.names].some((n) => allGold.has(n))) score.matchedRows++;
    else score.extra.push(r.id);
  }
  return score;
}

function sameNumber(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (a === b) return true;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)) < 1e-9;
}

function figureMatches(g: GoldFigure, row: Record<string, string>): boolean {
  const values = [row.value, row.value_canonical].filter((v) => v !== undefined && v !== '').map(Number);
  if (!values.some((v) => sameNumber(v, Number(g.value)))) return false;
  // A gold unit of several words also matches by its last word, the noun counted ("stealth fighter" and the row's "fighters").
  const words = normName(String(g.unit)).split(' ');
  const wants = new Set([unitKey(String(g.unit)), ...(words.length > 1 ? [unitKey(words[words.length - 1]!)] : [])]);
  return [row.unit_as_stated, row.unit_canonical].some((u) => u !== undefined && u !== '' && wants.has(unitKey(u)));
}

export function scoreFigures(gold: GoldFigure[], tables: Tables, sourceId: string): Score {
  const rows = rowsOf(tables, 'claims', sourceId);
  const score = empty(gold.length);
  score.rows = rows.length;
  const used = new Set<number>();
  for (const g of gold) {
    const i = rows.findIndex((r, k) => !used.has(k) && figureMatches(g, r));
    if (i >= 0) {
      used.add(i);
      score.found++;
    } else score.missed.push(g.text ?? `${g.value} ${g.unit}`);
  }
  rows.forEach((r) => {
    if (gold.some((g) => figureMatches(g, r))) score.matchedRows++;
    else score.extra.push(r.value_as_stated ?? r.evidence ?? '');
  });
  return score;
}

export function quoteWordsMatch(goldWords: string, rowWords: string): boolean {
  const g = normWords(goldWords);
  const r = normWords(rowWords);
  if (g === '' || r === '') return false;
  return r.includes(g) || (r.length >= 4 && g.startsWith(r));
}

export function scoreQuotes(gold: GoldList, tables: Tables, sourceId: string): { quotes: Score; quotesWithSpeaker: Score } {
  const rows = rowsOf(tables, 'quotes', sourceId);
  const names = entityNames(tables, sourceId);
  const speakerKeys = (speaker: string): Set<string> => {
    const entity = gold.entities.find((e) => goldKeys(e).has(normName(speaker)));
    return entity ? goldKeys(entity) : new Set([normName(speaker)]);
  };
  const rightSpeaker = (g: GoldQuote, r: Record<string, string>): boolean => {
    if (!g.speaker) return true;
    const keys = speakerKeys(g.speaker);
    const given = new Set(names.get(r.speaker_id ?? '') ?? []);
    // A later table may name the speaker in its own column.
    for (const [col, v] of Object.entries(r)) {
      if (col.startsWith('speaker') && !NOT_A_NAME.test(col) && col !== 'speaker_rule' && v) given.add(normName(v));
    }
    return [...given].some((n) => keys.has(n));
  };
  const quotes = empty(gold.quotes.length);
  const withSpeaker = empty(gold.quotes.filter((q) => q.speaker).length);
  quotes.rows = rows.length;
  withSpeaker.rows = rows.length;
  for (const g of gold.quotes) {
    const matching = rows.filter((r) => quoteWordsMatch(g.words, r.words ?? ''));
    if (matching.length > 0) quotes.found++;
    else quotes.missed.push(g.words);
    if (g.speaker) {
      if (matching.some((r) => rightSpeaker(g, r))) withSpeaker.found++;
      else withSpeaker.missed.push(`${g.words} (${g.speaker})`);
    }
  }
  for (const r of rows) {
    const hits = gold.quotes.filter((g) => quoteWordsMatch(g.words, r.words ?? ''));
    if (hits.length > 0) quotes.matchedRows++;
    else quotes.extra.push(r.words ?? '');
    if (hits.some((g) => rightSpeaker(g, r))) withSpeaker.matchedRows++;
    else withSpeaker.extra.push(`${r.words ?? ''} (${r.speaker_id ?? ''})`);
  }
  return { quotes, quotesWithSpeaker: withSpeaker };
}

/** Every EDTF value of a source's rows, one per (table, span, value). */
export function dateRows(tables: Tables, sourceId: string): string[] {
  const out: string[] = [];
  for (const [table, rows] of Object.entries(tables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const seen = new Set<string>();
    for (const r of rows) {
      if (r.source_id !== sourceId) continue;
      for (const [col, value] of Object.entries(r)) {
        let v = value;
        // The period a source covers (sources.period_start/period_end) is the interval
        // between its two days. Other tables' day columns repeat their EDTF column's date.
        const day = /^\d{4}-\d\d-\d\d$/;
        if (table === 'sources' && col === 'period_start' && day.test(v ?? '') && day.test(r.period_end ?? '')) v = `${v}/${r.period_end}`;
        else if (!/edtf$/.test(col) || !v) continue;
        const key = `${table}|${r.span_start}|${r.span_end}|${v}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(v);
      }
    }
  }
  return out;
}

export function scoreDates(gold: GoldDate[], tables: Tables, sourceId: string): Score {
  const rows = dateRows(tables, sourceId);
  const score = empty(gold.length);
  score.rows = rows.length;
  const available = new Map<string, number>();
  for (const v of rows) available.set(dateKey(v), (available.get(dateKey(v)) ?? 0) + 1);
  const goldKeysSet = new Set(gold.map((g) => dateKey(g.edtf)));
  for (const g of gold) {
    const k = dateKey(g.edtf);
    const n = available.get(k) ?? 0;
    if (n > 0) {
      available.set(k, n - 1);
      score.found++;
    } else score.missed.push(`${g.text} (${g.edtf})`);
  }
  for (const v of rows) {
    if (goldKeysSet.has(dateKey(v))) score.matchedRows++;
    else score.extra.push(v);
  }
  return score;
}

export function scoreChapter(id: string, gold: GoldList, tables: Tables): ChapterScore {
  return {
    id,
    built: true,
    entities: scoreEntities(gold.entities, tables, id),
    figures: scoreFigures(gold.figures, tables, id),
    ...scoreQuotes(gold, tables, id),
    dates: scoreDates(gold.dates, tables, id),
  };
}

export function notBuilt(id: string, gold: GoldList, error: string, errorMessage?: string): ChapterScore {
  const miss = (s: Score, items: string[]): Score => ({ ...s, missed: items });
  return {
    id,
    built: false,
    error,
    ...(errorMessage ? { errorMessage } : {}),
    entities: miss(empty(gold.entities.length), gold.entities.map((e) => e.name)),
    figures: miss(empty(gold.figures.length), gold.figures.map((f) => f.text ?? `${f.value} ${f.unit}`)),
    quotes: miss(empty(gold.quotes.length), gold.quotes.map((q) => q.words)),
    quotesWithSpeaker: miss(empty(gold.quotes.filter((q) => q.speaker).length), gold.quotes.filter((q) => q.speaker).map((q) => q.words)),
    dates: miss(empty(gold.dates.length), gold.dates.map((d) => d.text)),
  };
}

export function total(chapters: ChapterScore[]): Record<Category, Score> {
  const out = {} as Record<Category, Score>;
  for (const c of CATEGORIES) {
    const s = empty(0);
    for (const ch of chapters) {
      s.gold += ch[c].gold;
      s.found += ch[c].found;
      s.rows += ch[c].rows;
      s.matchedRows += ch[c].matchedRows;
    }
    out[c] = s;
  }
  return out;
}

export const recall = (s: Score): number | null => (s.gold === 0 ? null : s.found / s.gold);
export const precision = (s: Score): number | null => (s.rows === 0 ? null : s.matchedRows / s.rows);

// ---------------------------------------------------------------------------
// Source folders and builds

export interface ChapterMeta {
  title: string;
  authors: { family: string; given: string; affiliation?: string }[];
  volume: number;
  issue: number;
  issued: string;
  pages: string;
  journal?: string;
  publisher?: string;
  language?: string;
  /** The chapter's period, "YYYY-MM/YYYY-MM"; used by --stub only. */
  period?: string;
  [extra: string]: unknown;
}

/**
 * The "Preferred citation" sentence of a chapter, verbatim, or null. The web
 * editions print it inside a parenthesis: "(… Preferred citation: A, “T,” J,
 * Vol. 1, No. 2, pp 3-4.)"; the sentence ends at the full stop before the
 * closing parenthesis, or at the end of its line.
 */
export function preferredCitation(text: string): string | null {
  const m = /Preferred citation:\s*([^\n]*?\.)(?=\)|\s*$)/m.exec(text);
  return m?.[1] ?? null;
}

// `period` serves the --stub chronology only; it is not a source.yaml field.
const KNOWN_META = new Set(['title', 'authors', 'volume', 'issue', 'issued', 'pages', 'journal', 'publisher', 'language', 'period']);

/** source.yaml for a chapter: the text pinned by the sha256 and size computed here, the citation from meta.yaml. */
export function sourceYaml(id: string, file: string, bytes: Uint8Array, meta: ChapterMeta, text: string): string {
  const doc: Record<string, unknown> = {
    id,
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    media_type: 'text/plain',
    language: meta.language ?? 'en',
    title: meta.title,
    authors: meta.authors,
    journal: meta.journal ?? 'Comparative Connections',
    volume: meta.volume,
    issue: meta.issue,
    issued: String(meta.issued),
    pages: String(meta.pages),
    publisher: meta.publisher ?? 'Pacific Forum',
  };
  const preferred = preferredCitation(text);
  if (preferred) doc.preferred_citation = preferred;
  for (const [k, v] of Object.entries(meta)) if (!KNOWN_META.has(k)) doc[k] = v;
  return YAML.stringify(doc);
}

/**
 * The diagnostic stub (--stub): what today's pipeline requires of a source
 * and an opening passage lacks, appended after the received text so the rest
 * of the chapter can be measured at all. A "Preferred citation" sentence
 * (only when the text prints none) and a chronology of one entry that names
 * nothing. Rows whose span starts in the stub are not counted (withoutStub).
 * A run with --stub measures the extractors, not whether a chapter builds:
 * it is reported as such, never as the measure of record.
 */
export function stubFor(text: string, meta: ChapterMeta): string {
  // The stub's period is the chapter's (meta.yaml `period`, "YYYY-MM/YYYY-MM"):
  // the pipeline infers the year of a date like "Oct. 11-12" from it.
  const m = /^(\d{4})-(\d{2})\/(\d{4})-(\d{2})$/.exec(String(meta.period ?? ''));
  const issuedYear = Number(String(meta.issued).slice(0, 4));
  const [y1, m1, y2, m2] = m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : [issuedYear, 1, issuedYear, 12];
  const month = (k: number): string => MONTHS[k - 1] ?? 'JANUARY';
  const period = y1 === y2 ? `${month(m1)} – ${month(m2)} ${y2}` : `${month(m1)} ${y1} – ${month(m2)} ${y2}`;
  const first = `${month(m1).charAt(0)}${month(m1).slice(1).toLowerCase()} 1, ${y1}`;
  const parts = ['', '', 'Measurement stub.'];
  if (!preferredCitation(text)) {
    const authors = meta.authors.map((a) => `${a.given} ${a.family}`).join(' and ');
    parts.push('', `Preferred citation: ${authors}, “${meta.title},” Comparative Connections, Vol. ${meta.volume}, No. ${meta.issue}, pp ${meta.pages}.`);
  }
  parts.push('', 'CHRONOLOGY OF MEASUREMENT STUB', '', period, '', `${first}: Stub entry.`, '');
  return parts.join('\n');
}

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];

/** The tables without a source's rows whose span starts at or after `limit` (code points): the stub's rows. */
export function withoutStub(tables: Tables, sourceId: string, limit: number): Tables {
  const out: Tables = {};
  for (const [name, rows] of Object.entries(tables)) {
    out[name] = rows.filter((r) => r.source_id !== sourceId || r.span_start === undefined || r.span_start === '' || Number(r.span_start) < limit);
  }
  return out;
}

/** Every CSV under a folder, by table name; rows of a table found in several datasets are kept once. */
export function readTables(dir: string): Tables {
  const tables: Tables = {};
  const seen = new Map<string, Set<string>>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.csv')) {
        const name = e.name.slice(0, -4);
        const rows = parseCsv(readFileSync(full, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
        if (!tables[name]) {
          tables[name] = [];
          seen.set(name, new Set());
        }
        for (const r of rows) {
          const key = JSON.stringify(r);
          if (seen.get(name)!.has(key)) continue;
          seen.get(name)!.add(key);
          tables[name].push(r);
        }
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return tables;
}

/** The chapter folders under a folder: those holding a text.txt, sorted; or the folder itself. */
export function chapterDirs(folder: string): string[] {
  if (existsSync(path.join(folder, 'text.txt'))) return [folder];
  return readdirSync(folder)
    .filter((n) => existsSync(path.join(folder, n, 'text.txt')))
    .sort()
    .map((n) => path.join(folder, n));
}

export function loadGold(file: string): GoldList {
  const raw = (YAML.parse(readFileSync(file, 'utf8')) ?? {}) as Partial<GoldList>;
  return { entities: raw.entities ?? [], figures: raw.figures ?? [], quotes: raw.quotes ?? [], dates: raw.dates ?? [] };
}

/** Builds one chapter with the registry into a temporary folder and scores it; a failed build is a score, not a throw. */
export async function measureChapter(dir: string, opts: { keep?: boolean; stub?: boolean } = {}): Promise<ChapterScore> {
  const id = path.basename(dir);
  const gold = loadGold(path.join(dir, 'gold.yaml'));
  const tmp = mkdtempSync(path.join(tmpdir(), 'crr-measure-'));
  try {
    const sources = path.join(tmp, 'sources');
    mkdirSync(path.join(sources, id), { recursive: true });
    cpSync(path.join(ROOT, 'sources', 'registry'), path.join(sources, 'registry'), { recursive: true });
    const received = readFileSync(path.join(dir, 'text.txt'), 'utf8');
    const meta = YAML.parse(readFileSync(path.join(dir, 'meta.yaml'), 'utf8')) as ChapterMeta;
    const text = opts.stub ? received + stubFor(received, meta) : received;
    const bytes = Buffer.from(text, 'utf8');
    writeFileSync(path.join(sources, id, 'chapter.txt'), bytes);
    writeFileSync(path.join(sources, id, 'source.yaml'), sourceYaml(id, 'chapter.txt', bytes, meta, text));
    const paths = { ...defaultPaths(ROOT), sources, build: path.join(tmp, 'build'), dist: path.join(tmp, 'dist') };
    try {
      await runBuild({ paths, log: () => {} });
    } catch (e) {
      const code = e instanceof PipelineError ? e.code : `crash (${(e as Error).message?.split('\n')[0] ?? String(e)})`;
      return notBuilt(id, gold, code, (e as Error).message);
    }
    const tables = readTables(paths.dist);
    return scoreChapter(id, gold, opts.stub ? withoutStub(tables, id, Array.from(received).length) : tables);
  } finally {
    if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Report

const pct = (x: number | null): string => (x === null ? '–' : `${(100 * x).toFixed(0)}%`);
const cell = (s: Score): string => `${s.found}/${s.gold} ${pct(recall(s))} p${pct(precision(s))}`;

export function formatTable(chapters: ChapterScore[]): string {
  const header = ['chapter', 'entities', 'figures', 'quotes+speaker', 'quotes', 'dates'];
  const lines = chapters.map((c) =>
    c.built ? [c.id, ...CATEGORIES.map((k) => cell(c[k]))] : [c.id, `did not build: ${c.error}`, '', '', '', ''],
  );
  const t = total(chapters);
  lines.push(['TOTAL', ...CATEGORIES.map((k) => cell(t[k]))]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (l: string[]): string => l.map((x, i) => x.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}

export function report(folder: string, chapters: ChapterScore[]): object {
  const t = total(chapters);
  const summary = (s: Score) => ({ gold: s.gold, found: s.found, recall: recall(s), rows: s.rows, matched_rows: s.matchedRows, precision: precision(s) });
  return {
    folder: path.basename(path.resolve(folder)),
    chapters: chapters.map((c) => ({
      id: c.id,
      built: c.built,
      ...(c.error ? { error: c.error, error_message: c.errorMessage ?? null } : {}),
      ...Object.fromEntries(CATEGORIES.map((k) => [k, { ...summary(c[k]), missed: c[k].missed, extra: c[k].extra }])),
    })),
    built: chapters.filter((c) => c.built).length,
    total: Object.fromEntries(CATEGORIES.map((k) => [k, summary(t[k])])),
  };
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let out: string | null = null;
  let keep = false;
  let stub = false;
  const folders: string[] = [];
  while (args.length) {
    const a = args.shift()!;
    if (a === '--out') out = args.shift() ?? null;
    else if (a === '--keep') keep = true;
    else if (a === '--stub') stub = true;
    else folders.push(a);
  }
  const folder = folders[0];
  if (folders.length !== 1 || folder === undefined || !statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    console.error('usage: npm run measure -- <folder of chapter folders> [--out result.json] [--keep] [--stub]');
    return 2;
  }
  const chapters: ChapterScore[] = [];
  for (const dir of chapterDirs(folder)) {
    const started = performance.now();
    const score = await measureChapter(dir, { keep, stub });
    console.error(`${score.id}: ${score.built ? 'built' : `did not build: ${score.error}`} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    chapters.push(score);
  }
  if (stub) console.log('Diagnostic run (--stub): each text has a stub citation and chronology appended; rows from the stub are not counted.');
  console.log(formatTable(chapters));
  if (out) writeFileSync(out, `${JSON.stringify({ ...report(folder, chapters), stub }, null, 2)}\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
