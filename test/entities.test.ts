import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_ID, buildInto, copySources, FIXTURES, ROOT, SCHEMA, tempPaths } from './helpers.ts';
import { readCsv } from './load.ts';

const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);
const table = (name: string) => readCsv(path.join(release, `${name}.csv`));
const entities = new Map(table('entities').map((e) => [e.entity_id!, e]));
const events = table('events');
const mentions = table('mentions');
const participants = table('event_participants');
const codes = new Map(table('event_codes').map((c) => [c.event_id!, c]));
const names = table('entity_names');
/** The rows of entity_names for an entity in a language, in the order the text first gives them. */
const namesOf = (rows: typeof names, id: string, language: string) => rows.filter((n) => n.entity_id === id && n.language === language);
const eventBy = (label: string, words: string) => events.find((e) => e.date_label === label && e.description!.includes(words))!;

describe('entities from the article', () => {
  it('take Chinese and Russian names from the text, with pinyin and BGN/PCGN, as rows of entity_names', () => {
    expect(entities.get('hu-chunhua')).toMatchObject({ entity_type: 'person', role: 'Chinese Vice Premier', country_alpha3: 'CHN', country_alpha2: 'CN' });
    expect(namesOf(names, 'hu-chunhua', 'zh')[0]).toMatchObject({ name: '胡春华', romanized: 'Hú Chūnhuá', script: 'Hani' });
    expect(namesOf(names, 'yang-jiechi', 'zh')[0]).toMatchObject({ name: '杨洁篪', romanized: 'Yáng Jiéchí' });
    expect(namesOf(names, 'nikolai-patrushev', 'ru')[0]).toMatchObject({ name: 'Николай Патрушев', romanized: 'Nikolay Patrushev', script: 'Cyrl' });
    expect(entities.get('center-2019')).toMatchObject({ entity_type: 'exercise' });
    expect(namesOf(names, 'center-2019', 'ru')[0]).toMatchObject({ name: 'Центр-2019', romanized: 'Tsentr-2019' });
    expect(namesOf(names, 'heihe', 'zh')[0]).toMatchObject({ name: '黑河', romanized: 'Hēihé' });
  });

  it('keep the article\'s two spellings of one name, each a row, and say so', () => {
    expect(namesOf(names, 'andrey-denisov', 'ru').map((n) => [n.name, n.romanized])).toEqual([
      ['Андрей Денисов', 'Andrey Denisov'],
      ['Андре́й Дени́сов', 'Andrey Denisov'],
    ]);
    expect(entities.get('andrey-denisov')!.note).toContain('Андре́й Дени́сов');
  });

  it('read roles as the article states them', () => {
    expect(entities.get('li-keqiang')!.role).toBe('Chinese Premier');
    expect(entities.get('dmitry-medvedev')!.role).toBe('Russian Prime Minister');
    expect(entities.get('sergei-lavrov')!.role).toBe('Russian Foreign Minister');
    expect(entities.get('nikolai-patrushev')!.role).toBe('secretary of the Security Council of the Russian Federation');
    expect(entities.get('sergei-karaganov')!.role).toBe('Honorary Chairman of the Russian Council on Foreign and Defense Policy in Moscow');
    expect(entities.get('vasily-kashin')!.role).toBe('a Moscow-based expert on military-strategic affairs');
    expect(entities.get('geng-shuang')!.role).toBe('Chinese Foreign Ministry spokesman');
    // A title before the name is preferred to an appositive after it.
    expect(entities.get('andrey-denisov')!.role).toBe('Russian Ambassador to Beijing');
  });

  it('place the right Blagoveshchensk, and leave places the gazetteer lacks without invented coordinates', () => {
    expect(entities.get('blagoveshchensk')).toMatchObject({ geonames_id: '2026609', country_alpha2: 'RU' });
    expect(Number(entities.get('blagoveshchensk')!.longitude)).toBeCloseTo(127.54, 1);
    for (const id of ['tongjiang', 'nizhneleninskoye']) {
      const e = entities.get(id)!;
      expect(e.latitude, id).toBe('');
      expect(e.coordinates_source, id).not.toBe('');
    }
    for (const e of entities.values()) {
      if (e.latitude) expect(e.coordinates_source, e.entity_id).not.toBe('');
      if (e.entity_type !== 'place') expect(e.latitude, e.entity_id).toBe('');
    }
  });

  it('code actors: ISO alpha-3 for states and people, a documented code for organizations', () => {
    expect(entities.get('china')!.actor_code).toBe('CHN');
    expect(entities.get('vladimir-putin')!.actor_code).toBe('RUS');
    const actorCodes = readFileSync(path.join(ROOT, 'schema', 'vocabularies', 'actor_codes.yaml'), 'utf8');
    for (const id of ['sco', 'brics']) {
      const code = entities.get(id)!.actor_code!;
      expect(code).toMatch(/^[A-Z]{3,}/);
      expect(actorCodes).toContain(code);
    }
  });
});

describe('mentions', () => {
  it('re-slice to their words and resolve short forms by context', () => {
    const article = Array.from(readFileSync(path.join(ROOT, 'sources', ARTICLE_ID, '000_fa4ab24074eee98d.txt'), 'utf8'));
    for (const m of mentions) expect(article.slice(Number(m.span_start), Number(m.span_end)).join('')).toBe(m.evidence);
    const short = (label: string, words: string, surface: string) => {
      const ev = eventBy(label, words);
      return mentions.find((m) => m.event_id === ev.event_id && m.surface === surface)!;
    };
    expect(short('Dec. 19, 2019', 'telephone talks', 'Wang').entity_id).toBe('wang-yi');
    expect(short('Nov. 23, 2019', 'Osaka', 'Wang').entity_id).toBe('wang-yi');
    // "Li and Medvedev hold talks on the evening of Nov. 1": the entry's second sentence, dated by itself,
    // so its mention is of that sentence's event; the short form is still Li Keqiang.
    const entry = eventBy('Nov. 2-3, 2019', 'Tashkent');
    const inEntry = mentions.find((m) => m.surface === 'Li' && Number(m.span_start) >= Number(entry.span_start) && Number(m.span_end) <= Number(entry.span_end))!;
    expect(inEntry.entity_id).toBe('li-keqiang');
    expect(events.find((e) => e.event_id === inEntry.event_id)!.date_start).toBe('2019-11-01');
    expect(mentions.filter((m) => m.surface === 'Wang' && !m.event_id).every((m) => m.entity_id === 'wang-haiyun')).toBe(true);
  });

  it('count "Li", "Li Keqiang" and "Chinese Premier Li Keqiang" as mentions of one person', () => {
    const surfaces = new Set(mentions.filter((m) => m.entity_id === 'li-keqiang').map((m) => m.surface));
    expect(surfaces).toContain('Li');
    expect(surfaces).toContain('Chinese Premier Li Keqiang');
    expect(entities.get('li-keqiang')!.mention_count).toBe(String(mentions.filter((m) => m.entity_id === 'li-keqiang').length));
  });

  it('include the original-language forms as mentions in their language', () => {
    const zh = mentions.find((m) => m.surface === '胡春华')!;
    expect(zh).toMatchObject({ entity_id: 'hu-chunhua', mention_kind: 'original_name', language: 'zh' });
  });
});

describe('event participants, places and codes', () => {
  it('make every person named in a chronology entry a participant of its event', () => {
    const people = new Set([...entities.values()].filter((e) => e.entity_type === 'person').map((e) => e.entity_id));
    const has = new Set(participants.map((p) => `${p.event_id}|${p.entity_id}`));
    let checked = 0;
    for (const m of mentions) {
      if (m.event_id && people.has(m.entity_id!)) {
        expect(has.has(`${m.event_id}|${m.entity_id}`), `${m.surface} in ${m.event_id}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('assign roles by rule: visitor and host, co-chairs', () => {
    const visit = eventBy('Sept. 16–18, 2019', 'Li Keqiang');
    const roleOf = (ev: string, id: string) => participants.find((p) => p.event_id === ev && p.entity_id === id)?.role;
    expect(roleOf(visit.event_id!, 'li-keqiang')).toBe('visitor');
    expect(roleOf(visit.event_id!, 'dmitry-medvedev')).toBe('host');
    const consult = eventBy('Dec. 4, 2019', 'Yang Jiechi');
    expect(roleOf(consult.event_id!, 'yang-jiechi')).toBe('co_chair');
    expect(roleOf(consult.event_id!, 'nikolai-patrushev')).toBe('co_chair');
  });

  it('give events the place the entry names after "in" or "at"', () => {
    expect(eventBy('Sept. 5, 2019', 'Hu Chunhua').place_id).toBe('vladivostok');
    expect(eventBy('Nov. 23, 2019', 'Osaka').place_id).toBe('osaka');
  });

  it('code events in CAMEO and PLOVER with actors, as a flat GDELT-style row', () => {
    const visit = codes.get(eventBy('Sept. 16–18, 2019', 'Li Keqiang').event_id!)!;
    expect(visit).toMatchObject({ cameo_code: '042', cameo_code_reciprocal: '043', cameo_root: '04', plover_type: 'CONSULT', plover_mode: 'visit', actor1_code: 'CHN', actor2_code: 'RUS' });
    const call = codes.get(eventBy('Dec. 19, 2019', 'telephone talks').event_id!)!;
    expect(call).toMatchObject({ cameo_code: '041', actor1_code: 'CHN', actor2_code: 'RUS', plover_mode: 'phone' });
    expect(codes.get(eventBy('Dec. 16, 2019', 'Security Council').event_id!)!.cameo_code).toBe('0254');
    expect(codes.get(eventBy('Dec. 27-30, 2019', 'naval exercise').event_id!)!.cameo_code).toBe('062');
    expect(codes.size).toBe(events.length);
  });
});

describe('a second source with people the registry lacks', () => {
  let curator: Record<string, unknown>[] = [];
  let release2 = '';
  beforeAll(async () => {
    const sources = copySources([path.join(ROOT, 'sources', 'registry'), path.join(FIXTURES, 'ardenia-borvia-fixture')]);
    const paths = tempPaths(sources);
    await buildInto(paths);
    curator = readFileSync(path.join(paths.build, 'curation', 'curator-list.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // The curator adds what the list asks for, and builds again.
    writeFileSync(
      path.join(sources, 'registry', 'test-additions.yaml'),
      'entities:\n  - { id: kel, type: person, name: Kel, country: ARD }\n  - { id: ola-nord, type: person, name: Ola Nord, country: BRV }\n  - { id: borvia, type: state, name: Borvia, country: BRV, unlisted_code: fictional }\n  - { id: ardenia, type: state, name: Ardenia, country: ARD, unlisted_code: fictional }\n',
    );
    release2 = (await buildInto(tempPaths(sources))).releaseDir;
  });

  it('lists its unknown names for a curator instead of guessing', () => {
    // The names the registry lacks are discovered entities (their originals attached to them), each on the list.
    const discovered = curator.filter((c) => c.kind === 'discovered_entity').map((c) => [c.surface, (c.candidates as string[])[0]]);
    expect(discovered).toEqual(expect.arrayContaining([['Kel', 'd-kel'], ['Ola Nord', 'd-ola-nord']]));
    // Only a parenthesis that is no name is still listed as an original without an entity.
    expect(curator.filter((c) => c.kind === 'original_name_without_entity').map((c) => c.surface)).toEqual(['Basic Multilingual Plane (😀, 𠀀, 🌊)']);
  });

  it('produces its own entities and mentions once the registry has them', () => {
    const ents = new Map(readCsv(path.join(release2, 'entities.csv')).map((e) => [e.entity_id!, e]));
    const names2 = readCsv(path.join(release2, 'entity_names.csv'));
    expect(ents.has('kel')).toBe(true);
    expect(namesOf(names2, 'kel', 'zh')[0]).toMatchObject({ name: '凯尔', romanized: 'Kǎi Ěr' });
    expect(ents.get('ola-nord')).toMatchObject({ role: 'Borvian Premier' });
    expect(namesOf(names2, 'ola-nord', 'ru')[0]).toMatchObject({ name: 'Ола Норд', romanized: 'Ola Nord' });
    const parts = readCsv(path.join(release2, 'event_participants.csv'));
    expect(parts.some((p) => p.entity_id === 'ola-nord')).toBe(true);
  });
});

describe('what a careful reader checked', () => {
  const byId = new Map(events.map((e) => [e.event_id!, e]));
  const narrativeAt = (label: string, words: string) => events.find((e) => e.section === 'narrative' && e.date_label === label && e.description!.includes(words))!;
  const participantsOf = (id: string) => new Map(participants.filter((p) => p.event_id === id).map((p) => [p.entity_id!, p.role!]));

  it('codes a killing by drones as force used by its agent, not as cooperation', () => {
    const e = narrativeAt('On Jan. 2, 2020', 'Soleimani');
    expect(e).toMatchObject({ event_type: 'attack', event_type_cue: 'killed', place_id: 'baghdad' });
    expect(codes.get(e.event_id!)).toMatchObject({ cameo_code: '195', plover_type: 'ASSAULT', actor1_code: 'USA', actor2_code: 'IRN' });
  });

  it('takes a chronology entry\'s place, chair and host from its first sentence', () => {
    const e = eventBy('Nov. 8, 2019', 'New Delhi hosts');
    expect(e.place_id).toBe('new-delhi');
    const roles = participantsOf(e.event_id!);
    expect(roles.get('amit-shah')).toBe('chair');
    // "New Delhi hosts …": a capital that hosts makes its state the host.
    expect(roles.get('india')).toBe('host');
  });

  it('gives a narrative date only its part of the sentence', () => {
    expect(narrativeAt('on Dec. 9', 'Expert Working Group').place_id).toBe('beijing');
    expect(narrativeAt('on Oct. 31-Nov. 1', 'Expert Working Group').place_id).toBe('moscow');
    const trump = narrativeAt('on Dec. 10', 'Kissinger');
    expect(participantsOf(trump.event_id!).has('henry-kissinger')).toBe(false);
    expect(participantsOf(trump.event_id!).has('donald-trump')).toBe(true);
  });

  it('codes a delegation\'s visit from the visitor, and an appeal to the body appealed to', () => {
    const visit = codes.get(eventBy('Nov. 25, 2019', 'delegation').event_id!)!;
    expect(visit).toMatchObject({ cameo_code: '042', actor1_code: 'RUS', actor2_code: 'CHN' });
    const appeal = codes.get(eventBy('Dec. 16, 2019', 'Security Council').event_id!)!;
    expect(appeal.actor2_entity_id).toBe('un-security-council');
    void byId;
  });

  it('reads 朝 in 马朝旭 as the article\'s "Zhaoxu" spells it, and notes the "Mao" it misspells', () => {
    expect(namesOf(names, 'mao-zhaoxu', 'zh')[0]).toMatchObject({ name: '马朝旭', romanized: 'Mǎ Zhāoxù' });
    expect(entities.get('mao-zhaoxu')!.note).toContain('"Mao" does not spell 马 (mǎ)');
  });
});
