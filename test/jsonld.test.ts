import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsonld from 'jsonld';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonldNode, nodeWriter, PREFIXES } from '../pipeline/export/jsonld.ts';
import { memorySink, TextSink } from '../pipeline/export/writer.ts';
import type { DatasetSchema, Row, TableSchema } from '../pipeline/lib/schema.ts';
import type { IndexedText } from '../pipeline/lib/text.ts';
import { EDGE, EDGE_SCHEMA } from './edge.ts';
import { ROOT, SCHEMA } from './helpers.ts';
import { STREAM_SOURCE_TEXT, STREAM_TABLE, streamDataset, streamRows } from './streaming-fixture.ts';
import { readCsv } from './load.ts';

const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);

/** A document loader that refuses the network: every context is inline. */
const offline = async (url: string): Promise<never> => {
  throw new Error(`refusing to fetch ${url}`);
};

/** A release's JSON-LD file as N-Quads, converted offline. */
async function nquadsOf(table: string): Promise<string> {
  const doc = JSON.parse(readFileSync(path.join(release, `${table}.jsonld`), 'utf8'));
  return (await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader: offline as never })) as unknown as string;
}

describe('JSON-LD that RDF tools read', () => {
  for (const table of SCHEMA.tables) {
    it(`${table.name}: expands offline and converts to N-Quads with every record's provenance`, async () => {
      const doc = JSON.parse(readFileSync(path.join(release, `${table.name}.jsonld`), 'utf8'));
      const rows = readCsv(path.join(release, `${table.name}.csv`));
      const expanded = await jsonld.expand(doc, { documentLoader: offline as never });
      expect(expanded).toHaveLength(rows.length);
      const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader: offline as never })) as unknown as string;
      const lines = nquads.trim().split('\n');
      // No relative IRIs survive: every subject, predicate and IRI object is absolute.
      for (const l of lines) expect(l).toMatch(/^(<[a-z][a-z0-9+.-]*:[^>]+>|_:\S+) <[a-z][a-z0-9+.-]*:[^>]+> /);
      const count = (pred: string) => lines.filter((l) => l.includes(` <${pred}> `)).length;
      expect(count(`${PREFIXES.prov}wasDerivedFrom`)).toBe(rows.length);
      expect(count(`${PREFIXES.prov}wasGeneratedBy`)).toBe(rows.length);
      expect(count(`${PREFIXES.oa}start`)).toBe(rows.length);
      expect(count(`${PREFIXES.oa}end`)).toBe(rows.length);
      expect(count(`${PREFIXES.oa}exact`)).toBe(rows.length);
      expect(count(`${PREFIXES.oa}hasSource`)).toBe(rows.length);
      // Each record's start offset arrives as a typed integer.
      for (const r of rows.slice(0, 5)) {
        expect(nquads).toContain(`"${r.span_start}"^^<http://www.w3.org/2001/XMLSchema#integer>`);
      }
      // Every field of the schema is mapped to an absolute IRI by the context.
      const ctx = doc['@context'] as Record<string, unknown>;
      for (const f of table.fields) expect(ctx[f.name], f.name).toBeDefined();
    });
  }

  it('types events as schema.org Events with xsd:date bounds and an EDTF literal', async () => {
    const nquads = await nquadsOf('events');
    expect(nquads).toContain('<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Event>');
    expect(nquads).toContain('<https://schema.org/startDate> "2019-10-31"^^<http://www.w3.org/2001/XMLSchema#date>');
    expect(nquads).toContain('<http://purl.org/dc/terms/date> "2019-10-31/2019-11-01"^^<http://id.loc.gov/datatypes/edtf/EDTF>');
    expect(nquads).toContain('Hu Chunhua (胡春华) at the 5th Eastern Economic Forum');
  });
});

describe('entities in JSON-LD', () => {
  it('are typed by their kind: people as schema:Person, places as schema:Place', async () => {
    const nquads = await nquadsOf('entities');
    const typeOf = (id: string) => nquads.split('\n').find((l) => l.startsWith(`<${SCHEMA.iri_base}entities/${id}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>`));
    expect(typeOf('vladimir-putin')).toContain('<https://schema.org/Person>');
    expect(typeOf('blagoveshchensk')).toContain('<https://schema.org/Place>');
    expect(typeOf('sco')).toContain('<https://schema.org/Organization>');
    expect(typeOf('three-nos')).toContain('<http://www.w3.org/2004/02/skos/core#Concept>');
  });
});

describe('names in other languages', () => {
  it('are language-tagged literals in RDF', async () => {
    // Each row of entity_names tags its name with the row's language, its romanisation with Latn.
    const nquads = await nquadsOf('entity_names');
    expect(nquads).toContain('"胡春华"@zh');
    expect(nquads).toContain('"Андрей Денисов"@ru');
    expect(nquads).toContain('"Hú Chūnhuá"@zh-latn');
  });
});

describe('the JSON-LD nodes written straight from the rows', () => {
  const asStringified = (table: TableSchema, rows: Row[], dataset: DatasetSchema, texts: (id: string) => IndexedText | undefined): void => {
    const write = nodeWriter(table, dataset, texts);
    for (const row of rows) {
      const want = JSON.stringify(jsonldNode(table, row, dataset, texts), null, 2).replaceAll('\n', '\n    ');
      expect(write(row), `${table.name} ${JSON.stringify(row).slice(0, 80)}`).toBe(want);
    }
  };

  it('are the text JSON.stringify makes of each node, for the edge fixture and the generated table', () => {
    for (const t of EDGE_SCHEMA.tables) asStringified(t, EDGE.data[t.name] ?? [], EDGE_SCHEMA, () => EDGE.text);
    asStringified(STREAM_TABLE, streamRows(0, 500), streamDataset(SCHEMA), () => STREAM_SOURCE_TEXT);
  });

  it('are the text JSON.stringify makes for any text: quotes, backslashes, controls, lone surrogates, astral characters', () => {
    const table = STREAM_TABLE;
    const dataset = streamDataset(SCHEMA);
    const base = streamRows(1, 2)[0]!;
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.array(fc.string({ unit: 'binary-ascii' }), { maxLength: 3 }), (note, id, tags) => {
        const row = { ...base, note, item_id: id || 'x', tags, evidence: note };
        asStringified(table, [row], dataset, () => STREAM_SOURCE_TEXT);
      }),
      { numRuns: 300, seed: 8 },
    );
    const odd = ['\ud800', 'a\udfffb', '"\\"', '\u0000\u001f\u007f', '\u2028\u2029', '🐉'];
    asStringified(table, odd.map((note) => ({ ...base, note, evidence: note })), dataset, () => STREAM_SOURCE_TEXT);
  });
});

describe('text handed to a sink piece by piece', () => {
  it('gives the bytes of the whole text encoded at once, however the pieces and flushes fall', async () => {
    const pieces = Array.from({ length: 3_000 }, (_, i) => `${'a'.repeat(i % 97)}胡𠀀\u{d800}Ж${i}\r\n`.repeat(1 + (i % 5)));
    const want = new TextEncoder().encode(pieces.join(''));
    for (const every of [1, 7, 1_000, Infinity]) {
      const sink = memorySink();
      const text = new TextSink(sink);
      for (const p of pieces) text.add(p);
      for (let i = 0; i < pieces.length; i += Number.isFinite(every) ? every : pieces.length) await text.flush();
      await text.close();
      expect(Buffer.from(sink.bytes()).equals(Buffer.from(want)), `flush every ${every}`).toBe(true);
    }
  });
});
