/**
 * What every streaming format writer shares: the interface the export stage
 * feeds rows through, the per-table statistics some formats need before the
 * first row (a dictionary cannot change inside an Arrow file; a sheet's
 * column widths are written before its rows), and byte sinks with
 * backpressure, so a writer holds at most one internal batch.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { FieldSpec, Row, TableSchema } from '../lib/schema.ts';
import { cellText } from './csv.ts';

/**
 * Rows per record batch (Arrow), row group (Parquet) and encoding slice. A
 * constant, so a file's bytes do not depend on how its rows were batched by
 * the caller, and the memory a writer holds is bounded by it.
 */
export const BATCH_ROWS = 65_536;

/** Options of the batching writers (Arrow, Parquet); the default is what releases use. */
export interface BatchOptions {
  /** Rows per record batch / row group; tests set a small one to bound memory tightly. */
  batchRows?: number;
}

export interface TableStats {
  rows: number;
  /** For every categorical field, its dictionary: enum values in schema order, else the sorted distinct values. */
  levels: Map<string, string[]>;
  /** For every field, the length (UTF-16 units) of its longest value as text; the workbook sizes its columns from it. */
  longest: Map<string, number>;
}

export interface TableWriter {
  /** May be called any number of times, with batches of any size; resolves once the bytes are handed to the sink. */
  write(rows: Row[]): Promise<void>;
  close(): Promise<void>;
}

/** Where a writer's bytes go: a file, or memory for the whole-table functions. */
export interface ByteSink {
  /** Resolves when the sink can take more (backpressure). */
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** A sink that writes to a file as it goes, waiting for the stream to drain when its buffer is full. */
export function fileSink(file: string): ByteSink {
  const stream: WriteStream = createWriteStream(file);
  let failure: Error | null = null;
  stream.on('error', (e) => (failure = e));
  const check = (): void => {
    if (failure) throw failure;
  };
  return {
    async write(chunk) {
      check();
      if (chunk.byteLength === 0) return;
      if (!stream.write(chunk)) {
        await new Promise<void>((resolve, reject) => {
          const onDrain = (): void => { stream.off('error', onError); resolve(); };
          const onError = (e: Error): void => { stream.off('drain', onDrain); reject(e); };
          stream.once('drain', onDrain);
          stream.once('error', onError);
        });
      }
      check();
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        check();
        stream.once('error', reject);
        stream.end(() => resolve());
      });
    },
  };
}

/** Characters of text encoded at a time, and the bytes of the buffers they are encoded into. */
const PIECE_CHARS = 1 << 13;
const BUFFER_BYTES = 1 << 20;

/**
 * Text onto a byte sink, for the writers whose output is text (CSV,
 * JSON-LD): added piece by piece, encoded as UTF-8 a few thousand
 * characters at a time into a buffer that goes to the sink when full.
 * Encoding is most of what those writers cost, and a short string encodes
 * faster than a long one: it is flat sooner, stays in the cache, and is one
 * byte a character unless it holds a character past Latin-1 (a long one is
 * two bytes a character as soon as any part of it is). On the 100-chapter
 * corpus, the JSON-LD of the mentions encoded in pieces of 8,192 characters
 * took 260 ms where pieces of a megabyte took 390–460. The bytes do not
 * depend on the pieces.
 */
export class TextSink {
  private readonly encoder = new TextEncoder();
  private pending = '';
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private readonly full: Uint8Array[] = [];

  constructor(private readonly sink: ByteSink) {}

  /** Adds text; call flush() now and then (at least once a batch) to hand the bytes on. */
  add(text: string): void {
    this.pending += text;
    if (this.pending.length >= PIECE_CHARS) this.encode();
  }

  /** Whether a buffer is full and waits for flush(). */
  get ready(): boolean {
    return this.full.length > 0;
  }

  private encode(): void {
    const text = this.pending;
    this.pending = '';
    // UTF-8 takes at most three bytes for a UTF-16 unit.
    if (this.used + text.length * 3 > this.buffer.length) {
      if (this.used > 0) this.full.push(this.buffer.subarray(0, this.used));
      this.buffer = Buffer.allocUnsafe(Math.max(BUFFER_BYTES, text.length * 3));
      this.used = 0;
    }
    this.used += this.encoder.encodeInto(text, this.buffer.subarray(this.used)).written;
  }

  /** Hands everything added so far to the sink, waiting as it asks. */
  async flush(): Promise<void> {
    if (this.pending !== '') this.encode();
    if (this.used > 0) {
      // The bytes handed on are never written again: the rest of the buffer takes the next text.
      this.full.push(this.buffer.subarray(0, this.used));
      this.buffer = this.buffer.subarray(this.used);
      this.used = 0;
      if (this.buffer.length < PIECE_CHARS * 3) this.buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    }
    for (const chunk of this.full.splice(0)) await this.sink.write(chunk);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.sink.close();
  }
}

/** A sink that keeps every chunk, for the whole-table functions. */
export function memorySink(): ByteSink & { bytes(): Uint8Array } {
  const chunks: Uint8Array[] = [];
  return {
    async write(chunk) {
      if (chunk.byteLength > 0) chunks.push(chunk.slice());
    },
    async close() {},
    bytes() {
      return concatBytes(chunks);
    },
  };
}

export function concatBytes(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The rows of a write call in slices of at most BATCH_ROWS, so no call encodes more than one batch at once. */
export function* slices(rows: Row[], size = BATCH_ROWS): Generator<Row[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** The dictionary of a categorical field from its distinct values: the enum in schema order, else sorted. */
export function levelsOf(f: FieldSpec, distinct: Iterable<string>): string[] {
  return f.enum ? [...f.enum] : [...new Set(distinct)].sort();
}

/**
 * Gathers a table's statistics in a first pass over its rows, batch by
 * batch; holds only the distinct values of categorical fields.
 */
export class StatsCollector {
  private rows = 0;
  private readonly distinct = new Map<string, Set<string>>();
  private readonly longest = new Map<string, number>();

  constructor(private readonly table: TableSchema) {
    for (const f of table.fields) {
      if (f.categorical) this.distinct.set(f.name, new Set());
      this.longest.set(f.name, 0);
    }
  }

  add(rows: Row[]): this {
    this.rows += rows.length;
    for (const f of this.table.fields) {
      const seen = this.distinct.get(f.name);
      let longest = this.longest.get(f.name)!;
      for (const r of rows) {
        const v = r[f.name];
        // As the Arrow column reads it: an empty string is a level of a text field.
        if (seen && typeof v === 'string' && (v !== '' || f.type === 'string')) seen.add(v);
        const text = cellText(f, v);
        if (text !== null && text.length > longest) longest = text.length;
      }
      this.longest.set(f.name, longest);
    }
    return this;
  }

  stats(): TableStats {
    const levels = new Map<string, string[]>();
    for (const f of this.table.fields) if (f.categorical) levels.set(f.name, levelsOf(f, this.distinct.get(f.name)!));
    return { rows: this.rows, levels, longest: new Map(this.longest) };
  }
}

/** The statistics of a table held whole. */
export function tableStats(table: TableSchema, rows: Row[]): TableStats {
  return new StatsCollector(table).add(rows).stats();
}
