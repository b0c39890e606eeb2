import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetFacts, describeDataset, periodInWords, statePlace } from '../pipeline/export/describe.ts';
import { loadSchema } from '../pipeline/lib/schema.ts';
import { loadSource, parseSourceSelection, selectedSourceIds } from '../pipeline/lib/sources.ts';
import { ARTICLE_ID, buildInto, codeOf, copySources, errorOf, FIXTURES, pySlice, ROOT, SCHEMA, tempDir, tempPaths } from './helpers.ts';
import { readCsv } from './load.ts';
import { readmeSnippet } from './readme.ts';
import { PYTHON } from './tools.ts';

const DATASETS = path.join(ROOT, 'test', 'fixtures', 'datasets');
/** Chapters written for the tests in the journal's style, on two relationships other than the article's. */
const CHAPTERS = ['au-id-2017-fixture', 'jp-kr-2018-fixture', 'jp-kr-2019-fixture'].map((id) => path.join(DATASETS, 'sources', id));
const ARTICLE_DIR = path.join(ROOT, 'sources', ARTICLE_ID);
const REGISTRY = path.join(ROOT, 'sources', 'registry');

/** The repository's schema folder with another dataset.yaml: a second dataset over the same tables. */
function schemaWith(datasetYaml: string): string {
  const dir = path.join(tempDir('crr-schema-'), 'schema');
  cpSync(path.join(ROOT, 'schema'), dir, { recursive: true });
  cpSync(datasetYaml, path.join(dir, 'dataset.yaml'));
  return dir;
}

const json = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('a dataset that selects its sources by relationship and is described by them', () => {
  let release = '';
  beforeAll(async () => {
    const sources = copySources([ARTICLE_DIR, REGISTRY, ...CHAPTERS]);
    const paths = { ...tempPaths(sources), schema: schemaWith(path.join(DATASETS, 'japan-korea', 'dataset.yaml')) };
    release = (await buildInto(paths)).releaseDir;
  });

  it('holds the sources of its relationship and leaves out the article and the other relationship', () => {
    expect(path.relative(path.dirname(path.dirname(release)), release)).toBe(path.join('japan-korea-relations', '1.0.0'));
    expect(readCsv(path.join(release, 'sources.csv')).map((s) => s.source_id)).toEqual(['jp-kr-2018-fixture', 'jp-kr-2019-fixture']);
    for (const table of SCHEMA.tables) {
      const ids = new Set(readCsv(path.join(release, `${table.name}.csv`)).map((r) => r.source_id));
      expect([...ids].filter((id) => !id!.startsWith('jp-kr-')), table.name).toEqual([]);
    }
    const events = readCsv(path.join(release, 'events.csv')).filter((e) => e.section === 'chronology');
    expect(events.map((e) => [e.source_id, e.date_start])).toEqual([
      ['jp-kr-2018-fixture', '2018-01-22'], ['jp-kr-2018-fixture', '2018-02-14'], ['jp-kr-2018-fixture', '2018-03-08'], ['jp-kr-2018-fixture', '2018-04-19'],
      ['jp-kr-2019-fixture', '2019-05-10'], ['jp-kr-2019-fixture', '2019-06-03'], ['jp-kr-2019-fixture', '2019-07-15'], ['jp-kr-2019-fixture', '2019-08-27'],
    ]);
  });

  it('computes its title from the relationship and the time its events span, and every metadata file carries it', () => {
    const title = 'Japan–South Korea Relations, January 2018–August 2019: events, people, places, figures and quotes with provenance';
    expect(json(path.join(release, 'datapackage.json')).title).toBe(title);
    expect(json(path.join(release, 'schema-org.jsonld')).name).toBe(title);
    expect(json(path.join(release, 'croissant.json')).alternateName).toBe(title);
    expect((parse(readFileSync(path.join(release, 'CITATION.cff'), 'utf8')) as { title: string }).title).toBe(title);
    expect(readFileSync(path.join(release, 'README.md'), 'utf8').split('\n')[0]).toBe(`# ${title}`);
    expect(readFileSync(path.join(release, 'index.html'), 'utf8')).toContain(`<h1>${title}</h1>`);
  });

  it('computes its description from each source\'s citation and chronology period', () => {
    const description = json(path.join(release, 'datapackage.json')).description as string;
    expect(description).toMatch(/^Events, people, places, organizations, figures, quotes and terms of Japan–South Korea relations taken from 2 sources: /);
    expect(description).toContain('Haruna Velle, "Japan-Korea Relations: A Thaw on the Strait, for Now", Test Connections Vol. 20, No. 1 (May 2018)');
    expect(description).toContain('Haruna Velle, "Japan-Korea Relations: The Hotline Goes Quiet", Test Connections Vol. 21, No. 1 (September 2019)');
    expect(description).toContain('Their chronologies cover January – April 2018 and May – August 2019.');
    expect(description).not.toMatch(/China|Russia|Australia|Yu Bin/);
    expect((parse(readFileSync(path.join(release, 'CITATION.cff'), 'utf8')) as { abstract: string }).abstract).toBe(description);
  });

  it('computes its temporal coverage from the events and its spatial coverage from the relationship\'s states', () => {
    const org = json(path.join(release, 'schema-org.jsonld'));
    // From the events: "The first months of 2018 brought …" is read as 2018, the widest bound the words allow,
    // and "before the end of summer" (said on June 3, 2019) as a deadline on or before the summer's last day.
    expect(org.temporalCoverage).toBe('2018-01-01/2019-08-31');
    expect((org.spatialCoverage as { name: string; identifier: { value: string }; sameAs: string }[]).map((p) => [p.name, p.identifier.value, p.sameAs])).toEqual([
      ['Japan', 'JP', 'https://sws.geonames.org/1861060/'],
      ['South Korea', 'KR', 'https://sws.geonames.org/1835841/'],
    ]);
  });

  it('computes its keywords from the relationship\'s states and what kind of data it is', () => {
    const keywords = json(path.join(release, 'datapackage.json')).keywords as string[];
    expect(keywords.slice(0, 2)).toEqual(['Japan', 'South Korea']);
    expect(keywords.slice(-4)).toEqual(['international relations', 'event data', 'chronology', 'provenance']);
    expect(keywords).not.toContain('China');
    expect((parse(readFileSync(path.join(release, 'CITATION.cff'), 'utf8')) as { keywords: string[] }).keywords).toEqual(keywords);
  });
});

describe('china-russia-relations keeps what its dataset.yaml fixes', () => {
  it('fixes every described field, so describing it changes nothing', () => {
    expect(SCHEMA.computed).toEqual([]);
    expect(SCHEMA.sources).toEqual({ all: true });
    const facts = new DatasetFacts();
    facts.add('entities', [{ entity_type: 'state', country_alpha3: 'JPN', name_en: 'Japan', mention_count: 99 }]);
    expect(describeDataset(SCHEMA, [], facts, '2001-01-01/2002-02-02')).toBe(SCHEMA);
  });

  it('computes only the fields a dataset.yaml leaves out', () => {
    const dir = schemaWith(path.join(ROOT, 'schema', 'dataset.yaml'));
    const doc = parse(readFileSync(path.join(dir, 'dataset.yaml'), 'utf8')) as Record<string, unknown>;
    delete doc.keywords;
    delete doc.spatial_coverage;
    writeFileSync(path.join(dir, 'dataset.yaml'), JSON.stringify(doc));
    const schema = loadSchema(dir, ROOT);
    expect(schema.computed).toEqual(['spatial_coverage', 'keywords']);
    const article = loadSource(ARTICLE_DIR, ROOT).meta;
    const facts = new DatasetFacts();
    facts.add('entities', [
      { entity_type: 'state', country_alpha3: 'USA', name_en: 'United States', mention_count: 30 },
      { entity_type: 'state', country_alpha3: 'RUS', name_en: 'Russia', mention_count: 90 },
      { entity_type: 'person', country_alpha3: 'CHN', name_en: 'Xi Jinping', mention_count: 500 },
      { entity_type: 'state', country_alpha3: 'CHN', name_en: 'China', mention_count: 80 },
    ]);
    const described = describeDataset(schema, [article], facts, '2019-09-05/2019-12-30');
    expect(described.title).toBe(SCHEMA.title);
    expect(described.description).toBe(SCHEMA.description);
    // The article declares its relationship, so the states come from it, in its order.
    expect(described.spatial_coverage).toEqual(SCHEMA.spatial_coverage);
    // Other states by their entity's name, the name the tables give them.
    expect(described.keywords).toEqual(['China', 'Russia', 'United States', 'international relations', 'event data', 'chronology', 'provenance']);
  });

  it('takes the two states mentioned most when no source declares a relationship', () => {
    const schema = { ...SCHEMA, computed: ['title' as const] };
    const article = { ...loadSource(ARTICLE_DIR, ROOT).meta, relationship: undefined };
    const facts = new DatasetFacts();
    facts.add('entities', [
      { entity_type: 'state', country_alpha3: 'USA', name_en: 'United States', mention_count: 30 },
      { entity_type: 'state', country_alpha3: 'RUS', name_en: 'Russia', mention_count: 90 },
      { entity_type: 'state', country_alpha3: 'CHN', name_en: 'China', mention_count: 90 },
    ]);
    expect(describeDataset(schema, [article], facts, '2019-09-05/2019-12-30').title).toBe('China–Russia Relations, September–December 2019: events, people, places, figures and quotes with provenance');
  });

  it('writes a period in words for a month, months of a year, and months of two years', () => {
    expect(periodInWords('2019-09-05/2019-12-30')).toBe('September–December 2019');
    expect(periodInWords('2019-09-05/2019-09-30')).toBe('September 2019');
    expect(periodInWords('2020-12-30/2021-02-01')).toBe('December 2020–February 2021');
    expect(periodInWords(null)).toBeNull();
    expect(statePlace('RUS')).toEqual({ name: 'Russia', iso3166: 'RU', geonames: 2017370 });
    expect(statePlace('XAA')).toBeNull();
  });
});

describe('a dataset selects its sources', () => {
  const file = 'schema/dataset.yaml';
  it('reads all, a list of ids, or a relationship, and refuses anything else with a coded error', () => {
    expect(parseSourceSelection(undefined, file)).toEqual({ all: true });
    expect(parseSourceSelection('all', file)).toEqual({ all: true });
    expect(parseSourceSelection(['b-2', 'a-1'], file)).toEqual({ ids: ['a-1', 'b-2'] });
    expect(parseSourceSelection({ relationship: ['KOR', 'JPN'] }, file)).toEqual({ relationship: ['KOR', 'JPN'] });
    expect(codeOf(() => parseSourceSelection({ relationship: ['KOR'] }, file))).toBe('schema/invalid');
    expect(codeOf(() => parseSourceSelection({ relationship: ['KOR', 'Korea'] }, file))).toBe('schema/invalid');
    expect(codeOf(() => parseSourceSelection({ country: 'KOR' }, file))).toBe('schema/invalid');
    expect(codeOf(() => parseSourceSelection(['Not An Id'], file))).toBe('schema/invalid');
    expect(codeOf(() => parseSourceSelection([], file))).toBe('schema/invalid');
  });

  it('selects by ids, and names the dataset.yaml when an id has no folder or a relationship no source', () => {
    const sources = copySources([ARTICLE_DIR, REGISTRY, ...CHAPTERS]);
    const schema = path.join(tempDir('crr-schema-'), 'schema');
    cpSync(path.join(ROOT, 'schema', 'dataset.yaml'), path.join(schema, 'dataset.yaml'));
    const paths = { ...tempPaths(sources), schema };
    expect(selectedSourceIds(paths)).toEqual(['au-id-2017-fixture', ARTICLE_ID, 'jp-kr-2018-fixture', 'jp-kr-2019-fixture']);
    const select = (yaml: string): void => writeFileSync(path.join(schema, 'dataset.yaml'), `${readFileSync(path.join(ROOT, 'schema', 'dataset.yaml'), 'utf8')}sources: ${yaml}\n`);
    select('[jp-kr-2019-fixture, cc-21-3-china-russia]');
    expect(selectedSourceIds(paths)).toEqual([ARTICLE_ID, 'jp-kr-2019-fixture']);
    select('{ relationship: [RUS, CHN] }');
    expect(selectedSourceIds(paths)).toEqual([ARTICLE_ID]);
    select('[jp-kr-2020-fixture]');
    let e = errorOf(() => selectedSourceIds(paths));
    expect([e.code, e.details.file, e.details.value]).toEqual(['source/missing-file', path.relative(ROOT, path.join(schema, 'dataset.yaml')), ['jp-kr-2020-fixture']]);
    select('{ relationship: [IND, PAK] }');
    e = errorOf(() => selectedSourceIds(paths));
    expect([e.code, e.details.value]).toEqual(['source/missing-file', ['IND', 'PAK']]);
  });

  it('checks a source\'s relationship: two or more distinct ISO 3166-1 alpha-3 codes', () => {
    const sources = copySources([CHAPTERS[0]!]);
    const meta = path.join(sources, 'au-id-2017-fixture', 'source.yaml');
    const yaml = readFileSync(meta, 'utf8');
    expect(loadSource(path.dirname(meta), ROOT).meta.relationship).toEqual(['AUS', 'IDN']);
    for (const bad of ['[AUS, ABC]', '[AUS]', '[AUS, AUS]', '[AU, ID]', 'Australia-Indonesia']) {
      writeFileSync(meta, yaml.replace('relationship: [AUS, IDN]', `relationship: ${bad}`));
      const e = errorOf(() => loadSource(path.dirname(meta), ROOT));
      expect([bad, e.code, e.details.file]).toEqual([bad, 'source/invalid-metadata', path.relative(ROOT, meta)]);
    }
    writeFileSync(meta, yaml.replace('relationship: [AUS, IDN]', 'relationship: [XAA, XAB]'));
    expect(loadSource(path.dirname(meta), ROOT).meta.relationship).toEqual(['XAA', 'XAB']);
    // A region by the name the journal gives it; any other name is refused.
    writeFileSync(meta, yaml.replace('relationship: [AUS, IDN]', 'relationship: [AUS, Southeast Asia]'));
    expect(loadSource(path.dirname(meta), ROOT).meta.relationship).toEqual(['AUS', 'Southeast Asia']);
    for (const bad of ['[AUS, South East Asia]', '[Southeast Asia, Southeast Asia]']) {
      writeFileSync(meta, yaml.replace('relationship: [AUS, IDN]', `relationship: ${bad}`));
      const e = errorOf(() => loadSource(path.dirname(meta), ROOT));
      expect([bad, e.code]).toEqual([bad, 'source/invalid-metadata']);
    }
  });

  it('describes a relationship with a region by the region\'s name, and covers the region\'s states', () => {
    const schema = { ...SCHEMA, computed: ['title' as const, 'spatial_coverage' as const, 'keywords' as const] };
    const source = { ...loadSource(ARTICLE_DIR, ROOT).meta, relationship: ['USA', 'Southeast Asia'] };
    const facts = new DatasetFacts();
    facts.add('entities', [{ entity_type: 'state', country_alpha3: 'CHN', name_en: 'China', mention_count: 9 }, { entity_type: 'state', country_alpha3: 'PHL', name_en: 'Philippines', mention_count: 30 }]);
    const described = describeDataset(schema, [source], facts, '2014-01-02/2014-04-30');
    // The state by GeoNames' English name, as every relationship names it.
    const us = statePlace('USA')!.name;
    expect(described.title).toBe(`${us}–Southeast Asia Relations, January–April 2014: events, people, places, figures and quotes with provenance`);
    expect(described.spatial_coverage!.map((p) => p.iso3166)).toEqual(['US', 'BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'TL', 'VN']);
    // The region is a keyword as written; a state of it is no "other" state; China, outside it, is.
    expect(described.keywords!.slice(0, 3)).toEqual([us, 'Southeast Asia', 'China']);
    expect(parseSourceSelection({ relationship: ['Southeast Asia', 'USA'] }, 'schema/dataset.yaml')).toEqual({ relationship: ['Southeast Asia', 'USA'] });
    expect(codeOf(() => parseSourceSelection({ relationship: ['USA', 'Asia'] }, 'schema/dataset.yaml'))).toBe('schema/invalid');
  });
});

describe('the article\'s rows do not depend on the other sources beside it', () => {
  let alone = '';
  let many = '';
  let manyDist = '';
  beforeAll(async () => {
    // Both from copies of the folders, so that the two builds differ only in the sources beside the article.
    alone = (await buildInto(tempPaths(copySources([ARTICLE_DIR, REGISTRY])))).releaseDir;
    const paths = tempPaths(copySources([ARTICLE_DIR, REGISTRY, path.join(FIXTURES, 'ardenia-borvia-fixture'), ...CHAPTERS]));
    many = (await buildInto(paths)).releaseDir;
    manyDist = paths.dist;
  });

  it('builds every chapter, each with one event per chronology entry', () => {
    expect(readCsv(path.join(many, 'sources.csv')).map((s) => s.source_id)).toEqual(['ardenia-borvia-fixture', 'au-id-2017-fixture', ARTICLE_ID, 'jp-kr-2018-fixture', 'jp-kr-2019-fixture']);
    const events = readCsv(path.join(many, 'events.csv')).filter((e) => e.section === 'chronology');
    for (const id of ['au-id-2017-fixture', 'jp-kr-2018-fixture', 'jp-kr-2019-fixture']) expect(events.filter((e) => e.source_id === id), id).toHaveLength(4);
  });

  it('gives the article the same rows per table as a build of the article alone', () => {
    for (const table of SCHEMA.tables.filter((t) => t.name !== 'entities')) {
      const own = (dir: string): Record<string, string>[] => readCsv(path.join(dir, `${table.name}.csv`)).filter((r) => r.source_id === ARTICLE_ID);
      const before = own(alone);
      expect(before.length, table.name).toBeGreaterThan(0);
      expect(own(many), table.name).toEqual(before);
    }
  });

  it('keeps every entity the article names, with the same values, whichever source its example mention comes from', () => {
    // The entities table spans the sources: an entity's row quotes its first mention in source-id order, and
    // counts the mentions of every source, so a chapter sorted before the article may give it its span.
    const named = (dir: string): Set<string> => new Set(readCsv(path.join(dir, 'mentions.csv')).filter((m) => m.source_id === ARTICLE_ID).map((m) => m.entity_id!));
    const ids = named(alone);
    expect([...named(many)].sort()).toEqual([...ids].sort());
    const values = (dir: string): Record<string, string>[] =>
      readCsv(path.join(dir, 'entities.csv'))
        .filter((e) => ids.has(e.entity_id!))
        .map(({ mention_count: _n, source_id: _s, span_start: _a, span_end: _b, evidence: _e, ...rest }) => rest);
    const before = values(alone);
    expect(before.length).toBe(readCsv(path.join(alone, 'entities.csv')).filter((e) => e.source_id === ARTICLE_ID).length);
    expect(values(many)).toEqual(before);
  });

  it('re-slices every row of every table against its own source\'s text', () => {
    const texts = new Map<string, string>();
    let n = 0;
    for (const table of SCHEMA.tables) {
      for (const row of readCsv(path.join(many, `${table.name}.csv`))) {
        if (!texts.has(row.source_id!)) texts.set(row.source_id!, readFileSync(path.join(many, 'sources', `${row.source_id}.txt`), 'utf8'));
        expect(pySlice(texts.get(row.source_id!)!, Number(row.span_start), Number(row.span_end))).toBe(row.evidence);
        n++;
      }
    }
    expect(texts.size).toBe(5);
    expect(n).toBeGreaterThan(0);
  });

  it.skipIf(!PYTHON || spawnSync(PYTHON, ['-c', '1']).status !== 0)('runs the README\'s provenance snippet over a release of five sources', () => {
    const run = spawnSync(PYTHON, ['-c', readmeSnippet('provenance')], { cwd: path.dirname(manyDist), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // Every table's rows, and the curator list's items that have a span.
    const rows = SCHEMA.tables.reduce((n, t) => n + readCsv(path.join(many, `${t.name}.csv`)).length, 0) + readCsv(path.join(many, 'curator-list.csv')).filter((c) => c.span_start !== '').length;
    expect(run.stdout.trim()).toBe(`${rows} spans of ${SCHEMA.version} re-slice to their evidence`);
  });
});
