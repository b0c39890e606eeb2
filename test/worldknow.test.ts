/**
 * World knowledge from libraries: every state of ISO 3166-1 from
 * i18n-iso-countries under the registry's own entries, country codes checked
 * against it, and cities from the gazetteer for names the registry lacks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFormIndex, extractMentions, type Titles } from '../pipeline/extract/mentions.ts';
import { isPipelineError, type PipelineError } from '../pipeline/lib/errors.ts';
import { PLACE_MIN_POPULATION, PLACE_WORD_EXEMPT_POPULATION, placeKnown, placeVerdict } from '../pipeline/lib/gazetteer.ts';
import { LIBRARY, loadRegistry, stateId } from '../pipeline/lib/registry.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import { buildEntities } from '../pipeline/normalize/entities.ts';
import { resolveMentions } from '../pipeline/normalize/mentions.ts';
import { ROOT, tempDir } from './helpers.ts';
import { readCsv } from './load.ts';

const registry = loadRegistry(path.join(ROOT, 'sources'), ROOT);
const titles: Titles = { heads: ['President'], qualifiers: [], connectors: ['of'], appositive_heads: [] };
const people = new Set(registry.entities.filter((e) => e.type === 'person').map((e) => e.id));
const index = buildFormIndex(registry);

/** The entity each name of a small text resolves to, in text order. */
function resolve(text: string): [string, string | null][] {
  const findings = extractMentions({ id: 't', text: new IndexedText(text) }, index, titles, people);
  return resolveMentions(findings).resolved.map((r) => [r.finding.form, r.entity_id]);
}

/** A sources/ folder with one registry file. */
function registryDir(yaml: string, file = 'test.yaml'): string {
  const sources = path.join(tempDir('crr-worldknow-'), 'sources');
  mkdirSync(path.join(sources, 'registry'), { recursive: true });
  writeFileSync(path.join(sources, 'registry', file), yaml);
  return sources;
}

function errorOf(fn: () => unknown): PipelineError {
  try {
    fn();
  } catch (e) {
    if (isPipelineError(e)) return e;
    throw e;
  }
  throw new Error('expected a PipelineError');
}

describe('states from i18n-iso-countries', () => {
  it('holds every state the library knows, with its alpha-3 code, whether or not the registry lists it', () => {
    const japan = registry.entities.find((e) => e.country === 'JPN' && e.type === 'state')!;
    expect(japan).toMatchObject({ id: 'japan', type: 'state', name: 'Japan', library: LIBRARY, file: LIBRARY });
    const korea = registry.byId.get('south-korea')!;
    expect(korea.aliases).toEqual(expect.arrayContaining(['ROK', 'Republic of Korea']));
    // All but the few whose only names are common words; a state whose name is also a first name is
    // held with that name as a form matched only standing alone.
    const codes = new Set(registry.entities.filter((e) => e.type === 'state').map((e) => e.country));
    expect(codes.size).toBeGreaterThan(240);
    for (const c of ['TCD', 'JOR', 'GEO', 'ISR', 'DMA']) expect(codes.has(c)).toBe(true);
    expect(registry.entities.find((e) => e.country === 'ISR')).toMatchObject({ id: 'israel', name: 'Israel', standalone_forms: ['Israel'], demonyms: ['Israeli'] });
    expect(codes.has('JEY')).toBe(false);
  });

  it('lets a registry entry override the library: its id, name and demonyms win, the library adds aliases', () => {
    const us = registry.byId.get('united-states')!;
    expect(us).toMatchObject({ name: 'United States', country: 'USA', file: 'sources/registry/states.yaml', library: LIBRARY });
    expect(us.aliases).toEqual(expect.arrayContaining(['US', 'United States of America', 'USA', 'U.S.']));
    expect(registry.byId.get('china')!.demonyms).toEqual(['Chinese']);
    expect(registry.byId.get('united-kingdom')!.name).toBe('UK');
    // One entity per code: the library adds no second China.
    expect(registry.entities.filter((e) => e.country === 'CHN' && e.type === 'state').map((e) => e.id)).toEqual(['china']);
  });

  it('keeps the id of every state the released data holds', () => {
    const released = readCsv(path.join(ROOT, 'dist', 'china-russia-relations', '1.12.0', 'entities.csv')).filter((r) => r.entity_type === 'state');
    expect(released.length).toBeGreaterThan(20);
    for (const r of released) expect(registry.byId.get(r.entity_id!)?.country, r.entity_id).toBe(r.country_alpha3);
  });

  it('gives a library state the id rule of states.yaml: its common name in full, slugged', () => {
    expect(stateId('The Netherlands')).toBe('netherlands');
    expect(stateId("Côte d'Ivoire")).toBe('cote-d-ivoire');
    const stateOf = (code: string) => registry.entities.find((e) => e.country === code && e.type === 'state')!;
    expect(stateOf('CIV').id).toBe('cote-d-ivoire');
    expect(stateOf('NLD').id).toBe('netherlands');
    // A catalogue form ("Korea, Republic of") is never a form; a state with only catalogue forms gets a prose name.
    expect(registry.entities.some((e) => e.aliases.includes('Korea, Republic of'))).toBe(false);
    expect(stateOf('VGB').name).toBe('British Virgin Islands');
  });

  it('makes a name two library states share a short form of each', () => {
    const congos = registry.entities.filter((e) => e.short_forms.includes('Congo')).map((e) => e.country).sort();
    expect(congos).toEqual(['COD', 'COG']);
  });

  it('never takes a form from the library that a registry entity uses', () => {
    const sources = registryDir('entities:\n  - { id: hong-kong-region, type: place, name: Hong Kong, country: CHN, place_kind: region }\n');
    const r = loadRegistry(sources, path.dirname(sources));
    expect(r.entities.filter((e) => [e.name, ...e.aliases].includes('Hong Kong')).map((e) => e.id)).toEqual(['hong-kong-region']);
  });

  it('makes no row and no curator item of a library state no source mentions', () => {
    const { rows, curation } = buildEntities(registry, [], new Map());
    expect(rows).toEqual([]);
    const unused = new Set(curation.filter((c) => c.kind === 'registry_entry_unused').flatMap((c) => c.candidates));
    expect(unused.has('japan')).toBe(false);
    expect(unused.has('china')).toBe(false); // a registry entry over a library state: the library knows it anyway
    expect(unused.has('yugoslavia')).toBe(true); // the library does not know it
    expect(unused.has('xi-jinping')).toBe(true);
  });
});

describe('variants of one state resolve to one entity', () => {
  it.each([
    ['united-states', 'The US and the U.S. and the United States and the USA and the United States of America met.'],
    ['north-korea', "DPRK, North Korea and the Democratic People's Republic of Korea met."],
    ['south-korea', 'ROK, South Korea and the Republic of Korea met.'],
    ['russia', 'The Russian Federation and Russia met.'],
    ['china', "The People's Republic of China, the PRC and China met."],
  ])('%s', (id, text) => {
    const found = resolve(text);
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(new Set(found.map(([, e]) => e))).toEqual(new Set([id]));
  });

  it('matches "US" but never the pronoun "us"', () => {
    expect(resolve('Let us see what the US does.')).toEqual([['US', 'united-states']]);
  });

  it('does not read "America" inside the name of a region of the Americas as the United States', () => {
    expect(resolve('From South America and Latin America to the US.')).toEqual([['US', 'united-states']]);
  });

  it('takes no state from the library by a name that is a common word', () => {
    expect(resolve('They met in New Jersey, not in Japan.')).toEqual([['Japan', 'japan']]);
  });

  it('reads a state whose name is also a first name only where the name stands alone', () => {
    expect(resolve('Chad, Jordan, Israel and Georgia met. Israel said no, and Israeli envoys left.')).toEqual([
      ['Chad', 'chad'],
      ['Jordan', 'jordan'],
      ['Israel', 'israel'],
      ['Georgia', 'georgia'],
      ['Israel', 'israel'],
      ['Israeli', 'israel'],
    ]);
    // Inside a person's or a place's name, or joined by a hyphen, the name is that longer name's.
    expect(resolve('Michael Jordan, Michael J. Jordan and Israel Epstein saw the Jordan River and Georgia-Pacific.')).toEqual([]);
  });

  it('reads a demonym from i18n-nationality as its state, but not after a compass word or "Latin", and not one two states share', () => {
    expect(resolve('Thai and Malaysian leaders met the South American and Latin American envoys.')).toEqual([
      ['Thai', 'thailand'],
      ['Malaysian', 'malaysia'],
    ]);
    // Nor inside a longer demonym ("Papua New Guinean", "Inner Mongolian", "Asian American"); a pair joined by a hyphen names both.
    expect(resolve('Papua New Guinean, Inner Mongolian and Asian American groups met.').map(([, e]) => e)).toEqual([]);
    expect(resolve('Sino-Russian ties and the Indian-Pakistani border.').map(([, e]) => e)).toContain('russia');
    const byDemonym = registry.entities.filter((e) => e.demonyms.includes('Thai')).map((e) => e.id);
    expect(byDemonym).toEqual(['thailand']);
    // A registry state keeps its own demonyms, and no demonym of the library is given to two states.
    const all = registry.entities.flatMap((e) => e.demonyms);
    expect(all.length).toBe(new Set(all).size);
  });

  it('matches a state only the library knows, by any of its English names', () => {
    expect(resolve('Viet Nam? No: Vietnam, Czechia and the Czech Republic.').map(([, e]) => e)).toEqual(['vietnam', 'czechia', 'czechia']);
  });
});

describe('country codes are checked', () => {
  it('refuses a code the library does not know, naming file, line and value', () => {
    const sources = registryDir('entities:\n  - id: kel\n    type: person\n    name: Kel\n    country: XQZ\n');
    const e = errorOf(() => loadRegistry(sources, path.dirname(sources)));
    expect(e.code).toBe('registry/unknown-country');
    expect(e.details).toMatchObject({ file: 'sources/registry/test.yaml', line: 5, value: 'XQZ' });
  });

  it('accepts a code a registry state declares unlisted, for every entity that uses it', () => {
    const sources = registryDir(
      'entities:\n  - { id: ardenia, type: state, name: Ardenia, country: ARD, unlisted_code: fictional }\n  - { id: kel, type: person, name: Kel, country: ARD }\n',
    );
    const r = loadRegistry(sources, path.dirname(sources));
    expect(r.byId.get('kel')!.country).toBe('ARD');
    expect(r.byId.get('ardenia')!.unlisted_code).toBe('fictional');
  });

  it('refuses an unlisted_code on a code the library knows, or on an entity that is not a state', () => {
    const known = errorOf(() => loadRegistry(registryDir('entities:\n  - { id: x, type: state, name: X, country: CHN, unlisted_code: former }\n'), tempDir()));
    expect(known.code).toBe('registry/unknown-country');
    expect(known.details.value).toBe('CHN');
    const person = errorOf(() => loadRegistry(registryDir('entities:\n  - { id: kel, type: person, name: Kel, country: ARD, unlisted_code: fictional }\n'), tempDir()));
    expect(person.code).toBe('registry/invalid');
    expect(person.details.line).toBe(2);
  });

  it('accepts the registry as shipped, with Yugoslavia a former code', () => {
    expect(registry.byId.get('yugoslavia')).toMatchObject({ country: 'YUG', unlisted_code: 'former' });
  });
});

describe('placeKnown: cities from the gazetteer, precision first', () => {
  it('finds a city above the population threshold, the most populous namesake worldwide', () => {
    expect(placeKnown('Vladivostok')).toMatchObject({ country_alpha2: 'RU', name: 'Vladivostok' });
    expect(placeKnown('Moscow')).toMatchObject({ country_alpha2: 'RU', feature_code: 'PPLC' });
    expect(placeKnown('Moscow')!.population).toBeGreaterThan(PLACE_WORD_EXEMPT_POPULATION);
  });

  it('finds a capital below the threshold, but no other small town', () => {
    expect(placeKnown('Vaduz')).toMatchObject({ country_alpha2: 'LI', feature_code: 'PPLC' });
    expect(placeKnown('Vaduz')!.population).toBeLessThan(PLACE_MIN_POPULATION);
    expect(placeVerdict('Li')).toEqual({ hit: null, refusal: 'too_small' });
    expect(placeVerdict('Putin')).toEqual({ hit: null, refusal: 'not_in_gazetteer' });
  });

  it('takes a city named by a common word or a first name for a place only with a cue', () => {
    expect(placeVerdict('Reading')).toEqual({ hit: null, refusal: 'common_word' });
    expect(placeVerdict('Male')).toEqual({ hit: null, refusal: 'common_word' });
    expect(placeVerdict('Vladimir')).toEqual({ hit: null, refusal: 'first_name' });
    expect(placeKnown('Reading', { cue: true })).toMatchObject({ country_alpha2: 'GB' });
    expect(placeKnown('Vladimir', { cue: true })).toMatchObject({ country_alpha2: 'RU' });
  });

  it('takes a city of a million people for the city even when its name is also a word', () => {
    expect(placeKnown('Shanghai')).toMatchObject({ country_alpha2: 'CN' });
    expect(placeKnown('Berlin')).toMatchObject({ country_alpha2: 'DE' });
  });

  it('matches the name exactly: case and spelling', () => {
    expect(placeKnown('moscow')).toBeNull();
    expect(placeKnown('Moscow ')).toBeNull();
  });
});
