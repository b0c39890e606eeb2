/**
 * Extract the chronology: every entry of the "CHRONOLOGY OF …" section
 * becomes one finding with its date label as written and its text, and the
 * heading's period line becomes one finding. Dates are read in normalize;
 * this step only finds where things are.
 */
import type { LoadedSource } from '../lib/sources.ts';
import { PipelineError } from '../lib/errors.ts';
import { excerpt, type IndexedText } from '../lib/text.ts';
import { stepLabel, type Provenance, type SourceInput, defineStep } from '../lib/step.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { source: 'source' },
  run: ({ source }: { source: LoadedSource }) => extractChronology({ id: source.meta.id, text: source.text }, source.textPath),
});

export interface ChronologyPeriod extends Provenance {
  kind: 'chronology_period';
  heading: string;
  period_label: string;
  line: number;
}

export interface ChronologyEntry extends Provenance {
  kind: 'chronology_entry';
  sequence: number;
  line: number;
  date_label: string;
  text_raw: string;
}

export type ChronologyFinding = ChronologyPeriod | ChronologyEntry;

/** The heading that opens a source's chronology; what follows it is the chronology section. */
export const CHRONOLOGY_HEADING = /^CHRONOLOGY OF [^\n]+$/m;
const HEADING = CHRONOLOGY_HEADING;
/**
 * "Sept. 5, 2019: text" — a label of at most 60 characters before the first
 * colon. Any such label is taken here and read strictly in normalize (by the
 * label shapes of pipeline/lib/date-shapes.ts), so an entry whose label is
 * not a date stops the build there with its line, rather than being
 * mistaken here for the rest of the entry above it.
 */
export const ENTRY = /^([^:\n]{1,60}):(?:[ \t]+|$)/;
/** A figure caption the layout put between paragraphs; not part of any entry. */
const CAPTION = /^Figure \d+\b/;
/** An entry that ends without closing punctuation was cut by a page break. */
const ENDS_SENTENCE = /[.!?;)"”’]\s*$/;

interface Paragraph {
  start: number; // UTF-16 index
  end: number;
  line: number;
}

function paragraphsAfter(text: IndexedText, from: number): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]*(?:\n|$)/g;
  re.lastIndex = from;
  let current: Paragraph | null = null;
  for (let m = re.exec(text.text); m && m[0] !== ''; m = re.exec(text.text)) {
    const lineText = m[0].replace(/\n$/, '');
    const start = m.index;
    if (lineText.trim() === '') {
      if (current) out.push(current);
      current = null;
    } else if (current) {
      current.end = start + lineText.length;
    } else {
      current = { start, end: start + lineText.length, line: text.lineOfUnit(start) };
    }
  }
  if (current) out.push(current);
  return out;
}

export function extractChronology(source: SourceInput, file = source.id): ChronologyFinding[] {
  const { text } = source;
  const extractor = stepLabel(STEP);
  const heading = HEADING.exec(text.text);
  if (!heading) {
    throw new PipelineError('chronology/missing', 'no "CHRONOLOGY OF …" heading found', {
      file,
      expected: 'a line starting "CHRONOLOGY OF " followed by the period line and dated entries',
    });
  }
  const prov = (start: number, end: number): Provenance => ({
    source_id: source.id,
    span_start: text.toCodePoint(start),
    span_end: text.toCodePoint(end),
    evidence: text.evidence(start, end),
    extractor,
  });
  const paragraphs = paragraphsAfter(text, heading.index + heading[0].length);
  const periodPara = paragraphs.shift();
  if (!periodPara) {
    throw new PipelineError('chronology/missing', 'the chronology heading is not followed by a period line', {
      file,
      line: text.lineOfUnit(heading.index),
      expected: 'a line such as "SEPTEMBER – DECEMBER 2019"',
    });
  }
  const findings: ChronologyFinding[] = [
    {
      kind: 'chronology_period',
      heading: heading[0].trim(),
      period_label: text.text.slice(periodPara.start, periodPara.end).trim(),
      line: periodPara.line,
      ...prov(heading.index, periodPara.end),
    },
  ];
  let sequence = 0;
  let last: ChronologyEntry | null = null;
  for (const p of paragraphs) {
    const raw = text.text.slice(p.start, p.end);
    if (CAPTION.test(raw)) continue;
    const m = ENTRY.exec(raw);
    if (!m) {
      if (last && !ENDS_SENTENCE.test(last.text_raw)) {
        // The previous entry was cut by a page break: join its two halves; the
        // span runs over the break, the display text is joined in normalize.
        // A caption the layout put between the halves stays in the span (it
        // stands there in the text) but not in the entry's text.
        Object.assign(last, prov(text.toUnit(last.span_start), p.end));
        last.text_raw = `${last.text_raw}\n\n${raw}`;
        continue;
      }
      throw new PipelineError('chronology/unexpected-paragraph', 'paragraph in the chronology does not start with a date label', {
        file,
        line: p.line,
        value: excerpt(raw),
        expected: 'an entry "<date>: <text>", such as "Sept. 5, 2019: …"',
      });
    }
    const body = raw.slice(m[0].length);
    if (body.trim() === '') {
      throw new PipelineError('chronology/empty-entry', 'chronology entry has a date but no text', {
        file,
        line: p.line,
        value: raw,
        expected: 'text after the date label',
      });
    }
    last = {
      kind: 'chronology_entry',
      sequence: ++sequence,
      line: p.line,
      date_label: m[1]!.trim(),
      text_raw: body,
      ...prov(p.start, p.end),
    };
    findings.push(last);
  }
  return findings;
}
