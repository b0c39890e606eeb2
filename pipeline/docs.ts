/**
 * `npm run docs`: rewrite the generated data dictionary in README.md from
 * schema/. The tests fail when the README and the schema disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDictionary } from './export/docs.ts';
import { loadSchema, type DatasetSchema } from './lib/schema.ts';

const BEGIN = '<!-- BEGIN GENERATED: data dictionary (npm run docs) -->';
const END = '<!-- END GENERATED: data dictionary -->';

export function withDictionary(readme: string, schema: DatasetSchema): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error('README.md has no generated data dictionary markers');
  return `${readme.slice(0, start + BEGIN.length)}\n\n${dataDictionary(schema)}\n${readme.slice(end)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const file = path.join(root, 'README.md');
  writeFileSync(file, withDictionary(readFileSync(file, 'utf8'), loadSchema(path.join(root, 'schema'), root)));
  console.log('docs: rewrote the data dictionary in README.md');
}
