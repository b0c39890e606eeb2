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
import { projectDisplay, rawRange } from '../lib/text.ts';
import { sentenceRanges } from '../lib/sentences.ts';
import { provenanceOf, stepLabel, type Provenance, type SourceInput, type StepId } from '../lib/step.ts';

export const STEP: StepId = { id: 'extract/narrative-dates', version: '1.0.0' };

export interface NarrativeDate extends Provenance {
  kind: 'narrative_date';
  /** The date expression as a reader sees it, with its preposition ("Since April 2019"). */
  date_label: string;
  /** The sentence, for reading (markup removed). */
  sentence: string;
  sequence: number;
  line: number;
}

const MONTH = '(?:Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.|January|February|March|April|May|June|July|August|September|October|November|December)';
const YEAR = '(?:1[5-9]\\d\\d|20\\d\\d)';
const PART = '(?:(?:early|mid|late)[- ]?|(?:the )?(?:end|beginning|start|middle|first half|second half) of )';
const PREP = '(?:[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Ii]n|[Oo]n|[Bb]etween|[Bb]efore|[Aa]fter|[Dd]uring|[Tt]hrough)';
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
  `${PREP} ${YEAR}(?![\\d–-])`,
  `(?<=\\b[Tt]he )${YEAR}(?= [\\p{Lu}])`,
];
const EXPRESSION = new RegExp(`(?<![\\p{L}\\d])(?:${FORMS.join('|')})`, 'gu');
const FRONT_MATTER = /Preferred citation|\bVol\. \d+, No\. \d+/;

export function extractNarrativeDates(source: SourceInput): NarrativeDate[] {
  const { text } = source;
  const p = projectDisplay(text.text);
  const d = p.display;
  const end = d.search(/^CHRONOLOGY OF /m);
  const narrative = end < 0 ? d : d.slice(0, end);
  const out: NarrativeDate[] = [];
  const extractor = stepLabel(STEP);
  for (const para of narrative.matchAll(/[^\n]+/g)) {
    const body = para[0];
    if (/^Figure \d+\b/.test(body) || FRONT_MATTER.test(body)) continue;
    for (const [s, e] of sentenceRanges(body)) {
      const sentence = body.slice(s, e);
      for (const m of sentence.matchAll(EXPRESSION)) {
        const [rs, re] = rawRange(p, para.index! + s, para.index! + e);
        out.push({
          kind: 'narrative_date',
          date_label: m[0],
          sentence: sentence.replace(/\s+/g, ' ').trim(),
          sequence: out.length + 1,
          line: text.lineOfUnit(rs),
          ...provenanceOf(source, rs, re, extractor),
        });
      }
    }
  }
  return out;
}
