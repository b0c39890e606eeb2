/**
 * datapackage.json, Frictionless Data Package v2 (datapackage.org/standard):
 * one tabular resource per table pointing at its CSV, with its Table Schema
 * (types, constraints, primaryKey, foreignKeys) generated from schema/, one
 * resource for each other file of the table (Arrow, Parquet, JSON-LD), and
 * one for the workbook. Every resource gives its byte size and
 * "sha256:<hex>" hash.
 *
 * Categorical fields list their levels in `categories` (Table Schema v2): an
 * enumeration's values in schema order, otherwise the values present in this
 * release, sorted, which are also the dictionary of the Arrow and Parquet
 * column. A multi-valued field is declared with the type of its CSV text,
 * `string`, and a `separator` property (the CSVW term) giving how its items
 * are joined: Data Package v2 describes a `list` type, but the v2 JSON
 * profile this release is validated against has no List Field.
 */
import type { DatasetSchema, FieldSpec, TableSchema } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import type { FileInfo } from './html.ts';
import type { TableStats } from './writer.ts';
import { plainCitation } from './citation.ts';
import { dataFiles } from './formats.ts';

import { COVERAGE_FILE, CURATOR_FIELDS, CURATOR_FILE, PRECISION_FILE } from './quality.ts';

/** The release's quality files that are present, as resources: what the release says of itself. */
function qualityResources(files: ReadonlyMap<string, FileInfo>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const base = (path: string, name: string, title: string, description: string, format: string, mediatype: string): Record<string, unknown> => {
    const info = files.get(path)!;
    return { name, title, description, path, format, mediatype, bytes: info.bytes, hash: `sha256:${info.sha256}` };
  };
  if (files.has(COVERAGE_FILE)) {
    out.push(base(COVERAGE_FILE, 'coverage', 'Coverage', 'The share of sentences, figures, quotations and original-language forms of the sources that became rows, per source and in all.', 'json', 'application/json'));
  }
  if (files.has(CURATOR_FILE)) {
    out.push({
      ...base(CURATOR_FILE, 'curator-list', 'Curator list', 'What the pipeline found and could not decide (names the registry does not hold, short forms no rule resolves, figures with no subject, quotations with no speaker, dates it could not read), each with its line and, where its words are found there, its span.', 'csv', 'text/csv'),
      type: 'table',
      encoding: 'utf-8',
      dialect: { header: true, delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true },
      schema: { fields: CURATOR_FIELDS.map((f) => ({ name: f.name, type: f.type, description: f.description })) },
    });
  }
  if (files.has(PRECISION_FILE)) {
    out.push(base(PRECISION_FILE, 'precision', 'Audited precision', 'For each audited table: rows judged by hand from a seeded sample (npm run audit), how many were correct, and the 95 % Wilson interval of the precision.', 'json', 'application/json'));
  }
  return out;
}

export const STEP = { id: 'export/datapackage', version: '1.1.0' };

export { dataFiles, workbookName, XLSX_MEDIATYPE, type DataFile } from './formats.ts';

/** The levels of a categorical field: its enumeration, or the values the streamed table holds, sorted (an empty text is no level). */
export function levelsFromStats(f: FieldSpec, stats: TableStats | undefined): string[] {
  if (f.enum) return f.enum;
  return (stats?.levels.get(f.name) ?? []).filter((v) => v !== '');
}

export function tableSchemaDescriptor(table: TableSchema, levels: (f: FieldSpec) => string[]): Record<string, unknown> {
  const fields = table.fields.map((f) => fieldDescriptor(f, levels));
  const descriptor: Record<string, unknown> = {
    fields,
    missingValues: [''],
    primaryKey: table.primary_key,
  };
  if (table.foreign_keys.length > 0) descriptor.foreignKeys = table.foreign_keys;
  return descriptor;
}

function fieldDescriptor(f: FieldSpec, levels: (f: FieldSpec) => string[]): Record<string, unknown> {
  if (f.separator !== undefined) {
    const list: Record<string, unknown> = { name: f.name, type: 'string', title: f.title, description: f.description, separator: f.separator };
    if (f.required) list.constraints = { required: true };
    return list;
  }
  const d: Record<string, unknown> = { name: f.name, type: f.type, title: f.title, description: f.description };
  if (f.type === 'date') d.format = 'default';
  if (f.type === 'boolean') {
    d.trueValues = ['true'];
    d.falseValues = ['false'];
  }
  const c: Record<string, unknown> = {};
  if (f.required) c.required = true;
  if (f.unique) c.unique = true;
  if (f.enum) c.enum = f.enum;
  if (f.pattern) c.pattern = f.pattern;
  if (f.minimum !== undefined) c.minimum = f.minimum;
  if (Object.keys(c).length > 0) d.constraints = c;
  if (f.categorical) d.categories = levels(f);
  return d;
}

export function datapackage(
  dataset: DatasetSchema,
  stats: ReadonlyMap<string, TableStats>,
  sources: SourceMeta[],
  files: ReadonlyMap<string, FileInfo>,
): Record<string, unknown> {
  const resources = dataFiles(dataset).map((file) => {
    const info = files.get(file.path);
    if (!info) throw new Error(`release is missing ${file.path}`);
    const table = file.table;
    const isCsv = table !== undefined && file.format === 'csv';
    const r: Record<string, unknown> = {
      name: isCsv ? table.name : file.path.replace(/\.([a-z]+)$/, '-$1'),
      title: isCsv ? table.title : table ? `${table.title} (${file.role})` : `${dataset.title} (${file.role})`,
      description: table ? table.description : file.description,
      path: file.path,
      format: file.format,
      mediatype: file.mediatype,
      bytes: info.bytes,
      hash: `sha256:${info.sha256}`,
    };
    if (isCsv) {
      Object.assign(r, {
        type: 'table',
        encoding: 'utf-8',
        dialect: { header: true, delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true },
        schema: tableSchemaDescriptor(table, (f) => levelsFromStats(f, stats.get(table.name))),
      });
    }
    return r;
  });
  resources.push(...qualityResources(files));
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: dataset.name,
    title: dataset.title,
    description: dataset.description,
    version: dataset.version,
    keywords: dataset.keywords,
    licenses: [{ name: dataset.license.name, path: dataset.license.path, title: dataset.license.title }],
    contributors: dataset.creators.map((c) => ({ title: c.name, roles: [c.role] })),
    sources: sources.map((s) => ({ title: plainCitation(s) })),
    resources,
  };
}

export function sha256sums(files: ReadonlyMap<string, FileInfo>): string {
  return [...files.keys()]
    .sort()
    .map((name) => `${files.get(name)!.sha256}  ${name}\n`)
    .join('');
}
