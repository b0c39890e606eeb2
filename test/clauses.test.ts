import { describe, expect, it } from 'vitest';
import { clauseOf, datedPart, maskMarkup, reportedFrom } from '../pipeline/lib/clauses.ts';
import { compileRules, classifyNearDate } from '../pipeline/normalize/event-type.ts';
import { compileRoleRules, demonymRules, participantsAndPlaces } from '../pipeline/normalize/participants.ts';
import { codeEvents, codingRule, type EventCoding } from '../pipeline/normalize/event-codes.ts';
import { readVocabularyFile } from '../pipeline/lib/resources.ts';
import type { Row } from '../pipeline/lib/schema.ts';
import { ROOT, SCHEMA } from './helpers.ts';
import path from 'node:path';

const clauseText = (s: string, date: string) => {
  const c = clauseOf(s, s.indexOf(date), date.length);
  return { text: s.slice(c.start, c.end).trim(), kind: c.kind };
};

describe('the clause a date governs', () => {
  it('is the noun phrase of a named year, and nothing of the sentence around it', () => {
    expect(clauseText('On Aug. 2, the administration terminated the 1987 INF Treaty with Russia.', '1987')).toEqual({ text: 'the 1987 INF Treaty', kind: 'name' });
    expect(clauseText('Even without the conflict, the 2020 US presidential election will be hard.', '2020').text).toBe('the 2020 US presidential election');
  });

  it('is a relative clause, a phrase after ", following", a contrast or an appositive on its own', () => {
    expect(clauseText('The US left the INF Treaty, which became official on Aug. 2, 2019.', 'on Aug. 2, 2019')).toMatchObject({ kind: 'relative' });
    expect(clauseText('They committed to trade, following Bolsonaro’s visit to China in late October.', 'in late October').text).toBe('following Bolsonaro’s visit to China in late October.');
    expect(clauseText('The Chinese completed their side in July 2016 while the Russian side had just started.', 'in July 2016').text).toBe('The Chinese completed their side in July 2016');
    expect(clauseText('Russia and China stage drills in Novosibirsk, the 5th joint exercise since 2007.', 'since 2007')).toMatchObject({ kind: 'appositive' });
  });

  it('goes on past a semicolon when a pronoun carries the subject on', () => {
    const s = 'Xi praised the partnership with Russia; and he was looking forward to the year from 2020 to 2021.';
    expect(clauseText(s, 'from 2020 to 2021').text).toBe(s);
    expect(clauseText('Xi praised Russia; the year from 2020 to 2021 is next.', 'from 2020 to 2021').text).toBe('the year from 2020 to 2021 is next.');
    expect(clauseText('After the 2014 Ukraine–Crimea crises, Russia was sanctioned.', '2014').text).toBe('the 2014 Ukraine–Crimea crises');
  });

  it('is a parenthesis with the noun phrase before it', () => {
    const s = 'Four exercises were held, an anti-terror drill (Cooperation 2019 in October) and two naval drills (with South Africa in November).';
    expect(clauseText(s, 'in October').text).toBe('an anti-terror drill (Cooperation 2019 in October)');
  });

  it('is not cut by a subject that looks like an appositive', () => {
    const s = 'On Nov. 29, the first vehicle bridge was finished.';
    expect(clauseText(s, 'On Nov. 29').text).toBe(s);
  });

  it('is an infinitive with a subject of its own: "for construction to start later that year"', () => {
    const s = 'Putin’s visit to China in May 2014 led to an agreement for construction to start later that year.';
    expect(clauseText(s, 'later that year').text).toBe('for construction to start later that year.');
    expect(clauseText(s, 'in May 2014').text).toBe('Putin’s visit to China in May 2014 led to an agreement');
  });

  it('is the whole sentence when nothing marks another clause', () => {
    const s = 'On Nov. 29, the bridge between Russia and China was finished after the two countries signed an agreement in 1995.';
    expect(clauseText(s, 'in 1995')).toEqual({ text: s, kind: 'main' });
  });

  it('is a span of time "after" another happening on its own, and an interruption when a comma closes it', () => {
    const s = 'On May 3, the tunnel under the strait was opened, 30 years after the two states signed a treaty in 1990.';
    expect(clauseText(s, 'in 1990')).toEqual({ text: '30 years after the two states signed a treaty in 1990.', kind: 'subordinate' });
    expect(clauseText(s, 'On May 3').text).toBe('On May 3, the tunnel under the strait was opened,');
    // Closed by a comma, the phrase interrupts the clause, which goes on after it.
    const t = 'On Jan. 2, 2020, three days after the drills, Iranian Gen. Ali was killed in a strike.';
    expect(clauseText(t, 'On Jan. 2, 2020').text).toBe(t);
  });

  it('is a past participle\'s phrase between commas ("contracted in 2014,"), which the outer clause holds', () => {
    const s = 'The oil line, contracted in 2014, will bring Brazil 20 million tons a year.';
    expect(clauseText(s, 'in 2014')).toEqual({ text: 'contracted in 2014', kind: 'relative' });
    const t = 'The oil line, contracted in 2014, reached Brazil in 2019.';
    expect(clauseText(t, 'in 2019')).toEqual({ text: t, kind: 'main' });
    // ", continued in June, and …" coordinates verbs of one clause: no interruption.
    const u = 'The drills began on May 5, continued in June, and ended in July.';
    expect(clauseText(u, 'in June')).toEqual({ text: u, kind: 'main' });
  });

  it('narrows a clause to the coordinated phrase that holds the date, when each phrase has a date', () => {
    const s = 'Two naval drills were held (with India in May and with Iran at the year-end).';
    const part = (date: string) => {
      const at = s.indexOf(date);
      const c = datedPart(s, clauseOf(s, at, date.length), at, date.length);
      return s.slice(c.start, c.end).trim();
    };
    expect(part('in May')).toBe('Two naval drills were held (with India in May');
    expect(part('at the year-end')).toBe('with Iran at the year-end)');
    // One date for the whole coordination: nothing is cut.
    const t = 'He met Putin in Moscow and with Xi in Beijing on May 5.';
    const at = t.indexOf('on May 5');
    const c = datedPart(t, clauseOf(t, at, 8), at, 8);
    expect(t.slice(c.start, c.end)).toBe(t);
  });

  it('reads reported words only after a speech verb with "that", a colon or a quotation mark', () => {
    const s = 'Lavrov warned that “Iran cannot be treated that way.”';
    expect(reportedFrom(s, { start: 0, end: s.length }, ['warned'])).toEqual({ at: s.indexOf(' “'), cue: 'warned that', verb_at: s.indexOf('warned') });
    // An adverb and a span of time may stand between the verb and "that" (participant_roles.yaml reported_opener).
    const opener = new RegExp(String((SCHEMA.vocabularies.participant_role as unknown as { reported_opener: string }).reported_opener), 'u');
    const u = 'Wang Yi publicly said three days later that India was a partner.';
    expect(reportedFrom(u, { start: 0, end: u.length }, ['said'], opener)).toMatchObject({ cue: 'said three days later that', verb_at: u.indexOf('said') });
    const t = 'Xi emphasized the importance of the partnership with Russia.';
    expect(reportedFrom(t, { start: 0, end: t.length }, ['emphasized'])).toBeNull();
  });

  it('masks markup without moving any position', () => {
    const raw = 'In [late October](#), \\$5 went to *Brazil*.';
    expect(maskMarkup(raw)).toHaveLength(raw.length);
    expect(maskMarkup(raw).indexOf('late October')).toBe(raw.indexOf('late October'));
  });
});

describe('typing reads the date’s own clause', () => {
  const rules = compileRules(SCHEMA.vocabularies.event_type!);
  const near = (s: string, date: string) => classifyNearDate(s, s.indexOf(date), date.length, rules);

  it('types a date that opens its clause by a cue anywhere in that clause, and a later date only near it', () => {
    const opening = 'Between May 3 and 5, two Lorvian frigates and a Vellish corvette sailed alongside the Borvian coast guard and its patrol craft for search-and-rescue, boarding and night navigation exercises.';
    expect(opening.indexOf('exercises') - opening.indexOf(',')).toBeGreaterThan(120);
    expect(near(opening, 'Between May 3 and 5')).toEqual({ event_type: 'exercise', event_type_cue: 'exercises' });
    const later = 'Two Lorvian frigates and a Vellish corvette sailed on May 3 alongside the Borvian coast guard and its patrol craft past the long northern capes for search-and-rescue and night navigation exercises.';
    expect(near(later, 'on May 3')).toEqual({ event_type: 'other', event_type_cue: null });
  });

  it('types a date in the clause of a quotation\'s attribution as the statement, however far from the verb', () => {
    const s = '“The risk is high,” said Nord when interviewed at length by the influential Lorvian weekly journal Vell Review on Dec. 3.';
    expect(s.indexOf('on Dec. 3') - s.indexOf('said')).toBeGreaterThan(60);
    expect(near(s, 'on Dec. 3')).toEqual({ event_type: 'statement', event_type_cue: 'said' });
    // A date in a clause of its own after the attribution is not the saying's.
    const rel = '“The risk is high,” said Nord, who visited the long northern capes of Lorvia with his family in May 2019.';
    expect(near(rel, 'in May 2019').event_type).not.toBe('statement');
  });

  it('types every dated item of a parenthesis by the noun that heads it', () => {
    const s = 'The fleet held two naval drills (with Lorvia in May and with Vell at the year-end).';
    const span = (d: string): [number, number] => [s.indexOf(d), s.indexOf(d) + d.length];
    const [may, end] = [span('in May'), span('at the year-end')];
    expect(classifyNearDate(s, end[0], end[1] - end[0], rules, [may])).toEqual({ event_type: 'exercise', event_type_cue: 'drills' });
    expect(classifyNearDate(s, may[0], may[1] - may[0], rules, [end])).toEqual({ event_type: 'exercise', event_type_cue: 'drills' });
    // Without the parenthesis the nearer date keeps the cue ("drills" is May's word, parted from the later date by "and").
    const t = 'They held naval drills with Lorvia in May and talks with Vell at the year-end.';
    const tEnd = t.indexOf('at the year-end');
    expect(classifyNearDate(t, tEnd, 'at the year-end'.length, rules, [[t.indexOf('in May'), t.indexOf('in May') + 6]])).toEqual({ event_type: 'talks', event_type_cue: 'talks' });
  });

  it('takes no cue from another item of a list', () => {
    const s = 'Four exercises were held, an anti-terror drill (Cooperation 2019 in October) and two naval drills (with South Africa in November).';
    expect(near(s, 'in October')).toEqual({ event_type: 'exercise', event_type_cue: 'drill' });
  });

  it('types a visit that a "following" phrase dates itself', () => {
    expect(near('They committed to trade, following Bolsonaro’s visit to China in late October.', 'in late October').event_type).toBe('visit');
    // The date outside the phrase: the visit only dates the meeting.
    expect(near('Three days after the visit, they met on Nov. 4.', 'on Nov. 4').event_type).toBe('meeting');
  });

  it('reads joint computer simulations as an exercise and "stressed" as a statement', () => {
    expect(near('Russia and China conducted two missile defense computer simulations in May 2016.', 'in May 2016').event_type).toBe('exercise');
    expect(near('In mid-October 2019, the ambassador stressed the defensive nature of the system.', 'In mid-October 2019').event_type).toBe('statement');
  });

  it('does not type what was said by the saying of it', () => {
    expect(near('Media sources argued that Russia took the initial step in May 2015.', 'in May 2015').event_type).toBe('other');
  });
});

// Hand-written events: each mention is found by its words in the sentence.
const SOURCE = 'test-source';
function event(sentence: string, date: string, names: [string, string, string?][], opts: { chronology?: boolean } = {}) {
  const id = `ev-${date.replace(/\W/g, '')}`;
  const e: Row = { event_id: id, source_id: SOURCE, span_start: 0, span_end: Array.from(sentence).length, evidence: sentence, date_label: date, section: opts.chronology ? 'chronology' : 'narrative', description: sentence, event_type: 'other' };
  const mentions: Row[] = [];
  let from = 0;
  for (const [words, entity, kind] of names) {
    const at = sentence.indexOf(words, from);
    if (at < 0) throw new Error(`${words} not in ${sentence}`);
    from = at + words.length;
    mentions.push({ mention_id: `mn-${mentions.length}`, entity_id: entity, source_id: SOURCE, span_start: at, span_end: at + words.length, evidence: words, mention_kind: kind ?? 'name', found_by: 'test' });
  }
  const segments = new Map(opts.chronology ? [] : [[id, { start: 0, end: sentence.length, date_at: sentence.indexOf(date) }]]);
  return { e, mentions, segments };
}

const TYPES = new Map([
  ['russia', 'state'], ['china', 'state'], ['ukraine', 'state'], ['iran', 'state'], ['india', 'state'], ['united-states', 'state'], ['brazil', 'state'],
  ['sergei-lavrov', 'person'], ['jair-bolsonaro', 'person'], ['vladimir-putin', 'person'], ['hu-chunhua', 'person'],
  ['nizhneleninskoye', 'place'], ['tashkent', 'place'], ['astana', 'place'], ['uzbekistan', 'state'], ['kazakhstan', 'state'], ['cis', 'organization'], ['csto', 'organization'],
  ['henry-kissinger', 'person'], ['li-keqiang', 'person'], ['wang-yi', 'person'], ['sco-judges-meeting', 'forum'], ['vladivostok', 'place'], ['sco', 'organization'], ['sco-rats', 'organization'], ['united-nations', 'organization'],
]);
const roleVocab = SCHEMA.vocabularies.participant_role!;
const verbs = (readVocabularyFile(path.join(ROOT, 'schema'), ROOT, 'speech_verbs.yaml') as { verbs: string[] }).verbs;
const speech = {
  verbs,
  opener: String((roleVocab as unknown as { reported_opener: string }).reported_opener),
  proposal: String((roleVocab as unknown as { proposal_opener: string }).proposal_opener),
};

function roles(sentence: string, date: string, names: [string, string, string?][], opts: { chronology?: boolean } = {}) {
  const { e, mentions, segments } = event(sentence, date, names, opts);
  const { participants } = participantsAndPlaces([e], mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech);
  return Object.fromEntries(participants.map((p) => [p.entity_id, p.role]));
}

describe('participants are the agents and counterparts of the clause', () => {
  it('makes the topic of what was said "mentioned", and keeps the speaker', () => {
    expect(roles('In an interview on Dec. 22, Lavrov warned that “Iran cannot be treated the way Washington does.”', 'on Dec. 22', [['Lavrov', 'sergei-lavrov'], ['Iran', 'iran']])).toEqual({ 'sergei-lavrov': 'participant', iran: 'mentioned' });
  });

  it('names the speaker of words a date is in by the person nearest before the verb, and any other name there as only named', () => {
    const { e, mentions, segments } = event('On the same day Lavrov gave his interview Putin, one of the most prominent voices of Iran, warned of coming danger for Ukraine in 2020.', 'in 2020', [['Lavrov', 'sergei-lavrov'], ['Putin', 'vladimir-putin'], ['Iran', 'iran'], ['Ukraine', 'ukraine']]);
    const { participants } = participantsAndPlaces([e], mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech);
    const cue = Object.fromEntries(participants.map((p) => [p.entity_id, [p.role, String(p.role_cue)]]));
    expect(cue['vladimir-putin']).toEqual(['mentioned', 'speaker of words the date is in: “warned of”']);
    expect(cue['sergei-lavrov']).toEqual(['mentioned', 'named before the words the date is in (“warned of”), not their speaker']);
  });

  it('takes no place from inside the words reported when the date is outside them', () => {
    const { e, mentions, segments } = event('In September, Moscow and Beijing announced that an exercise would be held in Tashkent.', 'In September', [['Tashkent', 'tashkent']]);
    const { places } = participantsAndPlaces([e], mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech);
    expect(places.get(e.event_id as string)).toBeUndefined();
    const held = event('In September, an exercise was held in Tashkent.', 'In September', [['Tashkent', 'tashkent']]);
    expect(participantsAndPlaces([held.e], held.mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), held.segments, speech).places.get(held.e.event_id as string)).toBe('tashkent');
  });

  it('keeps the names of reported words when the date dates them', () => {
    expect(roles('Media sources argued that Russia took the initial step in May 2015.', 'in May 2015', [['Russia', 'russia']])).toEqual({ russia: 'participant' });
  });

  it('makes a state named as where a place lies a "location"', () => {
    expect(roles('The rail bridge at Russia’s Nizhneleninskoye did not complete its link until March 2019.', 'until March 2019', [['Russia', 'russia'], ['Nizhneleninskoye', 'nizhneleninskoye']])).toEqual({ russia: 'location' });
  });

  it('makes a term of a comparison "mentioned" and a future invitee "proposed"', () => {
    expect(roles('In 2018 Brazil exported more to China than to the US.', 'In 2018', [['Brazil', 'brazil'], ['China', 'china'], ['US', 'united-states']])).toMatchObject({ brazil: 'participant', 'united-states': 'mentioned' });
    expect(roles('In 2019 the members proposed to invite India to the next meeting.', 'In 2019', [['India', 'india']])).toEqual({ india: 'proposed' });
  });

  it('reads "India also hosted" as a host, and "X’s visit to Y" as visitor and host', () => {
    expect(roles('India also hosted a joint exercise on Sept. 4.', 'on Sept. 4', [['India', 'india']])).toEqual({ india: 'host' });
    expect(roles('They met after Bolsonaro’s successful visit to China in late October.', 'in late October', [['Bolsonaro', 'jair-bolsonaro'], ['China', 'china']])).toEqual({ 'jair-bolsonaro': 'visitor', china: 'host' });
  });

  it('reads nothing of another clause: a named year, a contrast', () => {
    expect(roles('For years, after the 2014 Ukraine crisis, Russia had been exploring ties with China.', '2014', [['Ukraine', 'ukraine'], ['Russia', 'russia'], ['China', 'china']])).toEqual({ ukraine: 'participant', russia: 'mentioned', china: 'mentioned' });
    expect(roles('The Chinese completed their side in July 2016 while the Russian side had just started.', 'in July 2016', [['Chinese', 'china', 'demonym'], ['Russian', 'russia', 'demonym']])).toEqual({ china: 'participant', russia: 'mentioned' });
  });

  it('makes a state in apposition to a place its "location", and a state travelled to the host', () => {
    expect(roles('The SCO met in Tashkent, Uzbekistan on Nov. 2.', 'on Nov. 2', [['SCO', 'sco'], ['Tashkent', 'tashkent'], ['Uzbekistan', 'uzbekistan']])).toEqual({ sco: 'participant', uzbekistan: 'location' });
    expect(roles('The heads met in Astana, capital of Kazakhstan, on May 4.', 'on May 4', [['Astana', 'astana'], ['Kazakhstan', 'kazakhstan']])).toEqual({ kazakhstan: 'location' });
    // A state after a comma that follows no place is a party as before.
    expect(roles('On May 4, Russia, Kazakhstan and China met.', 'On May 4', [['Russia', 'russia'], ['Kazakhstan', 'kazakhstan'], ['China', 'china']])).toEqual({ russia: 'participant', kazakhstan: 'participant', china: 'participant' });
    expect(roles('On Sept. 16, Premier Li Keqiang traveled to Russia for talks.', 'On Sept. 16', [['Li Keqiang', 'li-keqiang'], ['Russia', 'russia']])).toEqual({ 'li-keqiang': 'visitor', russia: 'host' });
  });

  it('makes bodies only intended to be joined or added "proposed", and the ends of a bridge "mentioned"', () => {
    expect(roles('Moscow intended to combine the next SCO meeting with those of the CIS and the CSTO, scheduled for June 2020.', 'June 2020', [['SCO', 'sco'], ['CIS', 'cis'], ['CSTO', 'csto']])).toEqual({ sco: 'participant', cis: 'proposed', csto: 'proposed' });
    expect(roles('In 2019 the members announced the intention to add India.', 'In 2019', [['India', 'india']])).toEqual({ india: 'proposed' });
    expect(roles('On Nov. 29, the first road bridge between Russia and China was finished.', 'On Nov. 29', [['Russia', 'russia'], ['China', 'china']])).toEqual({ russia: 'mentioned', china: 'mentioned' });
    // A meeting between two states names its parties.
    expect(roles('On Nov. 29, talks between Russia and China were held.', 'On Nov. 29', [['Russia', 'russia'], ['China', 'china']])).toEqual({ russia: 'participant', china: 'participant' });
  });

  it('takes no part in a dated thing for the one who spoke of it, nor for what "of" names', () => {
    // "warned of" opens a noun phrase, no clause with agents: Iran is its topic.
    expect(roles('Lavrov warned of coming danger for Iran in 2020.', 'in 2020', [['Lavrov', 'sergei-lavrov'], ['Iran', 'iran']])).toEqual({ 'sergei-lavrov': 'mentioned', iran: 'mentioned' });
  });

  it('reads the speaker before the speech verb, and no state of the clause before him as a party', () => {
    const s = 'To refresh Brazil’s India policy Jair Bolsonaro, the president, openly said two days later that India and Brazil were partners.';
    const { e, mentions, segments } = event(s, 'two days later', [['Brazil', 'brazil'], ['India', 'india'], ['Jair Bolsonaro', 'jair-bolsonaro'], ['India', 'india'], ['Brazil', 'brazil']]);
    const { participants } = participantsAndPlaces([e], mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech);
    expect(Object.fromEntries(participants.map((p) => [p.entity_id, [p.role, p.role_cue]]))).toEqual({
      brazil: ['mentioned', 'named before the speaker “Jair Bolsonaro”, no party to what was said'],
      india: ['mentioned', 'named before the speaker “Jair Bolsonaro”, no party to what was said'],
      'jair-bolsonaro': ['participant', 'speaker: “said two days later that”'],
    });
  });

  it('makes what a proposed document holds after "including" "mentioned", but not who drafted it', () => {
    expect(roles('In May 2021, Brazil and India proposed a resolution on trade, including talks between Iran and Ukraine.', 'In May 2021', [['Brazil', 'brazil'], ['India', 'india'], ['Iran', 'iran'], ['Ukraine', 'ukraine']])).toEqual({ brazil: 'participant', india: 'participant', iran: 'mentioned', ukraine: 'mentioned' });
    expect(roles('In May 2021, Brazil proposed a plan on trade, including a version drafted by India.', 'In May 2021', [['Brazil', 'brazil'], ['India', 'india']])).toEqual({ brazil: 'participant', india: 'participant' });
  });

  it('makes a name that only qualifies a topic noun "mentioned"', () => {
    expect(roles('In May 2021, Brazil discussed India issues with Iran.', 'In May 2021', [['Brazil', 'brazil'], ['India', 'india'], ['Iran', 'iran']])).toEqual({ brazil: 'participant', india: 'mentioned', iran: 'participant' });
  });

  it('makes what a proposal in the subjunctive names "proposed", and nothing of a claim', () => {
    expect(roles('The Indian side suggested that CIS ministers be invited to a joint session with the CSTO in May 2021.', 'in May 2021', [['Indian', 'india', 'demonym'], ['CIS', 'cis'], ['CSTO', 'csto']])).toEqual({ india: 'mentioned', cis: 'proposed', csto: 'proposed' });
    // Dated when the proposal was made, its proposer takes part.
    expect(roles('On Feb. 2, the Indian side suggested that CIS ministers be invited to a joint session with the CSTO.', 'On Feb. 2', [['Indian', 'india', 'demonym'], ['CIS', 'cis'], ['CSTO', 'csto']])).toEqual({ india: 'participant', cis: 'proposed', csto: 'proposed' });
    expect(roles('Officials argued that India took the step in May 2015 by suggesting that India was ready to help Brazil.', 'in May 2015', [['India', 'india'], ['India', 'india'], ['Brazil', 'brazil']])).toEqual({ india: 'participant', brazil: 'participant' });
  });

  it('leaves who proposed, in a later sentence of an entry, what a date of its own is in to the entry’s event, where the proposal was made', () => {
    const text = 'Envoys of the SCO hold their 3rd meeting in Vladivostok. The Indian side suggested that CIS ministers be invited to a joint session with the CSTO in May 2031.';
    const later = text.indexOf('The Indian');
    const names: [string, string, string][] = [['SCO', 'sco', 'alias'], ['Vladivostok', 'vladivostok', 'name'], ['Indian', 'india', 'demonym'], ['CIS', 'cis', 'alias'], ['CSTO', 'csto', 'alias']];
    const mentions: Row[] = names.map(([words, entity_id, mention_kind], k) => ({ mention_id: `mn-${k}`, entity_id, source_id: SOURCE, span_start: text.indexOf(words), span_end: text.indexOf(words) + words.length, evidence: words, mention_kind, found_by: 'test' }));
    const entry: Row = { event_id: 'e1', source_id: SOURCE, span_start: 0, span_end: text.length, evidence: text, date_label: 'Oct. 31, 2030', section: 'chronology', description: text, event_type: 'meeting' };
    const inEntry: Row = { event_id: 'e2', source_id: SOURCE, span_start: later, span_end: text.length, evidence: text.slice(later), date_label: 'in May 2031', section: 'chronology_text', description: text.slice(later), event_type: 'other' };
    const segments = new Map([['e2', { start: later, end: text.length, date_at: text.indexOf('in May 2031'), clause_start: later, clause_end: text.length, date_label: 'in May 2031' }]]);
    const { participants } = participantsAndPlaces([entry, inEntry], mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech);
    const of = (event: string) => Object.fromEntries(participants.filter((p) => p.event_id === event).map((p) => [p.entity_id, [p.role, p.role_cue]]));
    // The proposer takes part in the meeting it proposed at; what it proposed is dated May 2031.
    expect(of('e1').india).toEqual(['participant', null]);
    // Those it proposed to invite are "proposed", in the entry as in the article's reading.
    expect(of('e1').cis).toEqual(['proposed', 'suggested that']);
    expect(of('e2').india).toEqual(['mentioned', 'proposer of what the date is in: “suggested that”']);
    // Without the proposal the whole later sentence is May 2031's, the Indian side with it.
    const plain = text.replace('suggested that CIS ministers be invited to', 'will hold');
    const plainMentions = mentions.map((m) => ({ ...m, span_start: plain.indexOf(String(m.evidence)), span_end: plain.indexOf(String(m.evidence)) + String(m.evidence).length }));
    const plainSegments = new Map([['e2', { start: later, end: plain.length, date_at: plain.indexOf('in May 2031'), clause_start: later, clause_end: plain.length }]]);
    const again = participantsAndPlaces([{ ...entry, span_end: plain.length, evidence: plain, description: plain }, { ...inEntry, span_end: plain.length, evidence: plain.slice(later) }], plainMentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), plainSegments, speech).participants;
    expect(again.find((p) => p.event_id === 'e1' && p.entity_id === 'india')).toMatchObject({ role: 'mentioned', role_cue: 'in the part dated by its own date' });
  });

  it('reads a capital that is its clause’s subject as its state, and a capital after "for" as nothing', () => {
    const capitals = new Map([['astana', 'kazakhstan'], ['tashkent', 'uzbekistan']]);
    const run = (s: string, date: string) => {
      const { e, mentions, segments } = event(s, date, [['Astana', 'astana'], ['Tashkent', 'tashkent']]);
      return participantsAndPlaces([e], mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech, [], capitals).participants.map((p) => [p.entity_id, p.role, p.mention_id]);
    };
    expect(run('By mid-2021, Astana and Tashkent continued to trade.', 'By mid-2021')).toEqual([['kazakhstan', 'participant', 'mn-0'], ['uzbekistan', 'participant', 'mn-1']]);
    expect(run('The year 2021 was hard for Astana and Tashkent.', '2021')).toEqual([]);
  });

  it('reads "the two countries" as the two states the sentence names, when they are the clause’s agents', () => {
    const s = 'In 2020, a road between India and Brazil opened, 30 years after the two countries signed a treaty in 1990.';
    const { e, mentions, segments } = event(s, 'in 1990', [['India', 'india'], ['Brazil', 'brazil']]);
    const { participants } = participantsAndPlaces([e], mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech);
    expect(participants.map((p) => [p.entity_id, p.role, p.role_cue])).toEqual([
      ['india', 'participant', '“the two countries” for the two states the sentence names'],
      ['brazil', 'participant', '“the two countries” for the two states the sentence names'],
    ]);
    // "of the two countries" names no agent.
    expect(roles('In 2020, drills of the police of the two countries were held with India and Brazil in 1990.', 'in 1990', [['India', 'india'], ['Brazil', 'brazil']])).toEqual({ india: 'participant', brazil: 'participant' });
  });

  it('reads only the dated phrase of a coordination, and no recipient of a supply in another clause', () => {
    expect(roles('Two naval drills were held (with India in May and with Iran at the year-end).', 'in May', [['India', 'india'], ['Iran', 'iran']])).toEqual({ india: 'participant', iran: 'mentioned' });
    expect(roles('The oil line, contracted in 2014, will supply Brazil with 20 million tons.', 'in 2014', [['Brazil', 'brazil']])).toEqual({ brazil: 'mentioned' });
  });

  it('names the body and the state of a meeting other than the event’s without making them parties', () => {
    const text = 'March 3, 2021: The CIS holds a session in Tashkent. They draft a text to be adopted at the 2022 SCO summit in Uzbekistan.';
    const entry = event(text, 'March 3, 2021', [['CIS', 'cis'], ['Tashkent', 'tashkent'], ['SCO summit', 'sco-judges-meeting'], ['Uzbekistan', 'uzbekistan']], { chronology: true });
    Object.assign(entry.e, { date_start: '2021-03-03' });
    const body = { mention_id: 'mn-x', entity_id: 'sco', source_id: SOURCE, span_start: 500, span_end: 503, evidence: 'SCO', mention_kind: 'name', found_by: 'test' };
    const run = (e: Row) => participantsAndPlaces([e], [...entry.mentions, body], TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), entry.segments, speech).participants.map((p) => [p.entity_id, p.role]);
    expect(run(entry.e)).toEqual([['cis', 'participant'], ['uzbekistan', 'mentioned'], ['sco', 'mentioned']]);
    // For an event of that year, the summit is its own meeting.
    expect(run({ ...entry.e, date_start: '2022-01-01' })).toEqual([['cis', 'participant'], ['uzbekistan', 'participant'], ['sco', 'participant']]);
  });

  it('adds the body a meeting is named after, and the person a possessive pronoun stands for', () => {
    const withBody = event('The 5th Meeting of the Judges of the SCO is held in May 2019.', 'in May 2019', [['Meeting of the Judges of the SCO', 'sco-judges-meeting']]);
    // The body's name as the source writes it elsewhere.
    const elsewhere = { mention_id: 'mn-x', entity_id: 'sco', source_id: SOURCE, span_start: 500, span_end: 503, evidence: 'SCO', mention_kind: 'name', found_by: 'test' };
    const { participants } = participantsAndPlaces([withBody.e], [...withBody.mentions, elsewhere], TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), withBody.segments, speech);
    expect(participants.map((p) => [p.entity_id, p.role])).toEqual([['sco', 'participant']]);
    const s = 'Lavrov’s account covered his talks with Wang Yi on Dec. 10 and his meeting with Henry Kissinger in September.';
    const { e, mentions } = event(s, 'in September', [['Lavrov', 'sergei-lavrov'], ['Wang Yi', 'wang-yi'], ['Henry Kissinger', 'henry-kissinger']]);
    const segments = new Map([[String(e.event_id), { start: s.indexOf('and his meeting'), end: s.length, date_at: s.indexOf('in September') }]]);
    const got = participantsAndPlaces([e], mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech).participants;
    expect(got.map((p) => [p.entity_id, p.role])).toEqual([['sergei-lavrov', 'participant'], ['henry-kissinger', 'participant']]);
  });

  it('makes the state of a named person’s title a participant through him, possessive and demonym alike', () => {
    const cued = (sentence: string, date: string, names: [string, string, string?][], extra: Row[] = []) => {
      const { e, mentions, segments } = event(sentence, date, names);
      const { participants } = participantsAndPlaces([e], [...mentions, ...extra], TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech);
      return Object.fromEntries(participants.map((p) => [p.entity_id, [p.role, p.role_cue]]));
    };
    expect(cued('On May 4, Brazil’s Envoy to India Jair Bolsonaro stressed the value of the pact.', 'On May 4', [['Brazil', 'brazil'], ['Envoy to India Jair Bolsonaro', 'jair-bolsonaro']])).toEqual({
      brazil: ['participant', 'through the title of “Envoy to India Jair Bolsonaro”'],
      'jair-bolsonaro': ['participant', null],
    });
    expect(cued('On May 4, Brazilian Minister Jair Bolsonaro met the envoys.', 'On May 4', [['Brazilian', 'brazil', 'demonym'], ['Jair Bolsonaro', 'jair-bolsonaro']])).toMatchObject({ brazil: ['participant', 'through the title of “Jair Bolsonaro”'] });
    // A demonym inside the person's mention, before a title no demonym rule lists ("Councilor").
    const s = 'On May 4, Indian State Councilor Wang Yi met the envoys.';
    const inner = { mention_id: 'mn-d', entity_id: 'india', source_id: SOURCE, span_start: s.indexOf('Indian'), span_end: s.indexOf('Indian') + 6, evidence: 'Indian', mention_kind: 'demonym', found_by: 'test' };
    expect(cued(s, 'On May 4', [['Indian State Councilor Wang Yi', 'wang-yi']], [inner])).toMatchObject({ india: ['participant', 'through the title of “Indian State Councilor Wang Yi”'] });
    // Another rule first: in what was said the state is the topic, not a party.
    expect(roles('On May 4, Lavrov said that Brazil’s Envoy Jair Bolsonaro was wrong.', 'On May 4', [['Lavrov', 'sergei-lavrov'], ['Brazil', 'brazil'], ['Envoy Jair Bolsonaro', 'jair-bolsonaro']])).toMatchObject({ brazil: 'mentioned' });
    // A state joined to a person by "and" is a party of its own.
    expect(roles('On May 4, Brazil and Jair Bolsonaro met.', 'On May 4', [['Brazil', 'brazil'], ['Jair Bolsonaro', 'jair-bolsonaro']])).toEqual({ brazil: 'participant', 'jair-bolsonaro': 'participant' });
  });

  it('makes the states of forces that are the clause’s agent participants, and no state of forces that are only its object', () => {
    const types = new Map([...TYPES, ['iranian-navy', 'armed_force']]);
    const run = (sentence: string, date: string, names: [string, string, string?][]) => {
      const { e, mentions, segments } = event(sentence, date, names);
      return participantsAndPlaces([e], mentions, types, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech).participants.map((p) => [p.entity_id, p.role, p.role_cue]);
    };
    expect(run('From June 2 to 5, two Brazilian frigates and one Indian patrol submarine (Vega) joined the Iranian navy for rescue drills.', 'From June 2 to 5', [['Brazilian', 'brazil', 'demonym'], ['Indian', 'india', 'demonym'], ['Iranian navy', 'iranian-navy']])).toEqual([
      ['brazil', 'participant', 'forces of the clause’s agent: “Brazilian frigates”'],
      ['india', 'participant', 'forces of the clause’s agent: “Indian patrol submarine”'],
      ['iranian-navy', 'participant', null],
    ]);
    expect(run('On June 2, the Indian frigate Vega sailed into the port.', 'On June 2', [['Indian', 'india', 'demonym']])).toEqual([['india', 'participant', 'forces of the clause’s agent: “Indian frigate”']]);
    // Vessels that are what the clause's agent acts on are no party of theirs.
    expect(run('On June 2, the Iranian navy tracked two Brazilian frigates.', 'On June 2', [['Iranian navy', 'iranian-navy'], ['Brazilian', 'brazil', 'demonym']]).map((r) => r[0])).toEqual(['iranian-navy']);
  });

  it('reads what was told to an addressee as said, and a capital after "relations with" in it as its state, the topic', () => {
    const s = 'On May 4, Jair Bolsonaro tells foreign reporters that Brazil will not harm relations with New Delhi to please the US.';
    const { e, mentions, segments } = event(s, 'On May 4', [['Jair Bolsonaro', 'jair-bolsonaro'], ['Brazil', 'brazil'], ['New Delhi', 'new-delhi'], ['US', 'united-states']]);
    const types = new Map([...TYPES, ['new-delhi', 'place']]);
    const capitals = new Map([['new-delhi', 'india']]);
    const got = participantsAndPlaces([e], mentions, types, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech, [], capitals).participants;
    expect(got.map((p) => [p.entity_id, p.role, p.role_cue])).toEqual([
      ['jair-bolsonaro', 'participant', 'speaker: “tells foreign reporters that”'],
      ['brazil', 'mentioned', 'tells foreign reporters that'],
      ['india', 'mentioned', '“New Delhi” for its state in what was said: tells foreign reporters that … “relations with …”'],
      ['united-states', 'mentioned', 'tells foreign reporters that'],
    ]);
    // A state named after "relations with" in what was said is the other side of the relations spoken of.
    expect(roles('On May 4, Jair Bolsonaro told the press that the US cannot harm ties with India.', 'On May 4', [['Jair Bolsonaro', 'jair-bolsonaro'], ['US', 'united-states'], ['India', 'india']])).toEqual({ 'jair-bolsonaro': 'participant', 'united-states': 'mentioned', india: 'mentioned' });
    const cues = event('On May 4, Jair Bolsonaro told the press that the US cannot harm ties with India.', 'On May 4', [['Jair Bolsonaro', 'jair-bolsonaro'], ['US', 'united-states'], ['India', 'india']]);
    expect(participantsAndPlaces([cues.e], cues.mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), cues.segments, speech).participants.map((p) => p.role_cue)).toEqual(['speaker: “told the press that”', 'told the press that', 'told the press that … “ties with …”']);
    // Outside what was said a capital after "relations with" stays a place.
    const plain = event('On May 4, Brazil improved relations with New Delhi.', 'On May 4', [['Brazil', 'brazil'], ['New Delhi', 'new-delhi']]);
    expect(participantsAndPlaces([plain.e], plain.mentions, types, compileRoleRules(roleVocab), demonymRules(roleVocab), plain.segments, speech, [], capitals).participants.map((p) => p.entity_id)).toEqual(['brazil']);
  });

  it('makes the body of a meeting that is only the occasion "mentioned": on the sidelines of, during', () => {
    const types = new Map([...TYPES, ['sco-forum', 'forum']]);
    const body = { mention_id: 'mn-x', entity_id: 'sco', source_id: SOURCE, span_start: 500, span_end: 503, evidence: 'SCO', mention_kind: 'name', found_by: 'test' };
    const run = (text: string, names: [string, string, string?][]) => {
      const entry = event(text, 'May 4, 2031', names, { chronology: true });
      return participantsAndPlaces([entry.e], [...entry.mentions, body], types, compileRoleRules(roleVocab), demonymRules(roleVocab), entry.segments, speech).participants.map((p) => [p.entity_id, p.role]);
    };
    expect(run('May 4, 2031: Wang Yi meets Lavrov on the sidelines of the SCO energy forum.', [['Wang Yi', 'wang-yi'], ['Lavrov', 'sergei-lavrov'], ['SCO energy forum', 'sco-forum']])).toEqual([['wang-yi', 'participant'], ['sergei-lavrov', 'participant'], ['sco', 'mentioned']]);
    expect(run('May 4, 2031: Wang Yi holds talks with Lavrov during the SCO energy forum.', [['Wang Yi', 'wang-yi'], ['Lavrov', 'sergei-lavrov'], ['SCO energy forum', 'sco-forum']])).toEqual([['wang-yi', 'participant'], ['sergei-lavrov', 'participant'], ['sco', 'mentioned']]);
    // The cue quotes the words as printed.
    const cue = (text: string) => {
      const entry = event(text, 'May 4, 2031', [['Wang Yi', 'wang-yi'], ['Lavrov', 'sergei-lavrov'], ['SCO energy forum', 'sco-forum']], { chronology: true });
      return participantsAndPlaces([entry.e], [...entry.mentions, body], types, compileRoleRules(roleVocab), demonymRules(roleVocab), entry.segments, speech).participants.find((p) => p.entity_id === 'sco')!.role_cue;
    };
    expect(cue('May 4, 2031: Wang Yi meets Lavrov on the sidelines of the SCO energy forum.')).toBe('the body of the meeting that is only the occasion: “on the sidelines of the SCO energy forum”');
    expect(cue('May 4, 2031: Wang Yi holds talks with Lavrov during the SCO energy forum.')).toBe('the body of the meeting that is only the occasion: “during the SCO energy forum”');
    // The body's own meeting: it takes part.
    expect(run('May 4, 2031: The SCO energy forum opens with Wang Yi.', [['SCO energy forum', 'sco-forum'], ['Wang Yi', 'wang-yi']])).toEqual([['wang-yi', 'participant'], ['sco', 'participant']]);
    // A body named itself as the occasion.
    expect(roles('May 4, 2031: Wang Yi and Lavrov meet at the margins of the SCO session.', 'May 4, 2031', [['Wang Yi', 'wang-yi'], ['Lavrov', 'sergei-lavrov'], ['SCO', 'sco']], { chronology: true })).toMatchObject({ sco: 'mentioned' });
  });

  it('makes the states of what a "clarifying that" reports "mentioned"', () => {
    expect(roles('At his talk on May 4, Jair Bolsonaro backed off by clarifying that Brazil had no pact with India.', 'on May 4', [['Jair Bolsonaro', 'jair-bolsonaro'], ['Brazil', 'brazil'], ['India', 'india']])).toEqual({ 'jair-bolsonaro': 'participant', brazil: 'mentioned', india: 'mentioned' });
  });

  it('makes a state after "<place> of" its "location", and the state of a capital that hosts the host', () => {
    expect(roles('In his talk at the forum in Vladivostok of Russia on May 4, Wang Yi spoke.', 'on May 4', [['Vladivostok', 'vladivostok'], ['Russia', 'russia'], ['Wang Yi', 'wang-yi']])).toMatchObject({ russia: 'location' });
    const capitals = new Map([['tashkent', 'uzbekistan']]);
    const { e, mentions, segments } = event('Tashkent hosts the 3rd meeting of the SCO.', 'Nov. 6, 2031', [['Tashkent', 'tashkent'], ['SCO', 'sco']], { chronology: true });
    const got = participantsAndPlaces([e], mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech, [], capitals);
    expect(got.participants.map((p) => [p.entity_id, p.role])).toEqual([['uzbekistan', 'host'], ['sco', 'participant']]);
    expect(got.places.get(String(e.event_id))).toBe('tashkent');
    // A capital that is only where something is held stays a place.
    const plain = event('The SCO meets in Tashkent.', 'Nov. 6, 2031', [['SCO', 'sco'], ['Tashkent', 'tashkent']], { chronology: true });
    expect(participantsAndPlaces([plain.e], plain.mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), plain.segments, speech, [], capitals).participants.map((p) => p.entity_id)).toEqual(['sco']);
  });

  it('takes a chronology entry\'s place from its second sentence when the first names none and the second reports what was done there', () => {
    const place = (text: string, names: [string, string][]) => {
      const { e, mentions, segments } = event(text, 'Nov. 6, 2031', names, { chronology: true });
      return participantsAndPlaces([e], mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech).places.get(String(e.event_id)) ?? null;
    };
    expect(place('Wang Yi visits Russia. The two ministers co-chaired the commission in Vladivostok. He then traveled to Tashkent.', [['Wang Yi', 'wang-yi'], ['Russia', 'russia'], ['Vladivostok', 'vladivostok'], ['Tashkent', 'tashkent']])).toBe('vladivostok');
    // A first sentence's place wins; a future or earlier happening of the second sentence is not the entry's.
    expect(place('Wang Yi meets Lavrov in Tashkent. They held talks in Vladivostok too.', [['Wang Yi', 'wang-yi'], ['Lavrov', 'sergei-lavrov'], ['Tashkent', 'tashkent'], ['Vladivostok', 'vladivostok']])).toBe('tashkent');
    expect(place('Wang Yi visits Russia. The two will hold talks in Vladivostok.', [['Wang Yi', 'wang-yi'], ['Russia', 'russia'], ['Vladivostok', 'vladivostok']])).toBeNull();
    expect(place('Wang Yi visits Russia. Earlier, the two met in Vladivostok.', [['Wang Yi', 'wang-yi'], ['Russia', 'russia'], ['Vladivostok', 'vladivostok']])).toBeNull();
    expect(place('Wang Yi visits Russia. He spoke of the port in Vladivostok.', [['Wang Yi', 'wang-yi'], ['Russia', 'russia'], ['Vladivostok', 'vladivostok']])).toBeNull();
  });

  it('adds the body an exercise is named after, as for a meeting', () => {
    const withBody = event('Freedonia hosted an SCO Joint Drill on Flood Relief on Sept. 4.', 'on Sept. 4', [['Freedonia', 'india'], ['SCO Joint Drill on Flood Relief', 'sco-flood-drill']]);
    const elsewhere = { mention_id: 'mn-x', entity_id: 'sco', source_id: SOURCE, span_start: 500, span_end: 503, evidence: 'SCO', mention_kind: 'name', found_by: 'test' };
    const types = new Map([...TYPES, ['sco-flood-drill', 'exercise']]);
    const { participants } = participantsAndPlaces([withBody.e], [...withBody.mentions, elsewhere], types, compileRoleRules(roleVocab), demonymRules(roleVocab), withBody.segments, speech);
    expect(participants.map((p) => [p.entity_id, p.role])).toEqual([['india', 'host'], ['sco', 'participant']]);
  });

  it('reads a subject pronoun as the one person the sentence before names', () => {
    const first = 'Sergei Lavrov, the foreign minister, said Russia and China were allies. ';
    const told = '“We are allies,” he told a TV channel on Dec. 22.';
    const text = first + told;
    const { e, mentions } = event(text, 'on Dec. 22', [['Sergei Lavrov', 'sergei-lavrov'], ['Russia', 'russia'], ['China', 'china']]);
    const at = first.length;
    Object.assign(e, { span_start: at, span_end: text.length, evidence: told });
    const segments = new Map([[String(e.event_id), { start: at, end: text.length, date_at: text.indexOf('on Dec. 22') }]]);
    const sentence = (n: number, start: number, end: number) => ({ source_id: SOURCE, section: 'narrative', paragraph: 0, sentence: n, span_start: start, span_end: end, evidence: text.slice(start, end) });
    const run = (list: Row[]) => participantsAndPlaces([e], mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech, list).participants.map((p) => [p.entity_id, p.role]);
    expect(run([sentence(0, 0, at - 1), sentence(1, at, text.length)])).toEqual([['sergei-lavrov', 'participant']]);
    // Without the sentence before, no one is guessed.
    expect(run([sentence(1, at, text.length)])).toEqual([]);
  });

  it('gives no role in a chronology entry from a later sentence that a date of its own governs', () => {
    const text = 'New Delhi hosts the meeting. India also hosted an exercise on Sept. 4.';
    const entry = event(text, 'Nov. 8, 2019', [['India', 'india']], { chronology: true });
    const inner = event(text, 'on Sept. 4', [['India', 'india']]);
    inner.segments.set(String(inner.e.event_id), { start: text.indexOf('India'), end: text.length, date_at: text.indexOf('on Sept. 4') });
    const { participants } = participantsAndPlaces([entry.e, inner.e], entry.mentions, TYPES, compileRoleRules(roleVocab), demonymRules(roleVocab), inner.segments, speech);
    expect(participants.map((p) => [p.event_id, p.role])).toEqual([[entry.e.event_id, 'mentioned'], [inner.e.event_id, 'host']]);
    // Without a date of its own, a later sentence still tells of the entry's event ("Trubnikov is chair").
    expect(roles('Moscow hosts the meeting. India also hosted it.', 'Nov. 21, 2019', [['India', 'india']], { chronology: true })).toEqual({ india: 'host' });
  });
});

describe('CAMEO actors follow the same reading', () => {
  const coding = readVocabularyFile(path.join(ROOT, 'schema'), ROOT, 'event_coding.yaml') as unknown as EventCoding;
  const profiles = new Map<string, Row>([
    ['russia', { entity_type: 'state', actor_code: 'RUS' }], ['china', { entity_type: 'state', actor_code: 'CHN' }],
    ['vladimir-putin', { entity_type: 'person', actor_code: 'RUS' }], ['hu-chunhua', { entity_type: 'person', actor_code: 'CHN' }],
    ['vladivostok', { entity_type: 'place', country_alpha3: 'RUS' }], ['iran', { entity_type: 'state', actor_code: 'IRN' }],
    ['sco', { entity_type: 'organization', actor_code: 'IGOSCO' }], ['sco-rats', { entity_type: 'organization', actor_code: 'IGOSCORAT' }],
    ['united-nations', { entity_type: 'organization', actor_code: 'IGOUNO' }], ['sergei-lavrov', { entity_type: 'person', actor_code: 'RUS' }],
  ]);
  const part = (event_id: string, entity_id: string, role = 'participant') => ({ event_id, entity_id, role });
  const ev = (event_type: string, description: string, extra: Row = {}) => ({ event_id: 'e1', event_type, description, section: 'chronology', source_id: SOURCE, span_start: 0, span_end: 1, evidence: description, found_by: 'test', ...extra });

  it('codes a meeting in one party’s state as a visit, the other party visiting', () => {
    const [row] = codeEvents([ev('meeting', 'Putin meets Vice Premier Hu at the forum in Vladivostok.', { place_id: 'vladivostok' })], [part('e1', 'vladimir-putin'), part('e1', 'hu-chunhua')], profiles, coding);
    expect(row).toMatchObject({ cameo_code: '042', cameo_code_reciprocal: '043', plover_mode: 'visit', actor1_entity_id: 'hu-chunhua', actor2_entity_id: 'vladimir-putin', coding_rule: 'meeting /visit_by_place RUS/' });
  });

  it('counts a state\'s own organ beside its official as that state, and a state\'s ambassador there as resident', () => {
    const withOrgans = new Map<string, Row>([...profiles,
      ['kestra-council', { entity_type: 'organization', actor_code: 'RUS', country_alpha3: 'RUS' }], ['orrin-office', { entity_type: 'organization', actor_code: 'CHN', country_alpha3: 'CHN' }],
      ['ivo-sand', { entity_type: 'person', actor_code: 'RUS', name_en: 'Ivo Sand' }],
    ]);
    const [visit] = codeEvents([ev('meeting', 'Putin and Hu co-chair the talks in Vladivostok.', { place_id: 'vladivostok' })], [part('e1', 'vladimir-putin'), part('e1', 'kestra-council'), part('e1', 'hu-chunhua'), part('e1', 'orrin-office')], withOrgans, coding);
    expect(visit).toMatchObject({ cameo_code: '042', actor1_entity_id: 'hu-chunhua', actor2_entity_id: 'vladimir-putin' });
    const [reception] = codeEvents([ev('meeting', 'Reception in Beijing with Hu and Russian Ambassador to Beijing Ivo Sand.', { place_id: 'beijing' })], [part('e1', 'hu-chunhua'), part('e1', 'ivo-sand')], new Map([...withOrgans, ['beijing', { entity_type: 'place', country_alpha3: 'CHN' }]]), coding);
    expect(reception!.cameo_code).not.toBe('042');
  });

  it('takes a body and its parent as one party, the body itself acting', () => {
    const [row] = codeEvents([ev('forum_or_conference', 'Tashkent hosts the conference of the SCO’s RATS. The UN joins.')], [part('e1', 'sco'), part('e1', 'sco-rats'), part('e1', 'united-nations')], profiles, coding);
    expect(row).toMatchObject({ actor1_entity_id: 'sco-rats', actor2_entity_id: 'united-nations' });
  });

  it('never takes an actor from a name that is only mentioned, and says why one is missing', () => {
    const [row] = codeEvents([ev('statement', 'Lavrov warned that Iran cannot be treated so.')], [part('e1', 'sergei-lavrov'), part('e1', 'iran', 'mentioned')], profiles, coding);
    // A statement's target may be what it is about.
    expect(row).toMatchObject({ cameo_code: '010', actor1_entity_id: 'sergei-lavrov', actor2_entity_id: 'iran' });
    const [other] = codeEvents([ev('exercise', 'Drills were held.')], [part('e1', 'iran', 'mentioned')], profiles, coding);
    expect(other).toMatchObject({ cameo_code: '062', actor1_entity_id: null, actor2_entity_id: null });
    expect(other!.coding_rule).toBe('exercise; no actors: the clause names no person, state or body taking part');
    expect(codingRule(null, 'other', false, false)).toMatch(/^none: no typing rule is sure/);
  });

  it('codes what the clause’s verb says: an intended meeting 036, an offer of arms 0312, words told to a medium 010', () => {
    const narrative = (description: string, date_label: string, extra: Row = {}) => ev('meeting', description, { section: 'narrative', date_label, ...extra });
    const [planned] = codeEvents([narrative('On May 5, Moscow intended to combine the next SCO meeting with those of the CIS.', 'On May 5')], [part('e1', 'sco'), part('e1', 'cis', 'proposed')], profiles, coding);
    expect(planned).toMatchObject({ cameo_code: '036', plover_type: 'AGREE', actor1_entity_id: 'sco', actor2_entity_id: null });
    const [held] = codeEvents([narrative('The SCO meeting was held in June 2020.', 'in June 2020')], [part('e1', 'sco')], profiles, coding);
    expect(held!.cameo_code).toBe('040');
    const [offer] = codeEvents([ev('other', 'Russia took the step in May 2015 by suggesting that Russia was willing to build a missile defense system for China.', { section: 'narrative', date_label: 'in May 2015' })], [part('e1', 'russia'), part('e1', 'china')], profiles, coding);
    expect(offer).toMatchObject({ cameo_code: '0312', actor1_entity_id: 'russia', actor2_entity_id: 'china' });
    const [told] = codeEvents([ev('other', '“We are allies,” he told Channel One Russia on Dec. 22.', { section: 'narrative', date_label: 'on Dec. 22' })], [], profiles, coding);
    expect(told!.cameo_code).toBe('010');
  });

  it('codes an intent at the date it was expressed, never at the date of the intended meeting', () => {
    const narrative = (description: string, date_label: string) => ev('meeting', description, { section: 'narrative', date_label });
    const [scheduled] = codeEvents([narrative('Ruritania wants the next SCO meeting, scheduled for March 2031, to add India.', 'March 2031')], [part('e1', 'sco')], profiles, coding);
    expect(scheduled).toMatchObject({ cameo_code: null, plover_type: null });
    expect(scheduled!.coding_rule).toMatch(/^none: the date is the intended happening’s/);
    const [suggested] = codeEvents([narrative('The Russian side suggested that SCO envoys be invited to a joint meeting with the CIS in May 2031.', 'in May 2031')], [part('e1', 'russia'), part('e1', 'cis', 'proposed')], profiles, coding);
    expect(suggested!.cameo_code).toBeNull();
    // Dated when said, the same words are an intent.
    const [said] = codeEvents([narrative('On Feb. 2, the Russian side suggested that SCO envoys be invited to a joint meeting with the CIS.', 'On Feb. 2')], [part('e1', 'russia'), part('e1', 'cis', 'proposed')], profiles, coding);
    expect(said).toMatchObject({ cameo_code: '036', actor1_entity_id: 'russia' });
    // A date between the intent's verb and what it intends is when it was said.
    const [offered] = codeEvents([ev('other', 'Russia offered in October to supply missiles to China.', { section: 'narrative', date_label: 'in October' })], [part('e1', 'russia'), part('e1', 'china')], profiles, coding);
    expect(offered!.cameo_code).toBe('0312');
  });

  it('codes an intent a later sentence of an entry proposes, for a date of its own, on the entry: when it was expressed', () => {
    const text = 'Envoys of the SCO hold their 3rd meeting in Ardenburg. The Ruritanian side suggested that SCO envoys be invited to a joint meeting with the CIS in May 2031.';
    const later = text.indexOf('The Ruritanian');
    const rows = codeEvents(
      [
        ev('meeting', text, { span_start: 0, span_end: text.length }),
        ev('meeting', text.slice(later), { event_id: 'e2', section: 'chronology_text', date_label: 'in May 2031', span_start: later, span_end: text.length }),
      ],
      [part('e1', 'sco'), part('e2', 'russia', 'mentioned'), part('e2', 'cis', 'proposed')],
      profiles,
      coding,
    );
    expect(rows[0]).toMatchObject({ cameo_code: '040', cameo_code_additional: '036' });
    expect(rows[0]!.coding_rule).toContain('; additional 036: clause /');
    expect(rows[1]).toMatchObject({ cameo_code: null, cameo_code_additional: null });
    // The entry's own sentence proposing it, with no date of its own, is not counted again.
    const [alone] = codeEvents([ev('meeting', 'Envoys of the SCO hold their 3rd meeting in Ardenburg.')], [part('e1', 'sco')], profiles, coding);
    expect(alone!.cameo_code_additional).toBeNull();
  });

  it('codes a joint rescue drill of civilian services as material cooperation, a naval one as military', () => {
    const [rescue] = codeEvents([ev('exercise', 'Freedonia hosts a joint exercise on mountain search and rescue for emergency services.')], [part('e1', 'russia', 'host'), part('e1', 'sco')], profiles, coding);
    expect(rescue).toMatchObject({ cameo_code: '060', plover_type: 'COOPERATE', plover_context: null, actor1_entity_id: 'russia', actor2_entity_id: 'sco' });
    const [naval] = codeEvents([ev('exercise', 'The navies hold a joint search and rescue exercise.')], [part('e1', 'russia'), part('e1', 'china')], profiles, coding);
    expect(naval!.cameo_code).toBe('062');
  });

  it('codes no statement at a date that stands in what was said', () => {
    const [row] = codeEvents([ev('statement', 'Lavrov warned of danger for Iran in 2020.', { section: 'narrative', date_label: 'in 2020' })], [{ ...part('e1', 'sergei-lavrov', 'mentioned'), role_cue: 'speaker of words the date is in: “warned of”' }, part('e1', 'iran')], profiles, coding);
    expect(row!.cameo_code).toBeNull();
    expect(row!.coding_rule).toMatch(/^none: the date stands in what was said/);
    // Typed "other" (the date in the object of the warning), the row still says why.
    const [other] = codeEvents([ev('other', 'Lavrov warned of danger for Iran in 2020.', { section: 'narrative', date_label: 'in 2020' })], [{ ...part('e1', 'sergei-lavrov', 'mentioned'), role_cue: 'speaker of words the date is in: “warned of”' }], profiles, coding);
    expect(other!.coding_rule).toMatch(/^none: the date stands in what was said/);
  });

  it('reads a narrative event’s cues from its clause, not its sentence', () => {
    const s = 'The bridge was finished on Nov. 29, while the two countries signed an agreement in 1995.';
    const [row] = codeEvents([ev('other', s, { section: 'narrative', date_label: 'on Nov. 29' })], [], profiles, coding);
    expect(row!.cameo_code_additional).toBeNull();
    // An event no type rule codes takes the signing code from its clause's verb, once.
    const [signed] = codeEvents([ev('other', 'The sides met; they signed an agreement in 1995.', { section: 'narrative', date_label: 'in 1995' })], [], profiles, coding);
    expect(signed).toMatchObject({ cameo_code: '057', cameo_code_additional: null, plover_type: 'SUPPORT' });
    expect(signed!.coding_rule).toMatch(/^verb \//);
    const [held] = codeEvents([ev('other', 'The agreement signed in 1995 still holds.', { section: 'narrative', date_label: 'in 1995' })], [], profiles, coding);
    expect(held!.cameo_code).toBeNull();
  });

  it('takes the person who hosts, not the state his title names, and the speaker as a statement’s actor 1', () => {
    const withXi = new Map([...profiles, ['xi-jinping', { entity_type: 'person', actor_code: 'CHN' }], ['beijing', { entity_type: 'place', country_alpha3: 'CHN' }]]);
    const at = (event_id: string, entity_id: string, span_start: number, span_end: number, role = 'participant') => ({ event_id, entity_id, role, span_start, span_end });
    const [visit] = codeEvents(
      [ev('meeting', 'Chinese President Xi meets a delegation of Russia led by Putin in Beijing.', { place_id: 'beijing' })],
      [at('e1', 'china', 0, 7), at('e1', 'xi-jinping', 0, 20), at('e1', 'russia', 42, 48), at('e1', 'vladimir-putin', 57, 62, 'delegation_head')],
      withXi,
      coding,
    );
    expect(visit).toMatchObject({ cameo_code: '042', actor1_entity_id: 'vladimir-putin', actor2_entity_id: 'xi-jinping' });
    // Anywhere an actor is read, the demonym inside a person's name is no party beside him.
    const [met] = codeEvents(
      [ev('meeting', 'Russian President Putin meets Chinese Vice Premier Hu.')],
      [at('e1', 'russia', 0, 7), at('e1', 'vladimir-putin', 0, 22), at('e1', 'china', 29, 36), at('e1', 'hu-chunhua', 29, 53)],
      withXi,
      coding,
    );
    expect(met).toMatchObject({ actor1_entity_id: 'vladimir-putin', actor2_entity_id: 'hu-chunhua' });
    // A state named on its own stays a party.
    const [states] = codeEvents([ev('meeting', 'Russia meets China.')], [at('e1', 'russia', 0, 6), at('e1', 'china', 13, 18)], withXi, coding);
    expect(states).toMatchObject({ actor1_entity_id: 'russia', actor2_entity_id: 'china' });
    const [said] = codeEvents(
      [ev('statement', 'To fine-tune its policy Lavrov said that Russia and China were allies.')],
      [{ ...part('e1', 'russia', 'mentioned'), role_cue: 'named before the speaker “Lavrov”, no party to what was said' }, { ...part('e1', 'sergei-lavrov'), role_cue: 'speaker: “said that”' }, part('e1', 'china', 'mentioned')],
      profiles,
      coding,
    );
    expect(said).toMatchObject({ actor1_entity_id: 'sergei-lavrov', actor2_entity_id: 'china' });
    // "China’s Envoy Hu": the state that takes part through a person's title is no party beside him.
    const [envoy] = codeEvents(
      [ev('meeting', 'China’s Envoy Hu meets Putin.')],
      [{ ...at('e1', 'china', 0, 5), role_cue: 'through the title of “Envoy Hu”' }, at('e1', 'hu-chunhua', 8, 16), at('e1', 'vladimir-putin', 23, 28)],
      withXi,
      coding,
    );
    expect(envoy).toMatchObject({ actor1_entity_id: 'hu-chunhua', actor2_entity_id: 'vladimir-putin' });
    // A statement's target is the other side of the relations its words speak of, wherever it stands in them.
    const withUS = new Map([...profiles, ['united-states', { entity_type: 'state', actor_code: 'USA' }]]);
    const [told] = codeEvents(
      [ev('statement', 'Lavrov tells reporters that the US cannot harm relations with Beijing.')],
      [{ ...part('e1', 'sergei-lavrov'), role_cue: 'speaker: “tells reporters that”' }, { ...part('e1', 'united-states', 'mentioned'), role_cue: 'tells reporters that' }, { ...part('e1', 'china', 'mentioned'), role_cue: '“Beijing” for its state in what was said: tells reporters that … “relations with …”' }],
      withUS,
      coding,
    );
    expect(told).toMatchObject({ cameo_code: '010', actor1_entity_id: 'sergei-lavrov', actor2_entity_id: 'china' });
    // With no relations spoken of, the first state the words name.
    const [plain] = codeEvents(
      [ev('statement', 'Lavrov tells reporters that the US and China are wrong.')],
      [{ ...part('e1', 'sergei-lavrov'), role_cue: 'speaker: “tells reporters that”' }, { ...part('e1', 'united-states', 'mentioned'), role_cue: 'tells reporters that' }, { ...part('e1', 'china', 'mentioned'), role_cue: 'tells reporters that' }],
      withUS,
      coding,
    );
    expect(plain!.actor2_entity_id).toBe('united-states');
  });
});

describe('names that share a subject, a destination or a delegation', () => {
  const types = new Map([...TYPES, ['ardenburg', 'place']]);
  const run = (sentence: string, date: string, names: [string, string, string?][], segmentFrom = 0, extra: Row[] = [], placeStates = new Map<string, string>()) => {
    const { e, mentions } = event(sentence, date, names);
    const segments = new Map([[String(e.event_id), { start: segmentFrom, end: sentence.length, date_at: sentence.indexOf(date) }]]);
    return participantsAndPlaces([e], [...mentions, ...extra], types, compileRoleRules(roleVocab), demonymRules(roleVocab), segments, speech, [], new Map(), placeStates).participants.map((p) => [p.entity_id, p.role, p.role_cue]);
  };

  it('makes every traveller named together as the subject a visitor', () => {
    const got = run('Bolsonaro and Hu also travelled to Ardenburg on May 3 for the summit.', 'on May 3', [['Bolsonaro', 'jair-bolsonaro'], ['Hu', 'hu-chunhua'], ['Ardenburg', 'ardenburg']]);
    expect(got).toEqual([
      ['jair-bolsonaro', 'visitor', 'also travelled to (shared with “Hu”, names joined as one subject)'],
      ['hu-chunhua', 'visitor', 'also travelled to'],
    ]);
    // A name that is no part of the subject keeps its own role.
    expect(roles('Bolsonaro met Hu, and Putin travelled to Iran on May 3.', 'on May 3', [['Bolsonaro', 'jair-bolsonaro'], ['Hu', 'hu-chunhua'], ['Putin', 'vladimir-putin'], ['Iran', 'iran']])).toEqual({ 'jair-bolsonaro': 'participant', 'hu-chunhua': 'participant', 'vladimir-putin': 'visitor', iran: 'host' });
  });

  it('makes the state of the place travelled to the host, where the source names that state', () => {
    const iranElsewhere: Row = { mention_id: 'mn-x', entity_id: 'iran', source_id: SOURCE, span_start: 500, span_end: 504, evidence: 'Iran', mention_kind: 'name', found_by: 'test' };
    const s = 'Bolsonaro travelled to Ardenburg on May 3 for talks.';
    const names: [string, string][] = [['Bolsonaro', 'jair-bolsonaro'], ['Ardenburg', 'ardenburg']];
    expect(run(s, 'on May 3', names, 0, [iranElsewhere], new Map([['ardenburg', 'iran']]))).toEqual([
      ['jair-bolsonaro', 'visitor', 'travelled to'],
      ['iran', 'host', 'the state of the destination “travelled to Ardenburg”'],
    ]);
    // A state the source never names is no row of it; a place only named is no destination.
    expect(run(s, 'on May 3', names, 0, [], new Map([['ardenburg', 'iran']]))).toEqual([['jair-bolsonaro', 'visitor', 'travelled to']]);
    expect(run('Bolsonaro praised Ardenburg on May 3.', 'on May 3', names, 0, [iranElsewhere], new Map([['ardenburg', 'iran']]))).toEqual([['jair-bolsonaro', 'participant', null]]);
  });

  it('makes the state a demonym before a delegation noun names the party that sent it', () => {
    expect(roles('Trade began with the first Brazilian mission to Ardenburg in 1702.', 'in 1702', [['Brazilian', 'brazil', 'demonym']])).toEqual({ brazil: 'participant' });
    expect(roles('The Iranian embassy opened in 1702.', 'in 1702', [['Iranian', 'iran', 'demonym']])).toEqual({ iran: 'participant' });
    // A demonym before another noun names no party.
    expect(roles('Trade in Brazilian coffee began in 1702.', 'in 1702', [['Brazilian', 'brazil', 'demonym']])).toEqual({});
  });

  it('makes the subject of coordinated verbs the agent of each one’s event', () => {
    const s = 'The SCO founded a fund in May 2031 and held its first session on June 3, 2031 in Tashkent.';
    const from = s.indexOf(' and held');
    expect(run(s, 'on June 3, 2031', [['SCO', 'sco'], ['Tashkent', 'tashkent']], from)).toEqual([['sco', 'participant', 'subject of the sentence, shared by “and held”']]);
    // A verb with a subject of its own has its own agent.
    const own = 'The SCO founded a fund in May 2031 and India held its first session on June 3, 2031.';
    expect(run(own, 'on June 3, 2031', [['SCO', 'sco'], ['India', 'india']], own.indexOf(' and India'))).toEqual([['india', 'participant', null]]);
    // A name that is no subject of the sentence is shared by nothing.
    const object = 'Members praised the SCO in May 2031 and held a session on June 3, 2031.';
    expect(run(object, 'on June 3, 2031', [['SCO', 'sco']], object.indexOf(' and held'))).toEqual([]);
  });
});

describe('the visit’s actors', () => {
  const coding = readVocabularyFile(path.join(ROOT, 'schema'), ROOT, 'event_coding.yaml') as unknown as EventCoding;
  const profiles = new Map<string, Row>([
    ['russia', { entity_type: 'state', actor_code: 'RUS' }], ['iran', { entity_type: 'state', actor_code: 'IRN' }],
    ['vladimir-putin', { entity_type: 'person', actor_code: 'RUS' }], ['hu-chunhua', { entity_type: 'person', actor_code: 'CHN' }], ['hassan-rouhani', { entity_type: 'person', actor_code: 'IRN' }],
  ]);
  const part = (entity_id: string, role = 'participant') => ({ event_id: 'e1', entity_id, role });
  const ev = (description: string) => ({ event_id: 'e1', event_type: 'visit', description, section: 'chronology', source_id: SOURCE, span_start: 0, span_end: 1, evidence: description, found_by: 'test' });

  it('takes no co-traveller as the host: travellers named together are all visitors', () => {
    const [row] = codeEvents([ev('Hu and Putin travelled to Ardenburg for the summit.')], [part('hu-chunhua', 'visitor'), part('vladimir-putin', 'visitor')], profiles, coding);
    expect(row).toMatchObject({ cameo_code: '042', actor1_entity_id: 'hu-chunhua', actor2_entity_id: null, coding_rule: 'visit; no actor 2: the parties named travel together, and the clause names no host' });
  });

  it('takes the state of the destination as the host, through the person of it the clause names', () => {
    const [row] = codeEvents([ev('Hu and Putin travelled to Ardenburg and met Rouhani.')], [part('hu-chunhua', 'visitor'), part('vladimir-putin', 'visitor'), part('iran', 'host'), part('hassan-rouhani')], profiles, coding);
    expect(row).toMatchObject({ actor1_entity_id: 'hu-chunhua', actor2_code: 'IRN', actor2_entity_id: 'hassan-rouhani' });
    const [alone] = codeEvents([ev('Hu travelled to Ardenburg.')], [part('hu-chunhua', 'visitor'), part('iran', 'host')], profiles, coding);
    expect(alone).toMatchObject({ actor1_entity_id: 'hu-chunhua', actor2_entity_id: 'iran' });
  });
});
