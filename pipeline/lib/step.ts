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
