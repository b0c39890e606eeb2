import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousRelease } from '../pipeline/export/changelog.ts';
import { FORMATS } from '../pipeline/export/formats.ts';
import { runExport } from '../pipeline/export/stage.ts';
import { PipelineError } from '../pipeline/lib/errors.ts';
import { arrowCell, readArrow, readCsv, readJsonld, readParquetTable } from './load.ts';
import { sha256, sourceIds } from '../pipeline/lib/sources.ts';
import { ARTICLE, ARTICLE_ID, buildInto, context, copySources, pySlice, ROOT, SCHEMA, snapshot, tempPaths } from './helpers.ts';

const paths = tempPaths();
let releaseDir = '';
let lines: string[] = [];
const article = readFileSync(ARTICLE, 'utf8');

beforeAll(async () => {
  ({ releaseDir, lines } = await buildInto(paths));
});

describe('a full build of the article', () => {
  it('reports each stage with what it read, wrote and how long it took', () => {
    expect(lines).toHaveLength(7);
    const n = sourceIds(paths.sources, ROOT).length;
    // The article's chronology has 39 findings (its period and 38 entries); other sources add theirs.
    const chronology = Number(/chronology\.jsonl \((\d+)\)/.exec(lines[0]!)?.[1]);
    expect(n > 1 ? chronology > 39 : chronology === 39).toBe(true);
    expect(lines[0]).toMatch(new RegExp(String.raw`^extract: read ${n} source\(s\) from sources\/ \(0 unchanged, ${n} extracted\); wrote .*chronology\.jsonl \(\d+\).* in \d+ ms$`));
    expect(lines[1]).toMatch(new RegExp(String.raw`^normalize: read ${n} source\(s\) .*\(0 unchanged, ${n} normalized\); tables over all sources made; wrote .*events \(\d+\).*claims \(\d+\).*conflicts \(\d+\).* in \d+ ms$`));
    // Every name is resolved but one: "Russia's early warning system", a short form of the Chinese system's
    // name that another state qualifies, is left for a curator; the rest is the article's one never-closed
    // quotation and figures (see test/claims.test.ts).
    expect(lines[2]).toMatch(
      /^normalize: curator list .*curator-list\.jsonl: \d+ item\(s\) — 1 ambiguous short form\(s\), 0 original-language name\(s\) with no registry entity, 0 bad parenthesis shape\(s\), 0 gazetteer miss\(es\), 0 registry entr\(ies\) no source mentions, 1 unclosed and \d+ unattributed quotation\(s\), \d+ number\(s\) with an unknown unit, \d+ number\(s\) with no subject, 0 chronology entr\(ies\) outside the period, out of order or cut mid-link$/,
    );
    expect(lines[3]).toMatch(/^normalize: coverage \d+\/\d+ sentences .* quotations \d+\/\d+ attributed; .*; wrote .*coverage\.json$/);
    expect(lines[4]).toMatch(new RegExp(String.raw`^export: read sources \(${n}\), events \(\d+\), .*re-sliced \d+ spans; wrote .*${SCHEMA.version.replace(/\./g, '\\.')}\/ \(\d+ files, \d+ bytes\) in \d+ ms$`));
    expect(lines[5]).toMatch(/^export: writers csv=\d+ms arrow=\d+ms parquet=\d+ms jsonld=\d+ms xlsx=\d+ms sqlite=\d+ms page=\d+ms$/);
    expect(lines[6]).toMatch(/^build: done in \d+ ms, peak RSS \d+ MiB$/);
    expect(lines.join('\n')).not.toContain(ROOT);
  });

  it('releases every table in four formats with its CSVW sidecar, a workbook, every metadata file, README and checksums', () => {
    const names = [...snapshot(releaseDir).keys()].sort();
    const tables = SCHEMA.tables;
    // Every format of the list, once per table or once for the dataset, and the metadata files.
    expect(names.filter((n) => !n.includes('/'))).toEqual(
      [
        ...tables.flatMap((t) => [...FORMATS.filter((f) => f.scope === 'table').map((f) => f.fileName(SCHEMA, t)), `${t.name}.csv-metadata.json`]),
        ...FORMATS.filter((f) => f.scope === 'dataset').map((f) => f.fileName(SCHEMA)),
        'croissant.json', 'schema-org.jsonld', 'CITATION.cff', 'README.md', 'SHA256SUMS', 'datapackage.json', 'verify.py', 'changes.csv',
        // What the release says of itself; precision.json once the version is audited.
        'coverage.json', 'curator-list.csv', ...(existsSync(path.join(ROOT, 'audit', SCHEMA.version)) ? ['precision.json'] : []),
      ].sort(),
    );
    expect(FORMATS.map((f) => f.id)).toEqual(['csv', 'arrow', 'parquet', 'jsonld', 'xlsx', 'sqlite', 'page']);
    // The page's data parts, and the source text it quotes.
    expect(names.filter((n) => n.startsWith('page/')).length).toBeGreaterThan(5);
    // Every source's text, whatever number of sources the repository holds.
    expect(names.filter((n) => n.startsWith('sources/'))).toEqual(sourceIds(paths.sources, ROOT).map((id) => `sources/${id}.txt`));
    expect(names).toContain(`sources/${ARTICLE_ID}.txt`);
    expect(path.basename(releaseDir)).toBe(SCHEMA.version);
  });

  it('makes one event per chronology entry, counted independently of the extractor', () => {
    const chronology = article.slice(article.indexOf('CHRONOLOGY OF'));
    const entries = chronology.split('\n').filter((l) => /^[A-Z][a-z]+\.? \d{1,2}(, \d{4})?([-–]([A-Z][a-z]+\.? )?\d{1,2})?, \d{4}: /.test(l));
    const events = readCsv(path.join(releaseDir, 'events.csv')).filter((e) => e.section === 'chronology' && e.source_id === ARTICLE_ID);
    expect(events).toHaveLength(entries.length);
    expect(events.map((e) => e.date_label)).toEqual(entries.map((l) => l.slice(0, l.indexOf(':'))));
  });

  it('gives every record of every table a span that re-slices, by code points, to its evidence', () => {
    let n = 0;
    // Each row against its own source's text, as the release ships it.
    const texts = new Map<string, string>();
    const textOf = (id: string): string => {
      if (!texts.has(id)) texts.set(id, readFileSync(path.join(releaseDir, 'sources', `${id}.txt`), 'utf8'));
      return texts.get(id)!;
    };
    for (const t of SCHEMA.tables) {
      for (const row of readCsv(path.join(releaseDir, `${t.name}.csv`))) {
        expect(pySlice(textOf(row.source_id!), Number(row.span_start), Number(row.span_end))).toBe(row.evidence!);
        n++;
      }
    }
    // Every table has rows, and the export's own count agrees with this one.
    expect(lines[4]).toContain(`re-sliced ${n} spans`);
  });

  it('reads the dates, types and text of known entries correctly', () => {
    const events = readCsv(path.join(releaseDir, 'events.csv'));
    const byLabel = (l: string) => events.find((e) => e.date_label === l)!;
    expect(byLabel('Oct. 31-Nov. 1, 2019')).toMatchObject({ date_start: '2019-10-31', date_end: '2019-11-01', date_precision: 'day', date_edtf: '2019-10-31/2019-11-01' });
    expect(byLabel('Sept. 16–18, 2019')).toMatchObject({ date_start: '2019-09-16', date_end: '2019-09-18', event_type: 'visit' });
    expect(byLabel('Dec. 19, 2019')).toMatchObject({ event_type: 'phone_call', event_type_cue: 'telephone talks' });
    expect(byLabel('Dec. 16, 2019').event_type).toBe('un_proposal');
    expect(byLabel('Sept. 16–21, 2019').description).toContain('conducted the Center-2019 (Центр-2019) military exercise');
    expect(byLabel('Sept. 5, 2019').description).toContain('Hu Chunhua (胡春华)');
    expect(events.every((e) => !/\]\(#\)|\\\$/.test(e.description!))).toBe(true);
    expect(events.filter((e) => e.section === 'chronology').every((e) => e.date_year_inferred === 'false')).toBe(true);
  });

  it('holds the same records and values in CSV, Arrow, Parquet and JSON-LD', () => {
    for (const t of SCHEMA.tables) {
      const csv = readCsv(path.join(releaseDir, `${t.name}.csv`));
      const arrow = readArrow(path.join(releaseDir, `${t.name}.arrow`));
      const parquet = readParquetTable(path.join(releaseDir, `${t.name}.parquet`));
      const graph = readJsonld(path.join(releaseDir, `${t.name}.jsonld`))['@graph'];
      expect(arrow.numRows).toBe(csv.length);
      expect(parquet.numRows).toBe(csv.length);
      expect(graph).toHaveLength(csv.length);
      csv.forEach((row, i) => {
        const a = arrow.get(i)!.toJSON();
        const p = parquet.get(i)!.toJSON();
        const node = graph[i]!;
        const derived = node['prov:wasDerivedFrom'] as { 'oa:hasSelector': Record<string, unknown>[] };
        for (const f of t.fields) {
          expect(arrowCell(a[f.name], f), `${t.name}[${i}].${f.name} arrow`).toBe(row[f.name]);
          expect(arrowCell(p[f.name], f), `${t.name}[${i}].${f.name} parquet`).toBe(row[f.name]);
        }
        // JSON-LD: plain fields on the node, foreign keys as IRIs, provenance in the selectors.
        for (const f of t.fields) {
          const fk = t.foreign_keys.find((k) => k.fields[0] === f.name);
          let v: unknown = node[f.name];
          if (f.name === 'span_start' || f.name === 'span_end') v = derived['oa:hasSelector'][0]![f.name];
          else if (f.name === 'evidence') v = derived['oa:hasSelector'][1]!.evidence;
          else if (f.name === 'extractor') v = (node['prov:wasGeneratedBy'] as Record<string, unknown>).extractor;
          else if (fk && v !== undefined) v = decodeURIComponent(String(v).replace(`${SCHEMA.iri_base}${fk.reference.resource}/`, ''));
          else if (f.language_field && v !== undefined) v = (v as { '@value': unknown })['@value']; // a value tagged with its row's language
          expect(arrowCell(v, { type: 'string', separator: f.separator }), `${t.name}[${i}].${f.name} jsonld`).toBe(row[f.name]);
        }
      });
    }
  });

  it('is byte-identical when built again, and identical to the release committed in dist/', async () => {
    const second = tempPaths();
    const { releaseDir: again } = await buildInto(second);
    expect(snapshot(again)).toEqual(snapshot(releaseDir));
    // Beside the release before it, as in dist/, whose changes.csv compares with it.
    const third = tempPaths();
    const previous = previousRelease(path.join(ROOT, 'dist', SCHEMA.name), SCHEMA.version);
    if (previous) cpSync(previous, path.join(third.dist, SCHEMA.name, path.basename(previous)), { recursive: true });
    const { releaseDir: beside } = await buildInto(third);
    const committed = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);
    expect(snapshot(committed)).toEqual(snapshot(beside));
  });

  it('leaves an identical release alone, and never exports an edited stage output', async () => {
    const before = snapshot(paths.dist);
    const ctx = context(paths);
    expect((await runExport(ctx)).outcome).toBe('unchanged');
    // An output that is not what its manifest recorded is made again, not used.
    const events = path.join(paths.build, 'normalize', ARTICLE_ID, 'events.jsonl');
    writeFileSync(events, readFileSync(events, 'utf8').replace('Hu Chunhua', 'Hu Chun-hua'));
    const again = context(paths);
    expect((await runExport(again)).outcome).toBe('unchanged');
    expect(again.lines.find((l) => l.startsWith('normalize: read'))).toContain(`(${sourceIds(paths.sources, ROOT).length - 1} unchanged, 1 normalized)`);
    expect(readFileSync(events, 'utf8')).toContain('Hu Chunhua');
    expect(snapshot(paths.dist)).toEqual(before);
  });

  it('refuses to change a released version when a source changes', async () => {
    const sources = copySources([path.join(ROOT, 'sources', ARTICLE_ID), path.join(ROOT, 'sources', 'registry')]);
    const meta = path.join(sources, ARTICLE_ID, 'source.yaml');
    const yaml = readFileSync(meta, 'utf8');
    const file = path.join(sources, ARTICLE_ID, path.basename(ARTICLE));
    const bytes = Buffer.from(readFileSync(file, 'utf8').replace('Hu Chunhua', 'Hu Chun-hua'));
    writeFileSync(file, bytes);
    writeFileSync(meta, yaml.replace(/^sha256: .*$/m, `sha256: ${sha256(bytes)}`).replace(/^bytes: .*$/m, `bytes: ${bytes.length}`));
    const before = snapshot(paths.dist);
    try {
      await runExport(context({ ...paths, sources }));
      throw new Error('expected release/immutable');
    } catch (e) {
      expect((e as PipelineError).code).toBe('release/immutable');
      expect((e as Error).message).toContain('events.csv (changed)');
      expect((e as Error).message).toContain('new version');
    }
    expect(snapshot(paths.dist)).toEqual(before);
  });
});

afterAll(() => undefined);
