/**
 * Records → CSV as RFC 4180 describes it: a header row of the schema's field
 * names, CRLF line ends, nulls as empty fields, booleans as true/false and
 * dates as YYYY-MM-DD.
 *
 * Policies, written down in the README ("CSV and spreadsheets"):
 * - Encoding: UTF-8 **without** a byte-order mark. A BOM makes Excel guess
 *   UTF-8 on a double click, but it ends up in the first column name for
 *   Python's csv module, cut, join, awk and many loaders, and the release
 *   ships a workbook (<dataset>.xlsx) for spreadsheet users. The descriptors
 *   (datapackage.json, CSVW) declare the encoding.
 * - Quoting tells text from the rest: every value of a text field (type
 *   string, and multi-valued fields) is quoted; integers, numbers, dates and
 *   booleans never are. LibreOffice's "Format quoted field as text" then
 *   keeps every text a text (no number, date or formula guessing), while
 *   dates and numbers are still recognized.
 * - Values are data, never altered: a text that starts with =, +, - or @ is
 *   written as it is (no apostrophe prefix). Spreadsheet safety is the
 *   workbook's job, where every text is a text cell, and the README's import
 *   settings'.
 * - Multi-valued fields: the items joined by the field's separator (e.g.
 *   "; "), declared in datapackage.json (list delimiter) and CSVW (separator).
 */
import { stringify } from 'csv-stringify/sync';
import type { FieldSpec, Row, TableSchema, Value } from '../lib/schema.ts';

export const STEP = { id: 'export/csv', version: '1.1.0' };

/** The byte-order-mark policy, also asserted by the tests: none. */
export const CSV_BOM = false;

/** Fields written as quoted text. */
export function isTextField(f: FieldSpec): boolean {
  return f.type === 'string' || f.separator !== undefined;
}

/** A value as CSV and the workbook's text cells write it. */
export function cellText(f: FieldSpec, v: Value | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.length === 0 ? null : v.map(String).join(f.separator);
  return typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
}

export function csvText(table: TableSchema, rows: Row[]): string {
  const columns = table.fields.map((f) => f.name);
  return stringify(
    rows.map((r) =>
      table.fields.map((f) => {
        const text = cellText(f, r[f.name]);
        return text === null ? null : { value: text, quoted: isTextField(f) };
      }),
    ),
    {
      header: true,
      columns,
      bom: CSV_BOM,
      record_delimiter: '\r\n',
      escape_formulas: false,
      // Each cell is { value, quoted }: csv-stringify reads an object returned
      // by a cast as the value with its own options.
      cast: { object: (cell) => cell as unknown as string },
    },
  );
}
