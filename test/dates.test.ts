import { describe, expect, it } from 'vitest';
import { codeOf } from './helpers.ts';
import { parseDateLabel, parsePeriodLabel } from '../pipeline/normalize/dates.ts';

const where = { file: 'sources/x/text.txt', line: 7 };
const period = parsePeriodLabel('SEPTEMBER – DECEMBER 2019', where);


describe('date labels as the journal prints them', () => {
  it.each([
    ['Sept. 5, 2019', '2019-09-05', '2019-09-05', 'day', '2019-09-05'],
    ['Sept. 16–18, 2019', '2019-09-16', '2019-09-18', 'day', '2019-09-16/2019-09-18'],
    ['Oct. 11-18, 2019', '2019-10-11', '2019-10-18', 'day', '2019-10-11/2019-10-18'],
    ['Oct. 31-Nov. 1, 2019', '2019-10-31', '2019-11-01', 'day', '2019-10-31/2019-11-01'],
    ['Dec. 30, 2019–Jan. 2, 2020', '2019-12-30', '2020-01-02', 'day', '2019-12-30/2020-01-02'],
    ['Dec. 30–Jan. 2, 2020', '2019-12-30', '2020-01-02', 'day', '2019-12-30/2020-01-02'],
    ['March 3, 2019', '2019-03-03', '2019-03-03', 'day', '2019-03-03'],
    ['April 30, 2019', '2019-04-30', '2019-04-30', 'day', '2019-04-30'],
    ['May 1, 2019', '2019-05-01', '2019-05-01', 'day', '2019-05-01'],
    ['June 9-10, 2019', '2019-06-09', '2019-06-10', 'day', '2019-06-09/2019-06-10'],
    ['July 22, 2019', '2019-07-22', '2019-07-22', 'day', '2019-07-22'],
    ['Aug. 2, 2019', '2019-08-02', '2019-08-02', 'day', '2019-08-02'],
    ['Jan. 1, 2020', '2020-01-01', '2020-01-01', 'day', '2020-01-01'],
    ['Feb. 29, 2020', '2020-02-29', '2020-02-29', 'day', '2020-02-29'],
    ['Sept. 2019', '2019-09-01', '2019-09-30', 'month', '2019-09'],
  ])('%s → %s … %s (%s, %s)', (label, start, end, precision, edtf) => {
    const d = parseDateLabel(label, where);
    expect(d).toEqual({ date_start: start, date_end: end, date_precision: precision, date_edtf: edtf, date_year_inferred: false });
  });

  it('reads the chronology heading as a period of months', () => {
    expect(period).toEqual({ start: '2019-09-01', end: '2019-12-31', edtf: '2019-09/2019-12' });
    expect(parsePeriodLabel('DECEMBER 2020 – FEBRUARY 2021', where)).toEqual({ start: '2020-12-01', end: '2021-02-28', edtf: '2020-12/2021-02' });
  });

  it('takes a missing year from the period and says so', () => {
    expect(parseDateLabel('Nov. 5', where, period)).toMatchObject({ date_start: '2019-11-05', date_year_inferred: true });
    const winter = parsePeriodLabel('DECEMBER 2020 – FEBRUARY 2021', where);
    expect(parseDateLabel('Jan. 5', where, winter)).toMatchObject({ date_start: '2021-01-05', date_year_inferred: true });
    expect(parseDateLabel('Dec. 5', where, winter)).toMatchObject({ date_start: '2020-12-05', date_year_inferred: true });
  });

  it('never guesses a year: no year and no period is an error, and so is a month outside the period', () => {
    expect(codeOf(() => parseDateLabel('Nov. 5', where))).toBe('date/unreadable');
    expect(codeOf(() => parseDateLabel('March 5', where, period))).toBe('date/unreadable');
  });

  it('rejects impossible dates, which the edtf library would roll over', () => {
    expect(codeOf(() => parseDateLabel('Sept. 31, 2019', where))).toBe('date/invalid');
    expect(codeOf(() => parseDateLabel('Feb. 29, 2019', where))).toBe('date/invalid');
    expect(codeOf(() => parseDateLabel('Oct. 18-11, 2019', where))).toBe('date/invalid');
  });

  it('rejects labels outside the grammar, naming file, line and value', () => {
    for (const label of ['Sometime in autumn', 'Septembre 5, 2019', '5, 2019', 'Sept. 5, 2019 – Oct. 1, 2019 – Nov. 2, 2019', 'Sept. 5–Oct., 2019']) {
      expect(codeOf(() => parseDateLabel(label, where)), label).toBe('date/unreadable');
    }
    try {
      parseDateLabel('Sometime', where);
    } catch (e) {
      expect((e as Error).message).toContain('sources/x/text.txt:7');
      expect((e as Error).message).toContain('"Sometime"');
    }
  });
});
