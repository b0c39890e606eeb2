/**
 * `npm run docs`: rewrite what the documentation takes from the schema and
 * the releases: the data dictionary in docs/data-dictionary.md (from
 * schema/), and the current version in README.md (from schema/dataset.yaml,
 * the sources' citations and the dataset's folder in dist/). The tests fail
 * when a page and what it is generated from disagree.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { datasetCitation } from './export/citation.ts';
import { dataDictionary } from './export/docs.ts';
import { readableSize } from './export/html.ts';
import type { VersionEntry } from './export/versions.ts';
import { isPipelineError, PipelineError } from './lib/errors.ts';
import { loadSchema, type DatasetSchema } from './lib/schema.ts';
import { loadSources, type SourceMeta } from './lib/sources.ts';

export const README_FILE = 'README.md';
export const DICTIONARY_FILE = 'docs/data-dictionary.md';

const DICTIONARY = {
  begin: '<!-- BEGIN GENERATED: data dictionary (npm run docs) -->',
  end: '<!-- END GENERATED: data dictionary -->',
};
const VERSION = {
  begin: '<!-- BEGIN GENERATED: current version (npm run docs) -->',
  end: '<!-- END GENERATED: current version -->',
};

function between(doc: string, file: string, markers: { begin: string; end: string }, body: string): string {
  const start = doc.indexOf(markers.begin);
  const end = doc.indexOf(markers.end);
  // A page of this repository edited by hand, not bad input: a plain error, as for any bug.
  if (start < 0 || end < start) throw new Error(`${file} has no markers for its generated part: ${markers.begin} … ${markers.end}`);
  return `${doc.slice(0, start + markers.begin.length)}\n\n${body}\n${doc.slice(end)}`;
}

/** The page with its data dictionary replaced by the one the schema generates. */
export function withDictionary(doc: string, schema: DatasetSchema): string {
  return between(doc, DICTIONARY_FILE, DICTIONARY, dataDictionary(schema));
}

/** What dist/<dataset>/ says has been released: its LATEST and versions.json, newest first. */
export interface Published {
  latest: string;
  versions: VersionEntry[];
}

/** Reads the dataset's folder in dist/; the schema's version must be the latest one released. */
export function readPublished(schema: DatasetSchema, distDir: string, root: string): Published {
  const dir = path.join(distDir, schema.name);
  const shown = path.relative(root, dir);
  const index = path.join(dir, 'versions.json');
  const latestFile = path.join(dir, 'LATEST');
  if (!existsSync(index) || !existsSync(latestFile)) {
    throw new PipelineError('stage/missing-input', 'the dataset has no released version to describe', { file: shown, expected: 'npm run build before npm run docs' });
  }
  const latest = readFileSync(latestFile, 'utf8').trim();
  const { versions } = JSON.parse(readFileSync(index, 'utf8')) as { versions: VersionEntry[] };
  if (latest !== schema.version || versions[0]?.version !== latest) {
    throw new PipelineError('stage/missing-input', `version ${schema.version} of schema/dataset.yaml is not the latest release`, {
      file: shown,
      value: { LATEST: latest, 'versions.json': versions[0]?.version ?? null },
      expected: 'npm run build before npm run docs',
    });
  }
  return { latest, versions };
}

/** The README's section on the current version: where it is, what it holds, how to cite it. */
export function versionSection(schema: DatasetSchema, published: Published, sources: SourceMeta[], distinctEvents: number | null = null): string {
  const current = published.versions[0]!;
  const dir = `dist/${schema.name}`;
  const here = `${dir}/${current.version}`;
  const rows = schema.tables.map((t) => `\`${t.name}\` ${current.tables[t.name] ?? 0}`).join(', ');
  const distinct =
    distinctEvents === null
      ? []
      : [
          '',
          `The ${current.tables.events ?? 0} rows of \`events\` are ${distinctEvents} distinct real-world events: a happening that the chronology and the narrative, or two narrative sentences, both report has one row per report, and every report after the first names it in \`same_as_event_id\`. Keep the rows whose \`same_as_event_id\` is empty for one row per event.`,
        ];
  const older = published.versions.slice(1).map((v) => v.version);
  return [
    `**Version ${current.version}**, released ${current.released ?? 'on no recorded day'}; rows per table: ${rows}.`,
    ...distinct,
    '',
    '| path | what it is |',
    '|---|---|',
    `| [\`${here}/\`](${here}/) | this version: \`index.html\`, the workbook, \`${schema.name}.sqlite\`, every table as CSV, Arrow, Parquet and JSON-LD, \`verify.py\` |`,
    `| [\`${dir}/${current.zip.path}\`](${dir}/${current.zip.path}) | the same as one zip, ${readableSize(current.zip.bytes)}, SHA-256 \`${current.zip.sha256}\` |`,
    `| [\`${dir}/LATEST\`](${dir}/LATEST) | the newest version's number, as text (\`${published.latest}\`) |`,
    `| [\`${dir}/versions.json\`](${dir}/versions.json) | every version with its release day, rows per table and its zip's size and SHA-256 |`,
    `| [\`${dir}/index.html\`](${dir}/index.html) | a page that lists every version${older.length ? `; older versions: ${older.join(', ')}` : ''} |`,
    '',
    'Cite the version you used; for this one:',
    '',
    `> ${datasetCitation(schema, sources)}`,
    '',
  ].join('\n');
}

/** The README with its current-version section replaced by the one generated. */
export function withVersion(readme: string, schema: DatasetSchema, published: Published, sources: SourceMeta[], distinctEvents: number | null = null): string {
  return between(readme, README_FILE, VERSION, versionSection(schema, published, sources, distinctEvents));
}

/** Events of a release with no same_as_event_id: one row per real-world event. Null when the release has no events table. */
export function distinctEventsOf(releaseDir: string): number | null {
  const file = path.join(releaseDir, 'events.csv');
  if (!existsSync(file)) return null;
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
  return 'same_as_event_id' in (rows[0] ?? {}) ? rows.filter((r) => r.same_as_event_id === '').length : null;
}

/** Every generated page as it should read, keyed by its path from the project root. */
export function generatedDocs(root: string): Map<string, string> {
  const schema = loadSchema(path.join(root, 'schema'), root);
  const sources = loadSources(path.join(root, 'sources'), root).map((s) => s.meta);
  const published = readPublished(schema, path.join(root, 'dist'), root);
  const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
  return new Map([
    [README_FILE, withVersion(read(README_FILE), schema, published, sources, distinctEventsOf(path.join(root, 'dist', schema.name, published.latest)))],
    [DICTIONARY_FILE, withDictionary(read(DICTIONARY_FILE), schema)],
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  try {
    for (const [file, text] of generatedDocs(root)) {
      writeFileSync(path.join(root, file), text);
      console.log(`docs: wrote the generated parts of ${file}`);
    }
  } catch (e) {
    if (!isPipelineError(e)) throw e;
    console.error(`error ${e.message}`);
    process.exitCode = 1;
  }
}
