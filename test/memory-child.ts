/**
 * Run as a child process with a small heap by test/memory.test.ts: the
 * export of K copies of the article's release (every key made unique per
 * copy, every copy its own source), through every writer of the release,
 * into a sink that only counts bytes. With `hold`, the rows are first
 * gathered whole, as an export that buffered tables would, and the process
 * is expected to run out of heap at the same limit.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeReleaseFiles, type ReleaseFiles } from '../pipeline/export/stage.ts';
import type { FileInfo } from '../pipeline/export/html.ts';
import type { ByteSink } from '../pipeline/export/writer.ts';
import { loadSchema, type Row, type TableSchema } from '../pipeline/lib/schema.ts';
import { loadSource } from '../pipeline/lib/sources.ts';

const [copiesArg, build, mode] = process.argv.slice(2) as [string, string, string | undefined];
const copies = Number(copiesArg);
const root = path.resolve(import.meta.dirname, '..');
const dataset = loadSchema(path.join(root, 'schema'), root);
const article = loadSource(path.join(root, 'sources', 'cc-21-3-china-russia'), root);

/** The fields of a table that hold a key of some table: made unique per copy. */
function keyFields(t: TableSchema): Set<string> {
  // Of a composite primary key, the fields that name a record (an id); a language or a name
  // beside them (entity_names: entity_id, language, name) stays as it is and keeps its pattern.
  const keys = new Set<string>(t.primary_key.length > 1 ? t.primary_key.filter((k) => k.endsWith('_id')) : t.primary_key);
  for (const fk of t.foreign_keys) for (const f of fk.fields) keys.add(f);
  for (const r of t.references) keys.add(r.field);
  for (const f of t.fields) if (f.unique) keys.add(f.name);
  return keys;
}

const base = new Map<string, Row[]>();
for (const t of dataset.tables) {
  const own = path.join(build, 'normalize', `${t.name}.jsonl`);
  const file = existsSync(own) ? own : path.join(build, 'normalize', 'cc-21-3-china-russia', `${t.name}.jsonl`);
  base.set(t.name, readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row));
}

/** A key of copy k: the same shape as the original (hash-like ids keep their hex digits), unique per copy. */
function unique(v: string, k: number): string {
  const m = /^(.*-)([0-9a-f]{8,})((?:-\d+)?)$/.exec(v);
  if (!m) return `${v}-${k}`;
  const hex = m[2]!;
  const tail = ((parseInt(hex.slice(-6), 16) + k * 7919) % 0x1000000).toString(16).padStart(6, '0');
  return `${m[1]}${hex.slice(0, -6)}${tail}${m[3]}`;
}

function copyOf(t: TableSchema, rows: Row[], k: number): Row[] {
  const keys = keyFields(t);
  return rows.map((r) => {
    const out: Row = { ...r, source_id: `copy-${k}` };
    for (const f of keys) {
      const v = r[f];
      if (typeof v === 'string' && v !== '' && f !== 'source_id') out[f] = unique(v, k);
    }
    if (t.name === 'sources') out.source_id = `copy-${k}`;
    return out;
  });
}

const counting = (): ReleaseFiles => {
  const facts = new Map<string, FileInfo>();
  return {
    put: (name, bytes) => void facts.set(name, { name, bytes: bytes.length, sha256: '0'.repeat(64) }),
    make: (name) => void facts.set(name, { name, bytes: 0, sha256: '0'.repeat(64) }),
    makeAsync: async (name, write) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'crr-memory-'));
      await write(path.join(dir, 'file'));
      facts.set(name, { name, bytes: statSync(path.join(dir, 'file')).size, sha256: '0'.repeat(64) });
      rmSync(dir, { recursive: true, force: true });
    },
    open: (name): ByteSink => {
      let n = 0;
      return { write: async (c) => void (n += c.byteLength), close: async () => void facts.set(name, { name, bytes: n, sha256: '0'.repeat(64) }) };
    },
    infos: () => facts,
  };
};

const held: Row[][] = [];
if (mode === 'hold') for (const t of dataset.tables) for (let k = 0; k < copies; k++) held.push(copyOf(t, base.get(t.name)!, k));

const sources = Array.from({ length: copies }, (_, k) => ({ ...article.meta, id: `copy-${k}` }));
await writeReleaseFiles(
  dataset,
  {
    *batches(t) {
      for (let k = 0; k < copies; k++) yield copyOf(t, base.get(t.name)!, k);
    },
  },
  { get: (id) => (id.startsWith('copy-') ? article.text : undefined) },
  sources,
  counting(),
);
console.log(JSON.stringify({ copies, held: held.length, heapMB: Math.round(process.memoryUsage().heapUsed / 1e6) }));
