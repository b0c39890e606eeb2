/**
 * Records → JSON-LD. Each table is one document: an inline @context
 * generated from the schema (every field mapped to a vocabulary term, typed
 * literals for integers, numbers, booleans and dates), and an @graph of typed
 * nodes with absolute IRIs. Foreign keys become links to the referenced
 * record's IRI. Provenance follows W3C PROV-O and the Web Annotation data
 * model: each record prov:wasDerivedFrom an oa:SpecificResource of its source
 * with a TextPositionSelector (code-point start and end) and a
 * TextQuoteSelector (exact words, with prefix and suffix), and
 * prov:wasGeneratedBy the pipeline step. A multi-valued field is an ordered
 * RDF list (@container @list).
 */
import type { DatasetSchema, FieldSpec, Row, TableSchema } from '../lib/schema.ts';
import type { IndexedText } from '../lib/text.ts';
import { fileSink, TextSink, type ByteSink, type TableWriter } from './writer.ts';

export const STEP = { id: 'export/jsonld', version: '1.1.0' };

export const PREFIXES: Record<string, string> = {
  schema: 'https://schema.org/',
  prov: 'http://www.w3.org/ns/prov#',
  oa: 'http://www.w3.org/ns/oa#',
  dcterms: 'http://purl.org/dc/terms/',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

/** Characters of context on each side in a TextQuoteSelector. */
const QUOTE_CONTEXT = 32;

const XSD: Record<FieldSpec['type'], string | null> = {
  string: null,
  integer: 'xsd:integer',
  number: 'xsd:double',
  boolean: 'xsd:boolean',
  date: 'xsd:date',
};

/** The IRI of a record: the dataset's IRI base, the table, the key. */
export function recordIri(dataset: DatasetSchema, table: string, key: string): string {
  return `${dataset.iri_base}${table}/${encodeURIComponent(key)}`;
}

/**
 * The IRI of a source text: the record of the sources table (the table the
 * pipeline's normalize stage writes one row per source to), which every
 * record's provenance points to.
 */
export function sourceIri(dataset: DatasetSchema, sourceId: string): string {
  return recordIri(dataset, 'sources', sourceId);
}

export function vocabPrefix(dataset: DatasetSchema): string {
  return `${dataset.iri_base}vocab:`;
}

function foreignTarget(table: TableSchema, field: string): string | null {
  const fk = table.foreign_keys.find((k) => k.fields.length === 1 && k.fields[0] === field);
  return fk ? fk.reference.resource : null;
}

export function jsonldContext(table: TableSchema, dataset: DatasetSchema): Record<string, unknown> {
  const context: Record<string, unknown> = { ...PREFIXES, ds: vocabPrefix(dataset) };
  for (const f of table.fields) {
    const id = f.rdf ?? `ds:${f.name}`;
    let term: string | Record<string, string>;
    if (foreignTarget(table, f.name)) term = { '@id': id, '@type': '@id' };
    else if (f.rdf_datatype) term = { '@id': id, '@type': f.rdf_datatype };
    else if (XSD[f.type]) term = { '@id': id, '@type': XSD[f.type]! };
    else if (f.language) term = { '@id': id, '@language': f.language };
    else term = id;
    // A multi-valued field keeps its order: an RDF list (rdf:first/rdf:rest).
    if (f.separator !== undefined) term = { ...(typeof term === 'string' ? { '@id': term } : term), '@container': '@list' };
    context[f.name] = term;
  }
  return context;
}

/** Fields written inside the provenance structure rather than on the record. */
const IN_PROVENANCE = new Set(['span_start', 'span_end', 'evidence', 'extractor']);

/** One record as a node of the @graph, with its provenance. */
export function jsonldNode(table: TableSchema, row: Row, dataset: DatasetSchema, texts: (sourceId: string) => IndexedText | undefined): Record<string, unknown> {
  const key = table.primary_key.map((k) => String(row[k])).join('/');
  const type = (table.rdf_type_by && table.rdf_type_by.classes[String(row[table.rdf_type_by.field])]) ?? table.rdf_type;
  const node: Record<string, unknown> = { '@id': recordIri(dataset, table.name, key), '@type': type };
  for (const f of table.fields) {
    const v = row[f.name];
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || IN_PROVENANCE.has(f.name)) continue;
    const target = foreignTarget(table, f.name);
    const tag = f.language_field ? row[f.language_field] : null;
    node[f.name] =
      target ? recordIri(dataset, target, String(v))
      : typeof tag === 'string' && tag !== '' ? { '@value': v, '@language': f.language_script ? `${tag}-${f.language_script}` : tag }
      : v;
  }
  const sourceId = String(row.source_id);
  const text = texts(sourceId);
  if (!text) throw new Error(`no text loaded for source ${sourceId}`);
  const start = row.span_start as number;
  const end = row.span_end as number;
  node['prov:wasDerivedFrom'] = {
    '@type': 'oa:SpecificResource',
    'oa:hasSource': { '@id': sourceIri(dataset, sourceId) },
    'oa:hasSelector': [
      { '@type': 'oa:TextPositionSelector', span_start: start, span_end: end },
      {
        '@type': 'oa:TextQuoteSelector',
        evidence: row.evidence,
        'oa:prefix': text.slice(Math.max(0, start - QUOTE_CONTEXT), start),
        'oa:suffix': text.slice(end, Math.min(text.length, end + QUOTE_CONTEXT)),
      },
    ],
  };
  node['prov:wasGeneratedBy'] = { '@type': 'prov:Activity', extractor: row.extractor };
  return node;
}

export function jsonldDocument(
  table: TableSchema,
  rows: Row[],
  dataset: DatasetSchema,
  texts: Map<string, IndexedText>,
): Record<string, unknown> {
  const graph = rows.map((row) => jsonldNode(table, row, dataset, (id) => texts.get(id)));
  return { '@context': jsonldContext(table, dataset), '@graph': graph };
}

export function jsonldText(doc: Record<string, unknown>): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/*
 * The streaming writer writes the very text jsonldText makes of the whole
 * document, piece by piece: the document opened up to its @graph array, then
 * each node as JSON.stringify indents it at depth two, then the closing
 * brackets. One document per table keeps the @context inline and the file a
 * plain JSON-LD document any processor reads; a reader that wants records
 * one at a time can stream the @graph array.
 *
 * A node's text is made straight from the row (nodeWriter), not by building
 * the node object and indenting JSON.stringify's output: on the 100-chapter
 * corpus that was 1.9 s of CPU, mostly in making the objects, stringifying
 * them and replacing every line break. The keys, their indentation and the
 * IRI prefixes of a table are fixed, so they are made once; values are
 * quoted as JSON.stringify quotes them (a text with nothing to escape is
 * quoted by hand); anything unusual (a tagged value, a list, a missing
 * field) goes through the same indenting serializer. The tests hold the
 * result to JSON.stringify of jsonldNode, byte for byte.
 */
const GRAPH_INDENT = '\n    ';

/** Characters JSON.stringify escapes in a string: quote, backslash, controls and (unpaired) surrogates. */
const JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON.stringify writes it. */
function quote(s: string): string {
  return JSON_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/**
 * A JSON value as JSON.stringify(value, null, 2) writes it when it starts
 * at the given indentation; undefined where JSON.stringify leaves a key out.
 */
function indented(v: unknown, indent: string): string | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      const inner = `${indent}  `;
      if (Array.isArray(v)) {
        if (v.length === 0) return '[]';
        return `[\n${v.map((x) => inner + (indented(x, inner) ?? 'null')).join(',\n')}\n${indent}]`;
      }
      const parts: string[] = [];
      for (const [k, x] of Object.entries(v)) {
        const text = indented(x, inner);
        if (text !== undefined) parts.push(`${inner}${JSON.stringify(k)}: ${text}`);
      }
      return parts.length === 0 ? '{}' : `{\n${parts.join(',\n')}\n${indent}}`;
    }
    default:
      return undefined;
  }
}

/** Indentation of a node's keys in the @graph, and of the levels inside its provenance. */
const I1 = ' '.repeat(6);
const I2 = ' '.repeat(8);
const I3 = ' '.repeat(10);
const I4 = ' '.repeat(12);

/** `,\n<indent>"key": value`, or nothing when JSON.stringify would leave the key out. */
function member(indent: string, key: string, v: unknown, inner: string): string {
  const text = indented(v, inner);
  return text === undefined ? '' : `,\n${indent}${JSON.stringify(key)}: ${text}`;
}

/**
 * The text of a table's nodes, each as JSON.stringify(jsonldNode(…), null, 2)
 * indented into the @graph: the same bytes, made without the node objects.
 */
export function nodeWriter(
  table: TableSchema,
  dataset: DatasetSchema,
  texts: (sourceId: string) => IndexedText | undefined,
): (row: Row) => string {
  const iriBase = `${dataset.iri_base}${table.name}/`;
  const sourceBase = `${dataset.iri_base}sources/`;
  const byType = table.rdf_type_by;
  const fields = table.fields
    .filter((f) => !IN_PROVENANCE.has(f.name))
    .map((f) => {
      const target = foreignTarget(table, f.name);
      return {
        name: f.name,
        prefix: `,\n${I1}${JSON.stringify(f.name)}: `,
        target: target ? `${dataset.iri_base}${target}/` : null,
        tagField: f.language_field ?? null,
        script: f.language_script,
      };
    });
  const keys = table.primary_key;
  return (row) => {
    const key = keys.length === 1 ? String(row[keys[0]!]) : keys.map((k) => String(row[k])).join('/');
    const type = (byType && byType.classes[String(row[byType.field])]) ?? table.rdf_type;
    let out = `{\n${I1}"@id": ${quote(iriBase + encodeURIComponent(key))}`;
    if (type !== undefined) out += `,\n${I1}"@type": ${indented(type, I1)}`;
    for (const f of fields) {
      const v = row[f.name];
      if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      if (f.target) {
        out += f.prefix + quote(f.target + encodeURIComponent(String(v)));
        continue;
      }
      const tag = f.tagField ? row[f.tagField] : null;
      if (typeof tag === 'string' && tag !== '') {
        out += f.prefix + indented({ '@value': v, '@language': f.script ? `${tag}-${f.script}` : tag }, I1)!;
      } else if (typeof v === 'string') out += f.prefix + quote(v);
      else out += f.prefix + (indented(v, I1) ?? 'null');
    }
    const sourceId = String(row.source_id);
    const text = texts(sourceId);
    if (!text) throw new Error(`no text loaded for source ${sourceId}`);
    const start = row.span_start as number;
    const end = row.span_end as number;
    out += `,\n${I1}"prov:wasDerivedFrom": {\n${I2}"@type": "oa:SpecificResource",\n${I2}"oa:hasSource": {\n${I3}"@id": ${quote(sourceBase + encodeURIComponent(sourceId))}\n${I2}},`
      + `\n${I2}"oa:hasSelector": [\n${I3}{\n${I4}"@type": "oa:TextPositionSelector"`
      + member(I4, 'span_start', start, I4) + member(I4, 'span_end', end, I4)
      + `\n${I3}},\n${I3}{\n${I4}"@type": "oa:TextQuoteSelector"`
      + member(I4, 'evidence', row.evidence, I4)
      + `,\n${I4}"oa:prefix": ${quote(text.slice(Math.max(0, start - QUOTE_CONTEXT), start))}`
      + `,\n${I4}"oa:suffix": ${quote(text.slice(end, Math.min(text.length, end + QUOTE_CONTEXT)))}`
      + `\n${I3}}\n${I2}]\n${I1}},\n${I1}"prov:wasGeneratedBy": {\n${I2}"@type": "prov:Activity"`
      + member(I2, 'extractor', row.extractor, I2)
      + `\n${I1}}\n    }`;
    return out;
  };
}

/** A JSON-LD writer onto a sink: one document, its @graph written a slice of rows at a time. */
export function jsonldWriter(
  sink: ByteSink,
  table: TableSchema,
  dataset: DatasetSchema,
  texts: (sourceId: string) => IndexedText | undefined,
): TableWriter {
  const out = new TextSink(sink);
  const context = JSON.stringify({ '@context': jsonldContext(table, dataset) }, null, 2);
  // The document up to, not including, the @graph value: the context object without its closing brace.
  const opening = `${context.slice(0, context.lastIndexOf('\n}'))},\n  "@graph": `;
  const nodeText = nodeWriter(table, dataset, texts);
  let written = 0;
  return {
    async write(rows) {
      for (const row of rows) {
        out.add((written === 0 ? `${opening}[` : ',') + GRAPH_INDENT + nodeText(row));
        written++;
        if (out.ready) await out.flush();
      }
      await out.flush();
    },
    async close() {
      out.add(written === 0 ? `${opening}[]\n}\n` : '\n  ]\n}\n');
      await out.close();
    },
  };
}

export async function openJsonld(
  file: string,
  table: TableSchema,
  dataset: DatasetSchema,
  texts: (sourceId: string) => IndexedText,
): Promise<TableWriter> {
  return jsonldWriter(fileSink(file), table, dataset, texts);
}
