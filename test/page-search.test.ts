/**
 * The page's search index cut by term: every part scores a term as one
 * MiniSearch over all the documents would, a query reads only the parts its
 * terms fall in, and a one-letter prefix still finds every term it starts.
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { openSearchIndex } from '../pipeline/export/page/index-writer.ts';
import {
  loadSearchPart, queryParts, queryTerms, SEARCH_OPTIONS, searchParts, searchSplit, termPart, type SearchIndexManifest, type SearchPart,
} from '../pipeline/export/page/shared.ts';
import { ARTICLE } from './helpers.ts';

// The article's paragraphs (label: the first words, text: the rest), and hand-written ones with astral and CJK text.
const paragraphs = readFileSync(ARTICLE, 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
const DOCS = [
  ...paragraphs.map((p) => ({ label: p.split(/\s+/).slice(0, 6).join(' '), text: p })),
  { label: '𠀀 day', text: '😀 𠀁 things in 北京 and Москва, a <b> tag' },
  { label: '', text: 'x y z' },
];

function build(): { manifest: SearchIndexManifest; parts: Map<number, SearchPart>; one: MiniSearch } {
  const w = openSearchIndex();
  for (const d of DOCS) w.add(d);
  const parts = new Map<number, SearchPart>();
  const manifest = w.finish((name, json) => parts.set(Number(name.slice(2)), JSON.parse(json) as SearchPart), (s) => JSON.stringify(s));
  const one = new MiniSearch(SEARCH_OPTIONS);
  one.addAll(DOCS.map((d, id) => ({ id, ...d })));
  return { manifest, parts, one };
}

const { manifest, parts, one } = build();
const loaded = new Map([...parts].map(([p, part]) => [p, loadSearchPart(part, manifest)]));
const vocabulary = [...new Set([...parts.values()].flatMap((p) => p.index.map(([t]) => t)))].sort();
// Every 7th term, its first letter and its first three letters: whole words and prefixes of both lengths.
const QUERIES = [...new Set(vocabulary.filter((_, i) => i % 7 === 0).flatMap((t) => [t, Array.from(t)[0]!, Array.from(t).slice(0, 3).join('')]))];

const byScore = (rs: { id: unknown; score: number }[]): { id: number; score: number }[] =>
  rs.map((r) => ({ id: r.id as number, score: r.score })).sort((a, b) => b.score - a.score || a.id - b.id);

describe('the search index cut by term', () => {
  it('counts as MiniSearch does: the same documents, field lengths and averages', () => {
    const js = one.toJSON();
    expect(manifest.documentCount).toBe(js.documentCount);
    expect(manifest.averageFieldLength).toEqual(js.averageFieldLength);
    expect(manifest.fieldIds).toEqual(js.fieldIds);
    const terms = new Map<string, unknown>();
    for (const part of parts.values()) for (const [t, data] of part.index) terms.set(t, data);
    expect(terms.size).toBe(js.index.length);
    for (const [t, data] of js.index) expect(terms.get(t), t).toEqual(data);
    expect(manifest.parts.length).toBeGreaterThan(4);
    expect(manifest.parts.length).toBe(parts.size);
  });

  it('stores every term in the one part its first two letters route it to', () => {
    for (const [p, part] of parts) for (const [t] of part.index) expect(termPart(t, manifest), t).toBe(p);
  });

  it('ranks a one-term query across the parts exactly as one index does', () => {
    expect(QUERIES.length).toBeGreaterThan(100);
    for (const q of QUERIES) {
      const want = byScore(one.search(q, { fuzzy: false }));
      const got = searchParts(q, manifest, (p) => loaded.get(p) ?? null, { fuzzy: false });
      expect(got.map((r) => r.id), q).toEqual(want.map((r) => r.id));
      got.forEach((r, i) => expect(r.score).toBeCloseTo(want[i]!.score, 9));
    }
  });

  it('ranks a query of several terms in different parts as one index does', () => {
    for (const q of ['Putin Xi', 'gas pipeline Siberia', 'Vladivostok forum', 'a b']) {
      const want = byScore(one.search(q, { fuzzy: false }));
      const got = searchParts(q, manifest, (p) => loaded.get(p) ?? null, { fuzzy: false });
      expect(got.length, q).toBeGreaterThan(0);
      expect(got.map((r) => r.id), q).toEqual(want.map((r) => r.id));
    }
  });

  it('finds fuzzy matches within a term\'s part only, in one index\'s order', () => {
    for (const q of ['Vladivostk', 'pipelin', 'Russia']) {
      const want = byScore(one.search(q)).map((r) => r.id);
      const got = searchParts(q, manifest, (p) => loaded.get(p) ?? null).map((r) => r.id);
      expect(got.length, q).toBeGreaterThan(0);
      expect(want.filter((id) => got.includes(id)), q).toEqual(got);
    }
  });

  it('reads only the parts of a query\'s terms: one for a word, the letter\'s group for one letter', () => {
    const asked: number[] = [];
    searchParts('Vladivostok', manifest, (p) => (asked.push(p), loaded.get(p) ?? null));
    expect(asked).toEqual([termPart('vladivostok', manifest)]);
    const letter = queryParts('v', manifest);
    expect(letter.length).toBe(manifest.subs);
    for (const t of vocabulary.filter((x) => x.startsWith('v'))) expect(letter, t).toContain(termPart(t, manifest));
    expect(searchParts('v', manifest, (p) => loaded.get(p) ?? null).length).toBe(one.search('v').length);
    // An astral first letter is one code point, not two halves.
    expect(queryParts('𠀀', manifest)).toContain(termPart('𠀀', manifest));
    expect(queryTerms('Putin, XI  putin')).toEqual(['putin', 'xi']);
  });

  it('writes the same bytes on every build', () => {
    const texts = (): string[] => {
      const w = openSearchIndex();
      for (const d of DOCS) w.add(d, [1, 2, 2020, 0, 1]);
      const out: string[] = [];
      out.push(JSON.stringify(w.finish((name, json) => out.push(`${name} ${json}`), (s) => JSON.stringify(s))));
      return out;
    };
    const a = texts();
    expect(a.length).toBeGreaterThan(5);
    expect(texts()).toEqual(a);
    // The facet numbers follow the field lengths, which MiniSearch reads by field alone.
    expect(a.some((t) => /"\d+":\[\d+,\d+,1,2,2020,0,1\]/.test(t))).toBe(true);
  });

  it('grows with the corpus from 16 to 1,024 parts', () => {
    expect(searchSplit(10)).toEqual({ groups: 8, subs: 2 });
    const big = searchSplit(600_000);
    expect(big.groups * big.subs).toBe(1024);
    expect(searchSplit(60_000).groups * searchSplit(60_000).subs).toBe(512);
  });
});

describe('the search index over many documents', () => {
  it('keeps every posting of terms in tens of thousands of documents, as MiniSearch does', () => {
    // Long lists (past the largest chunk of a posting list) and more pairs than one page of them holds.
    const words = ['gas', 'pipeline', 'moscow', 'beijing', 'summit', 'talks', 'border', 'trade', 'visit', 'navy', 'drill', 'loan'];
    const docs = Array.from({ length: 60_000 }, (_, i) => ({
      label: `${words[i % 12]} ${words[(i * 7) % 12]} w${i % 997}`,
      text: Array.from({ length: 9 }, (_, k) => words[(i * 31 + k * k * 5) % 12]).join(' ') + (i % 3 === 0 ? ` rare${i}` : ''),
    }));
    const w = openSearchIndex();
    for (const d of docs) w.add(d);
    const terms = new Map<string, unknown>();
    w.finish((_name, json) => {
      for (const [t, data] of (JSON.parse(json) as SearchPart).index) terms.set(t, data);
    }, (s) => JSON.stringify(s));
    const ms = new MiniSearch(SEARCH_OPTIONS);
    ms.addAll(docs.map((d, id) => ({ id, ...d })));
    const js = ms.toJSON();
    expect(terms.size).toBe(js.index.length);
    for (const [t, data] of js.index) expect(terms.get(t), t).toEqual(data);
  });
});
