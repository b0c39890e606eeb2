import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE, ARTICLE_ID, buildInto, copySources, pySlice, readJsonlFile, ROOT, tempPaths } from './helpers.ts';
import { readCsv } from './load.ts';

// A fresh build of the sources, read as a user reads the release (the e2e
// test proves the committed release equals a fresh build): the rules are
// checked on what the code makes now, not on the last committed release.
let claims: Record<string, string>[] = [];
let conflicts: Record<string, string>[] = [];
const article = readFileSync(ARTICLE, 'utf8');
let build = '';

beforeAll(async () => {
  // Sources copied apart from the project: the last release's audit judges that release's rows, not these.
  const paths = tempPaths(copySources([path.join(ROOT, 'sources', 'cc-21-3-china-russia'), path.join(ROOT, 'sources', 'registry')]));
  const { releaseDir } = await buildInto(paths);
  build = paths.build;
  // Only the article's rows: the sources folder may hold other chapters.
  claims = readCsv(path.join(releaseDir, 'claims.csv')).filter((c) => c.source_id === ARTICLE_ID);
  conflicts = readCsv(path.join(releaseDir, 'conflicts.csv')).filter((c) => c.source_id === ARTICLE_ID);
}, 120_000);

const one = (words: string, section: string) => {
  const rows = claims.filter((c) => c.value_as_stated === words && c.section === section);
  expect(rows, `${words} in the ${section}`).toHaveLength(1);
  return rows[0]!;
};

describe('the claims of the article', () => {
  it.each([
    // figure's words, section, value, canonical value, canonical unit, property, subject
    ['3,000-km', 'narrative', '3000', '3000000', 'metres', 'length', 'power-of-siberia'],
    ['38-bcm', 'narrative', '38', '38000000000', 'cubic_metres_per_year', 'annual_capacity', 'power-of-siberia'],
    ['8,000-km', 'narrative', '8000', '8000000', 'metres', 'length', 'power-of-siberia'],
    ['$400 billion', 'narrative', '400', '400000000000', 'us_dollars', 'cost', 'power-of-siberia'],
    ['380 billion cubic meters', 'narrative', '380', '380000000000', 'cubic_metres_per_year', 'annual_capacity', 'power-of-siberia'],
    ['2,200-meter', 'narrative', '2200', '2200', 'metres', 'length', 'nizhneleninskoye-tongjiang-rail-bridge'],
    ['130,000 soldiers', 'narrative', '130000', '130000', 'persons', 'troops', 'center-2019'],
    ['130,000 soldiers', 'chronology', '130000', '130000', 'persons', 'troops', 'center-2019'],
    ['43%', 'narrative', '43', '43', 'percent', 'share', 'china'],
    ['440 million tons', 'narrative', '440', '440000000', 'tonnes', 'imports', 'china'],
    ['125.4 bcm', 'narrative', '125.4', '125400000000', 'cubic_metres', 'imports', 'china'],
    ['$112 billion', 'narrative', '112', '112000000000', 'us_dollars', 'trade', 'brazil'],
    ['38 billion cbm per year', 'chronology', '38', '38000000000', 'cubic_metres_per_year', 'annual_capacity', 'power-of-siberia'],
    ['30%', 'chronology', '30', '30', 'percent', 'share', 'china'],
    ['3,000-km', 'chronology', '3000', '3000000', 'metres', 'length', 'power-of-siberia'],
    // A contingent is the exercise's (its sender is the party: see "figures read in their own clause").
    ['1,600 troops', 'narrative', '1600', '1600', 'persons', 'troops', 'center-2019'],
    ['1,600 troops', 'chronology', '1600', '1600', 'persons', 'troops', 'center-2019'],
    ['95,000 troops', 'narrative', '95000', '95000', 'persons', 'troops', 'center-2015'],
    ['Twenty-four documents', 'narrative', '24', '24', 'count', 'documents_signed', 'ev-20190916-435c3b5c'],
  ])('"%s" (%s): %s → %s %s, %s of %s', (words, section, value, canonical, unit, property, subject) => {
    expect(one(words, section)).toMatchObject({ value, value_canonical: canonical, unit_canonical: unit, property, subject_id: subject });
  });

  it('shows a dollar as printed and keeps its escape in the evidence', () => {
    expect(one('$400 billion', 'narrative').evidence).toBe('\\$400 billion');
    expect(one('$112 billion', 'narrative')).toMatchObject({ evidence: '\\\\$112 billion', qualifier: 'more than', value_bound: 'lower_bound', time_edtf: '2018' });
  });

  it('reads qualifiers, rates, scopes and times as the text gives them', () => {
    expect(one('130,000 soldiers', 'narrative')).toMatchObject({ qualifier: 'almost', value_bound: 'approximate', time_edtf: '2019-09-16/2019-09-21' });
    expect(one('380 billion cubic meters', 'narrative').qualifier).toBe('annual; for 30 years');
    expect(one('38-bcm', 'narrative').qualifier).toBe('per year (implied)');
    expect(one('43%', 'narrative').scope).toBe("of China's oil imports");
    expect(one('30%', 'chronology').scope).toBe('of China’s annual gas import');
    expect(one('440 million tons', 'narrative').time_edtf).toBe('2017');
    expect(one('125.4 bcm', 'narrative').time_edtf).toBe('2018');
  });

  it('attaches figures by the documented rules, and counts parties apart', () => {
    expect(one('8,000-km', 'narrative').subject_rule).toBe('modified_noun');
    expect(one('2,200-meter', 'narrative').subject_rule).toBe('definite_description');
    expect(one('3,000-km', 'chronology').subject_rule).toBe('definite_description');
    expect(one('43%', 'narrative').subject_rule).toBe('of_phrase');
    // "750 personnel attended from Pakistan, India, …" in the Center-2019 entry: the exercise's contingent, of several states (no party); its entry stays its event.
    expect(one('750 personnel', 'chronology')).toMatchObject({ subject_id: 'center-2019', subject_rule: 'contingent', party_id: '', property: 'personnel', event_id: 'ev-20190916-e0ed69c1' });
    const ships = claims.filter((c) => c.section === 'chronology' && c.property === 'ships');
    expect(ships.map((c) => [c.value_canonical, c.party_id])).toEqual([['3', 'russia'], ['2', 'south-africa'], ['1', 'china']]);
    expect(new Set(ships.map((c) => c.subject_id)).size).toBe(1);
    expect(one('3,500', 'narrative')).toMatchObject({ subject_id: 'east-2018', subject_rule: 'curated', property: 'personnel', party_id: 'china', unit_canonical: 'persons' });
  });

  it('reads its anniversaries with their implied origins, and its spans of time in words', () => {
    const anniversaries = claims.filter((c) => c.property === 'anniversary');
    expect(anniversaries.map((c) => [c.value_as_stated, c.implied_origin, c.implied_origin_cue])).toEqual([
      ['70th anniversary', '1949', 'paragraph_event'], // "Referring to the 70th anniversary …", after "on Sept. 18" (2019)
      ['70th anniversary', '1949', 'paragraph_event'], // its sentence's only date ("from 2020 to 2021") comes after it: the Nov. 14 summit before it
      ['75th anniversary', '1945', 'paragraph_event'], // the end of World War II, after "from January 1, 2020"
      ['30th anniversary', '1989', 'range'],
      ['70th anniversary', '1949', 'sentence_year'],
      ['100th anniversary', '1919', 'sentence_year'],
      ['400th anniversary', '1619', 'sentence_year'],
      ['70th anniversary', '1949', 'sentence_year'],
      ['70th anniversary', '1949', 'sentence_year'],
    ]);
    for (const c of anniversaries) expect(c).toMatchObject({ unit_canonical: 'years', quantity_kind: 'time' });
    const spans = claims.filter((c) => /^(?:two|three|four|five) (?:days|months|years)$/.test(String(c.value_as_stated)) && /^(?:last|next)$/.test(String(c.qualifier)));
    expect(spans.map((c) => `${c.qualifier} ${c.value_as_stated}`)).toEqual(['next three years', 'next five years', 'next two years', 'next two years']);
    // "The last four months of 2019", "in the last four days of 2019": parts of a year, dates of their sentence, no figure.
    expect(claims.filter((c) => c.qualifier === 'last').map((c) => c.value_as_stated)).toEqual([]);
    // "in the next two years" is a window after the time the text speaks of: when, not how long; its start the words do not fix.
    expect(claims.filter((c) => c.property === 'period').map((c) => [c.value_as_stated, c.subject_id, c.time_edtf])).toEqual([['two years', '', ''], ['two years', '', '']]);
    expect(claims.filter((c) => c.property === 'duration' && c.qualifier === 'next').map((c) => c.value_as_stated)).toEqual(['three years', 'five years']);
    // "On Jan. 2, 2020, three days after the Iran-China-Russia naval drills, …": the time since the drills.
    const elapsed = claims.filter((c) => c.value_as_stated === 'three days' && c.property === 'elapsed_time');
    expect(elapsed.map((c) => [c.subject_id, c.subject_table, c.subject_rule])).toEqual([
      // "Lavrov … publicly said three days later …": later than the Dec. 19 news conference of the sentence before.
      ['ev-20191219-fa8e03e0', 'events', 'time_relation'],
      ['iran-russia-china-naval-exercise-2019', 'entities', 'time_relation'],
    ]);
    // "Lavrov told his Chinese counterpart four days before his meeting with Trump …": the Dec. 10 meeting of an earlier sentence, not the September one beside it.
    expect(claims.filter((c) => c.value_as_stated === 'four days' && c.property === 'elapsed_time').map((c) => [c.subject_id, c.subject_rule])).toEqual([['ev-20191210-99ea29a5', 'time_relation']]);
  });

  it('makes no claim of an ordinal, a year, a date or a name', () => {
    const numbers = readJsonlFile<{ words: string; role: string; line: number }>(path.join(build, 'extract', ARTICLE_ID, 'numbers.jsonl'));
    const role = (words: string, line: number) => numbers.find((n) => n.words === words && n.line === line)?.role;
    expect(role('24', 26)).toBe('ordinal'); // "the 24th Prime Ministers' Regular Meeting"
    expect(role('70th anniversary', 36)).toBe('ordinal'); // "the 70th anniversary": an ordinal that counts years, a claim of its own
    // "Sept. 5, 2019: … the 5th Eastern Economic Forum"
    expect(numbers.filter((n) => n.words === '5' && n.line === 209).map((n) => n.role)).toEqual(['date', 'ordinal']);
    expect(role('2019', 18)).toBe('year');
    expect(role('16', 26)).toBe('date'); // "Sept. 16-19"
    expect(role('2019', 20)).toBe('identifier'); // "Center-2019"
    expect(role('20', 28)).toBe('identifier'); // "G20"
    for (const c of claims) {
      expect(c.value_as_stated).not.toMatch(/^\d+(?:st|nd|rd|th)$|^(?:1[89]|20)\d\d$/);
      expect(pySlice(article, Number(c.span_start), Number(c.span_end))).toBe(c.evidence);
    }
  });

  it('leaves no figure without a subject unless it is on the curator list', () => {
    // The curator list spans the sources: the article's items are those with its id.
    const curator = readJsonlFile<{ kind: string; surface: string; line: number; source_id: string }>(path.join(build, 'curation', 'curator-list.jsonl')).filter((c) => c.source_id === ARTICLE_ID);
    const unattached = curator.filter((c) => c.kind === 'unattached_number').map((c) => c.surface).sort();
    // A period ("the last four months of 2019") dates its sentence and describes nothing: no subject is missing.
    expect(claims.filter((c) => c.subject_id === '' && c.source_id === ARTICLE_ID && c.property !== 'period').map((c) => c.value_as_stated).sort()).toEqual(unattached);
    expect(curator.filter((c) => c.kind === 'unknown_unit').map((c) => c.surface)).toEqual(['1,000 free cataract surgeries', 'three major aspects', 'three factors']);
  });
});

describe('figures read in their own clause', () => {
  it('gives a contingent sent to an exercise to the exercise, with the sender as party', () => {
    for (const [words, section, party] of [
      ['1,600 troops', 'narrative', 'china'], // "China sent 1,600 troops, …": Center-2019 is named in the paragraph before
      ['300 pieces of equipment', 'narrative', 'china'],
      ['30 aircraft', 'narrative', 'china'],
      ['1,600 troops', 'chronology', 'pla'], // "The PLA sent 1,600 troops" in the Center-2019 entry
      ['30 aircraft', 'chronology', 'pla'],
    ] as const) {
      expect(one(words, section), `${words} in the ${section}`).toMatchObject({ subject_id: 'center-2019', subject_table: 'entities', subject_rule: 'contingent', party_id: party });
    }
    // "together with 750 men from Pakistan, …": the listed states' contingent to the same exercise, with no one party for several states.
    expect(one('750 men', 'narrative')).toMatchObject({ subject_id: 'center-2019', subject_rule: 'contingent', party_id: '' });
    // The exercise's own strength stays the exercise's.
    expect(one('130,000 soldiers', 'chronology')).toMatchObject({ subject_id: 'center-2019', subject_rule: 'same_sentence', party_id: '' });
  });

  it('keeps a comparison as the scope of a share, and gives the share to the thing under discussion', () => {
    // "the number of Chinese military personnel involved was less than half of that for the East-2018 maneuvers (3,500)"
    expect(claims.find((c) => c.value_as_stated === 'half' && c.qualifier === 'less than')).toMatchObject({
      scope: 'of that for the East-2018 maneuvers (3,500)',
      subject_id: 'center-2019',
      subject_rule: 'compared',
      party_id: 'china',
    });
  });

  it('attaches a figure to the event of its own clause, not to a secondary date of its sentence', () => {
    // "Dec. 27-30, 2019: … a four-day naval exercise …, the first … since the 1979 Islamic Revolution."
    const fourDay = one('four-day', 'chronology');
    expect(fourDay.event_id).toMatch(/^ev-20191227-/);
    expect(fourDay).toMatchObject({ subject_id: fourDay.event_id, subject_rule: 'chronology_event' });
  });

  it('reads a part of a year in the figure\'s clause as its time', () => {
    expect(claims.find((c) => c.value_as_stated === 'Twice')).toMatchObject({ time_label: 'the last four months of 2019', time_edtf: '2019-09/2019-12' });
    // "In the last four months of 2019, …: the 3,000-km … gas line went into operation": the colon ends the opening's clause.
    expect(one('3,000-km', 'narrative').time_label).toBe('');
  });

  it('dates a figure by every date its own clause gives, as an EDTF list', () => {
    // "two missile defense computer simulations code-named “Aerospace Security” in May 2016 and December 2017"
    expect(one('two missile defense computer simulations', 'narrative')).toMatchObject({ time_label: 'in May 2016 and December 2017', time_edtf: '{2016-05,2017-12}' });
    // "two naval drills (with South Africa in November and with Iran at the year-end)": the year-end is the period's last quarter.
    expect(one('two naval drills', 'narrative')).toMatchObject({ time_label: 'in November and with Iran at the year-end', time_edtf: '{2019-11,2019-10..2019-12}' });
    // "24 years after the two countries signed an agreement in 1995": 1995 is the origin's date, not the span's.
    expect(one('24 years', 'narrative').time_label).toBe('');
  });

  it('gives a figure to the thing named right after it, not to a body further away', () => {
    expect(one('two missile defense computer simulations', 'narrative')).toMatchObject({ subject_id: 'aerospace-security', subject_rule: 'named_next' });
    // "1,000 free cataract surgeries for SCO members … over the next three years through the Lifeline Express …"
    expect(one('three years', 'narrative')).toMatchObject({ subject_id: 'lifeline-express', subject_rule: 'named_next' });
  });

  it('keeps what a multiple compares, and a share\'s scope across the page break its sentence runs over', () => {
    expect(one('twice', 'narrative')).toMatchObject({ subject_id: 'brazil', scope: 'as much to China as to the US' });
    expect(claims.find((c) => c.value_as_stated === 'half' && c.qualifier === '')).toMatchObject({
      subject_id: 'nizhneleninskoye-tongjiang-rail-bridge',
      scope: 'of the time, of the Blagoveshchensk–Heihe road bridge',
    });
  });
});

describe('the conflicts of the article', () => {
  it('are the two statements of the Power of Siberia line, nothing else: two spellings of a name are variants', () => {
    expect(conflicts.filter((c) => c.kind !== 'date').map((c) => [c.kind, c.subject_id, c.property, c.value_a, c.value_b, c.severity])).toEqual([
      ['quantity', 'power-of-siberia', 'length', '3,000-km', '8,000-km', 'major'],
      ['quantity', 'power-of-siberia', 'annual_capacity', '38-bcm', '380 billion cubic meters', 'major'],
      ['quantity', 'power-of-siberia', 'length', '8,000-km', '3,000-km', 'major'],
      ['quantity', 'power-of-siberia', 'annual_capacity', '380 billion cubic meters', '38 billion cbm per year', 'major'],
    ]);
  });

  it('give both spans, the ratio, and the curated ranks', () => {
    for (const c of conflicts) {
      expect(pySlice(article, Number(c.span_a_start), Number(c.span_a_end))).toBe(c.evidence_a);
      expect(pySlice(article, Number(c.span_b_start), Number(c.span_b_end))).toBe(c.evidence_b);
    }
    const capacity = conflicts.filter((c) => c.property === 'annual_capacity');
    expect(capacity.map((c) => [c.ratio, c.rank_a, c.rank_b])).toEqual([['10', 'normal', 'deprecated'], ['10', 'deprecated', 'normal']]);
    expect(capacity[0]!.reason).toContain('38 bcm a year twice');
    const length = conflicts.filter((c) => c.property === 'length');
    expect(length.map((c) => [c.ratio, c.rank_a, c.rank_b, c.reason])).toEqual([['2.66667', 'normal', 'normal', ''], ['2.66667', 'normal', 'normal', '']]);
    expect(conflicts.some((c) => c.subject_id === 'andrey-denisov')).toBe(false);
  });
});
