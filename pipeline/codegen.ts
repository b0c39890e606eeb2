/**
 * `npm run codegen`: write pipeline/generated/rows.ts, the TypeScript row type
 * of every table and a constant for every enumeration, from schema/. Code
 * that builds or reads rows takes its field names, types and allowed values
 * from there instead of typing them again; test/codegen.test.ts fails when
 * the committed file and the schema disagree.
 *
 * Rows are object types (`type X = { … }`), not interfaces: an object type
 * is assignable to `Row` (Record<string, Value>), so typed rows still go to
 * validateTables and the writers unchanged, and a `Row` narrows to one with a
 * plain `as`. An interface would allow neither without `as unknown as`.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PipelineError } from './lib/errors.ts';
import { loadSchema, type DatasetSchema, type FieldSpec, type TableSchema } from './lib/schema.ts';

/** Where the generated module lives, relative to the repository root. */
export const GENERATED_FILE = 'pipeline/generated/rows.ts';

const WIDTH = 100;

const pascal = (snake: string): string => snake.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
const constant = (snake: string): string => snake.toUpperCase();
const literal = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A JSDoc comment of `text`, on one line when it fits, wrapped at word boundaries otherwise. */
function jsdoc(text: string, indent: string): string[] {
  // "*/" inside a description would end the comment early.
  const words = text.replace(/\*\//g, '*\\/').split(/\s+/).filter(Boolean);
  const one = `${indent}/** ${words.join(' ')} */`;
  if (one.length <= WIDTH) return [one];
  const lines = [`${indent}/**`];
  let line = '';
  for (const w of words) {
    if (line && `${indent} * ${line} ${w}`.length > WIDTH) {
      lines.push(`${indent} * ${line}`);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(`${indent} * ${line}`);
  lines.push(`${indent} */`);
  return lines;
}

/** `export const NAME = [...] as const;`, items on one line when it fits, one per line otherwise. */
function constArray(name: string, items: string[]): string[] {
  const one = `export const ${name} = [${items.map(literal).join(', ')}] as const;`;
  if (one.length <= WIDTH) return [one];
  return [`export const ${name} = [`, ...items.map((i) => `  ${literal(i)},`), '] as const;'];
}

/** One enumeration: a field's own enum, or a vocabulary several fields may share. */
interface Enumeration {
  constName: string;
  typeName: string;
  values: string[];
  doc: string;
}

/**
 * Which enumeration each field with values uses. schema.ts resolves enum_from
 * into the field's values and registers the vocabulary under its name; a
 * field whose values are exactly a vocabulary's is that vocabulary's, so all
 * its fields share one constant named after it (EVENT_TYPE_VALUES). Other
 * enums are the field's own, named by table and field (EVENTS_SECTION_VALUES),
 * since fields of one name differ between tables (claims.rank, conflicts.rank_a).
 */
function enumerations(schema: DatasetSchema): { list: Enumeration[]; byField: Map<FieldSpec, Enumeration> } {
  const list: Enumeration[] = [];
  const byField = new Map<FieldSpec, Enumeration>();
  const byVocabulary = new Map<string, Enumeration>();
  const vocabularies = Object.values(schema.vocabularies).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const table of schema.tables) {
    for (const f of table.fields) {
      if (!f.enum) continue;
      const vocab = vocabularies.find((v) => v.values.length === f.enum!.length && v.values.every((x, i) => x.value === f.enum![i]));
      if (vocab) {
        let e = byVocabulary.get(vocab.name);
        if (!e) {
          e = { constName: `${constant(vocab.name)}_VALUES`, typeName: pascal(vocab.name), values: f.enum, doc: `Values of the ${vocab.name} vocabulary (schema/vocabularies/${vocab.file}).` };
          byVocabulary.set(vocab.name, e);
          list.push(e);
        }
        byField.set(f, e);
      } else {
        const e = { constName: `${constant(table.name)}_${constant(f.name)}_VALUES`, typeName: `${pascal(table.name)}${pascal(f.name)}`, values: f.enum, doc: `Values of ${table.name}.${f.name}.` };
        list.push(e);
        byField.set(f, e);
      }
    }
  }
  return { list, byField };
}

function fieldType(f: FieldSpec, e: Enumeration | undefined): string {
  const scalar = e ? e.typeName : f.type === 'integer' || f.type === 'number' ? 'number' : f.type === 'boolean' ? 'boolean' : 'string';
  const value = f.separator !== undefined ? `${scalar}[]` : scalar;
  return f.required ? value : `${value} | null`;
}

const rowName = (t: TableSchema): string => `${pascal(t.name)}Row`;

/** The text of pipeline/generated/rows.ts for a schema: the same schema gives the same bytes. */
export function generateRows(schema: DatasetSchema): string {
  const { list, byField } = enumerations(schema);
  const names = new Map<string, string>();
  const claim = (name: string, what: string): void => {
    const other = names.get(name);
    if (other) throw new PipelineError('schema/invalid', `generated name ${name} of ${what} is also that of ${other}`, { value: name, expected: 'table, field and vocabulary names that give distinct TypeScript names' });
    names.set(name, what);
  };
  const out: string[] = [
    '/**',
    ' * Generated from schema/ by `npm run codegen` (pipeline/codegen.ts). Do not edit: change the',
    ' * schema and run `npm run codegen`; test/codegen.test.ts fails when this file and the schema differ.',
    ' *',
    ' * A field that is not required is `| null` when it has no value; a multi-valued field (one with a',
    ' * separator) is an array; a date is an ISO 8601 day, "YYYY-MM-DD".',
    ' */',
    '',
  ];
  for (const e of list) {
    claim(e.constName, e.doc);
    claim(e.typeName, e.doc);
    out.push(...jsdoc(e.doc, ''), ...constArray(e.constName, e.values), `export type ${e.typeName} = (typeof ${e.constName})[number];`, '');
  }
  for (const t of schema.tables) {
    claim(rowName(t), `table ${t.name}`);
    claim(`${constant(t.name)}_FIELDS`, `table ${t.name}`);
    out.push(...jsdoc(`${t.title}: ${t.description}`, ''), `export type ${rowName(t)} = {`);
    for (const f of t.fields) out.push(...jsdoc(f.description, '  '), `  ${f.name}: ${fieldType(f, byField.get(f))};`);
    out.push('};', '', `/** Fields of ${t.name}, in schema order. */`, ...constArray(`${constant(t.name)}_FIELDS`, t.fields.map((f) => f.name)), '');
  }
  out.push('/** The row type of every table, by table name. */', 'export type TableRows = {');
  for (const t of schema.tables) out.push(`  ${t.name}: ${rowName(t)};`);
  out.push('};', '', 'export type TableName = keyof TableRows;', '');
  return out.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const file = path.join(root, GENERATED_FILE);
  const text = generateRows(loadSchema(path.join(root, 'schema'), root));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  console.log(`codegen: wrote ${GENERATED_FILE} from schema/ (${text.split('\n').length} lines)`);
}
