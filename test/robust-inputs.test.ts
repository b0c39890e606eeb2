/**
 * Bad inputs, each refused with its stable code, and dist/ left exactly as it
 * was. One release is built first; every case then builds over the same
 * dist/ from a tampered copy of the sources or the schema.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../pipeline/build.ts';
import { runExport } from '../pipeline/export/stage.ts';
import { newestVersion } from '../pipeline/export/release.ts';
import { readJsonl } from '../pipeline/lib/jsonl.ts';
import type { Paths } from '../pipeline/lib/context.ts';
import { PipelineError } from '../pipeline/lib/errors.ts';
import { ARTICLE_ID, buildInto, context, copySources, ROOT, tempDir, tempPaths } from './helpers.ts';

const ARTICLE_DIR = path.join(ROOT, 'sources', ARTICLE_ID);
const TEXT = '000_fa4ab24074eee98d.txt';
const ORIGINAL = readFileSync(path.join(ARTICLE_DIR, TEXT));

let base: Paths;
let distDigest = '';

/** Every file under a folder with its sha256: what "dist/ unchanged" compares. */
function digest(dir: string): string {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(`${path.relative(dir, full)} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
    }
  };
  walk(dir);
  return out.sort().join('\n');
}

beforeAll(async () => {
  base = tempPaths();
  await buildInto(base);
  distDigest = digest(base.dist);
});

/** Runs `f` and returns the PipelineError it throws; a raw exception fails the test. */
async function refusal(f: () => Promise<unknown>): Promise<PipelineError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof PipelineError) return e;
    throw new Error(`expected a PipelineError, got a raw ${(e as Error).name}: ${(e as Error).message}`);
  }
  throw new Error('expected a PipelineError, the build succeeded');
}

/** Builds `over` the shared dist/ into a fresh build folder; asserts the code and that dist/ is unchanged. */
async function refused(over: Partial<Paths>, code: string): Promise<PipelineError> {
  const paths = { ...base, build: path.join(tempDir(), 'build'), ...over };
  const error = await refusal(() => runBuild(context(paths)));
  expect(error.code, error.message).toBe(code);
  expect(digest(base.dist)).toBe(distDigest);
  return error;
}

/** A copy of the article whose text bytes are replaced and re-pinned, so the edit reaches the text policy. */
function articleWith(bytes: Buffer): string {
  const dir = copySources([ARTICLE_DIR, path.join(ROOT, 'sources', 'registry')]);
  const folder = path.join(dir, ARTICLE_ID);
  writeFileSync(path.join(folder, TEXT), bytes);
  const meta = path.join(folder, 'source.yaml');
  const hash = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^sha256: .*$/m, `sha256: ${hash}`).replace(/^bytes: .*$/m, `bytes: ${bytes.length}`));
  return dir;
}

const edited = (edit: (t: string) => string): string => articleWith(Buffer.from(edit(ORIGINAL.toString('utf8'))));

/** A copy of the sources with source.yaml edited. */
function metaWith(edit: (yaml: string) => string): string {
  const dir = copySources([ARTICLE_DIR, path.join(ROOT, 'sources', 'registry')]);
  const meta = path.join(dir, ARTICLE_ID, 'source.yaml');
  writeFileSync(meta, edit(readFileSync(meta, 'utf8')));
  return dir;
}

/** A copy of the schema folder with one file edited. */
function schemaWith(file: string, edit: (yaml: string) => string): string {
  const dir = path.join(tempDir('crr-schema-'), 'schema');
  cpSync(path.join(ROOT, 'schema'), dir, { recursive: true });
  writeFileSync(path.join(dir, file), edit(readFileSync(path.join(dir, file), 'utf8')));
  return dir;
}

const NAME = 'Hu Chunhua';
const BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`), ''].join('\n');

describe('the text policy: what the extractors would misread is refused with line and column', () => {
  const cases: [string, (t: string) => string, string, number | null][] = [
    ['a NUL byte', (t) => t.replace(NAME, 'Hu\u0000Chunhua'), 'source/control-character', null],
    ['a BEL control character', (t) => t.replace(NAME, 'Hu\u0007Chunhua'), 'source/control-character', null],
    ['an ESC control character', (t) => t.replace(NAME, 'Hu\u001bChunhua'), 'source/control-character', null],
    ['a vertical tab', (t) => t.replace(NAME, 'Hu\u000bChunhua'), 'source/control-character', null],
    ['a form feed', (t) => t.replace(NAME, 'Hu\u000cChunhua'), 'source/control-character', null],
    ['a DEL character', (t) => t.replace(NAME, 'Hu\u007fChunhua'), 'source/control-character', null],
    ['a zero-width space inside a name', (t) => t.replace(NAME, 'Hu Chun\u200bhua'), 'source/invisible-character', null],
    ['a word joiner inside a name', (t) => t.replace(NAME, 'Hu\u2060Chunhua'), 'source/invisible-character', null],
    ['a soft hyphen inside a name', (t) => t.replace(NAME, 'Hu Chun\u00adhua'), 'source/invisible-character', null],
    ['a byte-order mark inside the text', (t) => t.replace(NAME, 'Hu \ufeffChunhua'), 'source/invisible-character', null],
  ];
  it.each(cases)('%s', async (_, edit, code, line) => {
    const error = await refused({ sources: edited(edit) }, code);
    const text = ORIGINAL.toString('utf8');
    const expectedLine = line ?? text.slice(0, text.indexOf(NAME)).split('\n').length;
    expect(error.details.line).toBe(expectedLine);
    expect(error.details.file).toMatch(new RegExp(`${ARTICLE_ID}/${TEXT}$`));
    expect(error.message).toMatch(/line \d+, column \d+/);
    expect((error.details.value as { column: number }).column).toBeGreaterThan(0);
  });

  const bytesCases: [string, (b: Buffer) => Buffer, number][] = [
    ['a lone 0xFF byte', (b) => Buffer.concat([b.subarray(0, 1000), Buffer.from([0xff]), b.subarray(1000)]), 1000],
    ['an overlong encoding', (b) => Buffer.concat([b.subarray(0, 2000), Buffer.from([0xc0, 0x80]), b.subarray(2000)]), 2000],
    ['an encoded surrogate', (b) => Buffer.concat([b.subarray(0, 3000), Buffer.from([0xed, 0xa0, 0x80]), b.subarray(3000)]), 3000],
    ['a sequence cut at the end of the file', (b) => Buffer.concat([b, Buffer.from([0xe4, 0xb8])]), ORIGINAL.length],
    ['a continuation byte with no lead', (b) => Buffer.concat([b.subarray(0, 4000), Buffer.from([0x80]), b.subarray(4000)]), 4000],
  ];
  it.each(bytesCases)('invalid UTF-8, %s, names its byte offset', async (_, edit, offset) => {
    const error = await refused({ sources: articleWith(edit(ORIGINAL)) }, 'source/encoding');
    expect(error.details.value).toEqual({ byte_offset: offset });
  });
});

describe('source folders: paths stay inside, metadata is checked, size is limited', () => {
  const cases: [string, (y: string) => string, string][] = [
    ['a file with ..', (y) => y.replace(/^file: .*$/m, `file: ../${ARTICLE_ID}/${TEXT}`), 'source/path-outside'],
    ['an absolute file', (y) => y.replace(/^file: .*$/m, 'file: /etc/hostname'), 'source/path-outside'],
    ['a file with ./', (y) => y.replace(/^file: .*$/m, `file: ./${TEXT}`), 'source/path-outside'],
    ['a file with a backslash', (y) => y.replace(/^file: .*$/m, `file: "sub\\\\${TEXT}"`), 'source/path-outside'],
    ['a file that does not exist', (y) => y.replace(/^file: .*$/m, 'file: nothing.txt'), 'source/missing-file'],
    ['an id that is not the folder', (y) => y.replace(/^id: .*$/m, 'id: another-id'), 'source/invalid-metadata'],
    ['a malformed sha256', (y) => y.replace(/^sha256: .*$/m, 'sha256: abc'), 'source/invalid-metadata'],
    ['bytes that are not a number', (y) => y.replace(/^bytes: .*$/m, 'bytes: many'), 'source/invalid-metadata'],
    ['an impossible issued date', (y) => y.replace(/^issued: .*$/m, 'issued: "January 2020"'), 'source/invalid-metadata'],
    ['no authors', (y) => y.replace(/^authors:[\s\S]*?(?=^journal)/m, 'authors: []\n'), 'source/invalid-metadata'],
    ['a YAML syntax error', (y) => y.replace(/^title: .*$/m, 'title: "unclosed'), 'yaml/invalid'],
    ['a duplicate key', (y) => `${y}title: again\n`, 'yaml/invalid'],
    ['a list instead of a mapping', () => '- id: x\n', 'source/invalid-metadata'],
    ['an alias bomb', (y) => `${y}${BOMB}`, 'yaml/alias-bomb'],
    ['a tab used for indentation', (y) => y.replace('  - family:', '\t- family:'), 'yaml/invalid'],
  ];
  it.each(cases)('source.yaml with %s', async (_, edit, code) => {
    const error = await refused({ sources: metaWith(edit) }, code);
    expect(error.details.file ?? '').toMatch(/source\.yaml$|\.txt$/);
  });

  it('a YAML error names the file, line and column', async () => {
    const error = await refused({ sources: metaWith((y) => y.replace(/^title: .*$/m, 'title: [unclosed')) }, 'yaml/invalid');
    expect(error.details.file).toMatch(new RegExp(`${ARTICLE_ID}/source\\.yaml$`));
    expect(error.details.line).toBeGreaterThan(1);
    expect((error.details.value as { column: number }).column).toBeGreaterThan(0);
  });

  it('a symbolic link that leads out of the source folder', async () => {
    const dir = copySources([ARTICLE_DIR]);
    const outside = path.join(tempDir(), 'elsewhere.txt');
    writeFileSync(outside, ORIGINAL);
    rmSync(path.join(dir, ARTICLE_ID, TEXT));
    symlinkSync(outside, path.join(dir, ARTICLE_ID, TEXT));
    await refused({ sources: dir }, 'source/path-outside');
  });

  it('a file that is a folder', async () => {
    const dir = metaWith((y) => y.replace(/^file: .*$/m, 'file: sub'));
    mkdirSync(path.join(dir, ARTICLE_ID, 'sub'));
    await refused({ sources: dir }, 'source/path-outside');
  });

  it('a folder name that is not a slug', async () => {
    const dir = copySources([ARTICLE_DIR]);
    cpSync(path.join(dir, ARTICLE_ID), path.join(dir, 'Bad Name'), { recursive: true });
    await refused({ sources: dir }, 'source/invalid-metadata');
  });

  it('a source above the size limit is refused before it is read', async () => {
    const dir = copySources([ARTICLE_DIR]);
    // Sparse: 200 MB that take no disk and would crash V8 if read into one string.
    truncateSync(path.join(dir, ARTICLE_ID, TEXT), 200 * 1024 * 1024);
    const error = await refused({ sources: dir }, 'source/too-large');
    expect(error.details.value).toBe(200 * 1024 * 1024);
  });

  it('an oversized source.yaml', async () => {
    await refused({ sources: metaWith((y) => `${y}note: "${'x'.repeat(5 * 1024 * 1024)}"\n`) }, 'yaml/too-large');
  });

  it('a source.yaml that is not UTF-8', async () => {
    const dir = copySources([ARTICLE_DIR]);
    const meta = path.join(dir, ARTICLE_ID, 'source.yaml');
    writeFileSync(meta, Buffer.concat([readFileSync(meta), Buffer.from('note: \xff\n', 'latin1')]));
    await refused({ sources: dir }, 'yaml/invalid');
  });

  it('a curation.yaml with a syntax error', async () => {
    const dir = copySources([ARTICLE_DIR, path.join(ROOT, 'sources', 'registry')]);
    const file = path.join(dir, ARTICLE_ID, 'curation.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n  - : : [\n`);
    const error = await refused({ sources: dir }, 'yaml/invalid');
    expect(error.details.file).toMatch(/curation\.yaml$/);
  });

  it.each([
    ['a syntax error', 'entities:\n  - { id: x, type: state\n', 'yaml/invalid'],
    ['an alias bomb', `entities: []\n${BOMB}`, 'yaml/alias-bomb'],
    ['no entities list', 'people: []\n', 'registry/invalid'],
    ['a lower-case country code', 'entities:\n  - { id: x, type: state, name: X, country: chn }\n', 'registry/invalid'],
  ])('a registry file with %s', async (_, yaml, code) => {
    const dir = copySources([ARTICLE_DIR, path.join(ROOT, 'sources', 'registry')]);
    writeFileSync(path.join(dir, 'registry', 'zz-bad.yaml'), yaml);
    const error = await refused({ sources: dir }, code);
    expect(error.details.file).toMatch(/zz-bad\.yaml$/);
  });
});

describe('schema/dataset.yaml: metadata that would be published wrong is refused', () => {
  it.each([
    ['an impossible released day', (y: string) => y.replace(/^released: .*$/m, 'released: "2026-02-30"')],
    ['a released month 13', (y: string) => y.replace(/^released: .*$/m, 'released: "2026-13-01"')],
    ['a released date that is not a string', (y: string) => y.replace(/^released: .*$/m, 'released: 2026')],
    ['an ISO 3166 code that is not assigned (UK for GB)', (y: string) => y.replace('iso3166: RU', 'iso3166: UK')],
    ['a withdrawn ISO 3166 code', (y: string) => y.replace('iso3166: RU', 'iso3166: SU')],
    ['a lower-case ISO 3166 code', (y: string) => y.replace('iso3166: CN', 'iso3166: cn')],
    ['a version that is not semantic', (y: string) => y.replace(/^version: .*$/m, 'version: 1.11')],
  ])('%s', async (_, edit) => {
    const error = await refused({ schema: schemaWith('dataset.yaml', edit) }, 'schema/invalid');
    expect(error.details.file).toMatch(/dataset\.yaml$/);
  });

  it('a YAML syntax error in a table file names it', async () => {
    const error = await refused({ schema: schemaWith('events.yaml', (y) => `${y}\n  bad: [\n`) }, 'yaml/invalid');
    expect(error.details.file).toMatch(/events\.yaml$/);
  });

  it('an alias bomb in dataset.yaml', async () => {
    await refused({ schema: schemaWith('dataset.yaml', (y) => `${y}${BOMB}`) }, 'yaml/alias-bomb');
  });

  it('a syntax error in a vocabulary', async () => {
    const error = await refused({ schema: schemaWith('vocabularies/units.yaml', (y) => `${y}\n: : [\n`) }, 'yaml/invalid');
    expect(error.details.file).toMatch(/units\.yaml$/);
  });

  it('a version lower than the newest release', async () => {
    const error = await refused({ schema: schemaWith('dataset.yaml', (y) => y.replace(/^version: .*$/m, 'version: 1.10.5')) }, 'release/version-not-newer');
    expect(error.message).toContain(newestVersion(path.join(ROOT, 'dist', 'china-russia-relations'))!);
  });
});

describe('stage outputs: a damaged one is never used, and a corrupt line read directly is a coded error', () => {
  /** A copy of the base build with one output of the article's unit edited. */
  function buildWith(stage: 'normalize' | 'extract', file: string, edit: (s: string) => string): Paths {
    const build = path.join(tempDir(), 'build');
    cpSync(base.build, build, { recursive: true });
    const full = path.join(build, stage, ARTICLE_ID, file);
    writeFileSync(full, edit(readFileSync(full, 'utf8')));
    return { ...base, build };
  }
  const EDITS: [string, (s: string) => string, number | 'last'][] = [
    ['a line cut by a full disk', (s: string) => s.slice(0, s.length - 40), 'last'],
    ['a garbage line', (s: string) => s.replace('\n', '\n{oops\n'), 2],
    ['an empty line inside', (s: string) => s.replace('\n', '\n\n'), 2],
    ['a line that is an array', (s: string) => s.replace('\n', '\n[1,2]\n'), 2],
  ];
  it.each(EDITS)('export after events.jsonl got %s: the unit is made again and the release is the same', async (_, edit) => {
    const paths = buildWith('normalize', 'events.jsonl', edit);
    const ctx = context(paths);
    expect((await runExport(ctx)).outcome).toBe('unchanged');
    expect(ctx.lines.find((l) => l.startsWith('normalize: read'))).toContain('(0 unchanged, 1 normalized)');
    expect(digest(base.dist)).toBe(distDigest);
  });

  it.each(EDITS)('reading a stage output with %s directly: stage/corrupt-output with file and line', (_, edit, line) => {
    const paths = buildWith('normalize', 'events.jsonl', edit);
    const file = path.join(paths.build, 'normalize', ARTICLE_ID, 'events.jsonl');
    const error = (() => {
      try {
        readJsonl(file, paths.root, 'normalize');
      } catch (e) {
        return e as PipelineError;
      }
      throw new Error('expected stage/corrupt-output');
    })();
    expect(error.code).toBe('stage/corrupt-output');
    expect(error.details.file).toMatch(/normalize\/cc-21-3-china-russia\/events\.jsonl$/);
    if (line !== 'last') expect(error.details.line).toBe(line);
  });

  it('an extract output with a corrupt line is extracted again', async () => {
    const paths = buildWith('extract', 'chronology.jsonl', (s) => s.replace('\n', '\n{"kind": \n'));
    const ctx = context(paths);
    expect((await runExport(ctx)).outcome).toBe('unchanged');
    expect(ctx.lines.find((l) => l.startsWith('extract: read'))).toContain('(0 unchanged, 1 extracted)');
    expect(digest(base.dist)).toBe(distDigest);
  });

  it('export with a stage output missing: the unit is made again', async () => {
    const paths = buildWith('normalize', 'events.jsonl', (s) => s);
    rmSync(path.join(paths.build, 'normalize', ARTICLE_ID, 'quotes.jsonl'));
    expect((await runExport(context(paths))).outcome).toBe('unchanged');
    expect(digest(base.dist)).toBe(distDigest);
  });
});
