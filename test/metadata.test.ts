import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CROISSANT_CONFORMS_TO, CROISSANT_CONTEXT, CROISSANT_TYPES } from '../pipeline/export/croissant.ts';
import { dataFiles } from '../pipeline/export/datapackage.ts';
import { sha256 } from '../pipeline/lib/sources.ts';
import type { DatasetSchema, TableSchema } from '../pipeline/lib/schema.ts';
import { EDGE_SCHEMA, edgeRelease } from './edge.ts';
import { ROOT, SCHEMA } from './helpers.ts';
import { readCsv } from './load.ts';

type Json = Record<string, any>;

const offline = async (url: string): Promise<never> => {
  throw new Error(`refusing to fetch ${url}`);
};

const releases: { label: string; schema: DatasetSchema; dir: string }[] = [
  { label: 'the release', schema: SCHEMA, dir: path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version) },
  { label: 'the edge fixture', schema: EDGE_SCHEMA, dir: '' },
];

beforeAll(async () => {
  releases[1]!.dir = (await edgeRelease()).dir;
});

const CSVW_BASE: Record<string, string> = { string: 'string', integer: 'integer', number: 'double', boolean: 'boolean', date: 'date' };
const csvwBase = (d: string | Json): string => (typeof d === 'string' ? d : d.base);

for (const rel of releases) {
  describe(`every metadata file agrees with the schema, the others and the files: ${rel.label}`, () => {
    const read = (name: string): Buffer => readFileSync(path.join(rel.dir, name));
    const json = (name: string): Json => JSON.parse(read(name).toString('utf8'));
    let dp: Json, croissant: Json, schemaOrg: Json, cff: Json;
    const csvw = (t: TableSchema): Json => json(`${t.name}.csv-metadata.json`);
    beforeAll(() => {
      dp = json('datapackage.json');
      croissant = json('croissant.json');
      schemaOrg = json('schema-org.jsonld');
      cff = parseYaml(read('CITATION.cff').toString('utf8'), { schema: 'core' });
    });

    it('SHA256SUMS covers every other file of the release with its true hash', () => {
      const sums = read('SHA256SUMS').toString('utf8').trim().split('\n').map((l) => l.split('  '));
      const listed = sums.map(([, n]) => n).sort();
      const all = readdirSync(rel.dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(rel.dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
      expect(listed).toEqual(all.filter((n) => n !== 'SHA256SUMS').sort());
      for (const [hash, name] of sums) expect(sha256(read(name!)), name).toBe(hash);
    });

    it('datapackage.json, croissant.json and schema-org.jsonld list the same data files with their true sizes, hashes and media types', () => {
      const files = dataFiles(rel.schema);
      const truth = files.map((f) => ({ path: f.path, bytes: read(f.path).length, sha256: sha256(read(f.path)), mediatype: f.mediatype }));
      // datapackage.json lists the quality files too (coverage, curator list, precision), after the data files.
      const quality = new Set(['coverage.json', 'curator-list.csv', 'precision.json']);
      expect(dp.resources.filter((r: Json) => !quality.has(r.path)).map((r: Json) => ({ path: r.path, bytes: r.bytes, sha256: r.hash.replace('sha256:', ''), mediatype: r.mediatype }))).toEqual(truth);
      for (const r of dp.resources.filter((x: Json) => quality.has(x.path))) expect([r.bytes, r.hash]).toEqual([read(r.path).length, `sha256:${sha256(read(r.path))}`]);
      expect(croissant.distribution.map((d: Json) => ({ path: d.contentUrl, bytes: Number.parseInt(d.contentSize, 10), sha256: d.sha256, mediatype: d.encodingFormat }))).toEqual(truth);
      expect(schemaOrg.distribution.map((d: Json) => ({ path: d.contentUrl, bytes: Number.parseInt(d.contentSize, 10), sha256: d.sha256, mediatype: d.encodingFormat }))).toEqual(truth);
      for (const d of croissant.distribution) {
        expect(d['@type']).toBe('cr:FileObject');
        expect(d['@id']).toBe(d.name);
        expect(d.contentSize).toMatch(/^\d+ B$/);
      }
    });

    it('all say the same name, title, version, release day and licence', () => {
      const s = rel.schema;
      expect([dp.name, croissant.name, schemaOrg.alternateName]).toEqual([s.name, s.name, s.name]);
      expect([dp.title, croissant.alternateName, schemaOrg.name, cff.title]).toEqual([s.title, s.title, s.title, s.title]);
      expect([dp.version, croissant.version, schemaOrg.version, cff.version]).toEqual([s.version, s.version, s.version, s.version]);
      expect([croissant.datePublished, schemaOrg.datePublished, cff['date-released']]).toEqual([s.released, s.released, s.released]);
      expect([dp.licenses[0].path, croissant.license, schemaOrg.license]).toEqual([s.license.path, s.license.path, s.license.path]);
      expect([dp.licenses[0].name, cff.license]).toEqual([s.license.name, s.license.name]);
    });

    for (const t of rel.schema.tables) {
      it(`${t.name}: the same fields in the same order, with matching types and list separators, in every descriptor`, () => {
        const names = t.fields.map((f) => f.name);
        const resource = dp.resources.find((r: Json) => r.name === t.name);
        const columns = csvw(t).tableSchema.columns as Json[];
        const recordSet = croissant.recordSet.find((r: Json) => r['@id'] === t.name);
        expect(resource.schema.fields.map((f: Json) => f.name)).toEqual(names);
        expect(columns.map((c) => c.name)).toEqual(names);
        expect(columns.map((c) => c.titles)).toEqual(names);
        expect(recordSet.field.map((f: Json) => f.name)).toEqual(names);
        expect(recordSet.field.map((f: Json) => f['@id'])).toEqual(names.map((n) => `${t.name}/${n}`));
        expect(recordSet.field.map((f: Json) => f.source.extract.column)).toEqual(names);
        expect(recordSet.field.every((f: Json) => f.source.fileObject['@id'] === `${t.name}.csv`)).toBe(true);
        expect(schemaOrg.variableMeasured.filter((v: Json) => v.name.startsWith(`${t.name}.`)).map((v: Json) => v.name)).toEqual(names.map((n) => `${t.name}.${n}`));
        // The CSV header is what CSVW's titles and Croissant's columns name.
        expect(read(`${t.name}.csv`).toString('utf8').split('\r\n')[0]).toBe(names.join(','));
        t.fields.forEach((f, i) => {
          const dpField = resource.schema.fields[i];
          const column = columns[i]!;
          const crField = recordSet.field[i];
          expect(csvwBase(column.datatype), f.name).toBe(CSVW_BASE[f.type]);
          expect(crField.dataType, f.name).toBe(CROISSANT_TYPES[f.type]);
          expect(column.required, f.name).toBe(f.required);
          expect(Boolean(dpField.constraints?.required), f.name).toBe(f.required);
          if (f.separator !== undefined) {
            expect(dpField, f.name).toMatchObject({ type: 'string', separator: f.separator });
            expect(column.separator, f.name).toBe(f.separator);
            expect(crField, f.name).toMatchObject({ isArray: true, source: { transform: { separator: f.separator } } });
          } else {
            expect(dpField.type, f.name).toBe(f.type);
            expect(column.separator, f.name).toBeUndefined();
            expect(crField.isArray, f.name).toBeUndefined();
          }
          expect(schemaOrg.variableMeasured.find((v: Json) => v.name === `${t.name}.${f.name}`).propertyID).toBe(column.propertyUrl);
        });
      });

      it(`${t.name}: the same primary and foreign keys in every descriptor`, () => {
        const resource = dp.resources.find((r: Json) => r.name === t.name);
        const meta = csvw(t);
        const recordSet = croissant.recordSet.find((r: Json) => r['@id'] === t.name);
        expect(resource.schema.primaryKey).toEqual(t.primary_key);
        expect([meta.tableSchema.primaryKey].flat()).toEqual(t.primary_key);
        expect(recordSet.key.map((k: Json) => k['@id'])).toEqual(t.primary_key.map((k) => `${t.name}/${k}`));
        expect(resource.schema.foreignKeys ?? []).toEqual(t.foreign_keys);
        expect((meta.tableSchema.foreignKeys ?? []).map((fk: Json) => ({
          fields: [fk.columnReference].flat(),
          reference: { resource: fk.reference.resource.replace(/\.csv$/, ''), fields: [fk.reference.columnReference].flat() },
        }))).toEqual(t.foreign_keys);
        const references = recordSet.field.filter((f: Json) => f.references).map((f: Json) => [f.name, f.references['@id']]);
        const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
        expect([...references].sort(byName)).toEqual(t.foreign_keys.map((fk) => [fk.fields[0], `${fk.reference.resource}/${fk.reference.fields[0]}`]).sort(byName));
        // Every reference and key names a field that exists.
        const ids = new Set(croissant.recordSet.flatMap((r: Json) => r.field.map((f: Json) => f['@id'])));
        for (const [, target] of references) expect(ids.has(target)).toBe(true);
      });

      it(`${t.name}: CSVW aboutUrl and valueUrl give each row and each foreign key the IRI its JSON-LD record has`, () => {
        const meta = csvw(t);
        const expand = (template: string, row: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(row[k]!));
        const rows = readCsv(path.join(rel.dir, `${t.name}.csv`));
        const graph = json(`${t.name}.jsonld`)['@graph'] as Json[];
        rows.forEach((row, i) => {
          expect(expand(meta.tableSchema.aboutUrl, row)).toBe(graph[i]!['@id']);
          for (const column of meta.tableSchema.columns as Json[]) {
            if (column.valueUrl && row[column.name]) expect(expand(column.valueUrl, row)).toBe(graph[i]![column.name]);
          }
        });
        expect(meta.url).toBe(`${t.name}.csv`);
        expect(meta['@context'][0]).toBe('http://www.w3.org/ns/csvw');
        expect(meta.dialect).toMatchObject({ encoding: 'utf-8', header: true, lineTerminators: ['\r\n'] });
      });
    }

    it('croissant.json has what Croissant 1.1 requires, and every id is unique', () => {
      expect(croissant['@context']).toEqual(CROISSANT_CONTEXT);
      expect(croissant['@type']).toBe('sc:Dataset');
      expect(croissant.conformsTo).toBe(CROISSANT_CONFORMS_TO);
      for (const key of ['name', 'description', 'license', 'url', 'creator', 'datePublished', 'distribution', 'recordSet']) expect(croissant[key], key).toBeTruthy();
      expect(croissant.citeAs).toMatch(/^@misc\{/);
      const ids = [...croissant.distribution, ...croissant.recordSet, ...croissant.recordSet.flatMap((r: Json) => r.field)].map((x: Json) => x['@id']);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('schema-org.jsonld covers time and place from the schema and the data, and is based on the source articles', () => {
      const ref = rel.schema.temporal_coverage;
      const values = (r: typeof ref.start): string[] => readCsv(path.join(rel.dir, `${r.table}.csv`)).map((x) => x[r.field]!).filter(Boolean).sort();
      expect(schemaOrg.temporalCoverage).toBe(`${values(ref.start)[0]}/${values(ref.end).at(-1)}`);
      expect(schemaOrg.spatialCoverage.map((p: Json) => [p.name, p.identifier.value, p.sameAs])).toEqual(
        rel.schema.spatial_coverage.map((p) => [p.name, p.iso3166, `https://sws.geonames.org/${p.geonames}/`]),
      );
      expect(schemaOrg.isBasedOn.length).toBeGreaterThan(0);
      for (const a of schemaOrg.isBasedOn) expect(a['@type']).toBe('ScholarlyArticle');
    });

    it('CITATION.cff is Citation File Format 1.2.0 for the dataset, citing each source article', () => {
      // Keys and types as the CFF 1.2.0 schema.json allows them (it forbids any other key).
      expect(Object.keys(cff).every((k) => ['cff-version', 'message', 'type', 'title', 'version', 'date-released', 'abstract', 'authors', 'repository-code', 'license', 'keywords', 'references'].includes(k))).toBe(true);
      expect(cff).toMatchObject({ 'cff-version': '1.2.0', type: 'dataset' });
      expect(cff['date-released']).toMatch(/^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])$/);
      expect(cff.authors).toEqual(rel.schema.creators.map((c) => ({ name: c.name })));
      for (const ref of cff.references) {
        expect(Object.keys(ref).every((k) => ['type', 'title', 'authors', 'journal', 'volume', 'issue', 'start', 'end', 'year', 'month', 'publisher', 'url', 'notes'].includes(k))).toBe(true);
        expect(ref.type).toBe('article');
        expect(ref.authors.length).toBeGreaterThan(0);
        for (const a of ref.authors) expect(typeof a['family-names']).toBe('string');
        for (const k of ['volume', 'start', 'end', 'year']) if (k in ref) expect(Number.isInteger(ref[k]), k).toBe(true);
        if ('month' in ref) expect(ref.month >= 1 && ref.month <= 12).toBe(true);
      }
    });

    it('croissant.json and schema-org.jsonld are JSON-LD that expands offline', async () => {
      for (const name of ['croissant.json', 'schema-org.jsonld']) {
        const expanded = await jsonld.expand(json(name), { documentLoader: offline as never, base: `file://${path.join(rel.dir, name)}` });
        expect(expanded.length, name).toBe(1);
      }
    });
  });
}

describe('the sources table and the citation metadata say the same', () => {
  const dir = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);
  it('titles, authors and ids of the articles agree with sources.csv', () => {
    if (!existsSync(path.join(dir, 'sources.csv'))) throw new Error('no sources table in the release');
    const sources = readCsv(path.join(dir, 'sources.csv'));
    const cff = parseYaml(readFileSync(path.join(dir, 'CITATION.cff'), 'utf8'));
    const schemaOrg = JSON.parse(readFileSync(path.join(dir, 'schema-org.jsonld'), 'utf8'));
    const sep = SCHEMA.tables.find((t) => t.name === 'sources')!.fields.find((f) => f.name === 'authors')!.separator!;
    expect(cff.references.map((r: Json) => r.title)).toEqual(sources.map((s) => s.title));
    expect(cff.references.map((r: Json) => r.authors.map((a: Json) => `${a['family-names']} ${a['given-names']}`).join(sep))).toEqual(sources.map((s) => s.authors));
    expect(schemaOrg.isBasedOn.map((a: Json) => a.author.map((p: Json) => p.name).join(sep))).toEqual(sources.map((s) => s.authors));
    const graph = JSON.parse(readFileSync(path.join(dir, 'sources.jsonld'), 'utf8'))['@graph'];
    expect(schemaOrg.isBasedOn.map((a: Json) => a['@id'])).toEqual(graph.map((n: Json) => n['@id']));
  });
});
