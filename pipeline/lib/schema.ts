/**
 * The schema in schema/ is the one description of every table and field.
 * This module loads and checks it; every export format derives from what it
 * returns, and records are validated against it before anything is written.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import countries from 'i18n-iso-countries';
import { loadYamlFile } from './yaml.ts';
import { PipelineError } from './errors.ts';
import { parseSourceSelection, rel, type SourceSelection } from './sources.ts';
import { compiled } from './regex.ts';

export const FIELD_TYPES = ['string', 'integer', 'number', 'boolean', 'date'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type Scalar = string | number | boolean;
/** A cell: one value, or the items of a multi-valued field (one with a separator). */
export type Value = Scalar | Scalar[] | null;
export type Row = Record<string, Value>;

export interface FieldSpec {
  name: string;
  type: FieldType;
  title: string;
  description: string;
  required: boolean;
  unique: boolean;
  /** A column of few repeated values: dictionary-encoded in Arrow and Parquet. */
  categorical: boolean;
  enum?: string[];
  pattern?: string;
  minimum?: number;
  rdf?: string;
  rdf_datatype?: string;
  /** BCP 47 language of every value of a text field (JSON-LD @language, CSVW lang). */
  language?: string;
  /**
   * For a text field whose language differs from row to row: the field of
   * the same row that holds its BCP 47 tag (JSON-LD tags each value), with
   * `language_script` appended as a script subtag when set (a romanisation is
   * the language written in Latn).
   */
  language_field?: string;
  language_script?: string;
  /**
   * Set on a multi-valued field: its value is a list of items of `type`, and
   * text formats (CSV, the workbook) join the items with this separator.
   */
  separator?: string;
}

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

/**
 * A key that points into one of several tables, the one another field of the
 * row names (claims.subject_id is an entity or an event, as subject_table
 * says). A Data Package foreign key cannot say this, so the build checks it.
 */
export interface Reference {
  field: string;
  table_field: string;
  /** Allowed tables and the key field of each. */
  tables: Record<string, string>;
}

/** A further span a row carries besides its provenance span (a conflict's record b). */
export interface ExtraSpan {
  start: string;
  end: string;
  evidence: string;
}

export interface TableSchema {
  name: string;
  title: string;
  description: string;
  rdf_type: string;
  /** A class per row, by the value of one field (entities: schema:Person for a person); rdf_type otherwise. */
  rdf_type_by?: { field: string; classes: Record<string, string> };
  primary_key: string[];
  foreign_keys: ForeignKey[];
  references: Reference[];
  spans: ExtraSpan[];
  id_rule?: string;
  fields: FieldSpec[];
}

export interface VocabularyValue {
  value: string;
  definition: string;
  /** Regular expressions a rule matches with (event types: over the first sentence). */
  cues?: string[];
  /** Regular expressions over the words before and after a mention (participant roles). */
  before?: string[];
  after?: string[];
  /** Unit forms: objects with a factor (units.yaml) or plain forms (claim_properties.yaml). */
  surfaces?: (string | { form: string; factor: number; position?: string })[];
  /** Canonical units a property rule takes. */
  units?: string[];
  /** Conditions of a property rule besides its patterns. */
  when?: string[];
  subject_types?: string[];
}

export interface Vocabulary {
  name: string;
  /** What the generated dictionary says before the table, instead of the default sentence. */
  intro?: string;
  /** File name under schema/vocabularies/. */
  file: string;
  values: VocabularyValue[];
}

/** A place the dataset is about, with codes that identify it elsewhere. */
export interface Place {
  name: string;
  iso3166: string;
  geonames: number;
}

export interface DatasetSchema {
  name: string;
  title: string;
  description: string;
  version: string;
  /** Day this version is released (YYYY-MM-DD), set when the version is bumped. */
  released: string;
  /** The date fields whose least and greatest values bound the dataset in time. */
  temporal_coverage: { start: FieldRef; end: FieldRef };
  spatial_coverage: Place[];
  license: { name: string; title: string; path: string; note?: string };
  creators: { name: string; role: string }[];
  /** The people who made the dataset, named for citation (CITATION.cff); absent until they are known. */
  authors?: Person[];
  /** Where the dataset's code and history are kept (an http(s) URL); absent until there is one. */
  repository?: string;
  keywords: string[];
  /**
   * The fields dataset.yaml leaves out, computed at export from the sources
   * the dataset holds (pipeline/export/describe.ts); until then they hold
   * empty values.
   */
  computed: DescribedField[];
  /** Which sources the dataset holds (`sources:`; all when absent). */
  sources: SourceSelection;
  iri_base: string;
  tables: TableSchema[];
  vocabularies: Record<string, Vocabulary>;
}

/** The fields of dataset.yaml that may be fixed there or computed from the sources. */
export const DESCRIBED_FIELDS = ['title', 'description', 'spatial_coverage', 'keywords'] as const;
export type DescribedField = (typeof DESCRIBED_FIELDS)[number];

/** An author of the dataset, as CITATION.cff names a person. */
export interface Person {
  family: string;
  given?: string;
  affiliation?: string;
  /** https://orcid.org/0000-0000-0000-000X */
  orcid?: string;
}

/** The optional `authors:` and `repository:` of dataset.yaml, checked; undefined when absent. */
function citationFields(ds: Record<string, unknown>, bad: (msg: string, value?: unknown, expected?: string) => never): { authors?: Person[]; repository?: string } {
  const out: { authors?: Person[]; repository?: string } = {};
  if (ds.repository !== undefined) {
    if (typeof ds.repository !== 'string' || !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(ds.repository)) bad('repository must be the http(s) URL of the repository', ds.repository, 'e.g. https://example.org/group/project');
    out.repository = ds.repository;
  }
  if (ds.authors !== undefined) {
    if (!Array.isArray(ds.authors) || ds.authors.length === 0) bad('authors must list the people who made the dataset', ds.authors, 'a list of { family, given, affiliation?, orcid? }');
    out.authors = (ds.authors as unknown[]).map((a) => {
      const p = a as Record<string, unknown>;
      const text = (k: string): boolean => p?.[k] === undefined || (typeof p[k] === 'string' && (p[k] as string).trim() !== '');
      if (typeof p !== 'object' || p === null || typeof p.family !== 'string' || p.family.trim() === '' || !text('given') || !text('affiliation')) {
        bad('each author needs a family name, and given and affiliation as non-empty text if given', a, '{ family, given, affiliation?, orcid? }');
      }
      const known = ['family', 'given', 'affiliation', 'orcid'];
      for (const k of Object.keys(p)) if (!known.includes(k)) bad(`author key ${k} is unknown`, a, known.join(', '));
      if (p.orcid !== undefined && (typeof p.orcid !== 'string' || !/^https:\/\/orcid\.org\/\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(p.orcid))) {
        bad('an author orcid must be the ORCID iD as a URL', p.orcid, 'https://orcid.org/0000-0000-0000-000X');
      }
      const person: Person = { family: p.family as string };
      if (p.given !== undefined) person.given = p.given as string;
      if (p.affiliation !== undefined) person.affiliation = p.affiliation as string;
      if (p.orcid !== undefined) person.orcid = p.orcid as string;
      return person;
    });
  }
  return out;
}

/** A field of a table, written "table.field" in dataset.yaml. */
export interface FieldRef {
  table: string;
  field: string;
}

/** Names of the provenance fields every table carries. */
export const PROVENANCE_FIELDS = ['source_id', 'span_start', 'span_end', 'evidence', 'extractor', 'found_by'] as const;

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const SNAKE = /^[a-z][a-z0-9_]*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD string that names a day of the calendar (Date.parse takes 2026-02-30 for March 2). */
export function isCalendarDay(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function loadSchema(schemaDir: string, root: string): DatasetSchema {
  const read = (file: string): unknown => {
    const full = path.join(schemaDir, file);
    if (!existsSync(full)) {
      throw new PipelineError('schema/invalid', 'schema file is missing', { file: rel(root, full) });
    }
    return loadYamlFile(full, root);
  };
  const datasetFile = rel(root, path.join(schemaDir, 'dataset.yaml'));
  const ds = read('dataset.yaml') as Record<string, unknown>;
  const bad = (file: string, msg: string, value?: unknown, expected?: string): never => {
    throw new PipelineError('schema/invalid', msg, { file, value, expected });
  };
  for (const key of ['name', 'version', 'iri_base'] as const) {
    if (typeof ds[key] !== 'string') bad(datasetFile, `dataset.${key} must be a string`, ds[key]);
  }
  const computed = DESCRIBED_FIELDS.filter((k) => ds[k] === undefined || ds[k] === null);
  for (const key of ['title', 'description'] as const) {
    if (!computed.includes(key) && (typeof ds[key] !== 'string' || (ds[key] as string).trim() === '')) bad(datasetFile, `dataset.${key} must be a non-empty string, or left out to be computed from the sources`, ds[key]);
  }
  if (!computed.includes('keywords') && (!Array.isArray(ds.keywords) || !ds.keywords.every((k) => typeof k === 'string' && k !== ''))) {
    bad(datasetFile, 'keywords must be a list of words, or left out to be computed from the sources', ds.keywords);
  }
  const selection = parseSourceSelection(ds.sources, datasetFile);
  if (!SEMVER.test(ds.version as string)) bad(datasetFile, 'version must be semantic (MAJOR.MINOR.PATCH)', ds.version, 'e.g. 1.2.0');
  if (!/^[a-z][a-z0-9+.-]*:/.test(ds.iri_base as string)) bad(datasetFile, 'iri_base must be an absolute IRI', ds.iri_base);
  if (!Array.isArray(ds.tables) || ds.tables.length === 0) bad(datasetFile, 'tables must list the tables', ds.tables);
  if (typeof ds.released !== 'string' || !isCalendarDay(ds.released)) {
    bad(datasetFile, 'released must be a real calendar day, the release day of this version', ds.released, 'YYYY-MM-DD (a day that exists)');
  }
  const places = (ds.spatial_coverage ?? []) as Place[];
  if (!computed.includes('spatial_coverage') && (!Array.isArray(places) || places.length === 0)) bad(datasetFile, 'spatial_coverage must list the places the data is about, or be left out to be computed from the sources', places);
  for (const p of places) {
    if (typeof p?.name !== 'string' || !/^[A-Z]{2}$/.test(String(p?.iso3166)) || !Number.isInteger(p?.geonames)) {
      bad(datasetFile, 'each place of spatial_coverage needs name, iso3166 (two letters) and geonames (an integer id)', p);
    }
    // Codes ISO 3166-1 leaves to user assignment (AA, QM–QZ, XA–XZ, ZZ) are never a real country: a fictional place (test fixtures) may use one.
    const userAssigned = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/.test(p.iso3166);
    if (!userAssigned && (!countries.isValid(p.iso3166) || countries.toAlpha2(p.iso3166) !== p.iso3166)) {
      bad(datasetFile, `spatial_coverage: ${p.iso3166} is not an ISO 3166-1 alpha-2 code`, p.iso3166, 'an assigned ISO 3166-1 alpha-2 code, e.g. CN (or a user-assigned one, XA–XZ, for a fictional place)');
    }
  }

  const cited = citationFields(ds, (msg, value, expected) => bad(datasetFile, msg, value, expected));

  const provenance = read('provenance.yaml') as unknown[];
  const vocabularies: Record<string, Vocabulary> = {};
  const tables = (ds.tables as string[]).map((name) => {
    const file = `${name}.yaml`;
    const t = read(file) as Record<string, unknown>;
    const shown = rel(root, path.join(schemaDir, file));
    if (t.name !== name) bad(shown, 'table name must match its file name', t.name, name);
    const own = (t.fields as unknown[]).map((f) => checkField(f, shown, schemaDir, root, vocabularies));
    const ownNames = new Set(own.map((f) => f.name));
    // A table may define a provenance field itself (sources defines source_id
    // as its key); otherwise the shared definition is appended.
    const prov = provenance.map((f) => checkField(f, rel(root, path.join(schemaDir, 'provenance.yaml')), schemaDir, root, vocabularies));
    const fields = [...own, ...prov.filter((f) => !ownNames.has(f.name))];
    const table: TableSchema = {
      name,
      title: String(t.title ?? ''),
      description: String(t.description ?? ''),
      rdf_type: String(t.rdf_type ?? ''),
      rdf_type_by: t.rdf_type_by as TableSchema['rdf_type_by'],
      primary_key: (t.primary_key as string[]) ?? [],
      foreign_keys: (t.foreign_keys as ForeignKey[]) ?? [],
      references: (t.references as Reference[]) ?? [],
      spans: (t.spans as ExtraSpan[]) ?? [],
      id_rule: t.id_rule as string | undefined,
      fields,
    };
    if (!table.title || !table.description || !table.rdf_type) bad(shown, 'table needs title, description and rdf_type');
    if (table.rdf_type_by) {
      const by = table.fields.find((f) => f.name === table.rdf_type_by!.field);
      if (!by) bad(shown, 'rdf_type_by names an unknown field', table.rdf_type_by.field);
      for (const v of Object.keys(table.rdf_type_by.classes)) {
        if (by!.enum && !by!.enum.includes(v)) bad(shown, 'rdf_type_by maps a value the field does not have', v, by!.enum.join(', '));
      }
    }
    const names = fields.map((f) => f.name);
    if (new Set(names).size !== names.length) bad(shown, 'field names must be unique', names);
    for (const k of table.primary_key) if (!names.includes(k)) bad(shown, 'primary key names an unknown field', k, names.join(', '));
    for (const f of table.fields) if (f.language_field && !names.includes(f.language_field)) bad(shown, `field ${f.name}: language_field names an unknown field`, f.language_field, names.join(', '));
    for (const fk of table.foreign_keys) for (const k of fk.fields) if (!names.includes(k)) bad(shown, 'foreign key names an unknown field', k);
    for (const r of table.references) {
      if (!names.includes(r.field) || !names.includes(r.table_field)) bad(shown, 'reference names an unknown field', r);
    }
    for (const sp of table.spans) {
      for (const k of [sp.start, sp.end, sp.evidence]) if (!names.includes(k)) bad(shown, 'span names an unknown field', k);
    }
    return table;
  });
  const coverage = ds.temporal_coverage as { start?: unknown; end?: unknown } | undefined;
  const fieldRef = (key: 'start' | 'end'): FieldRef => {
    const raw = coverage?.[key];
    const [table, field, ...rest] = typeof raw === 'string' ? raw.split('.') : [];
    const f = tables.find((t) => t.name === table)?.fields.find((x) => x.name === field);
    if (rest.length > 0 || !f || f.type !== 'date' || f.separator) {
      bad(datasetFile, `temporal_coverage.${key} must name a date field as "table.field"`, raw);
    }
    return { table: table!, field: field! };
  };
  const temporal = { start: fieldRef('start'), end: fieldRef('end') };
  for (const t of tables) {
    for (const fk of t.foreign_keys) {
      const target = tables.find((x) => x.name === fk.reference.resource);
      if (!target) bad(`${t.name}.yaml`, 'foreign key references an unknown table', fk.reference.resource);
      for (const k of fk.reference.fields) {
        if (!target!.fields.some((f) => f.name === k)) bad(`${t.name}.yaml`, 'foreign key references an unknown field', `${fk.reference.resource}.${k}`);
      }
    }
    for (const r of t.references) {
      for (const [name, key] of Object.entries(r.tables)) {
        const target = tables.find((x) => x.name === name);
        if (!target || !target.fields.some((f) => f.name === key)) bad(`${t.name}.yaml`, 'reference names an unknown table or key', `${name}.${key}`);
      }
    }
  }
  return {
    name: ds.name as string,
    title: (ds.title as string | undefined) ?? '',
    description: (ds.description as string | undefined) ?? '',
    version: ds.version as string,
    released: ds.released as string,
    temporal_coverage: temporal,
    spatial_coverage: places,
    license: ds.license as DatasetSchema['license'],
    creators: (ds.creators as DatasetSchema['creators']) ?? [],
    ...cited,
    keywords: (ds.keywords as string[]) ?? [],
    computed,
    sources: selection,
    iri_base: ds.iri_base as string,
    tables,
    vocabularies,
  };
}

function checkField(raw: unknown, file: string, schemaDir: string, root: string, vocabularies: Record<string, Vocabulary>): FieldSpec {
  const f = raw as Record<string, unknown>;
  const bad = (msg: string, value?: unknown, expected?: string): never => {
    throw new PipelineError('schema/invalid', `field ${String(f?.name)}: ${msg}`, { file, value, expected });
  };
  if (typeof f?.name !== 'string' || !SNAKE.test(f.name)) bad('name must be snake_case', f?.name);
  if (!FIELD_TYPES.includes(f.type as FieldType)) bad('unknown type', f.type, FIELD_TYPES.join(', '));
  if (typeof f.description !== 'string' || typeof f.title !== 'string') bad('title and description are required');
  if (f.separator !== undefined && (typeof f.separator !== 'string' || f.separator === '' || /[\r\n"]/.test(f.separator))) {
    bad('separator must be a non-empty string without quotes or line breaks', f.separator, 'e.g. "; "');
  }
  if (f.separator !== undefined && f.categorical === true) bad('a multi-valued field cannot be categorical', f.name);
  if (f.language_field !== undefined && (typeof f.language_field !== 'string' || f.language !== undefined)) bad('language_field must name a field, and excludes language', f.language_field);
  if (f.language_script !== undefined && (typeof f.language_script !== 'string' || !/^[A-Z][a-z]{3}$/.test(f.language_script) || f.language_field === undefined)) {
    bad('language_script must be an ISO 15924 code and needs language_field', f.language_script, 'e.g. Latn');
  }
  let values = f.enum as string[] | undefined;
  if (typeof f.enum_from === 'string') {
    const vocab = loadVocabulary(path.join(schemaDir, f.enum_from), root);
    vocabularies[vocab.name] = vocab;
    values = vocab.values.map((v) => v.value);
  }
  return {
    name: f.name as string,
    type: f.type as FieldType,
    title: f.title as string,
    description: (f.description as string).trim(),
    required: f.required === true,
    unique: f.unique === true,
    categorical: f.categorical === true,
    enum: values,
    pattern: f.pattern as string | undefined,
    minimum: f.minimum as number | undefined,
    rdf: f.rdf as string | undefined,
    rdf_datatype: f.rdf_datatype as string | undefined,
    language: f.language as string | undefined,
    language_field: f.language_field as string | undefined,
    language_script: f.language_script as string | undefined,
    separator: f.separator as string | undefined,
  };
}

export function loadVocabulary(file: string, root: string): Vocabulary {
  const shown = rel(root, file);
  if (!existsSync(file)) throw new PipelineError('schema/invalid', 'vocabulary file is missing', { file: shown });
  const v = loadYamlFile(file, root) as Vocabulary;
  if (typeof v?.name !== 'string' || !Array.isArray(v.values)) {
    throw new PipelineError('schema/invalid', 'vocabulary needs name and values', { file: shown });
  }
  for (const value of v.values) {
    for (const cue of [...(value.cues ?? []), ...(value.before ?? []), ...(value.after ?? [])]) {
      try {
        new RegExp(cue, 'iu');
      } catch {
        throw new PipelineError('schema/invalid', `cue of "${value.value}" is not a valid regular expression`, { file: shown, value: cue });
      }
    }
  }
  return { ...v, file: path.basename(file) };
}

export function tableByName(schema: DatasetSchema, name: string): TableSchema {
  const t = schema.tables.find((x) => x.name === name);
  if (!t) throw new PipelineError('schema/invalid', `no table named ${name} in schema/dataset.yaml`, { value: name });
  return t;
}

/** The value that identifies a row in messages: its primary key. */
export function rowKey(table: TableSchema, row: Row): string {
  return table.primary_key.map((k) => String(row[k])).join('/');
}

/** One value (or one item of a list) against its field's type and constraints. */
function checkScalar(f: FieldSpec, v: Scalar, fail: (msg: string, expected?: string) => never): void {
  switch (f.type) {
    case 'string':
      if (typeof v !== 'string' || v === '') fail('not a non-empty string', 'a string');
      break;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) fail('not an integer', 'an integer');
      break;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) fail('not a number', 'a finite number');
      break;
    case 'boolean':
      if (typeof v !== 'boolean') fail('not a boolean', 'true or false');
      break;
    case 'date':
      if (typeof v !== 'string' || !ISO_DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) fail('not an ISO date', 'YYYY-MM-DD');
      break;
  }
  if (f.separator !== undefined && String(v).includes(f.separator)) fail(`an item contains the separator "${f.separator}"`, 'items without the separator');
  if (f.enum && !f.enum.includes(v as string)) fail('value not in the enumeration', f.enum.join(', '));
  if (f.pattern && !compiled(f.pattern, 'u').test(String(v))) fail('value does not match the pattern', f.pattern);
  if (f.minimum !== undefined && (v as number) < f.minimum) fail('value below the minimum', `>= ${f.minimum}`);
}

/**
 * Checks every row of every table against the schema: types, required
 * fields, enumerations, patterns, minimums, unique and primary keys, and
 * foreign keys. The first violation stops the build with table, record id,
 * field and value.
 */
export function validateTables(schema: DatasetSchema, data: Record<string, Row[]>): void {
  const v = new RecordValidator(schema);
  for (const table of schema.tables) {
    const rows = data[table.name];
    if (!rows) throw new PipelineError('stage/missing-input', `no records for table ${table.name}`, { value: table.name });
    v.checkRows(table, rows);
  }
  for (const table of schema.tables) v.checkLinks(table, data[table.name]!);
}

/**
 * The same checks for tables that arrive in batches: `checkRows` for every
 * batch of every table first (each row on its own, keys unique, and the
 * keys other tables point at remembered), then `checkLinks` for every batch
 * again (foreign keys and cross-table references). Memory holds the keys,
 * never the rows.
 */
export class RecordValidator {
  private readonly seen = new Map<string, Map<string, Set<string>>>();
  /** "table\u0000field+field" → the values of those fields, for the keys that foreign keys and references name. */
  private readonly targets = new Map<string, Set<string>>();
  private readonly wanted = new Map<string, string[][]>();

  constructor(readonly schema: DatasetSchema) {
    const want = (table: string, fields: string[]): void => {
      const list = this.wanted.get(table) ?? [];
      if (!list.some((f) => f.join('+') === fields.join('+'))) list.push(fields);
      this.wanted.set(table, list);
    };
    for (const t of schema.tables) {
      for (const fk of t.foreign_keys) want(fk.reference.resource, fk.reference.fields);
      for (const r of t.references) for (const [name, key] of Object.entries(r.tables)) want(name, [key]);
    }
  }

  private keySet(table: string, fields: string[]): Set<string> {
    const k = `${table}\u0000${fields.join('+')}`;
    let set = this.targets.get(k);
    if (!set) this.targets.set(k, (set = new Set()));
    return set;
  }

  checkRows(table: TableSchema, rows: readonly Row[]): void {
    let seen = this.seen.get(table.name);
    if (!seen) this.seen.set(table.name, (seen = new Map()));
    const wanted = this.wanted.get(table.name) ?? [];
    for (const row of rows) {
      const id = rowKey(table, row);
      const fail = (field: string, msg: string, value: unknown, expected?: string): never => {
        throw new PipelineError('record/invalid', `${table.name} record ${id}, field ${field}: ${msg}`, { value, expected });
      };
      for (const key of Object.keys(row)) {
        if (!table.fields.some((f) => f.name === key)) fail(key, 'field is not in the schema', row[key], table.fields.map((f) => f.name).join(', '));
      }
      for (const f of table.fields) {
        const v = row[f.name];
        // A multi-valued field holds a list; an empty list is a missing value.
        if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) {
          if (f.required) fail(f.name, 'required value is missing', v ?? null, f.separator ? `a list of ${f.type}` : `a ${f.type}`);
          continue;
        }
        if (f.separator !== undefined && !Array.isArray(v)) fail(f.name, 'not a list', v, `a list of ${f.type} (joined by "${f.separator}" in CSV)`);
        if (f.separator === undefined && Array.isArray(v)) fail(f.name, 'a list in a single-valued field', v, `one ${f.type}`);
        for (const item of Array.isArray(v) ? v : [v]) {
          checkScalar(f, item as Scalar, (msg, expected) => fail(f.name, msg, v, expected));
        }
        if (f.unique) {
          const s = seen.get(f.name) ?? new Set<string>();
          if (s.has(String(v))) fail(f.name, 'value is not unique', v, 'a value no other row has');
          s.add(String(v));
          seen.set(f.name, s);
        }
      }
      if (table.primary_key.length > 0) {
        const s = seen.get('\u0000pk') ?? new Set<string>();
        if (s.has(id)) fail(table.primary_key.join('+'), 'primary key is not unique', id);
        s.add(id);
        seen.set('\u0000pk', s);
      }
      for (const fields of wanted) this.keySet(table.name, fields).add(fields.map((k) => String(row[k])).join('/'));
    }
  }

  checkLinks(table: TableSchema, rows: readonly Row[]): void {
    for (const fk of table.foreign_keys) {
      const targets = this.keySet(fk.reference.resource, fk.reference.fields);
      for (const row of rows) {
        const values = fk.fields.map((k) => row[k]);
        if (values.every((v) => v === null || v === '' || v === undefined)) continue;
        const key = values.map(String).join('/');
        if (!targets.has(key)) {
          throw new PipelineError('record/foreign-key', `${table.name} record ${rowKey(table, row)}: ${fk.fields.join('+')} does not resolve to ${fk.reference.resource}`, {
            value: key,
            expected: `a ${fk.reference.fields.join('+')} of ${fk.reference.resource}`,
          });
        }
      }
    }
    for (const r of table.references) {
      for (const row of rows) {
        const v = row[r.field];
        const target = row[r.table_field];
        if ((v === null || v === '' || v === undefined) && (target === null || target === '' || target === undefined)) continue;
        const key = r.tables[String(target)];
        const set = key === undefined ? undefined : this.keySet(String(target), [key]);
        if (!set || !set.has(String(v))) {
          throw new PipelineError('record/foreign-key', `${table.name} record ${rowKey(table, row)}: ${r.field} does not resolve to the table ${r.table_field} names`, {
            value: `${String(target)}/${String(v)}`,
            expected: `a key of one of ${Object.keys(r.tables).join(', ')}`,
          });
        }
      }
    }
  }
}
