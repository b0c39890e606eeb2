/**
 * The registry in sources/registry/: canonical entities shared by all
 * sources, curated as YAML, on top of what a library knows. Every state of
 * ISO 3166-1 comes from i18n-iso-countries with its codes and English names;
 * a registry entry for the same code overrides it and adds what the library
 * does not know. Loaded once per stage and checked: unique ids, known types,
 * ISO codes the library knows (or a registry state declares), no surface form
 * claimed as an alias by two entities.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import countries from 'i18n-iso-countries';
import nationalities from 'i18n-nationality';
import { LineCounter, parseDocument } from 'yaml';
import { isEnglishFirstName } from './gazetteer.ts';
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
  /**
   * A library state's names that are also English first names ("Israel", "Jordan", "Chad",
   * "Georgia"): matched only where the name stands alone (extract/mentions.ts), never as part of a
   * person's or a place's name ("Michael Jordan", "the Jordan River", "Atlanta, Georgia").
   */
  standalone_forms?: string[];
  country?: string;
  actor_code?: string;
  place_kind?: string;
  gazetteer?: { name: string };
  geonames_id?: number;
  coordinates?: { lat: number; lon: number; source: string };
  no_coordinates?: string;
  note?: string;
  /** For a state whose `country` is no code of i18n-iso-countries: why (a withdrawn code, or an invented one in a test). */
  unlisted_code?: UnlistedCode;
  /**
   * The library that knows the entity (a state of ISO 3166-1, with or without
   * a registry entry over it). Such an entity becomes a row only when a source
   * mentions it, and is never listed as an unused registry entry: the library
   * knows it whatever the texts say.
   */
  library?: string;
  /** The registry file it comes from (or the library, for a library state), for messages. */
  file: string;
}

export const UNLISTED_CODES = ['former', 'fictional'] as const;
export type UnlistedCode = (typeof UNLISTED_CODES)[number];

export interface Registry {
  entities: RegistryEntity[];
  byId: Map<string, RegistryEntity>;
}

export interface RegistryOptions {
  /** Add the states of i18n-iso-countries (the default); tests of the registry's own checks may leave them out. */
  library?: boolean;
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ALPHA3 = /^[A-Z]{3}$/;

/** Which library and version the library states come from, as their `file` in messages. */
export const LIBRARY = `i18n-iso-countries ${(JSON.parse(readFileSync(createRequire(import.meta.url).resolve('i18n-iso-countries/package.json'), 'utf8')) as { version: string }).version}`;

/** Whether i18n-iso-countries knows an ISO 3166-1 alpha-3 code. */
export const isoKnows = (alpha3: string): boolean => ALPHA3.test(alpha3) && countries.alpha3ToAlpha2(alpha3) !== undefined;

/** The line of an entity (or of one of its keys) in a registry file: only looked up when there is an error to report. */
function lineOf(full: string, index: number, key?: string): number | undefined {
  try {
    const lines = new LineCounter();
    const doc = parseDocument(readFileSync(full, 'utf8'), { lineCounter: lines });
    const node = doc.getIn(key ? ['entities', index, key] : ['entities', index], true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lines.linePos(node.range[0]).line : undefined;
  } catch {
    return undefined;
  }
}

export function loadRegistry(sourcesDir: string, root: string, opts: RegistryOptions = {}): Registry {
  const dir = path.join(sourcesDir, 'registry');
  const entities: RegistryEntity[] = [];
  const where = new Map<RegistryEntity, { full: string; index: number }>();
  const notMatched = new Set<string>();
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : [];
  for (const f of files) {
    const full = path.join(dir, f);
    const file = rel(root, full);
    const doc = loadYamlFile(full, root) as { entities?: unknown[]; library_names_not_matched?: unknown } | null;
    if (!doc || !Array.isArray(doc.entities)) {
      throw new PipelineError('registry/invalid', 'a registry file must hold a list `entities:`', { file });
    }
    const nm = doc.library_names_not_matched;
    if (nm !== undefined) {
      if (!Array.isArray(nm) || nm.some((n) => typeof n !== 'string' || n === '')) {
        throw new PipelineError('registry/invalid', '`library_names_not_matched` must be a list of names', { file, value: nm, expected: 'e.g. [Chad, Jordan]' });
      }
      for (const n of nm as string[]) notMatched.add(n);
    }
    doc.entities.forEach((raw, index) => {
      const e = checkEntity(raw as Record<string, unknown>, file, () => lineOf(full, index));
      entities.push(e);
      where.set(e, { full, index });
    });
  }
  checkCountries(entities, where);
  if (opts.library !== false) addLibraryStates(entities, notMatched);
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

/**
 * Every `country` must be a code the library knows, or the code of a registry
 * state that says why the library does not know it (`unlisted_code`); a state
 * that says so of a code the library does know is a mistake too.
 */
function checkCountries(entities: RegistryEntity[], where: Map<RegistryEntity, { full: string; index: number }>): void {
  const declared = new Set(entities.filter((e) => e.type === 'state' && e.unlisted_code && e.country).map((e) => e.country!));
  for (const e of entities) {
    const at = where.get(e);
    const line = (): number | undefined => (at ? lineOf(at.full, at.index, e.unlisted_code && isoKnows(e.country ?? '') ? 'unlisted_code' : 'country') : undefined);
    if (e.unlisted_code && e.country && isoKnows(e.country)) {
      throw new PipelineError('registry/unknown-country', `entity ${e.id}: ${LIBRARY} knows ${e.country}, so it is not an unlisted code`, {
        file: e.file,
        line: line(),
        value: e.country,
        expected: 'no `unlisted_code` for a code of ISO 3166-1',
      });
    }
    if (e.country && !isoKnows(e.country) && !declared.has(e.country)) {
      throw new PipelineError('registry/unknown-country', `entity ${e.id}: ${e.country} is not an ISO 3166-1 alpha-3 code`, {
        file: e.file,
        line: line(),
        value: e.country,
        expected: `a code ${LIBRARY} knows, or a registry state with that code and \`unlisted_code: former\` or \`fictional\``,
      });
    }
  }
}

/** A catalogue form ("Korea, Republic of", "Holy See (Vatican City State)") is an index entry, not prose: never matched. */
const isCatalogue = (form: string): boolean => /[,()]/.test(form);
/** An abbreviation (US, U.S.A., UAE) is matched but is never the display name or the id. */
const isAbbreviation = (form: string): boolean => !/\p{Ll}/u.test(form);

/** A catalogue form made prose, for a state that has no other name: "Virgin Islands, British" → "British Virgin Islands". */
function prose(form: string): string {
  const bare = form.replace(/\s*\([^)]*\)/g, '').trim();
  const m = /^([^,]+),\s*(.+)$/.exec(bare);
  return m && m[2]!.split(/\s+/).length <= 3 ? `${m[2]} ${m[1]}` : bare;
}

/** The id rule of states.yaml: the common English name in lowercase ASCII words joined by hyphens, without a leading "The". */
export function stateId(name: string): string {
  return name
    .replace(/^The\s+/, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The states of ISO 3166-1 as i18n-iso-countries names them in English, merged
 * under the registry: a registry state of the same code keeps its id, name,
 * demonyms and notes and gains the library's names as aliases; a form that a
 * registry entity uses in any way (name, alias, demonym, short form) stays
 * that entity's; a form two library states share ("Congo") becomes a short
 * form of each, resolved by context; a form that is an English first name
 * ("Chad", "Jordan", "Georgia", "Israel", "Dominica") is a standalone form,
 * matched only where it stands alone (extract/mentions.ts standsAlone); a
 * form the registry lists in `library_names_not_matched` (common words:
 * "Jersey") is not taken from the library at all, and a state left with no
 * form is not added: its name in a text is left to the discovered names and
 * the curator list. Each
 * state gains its English demonym from i18n-nationality ("Thai") under the
 * same rules, unless another state shares it.
 */
function addLibraryStates(entities: RegistryEntity[], notMatched: Set<string>): void {
  const registryForms = new Set(entities.flatMap((e) => [e.name, ...e.aliases, ...e.demonyms, ...e.short_forms]));
  const byCode = new Map<string, RegistryEntity>();
  for (const e of entities) if (e.type === 'state' && e.country && !byCode.has(e.country)) byCode.set(e.country, e);
  const all = countries.getNames('en', { select: 'all' }) as Record<string, string[]>;
  const states = Object.keys(all)
    .map((a2) => ({ alpha2: a2, alpha3: countries.alpha2ToAlpha3(a2)!, names: all[a2]! }))
    .filter((s) => s.alpha3)
    .sort((a, b) => (a.alpha3 < b.alpha3 ? -1 : 1));
  // Forms before ownership: which library states claim each form.
  const claims = new Map<string, Set<string>>();
  const formsOf = new Map<string, string[]>();
  const standaloneOf = new Map<string, string[]>();
  for (const s of states) {
    const own = byCode.get(s.alpha3);
    let forms = s.names.filter((n) => !isCatalogue(n));
    if (forms.length === 0 && s.names.length) forms = [prose(s.names[0]!)];
    forms = [...new Set(forms)].filter((n) => !notMatched.has(n) && !(registryForms.has(n) && !(own && [own.name, ...own.aliases].includes(n))));
    // A name that is also an English first name is matched only standing alone (standalone_forms).
    standaloneOf.set(s.alpha3, forms.filter((n) => isEnglishFirstName(n)));
    forms = forms.filter((n) => !isEnglishFirstName(n));
    formsOf.set(s.alpha3, forms);
    for (const f of forms) {
      const set = claims.get(f) ?? new Set<string>();
      set.add(s.alpha3);
      claims.set(f, set);
    }
  }
  // Demonyms ("Thai", "Malaysian") from i18n-nationality: one or two capitalised words that are no
  // state's name ("Bermuda"), no other state's demonym as well, no form a registry entity uses, and no
  // English first name.
  const stateNames = new Set(states.flatMap((s) => s.names));
  const byDemonym = new Map<string, string[]>();
  for (const s of states) {
    const d = nationalities.getName(s.alpha2, 'en');
    if (!d || !/^\p{Lu}[\p{Ll}-]+(?: \p{Lu}[\p{Ll}-]+)?$/u.test(d) || stateNames.has(d) || notMatched.has(d) || isEnglishFirstName(d)) continue;
    byDemonym.set(d, [...(byDemonym.get(d) ?? []), s.alpha3]);
  }
  const demonymOf = new Map([...byDemonym].filter(([, codes]) => codes.length === 1).map(([d, codes]) => [codes[0]!, d]));
  const ids = new Set(entities.map((e) => e.id));
  for (const s of states) {
    const forms = formsOf.get(s.alpha3)!;
    const demonym = demonymOf.get(s.alpha3);
    const sole = forms.filter((f) => claims.get(f)!.size === 1);
    const shared = forms.filter((f) => claims.get(f)!.size > 1);
    const own = byCode.get(s.alpha3);
    // A first name no other library state claims and no registry entity uses.
    const standalone = standaloneOf.get(s.alpha3)!.filter((f) => !registryForms.has(f) && states.filter((o) => standaloneOf.get(o.alpha3)!.includes(f) || formsOf.get(o.alpha3)!.includes(f)).length === 1);
    if (own) {
      if (standalone.length) own.standalone_forms = [...new Set([...(own.standalone_forms ?? []), ...standalone])];
      own.aliases = [...own.aliases, ...sole.filter((f) => f !== own.name && !own.aliases.includes(f))];
      own.short_forms = [...own.short_forms, ...shared.filter((f) => !own.short_forms.includes(f))];
      if (demonym && !own.demonyms.includes(demonym) && !registryForms.has(demonym)) own.demonyms = [...own.demonyms, demonym];
      own.library = LIBRARY;
      continue;
    }
    if (sole.length === 0 && standalone.length === 0) continue;
    const common = [countries.getName(s.alpha2, 'en', { select: 'alias' }), countries.getName(s.alpha2, 'en', { select: 'official' })];
    const name = common.find((n): n is string => !!n && sole.includes(n) && !isAbbreviation(n)) ?? sole.find((n) => !isAbbreviation(n)) ?? sole[0] ?? standalone[0]!;
    let id = stateId(name);
    if (!id || ids.has(id)) id = `${id ? `${id}-` : ''}${s.alpha3.toLowerCase()}`;
    ids.add(id);
    entities.push({
      id,
      type: 'state',
      name,
      aliases: sole.filter((f) => f !== name),
      short_forms: shared,
      demonyms: demonym && !registryForms.has(demonym) ? [demonym] : [],
      ...(standalone.length ? { standalone_forms: standalone } : {}),
      country: s.alpha3,
      library: LIBRARY,
      file: LIBRARY,
    });
  }
}

function checkEntity(e: Record<string, unknown>, file: string, line: () => number | undefined): RegistryEntity {
  const bad = (msg: string, value?: unknown, expected?: string): never => {
    throw new PipelineError('registry/invalid', `entity ${String(e?.id)}: ${msg}`, { file, line: line(), value, expected });
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
  if (e.unlisted_code !== undefined && (e.type !== 'state' || !UNLISTED_CODES.includes(e.unlisted_code as UnlistedCode))) {
    bad('unlisted_code is for a state whose code ISO 3166-1 does not list', e.unlisted_code, `one of ${UNLISTED_CODES.join(', ')}, on a state`);
  }
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
    unlisted_code: e.unlisted_code as UnlistedCode | undefined,
    file,
  };
}
