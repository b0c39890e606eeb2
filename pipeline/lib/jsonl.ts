/** JSON Lines files between stages: one record per line, written atomically. */
import { existsSync } from 'node:fs';
import { PipelineError } from './errors.ts';
import { readBytes } from './io.ts';
import { rel } from './sources.ts';
import { excerpt } from './text.ts';

/** Records as JSON Lines text: one JSON object per line, each line ended. */
export function jsonlText(records: readonly unknown[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/**
 * Reads a stage output. A line that is not one JSON object (a file cut by a
 * full disk, or edited by hand) is a coded error naming the file and line:
 * the remedy is to run the stage that writes it again.
 */
export function readJsonl<T>(file: string, root: string, producedBy: string): T[] {
  if (!existsSync(file)) {
    throw new PipelineError('stage/missing-input', 'input of this stage is missing', {
      file: rel(root, file),
      expected: `the output of \`npm run ${producedBy}\``,
    });
  }
  const text = readBytes(file, root).toString('utf8');
  const lines = text.split('\n');
  const out: T[] = [];
  lines.forEach((line, i) => {
    if (line === '') {
      if (i === lines.length - 1) return;
      throw corrupt(file, root, producedBy, i + 1, line, 'an empty line');
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw corrupt(file, root, producedBy, i + 1, line, 'not JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(file, root, producedBy, i + 1, line, 'not a JSON object');
    out.push(value as T);
  });
  if (text !== '' && !text.endsWith('\n')) throw corrupt(file, root, producedBy, lines.length, lines.at(-1)!, 'a last line without its line end (the file was cut)');
  return out;
}

/** Reads a stage output that is one JSON document (a coverage report), with the same coded errors. */
export function readJsonFile<T>(file: string, root: string, producedBy: string): T {
  if (!existsSync(file)) {
    throw new PipelineError('stage/missing-input', 'input of this stage is missing', { file: rel(root, file), expected: `the output of \`npm run ${producedBy}\`` });
  }
  const text = readBytes(file, root).toString('utf8');
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new PipelineError('stage/corrupt-output', `stage output is corrupt: ${(e as Error).message}`, {
      file: rel(root, file),
      value: excerpt(text),
      expected: `one JSON document; run \`npm run ${producedBy}\` again`,
    });
  }
}

function corrupt(file: string, root: string, producedBy: string, line: number, text: string, what: string): PipelineError {
  return new PipelineError('stage/corrupt-output', `stage output is corrupt: line ${line} is ${what}`, {
    file: rel(root, file),
    line,
    value: excerpt(text),
    expected: `one JSON object per line; run \`npm run ${producedBy}\` again`,
  });
}
