import { describe, expect, it } from 'vitest';
import { locateMeasurementProblems, readMeasurementsCsv } from './measurements-csv.ts';

const kpis = [{ id: 'babies-screened' }, { id: 'turnaround-days' }];
const file = (text: string) => ({ name: 'm.csv', text });

describe('readMeasurementsCsv', () => {
  it('reads columns by header name, in any order and case, and reports ignored columns', () => {
    const r = readMeasurementsCsv(
      file(
        'Value,KPI,Date,Note,unit\n150,babies-screened,2025-10-31,first month,babies\n1.5e1,turnaround-days,2025-10-31,,days\n',
      ),
      { kpis },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.measurements).toEqual([
      { kpi: 'babies-screened', date: '2025-10-31', value: 150, note: 'first month' },
      { kpi: 'turnaround-days', date: '2025-10-31', value: 15 },
    ]);
    expect(r.rows.map((x) => x.line)).toEqual([2, 3]);
    expect(r.ignoredColumns).toEqual(['unit']);
  });

  it('accepts a note without a note column, a BOM, CRLF line ends, quoted commas and blank lines', () => {
    const r = readMeasurementsCsv(
      file(
        '\uFEFFkpi,date,value,note\r\nbabies-screened,2025-11-30,420,"late, but counted"\r\n\r\nbabies-screened,2025-12-31,-0.5e1,\r\n',
      ),
    );
    expect(r.ok && r.measurements).toEqual([
      { kpi: 'babies-screened', date: '2025-11-30', value: 420, note: 'late, but counted' },
      { kpi: 'babies-screened', date: '2025-12-31', value: -5 },
    ]);
    const noNote = readMeasurementsCsv(file('kpi,date,value\nbabies-screened,2025-11-30,420\n'));
    expect(noNote.ok && noNote.measurements).toEqual([
      { kpi: 'babies-screened', date: '2025-11-30', value: 420 },
    ]);
  });

  it('names the line and column of every bad cell, and returns no measurements at all', () => {
    const text = [
      'kpi,date,value,note',
      'babies-screened,2025-10-31,150,',
      'babies-screend,2025-11-30,420,',
      'babies-screened,30/11/2025,420,',
      'babies-screened,2025-02-30,420,',
      'babies-screened,2025-12-31,"1,234",',
      'babies-screened,2025-12-31,12 babies,',
      'babies-screened,2025-10-31,160,',
      ',2026-01-31,,',
    ].join('\n');
    const r = readMeasurementsCsv(file(text), { kpis });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.column, p.path.join('.'), p.code])).toEqual([
      [3, 1, 'measurements.1.kpi', 'unknown_reference'],
      [4, 2, 'measurements.2.date', 'invalid_value'],
      [5, 2, 'measurements.3.date', 'invalid_value'],
      [6, 3, 'measurements.4.value', 'invalid_value'],
      [7, 3, 'measurements.5.value', 'invalid_value'],
      [8, 2, 'measurements.6.date', 'duplicate_id'],
      [9, 1, 'measurements.7.kpi', 'invalid_value'],
      [9, 3, 'measurements.7.value', 'invalid_value'],
    ]);
    expect(r.problems.every((p) => p.file === 'm.csv')).toBe(true);
    expect(r.problems[0]!.message).toMatch(
      /unknown KPI "babies-screend"; the KPIs are: babies-screened, turnaround-days/,
    );
    expect(r.problems[1]!.message).toMatch(/YYYY-MM-DD.*got "30\/11\/2025"/);
    expect(r.problems[2]!.message).toMatch(/not a real calendar date/);
    expect(r.problems[3]!.message).toMatch(/no thousands separators/);
    expect(r.problems[5]!.message).toMatch(/twice in this file \(also on line 2\)/);
  });

  it('refuses a file without the required columns, an empty file, a header only, and too many cells', () => {
    const noValue = readMeasurementsCsv(file('kpi,day,amount\nx,2025-01-01,1\n'));
    expect(!noValue.ok && noValue.problems[0]).toMatchObject({ line: 1, column: 1, code: 'missing_column' });
    expect(!noValue.ok && noValue.problems[0]!.message).toMatch(/missing columns date, value/);
    const empty = readMeasurementsCsv(file(''));
    expect(!empty.ok && empty.problems[0]!.code).toBe('empty');
    const headerOnly = readMeasurementsCsv(file('kpi,date,value\n'));
    expect(!headerOnly.ok && headerOnly.problems[0]!.message).toMatch(/no data rows/);
    const twice = readMeasurementsCsv(file('kpi,date,value,Value\n'));
    expect(!twice.ok && twice.problems[0]).toMatchObject({ code: 'duplicate_column', column: 4 });
    const extra = readMeasurementsCsv(file('kpi,date,value\nbabies-screened,2025-01-01,1,oops\n'));
    expect(!extra.ok && extra.problems[0]).toMatchObject({ line: 2, column: 4, code: 'syntax' });
    const many = readMeasurementsCsv(
      file('kpi,date,value\na,2025-01-01,1\na,2025-01-02,1\na,2025-01-03,1\n'),
      { maxRows: 2 },
    );
    expect(!many.ok && many.problems[0]).toMatchObject({ line: 4, code: 'too_large' });
    const broken = readMeasurementsCsv(file('kpi,date,value\n"a,2025-01-01,1\n'));
    expect(!broken.ok && broken.problems[0]!.code).toBe('syntax');
  });

  it('does not check KPI ids when no KPI list is given', () => {
    const r = readMeasurementsCsv(file('kpi,date,value\nanything,2025-01-01,1\n'));
    expect(r.ok).toBe(true);
  });
});

describe('locateMeasurementProblems', () => {
  it('points problems at [i, field] back to the line and column of the row', () => {
    const text = 'date,kpi,value\n2025-01-01,a,1\n\n2025-01-02,a,2\n';
    const r = readMeasurementsCsv(file(text));
    if (!r.ok) throw new Error('expected ok');
    const located = locateMeasurementProblems(
      [
        { path: [1, 'date'], message: 'already measured', code: 'duplicate_id' },
        { path: ['x'], message: 'other', code: 'c' },
      ],
      file(text),
      r.rows,
    );
    expect(located[0]).toMatchObject({
      path: ['measurements', 1, 'date'],
      file: 'm.csv',
      line: 4,
      column: 1,
    });
    expect(located[1]).toMatchObject({ path: ['x'], file: 'm.csv' });
    expect(located[1]!.line).toBeUndefined();
  });
});
