/**
 * A CSV on the Web sidecar for each CSV, `<table>.csv-metadata.json`: the
 * name a CSVW processor looks for beside `<table>.csv` (W3C "Model for
 * Tabular Data and Metadata on the Web", section 5.1.2, default
 * `{+url}-metadata.json`). Its content follows the W3C "Metadata Vocabulary
 * for Tabular Data" (www.w3.org/TR/tabular-metadata/):
 * - a Table description with `url`, `dialect` (UTF-8, header row, CRLF) and
 *   common properties (dc:title, dc:description, dc:license);
 * - `tableSchema.columns`: each field's `name`, `titles` (the CSV header),
 *   `datatype` (string, integer, double, boolean, date, with the schema's
 *   pattern or enumeration as `format` and its minimum), `required`,
 *   `separator` for a multi-valued field, and `propertyUrl`, the same RDF
 *   property as the JSON-LD files use;
 * - `primaryKey`, `foreignKeys` (referencing the other table's CSV), and
 *   `aboutUrl` / `valueUrl` URI templates that give each row, and each
 *   foreign key value, the same IRI as the JSON-LD files.
 */
import type { DatasetSchema, FieldSpec, TableSchema } from '../lib/schema.ts';
import { PREFIXES, vocabPrefix } from './jsonld.ts';

export const STEP = { id: 'export/csvw', version: '1.0.0' };

export const csvwName = (table: TableSchema): string => `${table.name}.csv-metadata.json`;

/** A CURIE of the schema (schema:name, oa:start) as the absolute IRI it stands for. */
export function expandCurie(curie: string, dataset: DatasetSchema): string {
  const i = curie.indexOf(':');
  const prefix = curie.slice(0, i);
  if (prefix === 'ds') return `${vocabPrefix(dataset)}${curie.slice(i + 1)}`;
  const ns = PREFIXES[prefix];
  return ns ? `${ns}${curie.slice(i + 1)}` : curie;
}

/** The RDF property of a field, as in the JSON-LD @context. */
export function propertyIri(f: FieldSpec, dataset: DatasetSchema): string {
  return expandCurie(f.rdf ?? `ds:${f.name}`, dataset);
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A CSVW datatype for a field (built-in names from the Metadata Vocabulary, 5.11). */
export function csvwDatatype(f: FieldSpec): string | Record<string, unknown> {
  const base = { string: 'string', integer: 'integer', number: 'double', boolean: 'boolean', date: 'date' }[f.type];
  const d: Record<string, unknown> = { base };
  if (f.type === 'boolean') d.format = 'true|false';
  if (f.type === 'date') d.format = 'yyyy-MM-dd';
  if (f.enum) d.format = `^(${f.enum.map(escapeRegex).join('|')})$`;
  else if (f.pattern) d.format = f.pattern;
  if (f.minimum !== undefined) d.minimum = f.minimum;
  return Object.keys(d).length === 1 ? base : d;
}

/** A URI template that gives a row of `table` the IRI its JSON-LD record has. */
export function rowIriTemplate(dataset: DatasetSchema, table: string, keys: string[]): string {
  // The JSON-LD IRI percent-encodes the key joined by "/" as one segment.
  return `${dataset.iri_base}${table}/${keys.map((k) => `{${k}}`).join('%2F')}`;
}

export function csvwMetadata(table: TableSchema, dataset: DatasetSchema): Record<string, unknown> {
  const columns = table.fields.map((f) => {
    const c: Record<string, unknown> = {
      name: f.name,
      titles: f.name,
      'dc:title': f.title,
      'dc:description': f.description,
      datatype: csvwDatatype(f),
      required: f.required,
      propertyUrl: propertyIri(f, dataset),
    };
    if (f.separator !== undefined) c.separator = f.separator;
    if (f.language) c.lang = f.language;
    const fk = table.foreign_keys.find((k) => k.fields.length === 1 && k.fields[0] === f.name);
    if (fk) c.valueUrl = rowIriTemplate(dataset, fk.reference.resource, [f.name]);
    return c;
  });
  const schema: Record<string, unknown> = {
    columns,
    primaryKey: table.primary_key.length === 1 ? table.primary_key[0] : table.primary_key,
    aboutUrl: rowIriTemplate(dataset, table.name, table.primary_key),
  };
  if (table.foreign_keys.length > 0) {
    schema.foreignKeys = table.foreign_keys.map((fk) => ({
      columnReference: fk.fields.length === 1 ? fk.fields[0] : fk.fields,
      reference: {
        resource: `${fk.reference.resource}.csv`,
        columnReference: fk.reference.fields.length === 1 ? fk.reference.fields[0] : fk.reference.fields,
      },
    }));
  }
  return {
    '@context': ['http://www.w3.org/ns/csvw', { '@language': 'en' }],
    url: `${table.name}.csv`,
    'dc:title': table.title,
    'dc:description': table.description,
    'dc:license': { '@id': dataset.license.path },
    'dc:isPartOf': `${dataset.name} ${dataset.version}`,
    dialect: {
      encoding: 'utf-8',
      header: true,
      headerRowCount: 1,
      delimiter: ',',
      quoteChar: '"',
      doubleQuote: true,
      lineTerminators: ['\r\n'],
      skipInitialSpace: false,
      trim: false,
    },
    tableSchema: schema,
  };
}
