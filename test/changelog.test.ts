/** changes.csv, the version rule, CHANGELOG.md and the authors and repository of CITATION.cff. */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { checkBump, csvRecords, emptySummary, neededBump, openChangelog, previousRelease, versionBump, type ChangeSummary } from '../pipeline/export/changelog.ts';
import { citationCff, datasetCitation } from '../pipeline/export/citation.ts';
import { renderRelease, runExport } from '../pipeline/export/stage.ts';
import { updateDatasetIndex } from '../pipeline/export/versions.ts';
import { PipelineError } from '../pipeline/lib/errors.ts';
import { loadSchema, type DatasetSchema, type Row, type TableSchema } from '../pipeline/lib/schema.ts';
import { EDGE, EDGE_SCHEMA, EDGE_SOURCE } from './edge.ts';
import { context, ROOT, snapshot, tempDir, tempPaths } from './helpers.ts';

const texts = new Map([[EDGE_SOURCE.id, EDGE.text]]);
const work = tempDir('crr-changelog-');
const datasetDir = path.join(work, 'dist', EDGE_SCHEMA.name);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Renders a version of the edge fixture into datasetDir/<version>/, compared with the release below it. */
async function release(schema: DatasetSchema, data: Record<string, Row[]>): Promise<string> {
  const files = await renderRelease(schema, data, texts, [EDGE_SOURCE], previousRelease(datasetDir, schema.version));
  const dir = path.join(datasetDir, schema.version);
  for (const [name, bytes] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), bytes);
  }
  return dir;
}

const changes = (dir: string): Record<string, string>[] => parse(readFileSync(path.join(dir, 'changes.csv')), { columns: true }) as Record<string, string>[];
const clone = (data: Record<string, Row[]>): Record<string, Row[]> => Object.fromEntries(Object.entries(data).map(([t, rows]) => [t, rows.map((r) => ({ ...r }))]));
const withVersion = (version: string, tables = EDGE_SCHEMA.tables): DatasetSchema => ({ ...EDGE_SCHEMA, version, tables });
const row = (table: string, record_id: string, change: string, field = '', old_value = '', new_value = ''): Record<string, string> => ({ table, record_id, change, field, old_value, new_value });

/** The summary of one changelog of the fixture against a release folder. */
async function diff(previous: string, schema: DatasetSchema, data: Record<string, Row[]>): Promise<{ rows: Record<string, string>[]; summary: ChangeSummary }> {
  const log = openChangelog(previous, schema);
  for (const t of schema.tables) log.addRows(t, data[t.name] ?? []);
  const bytes = log.close();
  return { rows: parse(Buffer.from(bytes), { columns: true }) as Record<string, string>[], summary: log.summary()! };
}

let first = '';
let second = '';
let altered: Record<string, Row[]> = {};

beforeAll(async () => {
  first = await release(EDGE_SCHEMA, EDGE.data);
  altered = clone(EDGE.data);
  const items = altered.items!;
  const i03 = items.find((r) => r.item_id === 'i03')!;
  i03.text = 'a "new" text,\r\nwith a line break';
  i03.tags = ['solo', 'duo'];
  items.find((r) => r.item_id === 'i05')!.count = null;
  const i10 = items.findIndex((r) => r.item_id === 'i10');
  // i11 takes the span of the removed i10, so its provenance still re-slices.
  items.splice(i10, 1, { ...items[i10]!, item_id: 'i11', text: 'added' });
  altered.groups!.find((r) => r.group_id === 'g2')!.label = 'второй';
  second = await release(withVersion('0.1.0'), altered);
});

describe('changes.csv', () => {
  it('the first version lists nothing: its changes.csv is the header alone', () => {
    expect(readFileSync(path.join(first, 'changes.csv'), 'utf8')).toBe('table,record_id,change,field,old_value,new_value\r\n');
  });

  it('lists exactly the records and fields that differ, as the CSV writes them, in schema order then by id and field', () => {
    expect(changes(second)).toEqual([
      row('groups', 'g2', 'changed', 'label', '第二组', 'второй'),
      row('items', 'i03', 'changed', 'text', '-3', 'a "new" text,\r\nwith a line break'),
      row('items', 'i03', 'changed', 'tags', 'solo', 'solo; duo'),
      row('items', 'i05', 'changed', 'count', '3', ''),
      row('items', 'i10', 'removed'),
      row('items', 'i11', 'added'),
    ]);
  });

  it('is covered by SHA256SUMS', () => {
    expect(readFileSync(path.join(second, 'SHA256SUMS'), 'utf8')).toMatch(/^[0-9a-f]{64} {2}changes\.csv$/m);
  });

  it('compares with the newest lower version by semver, not by folder name', () => {
    const dir = tempDir('crr-versions-');
    for (const v of ['1.2.0', '1.10.0', '1.9.3', '2.0.0']) mkdirSync(path.join(dir, v));
    expect(previousRelease(dir, '1.11.0')).toBe(path.join(dir, '1.10.0'));
    expect(previousRelease(dir, '1.2.0')).toBeNull();
    rmSync(dir, { recursive: true });
  });

  it('gives one row to a field added, a field removed and a field whose type changed, not one per record', async () => {
    const items = EDGE_SCHEMA.tables.find((t) => t.name === 'items')!;
    const retyped: TableSchema = {
      ...items,
      fields: [...items.fields.filter((f) => f.name !== 'share').map((f) => (f.name === 'count' ? { ...f, type: 'number' as const } : f)), { ...items.fields.find((f) => f.name === 'text')!, name: 'note', required: false }],
    };
    const schema = withVersion('0.2.0', EDGE_SCHEMA.tables.map((t) => (t.name === 'items' ? retyped : t)));
    const data = clone(altered);
    for (const r of data.items!) delete r.share;
    const { rows, summary } = await diff(second, schema, data);
    expect(rows).toEqual([row('items', '', 'changed', 'count', 'integer', 'number'), row('items', '', 'added', 'note'), row('items', '', 'removed', 'share')]);
    expect(neededBump(summary)).toEqual({ bump: 'major', reasons: ['field items.share removed', 'type of items.count: integer → number'] });
  });

  it('gives one row to a table added and to a table removed', async () => {
    const without = EDGE_SCHEMA.tables.filter((t) => t.name !== 'items');
    const added = await diff(first, withVersion('0.2.0', without), EDGE.data);
    expect(added.rows).toEqual([row('items', '', 'removed')]);
    expect(neededBump(added.summary).bump).toBe('major');
    const dir = path.join(work, 'two-tables', '0.0.1');
    const files = await renderRelease(withVersion('0.0.1', without), EDGE.data, texts, [EDGE_SOURCE]);
    for (const [name, bytes] of files) if (!name.includes('/')) (mkdirSync(dir, { recursive: true }), writeFileSync(path.join(dir, name), bytes));
    const back = await diff(dir, EDGE_SCHEMA, EDGE.data);
    expect(back.rows).toEqual([row('items', '', 'added')]);
    expect(neededBump(back.summary)).toEqual({ bump: 'minor', reasons: ['table items added'] });
  });

  it('reads no table from the release files that are CSV but no tables (the curator list, the changes)', async () => {
    const dir = path.join(work, 'with-quality', '0.0.1');
    mkdirSync(dir, { recursive: true });
    const files = await renderRelease(withVersion('0.0.1', EDGE_SCHEMA.tables), EDGE.data, texts, [EDGE_SOURCE]);
    for (const [name, bytes] of files) if (!name.includes('/')) writeFileSync(path.join(dir, name), bytes);
    writeFileSync(path.join(dir, 'curator-list.csv'), '"source_id","kind"\r\n"edge","discovered_entity"\r\n');
    const { rows, summary } = await diff(dir, EDGE_SCHEMA, EDGE.data);
    expect(rows).toEqual([]);
    expect(summary.tablesRemoved).toEqual([]);
  });

  it('reads the previous CSVs as csv-parse does, across chunks, quoted line ends and multi-byte characters', () => {
    const file = path.join(work, 'big.csv');
    const cell = (i: number): string => `"${'胡春华 ""q"" 😀,\r\n'.repeat(i % 7)}${i}"`;
    writeFileSync(file, `a,b,c\r\n${Array.from({ length: 40_000 }, (_, i) => `${cell(i)},${i},\r\n`).join('')}`);
    expect(readFileSync(file).length).toBeGreaterThan(2 << 20);
    expect([...csvRecords(file)]).toEqual(parse(readFileSync(file), { relax_column_count: false }));
    for (const t of EDGE_SCHEMA.tables) expect([...csvRecords(path.join(second, `${t.name}.csv`))]).toEqual(parse(readFileSync(path.join(second, `${t.name}.csv`))));
  });
});

describe('the version rule', () => {
  const summary = (edit: (s: ChangeSummary) => void): ChangeSummary => {
    const s = emptySummary();
    edit(s);
    return s;
  };
  it('a removed table or field, or a changed type or key, needs a major version', () => {
    expect(neededBump(summary((s) => s.tablesRemoved.push('t'))).bump).toBe('major');
    expect(neededBump(summary((s) => s.fieldsRemoved.push('t.f'))).bump).toBe('major');
    expect(neededBump(summary((s) => s.typesChanged.push('t.f: integer → number'))).bump).toBe('major');
    expect(neededBump(summary((s) => s.keysChanged.push('t: a → b'))).bump).toBe('major');
  });
  it('added tables, fields or records need a minor version', () => {
    expect(neededBump(summary((s) => s.tablesAdded.push('t'))).bump).toBe('minor');
    expect(neededBump(summary((s) => s.fieldsAdded.push('t.f'))).bump).toBe('minor');
    expect(neededBump(summary((s) => s.records.set('t', { added: 1, removed: 5, changed: 5 })))).toEqual({ bump: 'minor', reasons: ['1 record(s) added to t'] });
  });
  it('changed values and removed records alone are a patch; no difference needs nothing', () => {
    expect(neededBump(summary((s) => s.records.set('t', { added: 0, removed: 0, changed: 2 })))).toEqual({ bump: 'patch', reasons: ['2 record(s) of t changed'] });
    expect(neededBump(summary((s) => s.records.set('t', { added: 0, removed: 1, changed: 0 }))).bump).toBe('patch');
    expect(neededBump(emptySummary()).bump).toBe('none');
  });
  it('the fixture releases: a changed value, a removed and an added record need a minor version, and 0.0.1 → 0.1.0 is one', async () => {
    const { summary } = await diff(first, withVersion('0.1.0'), altered);
    expect(neededBump(summary).bump).toBe('minor');
    expect(versionBump('0.0.1', '0.1.0')).toBe('minor');
    expect(() => checkBump('0.0.1', '0.1.0', summary)).not.toThrow();
    expect(() => checkBump('0.0.1', '1.0.0', summary)).not.toThrow();
    const err = (() => {
      try {
        checkBump('0.0.1', '0.0.2', summary);
      } catch (e) {
        return e as PipelineError;
      }
      throw new Error('no error');
    })();
    expect(err.code).toBe('release/bump-too-small');
    expect(err.message).toContain('patch bump from 0.0.1, and the changes need a minor bump: 1 record(s) added to items');
  });
  it('the bump of a version is the first part that differs', () => {
    expect(versionBump('1.11.0', '1.12.0')).toBe('minor');
    expect(versionBump('1.11.3', '2.0.0')).toBe('major');
    expect(versionBump('1.11.0', '1.11.1')).toBe('patch');
  });
});

describe('a build whose version moves less than its changes need', () => {
  it('stops with release/bump-too-small and leaves dist/ as it was; today\'s release over 1.12.0 needs a major bump and passes as one (3.0.0, a version no audit speaks of)', async () => {
    const paths = tempPaths();
    const schemaDir = path.join(path.dirname(paths.build), 'schema');
    cpSync(path.join(ROOT, 'schema'), schemaDir, { recursive: true });
    const yaml = path.join(schemaDir, 'dataset.yaml');
    // Not 2.0.0: its audit judges 2.0.0's rows, and today's rows may differ.
    const real = readFileSync(yaml, 'utf8').replace(/^version: .*$/m, 'version: 3.0.0');
    writeFileSync(yaml, real.replace(/^version: .*$/m, 'version: 1.13.0'));
    const dataset = path.join(paths.dist, 'china-russia-relations');
    cpSync(path.join(ROOT, 'dist', 'china-russia-relations', '1.12.0'), path.join(dataset, '1.12.0'), { recursive: true });
    const before = snapshot(paths.dist);
    const ctx = context({ ...paths, schema: schemaDir });
    const err = await runExport(ctx).then(
      () => null,
      (e: unknown) => e as PipelineError,
    );
    expect(err?.code).toBe('release/bump-too-small');
    expect(err!.message).toContain('version 1.13.0 is a minor bump from 1.12.0, and the changes need a major bump');
    // The four name columns of entities went into the entity_names table: fields removed, a major change.
    expect(err!.message).toMatch(/field entities\.name_zh removed/);
    expect(snapshot(paths.dist)).toEqual(before);
    // No staging folder is left behind either.
    expect(readdirSync(dataset)).toEqual(['1.12.0']);

    writeFileSync(yaml, real);
    const { releaseDir } = await runExport(ctx);
    const rows = changes(releaseDir);
    expect(rows.filter((r) => r.record_id === '' && r.table === 'entities' && r.change === 'removed').map((r) => r.field).sort()).toEqual(['name_ru', 'name_ru_latin', 'name_zh', 'name_zh_pinyin']);
    expect(rows.some((r) => r.table === 'entity_names' && r.change === 'added')).toBe(true);
    expect(readFileSync(path.join(dataset, 'CHANGELOG.md'), 'utf8')).toContain('Version: a major bump from 1.12.0; the differences need a major one (as the rule asks).');
    rmSync(path.dirname(paths.build), { recursive: true, force: true });
  }, 120_000);
});

describe('CHANGELOG.md', () => {
  it('lists each version newest first with its date and what changed, from changes.csv or, without one, from headers and row counts', async () => {
    const third = path.join(datasetDir, '0.1.1');
    cpSync(second, third, { recursive: true });
    // A version from before changes.csv: one table shorter by a row.
    rmSync(path.join(third, 'changes.csv'));
    const groups = readFileSync(path.join(third, 'groups.csv'), 'utf8').split('\r\n');
    writeFileSync(path.join(third, 'groups.csv'), [...groups.slice(0, 2), ''].join('\r\n'));
    await updateDatasetIndex(datasetDir, EDGE_SCHEMA.name);
    const md = readFileSync(path.join(datasetDir, 'CHANGELOG.md'), 'utf8');
    const headings = [...md.matchAll(/^## (\S+) \((.+)\)$/gm)].map((m) => [m[1], m[2]]);
    expect(headings).toEqual([['0.1.1', '2021-03-04'], ['0.1.0', '2021-03-04'], ['0.0.1', '2021-03-04']]);
    const section = (v: string): string => md.slice(md.indexOf(`## ${v} `)).split(/\n## /)[0]!;
    expect(section('0.0.1')).toContain('First version: 3 tables, groups (2 records), items (10 records), regions (1 record).');
    expect(section('0.1.0')).toContain("from this version's changes.csv");
    expect(section('0.1.0')).toContain('- groups: 0 added, 0 removed, 1 changed\n- items: 1 added, 1 removed, 2 changed');
    expect(section('0.1.0')).toContain('a minor bump from 0.0.1; the differences need a minor one (as the rule asks)');
    expect(section('0.1.1')).toContain('- groups: 2 → 1 rows (-1)');
    expect(section('0.1.1')).toContain('a patch bump from 0.1.0; the differences need at least a patch one');
    // changes.csv is not a table of versions.json.
    const versions = JSON.parse(readFileSync(path.join(datasetDir, 'versions.json'), 'utf8'));
    expect(Object.keys(versions.versions[1].tables)).toEqual(['groups', 'items', 'regions']);
    const again = readFileSync(path.join(datasetDir, 'CHANGELOG.md'));
    await updateDatasetIndex(datasetDir, EDGE_SCHEMA.name);
    expect(readFileSync(path.join(datasetDir, 'CHANGELOG.md')).equals(again)).toBe(true);

    // What is read of each version may be kept in a cache folder: the same bytes, and a version touched is read again.
    const cache = path.join(work, 'cache');
    const index = (): string[] => ['CHANGELOG.md', 'versions.json', 'index.html'].map((f) => readFileSync(path.join(datasetDir, f), 'utf8'));
    const uncached = index();
    await updateDatasetIndex(datasetDir, EDGE_SCHEMA.name, cache);
    expect(readdirSync(cache).sort()).toEqual(['0.0.1', '0.1.0', '0.1.1'].map((v) => `${EDGE_SCHEMA.name}-${v}.json`));
    expect(index()).toEqual(uncached);
    await updateDatasetIndex(datasetDir, EDGE_SCHEMA.name, cache);
    expect(index()).toEqual(uncached);
    // A cached fact that no longer matches its folder is never used: the stamp changes with the file.
    writeFileSync(path.join(third, 'groups.csv'), [...groups.slice(0, 3), ''].join('\r\n'));
    await updateDatasetIndex(datasetDir, EDGE_SCHEMA.name, cache);
    const fresh = index();
    await updateDatasetIndex(datasetDir, EDGE_SCHEMA.name);
    expect(fresh).toEqual(index());
    expect(fresh[0]).not.toContain('- groups: 2 → 1 rows (-1)');
    expect(fresh[0]).toContain('- No header or row count differs.');
  });
});

describe('CITATION.cff', () => {
  const fixtureSchema = (extra: string): string => {
    const dir = path.join(tempDir('crr-cff-'), 'schema');
    cpSync(path.join(ROOT, 'test', 'fixtures', 'edge-schema'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'dataset.yaml'), `${readFileSync(path.join(dir, 'dataset.yaml'), 'utf8')}${extra}`);
    return dir;
  };

  it('names the authors and the repository dataset.yaml gives, and still cites the article under references', () => {
    const dir = fixtureSchema('authors:\n  - { family: Doe, given: Jane, orcid: "https://orcid.org/0000-0002-1825-0097" }\n  - { family: Roe }\nrepository: https://example.org/edge/fixture\n');
    const schema = loadSchema(dir, ROOT);
    const cff = parseYaml(citationCff(schema, [EDGE_SOURCE]));
    expect(cff.authors).toEqual([{ 'family-names': 'Doe', 'given-names': 'Jane', orcid: 'https://orcid.org/0000-0002-1825-0097' }, { 'family-names': 'Roe' }]);
    expect(cff['repository-code']).toBe('https://example.org/edge/fixture');
    expect(cff.references.map((r: { type: string; title: string }) => [r.type, r.title])).toEqual([['article', EDGE_SOURCE.title]]);
    expect(datasetCitation(schema, [EDGE_SOURCE])).toMatch(/^Doe, Jane; Roe \(2021\)\. .*\(CC-BY-4\.0\)\. https:\/\/example\.org\/edge\/fixture Based on: /);
  });

  it('without them, names the creators as one entity and gives no repository (nothing is invented)', () => {
    const schema = loadSchema(fixtureSchema(''), ROOT);
    expect(schema.authors).toBeUndefined();
    const cff = parseYaml(citationCff(schema, [EDGE_SOURCE]));
    expect(cff.authors).toEqual([{ name: 'Test contributors' }]);
    expect('repository-code' in cff).toBe(false);
    expect(cff['date-released']).toBe('2021-03-04');
    expect(cff.references).toHaveLength(1);
  });

  it('refuses an author without a family name, an ORCID that is not one, and a repository that is not a URL', () => {
    for (const extra of ['authors:\n  - { given: Jane }\n', 'authors:\n  - { family: Doe, orcid: "0000-0002-1825-0097" }\n', 'repository: not a url\n', 'authors: []\n']) {
      expect(() => loadSchema(fixtureSchema(extra), ROOT), extra).toThrow(expect.objectContaining({ code: 'schema/invalid' }));
    }
  });

  it('the real schema names no author or repository yet', () => {
    const real = loadSchema(path.join(ROOT, 'schema'), ROOT);
    expect(real.authors).toBeUndefined();
    expect(real.repository).toBeUndefined();
    expect(existsSync(path.join(ROOT, 'docs', 'releases.md'))).toBe(true);
  });
});
