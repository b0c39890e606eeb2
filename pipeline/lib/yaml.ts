/**
 * The one way YAML is read: every syntax error, alias bomb or oversized file
 * becomes a coded error naming the file, line and column, instead of a raw
 * parser exception that names neither the file nor what was expected.
 */
import { LineCounter, parseDocument } from 'yaml';
import { PipelineError } from './errors.ts';
import { readBytes, statPath } from './io.ts';
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
  const value = parseFresh(text, file, opts);
  parsed.set(file, { text, value });
  return structuredClone(value);
}

function parseFresh(text: string, file: string, opts: YamlOptions): unknown {
  const max = opts.maxBytes ?? YAML_MAX_BYTES;
  if (text.length > max) {
    throw new PipelineError('yaml/too-large', `YAML text of ${text.length} characters is larger than the limit of ${max}`, {
      file,
      value: text.length,
      expected: `at most ${max} bytes`,
    });
  }
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
