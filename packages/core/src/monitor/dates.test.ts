import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateOfDay,
  dayNumber,
  daysBetween,
  isIsoDate,
  IsoDateSchema,
  monthEnd,
  monthIndex,
  monthLabel,
  monthTitle,
  toIsoDate,
} from './dates.ts';

describe('dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(['2024-02-29', '2025-12-31'].map(isIsoDate)).toEqual([true, true]);
    expect(['2025-02-29', '2025-13-01', '2025-1-01', '20250101', ''].map(isIsoDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(IsoDateSchema.safeParse(20250101).error!.issues[0]!.message).toBe(
      'expected a date as YYYY-MM-DD (e.g. 2025-03-31)',
    );
  });

  it('normalizes inputs to ISO dates in UTC', () => {
    expect(toIsoDate('2025-03-31')).toBe('2025-03-31');
    expect(toIsoDate('2025-03-31T23:30:00Z')).toBe('2025-03-31');
    expect(toIsoDate(new Date(Date.UTC(2025, 0, 2)))).toBe('2025-01-02');
    expect(() => toIsoDate('31.03.2025')).toThrow('expected a date as YYYY-MM-DD, got "31.03.2025"');
    expect(() => toIsoDate(new Date(NaN))).toThrow(RangeError);
  });

  it('counts days and months', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dateOfDay(dayNumber('2025-03-01'))).toBe('2025-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2025-01-01', '2025-12-31')).toBe(364);
    expect(monthIndex('2025-03-15')).toBe(2025 * 12 + 2);
    expect(monthIndex('2025-03')).toBe(monthIndex('2025-03-01'));
    expect(() => monthIndex('2025-13')).toThrow(RangeError);
    expect(monthLabel(monthIndex('2025-12-01') + 1)).toBe('2026-01');
    expect(monthEnd(monthIndex('2024-02'))).toBe('2024-02-29');
    expect(monthTitle(monthIndex('2026-05'))).toBe('May 2026');
  });
});
