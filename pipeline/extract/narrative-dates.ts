/**
 * Extract the dated statements of the narrative (everything before the
 * chronology): each date expression with the sentence it stands in. The
 * expressions are the shapes of pipeline/lib/date-shapes.ts: "On Nov. 29",
 * "Sept. 16-19", "Between Dec. 27 and 30", "in May 2015", "In September",
 * "mid-October 2019", "late 2018 and early 2019", "the end of 2016",
 * "summer 2019", "the 1990s", "in 1995", "Since April 2019", "(1989–2019)",
 * "the 2014 Ukraine crisis", and relative phrases ("three days later", "the
 * same day") that the normalizer resolves against the date before them. A
 * bare number is a year only after a preposition or as "the YYYY <Name>",
 * so figures are not read as dates. The front matter (title, citation) and
 * figure captions are not narrative.
 */
import type { LoadedSource } from '../lib/sources.ts';
import { projectDisplay, rawRange } from '../lib/text.ts';
import { paragraphsOf, sentencesOf, toDisplay } from '../lib/sentences.ts';
import { findingPattern, shapeFound } from '../lib/date-shapes.ts';
import { ENTRY } from './chronology.ts';
import { provenanceOf, stepLabel, type Provenance, type SourceInput, defineStep } from '../lib/step.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { source: 'source' },
  run: ({ source }: { source: LoadedSource }) => extractNarrativeDates({ id: source.meta.id, text: source.text }),
});

export interface NarrativeDate extends Provenance {
  kind: 'narrative_date';
  /** narrative, or chronology_text: a date in the text of a chronology entry, after its label. */
  section: 'narrative' | 'chronology_text';
  /** The date expression as a reader sees it, with its preposition ("Since April 2019"). */
  date_label: string;
  /** The sentence, for reading (markup removed). */
  sentence: string;
  /** Code-point range of the part of the sentence the date governs (see below), and of the date expression's start. */
  segment_start: number;
  segment_end: number;
  date_at: number;
  /** The date shape that found it (pipeline/lib/date-shapes.ts). */
  shape: string;
  /** Position of its paragraph in the text (1-based): a relative phrase is anchored only within its paragraph. */
  paragraph: number;
  sequence: number;
  line: number;
}

// Found by the one table of date shapes, so whatever is found here the normalizer has a reader for.
const EXPRESSION = findingPattern();
const FRONT_MATTER = /Preferred citation|\bVol\. \d+, No\. \d+/;

export function extractNarrativeDates(source: SourceInput): NarrativeDate[] {
  const { text } = source;
  const p = projectDisplay(text.text);
  const d = p.display;
  const out: NarrativeDate[] = [];
  const extractor = stepLabel(STEP);
  const cp = (display: number): number => text.toCodePoint(p.toRaw[Math.min(display, d.length)]!);
  // Paragraphs joined across page breaks, so a sentence cut by a break is one sentence.
  let paragraph = 0;
  for (const para of paragraphsOf(d, d.search(/^CHRONOLOGY OF /m))) {
    paragraph++;
    if (FRONT_MATTER.test(para.text)) continue;
    // In a chronology entry the label ("Dec. 4, 2019:") is the entry's own date;
    // the dates its text gives after it are other events ("met Patrushev Dec. 2").
    const label = para.section === 'chronology' ? (ENTRY.exec(para.text)?.[0].length ?? 0) : 0;
    for (const { start, end } of sentencesOf(para.text)) {
      const sentence = para.text.slice(start, end);
      const matches = [...sentence.matchAll(EXPRESSION)].filter((m) => start + m.index! >= label);
      matches.forEach((m, k) => {
        const [rs, re] = rawRange(p, toDisplay(para, start), toDisplay(para, end));
        // The stretch of the sentence the date governs: from the end of the
        // previous date expression (or the start) to the end of this one, or to
        // the end of the sentence for its last date.
        const from = k === 0 ? start : start + matches[k - 1]!.index! + matches[k - 1]![0].length;
        const to = k === matches.length - 1 ? end : start + m.index! + m[0].length;
        out.push({
          kind: 'narrative_date',
          section: para.section === 'chronology' ? 'chronology_text' : 'narrative',
          date_label: m[0],
          sentence: sentence.replace(/\s+/g, ' ').trim(),
          segment_start: cp(toDisplay(para, from)),
          segment_end: cp(toDisplay(para, to)),
          date_at: cp(toDisplay(para, start + m.index!)),
          shape: shapeFound(m).id,
          paragraph,
          sequence: out.length + 1,
          line: text.lineOfUnit(rs),
          ...provenanceOf(source, rs, re, extractor),
        });
      });
    }
  }
  return out;
}
