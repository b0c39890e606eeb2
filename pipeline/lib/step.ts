/** Identity of a pipeline step: its file path under pipeline/ and a version. */
export interface StepId {
  id: string;
  version: string;
}

export function stepLabel(step: StepId): string {
  return `${step.id}@${step.version}`;
}

/** A source as the extract steps see it: an id and its indexed text. */
export interface SourceInput {
  id: string;
  text: import('./text.ts').IndexedText;
}

/** Where a finding stands in its source: code-point span and verbatim words. */
export interface Provenance {
  source_id: string;
  span_start: number;
  span_end: number;
  evidence: string;
  extractor: string;
}

/** The provenance of a stretch of a source's stored text, given in UTF-16 indices. */
export function provenanceOf(source: SourceInput, rawStart: number, rawEnd: number, extractor: string): Provenance {
  return {
    source_id: source.id,
    span_start: source.text.toCodePoint(rawStart),
    span_end: source.text.toCodePoint(rawEnd),
    evidence: source.text.text.slice(rawStart, rawEnd),
    extractor,
  };
}
