/**
 * Extract the source's own description: its citation metadata from
 * source.yaml, anchored to the "Preferred citation" sentence in the text
 * (the loader has checked that it occurs exactly once), and its sizes. An
 * edition that prints no such sentence gets a citation composed from
 * source.yaml, anchored to the title as the text prints it.
 */
import { citationAnchor, type LoadedSource } from '../lib/sources.ts';
import { inView } from '../lib/text.ts';
import { stepLabel, type Provenance, defineStep } from '../lib/step.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { source: 'source' },
  run: ({ source }: { source: LoadedSource }) => [extractSource(source)],
});

export interface SourceFinding extends Provenance {
  kind: 'source';
  title: string;
  /** "Family Given" for each author, in the order printed. */
  authors: string[];
  journal: string;
  volume: number;
  issue: number;
  issued: string;
  pages: string;
  publisher: string;
  preferred_citation: string;
  citation_basis: 'quoted' | 'composed';
  /** BCP 47 tags source.yaml declares for the text's originals (empty: told by script). */
  original_languages: string[];
  language: string;
  media_type: string;
  sha256: string;
  bytes: number;
  code_points: number;
  /** Path of the text relative to the project root, for messages of later stages. */
  text_path: string;
}

export function extractSource(source: LoadedSource): SourceFinding {
  const { meta, text } = source;
  const citation = inView(meta.preferred_citation);
  const [start, end] =
    meta.citation_basis !== 'composed'
      ? [text.text.indexOf(citation), text.text.indexOf(citation) + citation.length]
      : citationAnchor({ title: inView(meta.title) }, text.text)!;
  return {
    kind: 'source',
    title: meta.title,
    authors: meta.authors.map((a) => `${a.family} ${a.given}`),
    journal: meta.journal,
    volume: meta.volume,
    issue: meta.issue,
    issued: meta.issued,
    pages: meta.pages,
    publisher: meta.publisher,
    preferred_citation: meta.preferred_citation,
    citation_basis: meta.citation_basis ?? 'quoted',
    original_languages: meta.original_languages ?? [],
    language: meta.language,
    media_type: meta.media_type,
    sha256: meta.sha256,
    bytes: meta.bytes,
    code_points: text.length,
    text_path: source.textPath,
    source_id: meta.id,
    span_start: text.toCodePoint(start),
    span_end: text.toCodePoint(end),
    evidence: text.evidence(start, end),
    extractor: stepLabel(STEP),
  };
}
