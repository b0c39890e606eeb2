import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellText } from '../pipeline/export/csv.ts';
import { ABOUT_SHEET } from '../pipeline/export/xlsx.ts';
import type { DatasetSchema, FieldSpec, Value } from '../pipeline/lib/schema.ts';
import { EDGE_SCHEMA, edgeRelease, MULTILINGUAL, TRAPS } from './edge.ts';
import { buildInto, SCHEMA, tempDir, tempPaths } from './helpers.ts';
import { readCsv, typedRow } from './load.ts';
import { readmeSnippet } from './readme.ts';
import { hasCommand, INSTALL, skipWithout } from './tools.ts';

const HOME = tempDir('crr-soffice-home-');

/**
 * Runs a README shell snippet in a copy of a release folder. LibreOffice
 * keeps its profile under $HOME, so the tests give it a fresh one; soffice
 * exits 0 even when a conversion fails, so callers check the files it wrote.
 */
function runSnippet(snippet: string, dir: string): void {
  const run = spawnSync('bash', ['-euo', 'pipefail', '-c', snippet], { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME }, timeout: 120_000 });
  if (run.status !== 0) throw new Error(`snippet failed (${run.status}):\n${snippet}\n${run.stderr}`);
}

/** LibreOffice keeps a line break inside a cell as LF (README, "LibreOffice Calc"); nothing else may change. */
/**
 * A cell's value without its formatting: where fonts for several scripts are
 * installed, LibreOffice stores a text mixing Latin and Chinese as rich text
 * (one run per font); the characters are what must survive.
 */
function plainValue(v: unknown): unknown {
  if (v && typeof v === 'object' && 'richText' in v) return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  return v ?? null;
}

const calcText = (s: string): string => s.replace(/\r\n/g, '\n');

/** What a cell should hold after LibreOffice read the CSV with the README's options. */
function expectedCell(f: FieldSpec, v: Value): unknown {
  if (v === null) return null;
  if (f.separator !== undefined) return calcText(cellText(f, v)!);
  if (f.type === 'date') return new Date(`${String(v)}T00:00:00Z`);
  if (f.type === 'string') return calcText(String(v));
  return v;
}

/** What LibreOffice writes for a value when it saves a sheet as CSV "as shown". */
function shownText(f: FieldSpec, v: Value): string {
  if (v === null) return '';
  if (f.separator !== undefined) return calcText(cellText(f, v)!);
  if (f.type === 'boolean') return v ? 'TRUE' : 'FALSE';
  return calcText(String(v));
}

describe.skipIf(skipWithout(hasCommand('soffice')))(`LibreOffice opens every CSV and the workbook, and the text survives (needs ${INSTALL})`, () => {
  const releases: { label: string; schema: DatasetSchema; dir: string; work: string }[] = [
    // The shipped sources built by this code: dist/ holds the workbook the release was cut with.
    { label: 'the release', schema: SCHEMA, dir: '', work: '' },
    { label: 'the edge fixture', schema: EDGE_SCHEMA, dir: '', work: '' },
  ];
  beforeAll(async () => {
    if (!hasCommand('soffice')) throw new Error(`soffice is not installed: ${INSTALL}`);
    releases[0]!.dir = (await buildInto(tempPaths())).releaseDir;
    releases[1]!.dir = (await edgeRelease()).dir;
    mkdirSync(path.join(HOME, 'home'), { recursive: true });
    for (const r of releases) {
      r.work = path.join(tempDir('crr-soffice-'), r.schema.version);
      cpSync(r.dir, r.work, { recursive: true });
    }
  }, 300_000);

  for (const rel of releases) {
    it(`${rel.label}: the README command opens every CSV as UTF-8; texts stay texts, dates become dates, numbers numbers`, async () => {
      runSnippet(readmeSnippet('libreoffice-csv'), rel.work);
      for (const table of rel.schema.tables) {
        const out = path.join(rel.work, `${table.name}.xlsx`);
        expect(existsSync(out), out).toBe(true);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(out);
        const ws = wb.worksheets[0]!;
        const csv = readCsv(path.join(rel.dir, `${table.name}.csv`)).map((r) => typedRow(table, r));
        expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(table.fields.map((f) => f.name));
        expect(ws.actualRowCount).toBe(csv.length + 1);
        csv.forEach((row, i) => {
          table.fields.forEach((f, j) => {
            const cell = ws.getRow(i + 2).getCell(j + 1);
            expect(plainValue(cell.value), `${table.name} row ${i + 2} ${f.name}`).toEqual(expectedCell(f, row[f.name]!));
          });
        });
      }
    });

    it(`${rel.label}: the README command turns every sheet of the workbook back into UTF-8 CSV, every text intact`, () => {
      const workbook = `${rel.schema.name}.xlsx`;
      // The snippet names the release's workbook; the edge fixture's has its own name.
      runSnippet(readmeSnippet('libreoffice-xlsx').replace(`${SCHEMA.name}.xlsx`, workbook), rel.work);
      const about = path.join(rel.work, `${rel.schema.name}-${ABOUT_SHEET}.csv`);
      expect(readFileSync(about, 'utf8')).toContain(rel.schema.title);
      for (const table of rel.schema.tables) {
        const out = path.join(rel.work, `${rel.schema.name}-${table.name}.csv`);
        expect(existsSync(out), out).toBe(true);
        const got = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
        const csv = readCsv(path.join(rel.dir, `${table.name}.csv`)).map((r) => typedRow(table, r));
        expect(got).toHaveLength(csv.length);
        got.forEach((row, i) => {
          for (const f of table.fields) {
            const at = `${table.name}[${i}].${f.name}`;
            const want = csv[i]![f.name]!;
            // Numbers are saved as shown, e.g. 1e-7 as 0.0000001: compare them as numbers.
            if ((f.type === 'number' || f.type === 'integer') && f.separator === undefined && want !== null) expect(Number(row[f.name]), at).toBe(want);
            else expect(row[f.name], at).toBe(shownText(f, want));
          }
        });
      }
    });
  }

  it('keeps Chinese, Cyrillic and formula-shaped texts character for character', () => {
    const events = parse(readFileSync(path.join(releases[0]!.work, `${SCHEMA.name}-events.csv`)), { columns: true }) as Record<string, string>[];
    expect(events.some((e) => e.description!.includes('Hu Chunhua (胡春华)'))).toBe(true);
    expect(events.some((e) => e.description!.includes('(Центр-2019)'))).toBe(true);
    const items = parse(readFileSync(path.join(releases[1]!.work, `${EDGE_SCHEMA.name}-items.csv`)), { columns: true }) as Record<string, string>[];
    expect(items.map((r) => r.text)).toEqual(expect.arrayContaining([...TRAPS, calcText(MULTILINGUAL), ' padded ']));
  });
});
