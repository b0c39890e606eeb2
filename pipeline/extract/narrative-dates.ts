/**
 * Extract the dated statements of the narrative (everything before the
 * chronology): each date expression with the sentence it stands in. The
 * expressions this journal writes: "On Nov. 29", "Sept. 16-19", "Between
 * Dec. 27 and 30", "in May 2015", "In September", "mid-October 2019", "late
 * 2018 and early 2019", "the end of 2016", "mid-2021", "in 1995", "Since
 * April 2019", "Until 2018", "(1989–2019)", "the 2014 Ukraine crisis". A bare
 * number is a year only after a preposition or as "the YYYY <Name>", so
 * figures are not read as dates. The front matter (title, citation) and
 * figure captions are not narrative.
 */
import type { LoadedSource } from '../lib/sources.ts';
import { projectDisplay, rawRange } from '../lib/text.ts';
import { paragraphsOf, sentencesOf, toDisplay } from '../lib/sentences.ts';
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
  sequence: number;
  line: number;
}

const MONTH = '(?:Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.|January|February|March|April|May|June|July|August|September|October|November|December)';
const YEAR = '(?:1[5-9]\\d\\d|20\\d\\d)';
const PART = '(?:(?:early|mid|late)[- ]?|(?:the )?(?:end|beginning|start|middle|first half|second half) of )';
const PREP = '(?:[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Ii]n|[Oo]n|[Aa]t|[Bb]etween|[Bb]efore|[Aa]fter|[Dd]uring|[Tt]hrough)';
const DAYS = `${MONTH} \\d{1,2}(?:\\s*[-–]\\s*(?:${MONTH} )?\\d{1,2}| and \\d{1,2})?(?:, ${YEAR})?`;
const FORMS = [
  // days, day ranges, "Dec. 27 and 30"
  `(?:${PREP} )?(?:${PART})?${DAYS}(?![\\d])`,
  // "late 2018 and early 2019"
  `(?:${PREP} )?${PART}${YEAR} and ${PART}${YEAR}`,
  // months, with a year or after a preposition or a part ("In September", "mid-October 2019")
  `(?:${PREP} )?(?:${PART})?${MONTH},? ${YEAR}`,
  `(?:${PREP} )(?:${PART})?${MONTH}(?![\\w])`,
  `(?:${PART})${MONTH}(?![\\w])`,
  // parts of years and years after a preposition
  `(?:${PREP} )?(?:the )?${PART}${YEAR}`,
  `${YEAR}\\s*[–-]\\s*${YEAR}`,
  // "from 2020 to 2021", "in 2020-21"
  `[Ff]rom ${YEAR} to ${YEAR}`,
  `(?:${PREP} )?${YEAR}-\\d\\d(?![\\d])`,
  `${PREP} ${YEAR}(?![\\d–-])`,
  `(?<=\\b[Tt]he )${YEAR}(?= [\\p{Lu}])`,
];
const EXPRESSION = new RegExp(`(?<![\\p{L}\\d])(?:${FORMS.join('|')})`, 'gu');
const FRONT_MATTER = /Preferred citation|\bVol\. \d+, No\. \d+/;

export function extractNarrativeDates(source: SourceInput): NarrativeDate[] {
  const { text } = source;
  const p = projectDisplay(text.text);
  const d = p.display;
  const out: NarrativeDate[] = [];
  const extractor = stepLabel(STEP);
  const cp = (display: number): number => text.toCodePoint(p.toRaw[Math.min(display, d.length)]!);
  // Paragraphs joined across page breaks, so a sentence cut by a break is one sentence.
  for (const para of paragraphsOf(d, d.search(/^CHRONOLOGY OF /m))) {
    if (FRONT_MATTER.test(para.text)) continue;
    // In a chronology entry the label ("Dec. 4, 2019:") is the entry's own date;
    // the dates its text gives after it are other events ("met Patrushev Dec. 2").
    const label = para.section === 'chronology' ? (/^[^:\n]{1,60}:\s*/.exec(para.text)?.[0].length ?? 0) : 0;
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
          sequence: out.length + 1,
          line: text.lineOfUnit(rs),
          ...provenanceOf(source, rs, re, extractor),
        });
      });
    }
  }
  return out;
}
