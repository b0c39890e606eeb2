import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pl from 'nodejs-polars';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSchema, FieldSpec } from '../pipeline/lib/schema.ts';
import { EDGE_SCHEMA, edgeRelease, MULTILINGUAL } from './edge.ts';
import { ROOT, SCHEMA } from './helpers.ts';
import { readCsv, typedRow } from './load.ts';
import { readmeSnippet } from './readme.ts';

const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);
const releases: { label: string; schema: DatasetSchema; dir: string }[] = [
  { label: 'the release', schema: SCHEMA, dir: release },
  { label: 'the edge fixture', schema: EDGE_SCHEMA, dir: '' },
];
beforeAll(async () => {
  releases[1]!.dir = (await edgeRelease()).dir;
});

/** The polars dtype a field must arrive as. */
function polarsType(f: FieldSpec): string {
  const item = f.categorical ? 'Categorical' : { string: 'String', integer: 'Int32', number: 'Float64', boolean: 'Bool', date: 'Date' }[f.type];
  return f.separator !== undefined ? `List(DataType(${item}))` : item;
}

/** A column's values as the CSV writes them: dates and categoricals through text, lists as arrays. */
function values(df: pl.DataFrame, f: FieldSpec): unknown[] {
  const s = df.getColumn(f.name);
  if (f.separator !== undefined) return s.toArray().map((v) => (v === null ? null : Array.from(v as Iterable<unknown>)));
  if (f.type === 'date' || f.categorical) return s.cast(pl.Utf8).toArray();
  return s.toArray();
}

describe('nodejs-polars 0.24.1 reads every Arrow and Parquet file', () => {
  for (const rel of releases) {
    for (const table of rel.schema.tables) {
      for (const ext of ['parquet', 'arrow']) {
        it(`${rel.label}, ${table.name}.${ext}: every row; categoricals, dates, nullable integers and lists typed as such; the values of the CSV`, () => {
          const bytes = readFileSync(path.join(rel.dir, `${table.name}.${ext}`));
          const df = ext === 'parquet' ? pl.readParquet(bytes) : pl.readIPC(bytes);
          const csv = readCsv(path.join(rel.dir, `${table.name}.csv`));
          expect(df.height).toBe(csv.length);
          expect(df.columns).toEqual(table.fields.map((f) => f.name));
          for (const f of table.fields) expect(String(df.schema[f.name]), f.name).toBe(`DataType(${polarsType(f)})`);
          const typed = csv.map((r) => typedRow(table, r));
          for (const f of table.fields) {
            expect(values(df, f), `${table.name}.${f.name}`).toEqual(typed.map((r) => r[f.name]));
          }
        });
      }
    }
  }

  it('reads integers with missing values as nullable integers, and the text of every script', async () => {
    const { dir } = await edgeRelease();
    for (const bytes of [readFileSync(path.join(dir, 'items.parquet')), readFileSync(path.join(dir, 'items.arrow'))]) {
      const df = 'PAR1' === bytes.subarray(0, 4).toString() ? pl.readParquet(bytes) : pl.readIPC(bytes);
      const count = df.getColumn('count');
      expect(String(count.dtype)).toBe('DataType(Int32)');
      expect(count.nullCount()).toBe(2);
      expect(count.toArray().slice(0, 3)).toEqual([0, null, -12]);
      expect(df.getColumn('text').toArray()).toContain(MULTILINGUAL);
      expect(df.getColumn('tags').toArray()[3]).toEqual(['x;y', '胡春华']);
    }
    const events = pl.readParquet(readFileSync(path.join(release, 'events.parquet')));
    const hu = events.filter(pl.col('description').str.contains('胡春华'));
    expect(hu.height).toBe(1);
    const center = events.filter(pl.col('description').str.contains('Центр-2019').and(pl.col('section').eq(pl.lit('chronology'))));
    expect(center.getColumn('date_label').toArray()).toEqual(['Sept. 16–21, 2019']);
  });

  it('runs the README polars snippet as written', () => {
    // In a file under the project, so that it finds nodejs-polars; run in the release folder.
    const dir = path.join(ROOT, '.scratch');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `readme-polars-${process.pid}.mjs`);
    writeFileSync(file, readmeSnippet('polars'));
    const run = spawnSync(process.execPath, [file], { cwd: release, encoding: 'utf8' });
    rmSync(file, { force: true });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [types, record] = run.stdout.trim().split('\n', 2);
    expect(types).toBe('DataType(Categorical) DataType(Date) DataType(List(DataType(String)))');
    expect(run.stdout).toContain("date_label: 'Sept. 5, 2019'");
    expect(run.stdout).toContain("event_type: 'meeting'");
    expect(record).toBeDefined();
  });
});
