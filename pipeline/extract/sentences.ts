/**
 * Extract the sentences of a source's prose: the narrative (every paragraph
 * before the chronology that is not a heading or a figure caption) and the
 * chronology's entries. Each finding has its span, its section, its
 * paragraph and the number of quotations it opens. They are what the
 * coverage report counts: how many sentences yielded a record.
 */
import type { LoadedSource } from '../lib/sources.ts';
import { openingQuotes, paragraphsOf, sentencesOf, toDisplay, type Section } from '../lib/sentences.ts';
import { projectDisplay, rawRange } from '../lib/text.ts';
import { provenanceOf, stepLabel, type Provenance, type SourceInput, defineStep } from '../lib/step.ts';
import { CHRONOLOGY_HEADING } from './chronology.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { source: 'source' },
  run: ({ source }: { source: LoadedSource }) => extractSentences({ id: source.meta.id, text: source.text }),
});

export interface SentenceFinding extends Provenance {
  kind: 'sentence';
  section: Section;
  /** Index of the paragraph among the source's prose paragraphs, and of the sentence within it. */
  paragraph: number;
  sentence: number;
  /** Opening quotation marks in the sentence. */
  quotations: number;
  line: number;
}

export function extractSentences(source: SourceInput): SentenceFinding[] {
  const { text } = source;
  const p = projectDisplay(text.text);
  const heading = CHRONOLOGY_HEADING.exec(p.display);
  const extractor = stepLabel(STEP);
  const out: SentenceFinding[] = [];
  for (const para of paragraphsOf(p.display, heading ? heading.index : -1)) {
    sentencesOf(para.text).forEach((s, i) => {
      const [rs, re] = rawRange(p, toDisplay(para, s.start), toDisplay(para, s.end - 1) + 1);
      out.push({
        kind: 'sentence',
        section: para.section,
        paragraph: para.index,
        sentence: i,
        quotations: openingQuotes(para.text.slice(s.start, s.end)),
        line: text.lineOfUnit(rs),
        ...provenanceOf(source, rs, re, extractor),
      });
    });
  }
  return out;
}
