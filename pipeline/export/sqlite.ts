/**
 * <dataset>.sqlite: every table with its primary and foreign keys, typed
 * (STRICT) columns and an FTS5 index over its text columns, for people who
 * query with SQL. Rows are inserted in batches as they come, so memory stays
 * at one batch; the file is written on disk by SQLite (better-sqlite3).
 * The same inserts in the same order, a VACUUM at the end and no journal
 * give the same bytes on every build.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatasetSchema, FieldSpec, Row, TableSchema } from '../lib/schema.ts';

export const STEP = { id: 'export/sqlite', version: '1.0.0' };
export const sqliteName = (dataset: DatasetSchema): string => `${dataset.name}.sqlite`;

/** Fields searched by the full-text index of a table: its text, not its ids, hashes or steps. */
export function ftsFields(t: TableSchema): string[] {
  const skip = new Set([...t.primary_key, 'source_id', 'extractor', 'sha256', 'media_type']);
  return t.fields.filter((f) => f.type === 'string' && !skip.has(f.name) && !f.enum && !t.foreign_keys.some((fk) => fk.fields.includes(f.name))).map((f) => f.name);
}

const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;
function sqlType(f: FieldSpec): string {
  if (f.separator) return 'TEXT';
  return { string: 'TEXT', date: 'TEXT', integer: 'INTEGER', number: 'REAL', boolean: 'INTEGER' }[f.type];
}

export function createTableSql(t: TableSchema): string {
  const cols = t.fields.map((f) => {
    const checks = f.type === 'boolean' && !f.separator ? ` CHECK (${q(f.name)} IN (0, 1))` : '';
    return `  ${q(f.name)} ${sqlType(f)}${f.required ? ' NOT NULL' : ''}${checks}`;
  });
  cols.push(`  PRIMARY KEY (${t.primary_key.map(q).join(', ')})`);
  for (const fk of t.foreign_keys) cols.push(`  FOREIGN KEY (${fk.fields.map(q).join(', ')}) REFERENCES ${q(fk.reference.resource)} (${fk.reference.fields.map(q).join(', ')})`);
  return `CREATE TABLE ${q(t.name)} (\n${cols.join(',\n')}\n) STRICT`;
}

export interface SqliteWriter {
  addRows(table: string, rows: Row[]): void;
  /** Builds the full-text indexes, compacts the file and returns its bytes. */
  close(): Uint8Array;
  /** The same, compacted straight into a file: the database never sits in memory whole. */
  closeInto(file: string): void;
}

export function openSqlite(dataset: DatasetSchema): SqliteWriter {
  const dir = mkdtempSync(path.join(tmpdir(), 'crr-sqlite-'));
  const file = path.join(dir, sqliteName(dataset));
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  // A temporary file, compacted into the release at the end: a crash loses
  // only it, so nothing is synced to disk while it is built, and all the
  // rows go in one transaction (committed before the indexes are built).
  db.pragma('synchronous = OFF');
  db.pragma('page_size = 4096');
  db.pragma('foreign_keys = OFF'); // rows arrive in any table order; the test checks the keys afterwards
  const tables = new Map(dataset.tables.map((t) => [t.name, t]));
  for (const t of dataset.tables) {
    db.exec(createTableSql(t));
    const fts = ftsFields(t);
    if (fts.length) db.exec(`CREATE VIRTUAL TABLE ${q(`${t.name}_fts`)} USING fts5(${fts.map(q).join(', ')}, content=${q(t.name)}, content_rowid='rowid')`);
  }
  const inserts = new Map(
    dataset.tables.map((t) => [t.name, db.prepare(`INSERT INTO ${q(t.name)} (${t.fields.map((f) => q(f.name)).join(', ')}) VALUES (${t.fields.map(() => '?').join(', ')})`)]),
  );
  const cell = (f: FieldSpec, v: Row[string] | undefined): string | number | null => {
    if (v === null || v === undefined) return null;
    if (Array.isArray(v)) return v.join(f.separator ?? ';');
    if (typeof v === 'boolean') return v ? 1 : 0;
    return v;
  };
  db.exec('BEGIN');
  return {
    addRows(table, rows) {
      const t = tables.get(table)!;
      const stmt = inserts.get(table)!;
      for (const r of rows) stmt.run(t.fields.map((f) => cell(f, r[f.name])));
    },
    close() {
      const out = path.join(dir, 'compacted.sqlite');
      this.closeInto(out);
      const bytes = readFileSync(out);
      rmSync(dir, { recursive: true, force: true });
      return bytes;
    },
    closeInto(target) {
      db.exec('COMMIT');
      for (const t of dataset.tables) if (ftsFields(t).length) db.exec(`INSERT INTO ${q(`${t.name}_fts`)}(${q(`${t.name}_fts`)}) VALUES ('rebuild')`);
      // VACUUM INTO writes a compacted copy page by page, the same bytes for the same rows.
      db.prepare('VACUUM INTO ?').run(target);
      db.close();
      rmSync(file, { force: true });
      if (path.dirname(target) !== dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A whole release's tables at once. */
export function sqliteBytes(dataset: DatasetSchema, data: Record<string, Row[]>): Uint8Array {
  const w = openSqlite(dataset);
  for (const t of dataset.tables) w.addRows(t.name, data[t.name] ?? []);
  return w.close();
}
