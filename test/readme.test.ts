import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { generatedDocs, readPublished } from '../pipeline/docs.ts';
import { ftsFields, sqliteName } from '../pipeline/export/sqlite.ts';
import { errorOf, ROOT, SCHEMA, tempDir } from './helpers.ts';
import { readCsv } from './load.ts';
import { allSnippets, duckdbCommands, readmeSnippet, snippetPages } from './readme.ts';
import { hasCommand, INSTALL, PYTHON, pythonHas, skipWithout } from './tools.ts';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);
const events = (): Record<string, string>[] => readCsv(path.join(release, 'events.csv'));

/** Events per type from the CSV, most first, ties by type: what every "Start here" load prints. */
function countsByType(): [string, number][] {
  const counts = new Map<string, number>();
  for (const e of events()) counts.set(e.event_type!, (counts.get(e.event_type!) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** The top three a tool printed: each count must be the CSV's, in order, and the first the largest. */
function expectTopThree(printed: [string, number][]): void {
  const counts = new Map(countsByType());
  expect(printed).toHaveLength(3);
  for (const [type, n] of printed) expect(n, type).toBe(counts.get(type));
  expect(printed.map(([, n]) => n)).toEqual(countsByType().slice(0, 3).map(([, n]) => n));
}

describe('the README is a front door', () => {
  it('is at most 12,288 bytes', () => {
    expect(Buffer.byteLength(readme, 'utf8')).toBeLessThanOrEqual(12_288);
  });

  it('names the Debian packages that CI installs for the consumer tests', () => {
    const ci = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    const packages = /DEBIAN_PACKAGES=\(([^)]*)\)/.exec(ci)![1]!.trim().split(/\s+/);
    expect(packages).toContain('sqlite3');
    expect(readme.replace(/\s+/g, ' ')).toContain(`apt-get install --no-install-recommends ${packages.join(' ')}`);
  });

  it('has its generated parts (the current version, the data dictionary) as the schema, the sources and the releases give them', () => {
    const generated = generatedDocs(ROOT);
    expect([...generated.keys()]).toEqual(['README.md', 'docs/data-dictionary.md']);
    for (const [file, text] of generated) expect(readFileSync(path.join(ROOT, file), 'utf8'), file).toBe(text);
    const latest = readFileSync(path.join(ROOT, 'dist', SCHEMA.name, 'LATEST'), 'utf8').trim();
    expect(readme).toContain(`**Version ${latest}**`);
    expect(readme).toContain(`dist/${SCHEMA.name}/${SCHEMA.name}-${latest}.zip`);
  });

  it('is not generated for a version of schema/dataset.yaml that is not the latest release (stage/missing-input)', () => {
    const dist = tempDir('crr-readme-dist-');
    expect(errorOf(() => readPublished(SCHEMA, dist, dist)).code).toBe('stage/missing-input');
    mkdirSync(path.join(dist, SCHEMA.name));
    writeFileSync(path.join(dist, SCHEMA.name, 'LATEST'), '0.9.0\n');
    writeFileSync(path.join(dist, SCHEMA.name, 'versions.json'), JSON.stringify({ versions: [{ version: '0.9.0' }] }));
    const e = errorOf(() => readPublished(SCHEMA, dist, dist));
    expect(e.code).toBe('stage/missing-input');
    expect(e.message).toContain(`version ${SCHEMA.version} of schema/dataset.yaml is not the latest release`);
    expect(readPublished(SCHEMA, path.join(ROOT, 'dist'), ROOT).latest).toBe(SCHEMA.version);
  });

  it('every relative link of README.md and docs/ leads to a file that exists, and every anchor to a heading of it', () => {
    const slug = (h: string): string => h.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
    const headings = (file: string): Set<string> =>
      new Set([...readFileSync(file, 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
    let checked = 0;
    for (const page of snippetPages()) {
      // Links, not the regular expressions that code spans and blocks may hold.
      const text = readFileSync(path.join(ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!) || target === '#') continue;
        const [file, anchor] = target!.split('#');
        const full = file ? path.resolve(ROOT, path.dirname(page), file) : path.join(ROOT, page);
        expect(existsSync(full), `${page}: ${target}`).toBe(true);
        if (anchor) expect(headings(full).has(anchor), `${page}: ${target}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('the README and docs/ show only code that the tests run', () => {
  it('every block of code in a language is a named snippet, every name is shown once, and every snippet is run by a test', () => {
    const tests = readdirSync(path.join(ROOT, 'test')).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join(ROOT, 'test', f), 'utf8')).join('\n');
    const names: string[] = [];
    for (const page of snippetPages()) {
      const text = readFileSync(path.join(ROOT, page), 'utf8');
      const blocks = [...text.matchAll(/(?:<!-- snippet: ([\w-]+) -->\s*)?```([a-z]*)\n/g)];
      // Opening fences only: every second fence closes a block.
      const code = blocks.filter((_, i) => i % 2 === 0).filter((m) => ['python', 'js', 'sql', 'r', 'sh', 'bash'].includes(m[2]!));
      // The set-up commands are the one shell block that is not a snippet: CI's .ci/run runs them.
      const unnamed = code.filter((m) => m[1] === undefined);
      if (page === 'README.md') {
        expect(unnamed.map((m) => m[2])).toEqual(['sh']);
        expect(text.slice(unnamed[0]!.index)).toMatch(/^```sh\nnpm ci && npm run build/);
      } else {
        expect(unnamed.map((m) => m[2]), page).toEqual([]);
      }
      names.push(...code.map((m) => m[1]).filter((n): n is string => n !== undefined));
    }
    expect(names).toEqual(allSnippets().map((s) => s.name));
    expect(new Set(names).size).toBe(names.length);
    // The snippets the consumer tests run are on the docs pages, the short loads on the README.
    expect(names).toEqual(expect.arrayContaining(['pandas', 'polars', 'r', 'rdflib', 'duckdb', 'duckdb-join', 'libreoffice-csv', 'libreoffice-xlsx', 'start-duckdb', 'start-sqlite']));
    for (const name of names) expect(tests, `snippet ${name}`).toContain(`readmeSnippet('${name}')`);
  });

  it('refuses a snippet name that no page shows', () => {
    expect(() => readmeSnippet('no-such-snippet')).toThrow(/no page of README.md, docs\/.* has a snippet named no-such-snippet/);
  });

  it.skipIf(skipWithout(existsSync(PYTHON)))(`runs the provenance snippet from the repository root (needs ${INSTALL})`, () => {
    const run = spawnSync(PYTHON, ['-c', readmeSnippet('provenance')], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // Every table's rows, and the curator list's items that have a span.
    const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);
    const rows = SCHEMA.tables.reduce((n, t) => n + readCsv(path.join(release, `${t.name}.csv`)).length, 0) + readCsv(path.join(release, 'curator-list.csv')).filter((c) => c.span_start !== '').length;
    expect(run.stdout.trim()).toBe(`${rows} spans of ${SCHEMA.version} re-slice to their evidence`);
  });
});

describe('the README\'s "Start here" loads print what the release holds', () => {
  it.skipIf(skipWithout(pythonHas('pandas')))(`pandas: the three commonest event types with their counts (needs ${INSTALL})`, () => {
    const run = spawnSync(PYTHON, ['-c', readmeSnippet('start-pandas')], { cwd: release, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // pandas may print the Series' name on a line of its own before the counts.
    const printed = [...run.stdout.matchAll(/^(\w+)\s+(\d+)$/gm)].map((m): [string, number] => [m[1]!, Number(m[2])]);
    expectTopThree(printed);
  });

  const hasReadr = hasCommand('Rscript') && spawnSync('Rscript', ['-e', 'library(readr)']).status === 0;
  it.skipIf(skipWithout(hasReadr))('R with readr: the number of events and their dates, read as dates (needs r-base-core r-cran-readr)', () => {
    const file = path.join(tempDir('crr-readme-r-'), 'start.R');
    writeFileSync(file, readmeSnippet('start-r'));
    const run = spawnSync('Rscript', [file], { cwd: release, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const rows = events();
    const starts = rows.map((e) => e.date_start!).filter(Boolean).sort();
    const ends = rows.map((e) => e.date_end!).filter(Boolean).sort();
    expect(run.stdout.trim()).toBe(`${rows.length} events from ${starts[0]} to ${ends.at(-1)}`);
  });

  it('DuckDB: the SQL of the command line, as the shell passes it, gives the three commonest event types', async () => {
    const sql = duckdbCommands(readmeSnippet('start-duckdb'));
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/^SELECT .* FROM read_parquet\('events\.parquet'\)/);
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    try {
      await conn.run(`SET file_search_path = '${release}'`);
      const rows = (await conn.runAndReadAll(sql[0]!)).getRowObjectsJS() as { event_type: string; events: bigint }[];
      expect(rows.map((r): [string, number] => [r.event_type, Number(r.events)])).toEqual(countsByType().slice(0, 3));
    } finally {
      conn.closeSync();
    }
  });

  it('DuckDB: the command-line stub passes on exactly what bash would', () => {
    expect(duckdbCommands(`duckdb -c "SELECT 'a b', \\"x\\"" && duckdb -c 'SELECT 2'`)).toEqual([`SELECT 'a b', "x"`, 'SELECT 2']);
    expect(() => duckdbCommands('duckdb -c "unclosed')).toThrow(/failed in bash/);
  });

  it('nodejs-polars: the three commonest event types from Parquet', () => {
    // In a file under the project, so that it finds nodejs-polars; run in the release folder.
    const dir = path.join(ROOT, '.scratch');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `readme-start-polars-${process.pid}.mjs`);
    writeFileSync(file, readmeSnippet('start-polars'));
    const run = spawnSync(process.execPath, [file], { cwd: release, encoding: 'utf8' });
    rmSync(file, { force: true });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const printed = [...run.stdout.matchAll(/event_type: '(\w+)', events: (\d+)/g)].map((m): [string, number] => [m[1]!, Number(m[2])]);
    expectTopThree(printed);
  });

  it.skipIf(skipWithout(hasCommand('sqlite3')))('SQLite: the full-text query finds, in date order, every event whose text names both Putin and Xi (needs sqlite3)', () => {
    // A copy, so that nothing a shell does can touch the released file.
    const dir = tempDir('crr-readme-sqlite-');
    copyFileSync(path.join(release, sqliteName(SCHEMA)), path.join(dir, sqliteName(SCHEMA)));
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', readmeSnippet('start-sqlite')], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const fields = ftsFields(SCHEMA.tables.find((t) => t.name === 'events')!);
    const want = events()
      .filter((e) => fields.some((f) => /\bputin\b/i.test(e[f]!)) && fields.some((f) => /\bxi\b/i.test(e[f]!)))
      .sort((a, b) => (a.date_start! < b.date_start! ? -1 : a.date_start! > b.date_start! ? 1 : a.event_id! < b.event_id! ? -1 : 1))
      .map((e) => `${e.date_label}|${e.event_type}`);
    expect(want.length).toBeGreaterThan(1);
    expect(run.stdout.trim().split('\n')).toEqual(want);
  });
});
