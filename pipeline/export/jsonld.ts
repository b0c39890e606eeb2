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
import { fileSink, slices, type ByteSink, type TableWriter } from './writer.ts';

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
 * each node as JSON.stringify indents it at depth two (a JSON string never
 * holds a raw line break, so indenting every line is safe), then the
 * closing brackets. One document per table keeps the @context inline and
 * the file a plain JSON-LD document any processor reads; a reader that
 * wants records one at a time can stream the @graph array.
 */
const GRAPH_INDENT = '\n    ';

/** A JSON-LD writer onto a sink: one document, its @graph written a slice of rows at a time. */
export function jsonldWriter(
  sink: ByteSink,
  table: TableSchema,
  dataset: DatasetSchema,
  texts: (sourceId: string) => IndexedText | undefined,
): TableWriter {
  const encoder = new TextEncoder();
  const context = JSON.stringify({ '@context': jsonldContext(table, dataset) }, null, 2);
  // The document up to, not including, the @graph value: the context object without its closing brace.
  const opening = `${context.slice(0, context.lastIndexOf('\n}'))},\n  "@graph": `;
  let written = 0;
  return {
    async write(rows) {
      for (const slice of slices(rows)) {
        if (slice.length === 0) continue;
        let text = written === 0 ? `${opening}[` : ',';
        slice.forEach((row, i) => {
          if (i > 0) text += ',';
          text += GRAPH_INDENT + JSON.stringify(jsonldNode(table, row, dataset, texts), null, 2).replaceAll('\n', GRAPH_INDENT);
        });
        written += slice.length;
        await sink.write(encoder.encode(text));
      }
    },
    async close() {
      await sink.write(encoder.encode(written === 0 ? `${opening}[]\n}\n` : '\n  ]\n}\n'));
      await sink.close();
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
