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

function dictionaryColumn(f: FieldSpec, type: Dictionary<Utf8, Int32>, values: (string | null)[], dictionary: Vector<Utf8>): Data {
  const index = new Map<string, number>();
  for (let i = 0; i < dictionary.length; i++) index.set(dictionary.get(i)!, i);
  const indices = Int32Array.from(values, (v) => {
    if (v === null) return 0;
    const at = index.get(v);
    if (at === undefined) {
      throw new PipelineError('record/invalid', `value ${JSON.stringify(v)} of ${f.name} is not in the dictionary the table's statistics gave`, {
        value: v,
        expected: 'table statistics gathered from the same rows as those written',
      });
    }
    return at;
  });
  const { bitmap, nullCount } = nullBitmap(values);
  return makeData({ type, length: values.length, nullCount, nullBitmap: nullCount ? bitmap : null, data: indices, dictionary });
}

const asDate = (v: unknown): Date => new Date(Date.parse(`${String(v)}T00:00:00Z`));

/**
 * One record batch of rows under the table's schema, with the given
 * dictionaries (by field name) for its categorical columns.
 */
export function arrowBatch(table: TableSchema, schema: Schema, rows: Row[], dictionaries: Map<string, Vector<Utf8>>): RecordBatch {
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
  // The batch is made under the schema itself, so field nullability and
  // metadata are the schema's, not what the vectors would infer.
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

/** An Arrow IPC file writer onto a sink, one record batch per BATCH_ROWS rows. */
export function arrowWriter(sink: ByteSink, table: TableSchema, dataset: DatasetSchema, stats: TableStats, options: BatchOptions = {}): TableWriter {
  const schema = arrowSchema(table, dataset);
  const dictionaries = tableDictionaries(table, stats.levels);
  const queue = new Collector();
  const writer = new RecordBatchFileWriter();
  writer.reset(queue, schema);
  const batcher = new Batcher(options.batchRows);
  let batches = 0;
  const flush = async (): Promise<void> => {
    for (const chunk of queue.take()) await sink.write(chunk);
  };
  const emit = async (rows: Row[]): Promise<void> => {
    writer.write(arrowBatch(table, schema, rows, dictionaries));
    batches++;
    await flush();
  };
  return {
    async write(rows) {
      for (const batch of batcher.add(rows)) await emit(batch);
    },
    async close() {
      const rest = batcher.rest();
      // An empty table is still one (empty) batch, as the whole-table writer makes it.
      if (rest.length > 0 || batches === 0) await emit(rest);
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
