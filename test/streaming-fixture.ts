/**
 * A synthetic table for the streaming tests: every kind of field the
 * writers handle (text, integer, number, boolean, date, categorical enum,
 * categorical without enum, list) plus the provenance fields, and rows made
 * on demand so a table of any length never exists in memory at once.
 */
import { randomBytes } from 'node:crypto';
import type { DatasetSchema, FieldSpec, Row, TableSchema } from '../pipeline/lib/schema.ts';
import { IndexedText } from '../pipeline/lib/text.ts';

const field = (name: string, type: FieldSpec['type'], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name, type, title: name, description: `The ${name}.`, required: false, unique: false, categorical: false, ...extra,
});

export const STREAM_TABLE: TableSchema = {
  name: 'items',
  title: 'Items',
  description: 'Generated rows.',
  rdf_type: 'schema:Thing',
  primary_key: ['item_id'],
  foreign_keys: [],
  references: [],
  spans: [],
  fields: [
    field('item_id', 'string', { required: true, unique: true }),
    field('n', 'integer'),
    field('x', 'number'),
    field('flag', 'boolean'),
    field('day', 'date'),
    field('kind', 'string', { categorical: true, enum: ['alpha', 'beta', 'gamma'] }),
    field('group', 'string', { categorical: true }),
    field('tags', 'string', { separator: '; ' }),
    field('note', 'string'),
    field('source_id', 'string', { required: true }),
    field('span_start', 'integer', { required: true }),
    field('span_end', 'integer', { required: true }),
    field('evidence', 'string', { required: true }),
    field('extractor', 'string', { required: true }),
  ],
};

export const STREAM_SOURCE_TEXT = new IndexedText('Alpha beta gamma 🐉 𠀀 delta — epsilon.\r\nZeta "eta" =theta, +iota.');

export function streamDataset(base: DatasetSchema): DatasetSchema {
  return { ...base, tables: [STREAM_TABLE] };
}

/**
 * Row i. `noteChars` of random text (incompressible, unique per row) make a
 * row as large as a test needs; without it the rows are deterministic.
 */
export function streamRow(i: number, noteChars = 0): Row {
  const note = noteChars > 0 ? randomBytes(Math.ceil((noteChars * 3) / 4)).toString('base64').slice(0, noteChars) : i % 5 === 0 ? null : `note ${i}${i % 7 === 0 ? '\r\nsecond line, "quoted"' : ''}`;
  return {
    item_id: `item-${String(i).padStart(7, '0')}`,
    n: i % 11 === 0 ? null : i,
    x: i % 13 === 0 ? null : i / 8,
    flag: i % 3 === 0 ? null : i % 2 === 0,
    day: i % 17 === 0 ? null : i % 19 === 0 ? '1619-03-02' : `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
    kind: i % 23 === 0 ? null : ['alpha', 'beta', 'gamma'][i % 3]!,
    group: i % 29 === 0 ? null : `g${i % 4}`,
    tags: i % 6 === 0 ? [] : [`t${i % 5}`, `u${i % 3}`],
    note,
    source_id: 'src',
    span_start: i % 4,
    span_end: 5 + (i % 4),
    evidence: STREAM_SOURCE_TEXT.slice(i % 4, 5 + (i % 4)),
    extractor: 'test/stream@1.0.0',
  };
}

export function streamRows(from: number, to: number, noteChars = 0): Row[] {
  const out: Row[] = [];
  for (let i = from; i < to; i++) out.push(streamRow(i, noteChars));
  return out;
}
