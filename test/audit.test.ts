import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditOfVersion, evidenceContext, precisionOf, readJudgments, rowId, sampleRows, wilson } from '../pipeline/lib/audit.ts';
import { PipelineError } from '../pipeline/lib/errors.ts';

const rows = Array.from({ length: 200 }, (_, i) => ({ id: `r${i}`, v: String(i) }));
const idOf = (r: { id: string }): string => r.id;

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'audit-'));
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof PipelineError) return e.code + ' ' + e.message;
    throw e;
  }
  return 'no error';
}

describe('the audit sample', () => {
  it('is the same for the same seed, different for another, and independent of row order', () => {
    const a = sampleRows(rows, idOf, 10, 1).map(idOf);
    expect(sampleRows([...rows].reverse(), idOf, 10, 1).map(idOf)).toEqual(a);
    expect(sampleRows(rows, idOf, 10, 2).map(idOf)).not.toEqual(a);
    expect(new Set(a).size).toBe(10);
  });

  it('extends a smaller sample when n grows, and takes all rows when n is larger than the table', () => {
    const small = sampleRows(rows, idOf, 5, 3).map(idOf);
    expect(sampleRows(rows, idOf, 25, 3).map(idOf).slice(0, 5)).toEqual(small);
    expect(sampleRows(rows.slice(0, 4), idOf, 10, 3)).toHaveLength(4);
  });

  it('joins a composite primary key with a slash', () => {
    expect(rowId({ event_id: 'ev-1', entity_id: 'russia', role: 'x' }, ['event_id', 'entity_id'])).toBe('ev-1/russia');
  });
});

describe('evidence in its sentence and paragraph', () => {
  // Code points, not UTF-16 units: the emoji before the span counts as one.
  const text = [...'Title line\nFirst 🌊 sentence here. The second one names Putin in Sochi. A third.\nNext paragraph.'];
  const start = text.join('').indexOf('Putin') - 1; // one code point less than UTF-16 (the emoji is two units)
  it('marks the evidence inside the sentence that holds it, with its line', () => {
    const c = evidenceContext(text, start, start + 5, 'Putin');
    expect(c.matches).toBe(true);
    expect(c.line).toBe(2);
    expect(c.sentence).toBe('The second one names ⟦Putin⟧ in Sochi.');
    expect(c.paragraph).toBe('First 🌊 sentence here. The second one names Putin in Sochi. A third.');
  });

  it('flags a span that does not re-slice to the evidence', () => {
    expect(evidenceContext(text, start + 1, start + 6, 'Putin').matches).toBe(false);
  });
});

describe('judgments', () => {
  it('computes precision and a Wilson interval from correct and wrong verdicts, leaving pending rows out', () => {
    const dir = tmp();
    const file = path.join(dir, 'events.csv');
    writeFileSync(file, 'row_id,verdict,reason\nr1,correct,\nr2,correct,\nr3,wrong,"date is the 5th, not the month"\nr4,,\n');
    const p = precisionOf('events', readJudgments(file, 'events.csv'));
    expect(p).toMatchObject({ judged: 3, correct: 2, wrong: 1, pending: 1 });
    expect(p.precision).toBeCloseTo(2 / 3, 10);
    expect(p.low!).toBeLessThan(2 / 3);
    expect(p.high!).toBeGreaterThan(2 / 3);
    const [lo, hi] = wilson(20, 20);
    expect(hi).toBe(1);
    expect(lo).toBeCloseTo(0.8389, 3);
  });

  it('counts a row fixed before publishing as not correct: the precision is the candidate\'s', () => {
    const dir = tmp();
    const file = path.join(dir, 'events.csv');
    writeFileSync(file, 'row_id,verdict,reason\nr1,correct,\nr2,correct,\nr3,fixed,"type was meeting; a summary now, fixed before release"\nr4,wrong,x\n');
    const p = precisionOf('events', readJudgments(file, 'events.csv'));
    expect(p).toMatchObject({ judged: 4, correct: 2, wrong: 2, fixed: 1, pending: 0, precision: 0.5 });
    // A fixed row the fix removed may be absent from the release; a correct or wrong one may not.
    mkdirSync(path.join(dir, '9.9.9'));
    writeFileSync(path.join(dir, '9.9.9', 'events.csv'), 'row_id,verdict,reason\nr1,correct,\nr3,fixed,"removed: the mention was of another body"\n');
    expect(auditOfVersion(dir, '9.9.9', () => new Set(['r1']), 'audit').map((x) => [x.table, x.precision, x.fixed])).toEqual([['events', 0.5, 1]]);
    writeFileSync(path.join(dir, '9.9.9', 'events.csv'), 'row_id,verdict,reason\nr3,fixed,\n');
    expect(codeOf(() => readJudgments(path.join(dir, '9.9.9', 'events.csv'), 'events.csv'))).toMatch(/audit\/invalid .*judged fixed without a reason/);
  });

  it('refuses a wrong header, an unknown verdict, a row judged twice and a wrong verdict without reason', () => {
    const dir = tmp();
    const f = path.join(dir, 'x.csv');
    const cases: [string, RegExp][] = [
      ['id,verdict,reason\nr1,correct,\n', /audit\/invalid .*wrong header/],
      ['row_id,verdict,reason\nr1,ok,\n', /audit\/invalid .*x\.csv:2: unknown verdict/],
      ['row_id,verdict,reason\nr1,correct,\nr1,wrong,x\n', /audit\/invalid .*x\.csv:3: row r1 is judged twice \(first on line 2\)/],
      ['row_id,verdict,reason\nr1,wrong,\n', /audit\/invalid .*without a reason/],
      ['row_id,verdict,reason\n"r1,correct\n', /audit\/invalid .*not valid CSV/],
    ];
    for (const [body, expected] of cases) {
      writeFileSync(f, body);
      expect(codeOf(() => readJudgments(f, 'x.csv'))).toMatch(expected);
    }
  });

  it('reads every table audited for a version, and refuses a judgment of a row or table the release lacks', () => {
    const dir = tmp();
    mkdirSync(path.join(dir, '9.9.9'));
    writeFileSync(path.join(dir, '9.9.9', 'events.csv'), 'row_id,verdict,reason\nr1,correct,\n');
    const ids = (t: string): Set<string> | null => (t === 'events' ? new Set(['r1']) : null);
    expect(auditOfVersion(dir, '9.9.9', ids, 'audit').map((p) => [p.table, p.precision])).toEqual([['events', 1]]);
    expect(auditOfVersion(dir, '1.0.0', ids, 'audit')).toEqual([]);
    writeFileSync(path.join(dir, '9.9.9', 'events.csv'), 'row_id,verdict,reason\nr2,correct,\n');
    expect(codeOf(() => auditOfVersion(dir, '9.9.9', ids, 'audit'))).toMatch(/audit\/invalid .*audit\/9\.9\.9\/events\.csv:2: the release's events table has no row r2/);
    writeFileSync(path.join(dir, '9.9.9', 'events.csv'), 'row_id,verdict,reason\nr1,correct,\n');
    writeFileSync(path.join(dir, '9.9.9', 'nosuch.csv'), 'row_id,verdict,reason\n');
    expect(codeOf(() => auditOfVersion(dir, '9.9.9', ids, 'audit'))).toMatch(/no table named nosuch/);
  });
});

describe('npm run audit on the latest release', () => {
  const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const run = (args: string[]): { status: number | null; out: string; err: string } => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'pipeline', 'audit.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
    return { status: r.status, out: r.stdout, err: r.stderr };
  };

  it('prints the sample with evidence and the lines to judge, then the precision from a judgments file', () => {
    const audit = tmp();
    const r = run(['events', '3', '5', '--audit', audit]);
    expect(r.status).toBe(0);
    const ids = r.out.trim().split('\n').filter((l) => /^ev-[^,]+,,$/.test(l)).map((l) => l.slice(0, -2));
    expect(ids).toHaveLength(3);
    expect((r.out.match(/⟦/g) ?? []).length).toBeGreaterThanOrEqual(3);
    const version = /release (\d+\.\d+\.\d+)/.exec(r.out)![1]!;
    mkdirSync(path.join(audit, version));
    writeFileSync(path.join(audit, version, 'events.csv'), `row_id,verdict,reason\n${ids[0]},correct,\n${ids[1]},wrong,the place is not stated\n${ids[2]},,\n`);
    const p = run(['precision', '--audit', audit]);
    expect(p.status).toBe(0);
    expect(p.out).toMatch(/events\s+50\.0 % \(95 % interval [\d.]+–[\d.]+ %, 2 rows judged\), 1 waiting/);
    // A judged row shows its verdict in the next sample.
    expect(run(['events', '3', '5', '--audit', audit]).out).toContain('judged wrong: the place is not stated');
  });

  it('refuses an unknown table and a bad sample size with a coded error and exit status 1', () => {
    for (const args of [['nosuch'], ['events', '0'], ['events', '3', '-1']]) {
      const r = run(args);
      expect(r.status).toBe(1);
      expect(r.err).toMatch(/^error \[audit\/invalid\]/);
    }
    expect(run([]).status).toBe(2);
  });
});

describe('docs/audit.md', () => {
  it('runs its commands as shown, each printing a sample or the precision', async () => {
    const { readmeSnippet } = await import('./readme.ts');
    const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
    const lines = readmeSnippet('audit-commands').split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
    expect(lines.length).toBe(3);
    for (const line of lines) {
      const r = spawnSync('bash', ['-euo', 'pipefail', '-c', line], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, `${line}\n${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/rows, seed \d+, release|precision per table|no audit/);
    }
  });
});
