import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_BOM, csvLines, csvLinesByLibrary, csvText, isTextField } from '../pipeline/export/csv.ts';
import type { DatasetSchema } from '../pipeline/lib/schema.ts';
import { EDGE, EDGE_SCHEMA, edgeRelease, MULTILINGUAL, TRAPS } from './edge.ts';
import { ROOT, SCHEMA } from './helpers.ts';
import { readCsv } from './load.ts';

const releases: { label: string; schema: DatasetSchema; dir: string }[] = [
  { label: 'the release', schema: SCHEMA, dir: path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version) },
  { label: 'the edge fixture', schema: EDGE_SCHEMA, dir: '' },
];
beforeAll(async () => {
  releases[1]!.dir = (await edgeRelease()).dir;
});

/** Each field of each record with whether it was quoted, as csv-parse saw it. */
function quotedness(text: string): { text: string; quoted: boolean }[][] {
  return parse(text, {
    from_line: 2,
    cast: (value, context) => ({ text: value, quoted: context.quoting }) as unknown as string,
  }) as unknown as { text: string; quoted: boolean }[][];
}

describe('CSV: the policies the README states', () => {
  for (const rel of releases) {
    for (const t of rel.schema.tables) {
      it(`${rel.label}, ${t.name}.csv: UTF-8 without a byte-order mark, CRLF line ends, text quoted and nothing else`, () => {
        const bytes = readFileSync(path.join(rel.dir, `${t.name}.csv`));
        expect(CSV_BOM).toBe(false);
        expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
        expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBeTruthy();
        const text = bytes.toString('utf8');
        expect(text.endsWith('\r\n')).toBe(true);
        // Outside quoted fields every line ends with CR LF.
        expect(/[^\r]\n/.test(text.replace(/"(?:[^"]|"")*"/g, '""'))).toBe(false);
        const records = quotedness(text);
        expect(records.length).toBeGreaterThan(0);
        for (const fields of records) {
          expect(fields).toHaveLength(t.fields.length);
          t.fields.forEach((f, i) => {
            const { text: v, quoted } = fields[i]!;
            if (v === '' && !quoted) return; // a missing value
            expect(quoted, `${t.name}.${f.name} = ${v}`).toBe(isTextField(f));
          });
        }
      });
    }
  }

  it('writes values as they are: formula-shaped, number-shaped and padded texts unaltered', async () => {
    const dir = (await edgeRelease()).dir;
    const rows = readCsv(path.join(dir, 'items.csv'));
    expect(rows.map((r) => r.text)).toEqual(EDGE.data.items!.map((r) => r.text));
    for (const trap of TRAPS) expect(rows.some((r) => r.text === trap), trap).toBe(true);
    expect(rows.map((r) => r.text)).toContain(MULTILINGUAL);
    expect(rows.map((r) => r.text)).toContain(' padded ');
    const raw = readFileSync(path.join(dir, 'items.csv'), 'utf8');
    expect(raw).toContain('"=1+1"');
    expect(raw).not.toContain("'=1+1");
  });

  it('joins a multi-valued field with its separator, and writes an empty list as a missing value', () => {
    const table = EDGE_SCHEMA.tables.find((t) => t.name === 'items')!;
    const rows = readCsvText(csvText(table, EDGE.data.items!));
    expect(rows.map((r) => r.tags)).toEqual(EDGE.data.items!.map((r) => (Array.isArray(r.tags) ? r.tags.join('; ') : '')));
    expect(rows.find((r) => r.item_id === 'i04')!.tags).toBe('x;y; 胡春华');
  });
});

function readCsvText(text: string): Record<string, string>[] {
  const file = path.join(releases[1]!.dir, 'items.csv');
  expect(readFileSync(file, 'utf8')).toBe(text);
  return readCsv(file);
}

describe('the CSV writer', () => {
  it('writes the bytes csv-stringify writes, for the edge fixture and for random text', () => {
    for (const t of EDGE_SCHEMA.tables) {
      const rows = EDGE.data[t.name] ?? [];
      expect(csvLines(t, rows), t.name).toBe(csvLinesByLibrary(t, rows));
    }
    const items = EDGE_SCHEMA.tables.find((t) => t.name === 'items')!;
    const text = items.fields.find((f) => f.type === 'string' && !f.required && f.separator === undefined)!;
    const pieces = ['"', ',', '\r\n', '\n', ' ', '=1', '胡', '𠀀', 'Ж', '""', ''];
    const base = EDGE.data.items![0]!;
    const rows = Array.from({ length: 200 }, (_, i) => ({ ...base, [text.name]: pieces.slice(i % 7, (i % 7) + 1 + (i % 4)).join('x') }));
    expect(csvLines(items, rows)).toBe(csvLinesByLibrary(items, rows));
  });
});
