/** Readers for the release files, used by the tests to compare formats. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import { readParquet } from 'parquet-wasm';
import type { Row, TableSchema } from '../pipeline/lib/schema.ts';

export function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file), { columns: true, bom: false }) as Record<string, string>[];
}

export function readArrow(file: string): Table {
  return tableFromIPC(readFileSync(file));
}

export function readParquetTable(file: string): Table {
  return tableFromIPC(readParquet(readFileSync(file)).intoIPCStream());
}

export function readJsonld(file: string): { '@context': Record<string, unknown>; '@graph': Record<string, unknown>[] } {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** A cell of an Arrow row (or a JSON-LD value) as the CSV writes it; lists are joined by their separator. */
export function arrowCell(v: unknown, f: { type: string; separator?: string }): string {
  if (v === null || v === undefined) return '';
  if (f.separator !== undefined) {
    const items = Array.isArray(v) ? v : Array.from(v as Iterable<unknown>);
    return items.map((x) => arrowCell(x, { type: f.type })).join(f.separator);
  }
  if (f.type === 'date') return new Date(v as number).toISOString().slice(0, 10);
  return String(v);
}

/** A CSV row typed as the schema says: numbers, booleans, lists split by their separator, nulls for empty fields. */
export function typedRow(table: TableSchema, r: Record<string, string>): Row {
  const out: Row = {};
  for (const f of table.fields) {
    const v = r[f.name] ?? '';
    if (v === '') out[f.name] = null;
    else if (f.separator !== undefined) out[f.name] = v.split(f.separator);
    else if (f.type === 'integer' || f.type === 'number') out[f.name] = Number(v);
    else if (f.type === 'boolean') out[f.name] = v === 'true';
    else out[f.name] = v;
  }
  return out;
}

export const file = (dir: string, name: string): string => path.join(dir, name);

/**
 * A workbook as a spreadsheet user sees it: the pipeline writes every text
 * as an inline string of one run, which exceljs reads back as rich text;
 * here it becomes the plain text it holds, so that tests compare texts.
 */
export function plainTexts(wb: import('exceljs').Workbook): import('exceljs').Workbook {
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { richText?: { text: string }[] } | null;
        if (v && typeof v === 'object' && Array.isArray(v.richText)) cell.value = v.richText.map((r) => r.text).join('');
      }),
    ),
  );
  return wb;
}
