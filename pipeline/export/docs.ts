/**
 * Human documentation generated from the schema: the data dictionary (used
 * by the release README and kept current in the repository README) and the
 * release README itself.
 */
import type { DatasetSchema, TableSchema, VocabularyValue } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';

export const STEP = { id: 'export/docs', version: '1.0.0' };

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
    lines.push(`| \`${f.name}\` | ${f.type}${f.categorical ? ' (categorical)' : ''} | ${f.required ? 'yes' : 'no'} | ${desc} |`);
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

export function releaseReadme(dataset: DatasetSchema, sources: SourceMeta[], files: Map<string, Uint8Array>): string {
  const fileRows = [...files.keys()].sort().map((name) => `| \`${name}\` | ${files.get(name)!.length} |`);
  return [
    `# ${dataset.title}`,
    '',
    `Version ${dataset.version} of the dataset \`${dataset.name}\`.`,
    '',
    cell(dataset.description),
    '',
    '## Source',
    '',
    ...sources.map((s) => `- ${s.preferred_citation} Publisher: ${s.publisher}. Text pinned by SHA-256 \`${s.sha256}\`.`),
    '',
    '## Licence',
    '',
    `${dataset.license.title} (${dataset.license.name}), ${dataset.license.path}. ${cell(dataset.license.note ?? '')}`,
    '',
    '## Files',
    '',
    'Each table comes as CSV (UTF-8, RFC 4180), Arrow IPC file, Parquet and JSON-LD, holding the same records.',
    '`datapackage.json` describes them (Frictionless Data Package v2); `SHA256SUMS` lists the SHA-256 of every',
    'other file (`sha256sum -c SHA256SUMS`).',
    '',
    '| file | bytes |',
    '|---|---|',
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
