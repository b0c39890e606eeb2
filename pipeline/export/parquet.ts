/**
 * Arrow table → Parquet, through parquet-wasm (which takes the Arrow IPC
 * stream format, not the file format). The Arrow schema, with its field
 * descriptions and the table's metadata, is stored in the file by the
 * writer (as ARROW:schema), which pyarrow, polars and DuckDB read; zstd
 * compression. No extra key-value metadata is passed: parquet-wasm keeps it
 * in a hash map whose order changes between writes within one process, and
 * the release must be byte-identical on every build.
 */
import type { Table as ArrowTable } from 'apache-arrow';
import { Compression, Table, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm';
import { arrowStreamBytes } from './arrow.ts';

export const STEP = { id: 'export/parquet', version: '1.0.0' };

export function parquetBytes(table: ArrowTable): Uint8Array {
  const props = new WriterPropertiesBuilder()
    .setCompression(Compression.ZSTD)
    .setCreatedBy('china-russia-relations pipeline (parquet-wasm 0.8.0)')
    .build();
  return writeParquet(Table.fromIPCStream(arrowStreamBytes(table)), props);
}
