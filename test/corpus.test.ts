import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateChapter, generateCorpus } from '../pipeline/bench/corpus.ts';
import { loadSources } from '../pipeline/lib/sources.ts';
import { cleanup, ROOT, snapshot, tempDir } from './helpers.ts';
import { readCsv } from './load.ts';

const dirs: string[] = [];
const fresh = (): string => {
  const d = tempDir('crr-corpus-');
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(cleanup));

describe('the corpus generator', () => {
  it('writes the same bytes for the same seed, and other bytes for another seed', () => {
    const a = fresh();
    const b = fresh();
    const c = fresh();
    generateCorpus(a, 4, 11);
    generateCorpus(b, 4, 11);
    generateCorpus(c, 4, 12);
    const sa = snapshot(a);
    expect(sa.size).toBeGreaterThan(8);
    expect(snapshot(b)).toEqual(sa);
    const sc = snapshot(c);
    const chapters = (s: Map<string, string>): string[] => [...s].filter(([k]) => !k.startsWith('registry')).map(([, v]) => v);
    expect(chapters(sc).some((v) => chapters(sa).includes(v))).toBe(false);
  });

  it('writes folders every one of which passes loadSources, sized like a real chapter', () => {
    const dir = fresh();
    const ids = generateCorpus(dir, 12, 3);
    const sources = loadSources(dir, ROOT);
    expect(sources.map((s) => s.meta.id)).toEqual([...ids].sort());
    for (const s of sources) {
      const bytes = Buffer.byteLength(s.text.text);
      expect(bytes).toBeGreaterThanOrEqual(30_000);
      expect(bytes).toBeLessThanOrEqual(50_000);
      expect(s.text.text).toMatch(/^CHRONOLOGY OF [A-Z -]+ RELATIONS\n\n[A-Z]+ – [A-Z]+ \d{4}\n\n/m);
    }
  });

  it('writes chapters that differ: relationships, periods, titles and text', () => {
    const chapters = Array.from({ length: 12 }, (_, i) => generateChapter(i, 5));
    expect(new Set(chapters.map((c) => c.id)).size).toBe(12);
    expect(new Set(chapters.map((c) => c.id.replace(/^cc-\d+-\d-/, ''))).size).toBeGreaterThan(4);
    expect(new Set(chapters.map((c) => `${c.meta.volume}-${c.meta.issue}`)).size).toBeGreaterThan(4);
    expect(new Set(chapters.map((c) => c.meta.title)).size).toBeGreaterThan(8);
    // No two chapters share a chronology entry, and the text is not one chapter repeated.
    const entries = chapters.map((c) => new Set(c.text.slice(c.text.search(/^CHRONOLOGY OF/m)).split('\n\n').slice(2).filter((e) => e.trim() !== '')));
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) expect([...entries[i]!].filter((e) => entries[j]!.has(e))).toEqual([]);
    }
  });

  it('writes the journal\'s artifacts: links, escaped dollars, originals, figures, quotes with speech verbs, page breaks, date ranges', () => {
    const { text } = generateChapter(0, 9);
    expect(text).toMatch(/\[[^\]]+\]\(#\)/);
    expect(text).toMatch(/\\\$\d/);
    expect(text).toMatch(/ \(\p{Script=Han}+\)|\((?:\p{Script=Cyrillic}+ ?)+\)/u);
    expect(text).toMatch(/\d[\d,]* (?:troops|km|bcm)|\d+-km|\d+%| percent/);
    expect(text).toMatch(/,” (?:said|stressed|noted) /);
    expect(text).toMatch(/^Figure \d+ .*Photo: /m);
    // a paragraph that ends mid-sentence (a page break) in the narrative
    expect(text.split(/\n\n+/).some((p) => /[a-z]$/.test(p) && !/^[A-Z][A-Za-z?:' -]+$/.test(p))).toBe(true);
    const labels = [...text.matchAll(/^([^:\n]{1,60}):/gm)].map((m) => m[1]!);
    expect(labels.some((l) => /^[A-Z][a-z]+\.? \d{1,2}[-–]\d{1,2}, \d{4}$/.test(l))).toBe(true);
  });
});

describe('three generated chapters build end to end through the CLI', () => {
  let release = '';
  let ids: string[] = [];
  beforeAll(() => {
    const dir = fresh();
    const sources = path.join(dir, 'sources');
    ids = generateCorpus(sources, 3, 2);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', 'build', '--sources', sources, '--build', path.join(dir, 'build'), '--dist', path.join(dir, 'dist')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = /wrote (\S+)\/ \(\d+ files/.exec(r.stdout);
    release = path.resolve(ROOT, m![1]!);
  }, 240_000);

  for (const table of ['events', 'mentions', 'claims', 'quotes']) {
    it(`the release holds ${table} rows from each of the three sources`, () => {
      const rows = readCsv(path.join(release, `${table}.csv`));
      for (const id of ids) expect(rows.filter((r) => r.source_id === id).length, `${table} of ${id}`).toBeGreaterThan(0);
    });
  }

  it('reads every chronology entry of each source as a chronology event', () => {
    const events = readCsv(path.join(release, 'events.csv')).filter((e) => e.section === 'chronology');
    const sources = readCsv(path.join(release, 'sources.csv'));
    for (const s of sources) expect(events.filter((e) => e.source_id === s.source_id).length).toBe(Number(s.chronology_entries));
    expect(sources.map((s) => s.source_id).sort()).toEqual([...ids].sort());
  });
});
