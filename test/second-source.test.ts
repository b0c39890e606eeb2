import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_ID, buildInto, copySources, FIXTURES, pySlice, ROOT, SCHEMA, tempPaths } from './helpers.ts';
import { readArrow, readCsv } from './load.ts';

// A second source, written by hand in the chronology style, with emoji and a
// CJK character outside the Basic Multilingual Plane before its spans.
const FIXTURE = path.join(FIXTURES, 'ardenia-borvia-fixture');
const fixtureText = readFileSync(path.join(FIXTURE, 'chapter.txt'), 'utf8');
const articleText = readFileSync(path.join(ROOT, 'sources', ARTICLE_ID, '000_fa4ab24074eee98d.txt'), 'utf8');
let release = '';

beforeAll(async () => {
  const sources = copySources([path.join(ROOT, 'sources', ARTICLE_ID), path.join(ROOT, 'sources', 'registry'), FIXTURE]);
  release = (await buildInto(tempPaths(sources))).releaseDir;
});

describe('adding a source is adding a folder', () => {
  it('builds both sources with no change to code or schema', () => {
    const sources = readCsv(path.join(release, 'sources.csv'));
    expect(sources.map((s) => s.source_id)).toEqual(['ardenia-borvia-fixture', ARTICLE_ID]);
    expect(sources[0]).toMatchObject({ period_label: 'DECEMBER 2020 – FEBRUARY 2021', period_start: '2020-12-01', period_end: '2021-02-28', chronology_entries: '4' });
    const events = readCsv(path.join(release, 'events.csv')).filter((e) => e.section === 'chronology');
    expect(events.filter((e) => e.source_id === ARTICLE_ID)).toHaveLength(38);
    expect(events.filter((e) => e.source_id === 'ardenia-borvia-fixture')).toHaveLength(4);
  });

  it('keeps the title, description, places and keywords dataset.yaml fixes, with both sources cited', () => {
    const descriptor = JSON.parse(readFileSync(path.join(release, 'datapackage.json'), 'utf8')) as { title: string; description: string; keywords: string[]; sources: { title: string }[] };
    expect([descriptor.title, descriptor.description, descriptor.keywords]).toEqual([SCHEMA.title, SCHEMA.description, SCHEMA.keywords]);
    expect(descriptor.sources.map((s) => s.title)).toEqual([
      'Test Author, “Ardenia-Borvia Relations: A Fixture,” Test Connections, Vol. 1, No. 1, pp 1–3.',
      'Yu Bin, “China-Russia Relations: The Art and Agony of Avoiding an Alliance,” Comparative Connections, Vol. 21, No. 3, pp 129–142.',
    ]);
    const org = JSON.parse(readFileSync(path.join(release, 'schema-org.jsonld'), 'utf8')) as { spatialCoverage: { name: string }[]; temporalCoverage: string };
    expect(org.spatialCoverage.map((p) => p.name)).toEqual(['China', 'Russia']);
    // The time span is always the data's: the article's narrative dates reach from 1619 to 2021, beyond the fixture's.
    expect(org.temporalCoverage).toBe('1619-01-01/2021-12-31');
  });

  it('reads the second source\'s dates: a range across years, and a year taken from the period', () => {
    const events = readCsv(path.join(release, 'events.csv')).filter((e) => e.source_id === 'ardenia-borvia-fixture' && e.section === 'chronology');
    expect(events.map((e) => [e.date_label, e.date_edtf, e.date_year_inferred, e.event_type])).toEqual([
      ['Dec. 30, 2020–Jan. 2, 2021', '2020-12-30/2021-01-02', 'false', 'visit'],
      ['Jan. 5', '2021-01-05', 'true', 'phone_call'],
      ['Jan. 11-12, 2021', '2021-01-11/2021-01-12', 'false', 'exercise'],
      ['Feb. 1, 2021', '2021-02-01', 'false', 'meeting'],
    ]);
    expect(events[1]!.description).toBe('Foreign ministers hold telephone talks on a $2 billion loan.');
    expect(events[2]!.description).toBe('The two navies conduct a joint exercise in the Gulf of 🌊 Tests, with 3 ships and 1,200 sailors from both sides.');
  });

  it('gives code-point offsets that Python slicing reproduces despite emoji and CJK Extension B', () => {
    const texts: Record<string, string> = { 'ardenia-borvia-fixture': fixtureText, [ARTICLE_ID]: articleText };
    const arrow = readArrow(path.join(release, 'events.arrow'));
    expect(arrow.numRows).toBe(readCsv(path.join(release, 'events.csv')).length);
    for (const row of readCsv(path.join(release, 'events.csv'))) {
      expect(pySlice(texts[row.source_id!]!, Number(row.span_start), Number(row.span_end))).toBe(row.evidence);
    }
    const first = readCsv(path.join(release, 'events.csv')).find((e) => e.source_id === 'ardenia-borvia-fixture' && e.section === 'chronology')!;
    // UTF-16 and code-point offsets differ here: 😀, 𠀀 and 🌊 precede the entry.
    const utf16 = fixtureText.indexOf('Dec. 30, 2020');
    expect(Number(first.span_start)).toBeLessThan(utf16);
    expect(Number(first.span_start)).toBe(Array.from(fixtureText.slice(0, utf16)).length);
    expect(first.evidence).toContain('𠀀 Kel (凯尔) visits Borvia 😀');
  });
});
