/**
 * Human documentation generated from the schema: the data dictionary (used
 * by the release README and kept current in the repository README) and the
 * release README itself.
 */
import type { DatasetSchema, TableSchema, VocabularyValue } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import type { FileInfo } from './html.ts';
import { CITATION_FILE, datasetCitation } from './citation.ts';
import { CROISSANT_FILE } from './croissant.ts';
import { FORMATS } from './formats.ts';
import { SCHEMAORG_FILE } from './schemaorg.ts';

import { COVERAGE_FILE, CURATOR_FILE, PRECISION_FILE } from './quality.ts';

export const STEP = { id: 'export/docs', version: '1.1.0' };

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

function patterns(v: VocabularyValue): string {
  const code = (c: string): string => `\`${cell(c)}\``;
  const factor = (n: number): string => (n === 1 ? '' : ` ×${n}`);
  return [
    ...(v.surfaces ?? []).map((f) => (typeof f === 'string' ? code(f) : `${code(f.form)}${factor(f.factor)}${f.position === 'before' ? ' (before the number)' : ''}`)),
    ...(v.units ?? []).map((u) => `unit ${code(u)}`),
    ...(v.cues ?? []).map(code),
    ...(v.before ?? []).map((c) => `before ${code(c)}`),
    ...(v.after ?? []).map((c) => `after ${code(c)}`),
    ...(v.when ?? []).map((w) => `if ${w}`),
    ...(v.subject_types?.length ? [`subjects: ${v.subject_types.join(', ')}`] : []),
  ].join(' ');
}

function tableDictionary(t: TableSchema): string {
  const lines = [
    `### \`${t.name}\` — ${t.title}`,
    '',
    cell(t.description),
    '',
    `Primary key: ${t.primary_key.map((k) => `\`${k}\``).join(', ')}.` +
      (t.foreign_keys.length
        ? ` Foreign keys: ${t.foreign_keys.map((fk) => `\`${fk.fields.join(', ')}\` → \`${fk.reference.resource}.${fk.reference.fields.join(', ')}\``).join('; ')}.`
        : ''),
  ];
  if (t.references.length) {
    lines.push(
      '',
      `References: ${t.references.map((r) => `\`${r.field}\` → the key of the table \`${r.table_field}\` names (${Object.entries(r.tables).map(([n, k]) => `\`${n}.${k}\``).join(', ')})`).join('; ')}.`,
    );
  }
  if (t.id_rule) lines.push('', `Id rule: ${cell(t.id_rule)}`);
  lines.push('', '| field | type | required | description |', '|---|---|---|---|');
  for (const f of t.fields) {
    let desc = cell(f.description);
    if (f.enum) desc += ` Values: ${f.enum.map((v) => `\`${v}\``).join(', ')}.`;
    const type = f.separator !== undefined ? `list of ${f.type} (\`"${f.separator}"\` in CSV)` : `${f.type}${f.categorical ? ' (categorical)' : ''}`;
    lines.push(`| \`${f.name}\` | ${type} | ${f.required ? 'yes' : 'no'} | ${desc} |`);
  }
  return lines.join('\n');
}

export function dataDictionary(dataset: DatasetSchema): string {
  const parts = dataset.tables.map(tableDictionary);
  for (const vocab of Object.values(dataset.vocabularies)) {
    parts.push(
      [
        `### Vocabulary \`${vocab.name}\``,
        '',
        vocab.intro ? cell(vocab.intro) : `Rules are tried in this order and the first match wins; \`schema/vocabularies/${vocab.file}\` says what the patterns are matched against.`,
        '',
        vocab.values.some((v) => v.surfaces || v.units) ? '| value | definition | forms, units and conditions |' : '| value | definition | patterns (regular expressions) |',
        '|---|---|---|',
        ...vocab.values.map((v) => `| \`${v.value}\` | ${cell(v.definition)} | ${patterns(v)} |`),
      ].join('\n'),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

/** What each file of a release is, for the file table of its README. */
export function fileRole(name: string, dataset: DatasetSchema): string {
  const table = dataset.tables.find((t) => name.startsWith(`${t.name}.`));
  if (table) {
    const rest = name.slice(table.name.length + 1);
    const format = FORMATS.find((f) => f.scope === 'table' && f.fileName(dataset, table) === name);
    const role = format ? format.about : rest === 'csv-metadata.json' ? 'CSV on the Web (W3C) metadata for the CSV' : rest;
    return `\`${table.name}\`: ${role}`;
  }
  if (name.startsWith('page/')) return 'a data part of the release page, loaded on demand';
  if (name.startsWith('sources/')) return 'the source text the spans point into, as stored';
  const other: Record<string, string> = {
    ...Object.fromEntries(FORMATS.filter((f) => f.scope === 'dataset').map((f) => [f.fileName(dataset), f.about])),
    'changes.csv': 'every record that differs from the version before, field by field',
    'verify.py': 'checks a downloaded copy: every file against SHA256SUMS and datapackage.json, every span against the source texts',
    [CROISSANT_FILE]: 'MLCommons Croissant 1.1 description: files with sha256, record sets and fields',
    [SCHEMAORG_FILE]: 'schema.org Dataset description (for search engines and catalogues)',
    [CITATION_FILE]: 'Citation File Format 1.2.0: how to cite this version and the article',
    'datapackage.json': 'Frictionless Data Package v2 descriptor with the Table Schema of each table',
    [COVERAGE_FILE]: 'coverage: the share of sentences, figures, quotations and original-language forms that became rows, per source and in all',
    [CURATOR_FILE]: 'the curator list: what the pipeline found and could not decide, each item with its line and span',
    [PRECISION_FILE]: 'the audited precision of each table: a seeded sample judged by hand, with a 95 % interval',
    'README.md': 'this file',
    SHA256SUMS: 'SHA-256 of every other file',
  };
  return other[name] ?? '';
}

export function releaseReadme(dataset: DatasetSchema, sources: SourceMeta[], files: ReadonlyMap<string, FileInfo>, quality?: string[]): string {
  const fileRows = [...files.keys()].sort().map((name) => `| \`${name}\` | ${fileRole(name, dataset)} | ${files.get(name)!.bytes} |`);
  return [
    `# ${dataset.title}`,
    '',
    `Version ${dataset.version} of the dataset \`${dataset.name}\`.`,
    '',
    cell(dataset.description),
    '',
    '## Cite',
    '',
    datasetCitation(dataset, sources),
    '',
    `\`${CITATION_FILE}\` gives the same in Citation File Format.`,
    '',
    '## Source',
    '',
    ...sources.map((s) => `- ${s.preferred_citation} Publisher: ${s.publisher}. Text pinned by SHA-256 \`${s.sha256}\`.`),
    '',
    ...(quality?.length ? ['## How complete and how right', '', ...quality, ''] : []),
    '## Licence',
    '',
    `${dataset.license.title} (${dataset.license.name}), ${dataset.license.path}. ${cell(dataset.license.note ?? '')}`,
    '',
    '## Files',
    '',
    `Each table comes as ${FORMATS.filter((f) => f.scope === 'table').map((f) => f.role === 'table' ? 'CSV' : f.role).join(', ')}, holding the same records, and in`,
    `${FORMATS.filter((f) => f.scope === 'dataset' && f.described).map((f) => `the ${f.role} \`${f.fileName(dataset)}\``).join(' and ')}. \`datapackage.json\`, the CSVW sidecars, \`${CROISSANT_FILE}\` and \`${SCHEMAORG_FILE}\``,
    'describe them, all generated from one schema; `SHA256SUMS` lists the SHA-256 of every other file',
    '(`sha256sum -c SHA256SUMS`, or `python3 verify.py`, which also re-slices every span).',
    '',
    'CSV is UTF-8 without a byte-order mark. In Excel, open the workbook, or import the CSV with *Data → From',
    'Text/CSV* and *File origin: 65001: Unicode (UTF-8)*. In LibreOffice choose *Character set: Unicode (UTF-8)* and',
    'tick *Format quoted field as text*. A multi-valued field holds its items joined by the separator the',
    'dictionary names. Values are never altered: a text that starts with `=`, `+`, `-` or `@` is written as it is.',
    '',
    '| file | what it is | bytes |',
    '|---|---|---|',
    ...fileRows,
    '',
    '## Provenance',
    '',
    'Every record names its source (`source_id`), the span of the source text that supports it',
    '(`span_start`, `span_end`: Unicode code points, 0-based, end-exclusive, so that Python\'s',
    '`text[span_start:span_end]` equals `evidence`), the verbatim `evidence`, and the `extractor`, the',
    'pipeline step that made it. In JSON-LD each record is `prov:wasDerivedFrom` a Web Annotation',
    '`oa:SpecificResource` with a `TextPositionSelector` and a `TextQuoteSelector`.',
    '',
    '## Data dictionary',
    '',
    dataDictionary(dataset),
  ].join('\n');
}
