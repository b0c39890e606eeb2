/**
 * The one way YAML is read: every syntax error, alias bomb or oversized file
 * becomes a coded error naming the file, line and column, instead of a raw
 * parser exception that names neither the file nor what was expected.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { LineCounter, parseDocument } from 'yaml';
import { PipelineError } from './errors.ts';
import { readBytes, statPath, writeAtomic } from './io.ts';
import { rel } from './sources.ts';

/** Curated YAML is hand-written: a few hundred kilobytes at most. A larger file is a mistake, not data. */
export const YAML_MAX_BYTES = 4 * 1024 * 1024;
/**
 * Aliases a document may resolve. The curated files use none; a handful is
 * plenty for anyone who does, while "billion laughs" documents need millions.
 */
export const YAML_MAX_ALIASES = 100;

export interface YamlOptions {
  maxBytes?: number;
}

/** Reads and parses one YAML file; `file` is absolute, messages name it relative to `root`. */
export function loadYamlFile(file: string, root: string, opts: YamlOptions = {}): unknown {
  const shown = rel(root, file);
  const max = opts.maxBytes ?? YAML_MAX_BYTES;
  const size = statPath(file, root).size;
  if (size > max) {
    throw new PipelineError('yaml/too-large', `YAML file of ${size} bytes is larger than the limit of ${max}`, {
      file: shown,
      value: size,
      expected: `at most ${max} bytes`,
    });
  }
  const bytes = readBytes(file, root);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PipelineError('yaml/invalid', 'YAML file is not valid UTF-8', { file: shown, expected: 'UTF-8 text' });
  }
  return parseYamlText(text, shown, opts);
}

/**
 * Documents already parsed in this process, by the path shown and the exact
 * text: a build reads the schema, the registry and the vocabularies in every
 * stage, and parsing them again cost a third of a second of a one-source
 * build. A copy is returned, so no caller can change another's document; a
 * changed text is parsed again, and a document that failed is never kept.
 */
const parsed = new Map<string, { text: string; value: unknown }>();

/** Parses YAML text already read; `file` is the path shown in messages. */
export function parseYamlText(text: string, file: string, opts: YamlOptions = {}): unknown {
  const known = parsed.get(file);
  if (known && known.text === text) return structuredClone(known.value);
  const max = opts.maxBytes ?? YAML_MAX_BYTES;
  if (text.length > max) {
    throw new PipelineError('yaml/too-large', `YAML text of ${text.length} characters is larger than the limit of ${max}`, {
      file,
      value: text.length,
      expected: `at most ${max} bytes`,
    });
  }
  let value = readParsed(text);
  if (value === undefined) {
    value = parseFresh(text, file);
    keepParsed(text, value);
  }
  parsed.set(file, { text, value });
  return structuredClone(value);
}

/**
 * Documents parsed by earlier processes, kept beside the compiled command
 * line in node_modules/.cache/crr-yaml/ under a sha256 of the text, the yaml
 * package's version and this file's code: the schema, the vocabularies and
 * the registry took a fifth of a second to parse in every process (the main
 * thread and each worker) of every build. Only what a document's text alone
 * decides is kept (a text that fails is parsed, and fails, each time), only
 * values JSON gives back unchanged (no .inf, no -0), and only texts of
 * PERSIST_MIN_CHARS or more: a source.yaml parses in a fraction of a
 * millisecond, and keeping each one would only pile up files.
 * CRR_YAML_CACHE names another folder; an empty value keeps nothing.
 */
const PERSIST_MIN_CHARS = 2048;
let defaultDir: string | null | undefined;
function persistFile(text: string): string | null {
  if (text.length < PERSIST_MIN_CHARS) return null;
  const env = process.env.CRR_YAML_CACHE;
  let dir: string | null;
  if (env !== undefined) dir = env === '' ? null : env;
  else {
    if (defaultDir === undefined) {
      try {
        const require = createRequire(import.meta.url);
        const pkg = require.resolve('yaml/package.json');
        const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
        const code = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 16);
        defaultDir = path.join(path.dirname(pkg), '..', '.cache', 'crr-yaml', `${version}-${code}`);
      } catch {
        defaultDir = null;
      }
    }
    dir = defaultDir;
  }
  return dir === null ? null : path.join(dir, `${createHash('sha256').update(text).digest('hex')}.json`);
}

function readParsed(text: string): unknown {
  const file = persistFile(text);
  if (file === null || !existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined; // a damaged file: the text is parsed again
  }
}

function keepParsed(text: string, value: unknown): void {
  const file = persistFile(text);
  if (file === null) return;
  const json = JSON.stringify(value);
  if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) return;
  try {
    writeAtomic(file, json, path.dirname(file), false);
  } catch {
    /* node_modules/ may be read-only: the text is parsed each time */
  }
}

function parseFresh(text: string, file: string): unknown {
  let doc;
  const lines = new LineCounter();
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true, lineCounter: lines });
  } catch (e) {
    throw new PipelineError('yaml/invalid', `YAML could not be parsed: ${(e as Error).message}`, { file, expected: 'a YAML document' });
  }
  const first = doc.errors[0];
  if (first) {
    const pos = first.pos ? lines.linePos(first.pos[0]) : undefined;
    const lineText = pos ? (text.split(/\r?\n/)[pos.line - 1] ?? '') : '';
    throw new PipelineError('yaml/invalid', `YAML syntax error${pos ? ` at column ${pos.col}` : ''}: ${firstLine(first.message)}`, {
      file,
      line: pos?.line,
      value: pos ? { column: pos.col, text: lineText.length > 80 ? `${lineText.slice(0, 79)}…` : lineText } : undefined,
      expected: 'valid YAML (see https://yaml.org/spec/1.2.2/)',
    });
  }
  try {
    return doc.toJS({ maxAliasCount: YAML_MAX_ALIASES });
  } catch (e) {
    const msg = (e as Error).message;
    if (/alias/i.test(msg)) {
      throw new PipelineError('yaml/alias-bomb', 'YAML document expands too many aliases', {
        file,
        value: firstLine(msg),
        expected: `at most ${YAML_MAX_ALIASES} alias expansions`,
      });
    }
    throw new PipelineError('yaml/invalid', `YAML could not be read: ${firstLine(msg)}`, { file, expected: 'a YAML document' });
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0]!;
}
