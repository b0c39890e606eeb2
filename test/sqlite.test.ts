import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ftsFields, sqliteBytes, sqliteName } from '../pipeline/export/sqlite.ts';
import type { Row } from '../pipeline/lib/schema.ts';
import { sourceIds } from '../pipeline/lib/sources.ts';
import { buildInto, readJsonlFile, ROOT, SCHEMA, tempPaths } from './helpers.ts';
import { readCsv } from './load.ts';

let release: string;
let db: string;
let build: string;

beforeAll(async () => {
  const paths = tempPaths();
  ({ releaseDir: release } = await buildInto(paths));
  build = paths.build;
  db = path.join(release, sqliteName(SCHEMA));
}, 120_000);

const sqlite3 = (sql: string): string => execFileSync('sqlite3', ['-readonly', db, sql], { encoding: 'utf8' });

describe('the SQLite database', () => {
  it('has every table with the rows of its CSV and clean foreign keys (Debian sqlite3)', () => {
    expect(sqlite3('PRAGMA foreign_key_check;')).toBe('');
    expect(sqlite3('PRAGMA integrity_check;').trim()).toBe('ok');
    for (const t of SCHEMA.tables) {
      expect(Number(sqlite3(`SELECT count(*) FROM "${t.name}";`)), t.name).toBe(readCsv(path.join(release, `${t.name}.csv`)).length);
    }
    const fks = sqlite3('SELECT "table" FROM pragma_foreign_key_list(\'events\');');
    // events → events twice: same_as_event_id and date_anchor.
    expect(fks.split('\n').filter(Boolean).sort()).toEqual(['entities', 'events', 'events', 'sources']);
  });

  it('declares keys and types, and finds words through FTS5 (Python sqlite3)', () => {
    const out = execFileSync('python3', ['-c', `
import sqlite3, json, sys
c = sqlite3.connect(sys.argv[1])
pk = [r[1] for r in c.execute("PRAGMA table_info(event_participants)") if r[5]]
types = {r[1]: r[2] for r in c.execute("PRAGMA table_info(events)")}
hits = [r[0] for r in c.execute("SELECT e.event_id FROM events_fts f JOIN events e ON e.rowid = f.rowid WHERE events_fts MATCH 'Vladivostok' ORDER BY e.event_id")]
print(json.dumps({"pk": pk, "types": types, "hits": hits}))
`, db], { encoding: 'utf8' });
    const r = JSON.parse(out) as { pk: string[]; types: Record<string, string>; hits: string[] };
    expect(r.pk).toEqual(['event_id', 'entity_id']);
    expect(r.types.sequence).toBe('INTEGER');
    expect(r.types.date_start).toBe('TEXT');
    expect(r.hits).toContain('ev-20190905-b02e1da7');
    expect(ftsFields(SCHEMA.tables.find((t) => t.name === 'events')!)).toContain('description');
  });

  it('is byte-identical when written again from the same rows', () => {
    const data: Record<string, Row[]> = {};
    for (const t of SCHEMA.tables) {
      const own = path.join(build, 'normalize', `${t.name}.jsonl`);
      // A per-source table is every source's rows, in the order of the source ids, as the export reads them.
      data[t.name] = existsSync(own) ? readJsonlFile<Row>(own) : sourceIds(path.join(ROOT, 'sources'), ROOT).flatMap((id) => readJsonlFile<Row>(path.join(build, 'normalize', id, `${t.name}.jsonl`)));
    }
    expect(Buffer.from(sqliteBytes(SCHEMA, data)).equals(readFileSync(db))).toBe(true);
  });
});
