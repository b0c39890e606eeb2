/** Properties over random input (fast-check): what must hold for any text, not just the fixtures. */
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvText } from '../pipeline/export/csv.ts';
import { PipelineError } from '../pipeline/lib/errors.ts';
import type { TableSchema } from '../pipeline/lib/schema.ts';
import { decodeSourceText, firstInvalidUtf8, IndexedText } from '../pipeline/lib/text.ts';
import { parseYamlText } from '../pipeline/lib/yaml.ts';
import { edtfBounds, parseDateLabel, parsePeriodLabel } from '../pipeline/normalize/dates.ts';
import { SCHEMA } from './helpers.ts';

/** Only coded errors may escape. */
function onlyCoded(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof PipelineError)) throw e;
  }
}

const anyText = fc.string({ unit: 'binary', maxLength: 60 });
const astral = fc.array(fc.constantFrom('a', 'é', '胡', '𠀀', '😀', '\n', ' ', 'Ж', '🇨🇳'), { maxLength: 40 }).map((a) => a.join(''));

describe('properties', () => {
  it('CSV written and read back gives the same text for any Unicode string', () => {
    const table = SCHEMA.tables.find((t) => t.name === 'terms')!;
    const textField = table.fields.find((f) => f.type === 'string' && !f.separator && !f.enum)!;
    const one: TableSchema = { ...table, fields: [textField] };
    fc.assert(
      fc.property(fc.array(anyText.filter((s) => s !== ''), { minLength: 1, maxLength: 5 }), (values) => {
        const csv = csvText(one, values.map((v) => ({ [textField.name]: v })));
        const rows = parseCsv(csv, { columns: true, record_delimiter: '\r\n', bom: false, relax_quotes: false }) as Record<string, string>[];
        expect(rows.map((r) => r[textField.name])).toEqual(values);
      }),
      { numRuns: 300 },
    );
  });

  it('code-point offsets and UTF-16 indices convert both ways, and slices equal Python-style code-point slices', () => {
    fc.assert(
      fc.property(astral, fc.nat(), fc.nat(), (s, x, y) => {
        const t = new IndexedText(s);
        const cps = Array.from(s);
        expect(t.length).toBe(cps.length);
        const [a, b] = [x % (cps.length + 1), y % (cps.length + 1)].sort((p, q) => p - q) as [number, number];
        expect(t.slice(a, b)).toBe(cps.slice(a, b).join(''));
        expect(t.toCodePoint(t.toUnit(a))).toBe(a);
      }),
      { numRuns: 500 },
    );
  });

  it('EDTF bounds are monotone: start ≤ end, and a wider interval has wider bounds', () => {
    const day = fc.date({ min: new Date('1600-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const form = fc.tuple(day, fc.constantFrom(10, 7, 4)).map(([d, n]) => d.slice(0, n));
    fc.assert(
      fc.property(form, form, (p, q) => {
        const [a, b] = [p, q].sort();
        const one = edtfBounds(a!, {}, a!);
        expect(one.date_start <= one.date_end).toBe(true);
        if (b!.slice(0, 4) > a!.slice(0, 4)) {
          const range = edtfBounds(`${a}/${b}`, {}, `${a}/${b}`);
          expect(range.date_start <= one.date_start && range.date_end >= one.date_end).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a date label\'s bounds, computed without parsing its EDTF, are those the edtf library gives for it', () => {
    const months = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
    const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
    const label = fc
      .tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.nat(), fc.nat(), fc.constantFrom('day', 'days', 'span', 'month', 'months'))
      .map(([y, m1, m2, x, z, kind]) => {
        const [a, b] = m1 <= m2 ? [m1, m2] : [m2, m1];
        const d1 = 1 + (x % daysIn(y, a));
        const d2 = 1 + (z % daysIn(y, b));
        if (kind === 'day') return `${months[a - 1]} ${d1}, ${y}`;
        if (kind === 'days') {
          const e = 1 + (z % daysIn(y, a));
          return `${months[a - 1]} ${Math.min(d1, e)}–${Math.max(d1, e)}, ${y}`;
        }
        if (kind === 'span' && a < b) return `${months[a - 1]} ${d1}–${months[b - 1]} ${d2}, ${y}`;
        if (kind === 'months' && a < b) return `${months[a - 1]}–${months[b - 1]} ${y}`;
        return `${months[a - 1]} ${y}`;
      });
    fc.assert(
      fc.property(label, (l) => {
        const d = parseDateLabel(l, {});
        expect({ date_start: d.date_start, date_end: d.date_end }, l).toEqual(edtfBounds(d.date_edtf, {}, l));
      }),
      { numRuns: 400 },
    );
  });

  it('the date-label and period parsers throw nothing but coded errors on any input', () => {
    const labelish = fc.oneof(anyText, fc.array(fc.constantFrom('Sept.', 'Dec', ' ', '1', '2019', '–', '-', 'mid', 'late', ',', 'Oct. 3', '31', '/'), { maxLength: 8 }).map((a) => a.join('')));
    fc.assert(
      fc.property(labelish, (s) => {
        onlyCoded(() => parseDateLabel(s, { file: 'x', line: 1 }));
        onlyCoded(() => parsePeriodLabel(s, { file: 'x', line: 1 }));
      }),
      { numRuns: 1000 },
    );
  });

  it('the YAML loader throws nothing but coded errors on any input', () => {
    const yamlish = fc.oneof(anyText, fc.array(fc.constantFrom('a:', ' ', '\n', '- ', '&x', '*x', '[', ']', '{', '}', '"', "'", '!!str', '#', ':', '\t', '|', '>', '%YAML 1.2', '---'), { maxLength: 20 }).map((a) => a.join('')));
    fc.assert(fc.property(yamlish, (s) => onlyCoded(() => parseYamlText(s, 'random.yaml'))), { numRuns: 1000 });
  });

  it('the UTF-8 check agrees with a strict decoder, and the text policy throws only coded errors', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        let strictOk = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          strictOk = false;
        }
        expect(firstInvalidUtf8(bytes) === -1).toBe(strictOk);
        onlyCoded(() => decodeSourceText(bytes, 'random.txt'));
      }),
      { numRuns: 2000 },
    );
  });
});
