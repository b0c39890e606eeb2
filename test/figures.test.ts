import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractNumbers } from '../pipeline/extract/numbers.ts';
import type { Row } from '../pipeline/lib/schema.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import { loadPropertyRules, loadUnits, lookUpUnit } from '../pipeline/lib/units.ts';
import { buildClaims } from '../pipeline/normalize/claims.ts';
import { loadVocabulary } from '../pipeline/lib/schema.ts';
import { ROOT } from './helpers.ts';

const units = loadUnits(path.join(ROOT, 'schema'), ROOT);
const rules = loadPropertyRules(path.join(ROOT, 'schema'), ROOT, units);

const numbers = (text: string) => extractNumbers({ id: 't', text: new IndexedText(text) }, units);
const claims = (text: string, events: Row[] = []) => buildClaims({ numbers: numbers(text), mentions: [], entityTypes: new Map(), events, pins: [], units, rules });
const claim = (text: string, words: string, events: Row[] = []) => {
  const rows = claims(text, events).rows.filter((r) => r.value_as_stated === words);
  expect(rows, `"${words}" in ${JSON.stringify(claims(text, events).rows.map((r) => r.value_as_stated))}`).toHaveLength(1);
  return rows[0]!;
};

describe('every unit family reads as data, with its quantity kind', () => {
  it.each([
    // [text, figure's words, canonical value, canonical unit, quantity kind, property]
    ['The flight lasted 12 hours.', '12 hours', 12, 'hours', 'time', 'duration'],
    ['They held a 48-hour drill.', '48-hour', 48, 'hours', 'time', 'duration'],
    ['The talks took three days.', 'three days', 3, 'days', 'time', 'duration'],
    ['The patrol took two weeks.', 'two weeks', 14, 'days', 'time', 'duration'],
    ['The deal took four months.', 'four months', 4, 'months', 'time', 'duration'],
    ['The plan runs for 10 years.', '10 years', 10, 'years', 'time', 'duration'],
    ['The plant has a 1,200-MW reactor.', '1,200-MW', 1_200_000_000, 'watts', 'power', 'power_capacity'],
    ['The line carries 500 megawatts.', '500 megawatts', 500_000_000, 'watts', 'power', 'power_capacity'],
    ['The grid adds 8.5 GW.', '8.5 GW', 8_500_000_000, 'watts', 'power', 'power_capacity'],
    ['The station has 40 kW.', '40 kW', 40_000, 'watts', 'power', 'power_capacity'],
    ['The dam sells 3 billion kWh.', '3 billion kWh', 3_000_000_000_000, 'watt_hours', 'energy', 'energy'],
    ['The dam sold 70 kilowatt-hours.', '70 kilowatt-hours', 70_000, 'watt_hours', 'energy', 'energy'],
    ['Russia sold 24 Su-35 fighters.', '24 Su-35 fighters', 24, 'count', 'military_hardware', 'aircraft'],
    ['It flew 600 aircraft.', '600 aircraft', 600, 'count', 'military_hardware', 'aircraft'],
    ['Two bombers flew.', 'Two bombers', 2, 'count', 'military_hardware', 'aircraft'],
    ['It sent 15 warships.', '15 warships', 15, 'count', 'military_hardware', 'warships'],
    ['It sent 3 ships and 2 vessels.', '2 vessels', 2, 'count', 'military_hardware', 'ships'],
    ['It sent one submarine.', 'one submarine', 1, 'count', 'military_hardware', 'ships'],
    ['It fielded 300 tanks.', '300 tanks', 300, 'count', 'military_hardware', 'equipment'],
    ['It fired 12 missiles.', '12 missiles', 12, 'count', 'military_hardware', 'missiles'],
    ['It flew 8 helicopters.', '8 helicopters', 8, 'count', 'military_hardware', 'aircraft'],
    ['It counted 5 persons.', '5 persons', 5, 'persons', 'people', 'participants'],
    ['It sent 1,600 troops.', '1,600 troops', 1600, 'persons', 'people', 'troops'],
    ['It sent 900 soldiers.', '900 soldiers', 900, 'persons', 'people', 'troops'],
    ['It sent 40 officials.', '40 officials', 40, 'persons', 'people', 'officials'],
    ['It sent 750 servicemen.', '750 servicemen', 750, 'persons', 'people', 'troops'],
    ['It sent 750 personnel.', '750 personnel', 750, 'persons', 'people', 'personnel'],
    ['It sent 60 delegates.', '60 delegates', 60, 'persons', 'people', 'participants'],
    ['It hosted 1,500 students.', '1,500 students', 1500, 'persons', 'people', 'people'],
    ['It hosted 2 million tourists.', '2 million tourists', 2_000_000, 'persons', 'people', 'people'],
    ['He made 11 separate trips to Asia.', '11 separate trips', 11, 'count', 'things', 'visits'],
    ['She paid three visits to Borvia.', 'three visits', 3, 'count', 'things', 'visits'],
    ['They held three summits.', 'three summits', 3, 'count', 'things', 'events'],
    ['They signed two meaty treaties.', 'two meaty treaties', 2, 'count', 'things', 'documents_signed'],
  ])('%s → "%s"', (text, words, canonical, unit, kind, property) => {
    expect(claim(text, words)).toMatchObject({ value_canonical: canonical, unit_canonical: unit, quantity_kind: kind, property });
  });

  it('gives every unit form a quantity kind of the kinds vocabulary', () => {
    const kinds = loadVocabulary(path.join(ROOT, 'schema', 'vocabularies', 'units_quantity_kinds.yaml'), ROOT).values.map((v) => v.value);
    expect(kinds).toEqual(units.quantityKinds);
    for (const form of units.forms.values()) expect(kinds, form.form).toContain(form.quantity_kind);
    expect(lookUpUnit(units, 'documents')!.quantity_kind).toBe('things');
    expect(lookUpUnit(units, 'destroyers')!.quantity_kind).toBe('military_hardware');
  });

  it('takes the last of a run of unit words as the unit ("guided missile destroyer")', () => {
    expect(claim('Three Russian ships and one Chinese guided missile destroyer sailed.', 'one Chinese guided missile destroyer')).toMatchObject({ property: 'ships' });
    expect(claim('They ran two missile defense computer simulations.', 'two missile defense computer simulations')).toMatchObject({ property: 'exercises', quantity_kind: 'things' });
    // A plural unit word, or a verb after it, ends the phrase.
    expect(claims('More than 10,000 soldiers began five-day drills.').rows.map((r) => [r.value_as_stated, r.property])).toEqual([
      ['10,000 soldiers', 'troops'],
      ['five-day', 'duration'],
    ]);
    expect(claim('Beijing sent 300 military vehicles.', '300 military vehicles')).toMatchObject({ property: 'equipment', quantity_kind: 'military_hardware' });
  });
});

describe('numbers inside names are never quantities', () => {
  it.each([
    ['an exercise X-2018', 'The X-2018 drill ended.', 'identifier'],
    ['Vostok-2018', 'Vostok-2018 was large.', 'identifier'],
    ['Peace Mission 2005', 'They held the Peace Mission 2005 exercise.', 'identifier'],
    ['G-8', 'The G-8 met.', 'identifier'],
    ['G20', 'The G20 met.', 'identifier'],
    ['Su-35', 'Russia sold the Su-35 to China.', 'identifier'],
    ['S-400', 'India bought the S-400 system.', 'identifier'],
    ['Center-2019', 'Center-2019 drills began.', 'identifier'],
    ['Tu-95', 'A Tu-95 flew.', 'identifier'],
    ['Joint Sea-2019', 'The Joint Sea-2019 exercise began.', 'identifier'],
    ['a year in an event’s name', 'Xi went to the 2019 APEC summit.', 'year'],
    ['a year before a unit word', 'Russia hosted the 2019 exercises.', 'year'],
    ['an article number', 'Under Article 5 of the treaty, it acted.', 'reference'],
    ['a resolution number', 'They cited resolution 2231 again.', 'reference'],
    ['the months the chapter covers', 'Relations warmed these past three months.', 'date'],
  ])('%s', (_, text, role) => {
    const found = numbers(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((f) => f.role)).toEqual(found.map(() => role));
    expect(claims(text).rows).toEqual([]);
  });

  it('still reads a figure after a sentence-initial or function word ("In 2019, 300 troops", "Some 150 events")', () => {
    expect(claims('In 2019, 300 troops came.').rows.map((r) => r.value_as_stated)).toEqual(['300 troops']);
    expect(claim('Some 150 events were held.', '150 events').qualifier).toBe('Some');
  });
});

describe('figures written as words and ordinals', () => {
  it.each([
    ['The deal took four months.', 'four months', 4, 'months', null],
    ['The pact lasts three years.', 'three years', 3, 'years', null],
    ['They paid a two-day visit.', 'two-day', 2, 'days', null],
    ['A dozen ships sailed.', 'A dozen ships', 12, 'count', null],
    ['Half a dozen tanks moved.', 'Half a dozen tanks', 6, 'count', null],
    ['In the last four months they met twice.', 'four months', 4, 'months', 'last'],
    ['Over the next three years, trade grows.', 'three years', 3, 'years', 'next'],
  ])('%s → "%s"', (text, words, value, unit, qualifier) => {
    expect(claim(text, words)).toMatchObject({ value, unit_canonical: unit, qualifier });
  });

  it('reads a part of a year ("the last four months of 2019") as a date: the time of its sentence, never a figure', () => {
    for (const text of ['In the last four months of 2019, they met twice.', 'The last four months of 2019 saw them meet twice.', 'A drill was held in the last four days of 2019.', 'Trade in the first six months of 2021 rose.']) {
      const out = claims(text);
      expect(out.rows.filter((r) => /months|days/.test(String(r.value_as_stated))), text).toEqual([]);
      // A date is no figure to curate either.
      expect(out.curation.filter((c) => /months|days|first/.test(c.surface)), text).toEqual([]);
      expect(numbers(text).filter((n) => n.role === 'quantity' && /months|days/.test(n.words)), text).toEqual([]);
    }
    expect(claim('The last four months of 2019 saw them meet twice.', 'twice')).toMatchObject({ time_label: 'The last four months of 2019', time_edtf: '2019-09/2019-12' });
    expect(claim('In the last four months of 2019, they met twice.', 'twice')).toMatchObject({ time_edtf: '2019-09/2019-12' });
  });

  it('keeps "hundreds of" as a qualifier over a lower bound, not as a value', () => {
    expect(claim('Hundreds of troops crossed.', 'Hundreds of troops')).toMatchObject({ value: 100, value_bound: 'lower_bound', qualifier: 'Hundreds of', property: 'troops' });
    expect(claim('Tens of thousands of soldiers took part.', 'Tens of thousands of soldiers')).toMatchObject({ value: 10_000, value_bound: 'lower_bound' });
  });

  it('makes "the two sides" and "the 24th meeting" no figure', () => {
    expect(claims('The two sides met at the 24th meeting and the last four meetings.').rows).toEqual([]);
  });

  it.each([
    // [text, figure's words, value, implied origin, cue]
    ['The year 2019 marks the 30th anniversary of normalization (1989–2019).', '30th anniversary', 30, '1989', 'range'],
    ['The year 2019 is the 70th anniversary of diplomatic ties.', '70th anniversary', 70, '1949', 'sentence_year'],
    ['In 2019, Moscow marked the seventieth anniversary of ties.', 'seventieth anniversary', 70, '1949', 'sentence_year'],
    ['In 2020, they mark the seventy-fifth anniversary of the victory.', 'seventy-fifth anniversary', 75, '1945', 'sentence_year'],
  ])('an anniversary: %s', (text, words, value, origin, cue) => {
    expect(claim(text, words)).toMatchObject({ value, unit_canonical: 'years', quantity_kind: 'time', property: 'anniversary', implied_origin: origin, implied_origin_cue: cue });
    const finding = numbers(text).find((n) => n.words === words)!;
    expect(finding.role).toBe('ordinal');
  });

  it('dates an anniversary by its chronology entry or its paragraph, and leaves it empty when nothing dates it', () => {
    const entry = 'Oct. 2, 2019: The presidents exchange messages for the 70th anniversary of ties.';
    const entryEvent = { event_id: 'ev-1', source_id: 't', section: 'chronology', span_start: 0, span_end: Array.from(entry).length, date_start: '2019-10-02', date_label: 'Oct. 2, 2019' };
    // The label's year is in the sentence; without it, the entry's date gives the year.
    const bare = 'The presidents exchange messages for the 70th anniversary of ties.';
    expect(claim(bare, '70th anniversary', [{ ...entryEvent, span_end: Array.from(bare).length }])).toMatchObject({ implied_origin: '1949', implied_origin_cue: 'chronology_entry' });
    expect(claim(entry, '70th anniversary', [entryEvent])).toMatchObject({ implied_origin: '1949' });

    const para = 'Putin met Xi on Sept. 18. He spoke of the 70th anniversary of ties.';
    const second = para.indexOf('He');
    const narrative = { event_id: 'ev-2', source_id: 't', section: 'narrative', span_start: 0, span_end: second - 1, date_start: '2019-09-18', date_label: 'on Sept. 18' };
    expect(claim(para, '70th anniversary', [narrative])).toMatchObject({ implied_origin: '1949', implied_origin_cue: 'paragraph_event' });

    // A date written after it in its sentence may govern another clause: it gives no year, and nothing before it does.
    const later = 'Xi stressed the 70th anniversary of ties, and the years from 2020 to 2021 of science.';
    const laterEvent = { event_id: 'ev-3', source_id: 't', section: 'narrative', span_start: 0, span_end: Array.from(later).length, date_start: '2020-01-01', date_label: 'from 2020 to 2021' };
    expect(claim(later, '70th anniversary', [narrative, laterEvent])).toMatchObject({ implied_origin: null, implied_origin_cue: null });
    expect(claim('He spoke of the 70th anniversary of ties.', '70th anniversary')).toMatchObject({ implied_origin: null });
  });

  it('goes on to the paragraph\'s event when its own sentence dates only what comes after it', () => {
    // The cues are tried in order: "from 2021 to 2022" stands after the anniversary, so the dated sentence before it gives the year.
    const text = 'The envoys met in Tallinn on Oct. 3. They hailed the 40th anniversary of the accord and planned joint studies from 2021 to 2022.';
    const second = text.indexOf('They');
    const met = { event_id: 'ev-4', source_id: 't', section: 'narrative', span_start: 0, span_end: second - 1, date_start: '2020-10-03', date_label: 'on Oct. 3' };
    const own = { event_id: 'ev-5', source_id: 't', section: 'narrative', span_start: second, span_end: Array.from(text).length, date_start: '2021-01-01', date_label: 'from 2021 to 2022' };
    expect(claim(text, '40th anniversary', [met, own])).toMatchObject({ implied_origin: '1980', implied_origin_cue: 'paragraph_event' });
    // Events of its own sentence before it that disagree on the year leave it to the curator, not to the paragraph.
    const split = 'The envoys met in Tallinn on Oct. 3. After talks on May 3 and a visit on June 4, they hailed the 40th anniversary of the accord.';
    const at = split.indexOf('After');
    const end = Array.from(split).length;
    const may = { event_id: 'ev-6', source_id: 't', section: 'narrative', span_start: at, span_end: end, date_start: '2019-05-03', date_label: 'on May 3' };
    const june = { event_id: 'ev-7', source_id: 't', section: 'narrative', span_start: at, span_end: end, date_start: '2020-06-04', date_label: 'on June 4' };
    expect(claim(split, '40th anniversary', [{ ...met, span_end: at - 1 }, may, june])).toMatchObject({ implied_origin: null, implied_origin_cue: null });
  });
});

describe('a span of time measured to a happening the paragraph reported is that event\'s', () => {
  const types = new Map([['vell', 'person'], ['kasso', 'person'], ['anna-sorr', 'person']]);
  const cp = (text: string, at: number) => Array.from(text.slice(0, at)).length;
  // The figure "six days" of a two-sentence paragraph, with the mentions of its names and the dated event of its first sentence.
  const run = (text: string) => {
    const second = text.indexOf('Vell wrote');
    const mentions: Row[] = [];
    for (const [id, word] of [['vell', 'Vell'], ['kasso', 'Kasso'], ['anna-sorr', 'Anna Sorr']] as const) {
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) mentions.push({ entity_id: id, source_id: 't', mention_kind: 'name', span_start: cp(text, at), span_end: cp(text, at) + word.length });
    }
    const event = { event_id: 'ev-20200304-aaaaaaaa', source_id: 't', section: 'narrative', span_start: 0, span_end: cp(text, second - 1), date_start: '2020-03-04', date_label: 'on March 4', evidence: text.slice(0, second - 1) };
    return buildClaims({ numbers: numbers(text), mentions, entityTypes: types, events: [event], pins: [], units, rules }).rows.find((r) => r.value_as_stated === 'six days')!;
  };
  const text = 'Vell held a meeting with the Borvian premier Kasso in Tallinn on March 4. Vell wrote to Anna Sorr six days before his meeting with Kasso that the talks would go well.';

  it('takes the earlier event whose sentence has the head noun and every entity the phrase names', () => {
    expect(run(text)).toMatchObject({ property: 'elapsed_time', subject_id: 'ev-20200304-aaaaaaaa', subject_table: 'events', subject_rule: 'time_relation' });
    expect(run(text.replace('a meeting with', 'two meetings with'))).toMatchObject({ subject_id: 'ev-20200304-aaaaaaaa' });
  });

  it('takes, of two dated events of one sentence, the one whose date follows the names', () => {
    const two = 'Vell held a meeting with the Borvian premier Kasso on March 4 and a meeting with Anna Sorr in May. Vell wrote to Anna Sorr six days before his meeting with Kasso that the talks would go well.';
    const second = two.indexOf('Vell wrote');
    const mentions: Row[] = [];
    for (const [id, word] of [['vell', 'Vell'], ['kasso', 'Kasso'], ['anna-sorr', 'Anna Sorr']] as const) {
      for (let at = two.indexOf(word); at >= 0; at = two.indexOf(word, at + 1)) mentions.push({ entity_id: id, source_id: 't', mention_kind: 'name', span_start: at, span_end: at + word.length });
    }
    const sentence = { source_id: 't', section: 'narrative', span_start: 0, span_end: second - 1, evidence: two.slice(0, second - 1) };
    const events = [
      { ...sentence, event_id: 'ev-20200304-aaaaaaaa', date_start: '2020-03-04', date_label: 'on March 4' },
      { ...sentence, event_id: 'ev-20200501-bbbbbbbb', date_start: '2020-05-01', date_label: 'in May' },
    ];
    const rows = (evs: Row[]) => buildClaims({ numbers: numbers(two), mentions, entityTypes: types, events: evs, pins: [], units, rules }).rows.find((r) => r.value_as_stated === 'six days')!;
    expect(rows(events).subject_id).toBe('ev-20200304-aaaaaaaa');
    expect(rows([...events].reverse()).subject_id).toBe('ev-20200304-aaaaaaaa');
  });

  it('takes none when the earlier sentence names another happening, or the phrase names no one it names', () => {
    expect(run(text.replace('a meeting with', 'a call with')).subject_id).toBeNull();
    expect(run(text.replace('his meeting with Kasso', 'his meeting at noon')).subject_id).toBeNull();
    expect(run(text.replace('his meeting with Kasso', 'his meeting with Anna Sorr')).subject_id).toBeNull();
  });
});

describe('qualifiers stay qualifiers, and the value the printed number', () => {
  it.each([
    ['almost', 'approximate'],
    ['nearly', 'approximate'],
    ['about', 'approximate'],
    ['around', 'approximate'],
    ['more than', 'lower_bound'],
    ['over', 'lower_bound'],
    ['up to', 'upper_bound'],
    ['at least', 'lower_bound'],
    ['less than', 'upper_bound'],
    ['some', 'approximate'],
  ])('"%s 130 troops"', (qualifier, bound) => {
    expect(claim(`The drill had ${qualifier} 130 troops.`, '130 troops')).toMatchObject({ value: 130, value_canonical: 130, qualifier, value_bound: bound });
  });

  it('reads a qualifier before a number word too ("nearly two weeks")', () => {
    expect(claim('The voyage took nearly two weeks.', 'two weeks')).toMatchObject({ value: 2, value_canonical: 14, qualifier: 'nearly', value_bound: 'approximate' });
  });
});

describe('what the rules find but cannot read goes to the curator list', () => {
  it('lists a figure with an unknown unit, or none, and makes no row of it', () => {
    const out = claims('They counted hundreds of them, a dozen, and 40 yurts.');
    expect(out.rows).toEqual([]);
    expect(out.curation.map((c) => [c.kind, c.surface])).toEqual([
      ['unknown_unit', 'hundreds of them'],
      ['unknown_unit', 'a dozen'],
      ['unknown_unit', '40 yurts'],
    ]);
  });

  it('lists a figure no rule attaches, with its row left without a subject', () => {
    const out = claims('It lasted 12 hours.');
    expect(out.rows.map((r) => [r.value_as_stated, r.subject_id])).toEqual([['12 hours', null]]);
    expect(out.curation).toMatchObject([{ kind: 'unattached_number', surface: '12 hours' }]);
  });
});

describe('a window after the time the text speaks of is a period, not a duration', () => {
  it.each([
    ['In the next three years, Borvia held four naval drills.', 'three years'],
    ['During the following two months, the envoys met twice.', 'two months'],
    ['The two navies will hold a drill within six months.', 'six months'],
    ['Within the coming five years, the line will be built.', 'five years'],
  ])('"%s": "%s" says when, with no subject and no time of its own', (text, words) => {
    expect(claim(text, words)).toMatchObject({ property: 'period', subject_id: null, time_label: null, time_edtf: null });
  });

  it('a span that something lasts stays a duration ("for the next 30 years", "a four-month drill")', () => {
    expect(claim('The pipeline will carry gas for the next 30 years.', '30 years').property).not.toBe('period');
    expect(claim('Borvia held a four-month drill.', 'four-month').property).toBe('duration');
  });
});

describe('people counted by a demonym, and whose things are counted', () => {
  const text = 'Genron polled 1,000 Borvians, and 300 Borvians companies replied. The Borvian Coast Guard sent two Borvian Coast Guard ships.';
  const at = (words: string, from = 0) => Array.from(text.slice(0, text.indexOf(words, from))).length;
  const mention = (entity_id: string, words: string, mention_kind: string, from = 0) => ({ entity_id, source_id: 't', span_start: at(words, from), span_end: at(words, from) + Array.from(words).length, mention_kind, surface: words });
  const mentions: Row[] = [
    mention('genron', 'Genron', 'name'),
    mention('borvia', 'Borvians', 'demonym'),
    mention('borvia', 'Borvians', 'demonym', text.indexOf('300')),
    mention('coast-guard', 'Borvian Coast Guard', 'name', text.indexOf('two')),
  ];
  const types = new Map([['genron', 'organization'], ['borvia', 'state'], ['coast-guard', 'armed_force']]);
  const rows = buildClaims({ numbers: numbers(text), mentions, entityTypes: types, events: [], pins: [], units, rules }).rows;

  it('reads a count of a state\'s demonym standing alone as people, and its subject as the sentence gives it', () => {
    expect(rows.find((r) => r.value_as_stated === '1,000 Borvians')).toMatchObject({ unit_canonical: 'persons', property: 'people', subject_id: 'genron' });
    // A demonym before a noun is an adjective of the things counted, which no form here names.
    expect(rows.some((r) => String(r.value_as_stated).startsWith('300'))).toBe(false);
  });

  it('takes a body named between the number and its unit as whose things they are', () => {
    expect(rows.find((r) => r.value_as_stated === 'two Borvian Coast Guard ships')).toMatchObject({ property: 'ships', subject_id: 'coast-guard', subject_rule: 'modified_noun' });
  });
});
