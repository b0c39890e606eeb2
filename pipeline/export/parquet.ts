/**
 * Arrow → Parquet, through parquet-wasm (which takes the Arrow IPC stream
 * format, not the file format). The Arrow schema, with its field
 * descriptions and the table's metadata, is stored in the file by the
 * writer (as ARROW:schema), which pyarrow, polars and DuckDB read; zstd
 * compression. No extra key-value metadata is passed: parquet-wasm keeps it
 * in a hash map whose order changes between writes within one process, and
 * the release must be byte-identical on every build.
 *
 * The streaming writer hands parquet-wasm one record batch of BATCH_ROWS
 * rows at a time through transformParquetStream, and the row group size is
 * the same constant, so each batch becomes one row group, flushed to the
 * file before the next is built: memory holds one row group, and the bytes
 * do not depend on how the caller batched the rows.
 *
 * Why parquet-wasm and not DuckDB's COPY (measured on 100 generated
 * chapters, 101,127 rows; docs/architecture.md has the figures): most of
 * this writer's time was building the Arrow batches in JavaScript, which
 * now happens once for the Arrow file and Parquet together (SharedBatches);
 * parquet-wasm's encoding itself is about 1.2–1.7× DuckDB's COPY. Going
 * through DuckDB from the released CSV measured 1.9× COPY, but a CSV does
 * not tell an empty text from a missing one, the Arrow schema (field
 * descriptions, dictionaries, non-null list items) would have to be
 * written into the file by hand, and a native engine would become a
 * dependency of every build.
 */
import type { Table as ArrowTable } from 'apache-arrow';
import { RecordBatch as ArrowBatch, Table as ArrowJsTable, tableToIPC } from 'apache-arrow';
import { Compression, Table, WriterPropertiesBuilder, transformParquetStream, writeParquet, type WriterProperties } from 'parquet-wasm';
import type { DatasetSchema, TableSchema } from '../lib/schema.ts';
import { arrowStreamBytes, ownBatches, type BatchFeed } from './arrow.ts';
import { BATCH_ROWS, fileSink, type BatchOptions, type ByteSink, type TableStats, type TableWriter } from './writer.ts';

export const STEP = { id: 'export/parquet', version: '1.1.0' };

function writerProperties(batchRows = BATCH_ROWS): WriterProperties {
  return new WriterPropertiesBuilder()
    .setCompression(Compression.ZSTD)
    .setCreatedBy('china-russia-relations pipeline (parquet-wasm 0.8.0)')
    .setMaxRowGroupSize(batchRows)
    .build();
}

export function parquetBytes(table: ArrowTable): Uint8Array {
  return writeParquet(Table.fromIPCStream(arrowStreamBytes(table)), writerProperties());
}

/** A JavaScript record batch as a record batch in parquet-wasm's memory. */
function wasmBatch(batch: ArrowBatch) {
  const wasm = Table.fromIPCStream(tableToIPC(new ArrowJsTable([batch]), 'stream'));
  const out = wasm.recordBatch(0)!;
  wasm.free();
  return out;
}

/** A Parquet writer onto a sink, one row group per BATCH_ROWS rows. */
export function parquetWriter(
  sink: ByteSink,
  table: TableSchema,
  dataset: DatasetSchema,
  stats: TableStats,
  options: BatchOptions = {},
  feed: BatchFeed = ownBatches(table, dataset, stats, options),
): TableWriter {
  // parquet-wasm pulls batches from a stream; each pull is answered by the
  // next batch the writer completes, so at most one waits in memory.
  let offer: ((batch: ReturnType<typeof wasmBatch> | null) => void) | null = null;
  let wanted: (() => void) | null = null;
  let pulls = new Promise<void>((resolve) => (wanted = resolve));
  const input = new ReadableStream(
    {
      pull(controller) {
        return new Promise<void>((resolve) => {
          offer = (batch) => {
            if (batch) controller.enqueue(batch);
            else controller.close();
            resolve();
          };
          wanted!();
        });
      },
    },
    { highWaterMark: 0 },
  );
  // transformParquetStream resolves only once it has read the first batch,
  // so it is not awaited here but by the loop that copies its bytes out.
  const output = transformParquetStream(input, writerProperties(options.batchRows)) as Promise<ReadableStream<Uint8Array>>;
  const pump = (async () => {
    const reader = (await output).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      await sink.write(value);
    }
  })();
  pump.catch(() => {});
  const give = async (batch: ReturnType<typeof wasmBatch> | null): Promise<void> => {
    // Wait for parquet-wasm to ask, or for the writing to fail.
    await Promise.race([pulls, pump]);
    if (!offer) {
      await pump;
      throw new Error(`the Parquet writer of ${table.name} stopped before its input ended`);
    }
    pulls = new Promise<void>((resolve) => (wanted = resolve));
    const o = offer;
    offer = null;
    o(batch);
  };
  const emit = async (batches: ArrowBatch[]): Promise<void> => {
    for (const batch of batches) await give(wasmBatch(batch));
  };
  return {
    async write(rows) {
      await emit(feed.add(rows));
    },
    async close() {
      await emit(feed.end());
      await give(null);
      await pump;
      await sink.close();
    },
  };
}

export async function openParquet(file: string, table: TableSchema, dataset: DatasetSchema, stats: TableStats, options: BatchOptions = {}): Promise<TableWriter> {
  return parquetWriter(fileSink(file), table, dataset, stats, options);
}
