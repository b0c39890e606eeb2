import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFormIndex, extractMentions } from '../pipeline/extract/mentions.ts';
import { abbreviates, acronymsAfterLowercase, extractNames, nameKey, type NameFinding } from '../pipeline/extract/names.ts';
import { loadRegistry } from '../pipeline/lib/registry.ts';
import { readVocabularyFile, type Titles } from '../pipeline/lib/resources.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import { discoverEntities, discoveredId, discoveredPeople, oneEditApart, resolveMentions } from '../pipeline/normalize/mentions.ts';
import { ROOT } from './helpers.ts';

const registry = loadRegistry(path.join(ROOT, 'sources'), ROOT);
const index = buildFormIndex(registry);
const titles = readVocabularyFile(path.join(ROOT, 'schema'), ROOT, 'titles.yaml') as unknown as Titles;
const types = new Map(registry.entities.map((e) => [e.id, e.type as string]));
/** A paragraph of prose after a first line, as a chapter has. */
const names = (prose: string): NameFinding[] => extractNames({ id: 't', text: new IndexedText(`Heading Of A Test\n\n${prose}\n`) }, index, titles, types);
const found = (prose: string) => names(prose).map((n) => [n.form, n.entity_kind]);

describe('the name finder', () => {
  it('finds a name after a title and calls it a person, with the title as its role and cue', () => {
    const [n] = names('On Monday, Borvian Premier Ola Nord arrived in the capital.');
    expect(n).toMatchObject({ form: 'Ola Nord', surface: 'Borvian Premier Ola Nord', role: 'Borvian Premier', entity_kind: 'person', cue: 'title: Borvian Premier' });
  });

  it('gives a name the kind of its head noun, and unknown when no cue is sure', () => {
    expect(found('Officials of the Kestrian Ministry of Coastal Affairs met the Coral Fleet and Brannock near the Gulf of Orrin.')).toEqual([
      ['Kestrian Ministry of Coastal Affairs', 'organization'],
      ['Coral Fleet', 'armed_force'],
      ['Brannock', 'unknown'],
      ['Gulf of Orrin', 'place'],
    ]);
  });

  it('makes an acronym defined in parentheses an alias of the name it abbreviates, wherever it stands', () => {
    const found = names('The leaders launched the Northern Lantern Forum (NLF) in May. Later the NLF met again.');
    expect(found.map((n) => [n.form, n.form_kind, n.key])).toEqual([
      ['Northern Lantern Forum', 'name', 'northern lantern forum'],
      ['NLF', 'alias', 'northern lantern forum'],
      ['NLF', 'alias', 'northern lantern forum'],
    ]);
    expect(found[0]!.cue).toBe('head_noun: Forum; acronym_defined: NLF');
    expect(abbreviates('EAEU', 'Eurasian Economic Union')).toBe(true);
    expect(abbreviates('NLF', 'Amber Coast Summit')).toBe(false);
  });

  it('lets the longest name win: a registry city inside a university is no mention of the city', () => {
    const [n] = names('Students of Moscow State University joined the exchange.');
    expect(n).toMatchObject({ form: 'Moscow State University', entity_kind: 'organization', cue: 'head_noun: University' });
    expect(n!.supersedes).toHaveLength(1);
    // Moscow alone stays the registry's.
    expect(names('The delegation flew to Moscow on Monday.')).toEqual([]);
  });

  it('never makes a discovered entity of a registry form, a state of ISO 3166, a month or a sentence-initial common word', () => {
    expect(found('Following the talks, Chinese Premier Li Keqiang flew to Moscow in September. Representatives of Uruguay and the United States of America came too.')).toEqual([]);
  });

  it('reads a word only ever seen at the start of a sentence as a common word, and a name seen inside one as a name', () => {
    expect(found('Reportedly the talks went well. Tolan agreed. The next day Tolan left.')).toEqual([['Tolan', 'unknown'], ['Tolan', 'unknown']]);
    expect(found('Reportedly the talks went well.')).toEqual([]);
  });

  it('folds case, possessives, hyphens and "the" into one key, and derives a stable id from it', () => {
    expect(nameKey('the Port-Amsel’s')).toBe('port amsel');
    expect(nameKey('Amber Coast summit')).toBe(nameKey('Amber Coast Summit'));
    expect(discoveredId('ines halvard')).toBe('d-ines-halvard');
    expect(discoveredId('мария')).toMatch(/^d-[0-9a-f]{12}$/);
    expect(oneEditApart('ines halvard', 'ines halvord')).toBe(true);
    expect(oneEditApart('ines halvard', 'ines harvord')).toBe(false);
  });
});

describe('discovered entities of one text', () => {
  it('merge a name printed two ways (a hyphen, one letter) and a lone surname into one entity, with a note', () => {
    const found = names(
      'Valdorian President Marek Tolan met Ines Halvard in Port Amsel. Tolan’s aides praised Port-Amsel. One report had Ines Halvord, and Ines Halvard laughed.',
    );
    const { entities, resolved } = discoverEntities(found);
    expect(entities.map((e) => [e.entity_id, e.kind])).toEqual([
      ['d-ines-halvard', 'unknown'],
      ['d-marek-tolan', 'person'],
      ['d-port-amsel', 'unknown'],
    ]);
    expect(entities.find((e) => e.entity_id === 'd-ines-halvard')!.note).toBe('Printed 2 ways in t: "Ines Halvard" (line 3), "Ines Halvord" (line 3); "Ines Halvard" is used.');
    expect(entities.find((e) => e.entity_id === 'd-port-amsel')!.note).toContain('"Port-Amsel"');
    const tolan = resolved.filter((r) => r.entity_id === 'd-marek-tolan').map((r) => [r.finding.form, r.finding.form_kind]);
    expect(tolan).toEqual([['Marek Tolan', 'name'], ['Tolan', 'short_form']]);
    expect(resolved.every((r) => r.status === 'discovered')).toBe(true);
  });

  it('leave the kind unknown when two mentions give different cues', () => {
    const { entities } = discoverEntities(names('Professor Ada Corvin spoke. The Ada Corvin Institute replied.').map((n) => ({ ...n, key: 'ada corvin', entity_kind: n.entity_kind })));
    expect(entities[0]).toMatchObject({ kind: 'unknown' });
    expect(entities[0]!.cue).toMatch(/^conflicting cues: /);
  });
});

describe('names next to the registry', () => {
  it('read a misspelt name before a registry acronym as that registry entity', () => {
    const [n] = names('Leaders met at the Shanghai Cooperative Organization (SCO) summit in July.');
    expect(n).toMatchObject({ form: 'Shanghai Cooperative Organization', form_kind: 'alias', registry_id: 'sco' });
  });

  it('start a body\'s name at the demonym before it, and keep a month that ends a person\'s name', () => {
    expect(found('The money went into the Russian Direct Investment Fund, said Theresa May in May 2019.')).toEqual([
      ['Russian Direct Investment Fund', 'organization'],
      ['Theresa May', 'unknown'],
    ]);
  });

  it('keep a year after the head of an exercise as part of its name', () => {
    expect(found('The drill, code-named Peace Mission 2005, began in August.')).toEqual([['Peace Mission 2005', 'exercise']]);
  });
});

describe('the name finder on the front matter and the edges of names', () => {
  const withMeta = (text: string, title: string | null, authors: { family: string; given: string; affiliation?: string }[] = []): string[][] =>
    extractNames({ id: 't', text: new IndexedText(text) }, index, titles, types, null, title, authors).map((n) => [n.form, n.entity_kind, n.cue]);

  it('reads the chapter headline (the title or its part after a colon) as title case: a name there needs the prose', () => {
    const text = 'Pomp, Blunders, and Substance: Tolan’s Visit to the U.S.\n\nTolan arrived at the Orrin Harbour Institute on Monday.\n';
    const got = withMeta(text, 'Borvia-US Relations: Pomp, Blunders, and Substance: Tolan’s Visit to the U.S.');
    expect(got.map((g) => g[0])).not.toContain('Blunders');
    expect(got.map((g) => g[0])).not.toContain('Substance');
    expect(got.map((g) => g[0])).toContain('Orrin Harbour Institute');
    // Without the title the same line is prose-like and its words stay candidates: the rule comes from the metadata.
    expect(withMeta(text, null).map((g) => g[0])).toContain('Blunders');
    // Even a head noun in the headline proves nothing ("Not the Best of Times").
    expect(withMeta('Not The Best Of Times\n\nThe talks went on.\n', 'Borvia-Kestria Relations: Not The Best Of Times')).toEqual([]);
  });

  it('names the authors and the parts of their affiliations where the text prints them, with the metadata as the cue', () => {
    const text = 'Connect with the Authors\n\nOla J. Nord\nInstitute for Coastal Studies, Orrin Harbour University\n\nThe talks went on.\n';
    expect(withMeta(text, null, [{ family: 'Nord', given: 'Ola J.', affiliation: 'Institute for Coastal Studies, Orrin Harbour University' }])).toEqual([
      ['Ola J. Nord', 'person', 'author: source.yaml'],
      ['Institute for Coastal Studies', 'organization', 'affiliation: source.yaml'],
      ['Orrin Harbour University', 'organization', 'affiliation: source.yaml'],
    ]);
    // A title among the parts ("Associate Fellow") names no body; a slash parts them as a comma does.
    const titled = 'Connect with the Author\n\nOla J. Nord\nAssociate Fellow, Kestra Institute/Orrin Harbour Forum\n\nThe talks went on.\n';
    expect(withMeta(titled, null, [{ family: 'Nord', given: 'Ola J.', affiliation: 'Associate Fellow, Kestra Institute/Orrin Harbour Forum' }])).toEqual([
      ['Ola J. Nord', 'person', 'author: source.yaml'],
      ['Kestra Institute', 'organization', 'affiliation: source.yaml'],
      ['Orrin Harbour Forum', 'organization', 'affiliation: source.yaml'],
    ]);
  });

  it('keeps a place named after "of" at the end of a body or a meeting inside that name, and a body before a meeting or a treaty', () => {
    expect(found('She spoke at the German Marshall Fund of the U.S. last week.')).toEqual([['German Marshall Fund of the U.S.', 'organization']]);
    expect(found('Officials prepared the Regular Meeting of the Prime Ministers of Russia and China in October.')).toEqual([['Regular Meeting of the Prime Ministers of Russia and China', 'forum']]);
    expect(found('Leaders met at the 11th BRICS Summit in the capital.')).toEqual([['BRICS Summit', 'forum']]);
    expect(found('The claims were found illegal under the UN Convention on the Law of the Sea, the panel said.')).toEqual([['UN Convention on the Law of the Sea', 'treaty']]);
  });

  it('drops a lower-case prefix, a possessive, a compass word, an adjective of religion before a noun, and two names joined by a hyphen', () => {
    expect(found('A reporter from a pro-Falun Gong paper shouted.')).toEqual([['Falun Gong', 'unknown']]);
    expect(found('The delegates of the Chinese Communist Party’s Central Committee came.').map((f) => f[0])).not.toContain('Chinese Communist Party’s');
    expect(found('They spoke of Eastern Orrinia in 2005.')).toEqual([['Eastern Orrinia', 'unknown']]);
    expect(found('They spoke of the Northeast in 2005.')).toEqual([]);
    expect(found('Officials deplored southern Thai Muslim deaths in the clashes.')).toEqual([]);
    expect(found('Later Tolan met Brannock. The Tolan-Brannock summit was a success.')).toEqual([['Tolan', 'unknown'], ['Brannock', 'unknown']]);
    // A hyphenated name before a year is an exercise when its last part is an exercise's head.
    expect(found('In late August the SCO held the Peace-mission 2018 exercise.')).toContainEqual(['Peace-mission 2018', 'exercise']);
  });

  it('splits "X-Y" before a word for a meeting or a tie into the two parties, even when neither is printed alone', () => {
    expect(found('After the Tolan-Brannock summit both sides were pleased.')).toEqual([['Tolan', 'unknown'], ['Brannock', 'unknown']]);
    expect(names('After the Tolan-Brannock summit both sides were pleased.').map((n) => n.cue)).toEqual(['hyphen_pair: summit', 'hyphen_pair: summit']);
    // Before other words the pair stays one name.
    expect(found('They visited the Tolan-Brannock Museum.').map((f) => f[0])).toEqual(['Tolan-Brannock Museum']);
  });

  it('keeps a generic word before the singular head of a force or a place, an Arabic article, a command "in" its region, and drops an office "of" a body', () => {
    expect(found('Munitions abandoned by the Imperial Army remain.')).toEqual([['Imperial Army', 'armed_force']]);
    expect(found('The drills were held in the East Military District of the country.')).toEqual([['East Military District', 'place']]);
    expect(found('Officials warned that al-Qaeda had regrouped.')).toEqual([['al-Qaeda', 'unknown']]);
    expect(found('He met the Kestrian Forces in the Orrin Sea last year.')).toEqual([['Kestrian Forces in the Orrin Sea', 'armed_force']]);
    expect(found('A visit by the Commander of the Coral Fleet, Adm. Ola Nord, was short.')).toEqual([['Coral Fleet', 'armed_force'], ['Ola Nord', 'person']]);
    // Heads alone, and a plural head, still name nothing.
    expect(found('The Military District was quiet.')).toEqual([]);
  });

  it('reads a word after a sentence closed inside brackets as sentence-initial, and a name after "the" as no city', () => {
    expect(found('The line was disputed (as it always was.)  Concerned that the talks would fail, they left.')).toEqual([]);
    const pacific = names('He commanded the fleet in the Pacific for years.');
    expect(pacific.map((n) => [n.form, n.locative])).toEqual([['Pacific', false]]);
    // Right after the preposition, with no "the", a name is read as a place of the gazetteer's kind.
    expect(names('Officials flew to Brannock for talks.').map((n) => [n.form, n.locative])).toEqual([['Brannock', true]]);
  });
});

describe('names the journal prints around a number, a ship, a coordination or a lower-case head', () => {
  const withTitle = (text: string, title: string | null): NameFinding[] => extractNames({ id: 't', text: new IndexedText(text) }, index, titles, types, null, title);

  it('reads a number before the head of a meeting as one meeting of a series, but no number before a name', () => {
    expect(names('The Kestrian Labour Party’s 12th Congress elected him.').map((n) => [n.form, n.entity_kind, n.cue])).toContainEqual(['12th Congress', 'unknown', 'ordinal: 12th']);
    expect(found('Delegates met at the 3rd Plenum in the spring.')).toEqual([['3rd Plenum', 'forum']]);
    // The number is no part of a name that stands without it.
    expect(found('Leaders met at the 11th BRICS Summit in the capital.')).toEqual([['BRICS Summit', 'forum']]);
    expect(found('The Congress met in 12 sessions.')).toEqual([]);
  });

  it('reads a lone "Congress" inside a sentence as the legislature only in a chapter on the United States', () => {
    // The relationship line's parties are names of their own (tested below); here only the prose counts.
    const prose = (ns: NameFinding[]) => ns.filter((n) => n.cue !== 'relationship_line');
    const text = 'US - Kestria\n\nThe treasury sent its report to Congress in May.\n';
    expect(prose(withTitle(text, 'Tolan’s Visit to Kestria')).map((n) => [n.form, n.entity_kind])).toEqual([['Congress', 'organization']]);
    expect(prose(withTitle('Borvia - Kestria\n\nThe ministry sent its report to Congress in May.\n', 'Tolan’s Visit to Kestria')).map((n) => n.form)).toEqual([]);
    // A title that names the US outside the relationship is no chapter on the US; a relationship title is.
    expect(prose(withTitle('Borvia - Kestria\n\nThe ministry sent its report to Congress in May.\n', 'Borvia-Kestria Relations: Tolan Rejects US Claims')).map((n) => n.form)).toEqual([]);
    expect(prose(withTitle('Politics\n\nThe ministry sent its report to Congress in May.\n', 'US-Kestria Relations: Tolan’s Visit')).map((n) => n.form)).toEqual(['Congress']);
    // Where the text names another state's Congress, a lone one may be either.
    expect(prose(withTitle('US - Kestria\n\nThe Philippine Congress met. The treasury sent its report to Congress in May.\n', null)).map((n) => n.form)).not.toContain('Congress');
    // Where the text names it in full, the lone word is that name.
    const full = prose(withTitle('US - Kestria\n\nThe bill passed the U.S. Congress in May, and Congress adjourned.\n', null)).map((n) => [n.form, n.key]);
    expect(full).toEqual([
      ['U.S. Congress', 'u s congress'],
      ['Congress', 'u s congress'],
    ]);
    // After a name it is that name's body, not the US legislature.
    expect(prose(withTitle('US - Kestria\n\nThe bill went to the Tolan Congress in May.\n', null)).map((n) => n.form)).toEqual(['Tolan Congress']);
    // A text that prints no relationship line is on the United States when its source.yaml says so.
    const bare = 'Politics\n\nThe treasury sent its report to Congress in May.\n';
    const declared = (relationship: string[]) => extractNames({ id: 't', text: new IndexedText(bare) }, index, titles, types, null, 'Tolan’s Visit', [], relationship).map((n) => n.form);
    expect(declared(['USA', 'CHN'])).toEqual(['Congress']);
    expect(declared(['KOR', 'CHN'])).toEqual([]);
  });

  it('keeps a state before the word for a ship in the ship\'s name, and the state is no mention of its own', () => {
    const [n] = names('The visit of the U.S. Navy Frigate Orrin Star was brief.');
    expect(n).toMatchObject({ form: 'U.S. Navy Frigate Orrin Star', cue: 'vessel: Frigate' });
    expect(n!.supersedes).toHaveLength(1);
  });

  it('keeps a two-party prefix of registry names on a code\'s name', () => {
    const [n] = names('Talks went on over a China-Kestria Code of Conduct for the strait.');
    expect(n).toMatchObject({ form: 'China-Kestria Code of Conduct', entity_kind: 'treaty' });
  });

  it('keeps two registry names joined by a hyphen before a name as words of that name, but makes no name of them before a common word', () => {
    const [n] = names('Both backed the China-GCC Free Trade Area from the start.');
    expect(n).toMatchObject({ form: 'China-GCC Free Trade Area' });
    expect(n!.supersedes).toHaveLength(1);
    expect(found('Officials praised the U.S.-China Friendship Hall in the capital.').map((f) => f[0])).toEqual(['U.S.-China Friendship Hall']);
    expect(found('Scholars met to discuss US-China Relations in depth.').map((f) => f[0])).not.toContain('US-China Relations');
  });

  it('reads a compass word coordinated before a region as that region\'s compass part', () => {
    const korea = names('Envoys from North and South Korea met in the spring.');
    expect(korea.map((n) => [n.form, n.registry_id, n.cue])).toEqual([['North', 'north-korea', 'coordination: North and South Korea']]);
    const orrinia = names('Ferries serve Northeast and Southeast Orrinia daily.');
    expect(orrinia.map((n) => [n.form, n.key])).toEqual([
      ['Northeast', 'northeast orrinia'],
      ['Southeast Orrinia', 'southeast orrinia'],
    ]);
    // Two words that are not compass parts are left alone.
    expect(names('Ferries serve Tolan and Southeast Orrinia daily.').map((n) => n.key)).toEqual(['tolan', 'southeast orrinia']);
  });

  it('reads a registry meeting printed with its head in lower case after "the" or a number, not after "an"', () => {
    expect(names('Leaders gathered at the Eastern Economic forum in Vladivostok.').map((n) => [n.form, n.registry_id])).toEqual([['Eastern Economic forum', 'eastern-economic-forum']]);
    expect(names('Leaders gathered at the 5th Eastern Economic forum.').map((n) => n.registry_id)).toEqual(['eastern-economic-forum']);
    expect(names('He spoke first. The Eastern Economic forum opened on Monday.').map((n) => n.registry_id)).toEqual(['eastern-economic-forum']);
    expect(names('Leaders hoped for an Eastern Economic forum of their own.').map((n) => n.registry_id)).not.toContain('eastern-economic-forum');
  });

  it('drops capitalised letters at the end of a text cut inside a word', () => {
    expect(extractNames({ id: 't', text: new IndexedText('Heading Of A Test\n\nIn the old port of Orrin, the envoys said that Tolan and his Bra') }, index, titles, types).map((n) => n.form)).toEqual(['Orrin', 'Tolan']);
    expect(extractNames({ id: 't', text: new IndexedText('Heading Of A Test\n\nIn the old port of Orrin, the envoys said that Tolan met Brannock.') }, index, titles, types).map((n) => n.form)).toEqual(['Orrin', 'Tolan', 'Brannock']);
    // A last line that is a byline or a heading is whole.
    expect(extractNames({ id: 't', text: new IndexedText('Heading Of A Test\n\nIn the old port of Orrin, the envoys said that Tolan met Brannock.\n\nOrrin Harbour University') }, index, titles, types).map((n) => n.form)).toContain('Orrin Harbour University');
  });
});

describe('names around titles, offices and coordinations met in other chapters', () => {
  it('keeps a registry short form (a bare surname) inside a longer name as a word of it, and lets it win where it stands alone', () => {
    const [n, ...rest] = names('Vice Premier Wang Yang met the delegation. Later Wang spoke, and President Xi replied.');
    expect(rest).toEqual([]);
    expect(n).toMatchObject({ form: 'Wang Yang', entity_kind: 'person', role: 'Vice Premier', cue: 'title: Vice Premier' });
    expect(n!.supersedes).toHaveLength(2);
  });

  it('reads an office of a registry body before a name as that person\'s title, and makes no name of the office', () => {
    const [n, ...rest] = names('They met as Chief of the General Staff of the PLA Oren Valdt came to visit.');
    expect(rest).toEqual([]);
    expect(n).toMatchObject({ form: 'Oren Valdt', entity_kind: 'person', role: 'Chief of the General Staff of the PLA' });
  });

  it('reads an office of its own before a rank, and two titled names joined by "and", as titles of persons', () => {
    expect(names('A visit by Chief of Naval Operations Adm. Oren Valdt followed.').map((n) => [n.form, n.entity_kind, n.role])).toEqual([['Oren Valdt', 'person', 'Chief of Naval Operations Adm.']]);
    expect(names('Secretary of State Ola Nord and State Councilor Bram Kessel opened the talks.').map((n) => [n.form, n.entity_kind, n.role])).toEqual([
      ['Ola Nord', 'person', 'Secretary of State'],
      ['Bram Kessel', 'person', 'State Councilor'],
    ]);
  });

  it('gives a plural title to every name it lists, and no title to a name after it that has none', () => {
    expect(names('In April, Foreign Ministers Ola Nord, Bram Kessel and Ivo Lamb met.').map((n) => [n.form, n.entity_kind, n.role])).toEqual([
      ['Ola Nord', 'person', 'Foreign Minister'],
      ['Bram Kessel', 'person', 'Foreign Minister'],
      ['Ivo Lamb', 'person', 'Foreign Minister'],
    ]);
    expect(names('President Ola Nord and Ivo Lamb met.').map((n) => [n.form, n.entity_kind])).toEqual([
      ['Ola Nord', 'person'],
      ['Ivo Lamb', 'unknown'],
    ]);
  });

  it('reads a name coordinated with "and" before its acronym as one name, there and wherever the words recur', () => {
    const found = names('The sides held the Strategic and Maritime Dialogue (S&MD) in May. The next Strategic and Maritime Dialogue is in June.');
    expect(found.map((n) => [n.form, n.form_kind, n.key])).toEqual([
      ['Strategic and Maritime Dialogue', 'name', 'strategic and maritime dialogue'],
      ['S&MD', 'alias', 'strategic and maritime dialogue'],
      ['Strategic and Maritime Dialogue', 'name', 'strategic and maritime dialogue'],
    ]);
  });

  it('starts a name of its own at a designation after a force, names a branch after the registry force it belongs to, and skips the citation\'s volume and issue', () => {
    expect(found('The US Navy P-8 Poseidon flew near the PLA Navy frigate.')).toEqual([
      ['US Navy', 'armed_force'],
      ['P-8 Poseidon', 'unknown'],
      ['PLA Navy', 'armed_force'],
    ]);
    expect(found('It appeared in Volume 18, Issue 2 of the journal.')).toEqual([]);
  });
});

describe('names of a second reading of other chapters', () => {
  it('keeps a capitalised generic word before the singular head of a meeting inside a sentence ("the Senior Dialogue")', () => {
    expect(found('The fourth round of the Senior Dialogue gave senior officials a chance to talk.')).toEqual([['Senior Dialogue', 'forum']]);
  });

  it('makes no name of a lone capital, a spelled ordinal, a plural of a state after "two", or a common acronym of the field', () => {
    expect(found('Its purpose was to split Borvia and the U.S, and thus weaken the alliance.')).toEqual([['Borvia', 'unknown']]);
    expect(found('The missiles flew on the Fourth of July, and the two Koreas said nothing of EEZ claims or ICBMs.')).toEqual([]);
  });

  it('makes no name of a holiday', () => {
    expect(found('Ola Nord gave his New Year address, and the talks paused for the Lunar New Year and Christmas.')).toEqual([['Ola Nord', 'unknown']]);
  });

  it('reads two names joined by a slash before their head as one name, keyed by the first with the head', () => {
    const got = names('Incidents near the Amber/Orrin Islands grew. Borvia wants three of the Amber Islands.');
    expect(got.map((n) => [n.form, n.key, n.entity_kind])).toEqual([
      ['Amber/Orrin Islands', 'amber islands', 'place'],
      ['Amber Islands', 'amber islands', 'place'],
    ]);
  });

  it('reads the words before the office of a city or a province as a place the text names', () => {
    expect(names('A row sparked by Kestra Mayor Ola Nord’s remarks grew.').map((n) => [n.form, n.entity_kind, n.cue])).toEqual([
      ['Kestra', 'place', 'office: Mayor'],
      ['Ola Nord', 'person', 'title: Kestra Mayor'],
    ]);
  });
});

describe('a demonym at the start of a name', () => {
  it('is only a word of the name of a university, a school, a fund or a foundation, which supersedes it', () => {
    const [u] = names('She teaches at American University in the capital.');
    expect(u).toMatchObject({ form: 'American University', entity_kind: 'organization' });
    expect(u!.supersedes).toHaveLength(1);
    const [g] = names('She works at the German Marshall Fund of the U.S. now.');
    expect(g).toMatchObject({ form: 'German Marshall Fund of the U.S.', entity_kind: 'organization' });
    expect(g!.supersedes).toHaveLength(2);
    const [f] = names('The Russian Direct Investment Fund paid.');
    expect(f).toMatchObject({ form: 'Russian Direct Investment Fund', entity_kind: 'organization' });
    expect(f!.supersedes).toHaveLength(1);
    const [i] = names('Analysts at the American Enterprise Institute said so.');
    expect(i).toMatchObject({ form: 'American Enterprise Institute', entity_kind: 'organization' });
    expect(i!.supersedes).toHaveLength(1);
  });
});

describe('a registry name joined by a hyphen to a word of another name', () => {
  it('takes only its own part of the word: "Kuala Lumpur-Singapore" leaves "Kuala Lumpur" whole', () => {
    expect(names('The Kuala Lumpur-Singapore rail link was cancelled.').map((n) => n.form)).toEqual(['Kuala Lumpur']);
    expect(names('The Singapore-Kuala Lumpur rail link was cancelled.').map((n) => n.form)).toEqual(['Kuala Lumpur']);
    expect(names('The Russia-China summit opened.')).toEqual([]);
    // An acronym joined to a registry name names a pair of parties, and a connector before it makes no plain name.
    expect(names('The 50th Year of ASEAN-Japan Friendship and Cooperation opened.').map((n) => n.form)).not.toContain('Year of ASEAN');
  });

  it('leaves a lone adjective of religion after it no name ("Thai Muslim deaths")', () => {
    expect(found('The Thai Muslim deaths rose.')).toEqual([]);
  });
});

describe('names of a third reading of other chapters', () => {
  it('makes no name of a range of months ("July-August") and starts the next name after it', () => {
    expect(found('In July-August Borvan militias fought. The July-August war ended.')).toEqual([['Borvan', 'unknown']]);
  });

  it('reads an office that runs on through "for" to the field it ends with ("Affairs") as the title of the two words after it', () => {
    expect(names('Later, Deputy Defense Undersecretary for Asia and Pacific Affairs Ola Nord announced the bill.').map((n) => [n.form, n.entity_kind, n.role])).toEqual([
      ['Ola Nord', 'person', 'Deputy Defense Undersecretary for Asia and Pacific Affairs'],
    ]);
  });

  it('splits two names of two words or more joined by a hyphen', () => {
    expect(found('It outlives the Ola Nord-Bram Kessel “special relationship.”')).toEqual([
      ['Ola Nord', 'unknown'],
      ['Bram Kessel', 'unknown'],
    ]);
  });

  it('reads the body named before an office, with the state printed before it, as a body the text names', () => {
    const got = names('He met Japan Coastal Agency Director General Ola Nord on Monday.');
    expect(got.map((n) => [n.form, n.entity_kind])).toEqual([
      ['Japan Coastal Agency', 'organization'],
      ['Ola Nord', 'person'],
    ]);
    expect(got[0]!.supersedes).toHaveLength(1);
  });

  it('reads the parts of the relationship line that opens a web edition as names, though it is a heading', () => {
    const got = (text: string) => extractNames({ id: 't', text: new IndexedText(text) }, index, titles, types).map((n) => [n.form, n.entity_kind, n.cue]);
    expect(got('Borvia - Southeast Asia\n\nMay 2022 — Apr 2023\n\nThe talks went on.\n')).toEqual([
      ['Borvia', 'unknown', 'relationship_line'],
      ['Southeast Asia', 'place', 'relationship_line'],
    ]);
    expect(got('China - Russia\n\nSep — Dec 2019\n\nThe talks went on.\n')).toEqual([]);
  });

  it('ends a force\'s name before "on" and the place it is on', () => {
    expect(found('They applauded the draw down of U.S. Marines on Okinawa.').map(([form]) => form)).toEqual(['U.S. Marines', 'Okinawa']);
  });

  it('makes no name of the subtitle after a registry publication\'s name and a colon', () => {
    expect(found('It is extracted from Comparative Connections: A Triannual E-Journal of Bilateral Relations in the region.')).toEqual([]);
  });
});

describe('names a review of the new rules found lost or made up', () => {
  it('keeps a body\'s name that ends in a plural title ("House of Representatives", "Council of Ministers")', () => {
    expect(found('The bill passed the House of Representatives and went to the Council of Ministers.').map(([form]) => form)).toEqual(['House of Representatives', 'Council of Ministers']);
    expect(found('The National Governors Association met.').map(([form]) => form)).toEqual(['National Governors Association']);
  });

  it('keeps a registry surname before a body\'s head as that person\'s mention, no new name ("the Xi Administration")', () => {
    expect(found('The Xi Administration acted.')).toEqual([]);
  });

  it('reads a command after an office of a registry force as the force\'s name, no person', () => {
    expect(found('Commander of the PLA Eastern Theater Command visited Kestra.').map(([, kind]) => kind)).not.toContain('person');
  });

  it('takes no adjective before a governor\'s office for a place, and no R&D for a name', () => {
    expect(names('Provincial Governor Ola Nord spoke of R&D.').map((n) => [n.form, n.entity_kind])).toEqual([['Ola Nord', 'person']]);
  });
});

describe('names the fourth development set found lost or made up', () => {
  it('keeps a whole name that ends in a possessive although a registry surname is one of its words ("Vice Premier Wang Yang’s")', () => {
    expect(found('There were visits, including Vice Premier Wang Yang’s to discuss trade.')).toEqual([['Wang Yang', 'person']]);
    // A registry surname alone is still the registry's.
    expect(found('Wang’s visit was long.')).toEqual([]);
  });

  it('keeps an "and" inside a parenthesis that spells out the acronym before it, and only there', () => {
    const got = names('Kestra weighed joining the NLIB (Northern Lantern and Investment Bank) that spring.');
    expect(got.map((n) => n.form)).toEqual(['NLIB', 'Northern Lantern and Investment Bank']);
    expect(got[1]).toMatchObject({ entity_kind: 'organization', cue: 'head_noun: Bank' });
    expect(found('The talks (Trade and Investment) went on.').map(([form]) => form)).toEqual(['Trade', 'Investment']);
  });

  it('ends a body\'s name at its head noun before a given name and a surname: the person named after it holds its office', () => {
    const got = names('A visit to Kestra by Commander of the Borvian Coastal Command Samuel Oddny followed.').filter((n) => n.form !== 'Kestra');
    expect(got.map((n) => [n.form, n.entity_kind])).toEqual([['Borvian Coastal Command', 'armed_force'], ['Samuel Oddny', 'person']]);
    expect(got[1]!.cue).toBe('title: Commander of the Borvian Coastal Command');
    // Not where the words after the head are no given name.
    expect(found('The Borvian Coastal Command Oddny Station opened.').map(([form]) => form)).not.toContain('Oddny Station');
  });

  it('takes a word seen only at the start of a sentence for a name when it is a city of a million or more', () => {
    expect(found('Seoul’s stance on the matter drew criticism.').map(([form]) => form)).toEqual(['Seoul']);
    // Not a smaller city, nor a word the gazetteer does not hold.
    expect(found('Victoria agreed to it.')).toEqual([]);
    expect(found('Kestravia agreed to it.')).toEqual([]);
  });

  it('takes no capital joined by a hyphen to a lower-case word for a name ("a policy U-turn")', () => {
    expect(found('In a policy U-turn, Ola Nord told Kestra no.').map(([form]) => form)).toEqual(['Ola Nord', 'Kestra']);
  });

  it('reads the lower-case words before "(ACRONYM)" as the one regular expression it replaces does, on every kind of string', () => {
    const reference = (d: string): [string[], string][] => [...d.matchAll(/((?:\p{Ll}[\p{Ll}-]*\s+){1,5})\(([\p{Lu}]{2,})\)/gu)].map((m) => [m[1]!.trim().split(/\s+/), m[2]!]);
    // Pieces that make every case: words, hyphens at a word's start, runs of more than five words, capitals
    // before a word, letters outside the BMP, parentheses with too few capitals, tabs and line ends.
    const pieces = ['a', 'bc', 'z', '-', ' ', '  ', '\n', '\t', '(', ')', 'AB', 'MD', 'X', '.', 'é', '𝑎', 'ß', '(US)', '(U)', ' six words of lower case text ', 'The '];
    let seed = 11;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    let matches = 0;
    for (let i = 0; i < 20000; i++) {
      let d = '';
      for (let k = 1 + next(24); k > 0; k--) d += pieces[next(pieces.length)];
      const want = reference(d);
      matches += want.length;
      expect(acronymsAfterLowercase(d), JSON.stringify(d)).toEqual(want);
    }
    expect(matches).toBeGreaterThan(1000);
    // As the expression does, a run of words may start inside a capitalised word: "Plans" gives "lans", "Defense" "efense".
    expect(acronymsAfterLowercase('Plans for missile defense (MD) and Area Defense (THAAD).')).toEqual([[['lans', 'for', 'missile', 'defense'], 'MD'], [['efense'], 'THAAD']]);
  });
});

describe('a surname that is a registry short form', () => {
  const read = (prose: string, withDiscovered = true) => {
    const source = { id: 't', text: new IndexedText(`Heading Of A Test\n\n${prose}\n`) };
    const names = extractNames(source, index, titles, types).filter((n) => !n.registry_id);
    // Longest name wins, as normalize/mentions reads them: the "Wang" of "Wang Yu-chi" is no short form.
    const superseded = new Set(names.flatMap((n) => n.supersedes.map(([a, b]) => `${a}:${b}`)));
    const found = extractMentions(source, index, titles, new Set(registry.entities.filter((e) => e.type === 'person').map((e) => e.id))).filter((f) => !superseded.has(`${f.name_start_raw}:${f.name_end_raw}`));
    const { resolved: ofDiscovered, entities } = discoverEntities(names);
    const { resolved, curation } = resolveMentions(found, [], undefined, withDiscovered ? discoveredPeople(ofDiscovered, entities) : []);
    return { shorts: resolved.filter((m) => m.finding.form_kind === 'short_form').map((m) => [m.finding.form, m.entity_id, m.resolution, m.status ?? 'curated']), curation: curation.map((c) => c.surface), candidates: curation.map((c) => c.candidates) };
  };

  it('names a person the source names in full the registry does not hold, by the rules that name a registry one', () => {
    const prose = 'Minister Wang Yu-chi visited Nanjing on Feb. 11. Wang and his host spoke for an hour.';
    expect(read(prose)).toMatchObject({ shorts: [['Wang', 'd-wang-yu-chi', 'same_paragraph', 'discovered']], curation: [] });
    // Without the discovered persons, the registry's three Wangs leave it to a curator.
    expect(read(prose, false)).toMatchObject({ shorts: [], curation: ['Wang'] });
  });

  it('is not the registry\'s only person of that surname when the source names another in full', () => {
    // The registry holds one Xi; a source that names Xi Mingze in full, after the bare "Xi", leaves it to a curator.
    const listed = read('Xi spoke first. Later Professor Xi Mingze spoke in Boston.');
    expect(listed.shorts).toEqual([]);
    // The curator sees both: the registry's Xi and the one the source names.
    expect(listed.candidates).toEqual([['xi-jinping', 'd-xi-mingze']]);
    expect(read('Xi spoke first.').shorts).toEqual([['Xi', 'xi-jinping', 'only_candidate', 'curated']]);
  });
});

describe('a run that ends with a title', () => {
  it('names an office, not a thing; an acronym before the title is the body whose office it is', () => {
    expect(names('Beijing condemned it in a UNSC President’s Statement.').map((n) => [n.form, n.entity_kind, n.cue])).toEqual([['UNSC', 'organization', 'office: President']]);
    expect(names('The talks were led by the KMT Chairman in Taipei.').map((n) => n.form)).toContain('KMT');
    // A title after a known name or a common word is no body's name of its own.
    expect(names('Beijing condemned it in a US President’s statement.').map((n) => n.form)).toEqual([]);
    expect(names('They met the Deputy Chairman yesterday.').map((n) => n.form)).toEqual([]);
  });
});
