import { describe, expect, it } from 'vitest';
import { clauseTime, edtfOf, inDateClause, openingTime, periodEdtf, scopeOf, type ClauseDate } from '../pipeline/normalize/claims.ts';
import { comparedOf, contingentOf, MentionIndex, namedNextOf, relatedOf, type Spot } from '../pipeline/normalize/subjects.ts';
import { extractNarrativeDates } from '../pipeline/extract/narrative-dates.ts';
import { DATE_SHAPES } from '../pipeline/lib/date-shapes.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import { parseNarrativeDate } from '../pipeline/normalize/dates.ts';
import type { NumberFinding } from '../pipeline/extract/numbers.ts';

describe('the time of a figure: a part of a year, read by the date-shape table', () => {
  it.each([
    ['the last four months of 2019', '2019-09/2019-12'],
    // Halves and quarters as the events of the same phrases write them (EDTF level 2 sub-year groupings).
    ['the first half of 2018', '2018-40'],
    ['the second half of 2018', '2018-41'],
    ['the third quarter of 2019', '2019-35'],
    ['the first two quarters of 2020', '2020-01/2020-06'],
    ['the last 3 months of 2021', '2021-10/2021-12'],
    ['the final three months of 2021', '2021-10/2021-12'],
    ['the last four days of 2019', '2019-12-28/2019-12-31'],
    ['the first ten days of 2020', '2020-01-01/2020-01-10'],
  ])('reads "%s" as %s', (label, edtf) => {
    expect(periodEdtf(label)).toBe(edtf);
    expect(edtfOf(label)).toBe(edtf);
  });

  it('gives no interval for a part it cannot count or that runs past the year', () => {
    // Months it cannot count are somewhere in their year: the year, the widest bound the words allow.
    expect(periodEdtf('the last few months of 2019')).toBe('2019');
    expect(periodEdtf('the first thirteen months of 2019')).toBeNull();
    expect(periodEdtf('the first twelve months of 2019')).toBeNull();
    expect(periodEdtf('the last four weeks of 2019')).toBeNull();
    expect(periodEdtf('the second four days of 2019')).toBeNull();
    expect(edtfOf('The last four months of 2019')).toBe('2019-09/2019-12');
  });

  it('is read by the same shapes the narrative dates use, and a read-only shape is never searched for in prose', () => {
    expect(DATE_SHAPES.find((s) => s.id === 'count_of_year')!.find).toBe('read');
    expect(extractNarrativeDates({ id: 't', text: new IndexedText('A drill was held in the last four days of 2019 at sea.\n') })).toEqual([]);
    expect(periodEdtf('the last four months of 2019')).toBe(parseNarrativeDate('in the last four months of 2019', { file: 'x', line: 1 }).date_edtf);
  });
});

describe('the time of a figure: the dates of its own clause', () => {
  const dates: ClauseDate[] = [
    { label: 'in May 2016', edtf: '2016-05' },
    { label: 'December 2017', edtf: '2017-12' },
    { label: 'Since April 2019', edtf: '2019-04/..' },
  ];
  const figure = (after: string, over: Partial<NumberFinding> = {}) => ({ after, relation_phrase: null, role: 'quantity', ...over }) as NumberFinding;

  it('lists every date the clause gives after the figure', () => {
    expect(clauseTime(figure(' code-named “Aerospace Security” in May 2016 and December 2017.'), dates)).toEqual({ label: 'in May 2016 and December 2017', edtf: '{2016-05,2017-12}' });
  });

  it('takes "the year-end" as the table of date shapes reads it (the last quarter), like any other date of the clause', () => {
    const dates2: ClauseDate[] = [
      { label: 'in November', edtf: '2019-11' },
      { label: 'at the year-end', edtf: '2019-36' },
    ];
    expect(clauseTime(figure(' (with South Africa in November and with Iran at the year-end).'), dates2)).toEqual({ label: 'in November and with Iran at the year-end', edtf: '{2019-11,2019-10..2019-12}' });
    // Words that no narrative date reads are no date of the figure's.
    expect(clauseTime(figure(' at the year-end.'), [])).toBeNull();
  });

  it('takes no date of another clause, of a bound, of what a span is measured from, or of an ordinal\'s origin', () => {
    expect(clauseTime(figure(', and in May 2016 talks began.'), dates)).toBeNull();
    expect(clauseTime(figure(' after they met in May 2016.'), dates)).toBeNull();
    expect(clauseTime(figure(' of work Since April 2019.'), dates)).toBeNull();
    expect(clauseTime(figure(' in May 2016.', { relation_phrase: { start: 0, end: 1, text: 'x' } }), dates)).toBeNull();
    expect(clauseTime(figure(' of contact in May 2016.', { role: 'ordinal' }), dates)).toBeNull();
  });

  it('takes the dates of a list that names all the things the figure counts, after "including", "such as" or "namely"', () => {
    const months: ClauseDate[] = [
      { label: 'in March', edtf: '2021-03' },
      { label: 'in May', edtf: '2021-05' },
      { label: 'in August', edtf: '2021-08' },
    ];
    // 1 + 2 + 2 = 5: the list accounts for every talk, so its dates are the five talks' time.
    expect(clauseTime(figure(' were held, including one in Lorvia (in March), two in Borvia (in May) and two at sea (late in the year).', { value: 5 }), months)).toEqual({
      label: 'in March), two in Borvia (in May',
      edtf: '{2021-03,2021-05}',
    });
    expect(clauseTime(figure(' took place, such as a tanker exercise in March and a survey in August.', { value: 2 }), months)).toEqual({ label: 'in March and a survey in August', edtf: '{2021-03,2021-08}' });
    expect(clauseTime(figure(': namely a tanker exercise (in March), a survey (with Borvia at the year-end).', { value: 2 }), [...months, { label: 'at the year-end', edtf: '2021-36' }])).toEqual({
      label: 'in March), a survey (with Borvia at the year-end',
      edtf: '{2021-03,2021-10..2021-12}',
    });
  });

  it('takes no date of a list that names only some of the things counted, of a subordinate clause in it, or past its end', () => {
    const months: ClauseDate[] = [
      { label: 'in March', edtf: '2021-03' },
      { label: 'in May', edtf: '2021-05' },
    ];
    // Two items for six talks: the dates are of the two only.
    expect(clauseTime(figure(' were held, including one in Lorvia (in March) and one in Borvia (in May).', { value: 6 }), months)).toBeNull();
    expect(clauseTime(figure(' were held, including one in Lorvia (in March) and one in Borvia (in May).'), months)).toBeNull();
    // No list word: the comma ends the clause.
    expect(clauseTime(figure(' were held, one in Lorvia (in March) and one in Borvia (in May).', { value: 2 }), months)).toBeNull();
    // The date of a subordinate clause in an item is its own clause's.
    expect(clauseTime(figure(' were held, including a drill that began in March and a survey in May.', { value: 2 }), months)).toEqual({ label: 'in May', edtf: '2021-05' });
    // The list ends at a semicolon.
    expect(clauseTime(figure(' were held, including a drill and a survey; in May both fleets sailed home.', { value: 2 }), months)).toBeNull();
  });
});

describe('the scope of a share or a multiple', () => {
  it('keeps what a multiple compares', () => {
    expect(scopeOf({ after: ' as much to China as to the US.', of_phrase: null })).toBe('as much to China as to the US');
    expect(scopeOf({ after: ' more than in 2018, officials said.', of_phrase: null })).toBe('more than in 2018');
    expect(scopeOf({ after: ' a year.', of_phrase: null })).toBeNull();
  });

  it('goes on with a second "of" phrase after a comma, a hyphenated or en-dashed name included, but not with "of which"', () => {
    const of_phrase = { start: 0, end: 11, text: 'of the time' };
    expect(scopeOf({ after: ' of the time, of the Blagoveshchensk–Heihe road bridge.', of_phrase })).toBe('of the time, of the Blagoveshchensk–Heihe road bridge');
    expect(scopeOf({ after: ' of the time, of which most was lost.', of_phrase })).toBe('of the time');
  });
});

describe('a thing named right after a figure', () => {
  const text = 'Russia and China ran two simulations code-named “Sky Shield” in 2016. The SCO offered 500 grants over three years through the Silk Fund.';
  const at = (w: string) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length });
  const types = new Map([['russia', 'state'], ['china', 'state'], ['sky-shield', 'exercise'], ['sco', 'organization'], ['silk-fund', 'project']]);
  const mentions = new MentionIndex(
    [['russia', 'Russia'], ['china', 'China'], ['sky-shield', 'Sky Shield'], ['sco', 'SCO'], ['silk-fund', 'Silk Fund']].map(([id, w]) => ({ entity_id: id!, ...at(w!), mention_kind: 'name', surface: w! })),
  );
  const figure = (words: string) => {
    const f = at(words);
    const end = text.indexOf('.', f.end) + 1;
    return { span_end: f.end, sentence_end: end, after: text.slice(f.end, end) } as NumberFinding;
  };

  it('is the subject when a naming word introduces it, whatever the property\'s types', () => {
    expect(namedNextOf(figure('two simulations'), () => false, { mentions, types })?.entity_id).toBe('sky-shield');
  });

  it('is the subject as the means the clause holds through, when of a fitting type', () => {
    expect(namedNextOf(figure('three years'), (s) => types.get(s.entity_id) === 'project', { mentions, types })?.entity_id).toBe('silk-fund');
    expect(namedNextOf(figure('three years'), () => false, { mentions, types })).toBeNull();
  });
});

describe('the event of a figure: its own clause', () => {
  it('is a secondary date\'s only after that date and before any clause break', () => {
    expect(inDateClause('the first trilateral exercise since the 1979 Islamic Revolution, which lasted ', '1979')).toBe(false);
    expect(inDateClause('since the 1979 revolution killed ', '1979')).toBe(true);
    expect(inDateClause('conduct a ', '1979')).toBe(false);
  });
});

describe('a contingent sent to an exercise', () => {
  // "Norway sent 400 troops to Cold Response." with code-point offsets of a display text without markup.
  const text = 'Norway sent 400 troops to Cold Response.';
  const at = (w: string) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length });
  const types = new Map([['norway', 'state'], ['cold-response', 'exercise']]);
  const mentions = new MentionIndex([
    { entity_id: 'norway', ...at('Norway'), mention_kind: 'name' },
    { entity_id: 'cold-response', ...at('Cold Response'), mention_kind: 'name' },
  ]);
  const figure = (over: Partial<NumberFinding> = {}): NumberFinding => {
    const f = at('400 troops');
    return {
      span_start: f.start, span_end: f.end, before: text.slice(0, f.start), after: text.slice(f.end),
      clause_start: 0, sentence_start: 0, sentence_end: text.length, paragraph_start: 0, section: 'narrative', from_phrase: null, ...over,
    } as NumberFinding;
  };

  it('is the exercise\'s, with the sender as party', () => {
    expect(contingentOf(figure(), { mentions, types, partySpans: [] })).toEqual({ subject: 'cold-response', party: 'norway' });
  });

  it('is no contingent when the figure has its own "from" list, or no verb of sending governs it', () => {
    expect(contingentOf(figure({ from_phrase: { start: 30, end: 39 } }), { mentions, types, partySpans: [] })).toBeNull();
    expect(contingentOf(figure({ before: 'Norway, which sent ships, has ' }), { mentions, types, partySpans: [] })).toBeNull();
  });
});

describe('a group "from" the states it lists, in a list of contingents', () => {
  const text = 'Russia held Zapad-2021. Belarus sent 2,500 troops, together with 900 men from Mongolia, Armenia and India. Later 200 men from Serbia came.';
  const at = (w: string) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length });
  const types = new Map([['russia', 'state'], ['zapad-2021', 'exercise'], ['belarus', 'state'], ['mongolia', 'state'], ['armenia', 'state'], ['india', 'state'], ['serbia', 'state']]);
  const mentions = new MentionIndex(
    [['russia', 'Russia'], ['zapad-2021', 'Zapad-2021'], ['belarus', 'Belarus'], ['mongolia', 'Mongolia'], ['armenia', 'Armenia'], ['india', 'India'], ['serbia', 'Serbia']].map(([id, w]) => ({ entity_id: id!, ...at(w!), mention_kind: 'name' })),
  );
  const figure = (words: string, list: string, sentence: string): NumberFinding => {
    const f = at(words);
    const s = at(sentence);
    return {
      span_start: f.start, span_end: f.end, before: text.slice(s.start, f.start), after: text.slice(f.end, s.end),
      clause_start: s.start, sentence_start: s.start, sentence_end: s.end, paragraph_start: 0, section: 'narrative', from_phrase: at(list),
    } as NumberFinding;
  };

  it('is the exercise\'s when the sending verb\'s list reaches it, with no party when it lists several states', () => {
    const f = figure('900 men', 'Mongolia, Armenia and India', 'Belarus sent 2,500 troops, together with 900 men from Mongolia, Armenia and India.');
    expect(contingentOf(f, { mentions, types, partySpans: [] })).toEqual({ subject: 'zapad-2021', party: null });
  });

  it('is no contingent when no verb of sending reaches it and its sentence names no exercise', () => {
    const f = figure('200 men', 'Serbia', 'Later 200 men from Serbia came.');
    expect(contingentOf(f, { mentions, types, partySpans: [] })).toBeNull();
  });
});

describe('a span of time measured from a thing', () => {
  const text = 'On May 3, two days after the Zapad-2021 drills, talks began.';
  const at = (w: string) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length });
  const types = new Map([['zapad-2021', 'exercise']]);
  const mentions = new MentionIndex([{ entity_id: 'zapad-2021', ...at('Zapad-2021 drills'), mention_kind: 'name' }]);
  const fits = (s: Spot) => types.get(s.entity_id) === 'exercise';

  it('describes the thing its "after" phrase names', () => {
    const f = { relation_phrase: { ...at('the Zapad-2021 drills'), text: 'the Zapad-2021 drills' } } as NumberFinding;
    expect(relatedOf(f, fits, { mentions })?.entity_id).toBe('zapad-2021');
    expect(relatedOf({ relation_phrase: null } as NumberFinding, fits, { mentions })).toBeNull();
  });
});

describe('a figure compared with another thing\'s', () => {
  const text = 'Vostok-2022 drew 50,000 troops. The number of Indian troops was half of that for Zapad-2021 (200).';
  const at = (w: string, from = 0) => ({ start: text.indexOf(w, from), end: text.indexOf(w, from) + w.length });
  const types = new Map([['vostok-2022', 'exercise'], ['zapad-2021', 'exercise'], ['india', 'state']]);
  const mentions = new MentionIndex([
    { entity_id: 'vostok-2022', ...at('Vostok-2022'), mention_kind: 'name' },
    { entity_id: 'india', ...at('Indian'), mention_kind: 'demonym' },
    { entity_id: 'zapad-2021', ...at('Zapad-2021'), mention_kind: 'name' },
  ]);
  const half = at('half');
  const of = at('of that for Zapad-2021 (200)');
  const f = {
    span_start: half.start, span_end: half.end, clause_start: at('The number').start, paragraph_start: 0, section: 'narrative',
    of_phrase: { ...of, text: 'of that for Zapad-2021 (200)' },
  } as NumberFinding;

  it('describes the thing of the same type named before it, not the one compared with; the clause\'s state is its party', () => {
    expect(comparedOf(f, { mentions, types })).toEqual({ subject: 'vostok-2022', party: 'india' });
  });

  it('is no comparison when the "of" phrase is a share\'s whole', () => {
    expect(comparedOf({ ...f, of_phrase: { ...of, text: 'of Zapad-2021 (200)' } }, { mentions, types })).toBeNull();
  });
});

describe('the time a date that opens its clause gives a figure', () => {
  const figure = (before: string, over: Partial<NumberFinding> = {}) => ({ before, after: ' sailed out.', relation_phrase: null, role: 'quantity', attributive: false, ...over }) as NumberFinding;
  const range: ClauseDate = { label: 'Between Mar. 3 and 6', edtf: '2021-03-03/2021-03-06' };
  const fromTo: ClauseDate = { label: 'From Oct. 2 to 4', edtf: '2021-10-02/2021-10-04' };

  it('a closed range with its month written once ("Between Mar. 3 and 6", "From Oct. 2 to 4") dates the figures of its clause as an EDTF interval', () => {
    expect(openingTime(figure('Between Mar. 3 and 6, two Borvian tankers and '), [range])).toEqual({ label: 'Between Mar. 3 and 6', edtf: '2021-03-03/2021-03-06' });
    expect(openingTime(figure('From Oct. 2 to 4, '), [fromTo])).toEqual({ label: 'From Oct. 2 to 4', edtf: '2021-10-02/2021-10-04' });
    // The same range after the figure, in its clause, is its time too: a closed range is no bound.
    expect(clauseTime({ after: ' took part between Mar. 3 and 6.', relation_phrase: null, role: 'quantity' }, [{ label: 'between Mar. 3 and 6', edtf: '2021-03-03/2021-03-06' }])).toEqual({ label: 'between Mar. 3 and 6', edtf: '2021-03-03/2021-03-06' });
  });

  it('gives nothing for a bound, another clause, a later date, a figure that names a thing, or a date that does not open the sentence', () => {
    expect(openingTime(figure('Since May 2020, '), [{ label: 'Since May 2020', edtf: '2020-05/..' }])).toBeNull();
    expect(openingTime(figure('From Oct. 2, '), [{ label: 'From Oct. 2', edtf: '2021-10-02/..' }])).toBeNull();
    expect(openingTime(figure('Between Mar. 3 and 6, the fleet waited; then '), [range])).toBeNull();
    expect(openingTime(figure('Between Mar. 3 and 6, the fleet waited, and on Mar. 9 '), [range, { label: 'on Mar. 9', edtf: '2021-03-09' }])).toBeNull();
    expect(openingTime(figure('Between Mar. 3 and 6, the ', { attributive: true }), [range])).toBeNull();
    expect(openingTime(figure('The fleet sailed Between Mar. 3 and 6 with '), [range])).toBeNull();
  });
});
