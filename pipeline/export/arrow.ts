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
  Bool, DateDay, Dictionary, Field, Float64, Int32, List, RecordBatch, Schema, Struct, Table, Utf8, Vector, makeData, tableToIPC, vectorFromArray,
  type DataType,
} from 'apache-arrow';
import type { DatasetSchema, FieldSpec, Row, TableSchema } from '../lib/schema.ts';

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

function dictionaryColumn(f: FieldSpec, type: Dictionary<Utf8, Int32>, values: (string | null)[]): Vector {
  const levels = f.enum ?? [...new Set(values.filter((v): v is string => v !== null))].sort();
  const index = new Map(levels.map((l, i) => [l, i]));
  const indices = Int32Array.from(values, (v) => (v === null ? 0 : index.get(v)!));
  const { bitmap, nullCount } = nullBitmap(values);
  const dictionary = vectorFromArray(levels, new Utf8());
  const data = makeData({ type, length: values.length, nullCount, nullBitmap: nullCount ? bitmap : null, data: indices, dictionary });
  return new Vector([data]);
}

export function toArrowTable(table: TableSchema, rows: Row[], dataset: DatasetSchema): Table {
  const schema = arrowSchema(table, dataset);
  const columns: Record<string, Vector> = {};
  table.fields.forEach((f, i) => {
    const field = schema.fields[i]!;
    const raw = rows.map((r) => (r[f.name] === '' && f.type !== 'string' ? null : (r[f.name] ?? null)));
    if (f.separator !== undefined) {
      const items = raw.map((v) => (Array.isArray(v) && v.length > 0 ? v.map((x) => (f.type === 'date' ? new Date(Date.parse(`${x}T00:00:00Z`)) : x)) : null));
      columns[f.name] = vectorFromArray(items as never[], field.type);
    } else if (f.categorical) {
      columns[f.name] = dictionaryColumn(f, field.type as Dictionary<Utf8, Int32>, raw as (string | null)[]);
    } else if (f.type === 'date') {
      columns[f.name] = vectorFromArray(raw.map((v) => (v === null ? null : new Date(Date.parse(`${v}T00:00:00Z`)))), new DateDay());
    } else {
      columns[f.name] = vectorFromArray(raw as never[], field.type);
    }
  });
  // One record batch under the schema itself, so field nullability and
  // metadata are the schema's, not what the vectors would infer.
  const children = table.fields.map((f) => {
    const v = columns[f.name]!;
    if (v.data.length !== 1) throw new Error(`column ${f.name} built in ${v.data.length} chunks`);
    return v.data[0]!;
  });
  const struct = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return new Table([new RecordBatch(schema, struct)]);
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
