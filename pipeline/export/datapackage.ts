/**
 * datapackage.json, Frictionless Data Package v2 (datapackage.org/standard):
 * one tabular resource per table pointing at its CSV, with its Table Schema
 * (types, constraints, primaryKey, foreignKeys) generated from schema/, and
 * one resource for each other file of the table (Arrow, Parquet, JSON-LD).
 * Every resource gives its byte size and "sha256:<hex>" hash.
 */
import type { DatasetSchema, FieldSpec, TableSchema } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import { sha256 } from '../lib/sources.ts';

export const STEP = { id: 'export/datapackage', version: '1.0.0' };

export const FORMATS = [
  { ext: 'csv', format: 'csv', mediatype: 'text/csv', role: 'table' },
  { ext: 'arrow', format: 'arrow', mediatype: 'application/vnd.apache.arrow.file', role: 'Arrow IPC file' },
  { ext: 'parquet', format: 'parquet', mediatype: 'application/vnd.apache.parquet', role: 'Parquet' },
  { ext: 'jsonld', format: 'jsonld', mediatype: 'application/ld+json', role: 'JSON-LD' },
] as const;

export function tableSchemaDescriptor(table: TableSchema): Record<string, unknown> {
  const fields = table.fields.map((f) => fieldDescriptor(f));
  const descriptor: Record<string, unknown> = {
    fields,
    missingValues: [''],
    primaryKey: table.primary_key,
  };
  if (table.foreign_keys.length > 0) descriptor.foreignKeys = table.foreign_keys;
  return descriptor;
}

function fieldDescriptor(f: FieldSpec): Record<string, unknown> {
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
  if (f.enum && f.categorical) d.categories = f.enum;
  return d;
}

export function datapackage(
  dataset: DatasetSchema,
  sources: SourceMeta[],
  files: Map<string, Uint8Array>,
): Record<string, unknown> {
  const resources: Record<string, unknown>[] = [];
  for (const table of dataset.tables) {
    for (const fmt of FORMATS) {
      const path = `${table.name}.${fmt.ext}`;
      const bytes = files.get(path);
      if (!bytes) throw new Error(`release is missing ${path}`);
      const r: Record<string, unknown> = {
        name: fmt.ext === 'csv' ? table.name : `${table.name}-${fmt.ext}`,
        title: fmt.ext === 'csv' ? table.title : `${table.title} (${fmt.role})`,
        description: table.description,
        path,
        format: fmt.format,
        mediatype: fmt.mediatype,
        bytes: bytes.length,
        hash: `sha256:${sha256(bytes)}`,
      };
      if (fmt.ext === 'csv') {
        Object.assign(r, {
          type: 'table',
          encoding: 'utf-8',
          dialect: { header: true, delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true },
          schema: tableSchemaDescriptor(table),
        });
      }
      resources.push(r);
    }
  }
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: dataset.name,
    title: dataset.title,
    description: dataset.description,
    version: dataset.version,
    keywords: dataset.keywords,
    licenses: [{ name: dataset.license.name, path: dataset.license.path, title: dataset.license.title }],
    contributors: dataset.creators.map((c) => ({ title: c.name, roles: [c.role] })),
    sources: sources.map((s) => ({ title: s.preferred_citation.replace(/\*/g, '') })),
    resources,
  };
}

export function sha256sums(files: Map<string, Uint8Array>): string {
  return [...files.keys()]
    .sort()
    .map((name) => `${sha256(files.get(name)!)}  ${name}\n`)
    .join('');
}
