/**
 * The dataset's folder in dist/: LATEST (the newest version as text, not a
 * symlink), versions.json (every version with its release date, tables and
 * row counts and the SHA-256 of its zip), the zip of every version, an
 * index.html that lists them, and CHANGELOG.md, what each version changed.
 * Derived only from the version folders, so it is the same bytes whenever
 * it is rebuilt.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { isAlive } from '../lib/lock.ts';
import { hashFile } from './release.ts';
import { writeAtomic } from '../lib/io.ts';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { esc, readableSize } from './html.ts';
import { writeZip, zipName } from './zip.ts';
import { BUMPS, CHANGES_FILE, csvRecords, emptySummary, neededBump, summarizeChangesFile, versionBump, type Bump, type ChangeSummary } from './changelog.ts';

export const STEP = { id: 'export/versions', version: '1.1.0' };

export const CHANGELOG_FILE = 'CHANGELOG.md';

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;
/** Semantic-version order: 1.2.0 before 1.10.0. */
export function compareVersions(a: string, b: string): number {
  const pa = SEMVER.exec(a)!.slice(1).map(Number);
  const pb = SEMVER.exec(b)!.slice(1).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

export interface VersionEntry {
  version: string;
  released: string | null;
  tables: Record<string, number>;
  zip: { path: string; bytes: number; sha256: string };
}

function countCsvRows(bytes: Uint8Array): number {
  // Records, not lines: a quoted field may hold a line break. Counted on the bytes, not a decoded
  // string: '"' and '\n' are single bytes that never occur inside a UTF-8 sequence, and decoding
  // every released CSV cost most of this count.
  let rows = 0;
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x0a && !quoted) rows++;
  }
  return Math.max(0, rows - 1);
}

export function versionFolders(datasetDir: string): string[] {
  return readdirSync(datasetDir, { withFileTypes: true }).filter((e) => e.isDirectory() && SEMVER.test(e.name)).map((e) => e.name).sort(compareVersions);
}

/** What the index needs of one released version, as kept in the cache. */
interface CachedFacts {
  stamp: string;
  released: string | null;
  tables: Record<string, number>;
  headers: [string, string[]][];
  zip: { bytes: number; sha256: string };
  summary: (Omit<ChangeSummary, 'records'> & { records: [string, { added: number; removed: number; changed: number }][] }) | null;
}

/**
 * The stamp of a version folder and its zip: every file's name, size, modification time and inode. A
 * released version never changes, so the facts read from it (row counts, headers, the zip's
 * SHA-256, the summary of its changes.csv) are kept under this stamp in the build folder and read
 * again only when a file of it is touched: re-reading 29 versions' CSVs and zips cost a quarter
 * of a second of every build.
 */
function versionStamp(dir: string, zipPath: string): string {
  const h = createHash('sha256');
  const add = (name: string, file: string): void => {
    const st = statSync(file, { bigint: true });
    h.update(`${name}\u0000${st.size}\u0000${st.mtimeNs}\u0000${st.ino}\n`);
  };
  const walk = (d: string, prefix: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full, `${prefix}${e.name}/`);
      else add(`${prefix}${e.name}`, full);
    }
  };
  walk(dir, '');
  add('<zip>', zipPath);
  return h.digest('hex');
}

function readCached(file: string | null, stamp: string): CachedFacts | null {
  if (!file || !existsSync(file)) return null;
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as CachedFacts;
    return c.stamp === stamp ? c : null;
  } catch {
    return null;
  }
}

/**
 * Writes the zips, LATEST, versions.json, index.html and CHANGELOG.md of a dataset folder; returns the entries.
 * `cacheDir`, when given, keeps what was read of each released version (see versionStamp).
 */
export async function updateDatasetIndex(datasetDir: string, dataset: string, cacheDir: string | null = null): Promise<VersionEntry[]> {
  const entries: VersionEntry[] = [];
  const facts: VersionFacts[] = [];
  // A zip a build was writing when it was killed stays beside its name, hidden: removed once that
  // build is gone (the older `<zip>.<pid>.tmp` name is removed the same way).
  for (const name of readdirSync(datasetDir)) {
    const m = /^\.staging-.+\.zip-(\d+)-[0-9a-f]+$/.exec(name) ?? /\.zip\.(\d+)\.tmp$/.exec(name);
    if (m && Number(m[1]) !== process.pid && !isAlive({ pid: Number(m[1]), process_start: null, acquired: '' })) rmSync(path.join(datasetDir, name), { force: true });
  }
  for (const version of versionFolders(datasetDir)) {
    const dir = path.join(datasetDir, version);
    const zipPath = path.join(datasetDir, zipName(dataset, version));
    // A released version never changes, so neither does its zip once written (beside, then renamed:
    // a build stopped here leaves no half zip). Only a version without one is zipped.
    if (!existsSync(zipPath)) await writeZip(dir, dataset, version, zipPath);
    const cacheFile = cacheDir ? path.join(cacheDir, `${dataset}-${version}.json`) : null;
    const stamp = cacheFile ? versionStamp(dir, zipPath) : '';
    const changes = path.join(dir, CHANGES_FILE);
    const cached = readCached(cacheFile, stamp);
    let got: CachedFacts;
    if (cached) got = cached;
    else {
      const zip = { bytes: statSync(zipPath).size, sha256: hashFile(zipPath).sha256 };
      const cff = path.join(dir, 'CITATION.cff');
      const released = existsSync(cff) ? String((parseYaml(readFileSync(cff, 'utf8')) as Record<string, unknown>)['date-released'] ?? '') || null : null;
      const tables: Record<string, number> = {};
      const headers: [string, string[]][] = [];
      // changes.csv is about the tables, not one of them.
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.csv') && n !== CHANGES_FILE).sort()) {
        tables[f.slice(0, -4)] = countCsvRows(readFileSync(path.join(dir, f)));
        const first = csvRecords(path.join(dir, f)).next();
        headers.push([f.slice(0, -4), first.done ? [] : first.value]);
      }
      const summary = existsSync(changes) ? summarizeChangesFile(changes) : null;
      got = { stamp, released, tables, headers, zip, summary: summary && { ...summary, records: [...summary.records] } };
      if (cacheFile) writeAtomic(cacheFile, `${JSON.stringify(got)}\n`, '', false);
    }
    const { released, tables } = got;
    const summary = got.summary && { ...got.summary, records: new Map(got.summary.records) };
    facts.push({ version, released, tables, headers: new Map(got.headers), changes: summary ? changes : null, summary });
    entries.push({ version, released, tables, zip: { path: zipName(dataset, version), bytes: got.zip.bytes, sha256: got.zip.sha256 } });
  }
  const latest = entries.at(-1)?.version;
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  if (latest) writeAtomic(path.join(datasetDir, 'LATEST'), enc(`${latest}\n`), '');
  writeAtomic(path.join(datasetDir, 'versions.json'), enc(`${JSON.stringify({ dataset, latest: latest ?? null, versions: [...entries].reverse() }, null, 2)}\n`), '');
  writeAtomic(path.join(datasetDir, 'index.html'), enc(indexHtml(dataset, [...entries].reverse())), '');
  writeAtomic(path.join(datasetDir, CHANGELOG_FILE), enc(changelogMarkdown(dataset, facts)), '');
  return entries;
}

function indexHtml(dataset: string, entries: VersionEntry[]): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(dataset)}: every version</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;overflow-wrap:anywhere}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem;border-bottom:1px solid #eee;vertical-align:top}code{font-size:.75em;word-break:break-all}</style>
</head><body><main>
<h1>${esc(dataset)}</h1>
<p>The newest version is in <a href="LATEST">LATEST</a>; every version with its tables and the SHA-256 of its zip is in <a href="versions.json">versions.json</a>; what changed is in <a href="CHANGELOG.md">CHANGELOG.md</a>.</p>
<table><caption>Versions, newest first</caption><thead><tr><th scope="col">version</th><th scope="col">released</th><th scope="col">rows</th><th scope="col">zip</th></tr></thead><tbody>
${entries.map((e) => `<tr><td><a href="${esc(e.version)}/index.html">${esc(e.version)}</a></td><td>${esc(e.released ?? '')}</td><td>${Object.entries(e.tables).map(([t, n]) => `${esc(t)} ${n}`).join(', ')}</td><td><a href="${esc(e.zip.path)}">${esc(e.zip.path)}</a> (${esc(readableSize(e.zip.bytes))})<br><code>${esc(e.zip.sha256)}</code></td></tr>`).join('\n')}
</tbody></table></main></body></html>
`;
}

/** What CHANGELOG.md needs of a version folder. */
export interface VersionFacts {
  version: string;
  released: string | null;
  /** Rows of each table (its CSV). */
  tables: Record<string, number>;
  /** The header of each table's CSV. */
  headers: Map<string, string[]>;
  /** Its changes.csv, if it has one. */
  changes: string | null;
  /** What its changes.csv says, when already read. */
  summary?: ChangeSummary | null;
}

/** The difference two versions' CSV headers and row counts show: what a version without changes.csv can tell. */
export function summaryFromHeaders(before: VersionFacts, after: VersionFacts): ChangeSummary {
  const s = emptySummary();
  for (const [t, header] of after.headers) {
    const old = before.headers.get(t);
    if (!old) {
      s.tablesAdded.push(t);
      continue;
    }
    for (const f of header) if (!old.includes(f)) s.fieldsAdded.push(`${t}.${f}`);
    for (const f of old) if (!header.includes(f)) s.fieldsRemoved.push(`${t}.${f}`);
    // Only the net count is known: more rows means at least that many added, fewer at least that many removed.
    const delta = (after.tables[t] ?? 0) - (before.tables[t] ?? 0);
    s.records.set(t, { added: Math.max(0, delta), removed: Math.max(0, -delta), changed: 0 });
  }
  for (const t of before.headers.keys()) if (!after.headers.has(t)) s.tablesRemoved.push(t);
  return s;
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;
const list = (label: string, items: string[]): string[] => (items.length ? [`- ${label}: ${items.join(', ')}`] : []);

/** CHANGELOG.md: every version, newest first, with its date and what changed from the version before it. */
export function changelogMarkdown(dataset: string, versions: VersionFacts[]): string {
  const parts = [
    `# ${dataset}: changelog`,
    '',
    'Every version, newest first, and what changed from the version before it. A version that has a',
    '`changes.csv` lists there each table, field and record that differs (by primary key); for older',
    'versions the summary compares the CSV headers and row counts alone. The version numbers follow',
    'the rule in docs/releases.md: a removed table or field, or a changed type or key, is a major',
    'version; added tables, fields or records a minor one; changed values or removed records a patch.',
    '',
  ];
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i]!;
    const before = i > 0 ? versions[i - 1]! : null;
    parts.push(`## ${v.version}${v.released ? ` (${v.released})` : ' (release date not recorded)'}`, '');
    if (!before) {
      const counts = Object.entries(v.tables).map(([t, n]) => `${t} (${plural(n, 'record')})`);
      parts.push(`First version: ${plural(counts.length, 'table')}, ${counts.join(', ')}.`, '');
      continue;
    }
    const exact = v.changes !== null;
    const s = exact ? (v.summary ?? summarizeChangesFile(v.changes!)) : summaryFromHeaders(before, v);
    parts.push(
      exact
        ? `Compared with ${before.version}, from this version's changes.csv.`
        : `Compared with ${before.version}, from the CSV headers and row counts (this version has no changes.csv, so changed values are not counted).`,
      '',
    );
    const lines = [
      ...list('Tables added', s.tablesAdded.map((t) => `${t} (${plural(v.tables[t] ?? 0, 'record')})`)),
      ...list('Tables removed', s.tablesRemoved),
      ...list('Fields added', s.fieldsAdded),
      ...list('Fields removed', s.fieldsRemoved),
      ...list('Field types changed', s.typesChanged),
      ...list('Primary keys changed', s.keysChanged),
    ];
    const records = [...s.records].filter(([, c]) => c.added + c.removed + c.changed > 0);
    if (exact) {
      for (const [t, c] of records) lines.push(`- ${t}: ${c.added} added, ${c.removed} removed, ${c.changed} changed`);
    } else {
      for (const [t] of records) {
        const [a, b] = [before.tables[t] ?? 0, v.tables[t] ?? 0];
        lines.push(`- ${t}: ${a} → ${b} rows (${b > a ? '+' : ''}${b - a})`);
      }
    }
    parts.push(...(lines.length ? lines : [exact ? '- No table, field or record differs.' : '- No header or row count differs.']), '');
    const needed = neededBump(s).bump;
    const made: Bump = versionBump(before.version, v.version);
    const verdict = BUMPS.indexOf(made) >= BUMPS.indexOf(needed) ? 'as the rule asks' : 'less than the rule asks';
    parts.push(
      needed === 'none'
        ? `Version: a ${made} bump from ${before.version}; ${exact ? 'nothing differs' : 'the headers and row counts show nothing'} that needs one.`
        : `Version: a ${made} bump from ${before.version}; the differences need ${exact ? '' : 'at least '}a ${needed} one (${verdict}).`,
      '',
    );
  }
  return `${parts.join('\n').trimEnd()}\n`;
}
