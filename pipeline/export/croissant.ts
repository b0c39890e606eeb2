/**
 * croissant.json, MLCommons Croissant 1.1 (docs/croissant-spec-1.1.md of
 * mlcommons/croissant, "Croissant Format Specification, Version 1.1"):
 * - the JSON-LD @context of the specification's Appendix 1, inline, so RDF
 *   tools read the file offline;
 * - the required dataset properties (@type sc:Dataset, dct:conformsTo
 *   http://mlcommons.org/croissant/1.1, name, description, license, url,
 *   creator, datePublished) and version, keywords, citeAs;
 * - `distribution`: one cr:FileObject per data file, with contentUrl,
 *   encodingFormat, contentSize and sha256 ("Checksums");
 * - `recordSet`: one cr:RecordSet per table, its `key` the primary key, and
 *   one cr:Field per column with `dataType` (sc:Text, sc:Integer, sc:Float,
 *   sc:Boolean, sc:Date) and `source` {fileObject, extract: {column}} read
 *   from the table's CSV; a multi-valued field is `isArray` with a
 *   `separator` transform; a foreign key is `references` {"@id": field},
 *   the form of the 1.1 specification's "Joins" section.
 * Ids follow the specification's advice: a file's id is its name, a
 * RecordSet's is the table name, a Field's is "<table>/<field>".
 */
import type { DatasetSchema, FieldSpec, TableSchema } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import type { FileInfo } from './html.ts';
import { datasetCitation } from './citation.ts';
import { dataFiles } from './datapackage.ts';

export const STEP = { id: 'export/croissant', version: '1.0.0' };

export const CROISSANT_FILE = 'croissant.json';
export const CROISSANT_CONFORMS_TO = 'http://mlcommons.org/croissant/1.1';

/** Appendix 1 of the Croissant 1.1 specification, verbatim. */
export const CROISSANT_CONTEXT = {
  '@language': 'en',
  '@vocab': 'http://schema.org/',
  sc: 'http://schema.org/',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  dct: 'http://purl.org/dc/terms/',
  annotation: 'cr:annotation',
  arrayShape: 'cr:arrayShape',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  containedIn: 'cr:containedIn',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  equivalentProperty: 'cr:equivalentProperty',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  excludes: 'cr:excludes',
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isArray: 'cr:isArray',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  parentField: 'cr:parentField',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  readLines: 'cr:readLines',
  sdVersion: 'cr:sdVersion',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
  unArchive: 'cr:unArchive',
  value: 'cr:value',
} as const;

/** Croissant's atomic data types ("Data Types" section). */
export const CROISSANT_TYPES: Record<FieldSpec['type'], string> = {
  string: 'sc:Text',
  integer: 'sc:Integer',
  number: 'sc:Float',
  boolean: 'sc:Boolean',
  date: 'sc:Date',
};

/** The IRI that names a release of the dataset (tables never contain ":"). */
export function releaseIri(dataset: DatasetSchema): string {
  return `${dataset.iri_base}release:${dataset.version}`;
}

const fieldId = (table: string, field: string): string => `${table}/${field}`;

function recordSet(table: TableSchema): Record<string, unknown> {
  const csv = `${table.name}.csv`;
  return {
    '@type': 'cr:RecordSet',
    '@id': table.name,
    name: table.name,
    description: table.description,
    key: table.primary_key.map((k) => ({ '@id': fieldId(table.name, k) })),
    field: table.fields.map((f) => {
      const source: Record<string, unknown> = { fileObject: { '@id': csv }, extract: { column: f.name } };
      if (f.separator !== undefined) source.transform = { separator: f.separator };
      const field: Record<string, unknown> = {
        '@type': 'cr:Field',
        '@id': fieldId(table.name, f.name),
        name: f.name,
        description: f.description,
        dataType: CROISSANT_TYPES[f.type],
        source,
      };
      if (f.separator !== undefined) field.isArray = true;
      const fk = table.foreign_keys.find((k) => k.fields.length === 1 && k.fields[0] === f.name);
      if (fk) field.references = { '@id': fieldId(fk.reference.resource, fk.reference.fields[0]!) };
      return field;
    }),
  };
}

/** A BibTeX entry for the dataset version, as citeAs recommends. */
export function bibtex(dataset: DatasetSchema, sources: SourceMeta[]): string {
  const esc = (s: string): string => s.replace(/([{}\\])/g, '\\$1');
  return [
    `@misc{${dataset.name}-${dataset.version},`,
    `  title = {${esc(dataset.title)}},`,
    `  author = {${dataset.creators.map((c) => `{${esc(c.name)}}`).join(' and ')}},`,
    `  year = {${dataset.released.slice(0, 4)}},`,
    `  version = {${dataset.version}},`,
    `  note = {${esc(datasetCitation(dataset, sources))}}`,
    '}',
  ].join('\n');
}

export function croissant(
  dataset: DatasetSchema,
  sources: SourceMeta[],
  files: ReadonlyMap<string, FileInfo>,
): Record<string, unknown> {
  const distribution = dataFiles(dataset).map((file) => {
    const info = files.get(file.path);
    if (!info) throw new Error(`release is missing ${file.path}`);
    return {
      '@type': 'cr:FileObject',
      '@id': file.path,
      name: file.path,
      description: file.description,
      contentUrl: file.path,
      encodingFormat: file.mediatype,
      contentSize: `${info.bytes} B`,
      sha256: info.sha256,
    };
  });
  return {
    '@context': CROISSANT_CONTEXT,
    '@type': 'sc:Dataset',
    conformsTo: CROISSANT_CONFORMS_TO,
    name: dataset.name,
    alternateName: dataset.title,
    description: dataset.description,
    version: dataset.version,
    datePublished: dataset.released,
    license: dataset.license.path,
    // The project has no web page of its own; the release's IRI names it.
    url: releaseIri(dataset),
    creator: dataset.creators.map((c) => ({ '@type': 'sc:Organization', name: c.name })),
    keywords: dataset.keywords,
    inLanguage: [...new Set(sources.map((s) => s.language))].sort(),
    citeAs: bibtex(dataset, sources),
    distribution,
    recordSet: dataset.tables.map(recordSet),
  };
}
