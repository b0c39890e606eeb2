/**
 * The spreadsheet workbook, `<dataset>.xlsx` (Office Open XML,
 * SpreadsheetML): a first sheet that explains the dataset (title, version,
 * citation, licence, sources, and the data dictionary generated from the
 * schema), then one sheet per table.
 *
 * What a spreadsheet user gets on a double click:
 * - the header row frozen, bold on a grey fill, with filter buttons;
 * - dates as date cells (a day number formatted yyyy-mm-dd), integers and
 *   numbers as numbers, booleans as TRUE/FALSE, multi-valued fields as text
 *   joined by their separator, missing values as empty cells;
 * - long text wrapped in wide columns;
 * - no formula cells, ever: every text is an inline string cell, so one
 *   that starts with =, +, - or @ stays the text it is.
 *
 * The sheets' XML is written here, row by row, straight into a zip stream
 * (fflate), not through exceljs. exceljs's streaming writer builds a cell
 * object, a style model and an XML node for every cell: on the 100-chapter
 * corpus (about 130,000 rows) it took 8.1 s of CPU, more than every other
 * writer of the release together, even with its style lookup short-cut;
 * the few kinds of cell a release holds (inline text, number, boolean, date
 * serial, each with one of a handful of fixed styles) are a few lines of
 * XML each, and this writer spends a fraction of that (docs/architecture.md,
 * "The export's writers", has the figures). exceljs stays the reader the
 * tests check the workbook with.
 *
 * Memory holds one row's XML and a slice of the zip's output: each slice is
 * handed to the sink, and waited on, before the next rows are taken. Texts
 * are inline strings (a shared-string table would hold every distinct text
 * of the workbook until the end).
 *
 * A sheet holds at most 1,048,576 rows (Excel's limit, header included); a
 * longer table goes on in continuation sheets, "events (2)", "events (3)",
 * each with the header, and the About sheet says where each table's rows are.
 *
 * Identical bytes on every build: the document properties carry the
 * release day from schema/dataset.yaml instead of the clock, every zip
 * entry is stamped 1980-01-01 00:00, and every part is written in a fixed
 * order.
 */
import { Zip } from 'fflate';
import { PipelineError } from '../lib/errors.ts';
import type { DatasetSchema, FieldSpec, Row, TableSchema, Value } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import { datasetCitation, plainCitation } from './citation.ts';
import { cellText } from './csv.ts';
import { ZlibEntry } from './zlib-entry.ts';
import { fileSink, memorySink, tableStats, TextSink, type ByteSink, type TableStats, type TableWriter } from './writer.ts';

export const STEP = { id: 'export/xlsx', version: '3.0.0' };

/** Name of the first sheet; no table may take it. */
export const ABOUT_SHEET = 'About';
export const DATE_FORMAT = 'yyyy-mm-dd';
/** Text longer than this makes its column wide and wrapped. */
const LONG_TEXT = 60;
const WIDE = 80;

/** Excel's greatest number of rows in a sheet, the header row included. */
export const SHEET_ROWS = 1_048_576;
/**
 * DEFLATE level of every entry. On the 100-chapter corpus zlib's 6 cost
 * about 0.5 s more CPU than its 1 for a file a fifth smaller (at level 1,
 * 9.8 MB; exceljs's was 19.6 MB): the workbook is for opening, and the
 * release zip compresses it again.
 */
const DEFLATE_LEVEL = 1;

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

/** Lines a text takes in a column of the given width: one per paragraph at least, a paragraph broken at CR LF, LF or CR. */
function wrappedLines(text: string, width: number): number {
  // Text wraps at word boundaries, so a line holds a little less than the width.
  const perLine = Math.max(1, Math.floor(width * 1.1) - 2);
  // No character is wider than two units: a short text without a break is one line, uncounted.
  if (text.length * 2 <= perLine && !/[\r\n]/.test(text)) return 1;
  let lines = 0;
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      lines += Math.max(1, Math.ceil(units / perLine));
      units = 0;
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    units += charWidth(c);
  }
  return lines + Math.max(1, Math.ceil(units / perLine));
}

/**
 * The height a row needs to show its wrapped texts, estimated from their
 * length and their column's width. Neither Excel nor LibreOffice grows a row
 * to fit wrapped text when it opens a file (and never for merged cells), so
 * the workbook sets it. Deterministic: a function of the text only.
 */
export function wrappedRowHeight(cells: { text: string; width: number }[]): number | undefined {
  let lines = 1;
  for (const { text, width } of cells) lines = Math.max(lines, wrappedLines(text, width));
  return lines > 1 ? Math.min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT) : undefined;
}

/** The first day Excel shows as a date without error. */
export const FIRST_EXCEL_DATE = '1900-03-01';

/** What a cell holds: a Date for dates, numbers and booleans as such, text for the rest, null when empty. */
export type CellValue = string | number | boolean | Date | null;

/** The cell value of a field: a Date for dates, numbers and booleans as such, text for the rest. */
export function cellValue(f: FieldSpec, v: Value | undefined): CellValue {
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
      return String(v);
  }
}

/** Days from Excel's day 0 (1899-12-30, counting its 29 February 1900) to 1970-01-01. */
const EPOCH_SERIAL = 25_569;
const DAY_MS = 86_400_000;

/** The serial number Excel stores for a day from March 1900 on (the caller keeps earlier days as text). */
function daySerial(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS + EPOCH_SERIAL;
}

/*
 * Characters XML 1.0 cannot hold (C0 controls other than tab, LF and CR)
 * are dropped, as exceljs did; a carriage return is written as &#13;,
 * because a parser turns a literal CR LF into LF (XML 1.0, 2.11) and the
 * text would come back changed.
 */
const NEEDS_ESCAPE = /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const ESCAPED = /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

/** A text as XML character data (and attribute values, which are always double-quoted here). */
function xmlText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPED, (c) => ENTITY[c] ?? '') : s;
}

/** Whether a reader could trim the text: it starts or ends with white space, or holds a line break. */
function needsPreserve(s: string): boolean {
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  // Printable ASCII at both ends and no LF is the common case; anything else asks the regular expression.
  if (first > 32 && first < 127 && last > 32 && last < 127 && !s.includes('\n')) return false;
  return /^\s|\s$|\n/.test(s);
}

/**
 * A text cell as an inline string. A plain "str" cell would lose leading
 * and trailing spaces and carriage returns in LibreOffice, which reads its
 * value as a formula result; xml:space keeps the spaces a reader would trim.
 * `ref` is the cell's ` r="…"` attribute, or nothing for the cell right
 * after the one before it.
 */
function textCell(ref: string, style: number, s: string): string {
  const space = needsPreserve(s) ? ' xml:space="preserve"' : '';
  return `<c${ref}${styleAttr(style)} t="inlineStr"><is><t${space}>${xmlText(s)}</t></is></c>`;
}

const styleAttr = (style: number): string => (style === S.top ? '' : ` s="${style}"`);

/** Column letters: A … Z, AA … */
function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/*
 * The styles part, fixed: every cell of the workbook takes one of these
 * formats (cellXfs, by index). The default font is Calibri 11, as Excel's.
 * The default format (0), which a cell without a style attribute takes, is
 * aligned to the top like every cell here: most cells then need no
 * attribute, six bytes fewer a cell to write and compress.
 */
const S = { top: 0, title: 1, label: 2, wrap: 3, released: 4, heading: 5, header: 6, date: 7 } as const;
const STYLES_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
  + `<numFmts count="1"><numFmt numFmtId="164" formatCode="${DATE_FORMAT}"/></numFmts>`
  + '<fonts count="4">'
  + '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
  + '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>'
  + '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
  + '<font><b/><sz val="12"/><name val="Calibri"/><family val="2"/></font>'
  + '</fonts>'
  + '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
  + '<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill></fills>'
  + '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
  + '<border><left/><right/><top/><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="8">'
  + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>'
  + '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
  + '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>'
  + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
  + '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="left" vertical="top"/></xf>'
  + '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
  + '<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>'
  + '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf>'
  + '</cellXfs>'
  + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
  + '<dxfs count="0"/><tableStyles count="0"/>'
  + '</styleSheet>';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PAGE_MARGINS = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';

/** The zip of a workbook onto a sink: one entry at a time, its bytes handed on as they are made. */
class WorkbookZip {
  private readonly zip: Zip;
  private readonly out: Uint8Array[] = [];
  private failure: Error | null = null;
  private entry: ZlibEntry | null = null;
  private readonly encoder = new TextEncoder();

  constructor(private readonly sink: ByteSink) {
    this.zip = new Zip((err, chunk) => {
      if (err) this.failure = err;
      else this.out.push(chunk);
    });
  }

  /** Starts the next entry; the previous one must be ended. */
  begin(name: string): void {
    if (this.entry) throw new Error(`workbook entry ${name} begun while another is open`);
    this.entry = new ZlibEntry(name, DEFLATE_LEVEL);
    this.zip.add(this.entry);
  }

  /** Compresses bytes of the open entry and hands what the zip made so far to the sink. */
  async push(bytes: Uint8Array): Promise<void> {
    await this.entry!.push(bytes);
    await this.flush();
  }

  /** Ends the open entry. */
  async end(): Promise<void> {
    const entry = this.entry!;
    this.entry = null;
    await entry.end();
    await this.flush();
  }

  async file(name: string, text: string): Promise<void> {
    this.begin(name);
    await this.push(this.encoder.encode(text));
    await this.end();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.out.length > 0) await this.sink.write(this.out.shift()!);
  }

  async close(): Promise<void> {
    this.zip.end();
    await this.flush();
    await this.sink.close();
  }
}

/** One sheet's XML as it is written: encoded a few thousand characters at a time (see TextSink), compressed a megabyte at a time. */
class SheetXml {
  private readonly text: TextSink;
  /** Number of the next row. */
  row = 1;

  constructor(zip: WorkbookZip) {
    this.text = new TextSink({ write: (bytes) => zip.push(bytes), close: () => zip.end() });
  }

  async add(xml: string): Promise<void> {
    this.text.add(xml);
    if (this.text.ready) await this.text.flush();
  }

  /** Hands on what was added; `final` ends the sheet's entry. */
  drain(final = false): Promise<void> {
    return final ? this.text.close() : this.text.flush();
  }
}

/** A row's opening tag, with its height when its text needs more than one line. */
function rowOpen(n: number, height: number | undefined): string {
  return height ? `<row r="${n}" ht="${height}" customHeight="1">` : `<row r="${n}">`;
}

function typeLabel(f: FieldSpec): string {
  const base = f.separator !== undefined ? `list of ${f.type} (joined by "${f.separator}")` : f.type;
  return f.categorical ? `${base}, categorical` : base;
}

/** The sheets a table's rows go on: the table's name, then "name (2)", "name (3)"… */
export function sheetNames(table: string, rows: number, sheetRows = SHEET_ROWS): string[] {
  const sheets = Math.max(1, Math.ceil(rows / (sheetRows - 1)));
  return Array.from({ length: sheets }, (_, i) => (i === 0 ? table : `${table} (${i + 1})`));
}

/** The About sheet's XML, whole: it is a few hundred rows whatever the data's size. */
function aboutSheet(dataset: DatasetSchema, stats: Map<string, TableStats>, sources: SourceMeta[], sheetRows: number): string {
  const widths = [22, 26, 16, 26, 10, WIDE, 40];
  const mergedWidth = widths.slice(1).reduce((a, b) => a + b, 0);
  const rows: string[] = [];
  const merges: string[] = [];
  let n = 0;
  const row = (cells: [style: number, value: string | number | null][], height?: number): void => {
    n++;
    let xml = rowOpen(n, height);
    cells.forEach(([style, v], i) => {
      if (v === null || v === '') return;
      const ref = ` r="${columnName(i)}${n}"`;
      xml += typeof v === 'number' ? `<c${ref}${styleAttr(style)}><v>${v}</v></c>` : textCell(ref, style, v);
    });
    rows.push(`${xml}</row>`);
  };
  const blank = (): void => void n++;
  // The explanation spans the sheet, so long text wraps in one wide block.
  const merged = (): void => void merges.push(`<mergeCell ref="B${n}:G${n}"/>`);
  const pair = (label: string, value: string): void => {
    row([[S.label, label], [S.wrap, value]], wrappedRowHeight([{ text: value, width: mergedWidth }]));
    merged();
  };

  row([[S.title, dataset.title]]);
  blank();
  pair('Dataset', dataset.name);
  pair('Version', dataset.version);
  row([[S.label, 'Released'], [S.released, daySerial(dataset.released)]]);
  merged();
  pair('Description', dataset.description);
  pair('Cite as', datasetCitation(dataset, sources));
  for (const s of sources) pair('Source', `${plainCitation(s)} Publisher: ${s.publisher}. Text pinned by SHA-256 ${s.sha256}.`);
  pair('Licence', `${dataset.license.title} (${dataset.license.name}), ${dataset.license.path}. ${dataset.license.note ?? ''}`.trim());
  for (const t of dataset.tables) {
    const count = stats.get(t.name)?.rows ?? 0;
    const names = sheetNames(t.name, count, sheetRows);
    const split = names.length > 1
      ? ` The rows fill ${names.length} sheets, ${names.join(', ')}, of at most ${(sheetRows - 1).toLocaleString('en-US')} rows each; the CSV holds them all in one file.`
      : '';
    pair(`Sheet ${t.name}`, `${t.title}: ${count} rows. ${t.description}${split}`);
  }
  pair('Cells', 'Dates are date cells (yyyy-mm-dd), except days before March 1900, which Excel cannot show, written as yyyy-mm-dd text; numbers are numbers, and every text is a text cell, never a formula. '
    + 'A multi-valued field is one text cell with its items joined by the separator named in the dictionary. An empty cell is a missing value.');

  blank();
  row([[S.heading, 'Data dictionary']]);
  row(['table', 'field', 'title', 'type', 'required', 'description', 'values'].map((h) => [S.header, h]));
  for (const t of dataset.tables) {
    const keys = new Set(t.primary_key);
    for (const f of t.fields) {
      const fk = t.foreign_keys.find((k) => k.fields.includes(f.name));
      let desc = f.description;
      if (keys.has(f.name)) desc += ' Primary key.';
      if (fk) desc += ` Refers to ${fk.reference.resource}.${fk.reference.fields.join(', ')}.`;
      const cells = [t.name, f.name, f.title, typeLabel(f), f.required ? 'yes' : 'no', desc, f.enum ? f.enum.join(', ') : ''];
      row(cells.map((c) => [S.wrap, c]), wrappedRowHeight(cells.map((text, i) => ({ text, width: widths[i]! }))));
    }
  }
  for (const vocab of Object.values(dataset.vocabularies)) {
    blank();
    row([[S.heading, `Vocabulary ${vocab.name}`]]);
    row([[S.header, 'value'], [S.header, 'definition']]);
    for (const v of vocab.values) {
      row([[S.wrap, v.value], [S.wrap, v.definition]], wrappedRowHeight([{ text: v.definition, width: mergedWidth }]));
      merged();
    }
  }
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`
    + '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>'
    + `<sheetFormatPr defaultRowHeight="${LINE_HEIGHT}"/><cols>${cols}</cols>`
    + `<sheetData>${rows.join('')}</sheetData>`
    + `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>${PAGE_MARGINS}</worksheet>`;
}

/** How a field's cells are written. */
interface Column {
  f: FieldSpec;
  name: string;
  letter: string;
  wrap: boolean;
  width: number;
  /** Style of its cells: dates formatted as days, long text wrapped, everything aligned to the top. */
  style: number;
  /** The style as a cell's attribute (none for the default). */
  attr: string;
  kind: 'text' | 'number' | 'boolean' | 'date';
}

/** Column widths and wrapping from the longest text of each field. */
function tableLayout(table: TableSchema, stats: TableStats | undefined): Column[] {
  return table.fields.map((f, i) => {
    const n = Math.max(f.name.length, stats?.longest.get(f.name) ?? 0);
    // Text longer than the widest column wraps; shorter text gets a column that fits it.
    const wrap = (f.type === 'string' || f.separator !== undefined) && n > LONG_TEXT;
    const width = wrap ? WIDE : Math.min(Math.max(n + 2, f.type === 'date' ? 12 : 8), LONG_TEXT + 2);
    const kind = f.separator !== undefined || f.type === 'string' ? 'text' : f.type === 'integer' ? 'number' : f.type;
    const style = wrap ? S.wrap : kind === 'date' ? S.date : S.top;
    return { f, name: f.name, letter: columnName(i), wrap, width, style, attr: styleAttr(style), kind };
  });
}

/** A table sheet's XML before its rows: the frozen header, the column widths and styles, the header row. */
function sheetOpening(layout: Column[]): string {
  const cols = layout.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" style="${c.style}" customWidth="1"/>`).join('');
  const header = layout.map((c) => textCell(` r="${c.letter}1"`, S.header, c.name)).join('');
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`
    + '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    + '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    + `<sheetFormatPr defaultRowHeight="${LINE_HEIGHT}"/><cols>${cols}</cols>`
    + `<sheetData><row r="1">${header}</row>`;
}

function sheetClosing(layout: Column[]): string {
  return `</sheetData><autoFilter ref="A1:${layout[layout.length - 1]!.letter}1"/>${PAGE_MARGINS}</worksheet>`;
}

/**
 * One data row's XML. A cell's reference is written only where a missing
 * cell comes before it (or it is the row's first): SpreadsheetML lets a
 * cell without one be the next column, which Excel, LibreOffice, openpyxl
 * and exceljs read so, and it is a tenth of the sheet's bytes.
 */
function rowXml(layout: Column[], wrapped: Column[], row: Row, n: number): string {
  let height: number | undefined;
  if (wrapped.length > 0) {
    let lines = 1;
    for (const c of wrapped) {
      const text = cellText(c.f, row[c.name]);
      if (text !== null) lines = Math.max(lines, wrappedLines(text, c.width));
    }
    if (lines > 1) height = Math.min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT);
  }
  let xml = rowOpen(n, height);
  // The first cell always names itself: exceljs places a cell without a reference after the one before it only.
  let next = -1;
  for (let j = 0; j < layout.length; j++) {
    const c = layout[j]!;
    const v = row[c.name];
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    const ref = j === next ? '' : ` r="${c.letter}${n}"`;
    next = j + 1;
    switch (c.kind) {
      case 'text':
        xml += textCell(ref, c.style, cellText(c.f, v)!);
        break;
      case 'number':
        xml += `<c${ref}${c.attr}><v>${v as number}</v></c>`;
        break;
      case 'boolean':
        xml += `<c${ref}${c.attr} t="b"><v>${v ? 1 : 0}</v></c>`;
        break;
      case 'date': {
        const day = String(v);
        xml += day < FIRST_EXCEL_DATE ? textCell(ref, S.top, day) : `<c${ref}${c.attr}><v>${daySerial(day)}</v></c>`;
        break;
      }
    }
  }
  return `${xml}</row>`;
}

export interface WorkbookOptions {
  /** Rows a sheet may hold, header included (Excel's limit unless a test sets a smaller one). */
  sheetRows?: number;
}

export interface WorkbookWriter {
  /** Starts the sheet(s) of the next table; the previous table's writer must be closed first. */
  beginTable(table: TableSchema): Promise<TableWriter>;
  close(): Promise<void>;
}

/** The workbook's package parts other than its sheets, once every sheet's name is known. */
function packageParts(dataset: DatasetSchema, sheets: string[]): [string, string][] {
  const sheetParts = sheets.map((_, i) => `worksheets/sheet${i + 1}.xml`);
  const types = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    + sheetParts.map((p) => `<Override PartName="/xl/${p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')
    + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    + '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    + '</Types>';
  const rels = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
    + `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>`
    + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    + `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>`
    + '</Relationships>';
  const workbook = `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`
    + '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'
    + sheets.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 2}"/>`).join('')
    + '</sheets></workbook>';
  const workbookRels = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
    + `<Relationship Id="rId1" Type="${REL_NS}/styles" Target="styles.xml"/>`
    + sheetParts.map((p, i) => `<Relationship Id="rId${i + 2}" Type="${REL_NS}/worksheet" Target="${p}"/>`).join('')
    + '</Relationships>';
  const creator = xmlText(dataset.creators.map((c) => c.name).join('; '));
  const released = `${dataset.released}T00:00:00Z`;
  const core = `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
    + `<dc:creator>${creator}</dc:creator><dc:title>${xmlText(dataset.title)}</dc:title><dc:subject>${xmlText(`${dataset.name} ${dataset.version}`)}</dc:subject>`
    + `<dc:description>${xmlText(dataset.description)}</dc:description><cp:keywords>${xmlText(dataset.keywords.join(', '))}</cp:keywords>`
    + `<cp:lastModifiedBy>${creator}</cp:lastModifiedBy>`
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${released}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${released}</dcterms:modified>`
    + '</cp:coreProperties>';
  const app = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`
    + `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>`
    + `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${sheets.map((s) => `<vt:lpstr>${xmlText(s)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>`
    + '</Properties>';
  return [
    ['xl/workbook.xml', workbook],
    ['xl/_rels/workbook.xml.rels', workbookRels],
    ['xl/styles.xml', STYLES_XML],
    ['docProps/core.xml', core],
    ['docProps/app.xml', app],
    ['_rels/.rels', rels],
    ['[Content_Types].xml', types],
  ];
}

/**
 * A workbook writer onto a sink: the About sheet at once, from the tables'
 * statistics, then each table's sheets as its rows come; the workbook's
 * list of sheets, its styles and properties at the close.
 */
export async function workbookWriter(
  sink: ByteSink,
  dataset: DatasetSchema,
  sources: SourceMeta[],
  stats: Map<string, TableStats>,
  options: WorkbookOptions = {},
): Promise<WorkbookWriter> {
  const sheetRows = options.sheetRows ?? SHEET_ROWS;
  for (const table of dataset.tables) {
    checkSheetName(table.name);
    for (const name of sheetNames(table.name, stats.get(table.name)?.rows ?? 0, sheetRows)) checkSheetName(name);
  }
  const zip = new WorkbookZip(sink);
  const sheets: string[] = [ABOUT_SHEET];
  await zip.file('xl/worksheets/sheet1.xml', aboutSheet(dataset, stats, sources, sheetRows));
  let open = false;

  /** Starts a sheet: its zip entry and the XML before its first data row. */
  const startSheet = async (name: string, layout: Column[]): Promise<SheetXml> => {
    checkSheetName(name);
    sheets.push(name);
    zip.begin(`xl/worksheets/sheet${sheets.length}.xml`);
    const sheet = new SheetXml(zip);
    await sheet.add(sheetOpening(layout));
    sheet.row = 2;
    return sheet;
  };
  const endSheet = async (sheet: SheetXml, layout: Column[]): Promise<void> => {
    await sheet.add(sheetClosing(layout));
    await sheet.drain(true);
  };

  return {
    async beginTable(table) {
      if (open) throw new Error(`the workbook's previous table is still open when ${table.name} begins`);
      open = true;
      const layout = tableLayout(table, stats.get(table.name));
      const wrapped = layout.filter((c) => c.wrap);
      const names = sheetNames(table.name, stats.get(table.name)?.rows ?? 0, sheetRows);
      let index = 0;
      let sheet = await startSheet(names[0]!, layout);
      return {
        async write(rows) {
          for (const row of rows) {
            if (sheet.row > sheetRows) {
              // A sheet is full: the rest of the table goes on the next one.
              await endSheet(sheet, layout);
              index++;
              sheet = await startSheet(names[index] ?? `${table.name} (${index + 1})`, layout);
            }
            await sheet.add(rowXml(layout, wrapped, row, sheet.row));
            sheet.row++;
          }
        },
        async close() {
          await endSheet(sheet, layout);
          open = false;
        },
      };
    },
    async close() {
      if (open) throw new Error('the workbook is closed while a table is still open');
      for (const [name, xml] of packageParts(dataset, sheets)) await zip.file(name, xml);
      await zip.close();
    },
  };
}

export function openWorkbook(
  file: string,
  dataset: DatasetSchema,
  sources: SourceMeta[],
  stats: Map<string, TableStats>,
  options: WorkbookOptions = {},
): Promise<WorkbookWriter> {
  return workbookWriter(fileSink(file), dataset, sources, stats, options);
}

export async function workbookBytes(dataset: DatasetSchema, data: Record<string, Row[]>, sources: SourceMeta[], options: WorkbookOptions = {}): Promise<Uint8Array> {
  const stats = new Map(dataset.tables.map((t) => [t.name, tableStats(t, data[t.name] ?? [])]));
  const sink = memorySink();
  const wb = await workbookWriter(sink, dataset, sources, stats, options);
  for (const table of dataset.tables) {
    const w = await wb.beginTable(table);
    await w.write(data[table.name] ?? []);
    await w.close();
  }
  await wb.close();
  return sink.bytes();
}
