/**
 * Sources are data: each folder under sources/ holds one text exactly as
 * received and a source.yaml that pins it by size and sha256 and gives its
 * citation. Adding a source is adding a folder; nothing here names one.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import countries from 'i18n-iso-countries';
import type { Paths } from './context.ts';
import { PipelineError } from './errors.ts';
import { guard, readBytes, statPath } from './io.ts';
import { LANGUAGE_TAG } from './languages.ts';
import { REGIONS, regionNamed } from './regions.ts';
import { decodeSourceText, IndexedText, inView } from './text.ts';
import { loadYamlFile } from './yaml.ts';

/**
 * Largest source text read. The article is 49 kB; a chapter of a book is a
 * few hundred. Far larger is a wrong file, and reading it whole would only
 * exhaust memory (V8 cannot hold a string of a few hundred megabytes).
 */
export const SOURCE_MAX_BYTES = 20 * 1024 * 1024;

export interface Author {
  family: string;
  given: string;
  affiliation?: string;
}

export interface SourceMeta {
  id: string;
  file: string;
  sha256: string;
  bytes: number;
  media_type: string;
  language: string;
  title: string;
  authors: Author[];
  journal: string;
  volume: number;
  issue: number;
  issued: string;
  pages: string;
  publisher: string;
  /**
   * The citation the text asks for, verbatim; when the text prints none
   * (older editions), composed from the fields above (see citation_basis).
   */
  preferred_citation: string;
  // The three below are always set by the loader; optional so that a SourceMeta made by hand
  // (a test's, a benchmark's) means a quoted citation, languages by script and a chronology.
  /** quoted: source.yaml copies the text's "Preferred citation" sentence; composed: made from the fields. */
  citation_basis?: 'quoted' | 'composed';
  /** BCP 47 tags of the languages the text's originals are in; empty: detected by script. */
  original_languages?: string[];
  /** false when source.yaml declares `chronology: none`: the text has no chronology section. */
  has_chronology?: boolean;
  url?: string;
  /** The parties the source is about: ISO 3166-1 alpha-3 codes, or a region's name (`relationship: [CHN, RUS]`, `[USA, Southeast Asia]`); absent when undeclared. */
  relationship?: string[];
}

export interface LoadedSource {
  meta: SourceMeta;
  /** Path of source.yaml relative to the project root, for messages. */
  metaPath: string;
  /** Path of the text relative to the project root, for messages. */
  textPath: string;
  text: IndexedText;
}

/** Folders under sources/ that hold shared curation, not a source. */
const NOT_SOURCES = new Set(['registry']);

const REQUIRED_STRINGS = ['id', 'file', 'sha256', 'media_type', 'language', 'title', 'journal', 'issued', 'pages', 'publisher'] as const;

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The ids of the source folders under sourcesDir, sorted; at least one, or a coded error. */
export function sourceIds(sourcesDir: string, root: string): string[] {
  if (!existsSync(sourcesDir)) {
    throw new PipelineError('source/missing-file', 'sources folder not found', {
      file: rel(root, sourcesDir),
      expected: 'a folder with one sub-folder per source',
    });
  }
  const ids = guard(sourcesDir, root, 'listing', () => readdirSync(sourcesDir))
    .filter((name) => !NOT_SOURCES.has(name) && !name.startsWith('.') && statPath(path.join(sourcesDir, name), root).isDirectory())
    .sort();
  if (ids.length === 0) {
    throw new PipelineError('source/missing-file', 'no source folders found', {
      file: rel(root, sourcesDir),
      expected: 'at least one folder with a source.yaml',
    });
  }
  return ids;
}

export function loadSources(sourcesDir: string, root: string): LoadedSource[] {
  return sourceIds(sourcesDir, root).map((id) => loadSource(path.join(sourcesDir, id), root));
}

export function loadSource(dir: string, root: string): LoadedSource {
  const metaFile = path.join(dir, 'source.yaml');
  const metaPath = rel(root, metaFile);
  if (!existsSync(metaFile)) {
    throw new PipelineError('source/missing-file', 'source folder has no source.yaml', {
      file: metaPath,
      expected: 'source.yaml with id, file, sha256, bytes and the citation',
    });
  }
  const meta = validateMeta(loadYamlFile(metaFile, root), metaPath, path.basename(dir));
  const textFile = resolveInside(dir, meta.file, metaPath, root);
  const textPath = rel(root, textFile);
  const size = statPath(textFile, root).size;
  if (size > SOURCE_MAX_BYTES) {
    throw new PipelineError('source/too-large', `text of ${size} bytes is larger than the limit of ${SOURCE_MAX_BYTES}; it was not read`, {
      file: textPath,
      value: size,
      expected: `a source text of at most ${SOURCE_MAX_BYTES} bytes (split a larger work into several sources)`,
    });
  }
  const bytes = readBytes(textFile, root);
  if (bytes.length < meta.bytes) {
    throw new PipelineError('source/truncated', `text is shorter than source.yaml records (${bytes.length} of ${meta.bytes} bytes)`, {
      file: textPath,
      value: bytes.length,
      expected: `${meta.bytes} bytes, as pinned in ${metaPath}`,
    });
  }
  const actual = sha256(bytes);
  if (actual !== meta.sha256 || bytes.length !== meta.bytes) {
    throw new PipelineError('source/hash-mismatch', 'text does not match the sha256 pinned in source.yaml; the text must be kept exactly as received', {
      file: textPath,
      value: `sha256 ${actual} (${bytes.length} bytes)`,
      expected: `sha256 ${meta.sha256} (${meta.bytes} bytes) from ${metaPath}`,
    });
  }
  const decoded = decodeSourceText(bytes, textPath);
  const text = new IndexedText(decoded);
  if (meta.citation_basis === 'composed') {
    // The sources row's span is then the title as printed: it must be there to be pointed at.
    if (citationAnchor({ title: inView(meta.title) }, text.text) === null) {
      throw new PipelineError('source/quote-not-found', 'source.yaml gives no preferred_citation and its title does not occur in the text', {
        file: metaPath,
        value: meta.title,
        expected: 'the title exactly as the text prints it (case aside), or a preferred_citation copied from the text',
      });
    }
    return { meta, metaPath, textPath, text };
  }
  const occurrences = countOccurrences(text.text, inView(meta.preferred_citation));
  if (occurrences !== 1) {
    throw new PipelineError('source/quote-not-found', `preferred_citation must occur exactly once in the text; found ${occurrences}`, {
      file: metaPath,
      value: meta.preferred_citation,
      expected: 'the citation sentence copied verbatim from the text',
    });
  }
  return { meta, metaPath, textPath, text };
}

/**
 * The text named by source.yaml's `file`, which must be a plain relative
 * path inside the source's own folder: no absolute path, no `..`, no
 * symbolic link that leads out. A source folder is self-contained, and a
 * build must not read (and publish hashes of) files elsewhere on the machine.
 */
export function resolveInside(dir: string, file: string, metaPath: string, root: string): string {
  const outside = (why: string): never => {
    throw new PipelineError('source/path-outside', `file ${why}`, {
      file: metaPath,
      value: file,
      expected: 'a file name inside the source folder, such as chapter.txt',
    });
  };
  if (path.isAbsolute(file) || /^[a-zA-Z]:/.test(file) || file.includes('\\')) outside('must be a relative path');
  if (file.split('/').some((part) => part === '..' || part === '.' || part === '')) outside('must not contain "..", "." or empty parts');
  const full = path.join(dir, file);
  if (!existsSync(full)) {
    throw new PipelineError('source/missing-file', 'the text named by source.yaml is missing', {
      file: rel(root, full),
      expected: `the file ${file} beside ${metaPath}`,
    });
  }
  const real = guard(full, root, 'resolving', () => realpathSync(full));
  const realDir = guard(dir, root, 'resolving', () => realpathSync(dir));
  if (!real.startsWith(realDir + path.sep)) outside('leads outside the source folder through a symbolic link');
  if (!statPath(real, root).isFile()) outside('must name a regular file');
  return full;
}

function validateMeta(raw: unknown, file: string, folder: string): SourceMeta {
  const bad = (msg: string, value?: unknown, expected?: string): never => {
    throw new PipelineError('source/invalid-metadata', msg, { file, value, expected });
  };
  if (typeof raw !== 'object' || raw === null) bad('source.yaml is not a mapping');
  const m = raw as Record<string, unknown>;
  for (const key of REQUIRED_STRINGS) {
    if (typeof m[key] !== 'string' || (m[key] as string).trim() === '') bad(`missing or empty field "${key}"`, m[key], 'a non-empty string');
  }
  if (m.id !== folder) bad('id must equal the folder name', m.id, folder);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(m.id as string)) bad('id must be lowercase words joined by hyphens', m.id, '[a-z0-9-]+');
  if (!/^[0-9a-f]{64}$/.test(m.sha256 as string)) bad('sha256 must be 64 lowercase hex digits', m.sha256, '64 hex digits');
  if (!Number.isInteger(m.bytes) || (m.bytes as number) <= 0) bad('bytes must be a positive integer', m.bytes, 'the size of the text in bytes');
  for (const key of ['volume', 'issue'] as const) {
    if (!Number.isInteger(m[key])) bad(`${key} must be an integer`, m[key], 'an integer');
  }
  if (!/^\d{4}(-\d{2})?$/.test(m.issued as string)) bad('issued must be YYYY or YYYY-MM', m.issued, 'YYYY or YYYY-MM');
  if (!Array.isArray(m.authors) || m.authors.length === 0) bad('authors must be a non-empty list', m.authors, 'a list of {family, given}');
  for (const a of m.authors as unknown[]) {
    const author = a as Record<string, unknown>;
    if (typeof author?.family !== 'string' || typeof author?.given !== 'string') bad('each author needs family and given names', a, '{family, given}');
  }
  if (m.preferred_citation !== undefined && (typeof m.preferred_citation !== 'string' || m.preferred_citation.trim() === '')) {
    bad('preferred_citation, when given, must be a non-empty string', m.preferred_citation, 'the citation sentence copied verbatim from the text, or no field at all');
  }
  const languages = m.original_languages ?? [];
  if (!Array.isArray(languages) || languages.some((l) => typeof l !== 'string' || !LANGUAGE_TAG.test(l))) {
    bad('original_languages must be a list of BCP 47 language tags', m.original_languages, 'a list such as [zh, ru] or [ja, ko]');
  }
  if (m.chronology !== undefined && m.chronology !== 'none') bad('chronology, when given, must be "none"', m.chronology, 'chronology: none, or no field (the text has a chronology)');
  checkRelationship(m.relationship, (msg, value, expected) => bad(msg, value, expected));
  const meta = m as unknown as SourceMeta;
  const quoted = typeof m.preferred_citation === 'string';
  return {
    ...meta,
    preferred_citation: quoted ? (m.preferred_citation as string) : composeCitation(meta),
    citation_basis: quoted ? 'quoted' : 'composed',
    original_languages: languages as string[],
    has_chronology: m.chronology !== 'none',
  };
}

/** "A", "A and B", "A, B and C": the journal's way of listing authors. */
function authorList(authors: Author[]): string {
  const names = authors.map((a) => `${a.family} ${a.given}`);
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * A citation in the form the journal's own "Preferred citation" sentences
 * take (authors, “title,” *journal*, volume, number, pages), composed from
 * source.yaml for an edition that prints none; the month of issue is added
 * since the volume alone does not date a web edition.
 */
export function composeCitation(meta: Pick<SourceMeta, 'authors' | 'title' | 'journal' | 'volume' | 'issue' | 'issued' | 'pages'>): string {
  const [year, month] = meta.issued.split('-');
  const when = month ? `${new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(year), Number(month) - 1, 1)))} ${year}` : year;
  return `${authorList(meta.authors)}, “${meta.title},” *${meta.journal}*, Vol. ${meta.volume}, No. ${meta.issue} (${when}), pp ${meta.pages}.`;
}

/**
 * Where the sources row points for a composed citation: the first place the
 * text prints the title (letter case aside), as UTF-16 [start, end), or null.
 */
export function citationAnchor(meta: Pick<SourceMeta, 'title'>, text: string): [number, number] | null {
  // The journal's titles are "<Relationship> Relations: <subtitle>"; its web editions print the
  // subtitle alone under the relationship's name. So the title as a whole, else what follows
  // each of its colons, longest first.
  const parts = meta.title.split(/:\s+/);
  const tries = parts.map((_, i) => parts.slice(i).join(': ')).filter((t) => t.trim().length >= 8);
  const lower = text.toLowerCase();
  for (const title of tries) {
    const at = lower.indexOf(title.toLowerCase());
    // toLowerCase keeps UTF-16 lengths for the letters titles use; check it did, or try the next.
    if (at >= 0 && text.slice(at, at + title.length).toLowerCase() === title.toLowerCase()) return [at, at + title.length];
  }
  return null;
}

export function countOccurrences(haystack: string, needle: string): number {
  if (needle === '') return 0;
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

export function rel(root: string, p: string): string {
  return path.relative(root, p).split(path.sep).join('/');
}

/**
 * Codes ISO 3166-1 leaves to user assignment (AAA–AAZ, QMA–QZZ, XAA–XZZ,
 * ZZA–ZZZ) never name a real state: a fictional relationship of a test
 * fixture may use one.
 */
const USER_ASSIGNED_ALPHA3 = /^(AA[A-Z]|Q[M-Z][A-Z]|X[A-Z][A-Z]|ZZ[A-Z])$/;

/** An ISO 3166-1 alpha-3 code that is assigned to a state, or user-assigned. */
export function isStateCode(code: unknown): code is string {
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) return false;
  return USER_ASSIGNED_ALPHA3.test(code) || (countries.isValid(code) && countries.toAlpha3(code) === code);
}

/**
 * `relationship:` of a source.yaml, or of a dataset's selection: two or more distinct parties, each a
 * state's ISO 3166-1 alpha-3 code or the name of a region of pipeline/lib/regions.ts ("Southeast Asia").
 */
function checkRelationship(raw: unknown, bad: (msg: string, value?: unknown, expected?: string) => never): void {
  if (raw === undefined) return;
  const expected = `a list of two or more distinct ISO 3166-1 alpha-3 codes or region names (${REGIONS.map((r) => r.name).join(', ')}), e.g. [CHN, RUS] or [USA, Southeast Asia]`;
  if (!Array.isArray(raw) || raw.length < 2) bad('relationship must list the states the source is about', raw, expected);
  for (const code of raw as unknown[]) {
    if (!isStateCode(code) && !(typeof code === 'string' && regionNamed(code))) bad(`relationship: ${JSON.stringify(code)} is not an ISO 3166-1 alpha-3 code or a region's name`, code, expected);
  }
  if (new Set(raw as string[]).size !== (raw as string[]).length) bad('relationship names a state twice', raw, expected);
}

/** Two relationships are the same when they name the same states, in any order. */
export function sameRelationship(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (!a || a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((c) => set.has(c));
}

/**
 * Which sources a dataset holds, from `sources:` of schema/dataset.yaml:
 * absent or `all` (every folder), a list of source ids, or
 * `{ relationship: [JPN, KOR] }` (the sources whose source.yaml declares
 * that relationship, in any order).
 */
export type SourceSelection = { all: true } | { ids: string[] } | { relationship: string[] };

export function parseSourceSelection(raw: unknown, file: string): SourceSelection {
  const bad = (msg: string, value?: unknown, expected?: string): never => {
    throw new PipelineError('schema/invalid', msg, { file, value, expected });
  };
  const expected = 'all, a list of source ids, or { relationship: [ISO alpha-3 codes or region names] }';
  if (raw === undefined || raw === null || raw === 'all') return { all: true };
  if (Array.isArray(raw)) {
    if (raw.length === 0 || !raw.every((id) => typeof id === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))) bad('sources must list source ids', raw, expected);
    if (new Set(raw).size !== raw.length) bad('sources names a source twice', raw, expected);
    return { ids: [...(raw as string[])].sort() };
  }
  if (typeof raw === 'object' && Object.keys(raw).length === 1 && 'relationship' in raw) {
    const rel = (raw as { relationship: unknown }).relationship;
    checkRelationship(rel ?? [], (msg, value) => bad(`sources: ${msg}`, value, expected));
    return { relationship: [...(rel as string[])] };
  }
  return bad('sources must select the dataset\'s sources', raw, expected);
}

/** The selection of the dataset in `schemaDir`, read from its dataset.yaml alone. */
export function datasetSelection(schemaDir: string, root: string): SourceSelection {
  const file = path.join(schemaDir, 'dataset.yaml');
  if (!existsSync(file)) return { all: true };
  const ds = loadYamlFile(file, root) as Record<string, unknown> | null;
  return parseSourceSelection(ds?.sources, rel(root, file));
}

/**
 * The ids of the sources the dataset selects, sorted. A relationship is
 * read from each source.yaml (checked as the build checks it); a listed id
 * with no folder, or a selection that leaves no source, is an error.
 */
export function selectedSourceIds(paths: Paths): string[] {
  const all = sourceIds(paths.sources, paths.root);
  const selection = datasetSelection(paths.schema, paths.root);
  const datasetFile = rel(paths.root, path.join(paths.schema, 'dataset.yaml'));
  if ('all' in selection) return all;
  if ('ids' in selection) {
    const missing = selection.ids.filter((id) => !all.includes(id));
    if (missing.length > 0) {
      throw new PipelineError('source/missing-file', 'the dataset selects a source that has no folder', {
        file: datasetFile,
        value: missing,
        expected: `ids of folders under ${rel(paths.root, paths.sources)}/: ${all.join(', ')}`,
      });
    }
    return selection.ids;
  }
  const chosen = all.filter((id) => {
    const dir = path.join(paths.sources, id);
    const metaFile = path.join(dir, 'source.yaml');
    if (!existsSync(metaFile)) return false;
    const meta = validateMeta(loadYamlFile(metaFile, paths.root), rel(paths.root, metaFile), id);
    return sameRelationship(meta.relationship, selection.relationship);
  });
  if (chosen.length === 0) {
    throw new PipelineError('source/missing-file', 'no source declares the relationship the dataset selects', {
      file: datasetFile,
      value: selection.relationship,
      expected: 'a source.yaml with relationship: the same states',
    });
  }
  return chosen;
}
