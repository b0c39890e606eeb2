/**
 * How to cite the dataset: CITATION.cff (Citation File Format 1.2.0,
 * citation-file-format.github.io, validated in the tests against the keys
 * and types its schema.json allows) for the dataset version, citing each
 * source article under `references`; and the same citation as one line of
 * text, which the workbook, croissant.json (citeAs) and the release README
 * show.
 *
 * The authors are the people `authors:` of schema/dataset.yaml names, and
 * the repository its `repository:`; until they are known (none is invented)
 * the citation names the creators as one entity and gives no repository.
 */
import { stringify } from 'yaml';
import type { DatasetSchema } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';

export const STEP = { id: 'export/citation', version: '1.1.0' };

export const CITATION_FILE = 'CITATION.cff';

/** A source's own citation sentence without its Markdown emphasis marks. */
export function plainCitation(s: SourceMeta): string {
  return s.preferred_citation.replace(/\*/g, '');
}

/** The dataset version as one citation line. */
export function datasetCitation(dataset: DatasetSchema, sources: SourceMeta[]): string {
  const who = dataset.authors ? dataset.authors.map((a) => (a.given ? `${a.family}, ${a.given}` : a.family)).join('; ') : dataset.creators.map((c) => c.name).join('; ');
  const year = dataset.released.slice(0, 4);
  const based = sources.length ? ` Based on: ${sources.map(plainCitation).join(' ')}` : '';
  const where = dataset.repository ? ` ${dataset.repository}` : '';
  return `${who} (${year}). ${dataset.title}, version ${dataset.version} [Data set]. ${dataset.license.title} (${dataset.license.name}).${where}${based}`;
}

/** First and last page of a printed range such as "129–142". */
export function pageRange(pages: string): { start: number; end: number } | null {
  const m = /^(\d+)\s*[-–]\s*(\d+)$/.exec(pages.trim());
  return m ? { start: Number(m[1]), end: Number(m[2]) } : null;
}

function articleReference(s: SourceMeta): Record<string, unknown> {
  const ref: Record<string, unknown> = {
    type: 'article',
    title: s.title,
    authors: s.authors.map((a) => ({ 'family-names': a.family, 'given-names': a.given, ...(a.affiliation ? { affiliation: a.affiliation } : {}) })),
    journal: s.journal,
    volume: s.volume,
    issue: s.issue,
  };
  const range = pageRange(s.pages);
  if (range) Object.assign(ref, range);
  const [year, month] = s.issued.split('-').map(Number);
  ref.year = year;
  if (month) ref.month = month;
  ref.publisher = { name: s.publisher };
  if (s.url) ref.url = s.url;
  ref.notes = `Preferred citation, as the article gives it: ${plainCitation(s)}`;
  return ref;
}

export function citationCff(dataset: DatasetSchema, sources: SourceMeta[]): string {
  const doc: Record<string, unknown> = {
    'cff-version': '1.2.0',
    message: 'If you use this dataset, please cite this version of it, and the article it is based on (under references).',
    type: 'dataset',
    title: dataset.title,
    version: dataset.version,
    'date-released': dataset.released,
    abstract: dataset.description,
    authors: dataset.authors
      ? dataset.authors.map((a) => ({ 'family-names': a.family, ...(a.given ? { 'given-names': a.given } : {}), ...(a.affiliation ? { affiliation: a.affiliation } : {}), ...(a.orcid ? { orcid: a.orcid } : {}) }))
      : dataset.creators.map((c) => ({ name: c.name })),
    ...(dataset.repository ? { 'repository-code': dataset.repository } : {}),
    license: dataset.license.name,
    keywords: dataset.keywords,
    references: sources.map(articleReference),
  };
  return stringify(doc, { lineWidth: 0 });
}
