/**
 * Records → an Arrow table, typed from the schema: date32 (DateDay) dates,
 * Int32 integers, Float64 numbers, booleans, UTF-8 strings, and
 * dictionary-encoded categorical columns (an enumeration's dictionary holds
 * all its values in schema order, so a categorical in pandas or R knows every
 * level), and multi-valued fields as lists of their item type. Nullability
 * is the schema's `required`. Only types Parquet can hold.
 * Field titles and descriptions travel in the field metadata, the table's in
 * the schema metadata.
 */
import {
  AsyncByteQueue, Bool, Data, DateDay, Dictionary, Field, Float64, Int32, List, RecordBatch, RecordBatchFileWriter, Schema, Struct, Table, Utf8, Vector,
  makeData, tableToIPC, vectorFromArray, type DataType,
} from 'apache-arrow';
import { PipelineError } from '../lib/errors.ts';
import type { DatasetSchema, FieldSpec, Row, TableSchema } from '../lib/schema.ts';
import { BATCH_ROWS, fileSink, slices, tableStats, type BatchOptions, type ByteSink, type TableStats, type TableWriter } from './writer.ts';

export const STEP = { id: 'export/arrow', version: '1.1.0' };

const DAY_MS = 86_400_000;

function valueType(f: FieldSpec): DataType {
  switch (f.type) {
    case 'integer': return new Int32();
    case 'number': return new Float64();
    case 'boolean': return new Bool();
    case 'date': return new DateDay();
    case 'string': return new Utf8();
  }
}

function fieldMetadata(f: FieldSpec): Map<string, string> {
  const m = new Map<string, string>([['title', f.title], ['description', f.description]]);
  if (f.enum) m.set('enum', JSON.stringify(f.enum));
  if (f.separator !== undefined) m.set('separator', f.separator);
  return m;
}

/** The Arrow schema of a table, without data: what every file must match. */
export function arrowSchema(table: TableSchema, dataset: DatasetSchema): Schema {
  const fields = table.fields.map((f, i) => {
    // Every dictionary gets its own id (apache-arrow 21 would otherwise
    // share one id between dictionary columns and mix their values).
    let type: DataType = f.categorical ? new Dictionary(new Utf8(), new Int32(), i, false) : valueType(f);
    if (f.separator !== undefined) type = new List(new Field('item', valueType(f), false));
    return new Field(f.name, type, !f.required, fieldMetadata(f));
  });
  return new Schema(fields, tableMetadata(table, dataset));
}

export function tableMetadata(table: TableSchema, dataset: DatasetSchema): Map<string, string> {
  return new Map([
    ['title', table.title],
    ['description', table.description],
    ['primary_key', JSON.stringify(table.primary_key)],
    ['dataset', dataset.name],
    ['dataset_version', dataset.version],
  ]);
}

function nullBitmap(values: unknown[]): { bitmap: Uint8Array; nullCount: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { bitmap, nullCount };
}

/** A categorical field's dictionary, made once per table: every batch of a file shares it. */
export function dictionaryVector(levels: string[]): Vector<Utf8> {
  return vectorFromArray(levels, new Utf8());
}

/** Each dictionary's value → index map, made once per dictionary rather than once per batch. */
const indexes = new WeakMap<Vector<Utf8>, Map<string, number>>();
function dictionaryIndex(dictionary: Vector<Utf8>): Map<string, number> {
  let index = indexes.get(dictionary);
  if (!index) {
    index = new Map();
    for (let i = 0; i < dictionary.length; i++) index.set(dictionary.get(i)!, i);
    indexes.set(dictionary, index);
  }
  return index;
}

function dictionaryColumn(f: FieldSpec, type: Dictionary<Utf8, Int32>, values: (string | null)[], dictionary: Vector<Utf8>): Data {
  const index = dictionaryIndex(dictionary);
  const indices = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null) continue;
    const at = index.get(v);
    if (at === undefined) {
      throw new PipelineError('record/invalid', `value ${JSON.stringify(v)} of ${f.name} is not in the dictionary the table's statistics gave`, {
        value: v,
        expected: 'table statistics gathered from the same rows as those written',
      });
    }
    indices[i] = at;
  }
  const { bitmap, nullCount } = nullBitmap(values);
  return makeData({ type, length: values.length, nullCount, nullBitmap: nullCount ? bitmap : null, data: indices, dictionary });
}

const asDate = (v: unknown): Date => new Date(Date.parse(`${String(v)}T00:00:00Z`));
const asDay = (v: unknown): number => Math.round(Date.parse(`${String(v)}T00:00:00Z`) / DAY_MS);

/*
 * Columns are built straight into their buffers rather than through
 * apache-arrow's builders (vectorFromArray): the builders took about three
 * quarters of the Parquet writer's time and as much of the Arrow writer's
 * (a million rows: seconds per table). The buffers are what the builders
 * make, byte for byte, so the files do not change: a null's slot is zero, a
 * string's bytes are its UTF-8, a column without nulls has no validity
 * bitmap, and every buffer is zero-padded to a multiple of 64 bytes (the
 * builders' allocation unit, which the IPC writer writes as it is); the
 * tests compare the files with those of the builders.
 */
const utf8 = new TextEncoder();
/** Elements of `width` bytes that fill n elements rounded up to 64 bytes. */
const padded = (n: number, width: number): number => (Math.ceil((n * width) / 64) * 64) / width;
const bitmapOf = (n: number): Uint8Array => new Uint8Array(padded((n + 7) >> 3, 1));

/** Bytes of a string as UTF-8 (a lone surrogate becomes U+FFFD, three bytes, as TextEncoder writes it). */
function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a pair: two units, four bytes
      i++;
    } else n += 2;
  }
  return n;
}

/**
 * A UTF-8 column: the column's texts joined and encoded at once (one call
 * into the encoder per column, not per value), the offsets from each text's
 * UTF-8 length, or from its length alone when the whole column is ASCII.
 */
function utf8Data(type: DataType, values: unknown[], nullable: boolean): Data {
  const n = values.length;
  const offsets = new Int32Array(padded(n + 1, 4));
  const bitmap = nullable ? bitmapOf(n) : null;
  let nullCount = 0;
  const texts: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      nullCount++;
      texts[i] = '';
    } else {
      texts[i] = String(v);
      if (bitmap) bitmap[i >> 3]! |= 1 << (i & 7);
    }
  }
  const joined = texts.join('');
  // Sized for ASCII (plus the padding), grown only for what does not fit, so
  // a batch of long texts does not take three times its size at once.
  let bytes = new Uint8Array(padded(joined.length + 64, 1));
  let { read, written } = utf8.encodeInto(joined, bytes);
  while (read < joined.length) {
    const grown = new Uint8Array(padded(Math.max(bytes.length * 2, written + (joined.length - read) * 3 + 64), 1));
    grown.set(bytes.subarray(0, written));
    bytes = grown;
    const more = utf8.encodeInto(joined.slice(read), bytes.subarray(written));
    read += more.read;
    written += more.written;
  }
  const ascii = written === joined.length;
  let at = 0;
  for (let i = 0; i < n; i++) {
    at += ascii ? texts[i]!.length : utf8Length(texts[i]!);
    offsets[i + 1] = at;
  }
  if (at !== written) throw new Error(`UTF-8 offsets of a column add up to ${at} bytes, the encoder wrote ${written}`);
  // The rest of the buffer is zero: only the padding to 64 bytes is kept.
  return makeData({ type: type as Utf8, length: n, nullCount, nullBitmap: nullCount ? bitmap : null, valueOffsets: offsets, data: bytes.subarray(0, padded(written, 1)) });
}

/** A fixed-width column (Int32, Float64, DateDay, Bool) from values that are already numbers, booleans or ISO days. */
function fixedData(f: FieldSpec, type: DataType, values: unknown[]): Data {
  const n = values.length;
  const bitmap = bitmapOf(n);
  let nullCount = 0;
  const valid = (i: number): boolean => {
    const v = values[i];
    if (v === null || v === undefined) {
      nullCount++;
      return false;
    }
    bitmap[i >> 3]! |= 1 << (i & 7);
    return true;
  };
  let data: Int32Array | Float64Array | Uint8Array;
  switch (f.type) {
    case 'integer': {
      const a = new Int32Array(padded(n, 4));
      for (let i = 0; i < n; i++) if (valid(i)) a[i] = values[i] as number;
      data = a;
      break;
    }
    case 'number': {
      const a = new Float64Array(padded(n, 8));
      for (let i = 0; i < n; i++) if (valid(i)) a[i] = values[i] as number;
      data = a;
      break;
    }
    case 'date': {
      const a = new Int32Array(padded(n, 4));
      for (let i = 0; i < n; i++) if (valid(i)) a[i] = asDay(values[i]);
      data = a;
      break;
    }
    case 'boolean': {
      const a = bitmapOf(n);
      for (let i = 0; i < n; i++) if (valid(i) && values[i]) a[i >> 3]! |= 1 << (i & 7);
      data = a;
      break;
    }
    case 'string':
      return utf8Data(type, values, true);
  }
  return makeData({ type: type as Int32, length: n, nullCount, nullBitmap: nullCount ? bitmap : null, data: data as Int32Array });
}

/** A column of one field's values (nulls already made null) under its schema type. */
function columnData(f: FieldSpec, type: DataType, values: unknown[]): Data {
  return f.type === 'string' ? utf8Data(type, values, true) : fixedData(f, type, values);
}

/** A list column: an empty or missing list is null; items are never null. */
function listData(f: FieldSpec, type: List, values: unknown[]): Data {
  const n = values.length;
  const offsets = new Int32Array(padded(n + 1, 4));
  const bitmap = bitmapOf(n);
  let nullCount = 0;
  const items: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Array.isArray(v) && v.length > 0) {
      for (const x of v) items.push(x);
      bitmap[i >> 3]! |= 1 << (i & 7);
    } else nullCount++;
    offsets[i + 1] = items.length;
  }
  const child = columnData(f, type.children[0]!.type, items);
  return makeData({ type, length: n, nullCount, nullBitmap: nullCount ? bitmap : null, valueOffsets: offsets, child });
}

/** A field's values over the rows, an empty non-text value as null: one property read a row. */
function columnValues(f: FieldSpec, rows: Row[]): unknown[] {
  const name = f.name;
  const text = f.type === 'string';
  const out: unknown[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i]![name];
    out[i] = v === undefined || (v === '' && !text) ? null : v;
  }
  return out;
}

/**
 * One record batch of rows under the table's schema, with the given
 * dictionaries (by field name) for its categorical columns.
 */
export function arrowBatch(table: TableSchema, schema: Schema, rows: Row[], dictionaries: Map<string, Vector<Utf8>>): RecordBatch {
  const children = table.fields.map((f, i) => {
    const field = schema.fields[i]!;
    const raw = columnValues(f, rows);
    if (f.separator !== undefined) return listData(f, field.type as List, raw);
    if (f.categorical) return dictionaryColumn(f, field.type as Dictionary<Utf8, Int32>, raw as (string | null)[], dictionaries.get(f.name)!);
    return columnData(f, field.type, raw);
  });
  // The batch is made under the schema itself, so field nullability and
  // metadata are the schema's, not what the vectors would infer.
  const struct = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return new RecordBatch(schema, struct);
}

/**
 * The same batch built through apache-arrow's builders, as arrowBatch built
 * it before: the reference the tests hold arrowBatch's bytes to.
 */
export function arrowBatchByBuilders(table: TableSchema, schema: Schema, rows: Row[], dictionaries: Map<string, Vector<Utf8>>): RecordBatch {
  const children = table.fields.map((f, i) => {
    const field = schema.fields[i]!;
    const raw = rows.map((r) => (r[f.name] === '' && f.type !== 'string' ? null : (r[f.name] ?? null)));
    let column: Vector | Data;
    if (f.separator !== undefined) {
      const items = raw.map((v) => (Array.isArray(v) && v.length > 0 ? v.map((x) => (f.type === 'date' ? asDate(x) : x)) : null));
      column = vectorFromArray(items as never[], field.type);
    } else if (f.categorical) {
      column = dictionaryColumn(f, field.type as Dictionary<Utf8, Int32>, raw as (string | null)[], dictionaries.get(f.name)!);
    } else if (f.type === 'date') {
      column = vectorFromArray(raw.map((v) => (v === null ? null : asDate(v))), new DateDay());
    } else {
      column = vectorFromArray(raw as never[], field.type);
    }
    if (column instanceof Data) return column;
    if (column.data.length !== 1) throw new Error(`column ${f.name} built in ${column.data.length} chunks`);
    return column.data[0]!;
  });
  const struct = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return new RecordBatch(schema, struct);
}

/** The dictionaries of a table's categorical fields from its levels. */
export function tableDictionaries(table: TableSchema, levels: Map<string, string[]>): Map<string, Vector<Utf8>> {
  const out = new Map<string, Vector<Utf8>>();
  for (const f of table.fields) {
    if (!f.categorical) continue;
    const l = levels.get(f.name);
    if (!l) throw new Error(`no levels given for categorical field ${table.name}.${f.name}`);
    out.set(f.name, dictionaryVector(l));
  }
  return out;
}

/**
 * A whole table, cut into record batches of BATCH_ROWS rows exactly as the
 * streaming writer cuts them, so both give the same file.
 */
export function toArrowTable(table: TableSchema, rows: Row[], dataset: DatasetSchema): Table {
  const schema = arrowSchema(table, dataset);
  const dictionaries = tableDictionaries(table, tableStats(table, rows).levels);
  const batches = rows.length === 0 ? [arrowBatch(table, schema, [], dictionaries)] : [...slices(rows)].map((s) => arrowBatch(table, schema, s, dictionaries));
  return new Table(schema, batches);
}

/**
 * An AsyncByteQueue that only collects what the Arrow writer hands it, so
 * the writer's bytes can be taken after each batch and written with
 * backpressure instead of piling up in the writer's own queue.
 */
class Collector extends AsyncByteQueue {
  chunks: Uint8Array[] = [];
  override write(value: Uint8Array): void {
    if (value.byteLength > 0) this.chunks.push(value);
  }
  take(): Uint8Array[] {
    const out = this.chunks;
    this.chunks = [];
    return out;
  }
}

/** Rows gathered into batches of BATCH_ROWS, whatever the sizes of the calls that bring them. */
export class Batcher {
  private pending: Row[] = [];
  constructor(private readonly size = BATCH_ROWS) {}
  /** Adds rows; returns the full batches they complete. */
  add(rows: Row[]): Row[][] {
    const full: Row[][] = [];
    let at = 0;
    while (at < rows.length) {
      const take = Math.min(this.size - this.pending.length, rows.length - at);
      for (let i = 0; i < take; i++) this.pending.push(rows[at + i]!);
      at += take;
      if (this.pending.length === this.size) {
        full.push(this.pending);
        this.pending = [];
      }
    }
    return full;
  }
  /** What is left, at the end of the table. */
  rest(): Row[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }
}

/** One writer's view of a table's record batches: what its rows complete, and at the end what is left. */
export interface BatchFeed {
  readonly schema: Schema;
  /** The full batches these rows complete. */
  add(rows: Row[]): RecordBatch[];
  /** The last batch (an empty one if the table had none). */
  end(): RecordBatch[];
}

/**
 * The record batches of one table, cut and built once for every writer
 * that takes Arrow: the Arrow file and Parquet are written from the same
 * batches, so building them (the larger part of either writer's time) is
 * paid once. Each writer gets a feed; a batch is built by the first feed
 * that asks for it and dropped once every feed has had it, so memory holds
 * one call's batches. Feeds must be given the same rows in the same order,
 * as the export stage gives every writer; anything else is refused.
 */
export class SharedBatches {
  readonly schema: Schema;
  private readonly dictionaries: Map<string, Vector<Utf8>>;
  private readonly batcher: Batcher;
  private readonly steps: { rows: Row[] | null; out: RecordBatch[] }[] = [];
  /** Index of steps[0] among every step so far. */
  private first = 0;
  private readonly positions: number[] = [];
  private built = 0;

  constructor(private readonly table: TableSchema, dataset: DatasetSchema, stats: TableStats, options: BatchOptions = {}) {
    this.schema = arrowSchema(table, dataset);
    this.dictionaries = tableDictionaries(table, stats.levels);
    this.batcher = new Batcher(options.batchRows);
  }

  feed(): BatchFeed {
    if (this.first > 0 || this.steps.length > 0) throw new Error(`a feed of ${this.table.name}'s batches was asked for after the first rows`);
    const me = this.positions.push(0) - 1;
    const step = (rows: Row[] | null): RecordBatch[] => {
      const k = this.positions[me]! - this.first;
      let entry = this.steps[k];
      if (entry === undefined) {
        entry = { rows, out: this.build(rows) };
        this.steps.push(entry);
      } else if (entry.rows !== rows) {
        throw new Error(`the writers sharing ${this.table.name}'s record batches were given different rows`);
      }
      this.positions[me]!++;
      const slowest = Math.min(...this.positions);
      while (this.first < slowest) {
        this.steps.shift();
        this.first++;
      }
      return entry.out;
    };
    return { schema: this.schema, add: (rows) => step(rows), end: () => step(null) };
  }

  private build(rows: Row[] | null): RecordBatch[] {
    let groups: Row[][];
    if (rows) groups = this.batcher.add(rows);
    else {
      const rest = this.batcher.rest();
      // An empty table is still one (empty) batch, as the whole-table writer makes it.
      groups = rest.length > 0 || this.built === 0 ? [rest] : [];
    }
    this.built += groups.length;
    return groups.map((g) => arrowBatch(this.table, this.schema, g, this.dictionaries));
  }
}

/** A feed of its own, for a writer that shares its batches with none. */
export function ownBatches(table: TableSchema, dataset: DatasetSchema, stats: TableStats, options: BatchOptions = {}): BatchFeed {
  return new SharedBatches(table, dataset, stats, options).feed();
}

/** An Arrow IPC file writer onto a sink, one record batch per BATCH_ROWS rows. */
export function arrowWriter(
  sink: ByteSink,
  table: TableSchema,
  dataset: DatasetSchema,
  stats: TableStats,
  options: BatchOptions = {},
  feed: BatchFeed = ownBatches(table, dataset, stats, options),
): TableWriter {
  const queue = new Collector();
  const writer = new RecordBatchFileWriter();
  writer.reset(queue, feed.schema);
  const flush = async (): Promise<void> => {
    for (const chunk of queue.take()) await sink.write(chunk);
  };
  const emit = async (batches: RecordBatch[]): Promise<void> => {
    for (const batch of batches) {
      writer.write(batch);
      await flush();
    }
  };
  return {
    async write(rows) {
      await emit(feed.add(rows));
    },
    async close() {
      await emit(feed.end());
      writer.close();
      await flush();
      await sink.close();
    },
  };
}

export async function openArrow(file: string, table: TableSchema, dataset: DatasetSchema, stats: TableStats, options: BatchOptions = {}): Promise<TableWriter> {
  return arrowWriter(fileSink(file), table, dataset, stats, options);
}

export function arrowFileBytes(t: Table): Uint8Array {
  return tableToIPC(t, 'file');
}

export function arrowStreamBytes(t: Table): Uint8Array {
  return tableToIPC(t, 'stream');
}

/** Epoch milliseconds of an ISO day, as DateDay columns read back. */
export function dayToMs(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS) * DAY_MS;
}
