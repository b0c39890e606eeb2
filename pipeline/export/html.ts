/**
 * index.html and page/: the release's front door. One self-contained page
 * that works from file:// and any static host with nothing fetched from the
 * network: the dataset card (what it holds, version, licence, citation,
 * every file with its size and SHA-256), one search over the tables with
 * facets, a timeline and a map, and a view of every record at
 * index.html#<table>/<key> with its evidence marked inside its paragraph of
 * the source text.
 *
 * Rows arrive in batches (addRows) and leave as data parts under page/ as
 * soon as a part is full. Records and links are held in buffers up to a
 * budget of rows; over it, the fullest buffer's rows go to a temporary file
 * (`Spill`) and come back when their part is written, so memory is bounded by
 * the budget, not by the corpus, and the parts are the ones an unbounded
 * buffer would make (one per bucket and table, more only past `partRows`).
 * Only the search index is held whole until the end, because it is
 * cut by term (a query loads the parts of its terms, not every part), and a
 * term's postings are complete only when the last row is in. Browsers refuse
 * fetch() of local files, so every part is a script that hands its payload to
 * the page (`__crr(name, payload)`), loaded by a <script src> with a relative
 * path when it is needed.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatasetSchema, Row, TableSchema } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import { sha256 } from '../lib/sources.ts';
import { datasetCitation } from './citation.ts';
import { fileRole } from './docs.ts';
import { FORMATS } from './formats.ts';
import { clientBundle, worldAtlas } from './page/bundle.ts';
import { openSearchIndex } from './page/index-writer.ts';
import { bucketOf, LABEL_FIELDS, recordKey, type SearchManifest } from './page/shared.ts';

export const STEP = { id: 'export/html', version: '2.0.0' };
export const PAGE_FILE = 'index.html';
/** Folder of the page's data parts, beside index.html. */
export const PAGE_DIR = 'page';
/** Folder of the source texts the records quote, so the page and a downloader can re-slice every span. */
export const SOURCES_DIR = 'sources';

/** Where the page's files go: the release's file map, or a writer that puts them on disk. */
export type FileSink = (name: string, bytes: Uint8Array) => void;

/** A file of the release as the card lists it. */
export interface FileInfo {
  name: string;
  bytes: number;
  sha256: string;
}

export interface PageOptions {
  /** Rows per data part (records, links, search documents, timeline and map entries). */
  partRows?: number;
  /** Records of a table are spread over this many buckets by a hash of their key; derived from the number of sources when absent. */
  buckets?: number;
  /** Rows held in memory across all buffers before the fullest is sent to the spill file. */
  bufferRows?: number;
  /** Where the spill file is made (removed from the folder as soon as it is open); the system's temporary folder when absent. */
  spillDir?: string;
  /** The release's zip, linked as "download everything", relative to index.html. */
  zipHref?: string;
  /** schema.org Dataset description, embedded as JSON-LD. */
  jsonld?: unknown;
  /** What the release says of its coverage, curator list and audited precision (Markdown lines, shown as text). */
  quality?: string[];
}

export interface PageWriter {
  /** The text of a source, written as the part the page re-slices spans from. */
  addText(sourceId: string, text: string): void;
  /** A batch of validated rows of one table. */
  addRows(table: string, rows: Row[]): void;
  /**
   * Writes the remaining parts (the last rows of each buffer, the search
   * index, the atlas): everything but index.html, which needs no other file.
   * Once called, no more rows; close() calls it when it was not.
   */
  settle(): void;
  /** Writes the remaining parts and index.html, which lists `files` (the rest of the release). */
  close(files: FileInfo[], jsonld?: unknown, quality?: string[]): void;
}

/** Tables whose rows are search documents; the rest are reached through links from them. */
export const SEARCHED_TABLES = ['events', 'entities', 'entity_names', 'quotes', 'claims', 'conflicts', 'terms', 'sources'];


const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const COMMA = Buffer.from(',');

const UNSAFE = /[<>\u2028\u2029]/;

/** JSON safe inside a <script> element and in a JavaScript file. */
export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value);
  // Most parts hold none of these: one scan instead of four replacing passes over megabytes.
  if (!UNSAFE.test(json)) return json;
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Bytes in words a person reads: 1.2 MB, 77 KB, 912 B (decimal units, as file managers show). */
export function readableSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1000;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

/** Buckets per table: about two sources' records in each, a power of two. */
export function bucketCount(sources: number): number {
  return Math.max(1, 2 ** Math.ceil(Math.log2(Math.max(1, sources) / 2)));
}

/** The file name of a data part. */
export const partFile = (name: string): string => `${PAGE_DIR}/${name}.js`;

function label(table: string, row: Row): string {
  const parts = (LABEL_FIELDS[table] ?? []).map((f) => row[f]).filter((v) => v !== null && v !== undefined && v !== '');
  return parts.map((v) => (Array.isArray(v) ? v.join(', ') : String(v))).join(' · ').slice(0, 200);
}

function yearOf(row: Row): string {
  const d = row.date_start ?? row.date_end;
  return typeof d === 'string' ? d.slice(0, 4) : '';
}

/** Text of a row for the full-text index: its string fields but ids, hashes and the verbatim evidence (the display fields carry its words). */
function searchText(t: TableSchema, row: Row): string {
  const skip = new Set(['extractor', 'source_id', 'sha256', 'evidence', 'evidence_a', 'evidence_b', 'media_type']);
  const out: string[] = [];
  for (const f of t.fields) {
    if (skip.has(f.name) || f.type !== 'string') continue;
    const v = row[f.name];
    if (v === null || v === undefined) continue;
    out.push(Array.isArray(v) ? v.join(' ') : String(v));
  }
  return out.join(' ');
}

/**
 * The lengths of the page's buffers in the order they were first met, in a
 * tree of maxima: the fullest buffer, and the first met of several as full,
 * in a few steps instead of a look at every buffer. A large release has
 * thousands of buffers (a table's records are spread over one per two
 * sources, and so are the links), and once the rows held reach the budget,
 * nearly every row sends one out: a scan of them all for each row made the
 * page's cost grow with the square of the corpus.
 */
export class Fullest {
  private tree: Int32Array;
  private leaves: number;
  private readonly names: string[] = [];

  constructor(capacity: number) {
    this.leaves = 1;
    while (this.leaves < Math.max(1, capacity)) this.leaves *= 2;
    this.tree = new Int32Array(2 * this.leaves);
  }

  /** A new buffer, empty, after every one met before; returns its place. */
  add(name: string): number {
    if (this.names.length === this.leaves) {
      // More buffers than foreseen: the same tree over twice the places.
      const old = this.tree;
      const oldLeaves = this.leaves;
      this.leaves *= 2;
      this.tree = new Int32Array(2 * this.leaves);
      this.tree.set(old.subarray(oldLeaves, 2 * oldLeaves), this.leaves);
      for (let i = this.leaves - 1; i >= 1; i--) this.tree[i] = Math.max(this.tree[2 * i]!, this.tree[2 * i + 1]!);
    }
    return this.names.push(name) - 1;
  }

  set(place: number, length: number): void {
    let i = place + this.leaves;
    this.tree[i] = length;
    for (i >>= 1; i >= 1; i >>= 1) this.tree[i] = Math.max(this.tree[2 * i]!, this.tree[2 * i + 1]!);
  }

  /** The length of the fullest buffer. */
  max(): number {
    return this.tree[1]!;
  }

  /** The name of the first met of the fullest buffers. */
  first(): string {
    let i = 1;
    while (i < this.leaves) i = this.tree[2 * i]! === this.tree[i]! ? 2 * i : 2 * i + 1;
    return this.names[i - this.leaves]!;
  }
}

/**
 * Rows a buffer could not hold, kept on disk until their part is written.
 * Over the budget, the page used to write the fullest buffer out as a part of
 * a few rows: the buffers grow with the corpus (one per bucket and table, a
 * bucket per two sources) and so do the rows, so the parts grew with the
 * square of the corpus (19,657 record and link parts at 300 chapters, now
 * 3,056), each a file to make, hash, list and zip. Now those rows are
 * appended, as the JSON text they will have in their part, to one temporary
 * file, and a part is written only when its buffer holds `partRows` rows or
 * the last row is in. The file is unlinked as soon as it is open (where the
 * system allows it), so a build that is killed leaves nothing behind; writes
 * are gathered in 1 MiB.
 */
export class Spill {
  private fd = -1;
  private dir = '';
  /** Bytes in the file, and gathered after them, not yet written. */
  private written = 0;
  private pending = Buffer.alloc(0);
  private pendingBytes = 0;

  constructor(private readonly parent: string) {}

  /** Appends bytes; returns where they start. */
  append(bytes: Buffer): number {
    if (this.fd < 0) this.open();
    const at = this.written + this.pendingBytes;
    if (this.pendingBytes + bytes.length > this.pending.length) this.drain();
    if (bytes.length >= this.pending.length) {
      this.writeAll(bytes);
    } else {
      bytes.copy(this.pending, this.pendingBytes);
      this.pendingBytes += bytes.length;
    }
    return at;
  }

  /** The `length` bytes appended at `at`. */
  read(at: number, length: number): Buffer {
    if (at + length > this.written) this.drain();
    const out = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, out, done, length - done, at + done);
      if (n === 0) throw new Error('page spill file ended early');
      done += n;
    }
    return out;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = '';
  }

  private open(): void {
    const dir = mkdtempSync(path.join(this.parent, 'crr-page-'));
    const file = path.join(dir, 'spill');
    this.fd = openSync(file, 'w+');
    this.pending = Buffer.allocUnsafe(1 << 20);
    try {
      unlinkSync(file);
      rmSync(dir, { recursive: true, force: true });
    } catch {
      this.dir = dir; // removed on close instead
    }
  }

  private drain(): void {
    if (this.pendingBytes === 0) return;
    this.writeAll(this.pending.subarray(0, this.pendingBytes));
    this.pendingBytes = 0;
  }

  private writeAll(bytes: Buffer): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.written + done);
    this.written += bytes.length;
  }
}

/** Search documents per facet part and per label part: a query's hits load the parts they fall in. */
const FACET_SIZE = 2000;
const LABEL_SIZE = 50;

export function openPage(dataset: DatasetSchema, sources: SourceMeta[], write: FileSink, options: PageOptions = {}): PageWriter {
  const partRows = options.partRows ?? 2000;
  const buckets = options.buckets ?? bucketCount(sources.length);
  const bufferRows = options.bufferRows ?? 20000;
  const tables = new Map(dataset.tables.map((t) => [t.name, t]));
  const rowCount = new Map(dataset.tables.map((t) => [t.name, 0]));
  const writeJson = (name: string, json: string): void => write(partFile(name), utf8(`__crr(${scriptJson(name)},${json});\n`));
  const writePart = (name: string, payload: unknown): void => writeJson(name, scriptJson(payload));

  // Records and incoming links, bucketed by key; each bucket's parts are numbered in order.
  const buffers = new Map<string, unknown[]>();
  const partsOf = new Map<string, number>();
  // Every buffer's length by the order it was first met, for finding the fullest without a scan of all of them.
  const fullness = new Fullest((dataset.tables.length + 1) * buckets);
  const slot = new Map<string, number>();
  // A buffer's rows sent to the spill file since its last part: their count, and where their text is (start, length, …).
  const spill = new Spill(options.spillDir ?? tmpdir());
  const spilled = new Map<string, { rows: number; at: number[] }>();
  let buffered = 0;
  const flush = (name: string): void => {
    const items = buffers.get(name)!;
    const out = spilled.get(name);
    if (items.length === 0 && !out) return;
    const n = partsOf.get(name) ?? 0;
    if (!out) {
      writePart(`${name}-${n}`, items);
    } else {
      // The part's text as one JSON array: the spilled pieces in order, then the rows still held.
      const pieces: Buffer[] = [Buffer.from(`__crr(${scriptJson(`${name}-${n}`)},[`)];
      for (let i = 0; i < out.at.length; i += 2) {
        if (i > 0) pieces.push(COMMA);
        pieces.push(spill.read(out.at[i]!, out.at[i + 1]!));
      }
      if (items.length > 0) pieces.push(COMMA, Buffer.from(scriptJson(items).slice(1, -1)));
      pieces.push(Buffer.from(']);\n'));
      write(partFile(`${name}-${n}`), Buffer.concat(pieces));
      spilled.delete(name);
    }
    partsOf.set(name, n + 1);
    buffered -= items.length;
    buffers.set(name, []);
    fullness.set(slot.get(name)!, 0);
  };
  const spillOut = (name: string): void => {
    const items = buffers.get(name)!;
    // The rows as they will stand inside their part's array: JSON.stringify of an array is its items' joined by commas.
    const text = Buffer.from(scriptJson(items).slice(1, -1));
    let out = spilled.get(name);
    if (!out) spilled.set(name, (out = { rows: 0, at: [] }));
    out.at.push(spill.append(text), text.length);
    out.rows += items.length;
    buffered -= items.length;
    buffers.set(name, []);
    fullness.set(slot.get(name)!, 0);
  };
  const push = (name: string, item: unknown): void => {
    let items = buffers.get(name);
    if (!items) {
      buffers.set(name, (items = []));
      slot.set(name, fullness.add(name));
    }
    items.push(item);
    buffered++;
    fullness.set(slot.get(name)!, items.length);
    if (items.length + (spilled.get(name)?.rows ?? 0) >= partRows) flush(name);
    else if (buffered > bufferRows) {
      // Over budget: the fullest buffer goes to the spill file: this one unless
      // another holds more, else the first met of the fullest.
      spillOut(fullness.max() > items.length ? fullness.first() : name);
    }
  };

  // Streams written in order: search documents' facets and labels, timeline and map entries.
  const streams = { f: [] as unknown[][], d: [] as unknown[][], t: [] as unknown[][], p: [] as unknown[][] };
  const streamParts = { f: 0, d: 0, t: 0, p: 0 };
  const streamRows = { f: FACET_SIZE, d: LABEL_SIZE, t: partRows, p: partRows };
  const flushStream = (k: keyof typeof streams): void => {
    const items = streams[k];
    if (items.length === 0) return;
    writePart(`${k}-${streamParts[k]}`, k === 'f' ? items.flat() : items);
    streamParts[k]++;
    streams[k] = [];
  };
  const pushStream = (k: keyof typeof streams, item: unknown[]): void => {
    streams[k].push(item);
    if (streams[k].length >= streamRows[k]) flushStream(k);
  };

  // One index over every search document, numbered in the order they arrive; cut by term at the end.
  const index = openSearchIndex();
  // Facet values by their place in a list, in the order first met: a few bytes for each document's five.
  const values = { table: [] as string[], type: [] as string[], kind: [] as string[], source: [] as string[] };
  const places = { table: new Map<string, number>(), type: new Map<string, number>(), kind: new Map<string, number>(), source: new Map<string, number>() };
  const code = (k: keyof typeof values, v: string): number => {
    let i = places[k].get(v);
    if (i === undefined) {
      i = values[k].push(v) - 1;
      places[k].set(v, i);
    }
    return i;
  };
  for (const v of ['', ...sources.map((s) => s.id)]) code('source', v);
  code('type', '');
  code('kind', '');

  const textsWritten: string[] = [];
  let closed = false;
  let search: SearchManifest | null = null;

  return {
    addText(sourceId, text) {
      writePart(`src-${sourceId}`, text);
      write(`${SOURCES_DIR}/${sourceId}.txt`, utf8(text));
      textsWritten.push(sourceId);
    },

    addRows(tableName, rows) {
      if (closed) throw new Error('page already closed');
      const t = tables.get(tableName);
      if (!t) throw new Error(`no table ${tableName} in the schema`);
      rowCount.set(tableName, rowCount.get(tableName)! + rows.length);
      const fks = t.foreign_keys.filter((fk) => fk.fields.length === 1);
      const searched = SEARCHED_TABLES.includes(t.name);
      for (const row of rows) {
        const key = recordKey(t.primary_key, row);
        const ref = `${t.name}/${key}`;
        push(`r-${t.name}-${bucketOf(ref, buckets)}`, t.fields.map((f) => row[f.name] ?? null));
        // Incoming links: the page shows, on an event, the rows that point to it.
        const targets = new Set<string>();
        for (const fk of fks) {
          const v = row[fk.fields[0]!];
          if (v !== null && v !== undefined && fk.reference.resource !== 'sources') targets.add(`${fk.reference.resource}/${String(v)}\u0000${fk.fields[0]}`);
        }
        for (const r of t.references) {
          const v = row[r.field];
          const tt = row[r.table_field];
          if (v !== null && v !== undefined && typeof tt === 'string') targets.add(`${tt}/${String(v)}\u0000${r.field}`);
        }
        for (const target of [...targets].sort()) {
          const [to, field] = target.split('\u0000') as [string, string];
          if (to === ref) continue;
          push(`l-${bucketOf(to, buckets)}`, [to, t.name, key, field]);
        }
        if (searched) {
          const kind = t.name === 'entities' ? String(row.entity_type ?? '') : '';
          const type = t.name === 'events' ? String(row.event_type ?? '') : '';
          const name = label(t.name, row);
          const facets = [code('table', t.name), code('type', type), Number(yearOf(row)) || 0, code('kind', kind), code('source', String(row.source_id ?? ''))];
          pushStream('f', facets);
          pushStream('d', [ref, name]);
          index.add({ label: name, text: searchText(t, row) }, facets);
        }
        if (t.name === 'events' && (row.date_start || row.date_end)) {
          pushStream('t', [key, row.date_start ?? null, row.date_end ?? null, row.date_precision ?? null, row.event_type ?? null, label(t.name, row)]);
        }
        if (t.name === 'entities' && typeof row.latitude === 'number' && typeof row.longitude === 'number') {
          pushStream('p', [key, label(t.name, row), row.latitude, row.longitude, row.entity_type ?? null]);
        }
      }
    },

    settle() {
      if (search) return;
      closed = true;
      for (const name of [...buffers.keys()].sort()) flush(name);
      spill.close();
      for (const k of ['f', 'd', 't', 'p'] as const) flushStream(k);
      search = {
        ...index.finish(writeJson, scriptJson),
        facetSize: FACET_SIZE,
        facetParts: streamParts.f,
        labelSize: LABEL_SIZE,
        labelParts: streamParts.d,
        values,
      };
      writePart('atlas', worldAtlas());
    },

    close(files, jsonld, quality) {
      if (jsonld !== undefined) options.jsonld = jsonld;
      if (quality !== undefined) options.quality = quality;
      this.settle();
      const manifest = {
        dataset: dataset.name,
        version: dataset.version,
        title: dataset.title,
        iri_base: dataset.iri_base,
        buckets,
        tables: dataset.tables.map((t) => ({
          name: t.name,
          title: t.title,
          key: t.primary_key,
          fields: t.fields.map((f) => ({ name: f.name, title: f.title, type: f.type, ...(f.language ? { lang: f.language } : {}) })),
          fks: t.foreign_keys.filter((fk) => fk.fields.length === 1).map((fk) => ({ field: fk.fields[0], table: fk.reference.resource })),
          refs: t.references.map((r) => ({ field: r.field, table_field: r.table_field })),
          spans: t.spans,
          rows: rowCount.get(t.name),
          parts: Array.from({ length: buckets }, (_, b) => partsOf.get(`r-${t.name}-${b}`) ?? 0),
        })),
        links: Array.from({ length: buckets }, (_, b) => partsOf.get(`l-${b}`) ?? 0),
        search,
        timeline: streamParts.t,
        places: streamParts.p,
        sources: sources.map((s) => ({ id: s.id, language: s.language, text: textsWritten.includes(s.id) })),
      };
      write(PAGE_FILE, utf8(pageHtml(dataset, sources, files, manifest, options)));
    },
  };
}

function bibtex(dataset: DatasetSchema): string {
  const key = `${dataset.name}-${dataset.version}`.replace(/[^A-Za-z0-9-]/g, '-');
  return [
    `@misc{${key},`,
    `  author = {${dataset.creators.map((c) => `{${c.name}}`).join(' and ')}},`,
    `  title = {${dataset.title}},`,
    `  year = {${dataset.released.slice(0, 4)}},`,
    `  version = {${dataset.version}},`,
    `  date = {${dataset.released}},`,
    `  note = {Data set, ${dataset.license.name}},`,
    `  howpublished = {${dataset.license.path}},`,
    '}',
  ].join('\n');
}

function fileRowHtml(f: FileInfo, dataset: DatasetSchema): string {
  const own: Record<string, string> = {
    'README.md': 'what the release holds, how to cite it, and the data dictionary',
    'verify.py': 'checks a downloaded copy: every hash, every size, every span re-sliced (Python standard library only)',
    [`${dataset.name}.sqlite`]: 'SQLite database: every table with its keys, typed columns and a full-text (FTS5) index',
  };
  const role = own[f.name] ?? fileRole(f.name, dataset).replace(/`/g, '');
  return `<tr><td><a href="${esc(f.name)}" download>${esc(f.name)}</a><div class="role">${esc(role)}</div></td><td class="n" data-bytes="${f.bytes}">${esc(readableSize(f.bytes))}</td><td><code class="hash" data-sha256="${esc(f.sha256)}">${esc(f.sha256)}</code> <button type="button" class="copy" data-copy="${esc(f.sha256)}" aria-label="Copy the SHA-256 of ${esc(f.name)}">Copy</button></td></tr>`;
}

function tableHtml(dataset: DatasetSchema, t: TableSchema, rows: number): string {
  return `<section id="${esc(t.name)}" class="table-card" aria-labelledby="h-${esc(t.name)}">
<h3 id="h-${esc(t.name)}">${esc(t.title)} <code>${esc(t.name)}</code></h3>
<p>${esc(t.description)}</p>
<p class="meta">${rows} rows · key ${t.primary_key.map((k) => `<code>${esc(k)}</code>`).join(', ')} · files ${FORMATS.filter((f) => f.scope === 'table')
    .map((f) => `<a href="${esc(f.fileName(dataset, t))}">${esc(f.id)}</a>`)
    .join(' ')} · <a href="#search?table=${esc(t.name)}">browse</a></p>
<details><summary>${t.fields.length} fields</summary>
<div class="scroll"><table><caption>Fields of ${esc(t.name)}</caption><thead><tr><th scope="col">field</th><th scope="col">type</th><th scope="col">required</th><th scope="col">description</th></tr></thead><tbody>
${t.fields.map((f) => `<tr><td><code>${esc(f.name)}</code></td><td>${esc(f.type)}${f.categorical ? ' (categorical)' : ''}</td><td>${f.required ? 'yes' : ''}</td><td>${esc(f.description)}${f.enum ? ` <span class="enum">${f.enum.map(esc).join(' · ')}</span>` : ''}</td></tr>`).join('\n')}
</tbody></table></div></details>
</section>`;
}

function pageHtml(dataset: DatasetSchema, sources: SourceMeta[], files: FileInfo[], manifest: { tables: { name: string; rows?: number }[] }, options: PageOptions): string {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rows = new Map(manifest.tables.map((t) => [t.name, t.rows ?? 0]));
  const citation = datasetCitation(dataset, sources).replace(/\*/g, '');
  const total = sorted.reduce((n, f) => n + f.bytes, 0);
  const jsonld = options.jsonld ? `<script type="application/ld+json">${scriptJson(options.jsonld)}</script>\n` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(dataset.title)} ${esc(dataset.version)}</title>
<style>${clientBundle().css}</style>
${jsonld}<script type="application/json" id="manifest">${scriptJson(manifest)}</script>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header>
<p class="meta">Dataset <code>${esc(dataset.name)}</code> · version <strong>${esc(dataset.version)}</strong> · released ${esc(dataset.released)}</p>
<h1>${esc(dataset.title)}</h1>
<nav aria-label="Sections"><ul>
<li><a href="#search">Search</a></li><li><a href="#timeline">Timeline</a></li><li><a href="#map">Map</a></li><li><a href="#tables">Tables</a></li><li><a href="#files">Files</a></li><li><a href="#cite">Cite</a></li>
</ul></nav>
</header>
<main id="main" tabindex="-1">
<section id="card" aria-labelledby="h-card">
<h2 id="h-card">About this dataset</h2>
<p>${esc(dataset.description)}</p>
<p>Licence: <a href="${esc(dataset.license.path)}" rel="license">${esc(dataset.license.title)} (${esc(dataset.license.name)})</a>. ${esc(dataset.license.note ?? '')}</p>
<p><strong>Source${sources.length > 1 ? 's' : ''}:</strong> ${sources.map((s) => `${esc(s.preferred_citation.replace(/\*/g, ''))} <a href="${esc(`${SOURCES_DIR}/${s.id}.txt`)}">text</a>`).join('<br>')}</p>
<p>Every row names its source, the span of the source's text it rests on (Unicode code points, end-exclusive), the verbatim words and the step that made it. On this page the article's link markup and escapes are shown as text; the data keeps them verbatim.</p>
${options.quality?.length ? `<h3>How complete and how right</h3>\n<ul>${options.quality.map((l) => `<li>${esc(l.replace(/^- /, '').replace(/\*\*|`/g, ''))}</li>`).join('')}</ul>` : ''}
${options.zipHref ? `<p><a class="button" href="${esc(options.zipHref)}">Download everything (zip)</a></p>` : ''}
</section>
<section id="record" aria-live="polite" hidden></section>
<section id="search" aria-labelledby="h-search">
<h2 id="h-search">Search</h2>
<form role="search" id="search-form"><label for="q">Search every table</label> <input id="q" type="search" autocomplete="off" placeholder="e.g. Putin, gas, Vladivostok"> <button type="submit">Search</button></form>
<div id="facets"></div>
<div id="results" aria-live="polite"><p class="meta">Type a word, or pick a table under Tables to browse it.</p></div>
</section>
<section id="timeline" aria-labelledby="h-timeline">
<h2 id="h-timeline">Timeline</h2>
<p class="meta">Events by type. A bar spans the event's dates; a light hatched bar is an imprecise date (a month, part of a year, a year) drawn over all the days it may be. Each mark links to its record.</p>
<div id="timeline-view"><button type="button" data-load="timeline">Show the timeline</button></div>
</section>
<section id="map" aria-labelledby="h-map">
<h2 id="h-map">Map</h2>
<p class="meta">Places with coordinates; each point links to its record.</p>
<div id="map-view"><button type="button" data-load="map">Show the map</button></div>
</section>
<section id="tables" aria-labelledby="h-tables">
<h2 id="h-tables">Tables</h2>
${dataset.tables.map((t) => tableHtml(dataset, t, rows.get(t.name) ?? 0)).join('\n')}
</section>
<section id="files" aria-labelledby="h-files">
<h2 id="h-files">Files</h2>
<p>${sorted.length} files, ${esc(readableSize(total))} in all, besides this page's own parts in <code>${PAGE_DIR}/</code> and the source texts in <code>${SOURCES_DIR}/</code>. Check them with <code>sha256sum -c SHA256SUMS</code> or <code>python3 verify.py</code> (<a href="SHA256SUMS">SHA256SUMS</a>, which covers every file, this page and its parts included).</p>
<div class="scroll"><table class="files"><caption>Files of version ${esc(dataset.version)}</caption><thead><tr><th scope="col">file</th><th scope="col">size</th><th scope="col">SHA-256</th></tr></thead><tbody>
${sorted.map((f) => fileRowHtml(f, dataset)).join('\n')}
</tbody></table></div>
</section>
<section id="cite" aria-labelledby="h-cite">
<h2 id="h-cite">Cite</h2>
<p id="citation">${esc(citation)}</p>
<p><button type="button" class="copy" data-copy-from="citation">Copy the citation</button> <button type="button" class="copy" data-copy-from="bibtex">Copy BibTeX</button></p>
<pre id="bibtex">${esc(bibtex(dataset))}</pre>
</section>
</main>
<footer><p class="meta">${esc(dataset.name)} ${esc(dataset.version)} · made from the schema in <code>schema/</code> · works offline</p></footer>
<script>${clientBundle().js}</script>
</body>
</html>
`;
}

/** The card's file list from a release's file map. */
export function fileInfos(files: Map<string, Uint8Array>): FileInfo[] {
  return [...files].map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: sha256(bytes) }));
}


