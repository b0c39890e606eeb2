/** Readers for the release files, used by the tests to compare formats. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import { readParquet } from 'parquet-wasm';

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

/** A cell of an Arrow row as the CSV writes it. */
export function arrowCell(v: unknown, type: string): string {
  if (v === null || v === undefined) return '';
  if (type === 'date') return new Date(v as number).toISOString().slice(0, 10);
  return String(v);
}

export const file = (dir: string, name: string): string => path.join(dir, name);
