import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { releasePage } from '../pipeline/export/html.ts';
import { ROOT, SCHEMA } from './helpers.ts';
import { readCsv } from './load.ts';

const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);
const page = readFileSync(path.join(release, 'index.html'), 'utf8');

describe('the release page', () => {
  it('links every file of the release with its true size', () => {
    for (const name of readdirSync(release)) {
      if (name === 'index.html' || name === 'SHA256SUMS') continue;
      const bytes = readFileSync(path.join(release, name)).length;
      expect(page, name).toContain(`<a href="${name}">${name}</a>`);
      expect(page, name).toContain(`<td class="n">${bytes}</td>`);
    }
  });

  it('gives every table its row count, its fields and rows with the words behind them', () => {
    for (const t of SCHEMA.tables) {
      const rows = readCsv(path.join(release, `${t.name}.csv`));
      expect(page).toContain(`<section id="${t.name}">`);
      expect(page).toContain(`${rows.length} rows`);
      for (const f of t.fields) expect(page).toContain(`<code>${f.name}</code>`);
    }
    expect(page).toContain('Hu Chunhua (胡春华)');
  });

  it('is self-contained: no script, nothing fetched', () => {
    expect(page).not.toMatch(/<script|<link|src=/i);
    expect(page.match(/href="https?:[^"]*"/g)).toEqual([`href="${SCHEMA.license.path}"`]);
  });

  it('escapes the text it shows', () => {
    const t = SCHEMA.tables.find((x) => x.name === 'sources')!;
    const row = Object.fromEntries(t.fields.map((f) => [f.name, f.name === 'title' ? '<script>alert("x")</script> & “quotes”' : null]));
    const html = releasePage({ ...SCHEMA, tables: [t] }, { sources: [row] }, [], new Map());
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; “quotes”');
    expect(html).not.toContain('<script>');
  });
});
