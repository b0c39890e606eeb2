/**
 * The dataset's folder in dist/: LATEST (the newest version as text, not a
 * symlink), versions.json (every version with its release date, tables and
 * row counts and the SHA-256 of its zip), the zip of every version, and an
 * index.html that lists them. Derived only from the version folders, so it
 * is the same bytes whenever it is rebuilt.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { hashFile } from './release.ts';
import { writeAtomic } from '../lib/io.ts';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { esc, readableSize } from './html.ts';
import { zipName, zipRelease } from './zip.ts';

export const STEP = { id: 'export/versions', version: '1.0.0' };

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

function countCsvRows(text: string): number {
  // Records, not lines: a quoted field may hold a line break.
  let rows = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) rows++;
  }
  return Math.max(0, rows - 1);
}

export function versionFolders(datasetDir: string): string[] {
  return readdirSync(datasetDir, { withFileTypes: true }).filter((e) => e.isDirectory() && SEMVER.test(e.name)).map((e) => e.name).sort(compareVersions);
}

/** Writes the zips, LATEST, versions.json and index.html of a dataset folder; returns the entries. */
export function updateDatasetIndex(datasetDir: string, dataset: string): VersionEntry[] {
  const entries: VersionEntry[] = [];
  for (const version of versionFolders(datasetDir)) {
    const dir = path.join(datasetDir, version);
    const zipPath = path.join(datasetDir, zipName(dataset, version));
    // A released version never changes, so neither does its zip once written (beside, then renamed:
    // a build stopped here leaves no half zip). Only a version without one is zipped.
    if (!existsSync(zipPath)) writeAtomic(zipPath, zipRelease(dir, dataset, version), '');
    const zip = { length: statSync(zipPath).size, sha256: hashFile(zipPath).sha256 };
    const cff = path.join(dir, 'CITATION.cff');
    const released = existsSync(cff) ? String((parseYaml(readFileSync(cff, 'utf8')) as Record<string, unknown>)['date-released'] ?? '') || null : null;
    const tables: Record<string, number> = {};
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.csv')).sort()) tables[f.slice(0, -4)] = countCsvRows(readFileSync(path.join(dir, f), 'utf8'));
    entries.push({ version, released, tables, zip: { path: zipName(dataset, version), bytes: zip.length, sha256: zip.sha256 } });
  }
  const latest = entries.at(-1)?.version;
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  if (latest) writeAtomic(path.join(datasetDir, 'LATEST'), enc(`${latest}\n`), '');
  writeAtomic(path.join(datasetDir, 'versions.json'), enc(`${JSON.stringify({ dataset, latest: latest ?? null, versions: [...entries].reverse() }, null, 2)}\n`), '');
  writeAtomic(path.join(datasetDir, 'index.html'), enc(indexHtml(dataset, [...entries].reverse())), '');
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
