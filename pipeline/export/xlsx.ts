/**
 * The spreadsheet workbook, `<dataset>.xlsx` (Office Open XML, written with
 * exceljs): a first sheet that explains the dataset (title, version,
 * citation, licence, sources, and the data dictionary generated from the
 * schema), then one sheet per table.
 *
 * What a spreadsheet user gets on a double click:
 * - the header row frozen, bold on a grey fill, with filter buttons;
 * - dates as date cells (a day number formatted yyyy-mm-dd), integers and
 *   numbers as numbers, booleans as TRUE/FALSE, multi-valued fields as text
 *   joined by their separator, missing values as empty cells;
 * - long text wrapped in wide columns;
 * - no formula cells, ever: every text is written as a text cell, so one
 *   that starts with =, +, - or @ stays the text it is.
 *
 * Identical bytes on every build: the document properties carry the
 * release day from schema/dataset.yaml instead of the clock, and the zip is
 * repacked with fflate with a fixed timestamp (exceljs stamps every entry
 * with the current time).
 */
import ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { PipelineError } from '../lib/errors.ts';
import type { DatasetSchema, FieldSpec, Row, TableSchema, Value } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import { datasetCitation, plainCitation } from './citation.ts';
import { cellText } from './csv.ts';

export const STEP = { id: 'export/xlsx', version: '1.0.0' };

/** Name of the first sheet; no table may take it. */
export const ABOUT_SHEET = 'About';
export const DATE_FORMAT = 'yyyy-mm-dd';
/** Text longer than this makes its column wide and wrapped. */
const LONG_TEXT = 60;
const WIDE = 80;
/**
 * Zip entries are stamped 1980-01-01 00:00 local time, made at each call:
 * the DOS time a zip stores has no time zone, and fflate reads the local
 * fields of the Date, so the bytes are the same in every zone.
 */
const zipTime = (): Date => new Date(1980, 0, 1);

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const HEADER_BORDER: Partial<ExcelJS.Borders> = { bottom: { style: 'thin' } };

/** Excel's rules for sheet names: at most 31 characters, none of []:*?/\ . */
function checkSheetName(name: string): void {
  if (name.length > 31 || /[[\]:*?/\\]/.test(name) || name.toLowerCase() === ABOUT_SHEET.toLowerCase()) {
    throw new PipelineError('schema/invalid', `table name ${JSON.stringify(name)} cannot name a workbook sheet`, {
      value: name,
      expected: `at most 31 characters, none of []:*?/\\, and not "${ABOUT_SHEET}"`,
    });
  }
}

/** The cell value of a field: a Date for dates, numbers and booleans as such, text for the rest. */
export function cellValue(f: FieldSpec, v: Value | undefined): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null;
  if (f.separator !== undefined) return cellText(f, v);
  switch (f.type) {
    case 'date':
      return new Date(Date.parse(`${String(v)}T00:00:00Z`));
    case 'integer':
    case 'number':
      return v as number;
    case 'boolean':
      return v as boolean;
    case 'string':
      // exceljs writes a plain string as a text cell (shared string); only a
      // { formula } object becomes a formula, and none is ever made here.
      return String(v);
  }
}

function typeLabel(f: FieldSpec): string {
  const base = f.separator !== undefined ? `list of ${f.type} (joined by "${f.separator}")` : f.type;
  return f.categorical ? `${base}, categorical` : base;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = HEADER_BORDER;
    c.alignment = { vertical: 'top' };
  });
}

function addAboutSheet(wb: ExcelJS.Workbook, dataset: DatasetSchema, data: Record<string, Row[]>, sources: SourceMeta[]): void {
  const ws = wb.addWorksheet(ABOUT_SHEET);
  ws.columns = [{ width: 22 }, { width: 26 }, { width: 16 }, { width: 26 }, { width: 10 }, { width: WIDE }, { width: 40 }];
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
  const title = ws.addRow([dataset.title]);
  title.font = { bold: true, size: 14 };
  const pair = (label: string, value: ExcelJS.CellValue): void => {
    const r = ws.addRow([label, value]);
    r.getCell(1).font = { bold: true };
    r.getCell(1).alignment = { vertical: 'top' };
    r.getCell(2).alignment = wrap;
    // The explanation spans the sheet, so long text wraps in one wide block.
    ws.mergeCells(r.number, 2, r.number, 7);
  };
  ws.addRow([]);
  pair('Dataset', dataset.name);
  pair('Version', dataset.version);
  pair('Released', new Date(Date.parse(`${dataset.released}T00:00:00Z`)));
  ws.lastRow!.getCell(2).numFmt = DATE_FORMAT;
  ws.lastRow!.getCell(2).alignment = { horizontal: 'left', vertical: 'top' };
  pair('Description', dataset.description);
  pair('Cite as', datasetCitation(dataset, sources));
  for (const s of sources) pair('Source', `${plainCitation(s)} Publisher: ${s.publisher}. Text pinned by SHA-256 ${s.sha256}.`);
  pair('Licence', `${dataset.license.title} (${dataset.license.name}), ${dataset.license.path}. ${dataset.license.note ?? ''}`.trim());
  for (const t of dataset.tables) pair(`Sheet ${t.name}`, `${t.title}: ${data[t.name]?.length ?? 0} rows. ${t.description}`);
  pair('Cells', 'Dates are date cells (yyyy-mm-dd), numbers are numbers, and every text is a text cell, never a formula. '
    + 'A multi-valued field is one text cell with its items joined by the separator named in the dictionary. An empty cell is a missing value.');

  ws.addRow([]);
  const heading = ws.addRow(['Data dictionary']);
  heading.font = { bold: true, size: 12 };
  styleHeader(ws.addRow(['table', 'field', 'title', 'type', 'required', 'description', 'values']));
  for (const t of dataset.tables) {
    const keys = new Set(t.primary_key);
    for (const f of t.fields) {
      const fk = t.foreign_keys.find((k) => k.fields.includes(f.name));
      let desc = f.description;
      if (keys.has(f.name)) desc += ' Primary key.';
      if (fk) desc += ` Refers to ${fk.reference.resource}.${fk.reference.fields.join(', ')}.`;
      const r = ws.addRow([t.name, f.name, f.title, typeLabel(f), f.required ? 'yes' : 'no', desc, f.enum ? f.enum.join(', ') : null]);
      r.eachCell((c) => (c.alignment = wrap));
    }
  }
  for (const vocab of Object.values(dataset.vocabularies)) {
    ws.addRow([]);
    const h = ws.addRow([`Vocabulary ${vocab.name}`]);
    h.font = { bold: true, size: 12 };
    styleHeader(ws.addRow(['value', 'definition']));
    for (const v of vocab.values) {
      const r = ws.addRow([v.value, v.definition]);
      ws.mergeCells(r.number, 2, r.number, 7);
      r.eachCell((c) => (c.alignment = wrap));
    }
  }
}

function addTableSheet(wb: ExcelJS.Workbook, table: TableSchema, rows: Row[]): void {
  checkSheetName(table.name);
  const ws = wb.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }] });
  const longest = (f: FieldSpec): number => Math.max(f.name.length, ...rows.map((r) => (cellText(f, r[f.name]) ?? '').length));
  ws.columns = table.fields.map((f) => {
    const n = longest(f);
    const long = n > LONG_TEXT && (f.type === 'string' || f.separator !== undefined);
    const style: Partial<ExcelJS.Style> = { alignment: { vertical: 'top', wrapText: long } };
    if (f.type === 'date' && f.separator === undefined) style.numFmt = DATE_FORMAT;
    return { key: f.name, width: long ? WIDE : Math.min(Math.max(n + 2, f.type === 'date' ? 12 : 8), 40), style };
  });
  styleHeader(ws.addRow(table.fields.map((f) => f.name)));
  for (const row of rows) ws.addRow(table.fields.map((f) => cellValue(f, row[f.name])));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.fields.length } };
}

const CR = 0x0d;
const CR_REF = new TextEncoder().encode('&#13;');

/**
 * A carriage return written as a character reference. XML parsers turn a
 * literal CR LF into LF (XML 1.0, 2.11 End-of-Line Handling), so a text with
 * CR LF would come back changed; exceljs writes it literally. A UTF-8 byte
 * 0x0D is always a CR, and the only ones exceljs writes are in text.
 */
export function escapeCarriageReturns(xml: Uint8Array): Uint8Array {
  if (!xml.includes(CR)) return xml;
  const parts: number[] = [];
  for (const b of xml) {
    if (b === CR) parts.push(...CR_REF);
    else parts.push(b);
  }
  return Uint8Array.from(parts);
}

/** Re-zip with a fixed timestamp and fixed compression, in the writer's entry order. */
export function repackZip(bytes: Uint8Array): Uint8Array {
  const entries = unzipSync(bytes);
  const mtime = zipTime();
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/')) continue; // directory entries carry nothing
    out[name] = [name.endsWith('.xml') ? escapeCarriageReturns(data) : data, { mtime, level: 6 }];
  }
  return zipSync(out, { mtime, level: 6 });
}

export async function workbookBytes(dataset: DatasetSchema, data: Record<string, Row[]>, sources: SourceMeta[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const released = new Date(Date.parse(`${dataset.released}T00:00:00Z`));
  wb.creator = dataset.creators.map((c) => c.name).join('; ');
  wb.lastModifiedBy = wb.creator;
  wb.created = released;
  wb.modified = released;
  wb.title = dataset.title;
  wb.subject = `${dataset.name} ${dataset.version}`;
  wb.keywords = dataset.keywords.join(', ');
  wb.description = dataset.description;
  addAboutSheet(wb, dataset, data, sources);
  for (const table of dataset.tables) addTableSheet(wb, table, data[table.name] ?? []);
  const written = await wb.xlsx.writeBuffer();
  return repackZip(new Uint8Array(written as ArrayBuffer));
}
