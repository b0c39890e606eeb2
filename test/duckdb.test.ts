import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSchema } from '../pipeline/lib/schema.ts';
import { EDGE_SCHEMA, edgeRelease, MULTILINGUAL } from './edge.ts';
import { foreignKeyPaths, ROOT, SCHEMA } from './helpers.ts';
import { readCsv, typedRow } from './load.ts';
import { readmeSnippet } from './readme.ts';

const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);
let conn: Awaited<ReturnType<DuckDBInstance['connect']>>;
const releases: { label: string; schema: DatasetSchema; dir: string }[] = [
  { label: 'the release', schema: SCHEMA, dir: release },
  { label: 'the edge fixture', schema: EDGE_SCHEMA, dir: '' },
];

beforeAll(async () => {
  releases[1]!.dir = (await edgeRelease()).dir;
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  // The README snippets name files relative to the release folder.
  await conn.run(`SET file_search_path = '${release}'`);
});
afterAll(() => conn?.closeSync());

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

const PARQUET_TYPES: Record<string, string> = { string: 'VARCHAR', integer: 'INTEGER', number: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE' };
const CSV_TYPES: Record<string, string> = { string: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE' };
const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

describe('DuckDB reads every Parquet and CSV file', () => {
  for (const rel of releases) {
    for (const table of rel.schema.tables) {
      const file = (ext: string): string => sqlString(path.join(rel.dir, `${table.name}.${ext}`));

      it(`${rel.label}, ${table.name}.parquet: every row, each column typed as the schema says, the values of the CSV`, async () => {
        const csv = readCsv(path.join(rel.dir, `${table.name}.csv`));
        expect((await rows(`SELECT count(*) AS n FROM read_parquet(${file('parquet')})`))[0]!.n).toBe(BigInt(csv.length));
        const described = await rows(`DESCRIBE SELECT * FROM read_parquet(${file('parquet')})`);
        expect(described.map((d) => d.column_name)).toEqual(table.fields.map((f) => f.name));
        // A multi-valued field is a list: VARCHAR[] for a list of strings.
        expect(described.map((d) => d.column_type)).toEqual(table.fields.map((f) => `${PARQUET_TYPES[f.type]}${f.separator !== undefined ? '[]' : ''}`));
        // Dates as ISO text and numbers as doubles, so every value compares with the CSV's.
        const select = table.fields.map((f) => (f.type === 'date' ? `strftime(${f.name}, '%Y-%m-%d') AS ${f.name}` : f.type === 'integer' ? `${f.name}::DOUBLE AS ${f.name}` : f.name));
        const got = await rows(`SELECT ${select.join(', ')} FROM read_parquet(${file('parquet')})`);
        got.forEach((r, i) => {
          const want = typedRow(table, csv[i]!);
          for (const f of table.fields) expect(r[f.name] ?? null, `${table.name}[${i}].${f.name}`).toEqual(want[f.name]);
        });
      });

      it(`${rel.label}, ${table.name}.csv: every row, with the types DuckDB detects`, async () => {
        const csv = readCsv(path.join(rel.dir, `${table.name}.csv`));
        expect((await rows(`SELECT count(*) AS n FROM read_csv(${file('csv')})`))[0]!.n).toBe(BigInt(csv.length));
        const described = await rows(`DESCRIBE SELECT * FROM read_csv(${file('csv')})`);
        expect(described.map((d) => d.column_name)).toEqual(table.fields.map((f) => f.name));
        for (const [i, f] of table.fields.entries()) {
          // A column empty in every row is detected as VARCHAR; a list is its joined text.
          if (!csv.some((r) => r[f.name] !== '')) continue;
          // A number column that holds only whole numbers is detected as BIGINT (Parquet keeps it DOUBLE, as the schema says).
          // So is a text column whose every value is digits with no leading zero (an EDTF year such as
          // claims.implied_origin "1949"; a CAMEO code "040" stays text).
          const digits = (v: string): boolean => (f.type === 'number' ? /^-?\d+$/ : /^-?[1-9]\d*$/).test(v);
          const whole = (f.type === 'number' || f.type === 'string') && csv.every((r) => r[f.name] === '' || digits(r[f.name]!));
          expect(described[i]!.column_type, f.name).toBe(f.separator !== undefined ? 'VARCHAR' : whole ? 'BIGINT' : CSV_TYPES[f.type]);
        }
      });
    }

    it(`${rel.label}: joins every table along every chain of declared foreign keys, in Parquet and CSV, with no orphan and no duplicate`, async () => {
      const paths = foreignKeyPaths(rel.schema);
      if (rel.schema.tables.some((t) => t.foreign_keys.length > 0)) expect(paths.length).toBeGreaterThan(0);
      for (const ext of ['parquet', 'csv']) {
        const reader = (t: string): string => `read_${ext}(${sqlString(path.join(rel.dir, `${t}.${ext}`))})`;
        for (const { from, hops } of paths) {
          let sql = `FROM ${reader(from.name)} AS t0`;
          const matched: string[] = [];
          const orphans: string[] = [];
          hops.forEach((fk, k) => {
            const on = fk.fields.map((f, j) => `t${k}.${f} = t${k + 1}.${fk.reference.fields[j]}`).join(' AND ');
            sql += ` LEFT JOIN ${reader(fk.reference.resource)} AS t${k + 1} ON ${on}`;
            const ref = `t${k + 1}.${fk.reference.fields[0]}`;
            matched.push(`count(${ref}) AS matched${k}`);
            orphans.push(`count(*) FILTER (WHERE t${k}.${fk.fields[0]} IS NOT NULL AND ${ref} IS NULL) AS orphans${k}`);
          });
          const [r] = await rows(`SELECT count(*) AS n, ${matched.join(', ')}, ${orphans.join(', ')} ${sql}`);
          const label = `${ext}: ${[from.name, ...hops.map((h) => h.reference.resource)].join(' → ')}`;
          expect(r!.n, label).toBe(BigInt(readCsv(path.join(rel.dir, `${from.name}.csv`)).length));
          hops.forEach((_, k) => {
            expect(r![`orphans${k}`], `${label}, hop ${k + 1}`).toBe(0n);
            expect(Number(r![`matched${k}`]), `${label}, hop ${k + 1}`).toBeGreaterThan(0);
          });
        }
      }
    });
  }

  it('keeps Chinese and Cyrillic text intact in CSV and Parquet', async () => {
    for (const fmt of ['read_csv', 'read_parquet']) {
      const ext = fmt === 'read_csv' ? 'csv' : 'parquet';
      const [r] = await rows(`SELECT description FROM ${fmt}('events.${ext}') WHERE date_label = 'Sept. 16–21, 2019'`);
      expect(r!.description).toContain('(Центр-2019)');
      const [s] = await rows(`SELECT description FROM ${fmt}('events.${ext}') WHERE description LIKE '%胡春华%'`);
      expect(s!.description).toContain('Hu Chunhua (胡春华)');
      const edge = sqlString(path.join(releases[1]!.dir, `items.${ext}`));
      const [m] = await rows(`SELECT text, tags FROM ${fmt}(${edge}) WHERE item_id = 'i09'`);
      expect(m!.text).toBe(MULTILINGUAL);
      expect(m!.tags).toEqual(ext === 'csv' ? 'Центр-2019; 胡春华' : ['Центр-2019', '胡春华']);
      const joined = await rows(`SELECT i.item_id, g.label FROM ${fmt}(${edge}) i JOIN ${fmt}(${sqlString(path.join(releases[1]!.dir, `groups.${ext}`))}) g USING (group_id) ORDER BY i.item_id`);
      expect(joined[0]).toEqual({ item_id: 'i01', label: 'Группа один' });
      expect(joined.find((j) => j.item_id === 'i03')!.label).toBe('第二组');
    }
  });

  it('runs the README DuckDB snippet as written', async () => {
    const result = await rows(readmeSnippet('duckdb'));
    expect(result.length).toBeGreaterThan(3);
    expect(result[0]).toMatchObject({ event_type: 'meeting' });
    const total = result.reduce((n, r) => n + Number(r.events), 0);
    expect(total).toBe(readCsv(path.join(release, 'events.csv')).filter((e) => e.section === 'chronology').length);
  });

  it('runs the README DuckDB join snippet as written', async () => {
    const result = await rows(readmeSnippet('duckdb-join'));
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ date_start: '2019-09-05', source_title: 'China-Russia Relations: The Art and Agony of Avoiding an Alliance' });
    expect(String(result[0]!.description)).toContain('Hu Chunhua (胡春华)');
  });
});
