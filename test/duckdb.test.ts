import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SCHEMA } from './helpers.ts';
import { readCsv } from './load.ts';
import { readmeSnippet } from './readme.ts';

const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);
let conn: Awaited<ReturnType<DuckDBInstance['connect']>>;

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  await conn.run(`SET file_search_path = '${release}'`);
});
afterAll(() => conn?.closeSync());

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

const PARQUET_TYPES: Record<string, string> = { string: 'VARCHAR', integer: 'INTEGER', number: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE' };
const CSV_TYPES: Record<string, string> = { string: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE' };

describe('DuckDB reads the release', () => {
  for (const table of SCHEMA.tables) {
    const n = readCsv(path.join(release, `${table.name}.csv`)).length;

    it(`${table.name}.parquet: ${n} rows, each column typed as the schema says`, async () => {
      expect((await rows(`SELECT count(*) AS n FROM read_parquet('${table.name}.parquet')`))[0]!.n).toBe(BigInt(n));
      const described = await rows(`DESCRIBE SELECT * FROM read_parquet('${table.name}.parquet')`);
      expect(described.map((d) => d.column_name)).toEqual(table.fields.map((f) => f.name));
      expect(described.map((d) => d.column_type)).toEqual(table.fields.map((f) => PARQUET_TYPES[f.type]));
    });

    it(`${table.name}.csv: ${n} rows, with the types DuckDB detects`, async () => {
      expect((await rows(`SELECT count(*) AS n FROM read_csv('${table.name}.csv')`))[0]!.n).toBe(BigInt(n));
      const described = await rows(`DESCRIBE SELECT * FROM read_csv('${table.name}.csv')`);
      expect(described.map((d) => d.column_name)).toEqual(table.fields.map((f) => f.name));
      // Columns that are empty in every row are detected as VARCHAR; a number
      // column that holds only whole numbers is detected as BIGINT (Parquet
      // keeps it DOUBLE, as the schema says).
      const csv = readCsv(path.join(release, `${table.name}.csv`));
      for (const [i, f] of table.fields.entries()) {
        if (!f.required) continue;
        const whole = f.type === 'number' && csv.every((r) => /^-?\d+$/.test(r[f.name]!));
        expect(described[i]!.column_type, f.name).toBe(whole ? 'BIGINT' : CSV_TYPES[f.type]);
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
    }
  });

  it('runs the README DuckDB snippet as written', async () => {
    const result = await rows(readmeSnippet('duckdb'));
    expect(result.length).toBeGreaterThan(3);
    expect(result[0]).toMatchObject({ event_type: 'meeting' });
    const total = result.reduce((n, r) => n + Number(r.events), 0);
    expect(total).toBe(readCsv(path.join(release, 'events.csv')).length);
  });
});
