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

/** Points per line of the default font (Calibri 11), and Excel's greatest row height. */
const LINE_HEIGHT = 15;
const MAX_ROW_HEIGHT = 409;

/** Width of a character in column-width units: East Asian wide characters take two. */
function charWidth(cp: number): number {
  const wide = (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3)
    || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

/**
 * The height a row needs to show its wrapped texts, estimated from their
 * length and their column's width. Neither Excel nor LibreOffice grows a row
 * to fit wrapped text when it opens a file (and never for merged cells), so
 * the workbook sets it. Deterministic: a function of the text only.
 */
export function wrappedRowHeight(cells: { text: string; width: number }[]): number | undefined {
  let lines = 1;
  for (const { text, width } of cells) {
    // Text wraps at word boundaries, so a line holds a little less than the width.
    const perLine = Math.max(1, Math.floor(width * 1.1) - 2);
    let n = 0;
    for (const paragraph of text.split(/\r\n|\n|\r/)) {
      const units = Array.from(paragraph).reduce((sum, ch) => sum + charWidth(ch.codePointAt(0)!), 0);
      n += Math.max(1, Math.ceil(units / perLine));
    }
    lines = Math.max(lines, n);
  }
  return lines > 1 ? Math.min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT) : undefined;
}

/** The first day Excel shows as a date without error. */
export const FIRST_EXCEL_DATE = '1900-03-01';

/** The cell value of a field: a Date for dates, numbers and booleans as such, text for the rest. */
export function cellValue(f: FieldSpec, v: Value | undefined): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null;
  if (f.separator !== undefined) return cellText(f, v);
  switch (f.type) {
    case 'date':
      // Excel's dates begin in 1900 (and count a 29 February 1900 that never
      // was): an earlier day, such as the narrative's 1619, would show as #####
      // or shift by one, so it is written as its ISO text.
      if (String(v) < FIRST_EXCEL_DATE) return String(v);
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
  const widths = [22, 26, 16, 26, 10, WIDE, 40];
  ws.columns = widths.map((width) => ({ width }));
  const mergedWidth = widths.slice(1).reduce((a, b) => a + b, 0);
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
    const height = wrappedRowHeight([{ text: typeof value === 'string' ? value : '', width: mergedWidth }]);
    if (height) r.height = height;
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
  pair('Cells', 'Dates are date cells (yyyy-mm-dd), except days before March 1900, which Excel cannot show, written as yyyy-mm-dd text; numbers are numbers, and every text is a text cell, never a formula. '
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
      const cells = [t.name, f.name, f.title, typeLabel(f), f.required ? 'yes' : 'no', desc, f.enum ? f.enum.join(', ') : ''];
      const r = ws.addRow(cells.map((c) => (c === '' ? null : c)));
      r.eachCell((c) => (c.alignment = wrap));
      const height = wrappedRowHeight(cells.map((text, i) => ({ text, width: widths[i]! })));
      if (height) r.height = height;
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
      const height = wrappedRowHeight([{ text: v.definition, width: mergedWidth }]);
      if (height) r.height = height;
    }
  }
}

function addTableSheet(wb: ExcelJS.Workbook, table: TableSchema, rows: Row[]): void {
  checkSheetName(table.name);
  const ws = wb.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }] });
  const longest = (f: FieldSpec): number => Math.max(f.name.length, ...rows.map((r) => (cellText(f, r[f.name]) ?? '').length));
  const layout = table.fields.map((f) => {
    const n = longest(f);
    // Text longer than the widest column wraps; shorter text gets a column that fits it.
    const wrap = (f.type === 'string' || f.separator !== undefined) && n > LONG_TEXT;
    return { f, wrap, width: wrap ? WIDE : Math.min(Math.max(n + 2, f.type === 'date' ? 12 : 8), LONG_TEXT + 2) };
  });
  ws.columns = layout.map(({ f, wrap, width }) => {
    const style: Partial<ExcelJS.Style> = { alignment: { vertical: 'top', wrapText: wrap } };
    if (f.type === 'date' && f.separator === undefined) style.numFmt = DATE_FORMAT;
    return { key: f.name, width, style };
  });
  styleHeader(ws.addRow(table.fields.map((f) => f.name)));
  for (const row of rows) {
    const r = ws.addRow(table.fields.map((f) => cellValue(f, row[f.name])));
    const height = wrappedRowHeight(layout.filter((l) => l.wrap).map(({ f, width }) => ({ text: cellText(f, row[f.name]) ?? '', width })));
    if (height) r.height = height;
  }
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
