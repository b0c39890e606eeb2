import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SCHEMA, tempDir } from './helpers.ts';
import { readCsv } from './load.ts';
import { readmeSnippet } from './readme.ts';
import { hasCommand, skipWithout } from './tools.ts';

const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);
const SCRIPT = path.join(ROOT, 'test', 'consumers', 'r_read.R');
const hasR = hasCommand('Rscript') && spawnSync('Rscript', ['-e', 'library(readr); library(jsonlite)']).status === 0;

type Report = Record<string, { rows: number; classes: Record<string, string>; cells: Record<string, (string | null)[]> }>;

describe.skipIf(skipWithout(hasR))('R with readr reads every CSV as the README shows (needs apt-get install --no-install-recommends r-base-core r-cran-readr r-cran-jsonlite)', () => {
  let report: Report;
  beforeAll(() => {
    const snippet = path.join(tempDir('crr-r-'), 'snippet.R');
    writeFileSync(snippet, readmeSnippet('r'));
    const run = spawnSync('Rscript', [SCRIPT, snippet, release], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`r_read.R failed:\n${run.stderr}`);
    report = JSON.parse(run.stdout) as Report;
  });

  for (const table of SCHEMA.tables) {
    it(`${table.name}.csv: every row, every value as the CSV has it; dates as Date, integers as numbers`, () => {
      const csv = readCsv(path.join(release, `${table.name}.csv`));
      const r = report[table.name]!;
      expect(r.rows).toBe(csv.length);
      for (const f of table.fields) {
        const cells = r.cells[f.name]!;
        const values = csv.map((row) => (row[f.name] === '' ? null : row[f.name]!));
        if (values.every((v) => v === null)) continue; // a column empty in every row: no type to check
        expect(cells.map((c) => (c === null ? null : String(c))), `${table.name}.${f.name}`).toEqual(
          f.type === 'integer' || f.type === 'number' ? values.map((v) => (v === null ? null : String(Number(v)))) : values,
        );
        // readr guesses a text column whose every value is digits (an EDTF year, claims.implied_origin) as numeric.
        const digits = f.type === 'string' && values.every((v) => v === null || /^-?[1-9]\d*$/.test(v));
        const expected = digits ? 'numeric' : { date: 'Date', integer: 'numeric', number: 'numeric', boolean: 'logical', string: 'character' }[f.type];
        expect(r.classes[f.name], `${table.name}.${f.name}`).toBe(expected);
      }
    });
  }

  it('keeps Chinese and Cyrillic text intact', () => {
    const e = report.entity_names!;
    const i = e.cells.entity_id!.indexOf('hu-chunhua');
    expect(e.cells.name![i]).toBe('胡春华');
    const j = e.cells.entity_id!.indexOf('andrey-denisov');
    expect(e.cells.name![j]).toBe('Андрей Денисов');
  });
});
