/**
 * The workbook, written in a worker thread: its sheets' XML and their
 * compression are still among the costlier writers (about 1.6 s of CPU for
 * 130,000 rows), so the export hands each batch to this thread and goes on
 * with the other formats on the other core. The bytes are those of the same
 * writer run in the main thread.
 */
import type { MessagePort } from 'node:worker_threads';
import { isPipelineError } from '../lib/errors.ts';
import type { DatasetSchema, Row } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import { fileSink, type TableStats, type TableWriter } from './writer.ts';
import { workbookWriter, type WorkbookWriter } from './xlsx.ts';

export type ToWorkbook =
  | { type: 'open'; file: string; dataset: DatasetSchema; sources: SourceMeta[]; stats: Map<string, TableStats> }
  | { type: 'begin'; table: string }
  | { type: 'rows'; rows: Row[] }
  | { type: 'end' }
  | { type: 'close' };

export type FromWorkbook = { type: 'ack' } | { type: 'closed' } | { type: 'failed'; code?: string; message: string; details?: object };

/**
 * A piscina task: the workbook of one release. Batches arrive on `port`
 * (messages are handled one at a time, in order) and each is answered, so
 * that the sender keeps only a few in flight.
 */
export default function writeWorkbook({ port }: { port: MessagePort }): Promise<void> {
  let book: WorkbookWriter | null = null;
  let dataset: DatasetSchema | null = null;
  let table: TableWriter | null = null;
  let chain: Promise<void> = Promise.resolve();
  return new Promise<void>((resolve) => {
    port.on('message', (m: ToWorkbook) => {
      chain = chain.then(async () => {
        try {
          if (m.type === 'open') {
            dataset = m.dataset;
            book = await workbookWriter(fileSink(m.file), m.dataset, m.sources, m.stats);
          } else if (m.type === 'begin') {
            table = await book!.beginTable(dataset!.tables.find((t) => t.name === m.table)!);
          } else if (m.type === 'rows') {
            await table!.write(m.rows);
          } else if (m.type === 'end') {
            await table!.close();
          } else {
            await book!.close();
            port.postMessage({ type: 'closed' } satisfies FromWorkbook);
            port.close();
            resolve();
            return;
          }
          port.postMessage({ type: 'ack' } satisfies FromWorkbook);
        } catch (e) {
          const failed: FromWorkbook = isPipelineError(e)
            ? { type: 'failed', code: e.code, message: e.message, details: e.details }
            : { type: 'failed', message: (e as Error).stack ?? String(e) };
          port.postMessage(failed);
          port.close();
          resolve();
        }
      });
    });
  });
}
