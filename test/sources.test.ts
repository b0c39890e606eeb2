import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../pipeline/lib/errors.ts';
import { loadSources } from '../pipeline/lib/sources.ts';
import { copySources, FIXTURES, ROOT, codeOf } from './helpers.ts';

const fixture = path.join(FIXTURES, 'ardenia-borvia-fixture');


describe('sources', () => {
  it('loads every source folder, pinned by size and hash', () => {
    const sources = loadSources(path.join(ROOT, 'sources'), ROOT);
    // Every folder but the registry, in id order, whatever number of sources the repository holds.
    const folders = readdirSync(path.join(ROOT, 'sources')).filter((f) => f !== 'registry' && !f.startsWith('.')).sort();
    expect(sources.map((s) => s.meta.id)).toEqual(folders);
    const article = sources.find((s) => s.meta.id === 'cc-21-3-china-russia')!;
    expect(article.textPath).toBe('sources/cc-21-3-china-russia/000_fa4ab24074eee98d.txt');
    expect(article.text.length).toBe(48197);
  });

  it('refuses a text whose hash differs, naming the file and both hashes', () => {
    const dir = copySources([fixture]);
    const text = path.join(dir, 'ardenia-borvia-fixture', 'chapter.txt');
    writeFileSync(text, readFileSync(text, 'utf8').replace('Kel', 'Kal'));
    try {
      loadSources(dir, ROOT);
      throw new Error('expected an error');
    } catch (e) {
      expect((e as PipelineError).code).toBe('source/hash-mismatch');
      expect((e as Error).message).toContain('chapter.txt');
      expect((e as Error).message).toContain('8f1f4238408772abe9bead54f0bad0d469b3066804894245f733510ee29a0550');
    }
  });

  it('says a shortened text is truncated', () => {
    const dir = copySources([fixture]);
    const text = path.join(dir, 'ardenia-borvia-fixture', 'chapter.txt');
    writeFileSync(text, readFileSync(text).subarray(0, 500));
    expect(codeOf(() => loadSources(dir, ROOT))).toBe('source/truncated');
  });

  it('says a longer text does not match its hash', () => {
    const dir = copySources([fixture]);
    appendFileSync(path.join(dir, 'ardenia-borvia-fixture', 'chapter.txt'), 'more');
    expect(codeOf(() => loadSources(dir, ROOT))).toBe('source/hash-mismatch');
  });

  it('refuses metadata without a citation field, or whose citation is not in the text', () => {
    const dir = copySources([fixture]);
    const meta = path.join(dir, 'ardenia-borvia-fixture', 'source.yaml');
    const original = readFileSync(meta, 'utf8');
    writeFileSync(meta, original.replace(/^journal:.*$/m, ''));
    expect(codeOf(() => loadSources(dir, ROOT))).toBe('source/invalid-metadata');
    writeFileSync(meta, original.replace('pp 1–3."', 'pp 1–4."'));
    expect(codeOf(() => loadSources(dir, ROOT))).toBe('source/quote-not-found');
  });

  it('refuses a folder without source.yaml, or a missing text', () => {
    const dir = copySources([fixture]);
    rmSync(path.join(dir, 'ardenia-borvia-fixture', 'chapter.txt'));
    expect(codeOf(() => loadSources(dir, ROOT))).toBe('source/missing-file');
    rmSync(path.join(dir, 'ardenia-borvia-fixture', 'source.yaml'));
    expect(codeOf(() => loadSources(dir, ROOT))).toBe('source/missing-file');
  });

  it('refuses a text that is not UTF-8', async () => {
    const dir = copySources([fixture]);
    const folder = path.join(dir, 'ardenia-borvia-fixture');
    const bytes = Buffer.from([0x41, 0xff, 0x42]);
    writeFileSync(path.join(folder, 'chapter.txt'), bytes);
    const meta = path.join(folder, 'source.yaml');
    const sha = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^sha256: .*$/m, `sha256: ${sha}`).replace(/^bytes: .*$/m, 'bytes: 3'));
    expect(codeOf(() => loadSources(dir, ROOT))).toBe('source/encoding');
  });
});
