import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SentenceFinding } from '../pipeline/extract/sentences.ts';
import { computeCoverage, coverageLine } from '../pipeline/normalize/coverage.ts';
import { ARTICLE_ID, buildInto, copySources, readJsonlFile, ROOT, tempPaths } from './helpers.ts';

const sentence = (start: number, end: number, section: 'narrative' | 'chronology', quotations = 0): SentenceFinding => ({
  kind: 'sentence', section, paragraph: 0, sentence: 0, quotations, line: 1,
  source_id: 's', span_start: start, span_end: end, evidence: '', extractor: 'extract/sentences@1.0.0',
});

describe('coverage', () => {
  it('counts a sentence when a record of any table lies inside it', async () => {
    const c = computeCoverage({
      sentences: [sentence(0, 10, 'narrative', 2), sentence(11, 20, 'narrative'), sentence(21, 30, 'chronology', 1)],
      tables: {
        mentions: [{ source_id: 's', span_start: 2, span_end: 5 }],
        // An event's span is its whole entry: inside no single sentence.
        events: [{ source_id: 's', span_start: 11, span_end: 30 }],
        claims: [{ source_id: 's', span_start: 22, span_end: 25 }, { source_id: 'other', span_start: 12, span_end: 14 }],
      },
      numbersFound: 4,
      numbersAttached: 3,
      quotationsAttributed: 0,
      originalFound: 5,
      originalAttached: 4,
    });
    expect(c.sentences).toEqual({ found: 3, covered: 2, share: 0.6667, narrative: { found: 2, covered: 1, share: 0.5 }, chronology: { found: 1, covered: 1, share: 1 } });
    expect(c.numbers).toEqual({ found: 4, attached: 3, share: 0.75 });
    expect(c.quotations).toEqual({ found: 3, attributed: 0, share: 0 });
    expect(c.original_forms).toEqual({ found: 5, attached: 4, share: 0.8 });
    expect(coverageLine(c)).toBe(
      '2/3 sentences (66.7%) yielded a record (narrative 1/2, chronology 1/1); numbers 3/4 attached; quotations 0/3 attributed; original-language forms 4/5 attached',
    );
  });

  it('takes the count of attributed quotations it is given', async () => {
    const base = { sentences: [sentence(0, 10, 'narrative', 4)], tables: {}, numbersFound: 0, numbersAttached: 0, originalFound: 0, originalAttached: 0 };
    expect(computeCoverage({ ...base, quotationsAttributed: 0 }).quotations.share).toBe(0);
    expect(computeCoverage({ ...base, quotationsAttributed: 3 }).quotations).toEqual({ found: 4, attributed: 3, share: 0.75 });
  });
});

describe('the coverage of the article', () => {
  let coverage: ReturnType<typeof computeCoverage>;
  let lines: string[] = [];
  let build = '';

  beforeAll(async () => {
    // The article alone, whatever other sources the repository holds: coverage.json counts over every source.
    const paths = tempPaths(copySources([path.join(ROOT, 'sources', ARTICLE_ID), path.join(ROOT, 'sources', 'registry')]));
    ({ lines } = await buildInto(paths));
    build = paths.build;
    coverage = JSON.parse(readFileSync(path.join(build, 'coverage.json'), 'utf8'));
  });

  it('is written to build/coverage.json and printed by the build', async () => {
    const line = lines.find((l) => l.startsWith('normalize: coverage '))!;
    expect(line).toContain(coverageLine(coverage));
    expect(line).toMatch(/wrote .*coverage\.json$/);
    expect(Object.keys(coverage)).toEqual(['sentences', 'numbers', 'quotations', 'original_forms']);
  });

  it('agrees with the records: sentences, figures, quotations and original forms', async () => {
    const sentences = readJsonlFile<SentenceFinding>(path.join(build, 'extract', ARTICLE_ID, 'sentences.jsonl'));
    expect(coverage.sentences.found).toBe(sentences.length);
    expect(coverage.sentences.narrative.found + coverage.sentences.chronology.found).toBe(sentences.length);
    expect(coverage.sentences.chronology.found).toBeGreaterThanOrEqual(38); // every chronology entry has a sentence
    expect(coverage.sentences.share).toBeGreaterThan(0.8);
    const claims = readJsonlFile<{ subject_id: string | null }>(path.join(build, 'normalize', ARTICLE_ID, 'claims.jsonl'));
    const curator = readJsonlFile<{ kind: string }>(path.join(build, 'curation', 'curator-list.jsonl'));
    expect(coverage.numbers.found).toBe(claims.length + curator.filter((c) => c.kind === 'unknown_unit').length);
    expect(coverage.numbers.attached).toBe(claims.filter((c) => c.subject_id).length);
    const quotes = readJsonlFile(path.join(build, 'normalize', ARTICLE_ID, 'quotes.jsonl'));
    expect(coverage.quotations.attributed).toBe(quotes.length);
    expect(coverage.quotations.attributed).toBeLessThan(coverage.quotations.found); // titles and scare quotes are not quotes
    expect(coverage.quotations.found).toBeGreaterThan(50);
    const originals = readJsonlFile(path.join(build, 'extract', ARTICLE_ID, 'original-names.jsonl'));
    const mentions = readJsonlFile<{ mention_kind: string }>(path.join(build, 'normalize', ARTICLE_ID, 'mentions.jsonl'));
    const terms = readJsonlFile<{ entity_id: string | null }>(path.join(build, 'normalize', ARTICLE_ID, 'terms.jsonl'));
    expect(coverage.original_forms).toMatchObject({
      found: originals.length,
      attached: mentions.filter((m) => m.mention_kind === 'original_name').length + terms.filter((t) => t.entity_id === null).length,
    });
  });
});
