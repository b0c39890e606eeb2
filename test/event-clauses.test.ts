import { describe, expect, it } from 'vitest';
import { datedPartAt, extractNarrativeDates, governedParts, otherDateCue } from '../pipeline/extract/narrative-dates.ts';
import { findingPattern, shapeFound } from '../pipeline/lib/date-shapes.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import type { Row } from '../pipeline/lib/schema.ts';
import { keyEntitiesOf, readNarrativeEvents, segmentsOf, type Segments } from '../pipeline/normalize/narrative-events.ts';
import { eventTable, linkContinuations, linkEvents, placesOfOwnWords, reportingSeveral } from '../pipeline/normalize/event-table.ts';
import { dateConflicts } from '../pipeline/normalize/conflicts.ts';
import { pySlice, SCHEMA } from './helpers.ts';

/** Each date of a sentence with its role, cue and the words it governs. */
function parts(sentence: string): [string, string, string | null, string][] {
  const found = [...sentence.matchAll(findingPattern())];
  const g = governedParts(sentence, found.map((m) => ({ index: m.index!, length: m[0].length, label: m[0], shape: shapeFound(m).id })));
  return found.map((m, k) => [m[0], g[k]!.role, g[k]!.cue, sentence.slice(...g[k]!.segment)]);
}

describe('a date governs its clause', () => {
  it('a date that opens the sentence reads forward over its clause, not back over nothing', () => {
    expect(parts('On Oct. 4, the Ruritanian government ended the 1961 Harbour Accord with Freedonia, which was seen as a turn.')).toEqual([
      ['On Oct. 4', 'main', null, 'On Oct. 4, the Ruritanian government ended the 1961 Harbour Accord with Freedonia'],
      ['1961', 'attributive', 'the 1961 Harbour Accord', '1961 Harbour Accord'],
    ]);
  });

  it('a date in a relative clause governs that clause only', () => {
    const [main, sub] = parts('In early 2017 Ruritania prepared to leave the accord, which became void on March 3, 2018.');
    expect(main).toEqual(['In early 2017', 'main', null, 'In early 2017 Ruritania prepared to leave the accord']);
    expect(sub).toEqual(['on March 3, 2018', 'subordinate', 'which', 'which became void on March 3, 2018.']);
  });

  it('a "since" or "until" date carries only its own words', () => {
    expect(parts('Until 2015, drills by the Northern Fleet only invited Freedonia.')).toEqual([['Until 2015', 'until', 'until', 'Until 2015']]);
    const [main, since] = parts('On May 2 Ruritania held the 4th drill in Port Vell since 2009.');
    expect(main![3]).toBe('On May 2 Ruritania held the 4th drill in Port Vell since 2009.');
    expect(since).toEqual(['since 2009', 'since', 'since', 'since 2009']);
  });

  it('a parenthesis is a clause inside its clause; one that holds only a date dates the words around it', () => {
    expect(parts('Three drills were held (Shield-2019 in May), and the envoy of Ruritania spoke at the forum (東京) on June 3.').map((p) => p[3])).toEqual([
      'Shield-2019 in May',
      'Three drills were held (Shield-2019 in May), and the envoy of Ruritania spoke at the forum (東京) on June 3.',
    ]);
    expect(parts('Ties were restored (1989–2019) in full.')[0]![3]).toBe('Ties were restored (1989–2019) in full.');
  });

  it('a later date of a clause reads back to the date before it, over the words the opening date reads too', () => {
    const [, later] = parts('On Nov. 2, the bridge between Ruritania and Freedonia opened, as the deal of Dec. 3 had set.');
    expect(later![3]).toBe(', the bridge between Ruritania and Freedonia opened, as the deal of Dec. 3 had set.');
  });

  it('a date closing an "after" or "following" phrase dates that phrase only, as a subordinate date; the date right after the word is the clause\'s own', () => {
    expect(parts('The drills took place at a tense time, after the Freedonian cabinet left the accord in May 2018.')).toEqual([
      ['in May 2018', 'subordinate', 'after', 'after the Freedonian cabinet left the accord in May 2018'],
    ]);
    expect(parts('Talks went on following the visit of the envoy to Vell in late October.')[0]!.slice(1, 3)).toEqual(['subordinate', 'following']);
    expect(parts('After Sept. 5, the envoys of Ruritania met weekly.')[0]!.slice(1, 3)).toEqual(['main', null]);
  });

  it('a month before a common noun dates that noun only; the clause keeps its own date', () => {
    expect(parts('On April 7, a Vellish daily reported that Ruritania was weighing a June deadline for the talks.')).toEqual([
      ['On April 7', 'main', null, 'On April 7, a Vellish daily reported that Ruritania was weighing a June deadline for the talks.'],
      ['June', 'attributive', 'a June deadline', 'June deadline'],
    ]);
    // A bare month after a preposition, a month that opens a day, and "last May" are not this shape.
    expect(parts('The talks resumed in June after a pause.').map((p) => p.slice(0, 2))).toEqual([['in June', 'main']]);
    expect(parts('The May 4 summit of Ruritania and Vell was short.').map((p) => p[0])).not.toContain('May');
    // "last May" is no attributive month: it is the last May before the chapter's period (last_month_or_season), and dates its clause.
    expect(parts('The envoys met last May in Vell.')).toEqual([['last May', 'main', null, 'The envoys met last May in Vell.']]);
  });

  it('the name a year stands in runs to its head noun over an adjective, and stops before a verb', () => {
    expect(parts('Even so, the 2020 Freedonian presidential election will be hard for Vell.')[0]!.slice(1, 3)).toEqual(['attributive', 'the 2020 Freedonian presidential election']);
    expect(parts('Ruritania said the 2014 Vell crisis would last.')[0]!.slice(1, 3)).toEqual(['attributive', 'the 2014 Vell crisis']);
  });

  it('a negated until dates when the thing happens at last: a main date of its clause; a plain until stays an open interval', () => {
    expect(parts('The rail bridge did not complete its link until March 2019.')[0]!.slice(1, 4)).toEqual(['main', 'not … until', 'The rail bridge did not complete its link until March 2019.']);
    expect(parts('The people of Vell will have to wait until mid-2021 for the bridge.')[0]!.slice(1, 3)).toEqual(['until', 'until']);
  });

  it('records the role, cue, clause and segment on each finding, in code points of the source', () => {
    const text = 'Intro 🌏.\n\nOn Aug. 2 😀, Ruritania left the pact, which Freedonia signed in 1987.\n';
    const found = extractNarrativeDates({ id: 't', text: new IndexedText(text) });
    expect(found.map((f) => [f.date_label, f.date_role, f.date_role_cue])).toEqual([['On Aug. 2', 'main', null], ['in 1987', 'subordinate', 'which']]);
    expect(pySlice(text, found[0]!.segment_start, found[0]!.segment_end)).toBe('On Aug. 2 😀, Ruritania left the pact');
    expect(pySlice(text, found[1]!.clause_start, found[1]!.clause_end)).toBe('which Freedonia signed in 1987.');
  });
});

describe('dates joined in one clause, relative clauses, and the occasion a date names', () => {
  const period = { start: '2019-09-01', end: '2019-12-31' };
  const read = (text: string) => readNarrativeEvents(extractNarrativeDates({ id: 't', text: new IndexedText(text) }), new Map([['t', period]]), SCHEMA.vocabularies.event_type!, () => 'x');

  it('two dates joined by "and" read the same words, so the second is not left with "and" alone', () => {
    const [first, second] = parts('Later, Ruritania and Freedonia held two joint simulations code-named “Shield” in May 2016 and December 2017.');
    expect(second![3]).toBe(first![3]);
    expect(second![3]).toContain('Ruritania and Freedonia held two joint simulations');
    // Opening the clause together, both read forward over all of it.
    const opening = parts('On Nov. 5 and on Dec. 9, the envoys of Ruritania met in Vell.');
    expect(opening.map((p) => p[3])).toEqual(['On Nov. 5 and on Dec. 9, the envoys of Ruritania met in Vell.', 'On Nov. 5 and on Dec. 9, the envoys of Ruritania met in Vell.']);
    // Dates in separate clauses are not joined.
    expect(parts('The envoys met on Nov. 5, and the ministers spoke on Dec. 9.')[1]![3]).toBe(', and the ministers spoke on Dec. 9.');
  });

  it('the second of two joined dates is typed by the cue the first is typed by', () => {
    const { rows } = read('Intro.\n\nLater, Ruritania and Freedonia conducted two computer simulations code-named “Shield” in May 2016 and December 2017.\n');
    expect(rows.map((r) => [r.date_label, r.event_type, r.event_type_cue])).toEqual([
      ['in May 2016', 'exercise', 'computer simulations'],
      ['December 2017', 'exercise', 'computer simulations'],
    ]);
  });

  it('a date in a clause opened by a relative "that" is subordinate; "that" after a verb of saying or before a noun is not a relative', () => {
    expect(parts('The Vell talks were overshadowed by the border clashes that started in February when a bomb in Port Vell led to air raids.')).toEqual([
      ['in February', 'subordinate', 'that', 'that started in February when a bomb in Port Vell led to air raids.'],
    ]);
    expect(parts('Ruritania said that Freedonia left the pact in May 2018.')[0]!.slice(1, 3)).toEqual(['main', null]);
    expect(parts('Ruritania announced that it would leave in March 2019.')[0]!.slice(1, 3)).toEqual(['main', null]);
    expect(parts('The envoys said the ties that year were good, in May 2018.')[0]!.slice(1, 3)).toEqual(['main', null]);
    // A word in -ed before a noun is an adjective: "that increased trade" is no relative clause.
    expect(parts('The envoy of Vell saw that increased trade helped Ruritania in 2019.')[0]!.slice(1, 3)).toEqual(['main', null]);
    expect(parts('The envoy of Vell saw the clash that ended in 2019.')[0]!.slice(1, 3)).toEqual(['subordinate', 'that']);
  });

  it('"when" after a noun of time opens a relative clause; after a name or a date it does not', () => {
    expect(parts('The pact came at a time when the envoys met in Vell in May 2018.')[0]!.slice(1, 4)).toEqual(['subordinate', 'when', 'when the envoys met in Vell in May 2018.']);
    expect(parts('The policy was restated by the envoy Vell when interviewed on Dec. 3.')[0]!.slice(1, 3)).toEqual(['main', null]);
  });

  it('a date of an opening occasion dates the occasion only when the clause sets its happening before or after that occasion', () => {
    expect(parts('During the 3rd Vell summit on Nov. 14 in Port Vell, the Ruritanian and Freedonian leaders met on the sidelines prior to the summit.')).toEqual([
      ['on Nov. 14', 'subordinate', 'during … prior to the summit', 'During the 3rd Vell summit on Nov. 14 in Port Vell'],
    ]);
    expect(parts('At the Vell forum on Sept. 3, the envoys spoke after the forum.')[0]!.slice(1, 3)).toEqual(['subordinate', 'at … after the forum']);
    // Met during it: the date is the meeting's too.
    expect(parts('During the Vell summit on Nov. 14, the leaders met on the sidelines.')[0]!.slice(1, 4)).toEqual(['main', null, 'During the Vell summit on Nov. 14, the leaders met on the sidelines.']);
    // Before another thing than the occasion: still the clause's date.
    expect(parts('During the Vell summit on Nov. 14, the leaders met before the vote.')[0]!.slice(1, 3)).toEqual(['main', null]);
  });

  it('the row of such a date is the occasion, typed from its own phrase', () => {
    const { rows } = read('Intro.\n\nDuring the 3rd Vell summit on Nov. 14 in Port Vell, the two leaders met on the sidelines prior to the summit.\n');
    expect(rows[0]).toMatchObject({ date_edtf: '2019-11-14', date_role: 'subordinate', date_role_cue: 'during … prior to the summit', event_type: 'summit', event_type_cue: 'summit' });
  });

  it('a later sentence of a chronology entry with its own date is a part of the text that date governs, and names there have the cue of that date', () => {
    const text = 'Intro.\n\nCHRONOLOGY OF A-B RELATIONS\n\nSEPTEMBER – DECEMBER 2019\n\nDec. 4, 2019: The 3rd Vell consultation 🌏 is held in Port Vell. The Ruritanian leader met the envoy Dec. 2 in Vell.\n';
    const found = extractNarrativeDates({ id: 't', text: new IndexedText(text) });
    expect(found.map((f) => [f.section, f.date_label])).toEqual([['chronology_text', 'Dec. 2']]);
    const parts = found.map((f) => ({ source: f.source_id, start: f.segment_start, end: f.segment_end, date_label: f.date_label }));
    expect(pySlice(text, parts[0]!.start, parts[0]!.end)).toBe('The Ruritanian leader met the envoy Dec. 2 in Vell.');
    const cp = (word: string) => Array.from(text.slice(0, text.indexOf(word))).length;
    expect(datedPartAt(parts, 't', cp('Ruritanian'))).toBe(parts[0]);
    expect(datedPartAt(parts, 't', cp('consultation'))).toBeUndefined();
    expect(datedPartAt(parts, 'other', cp('Ruritanian'))).toBeUndefined();
    expect(otherDateCue(parts, 't', cp('Ruritanian'))).toBe('in the part dated by its own date “Dec. 2”');
    expect(otherDateCue(parts, 't', cp('consultation'))).toBeNull();
  });
});

describe('the entities an event names', () => {
  it('are those of the types given, the linking types unless told', () => {
    const types = new Map([['vell', 'place'], ['pact', 'treaty'], ['ruritania', 'state'], ['shield', 'exercise']]);
    const mentions = ['vell', 'pact', 'ruritania', 'shield'].map((entity_id, k): Row => ({ entity_id, source_id: 's', span_start: k * 10, span_end: k * 10 + 5 }));
    const e: Row = { source_id: 's', span_start: 0, span_end: 40 };
    expect([...keyEntitiesOf(mentions, types)(e)]).toEqual(['vell', 'shield']);
    expect([...keyEntitiesOf(mentions, types, new Set(['treaty', 'exercise']))(e)]).toEqual(['pact', 'shield']);
    expect([...keyEntitiesOf(mentions, types)({ ...e, source_id: 'other' })]).toEqual([]);
  });
});

describe('rows carry the role, and "until" closes an interval', () => {
  const period = { start: '2019-09-01', end: '2019-12-31' };
  const read = (text: string) => {
    const source = { id: 't', text: new IndexedText(text) };
    return readNarrativeEvents(extractNarrativeDates(source), new Map([['t', period]]), SCHEMA.vocabularies.event_type!, () => 'x');
  };

  it('a negated until reads as the date itself (EDTF 2019-03, with a start), not an interval ending then', () => {
    const { rows } = read('Intro.\n\nThe rail bridge did not complete its link until March 2019.\n');
    expect(rows[0]).toMatchObject({ date_edtf: '2019-03', date_start: '2019-03-01', date_end: '2019-03-31', date_role: 'main' });
  });

  it('a typing cue much nearer another date of the sentence types that date, not this one', () => {
    const { rows } = read('Intro.\n\nThe bloc chose the plan at its Vell summit in June 2018 and held its first meeting Sept. 9, 2018 in Tashkent.\n');
    expect(rows.map((r) => [r.date_label, r.event_type, r.event_type_cue])).toEqual([['in June 2018', 'summit', 'summit'], ['Sept. 9, 2018', 'meeting', 'meeting']]);
  });

  it('"told" is a statement cue', () => {
    const { rows } = read('Intro.\n\n“We are allies,” he told Channel Nine on Dec. 22.\n');
    expect(rows[0]).toMatchObject({ event_type: 'statement', event_type_cue: 'told' });
  });

  it('"Until 2015" is ../2015 with no start, and its id keeps the first day of the year it names', () => {
    const { rows } = read('Intro.\n\nUntil 2015, drills by the Northern Fleet only invited Freedonia.\n');
    expect(rows[0]).toMatchObject({ date_edtf: '../2015', date_start: null, date_end: '2015-12-31', date_role: 'until', date_role_cue: 'until' });
    expect(String(rows[0]!.event_id)).toMatch(/^ev-20150101-/);
  });

  it('a month and a day it holds in one clause share the clause', () => {
    const { rows, found } = read('Intro.\n\nIn August, Ruritania revoked the status of Vell on Aug. 5, to protests.\n');
    const segments = segmentsOf(rows, found);
    const [month, day] = rows.map((r) => segments.get(String(r.event_id))!);
    expect([month!.start, month!.end]).toEqual([day!.start, day!.end]);
  });

  it('a wider date that comes second in a coordinated item is its own happening; one that comes first frames the clause', () => {
    const coordinated = read('Intro.\n\nTwo naval drills were held (with Lorvia in November and with Vell at the year-end).\n');
    expect(coordinated.rows.map((r) => r.date_label)).toEqual(['in November', 'at the year-end']);
    const [nov, end] = coordinated.rows.map((r) => segmentsOf(coordinated.rows, coordinated.found).get(String(r.event_id))!);
    expect(nov!.end).toBeLessThanOrEqual(end!.start);
    const framed = read('Intro.\n\nTwice in the last four months of 2019, the envoys met first in Lorvia on Oct. 31, and then in Vell on Dec. 9.\n');
    const segs = segmentsOf(framed.rows, framed.found);
    const [frame, , dec] = framed.rows.map((r) => segs.get(String(r.event_id))!);
    expect([dec!.start, dec!.end]).toEqual([frame!.start, frame!.end]);
  });

  it('a summary over a year of meetings, visits or summits in the plural is typed other; a drill keeps its type, a month\'s meetings too', () => {
    const types = (text: string) => read(`Intro.\n\n${text}\n`).rows.map((r) => [r.date_label, r.event_type]);
    expect(types('All contacts between the two in the final months of 2031 were regular meetings.')).toEqual([['in the final months of 2031', 'other']]);
    expect(types('In 2031, the two navies held joint drills.')).toEqual([['In 2031', 'exercise']]);
    expect(types('In May 2031, the envoys held meetings in Vell.')).toEqual([['In May 2031', 'meeting']]);
  });
});

describe('one row per real-world event: coarse dates and repeats', () => {
  const types = new Map([['shield-2019', 'exercise'], ['harbour-accord', 'treaty'], ['ruritania', 'state'], ['freedonia', 'state'], ['vell', 'place']]);
  const ev = (id: string, at: number, over: Partial<Row>): Row => ({
    event_id: id, source_id: 's', section: 'narrative', date_role: 'main', date_precision: 'day', date_start: '2019-09-16', date_end: '2019-09-21', date_edtf: '2019-09-16/2019-09-21', event_type: 'exercise', span_start: at, span_end: at + 50, ...over,
  });
  const m = (entity: string, at: number): Row => ({ entity_id: entity, source_id: 's', span_start: at, span_end: at + 5 });
  const month = { date_precision: 'month', date_start: '2019-09-01', date_end: '2019-09-30', date_edtf: '2019-09' };
  const seg = (entries: [string, number, number][]): Segments => new Map(entries.map(([id, start, end]) => [id, { start, end, date_at: start }]));

  it('links a month to the entry within it that names the same exercise', () => {
    const events = [ev('c1', 0, { section: 'chronology' }), ev('c2', 100, { section: 'chronology', date_start: '2019-09-25', date_end: '2019-09-25' }), ev('n', 200, month)];
    const mentions = [m('shield-2019', 10), m('ruritania', 110), m('shield-2019', 210)];
    expect(linkEvents(events, mentions, types, seg([['n', 200, 230]])).get('n')).toBe('c1');
  });

  it('with a state alone, links only to the one entry of the same type within the date, and never from "other" or a since date', () => {
    const events = [
      ev('c1', 0, { section: 'chronology', date_start: '2019-09-25', date_end: '2019-09-25' }),
      ev('c2', 100, { section: 'chronology', date_start: '2019-09-26', date_end: '2019-09-26', event_type: 'meeting' }),
      ev('n1', 200, month),
      ev('n2', 300, { ...month, event_type: 'other' }),
      ev('n3', 400, { ...month, date_role: 'since', date_end: null, date_edtf: '2019-09/..' }),
    ];
    const mentions = [m('freedonia', 10), m('freedonia', 110), m('freedonia', 210), m('freedonia', 310), m('freedonia', 410)];
    const links = linkEvents(events, mentions, types, seg([['n1', 200, 230], ['n2', 300, 330], ['n3', 400, 430]]));
    expect([...links]).toEqual([['n1', 'c1']]);
  });

  it('gives no link when two entries are equally good: a wrong link is worse than none', () => {
    const events = [ev('c1', 0, { section: 'chronology' }), ev('c2', 100, { section: 'chronology', date_start: '2019-09-25', date_end: '2019-09-25' }), ev('n', 200, month)];
    const mentions = [m('shield-2019', 10), m('shield-2019', 110), m('shield-2019', 210)];
    expect(linkEvents(events, mentions, types, seg([['n', 200, 230]])).has('n')).toBe(false);
  });

  it('links a year that names the same thing again, and not a year that names another', () => {
    const year = { date_precision: 'year', date_start: '2014-01-01', date_end: '2014-12-31', date_edtf: '2014', date_role: 'attributive', event_type: 'other' };
    const events = [
      ev('a', 0, { ...year, date_role_cue: 'the 2014 Vell–Harbour crises' }),
      ev('b', 100, { ...year, date_role_cue: 'the 2014 Vell crisis' }),
      ev('c', 200, { ...year, date_role_cue: 'the 2014 Vell elections' }),
    ];
    expect([...linkEvents(events, [], types, new Map())]).toEqual([['b', 'a']]);
  });

  it('links a month to the day it holds in its own clause, and two reports of one day that name one treaty whatever their type', () => {
    const clause = { start: 0, end: 80, date_at: 0, clause_start: 0, clause_end: 80 };
    const events = [
      ev('m', 0, { date_precision: 'month', date_start: '2019-08-01', date_end: '2019-08-31', date_edtf: '2019-08', event_type: 'other' }),
      ev('d', 0, { date_start: '2019-08-05', date_end: '2019-08-05', date_edtf: '2019-08-05', event_type: 'other' }),
      ev('t1', 100, { date_start: '2019-08-02', date_end: '2019-08-02', event_type: 'other' }),
      ev('t2', 200, { date_start: '2019-08-02', date_end: '2019-08-02', event_type: 'statement' }),
    ];
    const segments: Segments = new Map([['m', clause], ['d', { ...clause, date_at: 40 }]]);
    const mentions = [m('harbour-accord', 110), m('harbour-accord', 210)];
    expect([...linkEvents(events, mentions, types, segments)].sort()).toEqual([['m', 'd'], ['t2', 't1']]);
  });
});

describe('when in doubt, no link: summaries, rows of several happenings, other agents; repeats of one month and pronoun continuations link', () => {
  const types = new Map([['ewg', 'organization'], ['vell', 'place'], ['ruritania', 'state'], ['putin', 'person'], ['zhang', 'person'], ['lavrov', 'person'], ['pact', 'project']]);
  const row = (id: string, at: number, over: Partial<Row>): Row => ({
    event_id: id, source_id: 's', section: 'narrative', date_role: 'main', date_precision: 'day', date_start: '2019-10-31', date_end: '2019-11-01', date_edtf: '2019-10-31/2019-11-01', event_type: 'meeting', span_start: at, span_end: at + 90, ...over,
  });
  const m = (entity: string, at: number): Row => ({ entity_id: entity, source_id: 's', span_start: at, span_end: at + 5 });
  const months = { date_precision: 'month', date_start: '2019-09-01', date_end: '2019-12-31', date_edtf: '2019-09/2019-12' };
  const entries = [row('c1', 1000, { section: 'chronology' }), row('c2', 1100, { section: 'chronology', date_start: '2019-12-09', date_end: '2019-12-09', date_edtf: '2019-12-09', event_type: 'statement' })];

  it('a row of type other over the whole chronicle links to nothing, even with a named project in common', () => {
    const events = [...entries, row('n', 0, { ...months, event_type: 'other' })];
    const mentions = [m('pact', 1110), m('pact', 10)];
    expect(linkEvents(events, mentions, types, new Map([['n', { start: 0, end: 90, date_at: 0, clause_start: 0, clause_end: 90 }]])).has('n')).toBe(false);
    expect([...reportingSeveral(events, new Map())]).toEqual(['n']);
  });

  it('a coarse row whose clause holds two days within it reports both and links to neither', () => {
    const clause = { start: 0, end: 90, date_at: 0, clause_start: 0, clause_end: 90 };
    const events = [...entries, row('n', 0, months), row('d1', 0, {}), row('d2', 0, { date_start: '2019-12-09', date_end: '2019-12-09', date_edtf: '2019-12-09' })];
    const segments: Segments = new Map([['n', clause], ['d1', { ...clause, date_at: 40 }], ['d2', { ...clause, date_at: 70 }]]);
    const mentions = [m('ewg', 1010), m('ewg', 10)];
    const links = linkEvents(events, mentions, types, segments);
    expect(links.has('n')).toBe(false);
    expect(reportingSeveral(events, segments).has('n')).toBe(true);
    const table = eventTable(events, new Map([['n', 'vell'], ['d1', 'vell']]), links, reportingSeveral(events, segments));
    expect(table.filter((r) => r.place_id !== null).map((r) => r.event_id)).toEqual(['d1']);
  });

  it('a statement by another person within the month is not the entry\'s statement', () => {
    const month = { date_precision: 'month', date_start: '2019-12-01', date_end: '2019-12-31', date_edtf: '2019-12', event_type: 'statement' };
    const events = [...entries, row('n', 0, month), row('k', 200, month)];
    const mentions = [m('putin', 1105), m('vell', 1120), m('zhang', 5), m('vell', 20), m('putin', 205), m('vell', 220)];
    const links = linkEvents(events, mentions, types, new Map());
    expect(links.has('n')).toBe(false);
    expect(links.get('k')).toBe('c2');
  });

  it('links a row to the chronology text of the same month, type and two agents, not to one sharing only one', () => {
    const june = { date_precision: 'month', date_start: '2020-06-01', date_end: '2020-06-30', date_edtf: '2020-06' };
    const events = [row('n', 0, june), row('k', 200, june), row('t', 2000, { ...june, section: 'chronology_text' })];
    const mentions = [m('ewg', 10), m('vell', 30), m('vell', 230), m('ewg', 2010), m('vell', 2030)];
    const links = linkEvents(events, mentions, types, new Map());
    expect(links.get('n')).toBe('t');
    expect(links.has('k')).toBe(false);
  });

  it('a place as the attribute of a gathering in the date\'s own words, or the entry\'s gathering named again, gives the place', () => {
    const june = { date_precision: 'month', date_start: '2018-06-01', date_end: '2018-06-30', date_edtf: '2018-06', event_type: 'summit' };
    const entry = row('c', 100, { section: 'chronology', event_type: 'summit', event_type_cue: 'summit', span_end: 200 });
    const events = [
      row('q', 0, { ...june, description: 'The bloc chose the plan at its Vell summit in June 2018.' }),
      row('r', 0, { ...june, description: 'The bloc chose the plan in June 2018 near Vell.' }),
      entry,
      row('t', 150, { section: 'chronology_text', description: 'The presidents meet on the sidelines of the summit on Nov. 13.', span_end: 200 }),
    ];
    const mentions = [{ ...m('vell', 30), surface: 'Vell' }];
    const found = placesOfOwnWords(events, new Map([['c', 'brasil']]), mentions, types, new Map([['q', { start: 0, end: 60, date_at: 40 }], ['r', { start: 100, end: 100, date_at: 0 }]]));
    expect([...found]).toEqual([['q', 'vell'], ['t', 'brasil']]);
  });

  it('a sentence naming no person, right after one of the same day and type that does, continues it', () => {
    const day = { date_start: '2019-12-22', date_end: '2019-12-22', date_edtf: '2019-12-22', event_type: 'statement' };
    const events = [row('a', 0, { ...day, span_end: 100 }), row('b', 101, { ...day, span_end: 180 }), row('c', 300, { ...day, span_end: 380 })];
    const mentions = [m('lavrov', 10)];
    expect([...linkContinuations(events, new Map(), mentions, types)]).toEqual([['b', 'a']]);
  });
});

describe('a coarse date linked to an entry it holds is no date conflict', () => {
  const row = (id: string, over: Partial<Row>): Row => ({ event_id: id, section: 'narrative', date_label: id, date_edtf: '', same_as_event_id: null, source_id: 's', span_start: 0, span_end: 1, evidence: 'x', ...over });
  it('"in September" holds Sept. 16–21, while a day range that reaches beyond the entry still disagrees', () => {
    const entry = row('Sept. 16–21', { section: 'chronology', date_precision: 'day', date_start: '2019-09-16', date_end: '2019-09-21' });
    const month = row('in September', { date_precision: 'month', date_start: '2019-09-01', date_end: '2019-09-30', same_as_event_id: 'Sept. 16–21' });
    const days = row('Sept. 16–23', { date_precision: 'day', date_start: '2019-09-16', date_end: '2019-09-23', same_as_event_id: 'Sept. 16–21' });
    const found = dateConflicts([entry, month, days] as never);
    expect(found.map((c) => c.value_b)).toEqual(['Sept. 16–23']);
  });
});

describe('what a date stands for: a founding, a start bound, an anniversary, a summary, a warned-of thing', () => {
  const period = { start: '2031-01-01', end: '2031-12-31' };
  const read = (text: string) => readNarrativeEvents(extractNarrativeDates({ id: 't', text: new IndexedText(text) }), new Map([['t', period]]), SCHEMA.vocabularies.event_type!, () => 'x');

  it('a founding noun phrase ("since its founding in 2011") dates the founding, a subordinate date of that phrase, never talks', () => {
    const s = 'Since its founding in 2011 as a venue for maritime dialogue by the Vell Naval Academy, the meeting has grown into a platform for talks.';
    expect(parts(s)).toEqual([['in 2011', 'subordinate', 'since its founding', 'Since its founding in 2011 as a venue for maritime dialogue by the Vell Naval Academy']]);
    const { rows } = read(`Intro.\n\n${s}\n`);
    expect(rows.map((r) => [r.date_role, r.event_type, r.event_type_cue])).toEqual([['subordinate', 'other', null]]);
    // Drills launched at a date are drills; a founding verb right before the date types nothing.
    expect(read('Intro.\n\nThe naval drills of Ruritania launched in March 2031.\n').rows.map((r) => r.event_type)).toEqual(['exercise']);
    expect(read('Intro.\n\nThe league was established in March 2031 as a forum for dialogue.\n').rows.map((r) => r.event_type)).toEqual(['other']);
    // Dialogue that is dated itself stays talks.
    expect(read('Intro.\n\nIn March 2031 Ruritania held a dialogue with Freedonia.\n').rows.map((r) => r.event_type)).toEqual(['talks']);
  });

  it('a start bound ("from March 1, 2031", "starting on May 5") is an open interval from the date, not a main date', () => {
    expect(parts('Ruritania holds the chair of the league from March 1, 2031 with a new agenda.')).toEqual([['from March 1, 2031', 'since', 'from', 'from March 1, 2031']]);
    const [starting] = parts('The tariff of Freedonia applies starting on May 5, 2031 to all grain.');
    expect(starting!.slice(1)).toEqual(['since', 'starting', starting![0]]);
    const { rows } = read('Intro.\n\nThe tariff of Freedonia applies starting on May 5, 2031 to all grain.\n');
    expect(rows.map((r) => [r.date_role, r.date_start, r.date_end, r.date_edtf])).toEqual([['since', '2031-05-05', null, '2031-05-05/..']]);
    // "from" before a deictic period says where a thing comes from, not when an interval opens.
    expect(parts('However, the results from this summer were mixed.').map((p) => p[1])).toEqual(['main']);
  });

  it('a span of years that measures an anniversary names it: attributive, no happening of its own', () => {
    const [span] = parts('The year 2031 is one of celebrations for Ruritania and Freedonia: the 40th anniversary of the Harbour Accord (1991–2031), and more.').filter((p) => p[0].startsWith('1991'));
    expect(span).toEqual(['1991–2031', 'attributive', '40th anniversary of the Harbour Accord (1991–2031)', '1991–2031']);
    // A span in a parenthesis that measures no anniversary still dates the words before it.
    expect(parts('The talks of Ruritania and Freedonia went on for years (1991–2001).')[0]![1]).toBe('main');
  });

  it('a count over a period whose clause holds the dated occurrences is a summary, not a third meeting', () => {
    const { rows } = read('Intro.\n\nThree times in the first half of 2031, the working group of the Meeting of Envoys met first in Vell on Feb. 3, then in Port Alde on April 9, and then in Orm on June 1.\n');
    expect(rows.map((r) => [r.date_label, r.event_type]).slice(0, 2)).toEqual([
      ['in the first half of 2031', 'other'],
      ['on Feb. 3', 'meeting'],
    ]);
    expect(rows).toHaveLength(4);
  });

  it('a date in the object of a warning verb ("warned of a crisis for Freedonia in 2032") makes no statement', () => {
    const { rows } = read('Intro.\n\nThat week the analyst Jan Novak warned of a grain crisis for Freedonia in 2032.\n');
    expect(rows.map((r) => [r.date_label, r.event_type, r.event_type_cue])).toEqual([['in 2032', 'other', null]]);
    // A noun cue is no verb with an object: the press conference of a ministry is dated.
    expect(read('Intro.\n\nAt the press conference of the Ruritanian ministry on May 5, 2031, the envoy spoke.\n').rows.map((r) => r.event_type)).toEqual(['statement']);
    // Dated outside the object, the warning is a statement.
    expect(read('Intro.\n\nIn May 2031 the analyst Jan Novak warned of a grain crisis.\n').rows.map((r) => r.event_type)).toEqual(['statement']);
  });
});
