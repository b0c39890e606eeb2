/**
 * Arrow table → Parquet, through parquet-wasm (which takes the Arrow IPC
 * stream format, not the file format). The Arrow schema, with its field
 * descriptions, is stored in the file by the writer; zstd compression; the
 * output is deterministic.
 */
import type { Table as ArrowTable } from 'apache-arrow';
import { Compression, Table, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm';
import { arrowStreamBytes } from './arrow.ts';

export const STEP = { id: 'export/parquet', version: '1.0.0' };

export function parquetBytes(table: ArrowTable, metadata: Map<string, string>): Uint8Array {
  const props = new WriterPropertiesBuilder()
    .setCompression(Compression.ZSTD)
    .setCreatedBy('china-russia-relations pipeline (parquet-wasm 0.8.0)')
    .setKeyValueMetadata(metadata)
    .build();
  return writeParquet(Table.fromIPCStream(arrowStreamBytes(table)), props);
}
