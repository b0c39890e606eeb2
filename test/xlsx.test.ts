import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellText } from '../pipeline/export/csv.ts';
import { ABOUT_SHEET, DATE_FORMAT, FIRST_EXCEL_DATE, workbookBytes, wrappedRowHeight } from '../pipeline/export/xlsx.ts';
import { PipelineError } from '../pipeline/lib/errors.ts';
import type { DatasetSchema, TableSchema } from '../pipeline/lib/schema.ts';
import { EDGE, EDGE_SCHEMA, EDGE_SOURCE, edgeRelease, MULTILINGUAL, TRAPS } from './edge.ts';
import { buildInto, SCHEMA, tempPaths } from './helpers.ts';
import { plainTexts, readCsv, typedRow } from './load.ts';

// The shipped sources built by this code: dist/ holds the workbook the release was cut with.
let release = '';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return plainTexts(wb);
}

/** The XML parts of a workbook, by name. */
function parts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, new TextDecoder().decode(v)]));
}

/** Date and time stamped on every entry of a zip (its local file headers), as DOS date and time. */
function zipStamps(bytes: Uint8Array): { name: string; time: number; date: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = [];
  for (let i = 0; i + 30 <= bytes.length; i++) {
    if (view.getUint32(i, true) !== 0x04034b50) continue;
    const nameLength = view.getUint16(i + 26, true);
    out.push({ name: new TextDecoder().decode(bytes.subarray(i + 30, i + 30 + nameLength)), time: view.getUint16(i + 10, true), date: view.getUint16(i + 12, true) });
  }
  return out;
}

const cases: { label: string; schema: DatasetSchema; dir: () => string }[] = [];
let realBytes: Uint8Array;
let edgeBytes: Uint8Array;
let edgeDir = '';

beforeAll(async () => {
  release = (await buildInto(tempPaths())).releaseDir;
  realBytes = readFileSync(path.join(release, `${SCHEMA.name}.xlsx`));
  const edge = await edgeRelease();
  edgeDir = edge.dir;
  edgeBytes = edge.files.get(`${EDGE_SCHEMA.name}.xlsx`)!;
}, 120_000);
cases.push({ label: 'the release', schema: SCHEMA, dir: () => release }, { label: 'the edge fixture', schema: EDGE_SCHEMA, dir: () => edgeDir });

describe('the workbook', () => {
  for (const c of cases) {
    describe(c.label, () => {
      let wb: ExcelJS.Workbook;
      beforeAll(async () => {
        wb = await load(readFileSync(path.join(c.dir(), `${c.schema.name}.xlsx`)));
      });

      it('has the About sheet first, then one sheet per table in schema order', () => {
        expect(wb.worksheets.map((w) => w.name)).toEqual([ABOUT_SHEET, ...c.schema.tables.map((t) => t.name)]);
      });

      it('explains the dataset: title, version, citation, licence, and a dictionary row for every field', () => {
        const about = wb.getWorksheet(ABOUT_SHEET)!;
        const rows: unknown[][] = [];
        about.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
        expect(rows[0]![0]).toBe(c.schema.title);
        const value = (label: string): unknown => rows.find((r) => r[0] === label)?.[1];
        expect(value('Version')).toBe(c.schema.version);
        expect(value('Released')).toEqual(new Date(`${c.schema.released}T00:00:00Z`));
        expect(String(value('Cite as'))).toContain(`version ${c.schema.version}`);
        expect(String(value('Licence'))).toContain(c.schema.license.path);
        for (const t of c.schema.tables) {
          for (const f of t.fields) {
            const row = rows.find((r) => r[0] === t.name && r[1] === f.name);
            expect(row, `${t.name}.${f.name}`).toBeDefined();
            expect(String(row![5])).toContain(f.description);
          }
        }
      });

      for (const t of c.schema.tables) {
        it(`${t.name}: header row of field names, frozen, bold on a fill, with filter buttons`, () => {
          const ws = wb.getWorksheet(t.name)!;
          expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(t.fields.map((f) => f.name));
          expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
          const header = ws.getRow(1).getCell(1);
          expect(header.font?.bold).toBe(true);
          expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
          expect(ws.autoFilter).toBeTruthy();
        });

        it(`${t.name}: every cell holds its CSV value, typed: dates as dates, numbers as numbers, text as text`, () => {
          const ws = wb.getWorksheet(t.name)!;
          const csv = readCsv(path.join(c.dir(), `${t.name}.csv`));
          expect(ws.rowCount).toBe(csv.length + 1);
          csv.forEach((r, i) => {
            const typed = typedRow(t, r);
            const row = ws.getRow(i + 2);
            t.fields.forEach((f, j) => {
              const cell = row.getCell(j + 1);
              const at = `${t.name} row ${i + 2} ${f.name}`;
              const v = typed[f.name];
              if (v === null) return expect(cell.value ?? null, at).toBeNull();
              if (f.separator !== undefined) return expect(cell.value, at).toBe(cellText(f, v));
              switch (f.type) {
                case 'date':
                  if (String(v) < FIRST_EXCEL_DATE) {
                    // Before Excel's calendar: the ISO day as text.
                    expect(cell.value, at).toBe(String(v));
                    break;
                  }
                  expect(cell.type, at).toBe(ExcelJS.ValueType.Date);
                  expect(cell.value, at).toEqual(new Date(`${String(v)}T00:00:00Z`));
                  expect(cell.numFmt, at).toBe(DATE_FORMAT);
                  break;
                case 'integer':
                case 'number':
                  expect(cell.type, at).toBe(ExcelJS.ValueType.Number);
                  expect(cell.value, at).toBe(v);
                  break;
                case 'boolean':
                  expect(cell.type, at).toBe(ExcelJS.ValueType.Boolean);
                  expect(cell.value, at).toBe(v);
                  break;
                case 'string':
                  expect(cell.type, at).toBe(ExcelJS.ValueType.String);
                  expect(cell.value, at).toBe(v);
                  break;
              }
            });
          });
        });
      }
    });
  }

  it('wraps long text in wide columns (the events description)', async () => {
    const table = SCHEMA.tables.find((t) => t.fields.some((f) => f.name === 'description'))!;
    const ws = (await load(realBytes)).getWorksheet(table.name)!;
    const col = ws.getColumn(table.fields.findIndex((f) => f.name === 'description') + 1);
    expect(col.width).toBeGreaterThanOrEqual(60);
    expect(ws.getRow(2).getCell(col.number).alignment?.wrapText).toBe(true);
    // Spreadsheets do not grow a row to fit wrapped text on opening: the row is as tall as its text needs.
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const text = String(row.getCell(col.number).value);
      const lines = Math.ceil(text.length / (col.width! * 1.1));
      expect(row.height ?? 15, `row ${n}`).toBeGreaterThanOrEqual(15 * lines);
    });
  });

  it('estimates the height of wrapped text, counting wide East Asian characters twice', () => {
    expect(wrappedRowHeight([{ text: 'short', width: 80 }])).toBeUndefined();
    expect(wrappedRowHeight([{ text: 'a'.repeat(200), width: 80 }])).toBe(45);
    expect(wrappedRowHeight([{ text: '胡'.repeat(100), width: 80 }])).toBe(45);
    expect(wrappedRowHeight([{ text: 'one\ntwo\nthree', width: 80 }])).toBe(45);
    expect(wrappedRowHeight([{ text: 'x'.repeat(100_000), width: 10 }])).toBe(409);
  });

  it('never holds a formula: a text that starts with =, +, - or @ stays a text cell', async () => {
    for (const bytes of [realBytes, edgeBytes]) {
      for (const [name, xml] of Object.entries(parts(bytes))) {
        if (name.startsWith('xl/worksheets/')) expect(xml, name).not.toMatch(/<f[ >]/);
      }
    }
    const ws = (await load(edgeBytes)).getWorksheet('items')!;
    const texts = new Map<string, ExcelJS.Cell>();
    ws.getColumn(3).eachCell((cell) => texts.set(String(cell.value), cell));
    for (const trap of TRAPS) {
      const cell = texts.get(trap);
      expect(cell, trap).toBeDefined();
      expect(cell!.type, trap).toBe(ExcelJS.ValueType.String);
      expect(cell!.formula, trap).toBeUndefined();
    }
    // And the XML stores them as inline strings, never evaluated (the streaming writer keeps no
    // shared-string table, which would grow with the data).
    const sheet = parts(edgeBytes)['xl/worksheets/sheet3.xml']!;
    expect(sheet.match(/<c r="C\d+"[^>]*>/g)!.every((c) => c.includes('t="inlineStr"'))).toBe(true);
  });

  it('keeps every character of a text, CR LF and characters outside the BMP included', async () => {
    const ws = (await load(edgeBytes)).getWorksheet('items')!;
    const values: unknown[] = [];
    ws.getColumn(3).eachCell((cell) => values.push(cell.value));
    expect(values).toContain(MULTILINGUAL);
    expect(values).toContain(' padded ');
  });

  it('is byte-identical on every render, whatever the time zone, with every zip entry stamped 1980-01-01 00:00', async () => {
    const again = async (tz: string): Promise<Uint8Array> => {
      const saved = process.env.TZ;
      process.env.TZ = tz;
      try {
        return await workbookBytes(EDGE_SCHEMA, EDGE.data, [EDGE_SOURCE]);
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    };
    const a = await again('UTC');
    const b = await again('Pacific/Kiritimati');
    const c = await again('America/Los_Angeles');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(edgeBytes))).toBe(true);
    const stamps = zipStamps(realBytes);
    expect(stamps.length).toBeGreaterThan(5);
    // DOS time 0 is 00:00:00; DOS date 0x21 is 1980-01-01.
    for (const s of stamps) expect(s, s.name).toMatchObject({ time: 0, date: 0x21 });
    expect(parts(realBytes)['docProps/core.xml']).toContain(`${SCHEMA.released}T00:00:00Z`);
  });

  it('refuses a table whose name cannot name a sheet', async () => {
    const long: TableSchema = { ...EDGE_SCHEMA.tables[0]!, name: 'a_table_name_longer_than_31_chars' };
    const bad = { ...EDGE_SCHEMA, tables: [long] };
    const error = await workbookBytes(bad, { [long.name]: [] }, [EDGE_SOURCE]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).code).toBe('schema/invalid');
  });
});

describe('days Excel cannot show', () => {
  it('are written as ISO text, later days as date cells', async () => {
    const f = { name: 'd', type: 'date', title: 'd', description: 'd', required: false, unique: false, categorical: false } as const;
    const { cellValue } = await import('../pipeline/export/xlsx.ts');
    expect(cellValue(f, '1619-01-01')).toBe('1619-01-01');
    expect(cellValue(f, '1900-02-28')).toBe('1900-02-28');
    expect(cellValue(f, '2019-09-05')).toEqual(new Date('2019-09-05T00:00:00Z'));
  });
});
