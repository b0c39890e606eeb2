/**
 * The edge release: the schema in test/fixtures/edge-schema/ with rows that
 * hold every type, a null in every optional column, a list of 0, 1 and 2
 * items, and texts that spreadsheets would turn into formulas, numbers or
 * dates. Rendered by the pipeline's own renderRelease() into a temporary
 * folder, so every consumer test can read it beside the real release.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderRelease } from '../pipeline/export/stage.ts';
import { loadSchema, validateTables, type DatasetSchema, type Row } from '../pipeline/lib/schema.ts';
import type { SourceMeta } from '../pipeline/lib/sources.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import { ROOT, tempDir } from './helpers.ts';

export const EDGE_SCHEMA: DatasetSchema = loadSchema(path.join(ROOT, 'test', 'fixtures', 'edge-schema'), ROOT);
const SOURCE = 'edge-source';

/** Texts a spreadsheet would read as a formula, a number, a date or a boolean if it guessed. */
export const TRAPS = ['=1+1', '+7', '-3', '@SUM(A1)', '00123', '2020-01', '1e5', 'TRUE'];
export const MULTILINGUAL = '胡春华 (Hu Chunhua), Центр-2019, 𠀀 and "quotes", commas\r\nand a second line';

type Item = Omit<Row, 'source_id' | 'span_start' | 'span_end' | 'evidence' | 'extractor'>;

const items: Item[] = [
  { item_id: 'i01', group_id: 'g1', text: TRAPS[0]!, count: 0, share: 0.5, flag: true, day: '2020-02-29', kind: 'small', tags: ['a', 'b c'] },
  { item_id: 'i02', group_id: null, text: TRAPS[1]!, count: null, share: null, flag: null, day: null, kind: 'large', tags: null },
  { item_id: 'i03', group_id: 'g2', text: TRAPS[2]!, count: -12, share: -1.25, flag: false, day: '1999-12-31', kind: 'other', tags: ['solo'] },
  { item_id: 'i04', group_id: 'g2', text: TRAPS[3]!, count: 2147483647, share: 1e-7, flag: true, day: '2021-03-04', kind: 'small', tags: ['x;y', '胡春华'] },
  { item_id: 'i05', group_id: 'g1', text: TRAPS[4]!, count: 3, share: 2, flag: false, day: '2020-01-01', kind: 'other', tags: null },
  { item_id: 'i06', group_id: null, text: TRAPS[5]!, count: null, share: 1, flag: null, day: null, kind: 'large', tags: ['Центр'] },
  { item_id: 'i07', group_id: 'g1', text: TRAPS[6]!, count: 7, share: null, flag: true, day: '2000-01-01', kind: 'small', tags: null },
  { item_id: 'i08', group_id: 'g2', text: TRAPS[7]!, count: 8, share: 8.5, flag: false, day: null, kind: 'other', tags: ['t'] },
  { item_id: 'i09', group_id: 'g1', text: MULTILINGUAL, count: 9, share: 9, flag: true, day: '2019-09-16', kind: 'large', tags: ['Центр-2019', '胡春华'] },
  { item_id: 'i10', group_id: null, text: ' padded ', count: 10, share: 10, flag: false, day: '2019-12-31', kind: 'small', tags: null },
];
const groups: Item[] = [
  { group_id: 'g1', label: 'Группа один', region_id: 'r1' },
  { group_id: 'g2', label: '第二组', region_id: 'r1' },
];
const regions: Item[] = [{ region_id: 'r1', name: 'Ardenia' }];

/** The source text: each record's evidence in turn, after characters outside the BMP. */
function withProvenance(tables: Record<string, Item[]>): { data: Record<string, Row[]>; text: IndexedText } {
  const pieces: string[] = ['Edge 😀 source 𠀀:'];
  const spans: [string, number][] = [];
  let units = pieces[0]!.length;
  for (const [name, rows] of Object.entries(tables)) {
    for (const r of rows) {
      const evidence = `[${name} ${String(r.item_id ?? r.group_id ?? r.region_id)}]`;
      pieces.push(' ', evidence);
      units += 1;
      spans.push([evidence, units]);
      units += evidence.length;
    }
  }
  const text = new IndexedText(pieces.join(''));
  let i = 0;
  const data: Record<string, Row[]> = {};
  for (const [name, rows] of Object.entries(tables)) {
    data[name] = rows.map((r) => {
      const [evidence, at] = spans[i++]!;
      const start = text.toCodePoint(at);
      return { ...r, source_id: SOURCE, span_start: start, span_end: start + Array.from(evidence).length, evidence, extractor: 'extract/edge@1.0.0' };
    });
  }
  return { data, text };
}

export const EDGE_SOURCE: SourceMeta = {
  id: SOURCE,
  file: 'edge.txt',
  sha256: '0'.repeat(64),
  bytes: 1,
  media_type: 'text/plain',
  language: 'en',
  title: 'An Edge Source',
  authors: [{ family: 'Doe', given: 'Jane' }, { family: 'Roe', given: 'Richard' }],
  journal: 'Test Journal',
  volume: 1,
  issue: 2,
  issued: '2021-03',
  pages: '5–9',
  publisher: 'Test Publisher',
  preferred_citation: 'Jane Doe and Richard Roe, “An Edge Source,” *Test Journal*, Vol. 1, No. 2, pp 5–9.',
};

export const EDGE = withProvenance({ regions, groups, items });

let rendered: Promise<{ dir: string; files: Map<string, Uint8Array> }> | null = null;

/** The edge release written to a temporary folder (rendered once per test file). */
export function edgeRelease(): Promise<{ dir: string; files: Map<string, Uint8Array> }> {
  rendered ??= (async () => {
    validateTables(EDGE_SCHEMA, EDGE.data);
    const files = await renderRelease(EDGE_SCHEMA, EDGE.data, new Map([[SOURCE, EDGE.text]]), [EDGE_SOURCE]);
    const dir = path.join(tempDir('crr-edge-'), EDGE_SCHEMA.version);
    mkdirSync(dir, { recursive: true });
    // Releases hold folders (page/, sources/).
    for (const [name, bytes] of files) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), bytes);
    }
    return { dir, files };
  })();
  return rendered;
}
