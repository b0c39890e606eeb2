/**
 * Records → CSV as RFC 4180 describes it: UTF-8 without a byte-order mark,
 * a header row of the schema's field names, CRLF line ends, fields quoted
 * only when they hold a comma, quote or line break, nulls as empty fields,
 * booleans as true/false and dates as YYYY-MM-DD.
 */
import { stringify } from 'csv-stringify/sync';
import type { Row, TableSchema } from '../lib/schema.ts';

export const STEP = { id: 'export/csv', version: '1.0.0' };

export function csvText(table: TableSchema, rows: Row[]): string {
  const columns = table.fields.map((f) => f.name);
  return stringify(
    rows.map((r) => columns.map((c) => {
      const v = r[c];
      if (v === null || v === undefined) return '';
      return typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
    })),
    { header: true, columns, record_delimiter: '\r\n', quoted_match: /^\s|\s$/ },
  );
}
