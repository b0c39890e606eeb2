import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FORMATS } from '../pipeline/export/formats.ts';
import { describe, expect, it } from 'vitest';
import { DICTIONARY_FILE, withDictionary } from '../pipeline/docs.ts';
import { arrowSchema } from '../pipeline/export/arrow.ts';
import { jsonldContext } from '../pipeline/export/jsonld.ts';
import { validateTables, type Row } from '../pipeline/lib/schema.ts';
import { verifySpans } from '../pipeline/lib/spans.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import { ROOT, SCHEMA, errorOf } from './helpers.ts';
import { readArrow, readCsv, readParquetTable, typedRow } from './load.ts';

const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);
const datapackage = JSON.parse(readFileSync(path.join(release, 'datapackage.json'), 'utf8'));


describe('the schema generates every description of the data', () => {
  for (const t of SCHEMA.tables) {
    const names = t.fields.map((f) => f.name);

    it(`${t.name}: CSV header, Arrow and Parquet schemas, Table Schema and JSON-LD context all follow schema/${t.name}.yaml`, () => {
      const header = readFileSync(path.join(release, `${t.name}.csv`), 'utf8').split('\r\n')[0];
      expect(header).toBe(names.join(','));
      const expected = arrowSchema(t, SCHEMA);
      for (const file of [readArrow(path.join(release, `${t.name}.arrow`)), readParquetTable(path.join(release, `${t.name}.parquet`))]) {
        expect(file.schema.fields.map((f) => f.name)).toEqual(names);
        expect(file.schema.fields.map((f) => String(f.type))).toEqual(expected.fields.map((f) => String(f.type)));
        expect(file.schema.fields.map((f) => f.nullable)).toEqual(t.fields.map((f) => !f.required));
        expect(file.schema.fields.map((f) => f.metadata.get('description'))).toEqual(t.fields.map((f) => f.description));
        expect(file.schema.metadata.get('description')).toBe(t.description);
      }
      const resource = datapackage.resources.find((r: { name: string }) => r.name === t.name);
      expect(resource.schema.fields.map((f: { name: string }) => f.name)).toEqual(names);
      expect(resource.schema.fields.map((f: { type: string }) => f.type)).toEqual(t.fields.map((f) => f.type));
      expect(resource.schema.primaryKey).toEqual(t.primary_key);
      expect(resource.schema.foreignKeys ?? []).toEqual(t.foreign_keys);
      const context = JSON.parse(readFileSync(path.join(release, `${t.name}.jsonld`), 'utf8'))['@context'];
      expect(context).toEqual(jsonldContext(t, SCHEMA));
      for (const n of names) expect(context[n], n).toBeDefined();
    });
  }

  it('the data dictionary in docs/ is the one the schema generates', () => {
    const dictionary = readFileSync(path.join(ROOT, DICTIONARY_FILE), 'utf8');
    expect(dictionary).toBe(withDictionary(dictionary, SCHEMA));
    expect(dictionary).toContain('| `date_edtf` | string | yes |');
  });

  it('datapackage.json lists every file of the release with its true size and sha256', () => {
    const sums = readFileSync(path.join(release, 'SHA256SUMS'), 'utf8').trim().split('\n').map((l) => l.split('  '));
    const byName = new Map(sums.map(([h, n]) => [n, h]));
    for (const r of datapackage.resources) {
      expect(r.bytes).toBe(readFileSync(path.join(release, r.path)).length);
      expect(r.hash).toBe(`sha256:${byName.get(r.path)}`);
    }
    expect(datapackage.version).toBe(SCHEMA.version);
    // A file per table for each per-table format, and one for each format of the whole dataset.
    const perTable = FORMATS.filter((f) => f.described && f.scope === 'table').length;
    const whole = FORMATS.filter((f) => f.described && f.scope === 'dataset').length;
    // And the release's quality files: coverage, the curator list, and the precision once the version is audited.
    const quality = existsSync(path.join(release, 'precision.json')) ? 3 : 2;
    expect(datapackage.resources).toHaveLength(SCHEMA.tables.length * perTable + whole + quality);
    expect(datapackage.resources.slice(-quality).map((r: { name: string }) => r.name)).toEqual(['coverage', 'curator-list', 'precision'].slice(0, quality));
    expect(datapackage.resources.map((r: { path: string }) => r.path)).toContain(`${SCHEMA.name}.sqlite`);
  });
});

describe('records are validated against the schema before export', () => {
  const rows = (): Record<string, Row[]> =>
    Object.fromEntries(SCHEMA.tables.map((t) => [t.name, readCsv(path.join(release, `${t.name}.csv`)).map((r) => typedRow(t, r))]));

  it('accepts the released records', () => {
    expect(() => validateTables(SCHEMA, rows())).not.toThrow();
  });

  it.each([
    ['a value outside the enumeration', (e: Row) => (e.event_type = 'party'), 'event_type'],
    ['a missing required value', (e: Row) => (e.description = null), 'description'],
    ['a wrong type', (e: Row) => (e.sequence = 'first'), 'sequence'],
    ['a malformed date', (e: Row) => (e.date_end = '2019-13-01'), 'date_end'],
    ['a pattern violation', (e: Row) => (e.event_id = 'event-1'), 'event_id'],
    ['a field the schema does not have', (e: Row) => (e.colour = 'red'), 'colour'],
  ])('rejects %s, naming record, field and value', (_, mutate, field) => {
    const data = rows();
    mutate(data.events![3]!);
    const e = errorOf(() => validateTables(SCHEMA, data));
    expect(e.code).toBe('record/invalid');
    expect(e.message).toContain(`events record ${String(data.events![3]!.event_id)}, field ${field}`);
  });

  it('rejects a duplicate key and an unresolved foreign key', () => {
    const dup = rows();
    dup.events![1]!.event_id = dup.events![0]!.event_id!;
    expect(errorOf(() => validateTables(SCHEMA, dup)).code).toBe('record/invalid');
    const orphan = rows();
    orphan.events![0]!.source_id = 'no-such-source';
    const e = errorOf(() => validateTables(SCHEMA, orphan));
    expect(e.code).toBe('record/foreign-key');
    expect(e.message).toContain('no-such-source');
  });

  it('rejects a span that does not re-slice to its evidence', () => {
    const table = SCHEMA.tables.find((t) => t.name === 'events')!;
    const text = new IndexedText('ab😀cd');
    const ok: Row = { event_id: 'ev-1', source_id: 's', span_start: 2, span_end: 4, evidence: '😀c' };
    expect(verifySpans(table, [ok], new Map([['s', text]]))).toBe(1);
    // Offsets counted in UTF-16 units instead of code points are caught.
    const utf16: Row = { ...ok, span_start: 2, span_end: 5 };
    expect(errorOf(() => verifySpans(table, [utf16], new Map([['s', text]]))).code).toBe('span/mismatch');
    const outside: Row = { ...ok, span_end: 99 };
    expect(errorOf(() => verifySpans(table, [outside], new Map([['s', text]]))).code).toBe('span/mismatch');
  });
});
