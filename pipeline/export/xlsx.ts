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
 * Written as it goes, with exceljs's streaming writer: each row is
 * committed to its sheet's XML, which is compressed into the zip and written
 * to the file before the next slice of rows is taken, so memory holds a few
 * thousand rows whatever the table's size. Texts are inline strings (a
 * shared-string table would hold every distinct text of the workbook until
 * the end).
 *
 * A sheet holds at most 1,048,576 rows (Excel's limit, header included); a
 * longer table goes on in continuation sheets, "events (2)", "events (3)",
 * each with the header, and the About sheet says where each table's rows are.
 *
 * Identical bytes on every build: the document properties carry the
 * release day from schema/dataset.yaml instead of the clock, and every zip
 * entry is stamped with a fixed time as it is added (exceljs would stamp
 * the current time).
 */
import { once } from 'node:events';
import { Transform, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { PipelineError } from '../lib/errors.ts';
import type { DatasetSchema, FieldSpec, Row, TableSchema, Value } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import { datasetCitation, plainCitation } from './citation.ts';
import { cellText } from './csv.ts';
import { fileSink, memorySink, tableStats, type ByteSink, type TableStats, type TableWriter } from './writer.ts';

export const STEP = { id: 'export/xlsx', version: '2.0.0' };

/** Name of the first sheet; no table may take it. */
export const ABOUT_SHEET = 'About';
export const DATE_FORMAT = 'yyyy-mm-dd';
/** Text longer than this makes its column wide and wrapped. */
const LONG_TEXT = 60;
const WIDE = 80;
/**
 * Zip entries are stamped 1980-01-01 00:00. The DOS time a zip stores has
 * no time zone; the zip writer (archiver, inside exceljs) reads the UTC
 * fields of the Date, so a UTC instant gives the same bytes in every zone.
 */
const ZIP_TIME = Date.UTC(1980, 0, 1);
const zipTime = (): Date => new Date(ZIP_TIME);

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const HEADER_BORDER: Partial<ExcelJS.Borders> = { bottom: { style: 'thin' } };

/** Excel's greatest number of rows in a sheet, the header row included. */
export const SHEET_ROWS = 1_048_576;
/** Rows committed between two waits for the zip to take them. */
const SLICE_ROWS = 1_000;

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
      // exceljs writes a plain string as a text cell (an inline string in
      // the streaming writer); only a { formula } object becomes a formula,
      // and none is ever made here.
      return String(v);
  }
}

/**
 * A text as an inline string (<is><t xml:space="preserve">…</t></is>): a
 * shared-string table would hold every text until the end of the workbook,
 * and a plain "str" cell loses leading and trailing spaces and carriage
 * returns in LibreOffice, which reads its value as a formula result.
 */
export function sheetCell(v: ExcelJS.CellValue): ExcelJS.CellValue {
  return typeof v === 'string' ? { richText: [{ text: v }] } : v;
}

/** Every row of every sheet goes through here, so that no text is ever a plain "str" cell. */
function addTextRow(ws: ExcelJS.Worksheet, values: ExcelJS.CellValue[]): ExcelJS.Row {
  return ws.addRow(values.map(sheetCell));
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

/** The sheets a table's rows go on: the table's name, then "name (2)", "name (3)"… */
export function sheetNames(table: string, rows: number, sheetRows = SHEET_ROWS): string[] {
  const sheets = Math.max(1, Math.ceil(rows / (sheetRows - 1)));
  return Array.from({ length: sheets }, (_, i) => (i === 0 ? table : `${table} (${i + 1})`));
}

function addAboutSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, dataset: DatasetSchema, stats: Map<string, TableStats>, sources: SourceMeta[], sheetRows: number): void {
  const ws = wb.addWorksheet(ABOUT_SHEET);
  const widths = [22, 26, 16, 26, 10, WIDE, 40];
  ws.columns = widths.map((width) => ({ width }));
  const mergedWidth = widths.slice(1).reduce((a, b) => a + b, 0);
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
  const title = addTextRow(ws, [dataset.title]);
  // Rows are committed as they are made: a streaming sheet holds none.
  const commit = (): void => ws.lastRow!.commit();
  title.font = { bold: true, size: 14 };
  const pair = (label: string, value: ExcelJS.CellValue): void => {
    const r = addTextRow(ws, [label, value]);
    r.getCell(1).font = { bold: true };
    r.getCell(1).alignment = { vertical: 'top' };
    r.getCell(2).alignment = wrap;
    // The explanation spans the sheet, so long text wraps in one wide block.
    ws.mergeCells(r.number, 2, r.number, 7);
    const height = wrappedRowHeight([{ text: typeof value === 'string' ? value : '', width: mergedWidth }]);
    if (height) r.height = height;
    if (label === 'Released') {
      r.getCell(2).numFmt = DATE_FORMAT;
      r.getCell(2).alignment = { horizontal: 'left', vertical: 'top' };
    }
    commit();
  };
  commit();
  addTextRow(ws, []);
  commit();
  pair('Dataset', dataset.name);
  pair('Version', dataset.version);
  pair('Released', new Date(Date.parse(`${dataset.released}T00:00:00Z`)));
  pair('Description', dataset.description);
  pair('Cite as', datasetCitation(dataset, sources));
  for (const s of sources) pair('Source', `${plainCitation(s)} Publisher: ${s.publisher}. Text pinned by SHA-256 ${s.sha256}.`);
  pair('Licence', `${dataset.license.title} (${dataset.license.name}), ${dataset.license.path}. ${dataset.license.note ?? ''}`.trim());
  for (const t of dataset.tables) {
    const rows = stats.get(t.name)?.rows ?? 0;
    const names = sheetNames(t.name, rows, sheetRows);
    const split = names.length > 1
      ? ` The rows fill ${names.length} sheets, ${names.join(', ')}, of at most ${(sheetRows - 1).toLocaleString('en-US')} rows each; the CSV holds them all in one file.`
      : '';
    pair(`Sheet ${t.name}`, `${t.title}: ${rows} rows. ${t.description}${split}`);
  }
  pair('Cells', 'Dates are date cells (yyyy-mm-dd), except days before March 1900, which Excel cannot show, written as yyyy-mm-dd text; numbers are numbers, and every text is a text cell, never a formula. '
    + 'A multi-valued field is one text cell with its items joined by the separator named in the dictionary. An empty cell is a missing value.');

  addTextRow(ws, []);
  commit();
  const heading = addTextRow(ws, ['Data dictionary']);
  heading.font = { bold: true, size: 12 };
  commit();
  styleHeader(addTextRow(ws, ['table', 'field', 'title', 'type', 'required', 'description', 'values']));
  commit();
  for (const t of dataset.tables) {
    const keys = new Set(t.primary_key);
    for (const f of t.fields) {
      const fk = t.foreign_keys.find((k) => k.fields.includes(f.name));
      let desc = f.description;
      if (keys.has(f.name)) desc += ' Primary key.';
      if (fk) desc += ` Refers to ${fk.reference.resource}.${fk.reference.fields.join(', ')}.`;
      const cells = [t.name, f.name, f.title, typeLabel(f), f.required ? 'yes' : 'no', desc, f.enum ? f.enum.join(', ') : ''];
      const r = addTextRow(ws, cells.map((c) => (c === '' ? null : c)));
      r.eachCell((c) => (c.alignment = wrap));
      const height = wrappedRowHeight(cells.map((text, i) => ({ text, width: widths[i]! })));
      if (height) r.height = height;
      commit();
    }
  }
  for (const vocab of Object.values(dataset.vocabularies)) {
    addTextRow(ws, []);
    commit();
    const h = addTextRow(ws, [`Vocabulary ${vocab.name}`]);
    h.font = { bold: true, size: 12 };
    commit();
    styleHeader(addTextRow(ws, ['value', 'definition']));
    commit();
    for (const v of vocab.values) {
      const r = addTextRow(ws, [v.value, v.definition]);
      ws.mergeCells(r.number, 2, r.number, 7);
      r.eachCell((c) => (c.alignment = wrap));
      const height = wrappedRowHeight([{ text: v.definition, width: mergedWidth }]);
      if (height) r.height = height;
      commit();
    }
  }
  ws.commit();
}

interface Layout { f: FieldSpec; wrap: boolean; width: number }

/** Column widths and wrapping from the longest text of each field. */
function tableLayout(table: TableSchema, stats: TableStats | undefined): Layout[] {
  return table.fields.map((f) => {
    const n = Math.max(f.name.length, stats?.longest.get(f.name) ?? 0);
    // Text longer than the widest column wraps; shorter text gets a column that fits it.
    const wrap = (f.type === 'string' || f.separator !== undefined) && n > LONG_TEXT;
    return { f, wrap, width: wrap ? WIDE : Math.min(Math.max(n + 2, f.type === 'date' ? 12 : 8), LONG_TEXT + 2) };
  });
}

function addTableSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, table: TableSchema, layout: Layout[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }] });
  ws.columns = layout.map(({ f, wrap, width }) => {
    const style: Partial<ExcelJS.Style> = { alignment: { vertical: 'top', wrapText: wrap } };
    if (f.type === 'date' && f.separator === undefined) style.numFmt = DATE_FORMAT;
    return { key: f.name, width, style };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.fields.length } };
  const header = addTextRow(ws, table.fields.map((f) => f.name));
  styleHeader(header);
  header.commit();
  return ws;
}

const CR = 0x0d;
const CR_REF = new TextEncoder().encode('&#13;');

/**
 * A carriage return written as a character reference. XML parsers turn a
 * literal CR LF into LF (XML 1.0, 2.11 End-of-Line Handling), so a text with
 * CR LF would come back changed; exceljs writes it literally. A UTF-8 byte
 * 0x0D is always a CR, and the only ones exceljs writes are in text; each
 * byte is replaced on its own, so a chunk of a stream can be escaped alone.
 */
export function escapeCarriageReturns(xml: Uint8Array): Uint8Array {
  if (!xml.includes(CR)) return xml;
  let crs = 0;
  for (const b of xml) if (b === CR) crs++;
  const out = new Uint8Array(xml.length + crs * (CR_REF.length - 1));
  let at = 0;
  for (const b of xml) {
    if (b === CR) {
      out.set(CR_REF, at);
      at += CR_REF.length;
    } else out[at++] = b;
  }
  return out;
}

interface ZipLike {
  append(source: unknown, data: { name: string; date?: Date }): unknown;
}

/** The transform of the last streamed entry of each workbook, waited on for backpressure. */
const lastStreamed = new WeakMap<object, Transform>();

/**
 * Every entry exceljs adds to its zip gets the fixed time and, for XML, its
 * carriage returns escaped; a sheet, which comes as a stream, is piped
 * through an escaping transform that the writer also waits on for
 * backpressure. Reaches into exceljs 4.4's `zip` (an archiver instance),
 * pinned in package.json; the determinism test fails if it moves.
 */
function fixZipEntries(wb: object): void {
  const zip = (wb as { zip?: ZipLike & { stamped?: boolean } }).zip;
  if (!zip || typeof zip.append !== 'function') throw new Error('exceljs streaming writer has no zip to stamp');
  if (zip.stamped) return;
  zip.stamped = true;
  const append = zip.append.bind(zip);
  zip.append = (source, data) => {
    const xml = data.name.endsWith('.xml') || data.name.endsWith('.rels');
    const entry = { ...data, date: zipTime() };
    if (source && typeof (source as { pipe?: unknown }).pipe === 'function') {
      const t = new Transform({
        transform(chunk: Buffer, _enc, done) {
          done(null, xml ? Buffer.from(escapeCarriageReturns(chunk)) : chunk);
        },
      });
      (source as NodeJS.ReadableStream).pipe(t);
      lastStreamed.set(wb, t);
      return append(t, entry);
    }
    if (xml && (typeof source === 'string' || source instanceof Uint8Array)) {
      const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source;
      return append(Buffer.from(escapeCarriageReturns(bytes)), entry);
    }
    return append(source, entry);
  };
}

/**
 * exceljs's streaming writer, stamping its zip entries from the first: its
 * constructor adds the theme and the package relations before it returns,
 * through addThemes, so the entries are fixed there.
 */
const BaseWriter = ExcelJS.stream.xlsx.WorkbookWriter as unknown as new (options: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>) => ExcelJS.stream.xlsx.WorkbookWriter;
class StampedWorkbookWriter extends BaseWriter {
  override addThemes(): Promise<void> {
    fixZipEntries(this);
    return super.addThemes();
  }
}

interface StylesLike {
  weakMap?: WeakMap<object, number>;
  addStyleModel(model: object | undefined, cellType?: number): number;
}

/**
 * exceljs finds the style id of every cell by rendering the cell's style
 * (and its font, fill, border and number format) to XML and looking the
 * text up: about half the workbook's time on a corpus, for a handful of
 * distinct styles. The id of a style is a function of what exceljs reads
 * of it (its number format, font, border, fill, alignment, protection), so
 * it is remembered under those parts: a cell's style is a new object each
 * time, but its parts are the column's or row's own objects, shared by every
 * cell, and a part is known by its identity (styles here are set by
 * assigning new objects, never by changing one in place). The first cell of
 * each style still goes through exceljs (which adds it to the styles part
 * in the same order as before), and every later one gets the same id
 * without the rendering. The bytes do not change; the determinism tests
 * compare them. Reaches into exceljs 4.4's `styles`, pinned in package.json.
 */
function rememberStyles(wb: object): void {
  const styles = (wb as { styles?: StylesLike }).styles;
  if (!styles || typeof styles.addStyleModel !== 'function') throw new Error('exceljs streaming writer has no styles to index');
  const render = styles.addStyleModel.bind(styles);
  const ids = new Map<string, number>();
  const parts = new WeakMap<object, number>();
  let known = 0;
  const part = (v: unknown): string => {
    if (v === undefined) return '';
    if (typeof v !== 'object' || v === null) return `=${String(v)}`;
    let n = parts.get(v);
    if (n === undefined) parts.set(v, (n = ++known));
    return `#${n}`;
  };
  styles.addStyleModel = (model, cellType) => {
    // As exceljs: an object it has seen keeps the id it got, whatever the cell type.
    if (!model || styles.weakMap?.has(model)) return render(model, cellType);
    const m = model as Record<string, unknown>;
    const read = (m.numFmt !== undefined ? 1 : 0) + (m.font !== undefined ? 1 : 0) + (m.border !== undefined ? 1 : 0) + (m.fill !== undefined ? 1 : 0)
      + (m.alignment !== undefined ? 1 : 0) + (m.protection !== undefined ? 1 : 0);
    // A style with anything else in it is rendered, as before.
    if (Object.keys(m).length !== read) return render(model, cellType);
    const key = `${cellType ?? ''}|${part(m.numFmt)}|${part(m.font)}|${part(m.border)}|${part(m.fill)}|${part(m.alignment)}|${part(m.protection)}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = render(model, cellType);
      ids.set(key, id);
    } else styles.weakMap?.set(model, id);
    return id;
  };
}

/** A Node writable that hands each chunk to a sink and calls back when the sink can take more. */
function sinkStream(sink: ByteSink): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      sink.write(chunk).then(() => done(), done);
    },
  });
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

/**
 * A workbook writer onto a sink: the About sheet at once, from the tables'
 * statistics, then each table's sheets as its rows come.
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
  const out = sinkStream(sink);
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const wb = new StampedWorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  // addThemes stamps the entries; a later exceljs that stops calling it must not go unnoticed.
  fixZipEntries(wb);
  rememberStyles(wb);
  const released = new Date(Date.parse(`${dataset.released}T00:00:00Z`));
  wb.creator = dataset.creators.map((c) => c.name).join('; ');
  wb.lastModifiedBy = wb.creator;
  wb.created = released;
  wb.modified = released;
  wb.title = dataset.title;
  wb.subject = `${dataset.name} ${dataset.version}`;
  wb.keywords = dataset.keywords.join(', ');
  wb.description = dataset.description;
  addAboutSheet(wb, dataset, stats, sources, sheetRows);
  let open = false;
  /** Waits until the zip has taken what the current sheet was given. */
  const drained = async (): Promise<void> => {
    const t = lastStreamed.get(wb);
    if (t && t.writableNeedDrain) await once(t, 'drain');
  };

  return {
    async beginTable(table) {
      if (open) throw new Error(`the workbook's previous table is still open when ${table.name} begins`);
      open = true;
      const layout = tableLayout(table, stats.get(table.name));
      const names = sheetNames(table.name, stats.get(table.name)?.rows ?? 0, sheetRows);
      let sheet = 0;
      let ws = addTableSheet(wb, names[0]!, table, layout);
      let inSheet = 0;
      const wrapped = layout.filter((l) => l.wrap);
      return {
        async write(rows) {
          for (let i = 0; i < rows.length; i++) {
            if (inSheet === sheetRows - 1) {
              // A sheet is full: the rest of the table goes on the next one.
              ws.commit();
              sheet++;
              const name = names[sheet] ?? `${table.name} (${sheet + 1})`;
              checkSheetName(name);
              ws = addTableSheet(wb, name, table, layout);
              inSheet = 0;
            }
            const row = rows[i]!;
            const r = addTextRow(ws, table.fields.map((f) => sheetCell(cellValue(f, row[f.name]))));
            const height = wrappedRowHeight(wrapped.map(({ f, width }) => ({ text: cellText(f, row[f.name]) ?? '', width })));
            if (height) r.height = height;
            r.commit();
            inSheet++;
            if ((i + 1) % SLICE_ROWS === 0) await drained();
          }
          await drained();
        },
        async close() {
          ws.commit();
          // Later sheets wait for this one to be zipped.
          await drained();
          open = false;
        },
      };
    },
    async close() {
      if (open) throw new Error('the workbook is closed while a table is still open');
      await wb.commit();
      await finished;
      await sink.close();
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
