/**
 * changes.csv: every record of a release that differs from the version
 * before it, and the version bump that difference needs (docs/releases.md).
 *
 * Records are matched by their table's primary key (the key values joined
 * by "/", as messages name a record) and compared as the CSV writes them
 * (`cellText`), against the previous release's own CSV files: what users
 * downloaded, not what the pipeline thinks it made. The previous table is
 * read a chunk at a time, and only a hash of each of its rows is kept, by
 * id; the rows that differ are read again at the end of the table for their
 * old values. Memory holds one table's hashes and the changed rows.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { stringify } from 'csv-stringify/sync';
import { PipelineError } from '../lib/errors.ts';
import type { DatasetSchema, FieldSpec, Row, TableSchema } from '../lib/schema.ts';
import { cellText } from './csv.ts';
import { compareVersions } from './release.ts';
import { CURATOR_FILE } from './quality.ts';

export const STEP = { id: 'export/changelog', version: '1.0.0' };

export const CHANGES_FILE = 'changes.csv';
export const CHANGES_COLUMNS = ['table', 'record_id', 'change', 'field', 'old_value', 'new_value'] as const;
export type Change = 'added' | 'removed' | 'changed';
export type ChangeRow = Record<(typeof CHANGES_COLUMNS)[number], string>;

/** How much of MAJOR.MINOR.PATCH a difference moves, least first. */
export const BUMPS = ['none', 'patch', 'minor', 'major'] as const;
export type Bump = (typeof BUMPS)[number];

/** What differs between two versions, per table, as counts and names. */
export interface ChangeSummary {
  tablesAdded: string[];
  tablesRemoved: string[];
  /** "table.field" */
  fieldsAdded: string[];
  fieldsRemoved: string[];
  /** "table.field: old → new" */
  typesChanged: string[];
  /** "table: old key → new key" */
  keysChanged: string[];
  records: Map<string, { added: number; removed: number; changed: number }>;
}

export function emptySummary(): ChangeSummary {
  return { tablesAdded: [], tablesRemoved: [], fieldsAdded: [], fieldsRemoved: [], typesChanged: [], keysChanged: [], records: new Map() };
}

// ---------------------------------------------------------------- reading CSV

const CHUNK = 1 << 20;

/**
 * The records of an RFC 4180 file, read a chunk at a time: quoted fields may
 * hold commas, doubled quotes and line breaks; records end in CRLF or LF.
 * The release's CSVs are written by csv.ts; the tests hold this reader to
 * csv-parse on them.
 */
export function* csvRecords(file: string): Generator<string[]> {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  const decoder = new StringDecoder('utf8');
  let record: string[] = [];
  let field = '';
  let quoted = false;
  // After a closing quote: a second quote is an escaped one.
  let afterQuote = false;
  let fresh = true;
  let cr = false;
  const endRecord = (): void => {
    record.push(field);
    field = '';
    fresh = true;
  };
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      const text = n > 0 ? decoder.write(buf.subarray(0, n)) : decoder.end();
      for (let i = 0; i < text.length; i++) {
        const c = text[i]!;
        if (quoted) {
          if (c === '"') {
            quoted = false;
            afterQuote = true;
          } else field += c;
          continue;
        }
        if (cr) {
          cr = false;
          if (c === '\n') {
            endRecord();
            yield record;
            record = [];
            continue;
          }
          field += '\r';
        }
        if (c === '"') {
          if (afterQuote) field += '"';
          quoted = true;
          afterQuote = false;
          fresh = false;
          continue;
        }
        afterQuote = false;
        if (c === ',') {
          record.push(field);
          field = '';
          fresh = false;
        } else if (c === '\n') {
          endRecord();
          yield record;
          record = [];
        } else if (c === '\r') {
          // A CR ends a record only before an LF, which may be in the next chunk.
          cr = true;
          fresh = false;
        } else {
          field += c;
          fresh = false;
        }
      }
      if (n === 0) break;
    }
    if (cr) field += '\r';
    if (!fresh || field !== '' || record.length > 0) {
      record.push(field);
      yield record;
    }
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------- the previous release

interface PreviousTable {
  file: string;
  header: string[];
  /** Field types as datapackage.json declared them; empty when it says nothing. */
  types: Map<string, string>;
  primaryKey: string[] | null;
}

/** The type a field is declared with in datapackage.json: its type, and the separator of a multi-valued field. */
export function declaredType(f: FieldSpec): string {
  return f.separator !== undefined ? `string (list, separator "${f.separator}")` : f.type;
}

function declaredTypeOf(d: Record<string, unknown>): string {
  return typeof d.separator === 'string' ? `string (list, separator "${d.separator}")` : String(d.type);
}

/** The tables of a release folder: its CSV files (not changes.csv or curator-list.csv), with what its datapackage.json says of them. */
export function previousTables(dir: string): Map<string, PreviousTable> {
  const described = new Map<string, Record<string, unknown>>();
  const dp = path.join(dir, 'datapackage.json');
  if (existsSync(dp)) {
    const doc = JSON.parse(readFileSync(dp, 'utf8')) as { resources?: Record<string, unknown>[] };
    for (const r of doc.resources ?? []) if (typeof r.path === 'string' && r.schema && typeof r.schema === 'object') described.set(r.path, r.schema as Record<string, unknown>);
  }
  const out = new Map<string, PreviousTable>();
  // The changes and the curator list are CSV files of a release but no tables of the dataset.
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv') && n !== CHANGES_FILE && n !== CURATOR_FILE).sort()) {
    const file = path.join(dir, name);
    const first = csvRecords(file).next();
    const header = first.done ? [] : first.value;
    const schema = described.get(name);
    const types = new Map<string, string>();
    for (const f of (schema?.fields as Record<string, unknown>[] | undefined) ?? []) types.set(String(f.name), declaredTypeOf(f));
    const pk = Array.isArray(schema?.primaryKey) ? (schema!.primaryKey as string[]) : typeof schema?.primaryKey === 'string' ? [schema.primaryKey] : null;
    out.set(name.slice(0, -4), { file, header, types, primaryKey: pk });
  }
  return out;
}

// ------------------------------------------------------------------ the diff

const rowHash = (cells: string[]): string => createHash('sha256').update(JSON.stringify(cells)).digest('base64').slice(0, 22);
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One table being compared: the previous rows' hashes by id, and the new rows that differ. */
class TableDiff {
  /** Fields of both versions, in the new schema's order. */
  private readonly common: FieldSpec[];
  private readonly oldIndex: number[];
  private keyIndex: number[];
  private readonly hashes = new Map<string, string>();
  /** New cells (of the common fields) of the records whose hash differs. */
  private readonly changed = new Map<string, string[]>();
  private readonly added: string[] = [];
  readonly rows: ChangeRow[] = [];

  constructor(
    private readonly table: TableSchema,
    private readonly previous: PreviousTable,
    private readonly summary: ChangeSummary,
  ) {
    const name = table.name;
    const old = previous.header;
    const row = (change: Change, field: string, oldValue = '', newValue = ''): void => {
      this.rows.push({ table: name, record_id: '', change, field, old_value: oldValue, new_value: newValue });
    };
    const oldKey = previous.primaryKey ?? table.primary_key;
    if (oldKey.join('+') !== table.primary_key.join('+')) {
      row('changed', '', oldKey.join('+'), table.primary_key.join('+'));
      summary.keysChanged.push(`${name}: ${oldKey.join('+')} → ${table.primary_key.join('+')}`);
    }
    for (const f of table.fields) {
      if (!old.includes(f.name)) {
        row('added', f.name);
        summary.fieldsAdded.push(`${name}.${f.name}`);
        continue;
      }
      const was = previous.types.get(f.name);
      if (was !== undefined && was !== declaredType(f)) {
        row('changed', f.name, was, declaredType(f));
        summary.typesChanged.push(`${name}.${f.name}: ${was} → ${declaredType(f)}`);
      }
    }
    for (const h of old) {
      if (!table.fields.some((f) => f.name === h)) {
        row('removed', h);
        summary.fieldsRemoved.push(`${name}.${h}`);
      }
    }
    this.common = table.fields.filter((f) => old.includes(f.name));
    this.oldIndex = this.common.map((f) => old.indexOf(f.name));
    // Records are matched by the new key; a key field the old header lacks matches nothing, and every record is removed and added.
    this.keyIndex = table.primary_key.map((k) => old.indexOf(k));
    if (this.keyIndex.includes(-1) || table.primary_key.length === 0) this.keyIndex = [];
    let first = true;
    for (const rec of csvRecords(previous.file)) {
      if (first) {
        first = false;
        continue;
      }
      const id = this.oldId(rec);
      this.hashes.set(id, rowHash(this.oldIndex.map((i) => rec[i] ?? '')));
    }
  }

  private oldId(rec: string[]): string {
    // Without a comparable key, an id no new record can have.
    return this.keyIndex.length ? this.keyIndex.map((i) => rec[i] ?? '').join('/') : `\u0000${rec.join('\u0000')}`;
  }

  add(rows: readonly Row[]): void {
    for (const r of rows) {
      const id = this.table.primary_key.map((k) => cellText(this.table.fields.find((f) => f.name === k)!, r[k]) ?? '').join('/');
      const was = this.hashes.get(id);
      if (was === undefined) {
        this.added.push(id);
        continue;
      }
      const cells = this.common.map((f) => cellText(f, r[f.name]) ?? '');
      if (rowHash(cells) !== was) this.changed.set(id, cells);
      // What is left in hashes at the end was removed.
      this.hashes.delete(id);
    }
  }

  finish(): ChangeRow[] {
    const name = this.table.name;
    const records: ChangeRow[] = [];
    for (const id of this.added) records.push({ table: name, record_id: id, change: 'added', field: '', old_value: '', new_value: '' });
    for (const id of this.hashes.keys()) records.push({ table: name, record_id: id.startsWith('\u0000') ? '' : id, change: 'removed', field: '', old_value: '', new_value: '' });
    let changed = 0;
    if (this.changed.size > 0) {
      let first = true;
      for (const rec of csvRecords(this.previous.file)) {
        if (first) {
          first = false;
          continue;
        }
        const id = this.oldId(rec);
        const now = this.changed.get(id);
        if (!now) continue;
        changed++;
        this.common.forEach((f, j) => {
          const old = rec[this.oldIndex[j]!] ?? '';
          if (old !== now[j]) records.push({ table: name, record_id: id, change: 'changed', field: f.name, old_value: old, new_value: now[j]! });
        });
      }
    }
    const order = new Map(this.table.fields.map((f, i) => [f.name, i]));
    records.sort((a, b) => byCodeUnits(a.record_id, b.record_id) || (order.get(a.field) ?? -1) - (order.get(b.field) ?? -1));
    this.summary.records.set(name, { added: this.added.length, removed: this.hashes.size, changed });
    return [...this.rows, ...records];
  }
}

/** A changelog being written as a release's rows stream through it. */
export interface Changelog {
  /** Rows of a table, in batches; tables come in schema order (a table with no batch has no rows). */
  addRows(table: TableSchema, rows: readonly Row[]): void;
  /** changes.csv, complete. */
  close(): Uint8Array;
  /** What differs, once closed; null for a first version (nothing to compare with). */
  summary(): ChangeSummary | null;
}

/**
 * Compares the rows of a release with the release folder before it. With
 * no previous release, changes.csv is its header alone: a first version
 * changes nothing, and listing each of its records as added would repeat
 * the whole dataset (docs/releases.md).
 */
export function openChangelog(previousDir: string | null, dataset: DatasetSchema): Changelog {
  const previous = previousDir ? previousTables(previousDir) : null;
  const summary = emptySummary();
  const rows: ChangeRow[] = [];
  let at = -1;
  let current: TableDiff | null = null;
  let closed = false;
  const finishCurrent = (): void => {
    if (current) rows.push(...current.finish());
    current = null;
  };
  const begin = (i: number): void => {
    const table = dataset.tables[i]!;
    const before = previous!.get(table.name);
    if (!before) {
      rows.push({ table: table.name, record_id: '', change: 'added', field: '', old_value: '', new_value: '' });
      summary.tablesAdded.push(table.name);
      return;
    }
    current = new TableDiff(table, before, summary);
  };
  /** Moves on to table i, finishing every table before it (a table that sent no rows has none). */
  const advance = (i: number): void => {
    while (at < i) {
      finishCurrent();
      at++;
      if (at < dataset.tables.length) begin(at);
    }
  };
  return {
    addRows(table, batch) {
      if (closed) throw new PipelineError('internal/unexpected', 'rows added to a closed changelog', { value: table.name });
      if (!previous) return;
      const i = dataset.tables.findIndex((t) => t.name === table.name);
      if (i < at || i < 0) throw new PipelineError('internal/unexpected', `changelog rows of ${table.name} out of schema order`, { value: table.name });
      advance(i);
      current?.add(batch);
    },
    close() {
      if (!closed && previous) {
        advance(dataset.tables.length);
        const removed = [...previous.keys()].filter((n) => !dataset.tables.some((t) => t.name === n)).sort(byCodeUnits);
        for (const name of removed) {
          rows.push({ table: name, record_id: '', change: 'removed', field: '', old_value: '', new_value: '' });
          summary.tablesRemoved.push(name);
        }
      }
      closed = true;
      return changesCsv(rows);
    },
    summary: () => (previous && closed ? summary : null),
  };
}

/** changes.csv as the other CSVs are written: UTF-8 without BOM, CRLF, every non-empty value quoted (all are text). */
export function changesCsv(rows: readonly ChangeRow[]): Uint8Array {
  const header = stringify([[...CHANGES_COLUMNS]], { record_delimiter: '\r\n' });
  const body = rows.length ? stringify(rows.map((r) => CHANGES_COLUMNS.map((c) => r[c])), { record_delimiter: '\r\n', quoted: true }) : '';
  return new TextEncoder().encode(header + body);
}

/** The summary of a changes.csv file, for CHANGELOG.md. */
export function summarizeChangesFile(file: string): ChangeSummary {
  const s = emptySummary();
  const changedIds = new Map<string, Set<string>>();
  let first = true;
  for (const rec of csvRecords(file)) {
    if (first) {
      first = false;
      continue;
    }
    const [table, id, change, field, oldValue, newValue] = rec as [string, string, Change, string, string, string];
    const counts = s.records.get(table) ?? { added: 0, removed: 0, changed: 0 };
    if (id === '' && field === '' && change !== 'changed') (change === 'added' ? s.tablesAdded : s.tablesRemoved).push(table);
    else if (id === '' && field === '') s.keysChanged.push(`${table}: ${oldValue} → ${newValue}`);
    else if (id === '' && change === 'changed') s.typesChanged.push(`${table}.${field}: ${oldValue} → ${newValue}`);
    else if (id === '') (change === 'added' ? s.fieldsAdded : s.fieldsRemoved).push(`${table}.${field}`);
    else if (change === 'changed') {
      const ids = changedIds.get(table) ?? new Set();
      if (!ids.has(id)) counts.changed++;
      ids.add(id);
      changedIds.set(table, ids);
    } else counts[change]++;
    if (id !== '') s.records.set(table, counts);
  }
  return s;
}

// --------------------------------------------------------------- the semver rule

/**
 * The least bump a difference needs: removing a table or a field, or
 * changing a field's type or a table's key, breaks readers (major); adding
 * tables, fields or records extends the data (minor); changed values and
 * removed records are corrections (patch).
 */
export function neededBump(s: ChangeSummary): { bump: Bump; reasons: string[] } {
  const major = [
    ...s.tablesRemoved.map((t) => `table ${t} removed`),
    ...s.fieldsRemoved.map((f) => `field ${f} removed`),
    ...s.typesChanged.map((f) => `type of ${f}`),
    ...s.keysChanged.map((k) => `primary key of ${k}`),
  ];
  if (major.length) return { bump: 'major', reasons: major };
  const counts = [...s.records];
  const minor = [
    ...s.tablesAdded.map((t) => `table ${t} added`),
    ...s.fieldsAdded.map((f) => `field ${f} added`),
    ...counts.filter(([, c]) => c.added > 0).map(([t, c]) => `${c.added} record(s) added to ${t}`),
  ];
  if (minor.length) return { bump: 'minor', reasons: minor };
  const patch = [
    ...counts.filter(([, c]) => c.changed > 0).map(([t, c]) => `${c.changed} record(s) of ${t} changed`),
    ...counts.filter(([, c]) => c.removed > 0).map(([t, c]) => `${c.removed} record(s) removed from ${t}`),
  ];
  if (patch.length) return { bump: 'patch', reasons: patch };
  return { bump: 'none', reasons: [] };
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** The bump from one version to a higher one: the first of MAJOR, MINOR, PATCH that differs. */
export function versionBump(from: string, to: string): Bump {
  const a = SEMVER.exec(from);
  const b = SEMVER.exec(to);
  if (!a || !b) throw new PipelineError('schema/invalid', 'versions must be semantic (MAJOR.MINOR.PATCH)', { value: [from, to] });
  if (a[1] !== b[1]) return 'major';
  if (a[2] !== b[2]) return 'minor';
  return a[3] !== b[3] ? 'patch' : 'none';
}

/** Stops a release whose version moves less than its difference from the previous release needs. */
export function checkBump(previousVersion: string, version: string, summary: ChangeSummary, where?: string): void {
  const { bump, reasons } = neededBump(summary);
  const made = versionBump(previousVersion, version);
  if (BUMPS.indexOf(made) >= BUMPS.indexOf(bump)) return;
  throw new PipelineError('release/bump-too-small', `version ${version} is a ${made} bump from ${previousVersion}, and the changes need a ${bump} bump: ${reasons.join('; ')}`, {
    ...(where ? { file: where } : {}),
    value: { previous: previousVersion, version, bump: made, needed: bump, reasons },
    expected: `a ${bump} bump of ${previousVersion} or more in schema/dataset.yaml (docs/releases.md)`,
  });
}

/** The release folder a version is compared with: the newest existing version below it, by semver; null if none. */
export function previousRelease(datasetDir: string, version: string): string | null {
  if (!existsSync(datasetDir)) return null;
  const lower = readdirSync(datasetDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && SEMVER.test(e.name) && compareVersions(e.name, version) < 0)
    .map((e) => e.name)
    .sort(compareVersions);
  return lower.length ? path.join(datasetDir, lower.at(-1)!) : null;
}
