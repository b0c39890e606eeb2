/**
 * The same words give the same records whatever the file's line ends or
 * normalization form: the steps read a view (LF, NFC) of the stored text, and
 * every offset and evidence is mapped back to the text as stored.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IndexedText, inView } from '../pipeline/lib/text.ts';
import { ARTICLE_ID, buildInto, copySources, pySlice, ROOT, tempPaths } from './helpers.ts';
import { readCsv } from './load.ts';

describe('the normalized view of a stored text', () => {
  it('maps offsets of a CRLF text back to the stored code points, and slices the stored text', () => {
    const stored = 'One line.\r\nTwo 🌊 words\rthree.\r\n';
    const t = new IndexedText(stored);
    expect(t.normalized).toBe(true);
    expect(t.text).toBe('One line.\nTwo 🌊 words\nthree.\n');
    expect(t.length).toBe([...stored].length);
    const u = t.text.indexOf('words');
    const [s, e] = [t.toCodePoint(u), t.toCodePoint(u + 5)];
    expect([...stored].slice(s, e).join('')).toBe('words');
    expect(t.slice(s, e)).toBe('words');
    expect(t.toUnit(s)).toBe(u);
    // A span over a line end holds the whole CRLF of the stored text.
    expect(t.evidence(0, t.text.indexOf('Two'))).toBe('One line.\r\n');
    expect(t.lineOfUnit(t.text.indexOf('three'))).toBe(3);
    // The CR of a CRLF is never a span's edge: it maps to the start of the line end.
    expect(t.toUnit(9)).toBe(9);
    expect(t.toUnit(10)).toBe(10);
  });

  it('maps offsets of an NFD text back to whole decomposed letters', () => {
    const stored = 'Café and Андрей at Séance.'.normalize('NFD');
    const t = new IndexedText(stored);
    expect(t.text).toBe(stored.normalize('NFC'));
    const u = t.text.indexOf('Андрей');
    const s = t.toCodePoint(u);
    const e = t.toCodePoint(u + 'Андрей'.length);
    expect(t.slice(s, e)).toBe('Андрей'.normalize('NFD'));
    expect(e - s).toBe(7); // six letters, one of them stored as two code points
    expect(t.evidence(u, u + 6)).toBe('Андрей'.normalize('NFD'));
  });

  it('leaves a text that is its own view alone', () => {
    const t = new IndexedText('Plain 🌊 text.\n');
    expect(t.normalized).toBe(false);
    expect(t.evidence(0, 5)).toBe('Plain');
    expect(inView('a\r\nb\u0301')).toBe('a\nb\u0301'.normalize('NFC'));
  });
});

const ARTICLE_DIR = path.join(ROOT, 'sources', ARTICLE_ID);
const TEXT = '000_fa4ab24074eee98d.txt';
const TABLES = ['sources', 'events', 'entities', 'mentions', 'event_participants', 'event_codes', 'quotes', 'terms', 'claims', 'conflicts'];
/** Columns that hold offsets or the stored words, which differ by the CRs and marks of the stored file. */
const STORED = /^(span_(a_|b_)?(start|end)|evidence(_a|_b)?|sha256|bytes|code_points|preferred_citation)$/;
/** Record ids are hashes of the offsets: they differ, and are compared by what they identify. */
const ID = /^(ev|mn|qt|cl|cf|tm)-[0-9a-f-]+$/;

function rowsOf(release: string, table: string): string[] {
  return readCsv(path.join(release, `${table}.csv`))
    .map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !STORED.test(k)).map(([k, v]) => [k, ID.test(v) ? 'ID' : inView(v)])))
    .sort();
}

let plain = '';
let variant = '';
let storedText = '';

beforeAll(async () => {
  const bytes = readFileSync(path.join(ARTICLE_DIR, TEXT));
  // Every line end CRLF, and the whole text decomposed: the Russian й and ё, the accents of names.
  storedText = bytes.toString('utf8').normalize('NFD').replace(/\n/g, '\r\n');
  expect(storedText).not.toBe(bytes.toString('utf8'));
  const dir = copySources([ARTICLE_DIR, path.join(ROOT, 'sources', 'registry')]);
  const out = Buffer.from(storedText);
  writeFileSync(path.join(dir, ARTICLE_ID, TEXT), out);
  const meta = path.join(dir, ARTICLE_ID, 'source.yaml');
  const yaml = readFileSync(meta, 'utf8')
    .replace(/^sha256: .*$/m, `sha256: ${createHash('sha256').update(out).digest('hex')}`)
    .replace(/^bytes: .*$/m, `bytes: ${out.length}`);
  writeFileSync(meta, yaml);
  [plain, variant] = await Promise.all([buildInto(tempPaths()).then((r) => r.releaseDir), buildInto(tempPaths(dir)).then((r) => r.releaseDir)]);
}, 600_000);

describe('a source with CRLF line ends in NFD', () => {
  it.each(TABLES)('gives the same %s records as the LF, NFC text', (table) => {
    const a = rowsOf(plain, table);
    expect(a.length).toBeGreaterThan(0);
    expect(rowsOf(variant, table)).toEqual(a);
  });

  it('publishes offsets into the text as stored: every evidence re-slices the CRLF, NFD file', () => {
    for (const table of TABLES) {
      for (const r of readCsv(path.join(variant, `${table}.csv`))) {
        if (r.span_start === '' || r.source_id !== ARTICLE_ID) continue;
        expect(pySlice(storedText, Number(r.span_start), Number(r.span_end)), `${table} ${JSON.stringify(r).slice(0, 200)}`).toBe(r.evidence);
      }
    }
    expect(readFileSync(path.join(variant, 'sources', `${ARTICLE_ID}.txt`), 'utf8')).toBe(storedText);
  });
});
