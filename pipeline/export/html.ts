/**
 * index.html: the page that shows what a release holds, for a person who has
 * just downloaded it. One self-contained file (no script, no remote style,
 * no fonts to fetch): the title and citation, every file with its size and
 * SHA-256, and for every table its row count, its fields from the schema and
 * its first rows with the words of the source behind them.
 */
import type { DatasetSchema, Row, TableSchema } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import { sha256 } from '../lib/sources.ts';
import { datasetCitation } from './citation.ts';
import { fileRole } from './docs.ts';

export const STEP = { id: 'export/html', version: '1.0.0' };
export const PAGE_FILE = 'index.html';
/** Rows of each table shown on the page. */
export const PREVIEW_ROWS = 5;

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function tableSection(t: TableSchema, rows: Row[]): string {
  const shown = t.fields.filter((f) => f.name !== 'evidence' && f.name !== 'extractor').slice(0, 8);
  const preview = rows.slice(0, PREVIEW_ROWS);
  return `<section id="${esc(t.name)}">
<h2>${esc(t.title)} <code>${esc(t.name)}</code></h2>
<p>${esc(t.description)}</p>
<p class="meta">${rows.length} rows · key ${t.primary_key.map((k) => `<code>${esc(k)}</code>`).join(', ')} · files ${['csv', 'arrow', 'parquet', 'jsonld']
    .map((e) => `<a href="${esc(`${t.name}.${e}`)}">${esc(e)}</a>`)
    .join(' ')}</p>
<details><summary>${t.fields.length} fields</summary>
<table><thead><tr><th>field</th><th>type</th><th>required</th><th>description</th></tr></thead><tbody>
${t.fields.map((f) => `<tr><td><code>${esc(f.name)}</code></td><td>${esc(f.type)}${f.categorical ? ' (categorical)' : ''}</td><td>${f.required ? 'yes' : ''}</td><td>${esc(f.description)}${f.enum ? ` <span class="enum">${f.enum.map(esc).join(' · ')}</span>` : ''}</td></tr>`).join('\n')}
</tbody></table></details>
<table class="preview"><thead><tr>${shown.map((f) => `<th>${esc(f.name)}</th>`).join('')}<th>evidence (the source's words)</th></tr></thead><tbody>
${preview.map((r) => `<tr>${shown.map((f) => `<td>${esc(r[f.name])}</td>`).join('')}<td class="evidence">${esc(r.evidence)}</td></tr>`).join('\n')}
</tbody></table>
</section>`;
}

export function releasePage(dataset: DatasetSchema, data: Record<string, Row[]>, sources: SourceMeta[], files: Map<string, Uint8Array>): string {
  const fileRows = [...files.keys()]
    .sort()
    .map((name) => `<tr><td><a href="${esc(name)}">${esc(name)}</a></td><td>${esc(name === 'README.md' ? 'what the release holds, how to cite it, and the data dictionary' : fileRole(name, dataset).replace(/`/g, ''))}</td><td class="n">${files.get(name)!.length}</td><td><code>${sha256(files.get(name)!).slice(0, 16)}…</code></td></tr>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(dataset.title)} ${esc(dataset.version)}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-top: 1px solid #ddd; padding-top: 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: .25rem .4rem; border-bottom: 1px solid #eee; }
th { background: #f4f4f4; } td.n { text-align: right; } .meta { color: #555; } .enum { color: #666; font-size: 12px; }
td.evidence { font-family: ui-serif, Georgia, serif; background: #fbfaf4; max-width: 28rem; }
code { font-size: 12px; } nav a { margin-right: .8rem; }
</style>
</head>
<body>
<h1>${esc(dataset.title)}</h1>
<p class="meta">Dataset <code>${esc(dataset.name)}</code>, version ${esc(dataset.version)}. Licence: <a href="${esc(dataset.license.path)}">${esc(dataset.license.title)}</a>.</p>
<p>${esc(dataset.description)}</p>
<p><strong>Cite:</strong> ${esc(datasetCitation(dataset, sources).replace(/\*/g, ''))}</p>
<p><strong>Source${sources.length > 1 ? 's' : ''}:</strong> ${sources.map((s) => esc(s.preferred_citation.replace(/\*/g, ''))).join('<br>')}</p>
<p>Every row names the source, the span of its text (Unicode code points, end-exclusive) and the verbatim words it rests on, in the columns <code>source_id</code>, <code>span_start</code>, <code>span_end</code> and <code>evidence</code>, and the pipeline step that made it, in <code>extractor</code>.</p>
<nav>${dataset.tables.map((t) => `<a href="#${esc(t.name)}">${esc(t.name)}</a>`).join('')}</nav>
<h2>Files</h2>
<p>Check them with <code>sha256sum -c SHA256SUMS</code>.</p>
<table><thead><tr><th>file</th><th>what</th><th>bytes</th><th>SHA-256</th></tr></thead><tbody>
${fileRows}
</tbody></table>
${dataset.tables.map((t) => tableSection(t, data[t.name] ?? [])).join('\n')}
</body>
</html>
`;
}
