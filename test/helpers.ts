/** Shared test fixtures: temporary build folders and captured logs. */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuild } from '../pipeline/build.ts';
import { defaultPaths, type Paths, type StageContext } from '../pipeline/lib/context.ts';
import { PipelineError } from '../pipeline/lib/errors.ts';
import { loadSchema, type DatasetSchema, type ForeignKey, type TableSchema } from '../pipeline/lib/schema.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ARTICLE_ID = 'cc-21-3-china-russia';
export const ARTICLE = path.join(ROOT, 'sources', ARTICLE_ID, '000_fa4ab24074eee98d.txt');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'sources');
export const SCHEMA = loadSchema(path.join(ROOT, 'schema'), ROOT);

export function tempDir(prefix = 'crr-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Paths that read the repository's schema and the given sources, and write to a fresh temporary folder. */
export function tempPaths(sources = path.join(ROOT, 'sources')): Paths {
  const dir = tempDir();
  return { ...defaultPaths(ROOT), sources, build: path.join(dir, 'build'), dist: path.join(dir, 'dist') };
}

export function context(paths: Paths): StageContext & { lines: string[] } {
  const lines: string[] = [];
  return { paths, log: (l) => lines.push(l), lines };
}

/** A copy of some source folders in a temporary sources/ folder, to tamper with. */
export function copySources(folders: string[]): string {
  const dir = path.join(tempDir('crr-sources-'), 'sources');
  for (const f of folders) cpSync(f, path.join(dir, path.basename(f)), { recursive: true });
  return dir;
}

export async function buildInto(paths: Paths): Promise<{ releaseDir: string; lines: string[] }> {
  const ctx = context(paths);
  const { releaseDir } = await runBuild(ctx);
  return { releaseDir, lines: ctx.lines };
}

/** Every file of a folder tree with its bytes, by relative path. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, name.name);
      if (name.isDirectory()) walk(full);
      else out.set(path.relative(dir, full), readFileSync(full).toString('base64'));
    }
  };
  try {
    walk(dir);
  } catch {
    return out;
  }
  return out;
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Python's text[start:end]: slicing by code points, done independently of the pipeline. */
export function pySlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** Every chain of foreign keys from a table, as declared in the schema: [[events→sources], [events→participants, participants→entities], …]. */
export function foreignKeyPaths(schema: DatasetSchema): { from: TableSchema; hops: ForeignKey[] }[] {
  const out: { from: TableSchema; hops: ForeignKey[] }[] = [];
  const walk = (from: TableSchema, at: TableSchema, hops: ForeignKey[], seen: Set<string>): void => {
    for (const fk of at.foreign_keys) {
      if (seen.has(fk.reference.resource)) continue;
      const next = schema.tables.find((t) => t.name === fk.reference.resource)!;
      const path = [...hops, fk];
      out.push({ from, hops: path });
      walk(from, next, path, new Set([...seen, next.name]));
    }
  };
  for (const t of schema.tables) walk(t, t, [], new Set([t.name]));
  return out;
}

/** The PipelineError a call throws; fails the test when it throws none, or another kind. */
export function errorOf(f: () => unknown): PipelineError {
  try {
    f();
  } catch (e) {
    if (e instanceof PipelineError) return e;
    throw e;
  }
  throw new Error('expected a PipelineError');
}

/** The stable code of the error a call throws, or "no error". */
export function codeOf(f: () => unknown): string {
  try {
    return errorOf(f).code;
  } catch (e) {
    if ((e as Error).message === 'expected a PipelineError') return 'no error';
    throw e;
  }
}

/**
 * Writes an invented source folder in the journal's style under `sources`:
 * the text, a source.yaml pinning its bytes, and an optional curation.yaml.
 * The text must hold `preferred` (the citation sentence) and a chronology.
 */
export function writeSource(sources: string, id: string, text: string, preferred: string, curation?: string): void {
  const dir = path.join(sources, id);
  mkdirSync(dir, { recursive: true });
  const bytes = Buffer.from(text, 'utf8');
  writeFileSync(path.join(dir, 'chapter.txt'), bytes);
  writeFileSync(
    path.join(dir, 'source.yaml'),
    [
      `id: ${id}`,
      'file: chapter.txt',
      `sha256: ${createHash('sha256').update(bytes).digest('hex')}`,
      `bytes: ${bytes.length}`,
      'media_type: text/plain',
      'language: en',
      `title: "Invented chapter ${id}"`,
      'authors:',
      '  - family: Author',
      '    given: Test',
      'journal: Test Connections',
      'volume: 1',
      'issue: 2',
      'issued: "2021-04"',
      'pages: "1–2"',
      'publisher: Test Publisher',
      `preferred_citation: ${JSON.stringify(preferred)}`,
      '',
    ].join('\n'),
  );
  if (curation) writeFileSync(path.join(dir, 'curation.yaml'), curation);
}

/** A registry of invented entities for hand-written sources. */
export function writeRegistry(sources: string, yaml: string): void {
  mkdirSync(path.join(sources, 'registry'), { recursive: true });
  writeFileSync(path.join(sources, 'registry', 'test.yaml'), yaml);
}

/** Reads a JSON Lines file of a build. */
export function readJsonlFile<T = Record<string, unknown>>(file: string): T[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as T);
}

/**
 * Builds the repository's sources into a fresh dist/, then builds `sources`
 * over it: returns the PipelineError that build stops with, and whether it
 * left dist/ exactly as it was.
 */
export async function failedBuild(sources: string): Promise<{ error: PipelineError; distUntouched: boolean }> {
  const paths = tempPaths();
  await buildInto(paths);
  const before = snapshot(paths.dist);
  let error: unknown = null;
  try {
    await runBuild(context({ ...paths, sources }));
  } catch (e) {
    error = e;
  }
  if (!(error instanceof PipelineError)) throw new Error(`expected a PipelineError, got ${String(error)}`);
  return { error, distUntouched: JSON.stringify([...snapshot(paths.dist)]) === JSON.stringify([...before]) };
}
