/** JSON Lines files between stages: one record per line, written atomically. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PipelineError } from './errors.ts';
import { rel } from './sources.ts';

export function writeJsonl(file: string, records: readonly object[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  renameSync(tmp, file);
}

export function readJsonl<T>(file: string, root: string, producedBy: string): T[] {
  if (!existsSync(file)) {
    throw new PipelineError('stage/missing-input', 'input of this stage is missing', {
      file: rel(root, file),
      expected: `the output of \`npm run ${producedBy}\``,
    });
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);
}
