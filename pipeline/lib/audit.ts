/**
 * Auditing a release by hand: a seeded sample of a table's rows, each shown
 * with its evidence inside its sentence and paragraph of the source text, and
 * the judgments a person records for them in audit/<version>/<table>.csv
 * (row_id, verdict, reason), from which the precision of each table is
 * computed.
 *
 * The sample is a ranking, not a draw: each row is ranked by the sha256 of
 * the seed and its row id, and the n lowest are taken. So the sample does not
 * depend on the order of rows in the file, a larger n extends a smaller one
 * (judgments already made stay in the sample), and the same seed gives the
 * same rows on every machine.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { PipelineError } from './errors.ts';
import { sentenceRanges } from './sentences.ts';

export type CsvRow = Record<string, string>;

/**
 * `fixed`: judged wrong on the candidate the sample was drawn from, and fixed before the version was
 * published (the published row reads what the judgment asked for, or the fix removed the row). It
 * counts as not correct: the precision is the candidate's, the estimate of the rows nobody judged,
 * which a fix aimed at the judged rows would otherwise overstate.
 */
export const VERDICTS = ['correct', 'wrong', 'fixed'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Judgment {
  row_id: string;
  /** Null while the row waits for a judgment (the verdict cell is empty). */
  verdict: Verdict | null;
  reason: string;
  line: number;
}

export const JUDGMENT_HEADER = ['row_id', 'verdict', 'reason'] as const;

/** The row id of a release row: its primary key's values joined by "/", as in every message of the pipeline. */
export function rowId(row: CsvRow, primaryKey: readonly string[]): string {
  return primaryKey.map((k) => row[k] ?? '').join('/');
}

function rank(seed: number, id: string): string {
  return createHash('sha256').update(`${seed}\u001f${id}`).digest('hex');
}

/** The n rows of lowest rank for the seed (all rows if there are fewer), in rank order. */
export function sampleRows<T>(rows: readonly T[], idOf: (r: T) => string, n: number, seed: number): T[] {
  return rows
    .map((r) => ({ r, k: rank(seed, idOf(r)) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .slice(0, n)
    .map((x) => x.r);
}

export interface EvidenceContext {
  /** 1-based line of the text where the evidence starts. */
  line: number;
  /** The paragraph (the line of the text) holding the evidence. */
  paragraph: string;
  /** The sentence holding the evidence's start, with the evidence marked ⟦ ⟧ where it lies inside it. */
  sentence: string;
  /** Whether the span re-slices to the row's evidence. */
  matches: boolean;
}

/**
 * The evidence of a span inside its sentence and paragraph. Offsets are code
 * points of the text as stored (the release's convention); the text is
 * turned into an array of code points once per source by the caller.
 */
export function evidenceContext(codePoints: readonly string[], start: number, end: number, evidence: string): EvidenceContext {
  let from = start;
  while (from > 0 && codePoints[from - 1] !== '\n') from--;
  let to = end;
  while (to < codePoints.length && codePoints[to] !== '\n') to++;
  const line = codePoints.slice(0, from).filter((c) => c === '\n').length + 1;
  const paragraph = codePoints.slice(from, to).join('');
  const before = codePoints.slice(from, start).join('');
  const inside = codePoints.slice(start, end).join('');
  // Sentence ranges are UTF-16 offsets of the paragraph string.
  const at = before.length;
  const ranges = sentenceRanges(paragraph);
  const [s, e] = ranges.find(([a, b]) => a <= at && at < b) ?? [0, paragraph.length];
  const stop = Math.max(e, at + inside.length);
  const sentence = `${paragraph.slice(s, at)}⟦${inside}⟧${paragraph.slice(at + inside.length, stop)}`;
  return { line, paragraph, sentence, matches: inside === evidence };
}

/** Read audit/<version>/<table>.csv; a missing file is no judgments. Bad rows are coded errors with the line. */
export function readJudgments(file: string, shown: string): Judgment[] {
  if (!existsSync(file)) return [];
  let records: string[][];
  try {
    records = parse(readFileSync(file, 'utf8'), { relax_column_count: false, skip_empty_lines: true, bom: true }) as string[][];
  } catch (e) {
    throw new PipelineError('audit/invalid', `the judgments file is not valid CSV: ${(e as Error).message.split('\n')[0]}`, { file: shown, expected: 'RFC 4180 CSV with the columns row_id,verdict,reason' });
  }
  const [header, ...rows] = records;
  if (!header || header.join(',') !== JUDGMENT_HEADER.join(',')) {
    throw new PipelineError('audit/invalid', 'the judgments file has the wrong header', { file: shown, line: 1, value: header?.join(',') ?? '', expected: JUDGMENT_HEADER.join(',') });
  }
  const seen = new Map<string, number>();
  return rows.map((r, i) => {
    const line = i + 2;
    const [row_id, verdict, reason] = r as [string, string, string];
    if (!row_id) throw new PipelineError('audit/invalid', 'a judgment has no row id', { file: shown, line, expected: 'the row id the audit tool printed' });
    if (seen.has(row_id)) throw new PipelineError('audit/invalid', `row ${row_id} is judged twice (first on line ${seen.get(row_id)})`, { file: shown, line, value: row_id, expected: 'one judgment per row' });
    seen.set(row_id, line);
    if (verdict !== '' && !(VERDICTS as readonly string[]).includes(verdict)) {
      throw new PipelineError('audit/invalid', 'unknown verdict', { file: shown, line, value: verdict, expected: `${VERDICTS.join(' or ')}, or empty while not yet judged` });
    }
    if ((verdict === 'wrong' || verdict === 'fixed') && reason.trim() === '') {
      throw new PipelineError('audit/invalid', `row ${row_id} is judged ${verdict} without a reason`, { file: shown, line, value: row_id, expected: verdict === 'wrong' ? 'a reason saying what is wrong' : 'a reason saying what was wrong and how it was fixed' });
    }
    return { row_id, verdict: verdict === '' ? null : (verdict as Verdict), reason, line };
  });
}

export interface Precision {
  table: string;
  judged: number;
  correct: number;
  /** Judged wrong, including those fixed before publishing. */
  wrong: number;
  /** Of the wrong, those fixed before the version was published. */
  fixed: number;
  pending: number;
  /** correct / judged, or null when nothing is judged. */
  precision: number | null;
  /** Wilson score interval at 95 %: what the sample says of the whole table. */
  low: number | null;
  high: number | null;
}

/** Wilson score interval for k successes in n trials (z = 1.96). */
export function wilson(k: number, n: number): [number, number] {
  const z = 1.96;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

export function precisionOf(table: string, judgments: readonly Judgment[]): Precision {
  const correct = judgments.filter((j) => j.verdict === 'correct').length;
  const fixed = judgments.filter((j) => j.verdict === 'fixed').length;
  const wrong = judgments.filter((j) => j.verdict === 'wrong').length + fixed;
  const judged = correct + wrong;
  const [low, high] = judged > 0 ? wilson(correct, judged) : [null, null];
  return { table, judged, correct, wrong, fixed, pending: judgments.length - judged, precision: judged > 0 ? correct / judged : null, low, high };
}

/** The judgments of every table audited for a version (audit/<version>/<table>.csv), by table; empty when there is no audit. */
export function readAudit(auditRoot: string, version: string, shownRoot: string): Map<string, { shown: string; judgments: Judgment[] }> {
  const dir = path.join(auditRoot, version);
  const out = new Map<string, { shown: string; judgments: Judgment[] }>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
    const shown = path.posix.join(shownRoot, version, name);
    out.set(name.slice(0, -'.csv'.length), { shown, judgments: readJudgments(path.join(dir, name), shown) });
  }
  return out;
}

/** A judgment of a row the release does not hold belongs to other data: refused. */
export function unknownRow(table: string, version: string, shown: string, j: Judgment): PipelineError {
  return new PipelineError('audit/invalid', `the release's ${table} table has no row ${j.row_id}`, { file: shown, line: j.line, value: j.row_id, expected: `a row id of ${table} in release ${version}` });
}

/** A judgments file named after no table of the release. */
export function unknownTable(table: string, shown: string): PipelineError {
  return new PipelineError('audit/invalid', `the release has no table named ${table}`, { file: shown, value: table, expected: 'a file named after a table of the release' });
}

/**
 * Every audit of a version: the judgments of each table that has a file in
 * audit/<version>/, checked against the release's rows (a judged row id the
 * table does not hold is an error: the judgment belongs to another version).
 */
export function auditOfVersion(auditRoot: string, version: string, tableIds: (table: string) => Set<string> | null, shownRoot: string): Precision[] {
  const out: Precision[] = [];
  for (const [table, { shown, judgments }] of readAudit(auditRoot, version, shownRoot)) {
    const ids = tableIds(table);
    if (!ids) throw unknownTable(table, shown);
    // A row the fix removed is no longer in the release; any other judged row must be.
    for (const j of judgments) if (!ids.has(j.row_id) && j.verdict !== 'fixed') throw unknownRow(table, version, shown, j);
    out.push(precisionOf(table, judgments));
  }
  return out;
}

/** "97.5 % (95 % CI 91.3–99.3 %, 40 rows)" or "not audited". */
export function formatPrecision(p: Precision): string {
  if (p.precision === null) return 'not audited';
  const pct = (x: number): string => (100 * x).toFixed(1);
  return `${pct(p.precision)} % (95 % interval ${pct(p.low!)}–${pct(p.high!)} %, ${p.judged} rows judged${p.fixed ? `, ${p.fixed} of the wrong fixed before publishing` : ''})`;
}
