import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { precisionOf } from '../pipeline/lib/audit.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import type { Coverage } from '../pipeline/normalize/coverage.ts';
import type { CuratorEntry } from '../pipeline/normalize/mentions.ts';
import { curatorCsv, qualityFiles, qualitySummary, spanOfItem } from '../pipeline/export/quality.ts';

const stored = 'Title\r\nThe 🌊 [Amber](#) Line carries “twenty or so units” a year.\r\nLast line.';
const text = new IndexedText(stored);
const cps = Array.from(stored);

const item = (over: Partial<CuratorEntry>): CuratorEntry => ({ source_id: 's', kind: 'unknown_unit', surface: 'twenty or so units', line: 2, candidates: [], reason: 'no unit', ...over });

describe('the span of a curator item', () => {
  it('is found on its line, in code points of the text as stored', () => {
    const s = spanOfItem(text, 2, 'twenty or so units')!;
    expect(cps.slice(s.start, s.end).join('')).toBe('twenty or so units');
    expect(s.evidence).toBe('twenty or so units');
  });

  it('maps a surface written without markup back to the stored words', () => {
    const s = spanOfItem(text, 2, 'Amber Line')!;
    expect(s.evidence).toBe('Amber](#) Line'); // from the first letter of the words, as every span of a linked name
    expect(cps.slice(s.start, s.end).join('')).toBe(s.evidence);
  });

  it('is null when the words are not on the line, or there is no line', () => {
    expect(spanOfItem(text, 3, 'Amber Line')).toBeNull();
    expect(spanOfItem(text, null, 'Amber Line')).toBeNull();
    expect(spanOfItem(text, 9, 'Amber Line')).toBeNull();
  });
});

const share = (found: number, covered: number) => ({ found, covered, share: covered / found });
const coverage: Coverage = {
  sentences: { ...share(10, 8), narrative: share(6, 5), chronology: share(4, 3) },
  numbers: { found: 4, attached: 3, share: 0.75 },
  quotations: { found: 2, attributed: 1, share: 0.5 },
  original_forms: { found: 1, attached: 1, share: 1 },
};

describe('the quality files of a release', () => {
  it('lists every curator item with its columns and span, as RFC 4180 CSV', () => {
    const csv = curatorCsv([item({}), item({ kind: 'ambiguous_short_form', surface: 'Li', line: 7, candidates: ['li-keqiang', 'li-zhanshu'] })], { get: () => text });
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: 'unknown_unit', line: '2', evidence: 'twenty or so units' });
    expect(rows[1]).toMatchObject({ candidates: 'li-keqiang; li-zhanshu', span_start: '', evidence: '' });
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes precision.json only when the version was audited, and says so in the summary', () => {
    const q = { coverage: { all: coverage, sources: { s: coverage } }, curator: [item({})], precision: null };
    expect([...qualityFiles(q, { get: () => text }).keys()]).toEqual(['coverage.json', 'curator-list.csv']);
    expect(qualitySummary(q).join('\n')).toMatch(/80\.0 % of 10 sentences.*3 of 4 figures.*\n.*1 item .*1 unknown unit.*\n.*no audit of this version/);
    const audited = { ...q, precision: [precisionOf('events', [{ row_id: 'a', verdict: 'correct', reason: '', line: 2 }, { row_id: 'b', verdict: 'wrong', reason: 'x', line: 3 }])] };
    expect([...qualityFiles(audited, { get: () => text }).keys()]).toContain('precision.json');
    expect(qualitySummary(audited).at(-1)).toMatch(/`events` 50\.0 % of 2 \(/);
  });
});

describe('a release carries its coverage, curator list and audited precision', () => {
  it('writes them from a build, takes the precision from the audit of its version, and refuses a judgment of a row it does not hold', async () => {
    const { mkdirSync, readFileSync, writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { buildInto, SCHEMA, tempDir, tempPaths } = await import('./helpers.ts');
    const { runExport } = await import('../pipeline/export/stage.ts');
    const { context } = await import('./helpers.ts');
    const audit = path.join(tempDir('crr-audit-'), 'audit');
    const paths = { ...tempPaths(), audit };
    const { releaseDir } = await buildInto(paths);
    const curator = parse(readFileSync(path.join(releaseDir, 'curator-list.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const coverageJson = JSON.parse(readFileSync(path.join(releaseDir, 'coverage.json'), 'utf8'));
    expect(Object.keys(coverageJson.sources).length).toBeGreaterThan(0);
    expect(coverageJson.all.sentences.found).toBeGreaterThan(0);
    expect(curator.length).toBeGreaterThan(0);
    expect(curator.filter((c) => c.span_start !== '').length / curator.length).toBeGreaterThan(0.9);
    expect(() => readFileSync(path.join(releaseDir, 'precision.json'))).toThrow();
    // An audit of this version, then a fresh dist: the release holds the precision.
    const events = parse(readFileSync(path.join(releaseDir, 'events.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    mkdirSync(path.join(audit, SCHEMA.version), { recursive: true });
    writeFileSync(path.join(audit, SCHEMA.version, 'events.csv'), `row_id,verdict,reason\n${events[0]!.event_id},correct,\n${events[1]!.event_id},wrong,the date is the day before\n`);
    const again = { ...paths, dist: path.join(tempDir(), 'dist') };
    const { releaseDir: audited } = await runExport(context(again));
    const precision = JSON.parse(readFileSync(path.join(audited, 'precision.json'), 'utf8'));
    expect(precision).toMatchObject([{ table: 'events', judged: 2, correct: 1, wrong: 1, precision: 0.5 }]);
    expect(readFileSync(path.join(audited, 'SHA256SUMS'), 'utf8')).toMatch(/ precision\.json\n/);
    writeFileSync(path.join(audit, SCHEMA.version, 'events.csv'), 'row_id,verdict,reason\nev-nosuch,correct,\n');
    const third = { ...paths, dist: path.join(tempDir(), 'dist') };
    await expect(runExport(context(third))).rejects.toThrow(/\[audit\/invalid\] .*events\.csv:2: the release's events table has no row ev-nosuch/);
  }, 300_000);
});

describe('a coverage report between stages', () => {
  it('is read with coded errors: missing, or cut, it names its file', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { readJsonFile } = await import('../pipeline/lib/jsonl.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'crr-json-'));
    const file = path.join(dir, 'coverage.json');
    expect(() => readJsonFile(file, dir, 'normalize')).toThrow(/\[stage\/missing-input\] coverage\.json: /);
    writeFileSync(file, '{"sentences": {"found": 3');
    expect(() => readJsonFile(file, dir, 'normalize')).toThrow(/\[stage\/corrupt-output\] coverage\.json: stage output is corrupt/);
    writeFileSync(file, '{"a": 1}\n');
    expect(readJsonFile(file, dir, 'normalize')).toEqual({ a: 1 });
  });
});
