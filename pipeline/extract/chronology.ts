/**
 * Extract the chronology: every entry of the "CHRONOLOGY OF …" section
 * becomes one finding with its date label as written and its text, and the
 * heading's period line becomes one finding. Dates are read in normalize;
 * this step only finds where things are.
 */
import type { LoadedSource } from '../lib/sources.ts';
import { PipelineError } from '../lib/errors.ts';
import { MONTH_WORD } from '../lib/date-shapes.ts';
import { excerpt, type IndexedText } from '../lib/text.ts';
import { stepLabel, type Provenance, type SourceInput, defineStep } from '../lib/step.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { source: 'source' },
  run: ({ source }: { source: LoadedSource }) => extractChronology({ id: source.meta.id, text: source.text }, source.textPath, source.meta.has_chronology ?? true),
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

/**
 * The heading that opens a source's chronology; what follows it is the
 * chronology section. The journal has printed it three ways: "CHRONOLOGY OF
 * CHINA-RUSSIA RELATIONS" (today's), "Chronology of China-Russia Relations"
 * and "China-Russia Chronology" (older issues), each alone on its line, the
 * period after it on the same line (after a colon, a comma or a dash, or
 * right after it) or on the next one. A relationship is capitalised words
 * joined by hyphens, dashes or slashes ("U.S.-Japan", "Korea–Russia").
 */
export const CHRONOLOGY_HEADING =
  /^(?:(?:Chronology|CHRONOLOGY) (?:of|OF) [^\n]{1,100}|\p{Lu}[\p{L}.’']*(?:[-–/]\p{Lu}[\p{L}.’']*)+ (?:Chronology|CHRONOLOGY)(?:[:,–—]?[ \t]+[^\n]{0,40}\d{4})?)[ \t]*$/mu;
const HEADING = CHRONOLOGY_HEADING;
/** A period at the end of a heading line: "July – September 2005", "Jan.-March 2006", "SEPTEMBER – DECEMBER 2019". */
const PERIOD_IN_HEADING = /(?:[:,–—][ \t]*|[ \t]+)((?:\p{L}+\.?[ \t]*[-–—][ \t]*)?\p{L}+\.?,?[ \t]+\d{4})[ \t]*$/u;

/** The heading line and the period it holds, if any: the period is what follows the heading's own words. */
export function readHeading(line: string): { heading: string; period: string | null } {
  const m = PERIOD_IN_HEADING.exec(line);
  if (!m) return { heading: line.trim(), period: null };
  const head = line.slice(0, m.index).trim();
  // "Chronology of" needs words of its own before a period; "…Relations September 2019" keeps "Relations".
  if (/^(?:Chronology|CHRONOLOGY) (?:of|OF)$/.test(head) || head === '') return { heading: line.trim(), period: null };
  return { heading: head, period: m[1]! };
}
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

/**
 * The period a text without a chronology covers, when its front matter
 * prints it on a line of its own ("Jul — Sep 2004", "SEPTEMBER – DECEMBER
 * 2019"), as the journal's web editions do under the relationship's name:
 * the first such line among the first twenty. It dates the narrative's
 * "late September" as a chronology's period would.
 */
// "Jul — Sep 2004", and across a year's end "May 2022 — Apr 2023".
const FRONT_PERIOD = new RegExp(String.raw`^[ \t]*(${MONTH_WORD}\.?(?:,?[ \t]+(?:19|20)\d\d)?[ \t]*[-–—][ \t]*${MONTH_WORD}\.?,?[ \t]+(?:19|20)\d\d)[ \t]*$`, 'imu');

function frontMatterPeriod(source: SourceInput, extractor: string): ChronologyFinding[] {
  const { text } = source;
  let end = 0;
  for (let i = 0; i < 20 && end !== -1; i++) end = text.text.indexOf('\n', end + 1);
  const front = text.text.slice(0, end === -1 ? text.text.length : end);
  const m = FRONT_PERIOD.exec(front);
  if (!m) return [];
  const start = m.index + m[0].indexOf(m[1]!);
  const stop = start + m[1]!.length;
  return [{
    kind: 'chronology_period',
    heading: '',
    period_label: m[1]!,
    line: text.lineOfUnit(start),
    source_id: source.id,
    span_start: text.toCodePoint(start),
    span_end: text.toCodePoint(stop),
    evidence: text.evidence(start, stop),
    extractor,
  }];
}

/**
 * `declared` is false for a source whose source.yaml says `chronology: none`:
 * it has no chronology section, and only the period its front matter prints is looked for. A source that
 * declares one (the default) and has none is an error naming its file.
 */
export function extractChronology(source: SourceInput, file = source.id, declared = true): ChronologyFinding[] {
  const { text } = source;
  const extractor = stepLabel(STEP);
  if (!declared) return frontMatterPeriod(source, extractor);
  const heading = HEADING.exec(text.text);
  if (!heading) {
    throw new PipelineError('chronology/missing', 'no chronology heading found', {
      file,
      expected:
        'a line "CHRONOLOGY OF …", "Chronology of … Relations" or "…-… Chronology" followed by dated entries, or `chronology: none` in source.yaml for a text without a chronology',
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
  const inHeading = readHeading(heading[0]);
  const findings: ChronologyFinding[] = [];
  if (inHeading.period) {
    findings.push({
      kind: 'chronology_period',
      heading: inHeading.heading,
      period_label: inHeading.period,
      line: text.lineOfUnit(heading.index),
      ...prov(heading.index, heading.index + heading[0].trimEnd().length),
    });
  } else if (paragraphs[0] && !ENTRY.test(text.text.slice(paragraphs[0].start, paragraphs[0].end))) {
    // The period on the line after the heading.
    const periodPara = paragraphs.shift()!;
    findings.push({
      kind: 'chronology_period',
      heading: inHeading.heading,
      period_label: text.text.slice(periodPara.start, periodPara.end).trim(),
      line: periodPara.line,
      ...prov(heading.index, periodPara.end),
    });
  } else if (!paragraphs[0]) {
    throw new PipelineError('chronology/missing', 'the chronology heading is followed by no entries', {
      file,
      line: text.lineOfUnit(heading.index),
      expected: 'a period line such as "SEPTEMBER – DECEMBER 2019" and dated entries, or `chronology: none` in source.yaml',
    });
  }
  // Otherwise the heading gives no period: the entries follow it at once, and each label carries its year.
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
