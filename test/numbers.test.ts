import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractNumbers } from '../pipeline/extract/numbers.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import { loadPropertyRules, loadUnits } from '../pipeline/lib/units.ts';
import { buildClaims } from '../pipeline/normalize/claims.ts';
import { pySlice, ROOT } from './helpers.ts';

const units = loadUnits(path.join(ROOT, 'schema'), ROOT);
const rules = loadPropertyRules(path.join(ROOT, 'schema'), ROOT, units);

const numbers = (text: string) => extractNumbers({ id: 't', text: new IndexedText(text) }, units);
const claims = (text: string) => buildClaims({ numbers: numbers(text), mentions: [], entityTypes: new Map(), events: [], pins: [], units, rules });
const claim = (text: string, words: string) => {
  const row = claims(text).rows.find((r) => r.value_as_stated === words);
  if (!row) throw new Error(`no claim "${words}" in ${JSON.stringify(claims(text).rows.map((r) => r.value_as_stated))}`);
  return row;
};

describe('figures: their words, value and canonical unit', () => {
  it.each([
    // [text, figure's words, value, unit as stated, canonical value, canonical unit, property]
    ['the 3,000-km, 38-bcm “Power of Siberia” gas line went into operation.', '3,000-km', 3000, 'km', 3_000_000, 'metres', 'length'],
    ['the 3,000-km, 38-bcm “Power of Siberia” gas line went into operation.', '38-bcm', 38, 'bcm', 38_000_000_000, 'cubic_metres_per_year', 'annual_capacity'],
    ['The same was true for the 8,000-km “Power of Siberia” gas line.', '8,000-km', 8000, 'km', 8_000_000, 'metres', 'length'],
    ['First proposed in 2007, the 2,200-meter rail bridge did not complete its link.', '2,200-meter', 2200, 'meter', 2200, 'metres', 'length'],
    ['The \\$400 billion pipeline will alleviate thirst.', '$400 billion', 400, '$ billion', 400_000_000_000, 'us_dollars', 'cost'],
    ['Trade volume (more than [\\\\$112 billion](#) in 2018) had surpassed it.', '$112 billion', 112, '$ billion', 112_000_000_000, 'us_dollars', 'trade'],
    ['The drills involved almost 130,000 soldiers, 20,000 pieces of equipment, 600 aircraft, and 15 warships.', '130,000 soldiers', 130000, 'soldiers', 130000, 'persons', 'troops'],
    ['The drills involved almost 130,000 soldiers, 20,000 pieces of equipment, 600 aircraft, and 15 warships.', '20,000 pieces of equipment', 20000, 'pieces of equipment', 20000, 'count', 'equipment'],
    ['The drills involved almost 130,000 soldiers, 20,000 pieces of equipment, 600 aircraft, and 15 warships.', '600 aircraft', 600, 'aircraft', 600, 'count', 'aircraft'],
    ['The drills involved almost 130,000 soldiers, 20,000 pieces of equipment, 600 aircraft, and 15 warships.', '15 warships', 15, 'warships', 15, 'count', 'warships'],
    ["As the largest importer, [43%](#) of China's oil imports goes through the Strait.", '43%', 43, '%', 43, 'percent', 'share'],
    ['China became the largest importer of oil (440 million tons) and gas (125.4 bcm).', '440 million tons', 440, 'million tons', 440_000_000, 'tonnes', 'imports'],
    ['China became the largest importer of oil (440 million tons) and gas (125.4 bcm).', '125.4 bcm', 125.4, 'bcm', 125_400_000_000, 'cubic_metres', 'imports'],
    ['The line will provide China with 38 billion cbm per year, or 30% of China’s annual gas import.', '38 billion cbm per year', 38, 'billion cbm per year', 38_000_000_000, 'cubic_metres_per_year', 'annual_capacity'],
    ['The line will provide China with 38 billion cbm per year, or 30% of China’s annual gas import.', '30%', 30, '%', 30, 'percent', 'share'],
    ['The pipeline, with an annual capacity of 380 billion cubic meters (bcm) of gas for 30 years, opened.', '380 billion cubic meters', 380, 'billion cubic meters', 380_000_000_000, 'cubic_metres_per_year', 'annual_capacity'],
    ['Twenty-four documents were signed at the end of the meeting.', 'Twenty-four documents', 24, 'documents', 24, 'count', 'documents_signed'],
    ['Iran, a country with a one-thousand-year-old civilization, objected.', 'one-thousand-year-old', 1000, 'year-old', 1000, 'years', 'age'],
    ['The bridge took just 12 years, or half of the time, of the other.', 'half', 0.5, null, 50, 'percent', 'share'],
    ['Located 450 km downstream from the river, the bridge stands.', '450 km', 450, 'km', 450_000, 'metres', 'distance'],
    ['They conduct a four-day naval exercise.', 'four-day', 4, 'day', 4, 'days', 'duration'],
    ['Three Russian ships, two South African ships, and one Chinese ship join the drills.', 'one Chinese ship', 1, 'ship', 1, 'count', 'ships'],
  ])('%s → "%s"', (text, words, value, unitAsStated, canonical, unit, property) => {
    expect(claim(text, words)).toMatchObject({ value, unit_as_stated: unitAsStated, value_canonical: canonical, unit_canonical: unit, property });
  });

  it('reads no figure out of a range of two ("over 6-7 years", "10–12 ships")', () => {
    expect(claims('A bill that would be paid over 6-7 years, with 10–12 ships and 20 tanks.').rows.map((c) => c.value_as_stated)).toEqual(['20 tanks']);
  });

  it('keeps the escaping backslashes of a dollar in the evidence, and shows the dollar as printed', () => {
    const one = claim('The \\$400 billion pipeline opened.', '$400 billion');
    expect(one.evidence).toBe('\\$400 billion');
    const two = claim('Trade (more than [\\\\$112 billion](#) in 2018) grew.', '$112 billion');
    expect(two.evidence).toBe('\\\\$112 billion');
    expect(two).toMatchObject({ qualifier: 'more than', value_bound: 'lower_bound', time_label: '2018', time_edtf: '2018' });
  });

  it('reads qualifiers, rates and the span a rate holds for', () => {
    expect(claim('The drills involved almost 130,000 soldiers.', '130,000 soldiers')).toMatchObject({ qualifier: 'almost', value_bound: 'approximate' });
    expect(claim('The pipeline, with an annual capacity of 380 billion cubic meters (bcm) of gas to China for 30 years, opened.', '380 billion cubic meters')).toMatchObject({
      qualifier: 'annual; for 30 years',
    });
    expect(claim('the 3,000-km, 38-bcm “Power of Siberia” gas line went into operation.', '38-bcm').qualifier).toBe('per year (implied)');
    expect(claim('Some 150 events would be held.', '150 events')).toMatchObject({ qualifier: 'Some', value_bound: 'approximate', property: 'events' });
    expect(claim('It was less than half of that for the drill.', 'half')).toMatchObject({ qualifier: 'less than', value_bound: 'upper_bound' });
  });

  it('gives a figure the time its sentence states, pairing "respectively" lists in order', () => {
    const text = 'In 2017 and 2018, China became the largest importer of oil (440 million tons) and gas (125.4 bcm), respectively.';
    expect(claim(text, '440 million tons').time_edtf).toBe('2017');
    expect(claim(text, '125.4 bcm').time_edtf).toBe('2018');
    expect(claim('From Sept. 16–21, 2019, the military held drills for almost 130,000 soldiers.', '130,000 soldiers')).toMatchObject({
      time_label: 'Sept. 16–21, 2019',
      time_edtf: '2019-09-16/2019-09-21',
    });
  });

  it('gives a figure that modifies a noun no time from the date opening its clause', () => {
    // "five-year" names the plan; "In 2015" dates when it was adopted, not a time the five years hold.
    expect(claim('In 2015, Borvia adopted a five-year plan for rail links with Lorvia.', 'five-year')).toMatchObject({ time_label: null, time_edtf: null });
    expect(claim('In the first half of 2015, Borvia laid a 300-km cable to the islands.', '300-km')).toMatchObject({ time_label: null, time_edtf: null });
    // A figure that counts takes the opening date.
    expect(claim('In 2015, Borvia sent 400 soldiers to Lorvia.', '400 soldiers')).toMatchObject({ time_label: '2015', time_edtf: '2015' });
  });

  it('keeps code-point spans right after emoji and CJK Extension B', () => {
    const text = '😀 The 𠀀 drill had 3 ships 🌊 and [750](#) men from 𠀀 Borvia.';
    const rows = claims(text).rows;
    expect(rows.map((r) => r.value_as_stated)).toEqual(['3 ships', '750 men']);
    for (const r of rows) expect(pySlice(text, r.span_start as number, r.span_end as number)).toBe(r.evidence);
    expect(rows[1]!.evidence).toBe('750](#) men');
  });
});

describe('numbers that are not quantities', () => {
  it.each([
    ['an ordinal', 'Li traveled to the 24th meeting, the 70th session and the 5th Eastern Economic Forum.', 'ordinal'],
    ['a year', 'Construction started in 2016 and ends in mid-2021, after the 2014 crisis.', 'year'],
    ['a date', 'On Sept. 16, and again on Oct. 31-Nov. 1 and between Dec. 27 and 30, they met.', 'date'],
    ['a name or code', 'Center-2019, the G20, a track-2 platform and Channel One are names.', 'identifier'],
    ['a reference', 'See Vol. 21, No. 3, pp 129–142.', 'reference'],
    ['a number after a determiner', 'The two sides met at the last four meetings, as the two countries had agreed.', 'determined'],
    ['a pronoun', 'One of the highlights was that one has to support the other.', 'pronoun'],
    ['an adjective', 'A two-way trade grew.', 'adjective'],
  ])('%s', (_, text, role) => {
    const found = numbers(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.role === role), JSON.stringify(found.map((f) => [f.words, f.role]))).toBe(true);
    expect(claims(text).rows).toEqual([]);
  });

  it('a number whose unit the vocabulary does not know goes to the curator list, not into a guess', () => {
    const out = claims('China offered 1,000 free cataract surgeries, and the figure (3,500) stood alone.');
    expect(out.rows).toEqual([]);
    expect(out.found).toBe(2);
    expect(out.curation).toMatchObject([
      { kind: 'unknown_unit', surface: '1,000 free cataract surgeries', line: 1 },
      { kind: 'unknown_unit', surface: '3,500', line: 1 },
    ]);
    expect(out.curation[0]!.reason).toContain('free cataract surgeries');
  });
});

describe('a scale joined by a hyphen, modifiers joined by "and", and a year after a hyphenated name', () => {
  it('reads "N-million <unit>" as a scaled figure of that unit, modifying the noun after a singular unit', () => {
    expect(claim('Borvia keeps a 1.5-million person army on its border.', '1.5-million person')).toMatchObject({ value: 1.5, unit_as_stated: 'million person', value_canonical: 1_500_000, unit_canonical: 'persons' });
    expect(numbers('Borvia keeps a 1.5-million person army on its border.')[0]).toMatchObject({ attributive: true });
    expect(claim('The port shipped 2-billion tons of ore.', '2-billion tons')).toMatchObject({ value_canonical: 2_000_000_000, unit_canonical: 'tonnes' });
    // A hyphenated scale with no unit after it stays for the curator.
    expect(claims('The 3-million mark was passed.').curation).toMatchObject([{ kind: 'unknown_unit', surface: '3-million' }]);
  });

  it('reads two modifiers joined by "and" or "or" before the unit as the unit\'s modifiers', () => {
    expect(claim('The envoys signed 12 energy and transport agreements at the forum.', '12 energy and transport agreements')).toMatchObject({ value: 12, unit_as_stated: 'agreements', property: 'documents_signed' });
    expect(claim('They drafted nine legal or technical documents.', 'nine legal or technical documents')).toMatchObject({ value: 9, unit_as_stated: 'documents' });
    // A second number or a capitalized word after "and" is another figure or a party, not a modifier.
    expect(claims('They sent 3 naval and 2 air units.').rows.map((r) => r.value_as_stated)).toEqual([]);
  });

  it('takes a year after a hyphenated name for part of the name ("Steppe-shield 2020")', () => {
    const found = numbers('In May, Borvia hosted the Steppe-shield 2020 border exercise.');
    expect(found.find((f) => f.number === '2020')?.role).toBe('identifier');
    expect(claims('In May, Borvia hosted the Steppe-shield 2020 border exercise.').rows).toEqual([]);
  });

  it('ends the thing a span is measured from at a word that opens a clause', () => {
    const f = numbers('He wrote two days before his meeting with Vell that all was well.').find((n) => n.words === 'two days')!;
    expect(f.relation_phrase?.text).toBe('his meeting with Vell');
  });
});

describe('a number joined to its unit by a hyphen after a determiner', () => {
  it('measures the noun after it ("its five-megawatt reactor", "the three-day visit"), where a bare number after "its" is no figure', () => {
    expect(claim('Borvia removed rods from its five-megawatt reactor.', 'five-megawatt')).toMatchObject({ value: 5, value_canonical: 5000000, unit_canonical: 'watts' });
    expect(claim('The three-day visit ended in Kestra.', 'three-day')).toMatchObject({ value: 3, unit_canonical: 'days' });
    expect(claims('Borvia and its two neighbours met.').rows).toEqual([]);
    // A counting noun after the hyphen names a kind of thing: "the two-state solution" counts nothing.
    expect(claims('Borvia backs the two-state solution.').rows).toEqual([]);
  });
});


describe('"a" as one unit of time', () => {
  it('is a figure after a qualifier ("less than a week later", "almost a year’s stalemate"), and not alone', () => {
    expect(claim('Less than a week later, the hopes of Borvia were dashed.', 'a week')).toMatchObject({ value: 1, value_bound: 'upper_bound' });
    expect(claim('Talks resumed after almost a year’s stalemate.', 'a year’s')).toMatchObject({ value: 1, unit_canonical: 'years', value_bound: 'approximate' });
    expect(claims('He stayed in Kestra for a week.').rows).toEqual([]);
  });
});

describe('a part of a counted whole', () => {
  it('is counted in the whole\'s unit ("46 of the 106 sailors"), and both are figures', () => {
    expect(claim('Only 46 of the 106 sailors survived.', '46')).toMatchObject({ value: 46, unit_canonical: 'persons' });
    expect(claim('Only 46 of the 106 sailors survived.', '106 sailors')).toMatchObject({ value: 106, unit_canonical: 'persons' });
  });
});

describe('currencies other than the dollar', () => {
  it('are each kept in their own currency, with no exchange rate applied', () => {
    expect(claim('Japan would pay at least $26 billion (about ¥3 trillion) as its share.', '¥3 trillion')).toMatchObject({ value_canonical: 3e12, unit_canonical: 'japanese_yen', quantity_kind: 'money', value_bound: 'approximate' });
    expect(claim('Seoul pledged 1.5 trillion won in aid.', '1.5 trillion won')).toMatchObject({ value_canonical: 1.5e12, unit_canonical: 'korean_won' });
    expect(claim('The deal is worth 10 billion yuan.', '10 billion yuan')).toMatchObject({ unit_canonical: 'chinese_yuan' });
    expect(claim('Some 8,000 marines will move to Guam.', '8,000 marines')).toMatchObject({ value: 8000, unit_canonical: 'persons' });
  });
});

describe('counts of an election and of a court', () => {
  it('count votes, seats and cases', () => {
    expect(claim('Koizumi won 399 of 657 votes cast.', '399')).toMatchObject({ value: 399, unit_canonical: 'count' });
    expect(claim('The U.S. filed two cases at the WTO.', 'two cases')).toMatchObject({ value: 2, unit_canonical: 'count' });
    expect(claims('In some cases, it failed.').rows).toEqual([]);
  });
});
