import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import jsonld from 'jsonld';
import pl from 'nodejs-polars';
import { describe, expect, it } from 'vitest';
import { tableToIPC, Table as ArrowTable } from 'apache-arrow';
import { arrowBatch, arrowBatchByBuilders, arrowFileBytes, arrowSchema, arrowWriter, dayToMs, SharedBatches, tableDictionaries, toArrowTable } from '../pipeline/export/arrow.ts';
import { csvText, csvWriter } from '../pipeline/export/csv.ts';
import { jsonldDocument, jsonldText, jsonldWriter } from '../pipeline/export/jsonld.ts';
import { parquetBytes, parquetWriter } from '../pipeline/export/parquet.ts';
import { memorySink, StatsCollector, tableStats, type TableStats, type TableWriter } from '../pipeline/export/writer.ts';
import { FIRST_EXCEL_DATE, workbookBytes, workbookWriter } from '../pipeline/export/xlsx.ts';
import type { Row } from '../pipeline/lib/schema.ts';
import { ROOT, SCHEMA } from './helpers.ts';
import { plainTexts } from './load.ts';
import { STREAM_SOURCE_TEXT, STREAM_TABLE, streamDataset, streamRows } from './streaming-fixture.ts';

const DATASET = streamDataset(SCHEMA);
const ROWS = streamRows(0, 3_000);
const STATS = tableStats(STREAM_TABLE, ROWS);
const texts = new Map([['src', STREAM_SOURCE_TEXT]]);
const BATCH = { batchRows: 1_000 };

type Open = (sink: ReturnType<typeof memorySink>) => Promise<{ writer: TableWriter; done: () => Promise<void> }>;
const single = (make: (sink: ReturnType<typeof memorySink>) => TableWriter): Open => async (sink) => ({ writer: make(sink), done: async () => {} });
const formats: Record<string, Open> = {
  csv: single((s) => csvWriter(s, STREAM_TABLE)),
  jsonld: single((s) => jsonldWriter(s, STREAM_TABLE, DATASET, (id) => texts.get(id))),
  arrow: single((s) => arrowWriter(s, STREAM_TABLE, DATASET, STATS, BATCH)),
  parquet: single((s) => parquetWriter(s, STREAM_TABLE, DATASET, STATS, BATCH)),
  xlsx: async (sink) => {
    const wb = await workbookWriter(sink, DATASET, [], new Map([[STREAM_TABLE.name, STATS]]));
    return { writer: await wb.beginTable(STREAM_TABLE), done: () => wb.close() };
  },
};

/** The bytes of a format when the rows come in the given batch sizes (cycled). */
async function render(format: string, rows: Row[], sizes: number[]): Promise<Uint8Array> {
  const sink = memorySink();
  const { writer, done } = await formats[format]!(sink);
  let k = 0;
  for (let i = 0; i < rows.length; k++) {
    const n = sizes[k % sizes.length]!;
    await writer.write(rows.slice(i, i + n));
    i += n;
  }
  await writer.close();
  await done();
  return sink.bytes();
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

describe('the streaming writers', () => {
  for (const format of Object.keys(formats)) {
    it(`write the same ${format} bytes however the caller batches the rows`, async () => {
      const whole = await render(format, ROWS, [ROWS.length]);
      expect(whole.length).toBeGreaterThan(1_000);
      // One row a call, uneven calls crossing the internal batch edges, and empty calls.
      for (const sizes of [[1], [999, 0, 2, 1_500, 7], [1_000]]) expect(same(await render(format, ROWS, sizes), whole), `${format} ${sizes.join(',')}`).toBe(true);
    }, 60_000);
  }

  it('write CSV and JSON-LD as the whole-table functions do, empty tables included', async () => {
    for (const rows of [ROWS, []]) {
      expect(Buffer.from(await render('csv', rows, [7])).toString('utf8')).toBe(csvText(STREAM_TABLE, rows));
      expect(Buffer.from(await render('jsonld', rows, [7])).toString('utf8')).toBe(jsonldText(jsonldDocument(STREAM_TABLE, rows, DATASET, texts)));
    }
  });

  it('write Arrow and Parquet as the whole-table functions do, when the batch is the release batch', async () => {
    const rows = streamRows(0, 500);
    const stats = tableStats(STREAM_TABLE, rows);
    for (const [make, whole] of [
      [(s: ReturnType<typeof memorySink>) => arrowWriter(s, STREAM_TABLE, DATASET, stats), arrowFileBytes(toArrowTable(STREAM_TABLE, rows, DATASET))],
      [(s: ReturnType<typeof memorySink>) => parquetWriter(s, STREAM_TABLE, DATASET, stats), parquetBytes(toArrowTable(STREAM_TABLE, rows, DATASET))],
    ] as const) {
      const sink = memorySink();
      const w = make(sink);
      for (const r of rows) await w.write([r]);
      await w.close();
      expect(same(sink.bytes(), whole)).toBe(true);
    }
  });

  it('gather the statistics batch by batch as from the whole table', () => {
    const c = new StatsCollector(STREAM_TABLE);
    for (let i = 0; i < ROWS.length; i += 333) c.add(ROWS.slice(i, i + 333));
    const s: TableStats = c.stats();
    expect(s).toEqual(STATS);
    expect(s.rows).toBe(3_000);
    expect(s.levels.get('kind')).toEqual(['alpha', 'beta', 'gamma']);
    expect(s.levels.get('group')).toEqual(['g0', 'g1', 'g2', 'g3']);
  });

  it('write an Arrow file of several batches that apache-arrow and polars read back to the values written', async () => {
    const bytes = await render('arrow', ROWS, [250]);
    const t = tableFromIPC(bytes);
    expect(t.batches.length).toBe(3);
    expect(t.numRows).toBe(3_000);
    const r = ROWS[1_234]!;
    const got = t.get(1_234)!.toJSON() as Record<string, unknown>;
    expect(got.item_id).toBe(r.item_id);
    expect(got.kind).toBe(r.kind);
    expect(got.group).toBe(r.group);
    expect(got.day).toBe(r.day === null ? null : dayToMs(String(r.day)));
    const df = pl.readIPC(Buffer.from(bytes));
    expect(df.height).toBe(3_000);
    expect(df.getColumn('kind').toArray().slice(0, 4)).toEqual(ROWS.slice(0, 4).map((x) => x.kind));
    expect(df.getColumn('group').toArray()[2_999]).toBe(ROWS[2_999]!.group);
    expect(df.getColumn('n').toArray()[11]).toBeNull();
  });

  it('write Parquet in row groups that DuckDB and polars read back with the schema types', async () => {
    const bytes = await render('parquet', ROWS, [250]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'crr-stream-')), 'items.parquet');
    writeFileSync(file, bytes);
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const meta = (await (await con.run(`SELECT count(*)::INT AS g FROM parquet_metadata('${file}') GROUP BY row_group_id`)).getRowObjects()).length;
    expect(meta).toBe(3);
    const types = Object.fromEntries((await (await con.run(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowObjects()).map((r) => [r.column_name, r.column_type]));
    expect(types).toMatchObject({ n: 'INTEGER', x: 'DOUBLE', flag: 'BOOLEAN', day: 'DATE', tags: 'VARCHAR[]', item_id: 'VARCHAR' });
    const row = (await (await con.run(`SELECT item_id, day::VARCHAR AS day, kind::VARCHAR AS kind FROM read_parquet('${file}') WHERE item_id = 'item-0002001'`)).getRowObjects())[0]!;
    expect(row).toEqual({ item_id: 'item-0002001', day: ROWS[2_001]!.day, kind: ROWS[2_001]!.kind });
    const df = pl.readParquet(Buffer.from(bytes));
    expect(df.height).toBe(3_000);
    expect(df.getColumn('item_id').toArray()[2_999]).toBe('item-0002999');
  });

  it('write one JSON-LD document whose @graph jsonld.js reads, one node per row', async () => {
    const doc = JSON.parse(Buffer.from(await render('jsonld', ROWS.slice(0, 200), [3])).toString('utf8'));
    const offline = (url: string) => Promise.reject(new Error(`no network: ${url}`));
    const expanded = await jsonld.expand(doc, { documentLoader: offline as never });
    expect(expanded.length).toBe(200);
  });

  it('write a workbook that goes on in continuation sheets past the row limit, with the header on each', async () => {
    const stats = new Map([[STREAM_TABLE.name, STATS]]);
    const sink = memorySink();
    const wb = await workbookWriter(sink, DATASET, [], stats, { sheetRows: 1_001 });
    const w = await wb.beginTable(STREAM_TABLE);
    for (let i = 0; i < ROWS.length; i += 700) await w.write(ROWS.slice(i, i + 700));
    await w.close();
    await wb.close();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(sink.bytes()) as never);
    plainTexts(book);
    expect(book.worksheets.map((s) => s.name)).toEqual(['About', 'items', 'items (2)', 'items (3)']);
    for (const name of ['items', 'items (2)', 'items (3)']) {
      const ws = book.getWorksheet(name)!;
      expect(ws.rowCount).toBe(1_001);
      expect(ws.getRow(1).getCell(1).value).toBe('item_id');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    expect(book.getWorksheet('items (3)')!.getRow(1_001).getCell(1).value).toBe('item-0002999');
    expect(book.getWorksheet('items (2)')!.getRow(2).getCell(1).value).toBe('item-0001000');
    // Dates are date cells, and those before March 1900 text.
    const day = (i: number) => book.getWorksheet('items')!.getRow(i + 2).getCell(5).value;
    expect(day(1)).toEqual(new Date(`${ROWS[1]!.day}T00:00:00Z`));
    expect(String(ROWS[19]!.day) < FIRST_EXCEL_DATE && day(19)).toBe('1619-03-02');
    const about: unknown[] = [];
    book.getWorksheet('About')!.eachRow((r) => about.push(r.getCell(2).value));
    expect(about.some((v) => typeof v === 'string' && v.includes('3 sheets, items, items (2), items (3)'))).toBe(true);
  });

  it('write the workbook of a whole dataset byte-identically on every render', async () => {
    const data = { items: ROWS.slice(0, 300) };
    const a = await workbookBytes(DATASET, data, []);
    const b = await workbookBytes(DATASET, data, []);
    expect(same(a, b)).toBe(true);
  });
});

const run = promisify(execFile);
const HEAP_MB = 40;

describe('the streaming writers in a small heap', () => {
  it(`stream a table of several times ${HEAP_MB} MB through every format without running out of memory`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crr-stream-mem-'));
    // 30,000 rows of 4,000 random characters: 120 MB of text, three times the heap.
    const results = await Promise.all(['csv', 'jsonld', 'arrow', 'parquet', 'xlsx'].map(async (format) => {
      const { stdout } = await run(process.execPath, [
        '--import', 'tsx', `--max-old-space-size=${HEAP_MB}`, path.join(ROOT, 'test', 'streaming-memory-child.ts'),
        format, '30000', '4000', '512', path.join(dir, `items.${format}`),
      ], { cwd: ROOT, maxBuffer: 1 << 20 });
      return JSON.parse(stdout) as { format: string; generatedTextBytes: number; fileBytes: number; peakRss: number };
    }));
    for (const r of results) {
      expect(r.generatedTextBytes, r.format).toBeGreaterThanOrEqual(3 * HEAP_MB * 1_000_000);
      // The file holds the text (random text does not compress below ¾), so it was all written.
      expect(r.fileBytes, r.format).toBeGreaterThan(0.7 * r.generatedTextBytes);
      // Off-heap memory (Arrow buffers, WebAssembly, zlib) stays far below the table too.
      expect(r.peakRss, r.format).toBeLessThan(360 * 1024 * 1024);
    }
  }, 180_000);
});

describe('record batches built into their buffers', () => {
  it('make the very Arrow bytes that apache-arrow\'s builders make, for every kind of field, nulls, astral text and empty batches', () => {
    const schema = arrowSchema(STREAM_TABLE, DATASET);
    const dictionaries = tableDictionaries(STREAM_TABLE, STATS.levels);
    const astral = { ...ROWS[1]!, item_id: 'item-astral', note: 'Дракон 🐉 𠀀 龍 \ud800 lone', tags: ['一', '🐉', ''] };
    for (const rows of [ROWS.slice(0, 1), ROWS.slice(0, 7), ROWS.slice(0, 64), ROWS.slice(0, 999), [...ROWS.slice(0, 10), astral], []]) {
      const fast = tableToIPC(new ArrowTable(schema, [arrowBatch(STREAM_TABLE, schema, rows, dictionaries)]), 'file');
      const built = tableToIPC(new ArrowTable(schema, [arrowBatchByBuilders(STREAM_TABLE, schema, rows, dictionaries)]), 'file');
      expect(fast.length, `${rows.length} rows`).toBeGreaterThan(100);
      expect(same(fast, built), `${rows.length} rows`).toBe(true);
    }
  });

  it('are built once for the Arrow and Parquet writers of a table and give each the files it makes alone', async () => {
    const shared = new SharedBatches(STREAM_TABLE, DATASET, STATS, BATCH);
    const arrowSink = memorySink();
    const parquetSink = memorySink();
    const a = arrowWriter(arrowSink, STREAM_TABLE, DATASET, STATS, BATCH, shared.feed());
    const p = parquetWriter(parquetSink, STREAM_TABLE, DATASET, STATS, BATCH, shared.feed());
    for (let i = 0; i < ROWS.length; i += 700) {
      const rows = ROWS.slice(i, i + 700);
      await a.write(rows);
      await p.write(rows);
    }
    await a.close();
    await p.close();
    expect(same(arrowSink.bytes(), await render('arrow', ROWS, [700]))).toBe(true);
    expect(same(parquetSink.bytes(), await render('parquet', ROWS, [700]))).toBe(true);
  });

  it('are refused to a writer given other rows than the writer it shares them with', () => {
    const shared = new SharedBatches(STREAM_TABLE, DATASET, STATS, BATCH);
    const one = shared.feed();
    const two = shared.feed();
    one.add(ROWS.slice(0, 10));
    expect(() => two.add(ROWS.slice(0, 10))).toThrow(/given different rows/);
  });
});
