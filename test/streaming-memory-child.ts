/**
 * Run as a child process with a small heap by test/streaming.test.ts:
 * streams a generated table much larger than that heap through one writer
 * and prints the peak memory it saw as JSON. A writer that kept the table
 * would run out of heap and the process would die.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { openArrow } from '../pipeline/export/arrow.ts';
import { openCsv } from '../pipeline/export/csv.ts';
import { openJsonld } from '../pipeline/export/jsonld.ts';
import { openParquet } from '../pipeline/export/parquet.ts';
import { StatsCollector, type TableWriter } from '../pipeline/export/writer.ts';
import { openWorkbook } from '../pipeline/export/xlsx.ts';
import { loadSchema } from '../pipeline/lib/schema.ts';
import { STREAM_SOURCE_TEXT, STREAM_TABLE, streamDataset, streamRows } from './streaming-fixture.ts';

const [format, rowsArg, noteArg, batchArg, out] = process.argv.slice(2) as [string, string, string, string, string];
const batch = { batchRows: Number(batchArg) };
const total = Number(rowsArg);
const noteChars = Number(noteArg);
const CALLER_BATCH = 500;
const root = path.resolve(import.meta.dirname, '..');
const dataset = streamDataset(loadSchema(path.join(root, 'schema'), root));

let peakRss = 0;
let peakHeap = 0;
const sample = (): void => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};

const collector = new StatsCollector(STREAM_TABLE);
for (let i = 0; i < total; i += CALLER_BATCH) collector.add(streamRows(i, Math.min(total, i + CALLER_BATCH), noteChars));
const stats = collector.stats();

let close = async (): Promise<void> => {};
let writer: TableWriter;
switch (format) {
  case 'csv': writer = await openCsv(out, STREAM_TABLE); break;
  case 'jsonld': writer = await openJsonld(out, STREAM_TABLE, dataset, () => STREAM_SOURCE_TEXT); break;
  case 'arrow': writer = await openArrow(out, STREAM_TABLE, dataset, stats, batch); break;
  case 'parquet': writer = await openParquet(out, STREAM_TABLE, dataset, stats, batch); break;
  case 'xlsx': {
    const wb = await openWorkbook(out, dataset, [], new Map([[STREAM_TABLE.name, stats]]));
    writer = await wb.beginTable(STREAM_TABLE);
    close = () => wb.close();
    break;
  }
  default: throw new Error(`unknown format ${format}`);
}
let generated = 0;
for (let i = 0; i < total; i += CALLER_BATCH) {
  const rows = streamRows(i, Math.min(total, i + CALLER_BATCH), noteChars);
  generated += rows.reduce((n, r) => n + String(r.note ?? '').length, 0);
  await writer.write(rows);
  sample();
}
await writer.close();
await close();
sample();
process.stdout.write(`${JSON.stringify({ format, rows: total, generatedTextBytes: generated, fileBytes: statSync(out).size, peakRss, peakHeap })}\n`);
