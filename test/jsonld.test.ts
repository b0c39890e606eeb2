import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { PREFIXES } from '../pipeline/export/jsonld.ts';
import { ROOT, SCHEMA } from './helpers.ts';
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
