/**
 * The registry in sources/registry/: canonical entities shared by all
 * sources, curated as YAML. Loaded once per stage and checked: unique ids,
 * known types, ISO codes, no surface form claimed as an alias by two entities.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadYamlFile } from './yaml.ts';
import { PipelineError } from './errors.ts';
import { rel } from './sources.ts';

export const ENTITY_TYPES = [
  'state', 'person', 'organization', 'armed_force', 'place', 'exercise', 'project', 'system', 'forum', 'media', 'treaty', 'concept',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface RegistryEntity {
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  short_forms: string[];
  /** Adjectives that name a state when they qualify people or bodies ("Chinese", "Russian"). */
  demonyms: string[];
  country?: string;
  actor_code?: string;
  place_kind?: string;
  gazetteer?: { name: string };
  geonames_id?: number;
  coordinates?: { lat: number; lon: number; source: string };
  no_coordinates?: string;
  note?: string;
  /** The registry file it comes from, for messages. */
  file: string;
}

export interface Registry {
  entities: RegistryEntity[];
  byId: Map<string, RegistryEntity>;
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ALPHA3 = /^[A-Z]{3}$/;

export function loadRegistry(sourcesDir: string, root: string): Registry {
  const dir = path.join(sourcesDir, 'registry');
  const entities: RegistryEntity[] = [];
  if (!existsSync(dir)) return { entities, byId: new Map() };
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  for (const f of files) {
    const file = rel(root, path.join(dir, f));
    const doc = loadYamlFile(path.join(dir, f), root) as { entities?: unknown[] } | null;
    if (!doc || !Array.isArray(doc.entities)) {
      throw new PipelineError('registry/invalid', 'a registry file must hold a list `entities:`', { file });
    }
    for (const raw of doc.entities) entities.push(checkEntity(raw as Record<string, unknown>, file));
  }
  const byId = new Map<string, RegistryEntity>();
  const aliasOwner = new Map<string, string>();
  for (const e of entities) {
    if (byId.has(e.id)) throw new PipelineError('registry/invalid', `entity id ${e.id} is used twice`, { file: e.file, value: e.id, expected: 'ids unique across all registry files' });
    byId.set(e.id, e);
    for (const form of [e.name, ...e.aliases, ...e.demonyms]) {
      const owner = aliasOwner.get(form);
      if (owner && owner !== e.id) {
        throw new PipelineError('registry/invalid', `"${form}" names both ${owner} and ${e.id}`, {
          file: e.file,
          value: form,
          expected: 'a form shared by several entities belongs in short_forms of each',
        });
      }
      aliasOwner.set(form, e.id);
    }
  }
  return { entities, byId };
}

function checkEntity(e: Record<string, unknown>, file: string): RegistryEntity {
  const bad = (msg: string, value?: unknown, expected?: string): never => {
    throw new PipelineError('registry/invalid', `entity ${String(e?.id)}: ${msg}`, { file, value, expected });
  };
  if (typeof e?.id !== 'string' || !ID.test(e.id)) bad('id must be lowercase words joined by hyphens', e?.id);
  if (!ENTITY_TYPES.includes(e.type as EntityType)) bad('unknown type', e.type, ENTITY_TYPES.join(', '));
  if (typeof e.name !== 'string' || e.name.trim() === '') bad('name is required', e.name);
  for (const key of ['aliases', 'short_forms', 'demonyms'] as const) {
    if (e[key] !== undefined && (!Array.isArray(e[key]) || (e[key] as unknown[]).some((a) => typeof a !== 'string' || a === ''))) {
      bad(`${key} must be a list of non-empty strings`, e[key]);
    }
  }
  if (e.country !== undefined && (typeof e.country !== 'string' || !ALPHA3.test(e.country))) bad('country must be ISO 3166-1 alpha-3', e.country, 'e.g. CHN');
  if (e.type === 'state' && !e.country) bad('a state needs its own ISO alpha-3 code as country');
  const c = e.coordinates as Record<string, unknown> | undefined;
  if (c !== undefined && c !== null) {
    if (typeof c.lat !== 'number' || typeof c.lon !== 'number' || Math.abs(c.lat) > 90 || Math.abs(c.lon) > 180) bad('coordinates need numeric lat and lon', c);
    if (typeof c.source !== 'string' || c.source.trim() === '') bad('coordinates must cite their source', c, '{ lat, lon, source }');
  }
  if (e.gazetteer !== undefined && typeof (e.gazetteer as Record<string, unknown>)?.name !== 'string') bad('gazetteer needs a name', e.gazetteer, '{ name: … }');
  if (e.gazetteer && !e.country) bad('a gazetteer look-up needs the country', e.country);
  return {
    id: e.id as string,
    type: e.type as EntityType,
    name: e.name as string,
    aliases: (e.aliases as string[]) ?? [],
    short_forms: (e.short_forms as string[]) ?? [],
    demonyms: (e.demonyms as string[]) ?? [],
    country: e.country as string | undefined,
    actor_code: e.actor_code as string | undefined,
    place_kind: e.place_kind as string | undefined,
    gazetteer: e.gazetteer as { name: string } | undefined,
    geonames_id: e.geonames_id as number | undefined,
    coordinates: (c ?? undefined) as RegistryEntity['coordinates'],
    no_coordinates: e.no_coordinates as string | undefined,
    note: e.note as string | undefined,
    file,
  };
}
