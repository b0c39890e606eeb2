import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSchema, FieldSpec } from '../pipeline/lib/schema.ts';
import { EDGE_SCHEMA, edgeRelease, MULTILINGUAL, TRAPS } from './edge.ts';
import { ROOT, SCHEMA, tempDir } from './helpers.ts';
import { readCsv, typedRow } from './load.ts';
import { readmeSnippet } from './readme.ts';
import { INSTALL, PYTHON, pythonHas, skipWithout } from './tools.ts';

const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);
const SCRIPT = path.join(ROOT, 'test', 'consumers', 'pandas_read.py');

/** The dtypes the README's table promises for each kind of field. */
function pandasDtype(f: FieldSpec): string {
  if (f.separator !== undefined) return 'object';
  if (f.type === 'date') return 'period[D]';
  if (f.categorical) return 'category';
  return { string: 'string', integer: 'Int64', number: 'Float64', boolean: 'boolean' }[f.type];
}

interface Report {
  pandas: string;
  tables: Record<string, { columns: string[]; dtypes: Record<string, string>; categories: Record<string, string[]>; rows: unknown[][] }>;
}

function readWithPandas(dir: string, code: string): Report {
  const snippet = path.join(tempDir('crr-pandas-'), 'pandas-snippet.py');
  writeFileSync(snippet, code);
  const run = spawnSync(PYTHON, [SCRIPT, snippet, dir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pandas_read.py failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Report;
}

describe.skipIf(skipWithout(pythonHas('pandas')))(`Debian's pandas (${PYTHON}) reads every CSV with the dtypes the README promises (needs ${INSTALL})`, () => {
  const releases: { label: string; schema: DatasetSchema; dir: string; report?: Report }[] = [
    { label: 'the release', schema: SCHEMA, dir: release },
    { label: 'the edge fixture', schema: EDGE_SCHEMA, dir: '' },
  ];
  beforeAll(async () => {
    if (!pythonHas('pandas')) throw new Error(`${PYTHON} cannot import pandas: ${INSTALL}`);
    releases[1]!.dir = (await edgeRelease()).dir;
    releases[0]!.report = readWithPandas(releases[0]!.dir, readmeSnippet('pandas'));
    // The snippet's definitions, without its two calls that read the release's own tables.
    releases[1]!.report = readWithPandas(releases[1]!.dir, readmeSnippet('pandas').split('\nevents = ')[0]!);
  });

  for (const rel of releases) {
    for (const table of rel.schema.tables) {
      it(`${rel.label}, ${table.name}.csv: every row and value, each column with its promised dtype`, () => {
        const got = rel.report!.tables[table.name]!;
        expect(got.columns).toEqual(table.fields.map((f) => f.name));
        expect(got.dtypes).toEqual(Object.fromEntries(table.fields.map((f) => [f.name, pandasDtype(f)])));
        const dp = JSON.parse(readFileSync(path.join(rel.dir, 'datapackage.json'), 'utf8'));
        const fields = dp.resources.find((r: { name: string }) => r.name === table.name).schema.fields as { name: string; categories?: string[] }[];
        for (const f of fields.filter((x) => x.categories)) expect(got.categories[f.name], f.name).toEqual(f.categories);
        const csv = readCsv(path.join(rel.dir, `${table.name}.csv`)).map((r) => typedRow(table, r));
        expect(got.rows).toHaveLength(csv.length);
        got.rows.forEach((row, i) => {
          table.fields.forEach((f, j) => expect(row[j], `${table.name}[${i}].${f.name}`).toEqual(csv[i]![f.name]));
        });
      });
    }
  }

  it('keeps Chinese and Cyrillic text, formula-shaped texts, padding and nullable integers as they are', () => {
    const events = releases[0]!.report!.tables.events!;
    const description = events.columns.indexOf('description');
    expect(events.rows.some((r) => String(r[description]).includes('Hu Chunhua (胡春华)'))).toBe(true);
    expect(events.rows.some((r) => String(r[description]).includes('(Центр-2019)'))).toBe(true);
    const items = releases[1]!.report!.tables.items!;
    const text = items.rows.map((r) => r[items.columns.indexOf('text')]);
    for (const t of [...TRAPS, MULTILINGUAL, ' padded ']) expect(text).toContain(t);
    expect(items.rows.map((r) => r[items.columns.indexOf('count')]).slice(0, 3)).toEqual([0, null, -12]);
    expect(items.rows[3]![items.columns.indexOf('tags')]).toEqual(['x;y', '胡春华']);
  });
});
