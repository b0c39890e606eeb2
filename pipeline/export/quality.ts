/**
 * What a release says of its own completeness and correctness: the coverage
 * report (the share of sentences, figures, quotations and original-language
 * forms that became rows, per source and in all), the curator list (what the
 * pipeline found and could not decide, each item with its span when its
 * words can be found on its line) and, when an audit of the version exists
 * (audit/<version>/<table>.csv), the audited precision per table.
 *
 * Written as coverage.json, curator-list.csv and precision.json beside the
 * tables, described in datapackage.json, the release README and the page.
 */
import { stringify } from 'csv-stringify/sync';
import { projectDisplay, rawRange, type IndexedText } from '../lib/text.ts';
import type { Precision } from '../lib/audit.ts';
import type { Coverage } from '../normalize/coverage.ts';
import type { CuratorEntry } from '../normalize/mentions.ts';

export const COVERAGE_FILE = 'coverage.json';
export const CURATOR_FILE = 'curator-list.csv';
export const PRECISION_FILE = 'precision.json';

export interface Quality {
  coverage: { all: Coverage; sources: Record<string, Coverage> };
  curator: readonly CuratorEntry[];
  /** Null when no audit of this version exists. */
  precision: readonly Precision[] | null;
}

/** The columns of curator-list.csv, with what each means (for the descriptor and the README). */
export const CURATOR_FIELDS: readonly { name: string; type: 'string' | 'integer'; description: string }[] = [
  { name: 'source_id', type: 'string', description: 'The source the item was found in.' },
  { name: 'kind', type: 'string', description: 'What could not be decided (see docs/curation.md for every kind).' },
  { name: 'line', type: 'integer', description: '1-based line of the source text, when the item has one.' },
  { name: 'surface', type: 'string', description: 'The words as a reader sees them (markup removed).' },
  { name: 'candidates', type: 'string', description: 'The choices the pipeline could not decide between, separated by "; ".' },
  { name: 'reason', type: 'string', description: 'Why the item is listed rather than made a row.' },
  { name: 'span_start', type: 'integer', description: 'Start of the words in the source text as stored, in code points; empty when they could not be found on their line.' },
  { name: 'span_end', type: 'integer', description: 'End (exclusive) of the words, in code points.' },
  { name: 'evidence', type: 'string', description: 'The stored text between span_start and span_end.' },
];

/** The words of a curator item on its line: the first place its surface occurs there, as stored offsets. */
export function spanOfItem(text: IndexedText, line: number | null, surface: string): { start: number; end: number; evidence: string } | null {
  const range = line === null || surface === '' ? null : text.lineRange(line);
  if (!range) return null;
  const [from, to] = range;
  const raw = text.text.slice(from, to);
  let unitStart: number;
  let unitEnd: number;
  const direct = raw.indexOf(surface);
  if (direct !== -1) {
    unitStart = from + direct;
    unitEnd = unitStart + surface.length;
  } else {
    // The surface is display text: find it there and map back through the markup.
    const p = projectDisplay(raw);
    const at = p.display.indexOf(surface);
    if (at === -1) return null;
    const [rs, re] = rawRange(p, at, at + surface.length);
    unitStart = from + rs;
    unitEnd = from + re;
  }
  const start = text.toCodePoint(unitStart);
  const end = text.toCodePoint(unitEnd);
  return { start, end, evidence: text.evidence(unitStart, unitEnd) };
}

/** curator-list.csv: one line per item, in the order of the curator list (by source, then as found). */
export function curatorCsv(items: readonly CuratorEntry[], texts: { get(sourceId: string): IndexedText | undefined }): string {
  const records = items.map((c) => {
    const text = texts.get(c.source_id);
    const span = text ? spanOfItem(text, c.line, c.surface) : null;
    return [c.source_id, c.kind, c.line ?? '', c.surface, c.candidates.join('; '), c.reason, span?.start ?? '', span?.end ?? '', span?.evidence ?? ''];
  });
  return stringify([CURATOR_FIELDS.map((f) => f.name), ...records], { record_delimiter: '\r\n', quoted_string: true });
}

/** The release's quality files, by name. precision.json only when an audit exists. */
export function qualityFiles(q: Quality, texts: { get(sourceId: string): IndexedText | undefined }): Map<string, string> {
  const files = new Map<string, string>();
  files.set(COVERAGE_FILE, `${JSON.stringify({ all: q.coverage.all, sources: q.coverage.sources }, null, 2)}\n`);
  files.set(CURATOR_FILE, curatorCsv(q.curator, texts));
  if (q.precision && q.precision.length > 0) files.set(PRECISION_FILE, `${JSON.stringify(q.precision, null, 2)}\n`);
  return files;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** What the release README and the page say of coverage, the curator list and precision, in a few lines of Markdown. */
export function qualitySummary(q: Quality): string[] {
  const c = q.coverage.all;
  const kinds = new Map<string, number>();
  for (const i of q.curator) kinds.set(i.kind, (kinds.get(i.kind) ?? 0) + 1);
  const lines = [
    `- **Coverage** (\`${COVERAGE_FILE}\`, per source and in all): ${pct(c.sentences.share)} of ${c.sentences.found} sentences yielded a row; ` +
      `${c.numbers.attached} of ${c.numbers.found} figures (${pct(c.numbers.share)}), ${c.quotations.attributed} of ${c.quotations.found} quotations (${pct(c.quotations.share)}) ` +
      `and ${c.original_forms.attached} of ${c.original_forms.found} original-language forms (${pct(c.original_forms.share)}) became rows.`,
    `- **Curator list** (\`${CURATOR_FILE}\`): ${q.curator.length} item${q.curator.length === 1 ? '' : 's'} the pipeline found and could not decide` +
      (kinds.size ? ` (${[...kinds].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${n} ${k.replace(/_/g, ' ')}`).join(', ')})` : '') +
      ', each with its line and, where its words are found there, its span.',
  ];
  if (q.precision && q.precision.length > 0) {
    const judged = q.precision.filter((p) => p.precision !== null);
    lines.push(
      `- **Audited precision** (\`${PRECISION_FILE}\`, from a seeded sample judged by hand; 95 % Wilson interval): ` +
        judged.map((p) => `\`${p.table}\` ${pct(p.precision!)} of ${p.judged} (${pct(p.low!)}–${pct(p.high!)})`).join(', ') +
        '.' +
        // Rows judged wrong on the candidate and fixed before publishing count as wrong: the figure is the candidate's.
        (judged.some((p) => p.fixed > 0) ? ` Of the rows judged wrong, ${judged.reduce((n, p) => n + p.fixed, 0)} were fixed before this version was published (verdict \`fixed\`); they count as wrong, so the figures are those of the rules, not of the fixed rows.` : ''),
    );
  } else {
    lines.push('- **Audited precision**: no audit of this version yet (`npm run audit`).');
  }
  return lines;
}
