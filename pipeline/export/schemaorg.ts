/**
 * schema-org.jsonld: the release described as a schema.org Dataset
 * (schema.org/Dataset, and Google's "Dataset" structured-data guide for
 * which properties search engines read), with an inline @context so RDF
 * tools read it offline:
 * - name, alternateName, description, version, datePublished, license,
 *   creator, keywords, identifier;
 * - temporalCoverage: an ISO 8601 interval from the least to the greatest
 *   value of the date fields named in schema/dataset.yaml;
 * - spatialCoverage: Places with their ISO 3166-1 code and GeoNames IRI;
 * - isBasedOn: each source article as a ScholarlyArticle, with the same
 *   IRI as its row in sources.jsonld;
 * - distribution: a DataDownload per data file with encodingFormat,
 *   contentSize and sha256;
 * - variableMeasured: every field of every table, as a PropertyValue.
 * The file name has a hyphen, which no table name can have, so it never
 * collides with a table's JSON-LD file.
 */
import type { DatasetSchema, Row } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import type { FileInfo } from './html.ts';
import { pageRange } from './citation.ts';
import { releaseIri } from './croissant.ts';
import { propertyIri } from './csvw.ts';
import { dataFiles } from './datapackage.ts';
import { sourceIri } from './jsonld.ts';

export const STEP = { id: 'export/schemaorg', version: '1.0.0' };

export const SCHEMAORG_FILE = 'schema-org.jsonld';

/** "start/end" over the date fields dataset.yaml names; null when the data has no dates. */
/** The least and greatest value of a date field, gathered as rows stream by. */
export class DateRange {
  min: string | null = null;
  max: string | null = null;
  add(v: unknown): void {
    if (typeof v !== 'string' || v === '') return;
    if (this.min === null || v < this.min) this.min = v;
    if (this.max === null || v > this.max) this.max = v;
  }
}

/** "start/end" from the ranges of the two fields dataset.yaml names; null when the data has no dates. */
export function coverageOf(start: DateRange, end: DateRange): string | null {
  return start.min !== null && end.max !== null ? `${start.min}/${end.max}` : null;
}

export function temporalCoverage(dataset: DatasetSchema, data: Record<string, Row[]>): string | null {
  const values = (ref: DatasetSchema['temporal_coverage']['start']): string[] =>
    (data[ref.table] ?? []).map((r) => r[ref.field]).filter((v): v is string => typeof v === 'string' && v !== '').sort();
  const starts = values(dataset.temporal_coverage.start);
  const ends = values(dataset.temporal_coverage.end);
  if (starts.length === 0 || ends.length === 0) return null;
  return `${starts[0]}/${ends[ends.length - 1]}`;
}

function article(dataset: DatasetSchema, s: SourceMeta): Record<string, unknown> {
  const a: Record<string, unknown> = {
    '@type': 'ScholarlyArticle',
    '@id': sourceIri(dataset, s.id),
    name: s.title,
    headline: s.title,
    author: s.authors.map((p) => ({
      '@type': 'Person',
      // As the sources table writes authors: family name first, as printed.
      name: `${p.family} ${p.given}`,
      givenName: p.given,
      familyName: p.family,
      ...(p.affiliation ? { affiliation: { '@type': 'Organization', name: p.affiliation } } : {}),
    })),
    datePublished: s.issued,
    pagination: s.pages,
    isPartOf: {
      '@type': 'PublicationIssue',
      issueNumber: String(s.issue),
      isPartOf: { '@type': 'PublicationVolume', volumeNumber: String(s.volume), isPartOf: { '@type': 'Periodical', name: s.journal } },
    },
    publisher: { '@type': 'Organization', name: s.publisher },
    inLanguage: s.language,
    encodingFormat: s.media_type,
    sha256: s.sha256,
    citation: s.preferred_citation.replace(/\*/g, ''),
  };
  const range = pageRange(s.pages);
  if (range) Object.assign(a, { pageStart: String(range.start), pageEnd: String(range.end) });
  if (s.url) a.url = s.url;
  return a;
}

export function schemaOrgDataset(
  dataset: DatasetSchema,
  temporal: string | null,
  sources: SourceMeta[],
  files: ReadonlyMap<string, FileInfo>,
): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    '@context': {
      '@vocab': 'https://schema.org/',
      license: { '@type': '@id' },
      sameAs: { '@type': '@id' },
      propertyID: { '@type': '@id' },
    },
    '@type': 'Dataset',
    '@id': releaseIri(dataset),
    identifier: releaseIri(dataset),
    name: dataset.title,
    alternateName: dataset.name,
    description: dataset.description,
    version: dataset.version,
    datePublished: dataset.released,
    license: dataset.license.path,
    isAccessibleForFree: true,
    creator: dataset.creators.map((c) => ({ '@type': 'Organization', name: c.name })),
    keywords: dataset.keywords,
    inLanguage: [...new Set(sources.map((s) => s.language))].sort(),
  };
  if (temporal) doc.temporalCoverage = temporal;
  doc.spatialCoverage = dataset.spatial_coverage.map((p) => ({
    '@type': 'Place',
    name: p.name,
    identifier: { '@type': 'PropertyValue', propertyID: 'https://www.iso.org/iso-3166-country-codes.html', name: 'ISO 3166-1 alpha-2', value: p.iso3166 },
    sameAs: `https://sws.geonames.org/${p.geonames}/`,
  }));
  doc.isBasedOn = sources.map((s) => article(dataset, s));
  doc.distribution = dataFiles(dataset).map((file) => {
    const info = files.get(file.path);
    if (!info) throw new Error(`release is missing ${file.path}`);
    return {
      '@type': 'DataDownload',
      name: file.path,
      description: file.description,
      contentUrl: file.path,
      encodingFormat: file.mediatype,
      contentSize: `${info.bytes} B`,
      sha256: info.sha256,
    };
  });
  doc.variableMeasured = dataset.tables.flatMap((t) =>
    t.fields.map((f) => ({
      '@type': 'PropertyValue',
      name: `${t.name}.${f.name}`,
      alternateName: f.title,
      description: f.description,
      propertyID: propertyIri(f, dataset),
    })),
  );
  return doc;
}
