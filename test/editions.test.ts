import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../pipeline/build.ts';
import { extractChronology, readHeading, type ChronologyFinding, type ChronologyPeriod } from '../pipeline/extract/chronology.ts';
import { extractSource } from '../pipeline/extract/source.ts';
import { composeCitation, loadSource } from '../pipeline/lib/sources.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import { buildInto, codeOf, context, copySources, errorOf, readJsonlFile, ROOT, tempPaths } from './helpers.ts';
import { writeFixtureSource } from './fixtures/editions/source.ts';

const OLD_TITLE = 'China-Russia Relations: Rivers, Rails, and a Late Summer Drill';

function chronologyOf(body: string): ChronologyFinding[] {
  return extractChronology({ id: 't', text: new IndexedText(`Narrative first.\n\n${body}`) }, 'sources/t/chapter.txt');
}
const periodOf = (f: ChronologyFinding[]): string | null => (f.find((x) => x.kind === 'chronology_period') as ChronologyPeriod | undefined)?.period_label ?? null;
const labelsOf = (f: ChronologyFinding[]): string[] => f.flatMap((x) => (x.kind === 'chronology_entry' ? [x.date_label] : []));

describe('a chapter of an edition that prints no "Preferred citation"', () => {
  let sources = '';
  beforeAll(() => {
    sources = copySources([path.join(ROOT, 'sources', 'registry')]);
    writeFixtureSource(sources, 'cc-7-3-china-russia', 'old-edition.txt', OLD_TITLE);
  });

  it('is valid, its citation composed from source.yaml in the journal\'s form', () => {
    const { meta } = loadSource(path.join(sources, 'cc-7-3-china-russia'), sources);
    expect(meta.citation_basis).toBe('composed');
    expect(meta.preferred_citation).toBe(`Author Invented, “${OLD_TITLE},” *Comparative Connections*, Vol. 8, No. 2 (July 2006), pp 131–140.`);
  });

  it('points its provenance at the title as the text prints it', () => {
    const loaded = loadSource(path.join(sources, 'cc-7-3-china-russia'), sources);
    const found = extractSource(loaded);
    expect(found).toMatchObject({ citation_basis: 'composed', span_start: 0, span_end: Array.from(OLD_TITLE).length, evidence: OLD_TITLE });
  });

  it('builds, and its sources row says the citation is composed', async () => {
    const paths = tempPaths(sources);
    await buildInto(paths);
    const [row] = readJsonlFile(path.join(paths.build, 'normalize', 'sources.jsonl'));
    expect(row).toMatchObject({ citation_basis: 'composed', evidence: OLD_TITLE, period_label: 'July – September 2005', period_start: '2005-07-01', period_end: '2005-09-30', chronology_entries: 3 });
  }, 300_000);

  it('stops the build when neither a citation nor the title is in the text', () => {
    const other = copySources([]);
    writeFixtureSource(other, 'cc-x', 'old-edition.txt', 'A Title the Text Never Prints');
    const error = errorOf(() => loadSource(path.join(other, 'cc-x'), other));
    expect(error.code).toBe('source/quote-not-found');
    expect(error.details.file).toBe('cc-x/source.yaml');
  });

  it('composes the citation of several authors and of a year alone', () => {
    const authors = [{ family: 'Yu', given: 'Bin' }, { family: 'Doe', given: 'Jane' }, { family: 'Roe', given: 'Rick' }];
    expect(composeCitation({ authors, title: 'T', journal: 'J', volume: 1, issue: 2, issued: '2005', pages: '3–4' })).toBe('Yu Bin, Doe Jane and Roe Rick, “T,” *J*, Vol. 1, No. 2 (2005), pp 3–4.');
  });
});

describe('the chronology headings of older issues', () => {
  const entries = 'July 1, 2005: One.\n\nAug. 2, 2005: Two.\n';
  it.each([
    ['today\'s, the period on the next paragraph', `CHRONOLOGY OF CHINA-RUSSIA RELATIONS\n\nJULY – SEPTEMBER 2005\n\n${entries}`, 'JULY – SEPTEMBER 2005'],
    ['title case, the period on the next line', `Chronology of China-Russia Relations\nJuly – September 2005\n\n${entries}`, 'July – September 2005'],
    ['title case, the period on the same line after a colon', `Chronology of China-Russia Relations: July – September 2005\n\n${entries}`, 'July – September 2005'],
    ['title case, the period on the same line with no mark', `Chronology of Japan-Korea Relations January-March 2006\n\nJan. 3, 2006: One.\n`, 'January-March 2006'],
    ['"China-Russia Chronology", the period after a colon', `China-Russia Chronology: July – September 2005\n\n${entries}`, 'July – September 2005'],
    ['"CHINA-RUSSIA CHRONOLOGY", the period on the next line', `CHINA-RUSSIA CHRONOLOGY\nJULY – SEPTEMBER 2005\n\n${entries}`, 'JULY – SEPTEMBER 2005'],
    ['"U.S.-Japan Chronology" with no period at all', `U.S.-Japan Chronology\n\n${entries}`, null],
  ])('recognises %s', (_, body, period) => {
    const found = chronologyOf(body);
    expect(periodOf(found)).toBe(period);
    expect(labelsOf(found).length).toBeGreaterThanOrEqual(1);
    expect(labelsOf(found)[0]).toMatch(/^(July 1|Jan\. 3), 200[56]$/);
  });

  it('keeps the heading\'s own words apart from the period', () => {
    expect(readHeading('Chronology of China-Russia Relations: July – September 2005')).toMatchObject({ heading: 'Chronology of China-Russia Relations', period: 'July – September 2005' });
    expect(readHeading('CHRONOLOGY OF CHINA-RUSSIA RELATIONS')).toMatchObject({ heading: 'CHRONOLOGY OF CHINA-RUSSIA RELATIONS', period: null });
  });

  it('does not take a narrative sentence about a chronology for a heading', () => {
    expect(codeOf(() => chronologyOf('The China-Russia chronology below lists the events.\n'))).toBe('chronology/missing');
    expect(codeOf(() => chronologyOf('China-Russia Chronology of events is long, and it ends here.\n'))).toBe('chronology/missing');
  });
});

describe('a source with no chronology', () => {
  it('is valid when source.yaml declares `chronology: none`', async () => {
    const sources = copySources([path.join(ROOT, 'sources', 'registry')]);
    writeFixtureSource(sources, 'cc-essay', 'essay.txt', 'Regional Overview: Notes on a Quiet Year', ['chronology: none', 'preferred_citation: "This essay has no chronology of its own."']);
    const paths = tempPaths(sources);
    await buildInto(paths);
    const [row] = readJsonlFile(path.join(paths.build, 'normalize', 'sources.jsonl'));
    expect(row).toMatchObject({ source_id: 'cc-essay', chronology_entries: 0, period_label: null, citation_basis: 'quoted' });
    const events = readJsonlFile(path.join(paths.build, 'normalize', 'cc-essay', 'events.jsonl'));
    expect(events.filter((e) => e.section === 'chronology')).toEqual([]);
    const names = readJsonlFile(path.join(paths.build, 'normalize', 'entity_names.jsonl'));
    expect(names.map((n) => n.name).sort()).toEqual(['Андрей Денисов', '黑河']);
  }, 300_000);

  it('is a coded error naming the file when source.yaml does not declare it', async () => {
    const sources = copySources([path.join(ROOT, 'sources', 'registry')]);
    writeFixtureSource(sources, 'cc-essay', 'essay.txt', 'Regional Overview: Notes on a Quiet Year', ['preferred_citation: "This essay has no chronology of its own."']);
    const paths = tempPaths(sources);
    let error: unknown = null;
    try {
      await runBuild(context(paths));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'chronology/missing' });
    expect((error as { details: { file: string } }).details.file).toMatch(/cc-essay\/chapter\.txt$/);
    expect(String((error as Error).message)).toMatch(/chronology: none/);
  }, 300_000);

  it('reads the period its front matter prints, across a year\'s end too ("May 2022 — Apr 2023")', () => {
    const front = (line: string) => periodOf(extractChronology({ id: 't', text: new IndexedText(`Japan - Borvia\n\n${line}\nDownload Article as PDF\n\nNarrative.\n`) }, 'sources/t/chapter.txt', false));
    expect(front('Jul — Sep 2004')).toBe('Jul — Sep 2004');
    expect(front('May 2022 — Apr 2023')).toBe('May 2022 — Apr 2023');
    expect(front('May 2022 and more')).toBeNull();
  });

  it('accepts no other value of `chronology`', () => {
    const sources = copySources([]);
    writeFixtureSource(sources, 'cc-essay', 'essay.txt', 'Regional Overview: Notes on a Quiet Year', ['chronology: yes']);
    expect(codeOf(() => loadSource(path.join(sources, 'cc-essay'), sources))).toBe('source/invalid-metadata');
  });

  it('accepts only BCP 47 tags as original_languages', () => {
    const sources = copySources([]);
    writeFixtureSource(sources, 'cc-essay', 'essay.txt', 'Regional Overview: Notes on a Quiet Year', ['chronology: none', 'original_languages: [Chinese]']);
    expect(codeOf(() => loadSource(path.join(sources, 'cc-essay'), sources))).toBe('source/invalid-metadata');
    writeFileSync(path.join(sources, 'cc-essay', 'source.yaml'), readFileSync(path.join(sources, 'cc-essay', 'source.yaml'), 'utf8').replace('[Chinese]', '[zh-Hant, ru]'));
    expect(loadSource(path.join(sources, 'cc-essay'), sources).meta.original_languages).toEqual(['zh-Hant', 'ru']);
  });
});

describe('a composed citation points at the title as the web edition prints it', () => {
  it('finds the subtitle when the text prints it without the relationship before the colon', async () => {
    const { citationAnchor } = await import('../pipeline/lib/sources.ts');
    const text = 'Articles\n\nChina - Russia\n\nLubricate the Partnership, but with What?\n\nYu Bin';
    const [s, e] = citationAnchor({ title: 'China-Russia Relations: Lubricate the Partnership, but with What?' }, text)!;
    expect(text.slice(s, e)).toBe('Lubricate the Partnership, but with What?');
    expect(citationAnchor({ title: 'US-China Relations: Pomp, Blunders, and Substance: Hu’s Visit to the U.S.' }, 'x\nHu’s Visit to the U.S.\n')).not.toBeNull();
    expect(citationAnchor({ title: 'Japan-China Relations: Not The Best Of Times' }, 'nothing of it here')).toBeNull();
  });
});
