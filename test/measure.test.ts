/**
 * The measure's scoring, on a hand-made gold list and hand-made release rows
 * (no chapter text is kept in the repository): a wrong rule here would make
 * every reported figure wrong.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  dateRows,
  edtfBounds,
  formatTable,
  type GoldList,
  normName,
  notBuilt,
  precision,
  preferredCitation,
  quoteWordsMatch,
  recall,
  scoreChapter,
  sourceYaml,
  stubFor,
  type Tables,
  total,
  unitKey,
  withoutStub,
} from '../pipeline/bench/chapters.ts';
import YAML from 'yaml';

const ID = 'cc-test-chapter';
const OTHER = 'cc-other-chapter';

const gold: GoldList = {
  entities: [
    { name: 'Wen Jiabao', kind: 'person', variants: ['Wen'] },
    { name: 'United States', kind: 'state', variants: ['U.S.'] },
    { name: 'Peace Mission 2005', kind: 'exercise' },
    { name: 'Mikhail Fradkov', kind: 'person' },
  ],
  figures: [
    { value: 7000000000, unit: 'USD', text: '$7 billion' },
    { value: 42, unit: 'hours', text: '42 hours' },
    { value: 9.6, unit: 'percent', text: '9.6 percent' },
  ],
  quotes: [
    { words: 'extremely dissatisfied with the slow', speaker: 'Wen Jiabao' },
    { words: 'pipeline dream', speaker: null },
    { words: 'a new era of partnership', speaker: 'Mikhail Fradkov' },
  ],
  dates: [
    { text: 'Sept. 23-25', edtf: '2004-09-23/2004-09-25' },
    { text: 'the third quarter', edtf: '2004-35' },
    { text: 'this quarter', edtf: '2004-35' },
    { text: 'late September', edtf: '2004-09' },
  ],
};

const prov = (source_id: string, start: number) => ({ source_id, span_start: String(start), span_end: String(start + 5) });

/** Rows as a release's CSVs give them (every value a string), with columns the scorer must ignore and rows of another source. */
function tables(): Tables {
  return {
    entities: [
      { entity_id: 'wen-jiabao', name_en: 'Wen Jiabao', entity_status: 'curated', ...prov(ID, 1) },
      { entity_id: 'united-states', name_en: 'United States of America', entity_status: 'curated', ...prov(ID, 2) },
      { entity_id: 'shanghai', name_en: 'Shanghai', entity_status: 'curated', ...prov(ID, 3) },
      { entity_id: 'mikhail-fradkov', name_en: 'Mikhail Fradkov', ...prov(OTHER, 4) },
    ],
    // A later table of names: "United States" is found through it.
    entity_names: [{ entity_id: 'united-states', name: 'United States', name_kind: 'short', ...prov(ID, 2) }],
    mentions: [
      { mention_id: 'm1', entity_id: 'wen-jiabao', surface: 'Wen', ...prov(ID, 10) },
      { mention_id: 'm2', entity_id: 'united-states', surface: 'U.S.', ...prov(ID, 20) },
      { mention_id: 'm3', entity_id: 'shanghai', surface: 'Shanghai', ...prov(ID, 30) },
      // Fradkov is named only in another source: not found in this one.
      { mention_id: 'm4', entity_id: 'mikhail-fradkov', surface: 'Fradkov', ...prov(OTHER, 40) },
    ],
    claims: [
      { claim_id: 'c1', value_as_stated: '$7 billion', value: '7', unit_as_stated: '$ billion', value_canonical: '7000000000', unit_canonical: 'us_dollars', time_edtf: '', ...prov(ID, 50) },
      // Right number, wrong unit: not the gold "42 hours".
      { claim_id: 'c2', value_as_stated: '42 km', value: '42', unit_as_stated: 'km', value_canonical: '42000', unit_canonical: 'metres', time_edtf: '', ...prov(ID, 60) },
      // A year inside a name read as a figure: a row that matches nothing.
      { claim_id: 'c3', value_as_stated: '2005', value: '2005', unit_as_stated: '', value_canonical: '2005', unit_canonical: 'count', time_edtf: '', ...prov(ID, 70) },
      { claim_id: 'c4', value_as_stated: '9.6 percent', value: '9.6', unit_as_stated: 'percent', value_canonical: '9.6', unit_canonical: 'percent', time_edtf: '', ...prov(OTHER, 80) },
    ],
    quotes: [
      { quote_id: 'q1', speaker_id: 'wen-jiabao', words: '“Extremely dissatisfied with the slow and disappointing pace,”', ...prov(ID, 90) },
      { quote_id: 'q2', speaker_id: '', words: 'pipeline dream', ...prov(ID, 100) },
      // Right words, wrong speaker.
      { quote_id: 'q3', speaker_id: 'wen-jiabao', words: 'a new era of partnership', ...prov(ID, 110) },
      { quote_id: 'q4', speaker_id: 'wen-jiabao', words: 'nothing the gold holds', ...prov(ID, 120) },
    ],
    events: [
      { event_id: 'e1', date_label: 'Sept. 23-25', date_edtf: '2004-09-23/2004-09-25', ...prov(ID, 130) },
      // The same quarter written as an interval: same bounds as "2004-35".
      { event_id: 'e2', date_label: 'the third quarter', date_edtf: '2004-07/2004-09', ...prov(ID, 140) },
      // The same row twice (a dataset holding it again) counts once.
      { event_id: 'e2', date_label: 'the third quarter', date_edtf: '2004-07/2004-09', ...prov(ID, 140) },
      { event_id: 'e3', date_label: 'Oct. 1', date_edtf: '2004-10-01', ...prov(ID, 150) },
      { event_id: 'e4', date_label: 'late September', date_edtf: '2004-09', ...prov(OTHER, 160) },
    ],
  };
}

describe('the chapter measure', () => {
  const score = scoreChapter(ID, gold, tables());

  it('names match after normalization: case, full stops, curly quotes, dashes, "the" and possessives', () => {
    expect(normName('U.S.')).toBe(normName('US'));
    expect(normName('the People’s Liberation Army')).toBe(normName("People's Liberation Army"));
    expect(normName('Peace Mission–2005')).toBe(normName('peace mission-2005'));
    expect(normName('China’s')).toBe('china');
    expect(normName('Wen')).not.toBe(normName('Wen Jiabao'));
  });

  it('an entity is found by its name, a variant, an entity_names row or a surface of this source only', () => {
    expect(score.entities.gold).toBe(4);
    expect(score.entities.found).toBe(2);
    expect(score.entities.missed).toEqual(['Peace Mission 2005', 'Mikhail Fradkov']);
    // Shanghai is named by the source but is on no gold list: 2 of 3 rows match.
    expect(score.entities.rows).toBe(3);
    expect(score.entities.matchedRows).toBe(2);
    expect(score.entities.extra).toEqual(['shanghai']);
    expect(precision(score.entities)).toBeCloseTo(2 / 3);
  });

  it('a figure needs its value and its unit, in any of the unit spellings', () => {
    expect(unitKey('$ billion')).toBe('usd');
    expect(unitKey('¥ trillion')).toBe('jpy');
    expect(unitKey('us_dollars')).toBe(unitKey('USD'));
    expect(unitKey('hours')).toBe(unitKey('hour'));
    expect(unitKey('countries')).toBe(unitKey('country'));
    expect(unitKey('hours')).not.toBe(unitKey('km'));
    expect(score.figures.found).toBe(1);
    expect(score.figures.missed).toEqual(['42 hours', '9.6 percent']);
    expect(score.figures.rows).toBe(3);
    expect(score.figures.matchedRows).toBe(1);
  });

  it('a gold unit of several words is met by its last word, the noun counted, and not by another', () => {
    const fighters = { claims: [{ claim_id: 'c9', value_as_stated: '15 stealth fighters', value: '15', unit_as_stated: 'fighters', value_canonical: '15', unit_canonical: 'count', time_edtf: '', ...prov(ID, 50) }] };
    const list = (unit: string): GoldList => ({ entities: [], quotes: [], dates: [], figures: [{ value: 15, unit, text: '15 stealth fighters' }] });
    expect(scoreChapter(ID, list('stealth fighter'), fighters).figures.found).toBe(1);
    expect(scoreChapter(ID, list('fighter'), fighters).figures.found).toBe(1);
    expect(scoreChapter(ID, list('stealth bomber'), fighters).figures.found).toBe(0);
  });

  it('a quote with a speaker is found only with the right speaker; its words are matched without punctuation', () => {
    expect(quoteWordsMatch('extremely dissatisfied with the slow', '“Extremely dissatisfied with the slow and disappointing pace,”')).toBe(true);
    expect(quoteWordsMatch('a new era of partnership', 'a new era')).toBe(true);
    expect(quoteWordsMatch('a new era of partnership', 'era')).toBe(false);
    expect(score.quotes.found).toBe(3);
    expect(score.quotesWithSpeaker.gold).toBe(2);
    expect(score.quotesWithSpeaker.found).toBe(1);
    expect(score.quotesWithSpeaker.missed).toEqual(['a new era of partnership (Mikhail Fradkov)']);
    expect(score.quotes.matchedRows).toBe(3);
    expect(score.quotesWithSpeaker.matchedRows).toBe(2);
    expect(precision(score.quotesWithSpeaker)).toBeCloseTo(2 / 4);
  });

  it('dates match by EDTF bounds, one row per gold date, and a repeated row counts once', () => {
    expect(edtfBounds('2004-35')).toEqual(edtfBounds('2004-07/2004-09'));
    expect(edtfBounds('not a date')).toBeNull();
    // Seasons and thirds of a year as the pipeline reads them, not as the edtf package does (spring is March to May, not the first quarter).
    expect(edtfBounds('2005-21')).toEqual(edtfBounds('2005-03/2005-05'));
    expect(edtfBounds('2005-24')).toEqual(edtfBounds('2005-12/2006-02'));
    expect(edtfBounds('2018-39/2019-37')).toEqual(edtfBounds('2018-09/2019-04'));
    expect(edtfBounds('2005-21')).not.toEqual(edtfBounds('2005-33'));
    expect(dateRows(tables(), ID)).toEqual(['2004-09-23/2004-09-25', '2004-07/2004-09', '2004-10-01']);
    // Two gold dates are the third quarter; one row gives it: one found.
    expect(score.dates.found).toBe(2);
    expect(score.dates.missed).toEqual(['this quarter (2004-35)', 'late September (2004-09)']);
    expect(score.dates.matchedRows).toBe(2);
    expect(recall(score.dates)).toBeCloseTo(0.5);
  });

  it('a chapter that did not build counts its gold as not found in the totals, and the table says why', () => {
    const failed = notBuilt(OTHER, gold, 'chronology/missing');
    const t = total([score, failed]);
    expect(t.entities.gold).toBe(8);
    expect(t.entities.found).toBe(2);
    expect(t.dates.rows).toBe(3);
    const table = formatTable([score, failed]);
    expect(table).toContain(`${OTHER}  did not build: chronology/missing`);
    expect(table).toMatch(/TOTAL\s+2\/8 25% p67%/);
  });

  it('source.yaml pins the text it is given and copies the "Preferred citation" sentence only when the text prints one', () => {
    const text = 'Title\n(This article is extracted from Comparative Connections, Vol. 1, No. 2. Preferred citation: A. Author, “A Title,” Comparative Connections, Vol. 1, No. 2, pp 3-4.)\n\nBody.';
    expect(preferredCitation(text)).toBe('A. Author, “A Title,” Comparative Connections, Vol. 1, No. 2, pp 3-4.');
    expect(preferredCitation('An older web edition prints none.')).toBeNull();
    const meta = { title: 'A Title', authors: [{ family: 'Author', given: 'A.' }], volume: 1, issue: 2, issued: '2004-10', pages: '3-4', chronology: 'none' };
    const bytes = Buffer.from(text, 'utf8');
    const doc = YAML.parse(sourceYaml('cc-x', 'chapter.txt', bytes, meta, text));
    expect(doc.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(doc.bytes).toBe(bytes.length);
    expect(doc.preferred_citation).toBe(preferredCitation(text));
    // A key the pipeline may ask for later passes through untouched.
    expect(doc.chronology).toBe('none');
    const older = YAML.parse(sourceYaml('cc-y', 'chapter.txt', Buffer.from('No citation.'), meta, 'No citation.'));
    expect(older.preferred_citation).toBeUndefined();
  });

  it('the diagnostic stub carries the chapter\'s period and a citation only when the text has none, and its rows are not counted', () => {
    const meta = { title: 'A Title', authors: [{ family: 'Author', given: 'A.' }], volume: 6, issue: 3, issued: '2004-10', pages: 'n/a', period: '2004-07/2004-09' };
    const stub = stubFor('Opening.', meta);
    expect(stub).toContain('\nCHRONOLOGY OF MEASUREMENT STUB\n\nJULY – SEPTEMBER 2004\n\nJuly 1, 2004: Stub entry.\n');
    expect(preferredCitation(`Opening.${stub}`)).toBe('A. Author, “A Title,” Comparative Connections, Vol. 6, No. 3, pp n/a.');
    const cited = 'Preferred citation: B. Writer, “T,” Comparative Connections, Vol. 1, No. 1, pp 1-2.';
    expect(stubFor(cited, meta)).not.toContain('Preferred citation');
    const t = withoutStub(tables(), ID, 100);
    expect(t.quotes!.map((q) => q.quote_id)).toEqual(['q1']);
    expect(t.claims!.map((c) => c.claim_id)).toEqual(['c1', 'c2', 'c3', 'c4']);
    // Rows of another source are kept whatever their spans.
    expect(t.events!.map((e) => e.event_id)).toEqual(['e4']);
  });
});
