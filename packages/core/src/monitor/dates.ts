/**
 * Calendar arithmetic on the document's ISO dates (`YYYY-MM-DD`), in UTC and in
 * whole days, so results never depend on the machine's time zone. Months are
 * counted as one integer (`year * 12 + month - 1`) so clocks can step through them.
 */
import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** A date the caller passes in: an ISO date (`2025-03-31`), an ISO timestamp, or a Date. */
export type DateInput = string | Date;

/**
 * Day numbers of the ISO dates seen so far (a pure cache: the health score
 * and the signals look the same few thousand dates up millions of times).
 * A date that is not a real calendar day is cached as NaN. Bounded.
 */
const DAY_CACHE = new Map<string, number>();
const DAY_CACHE_MAX = 200_000;

/** The day number of a `YYYY-MM-DD` string, or NaN when it is not a real calendar day. */
function isoDay(s: string): number {
  const hit = DAY_CACHE.get(s);
  if (hit !== undefined) return hit;
  const m = ISO_DATE.exec(s);
  let day = Number.NaN;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d)
      day = t.getTime() / MS_PER_DAY;
  }
  if (DAY_CACHE.size >= DAY_CACHE_MAX) DAY_CACHE.clear();
  DAY_CACHE.set(s, day);
  return day;
}

/** True when `s` is `YYYY-MM-DD` and names a real calendar day (no 2025-02-30). */
export function isIsoDate(s: string): boolean {
  return s.length === 10 && !Number.isNaN(isoDay(s));
}

/** Schema for an ISO date string: `YYYY-MM-DD`, checked to be a real calendar day. */
export const IsoDateSchema = z
  .string({ error: 'expected a date as YYYY-MM-DD (e.g. 2025-03-31)' })
  .regex(ISO_DATE, {
    error: (iss) => `expected a date as YYYY-MM-DD (e.g. 2025-03-31), got ${JSON.stringify(iss.input)}`,
    abort: true,
  })
  .refine(isIsoDate, { error: (iss) => `${JSON.stringify(iss.input)} is not a real calendar date` });

/** Normalizes a date input to `YYYY-MM-DD` (UTC); throws a RangeError naming the input when it is not a date. */
export function toIsoDate(d: DateInput): string {
  if (typeof d === 'string') {
    const head = d.slice(0, 10);
    if (isIsoDate(head) && (d.length === 10 || d[10] === 'T')) {
      if (d.length === 10) return head;
      const t = new Date(d);
      if (!Number.isNaN(t.getTime())) return t.toISOString().slice(0, 10);
    }
    throw new RangeError(`expected a date as YYYY-MM-DD, got ${JSON.stringify(d)}`);
  }
  if (Number.isNaN(d.getTime())) throw new RangeError('expected a valid Date, got an invalid one');
  return d.toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (UTC) of a date. */
export function dayNumber(d: DateInput): number {
  if (typeof d === 'string' && d.length === 10) {
    const day = isoDay(d);
    if (!Number.isNaN(day)) return day;
  }
  const iso = toIsoDate(d);
  return (
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY
  );
}

/** The ISO date of a day number (inverse of dayNumber). */
export function dateOfDay(day: number): string {
  return new Date(Math.round(day) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The date `days` days after `d` (before, when negative). */
export function addDays(d: DateInput, days: number): string {
  return dateOfDay(dayNumber(d) + days);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: DateInput, b: DateInput): number {
  return dayNumber(b) - dayNumber(a);
}

/** Month index (`year * 12 + month - 1`) of a date, or of a `YYYY-MM` month. */
export function monthIndex(d: DateInput): number {
  if (typeof d === 'string' && /^\d{4}-\d{2}$/.test(d)) {
    const month = Number(d.slice(5, 7));
    if (month < 1 || month > 12)
      throw new RangeError(`expected a month as YYYY-MM, got ${JSON.stringify(d)}`);
    return Number(d.slice(0, 4)) * 12 + month - 1;
  }
  const iso = toIsoDate(d);
  return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
}

/** `YYYY-MM` of a month index. */
export function monthLabel(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** First day (`YYYY-MM-01`) of a month index. */
export function monthStart(index: number): string {
  return `${monthLabel(index)}-01`;
}

/** Last day of a month index. */
export function monthEnd(index: number): string {
  return addDays(monthStart(index + 1), -1);
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** English name of a month number 1..12. */
export function monthName(month: number): string {
  return MONTH_NAMES[(((month - 1) % 12) + 12) % 12]!;
}

/** Human label of a month index, e.g. "May 2026". */
export function monthTitle(index: number): string {
  const y = Math.floor(index / 12);
  return `${monthName(index - y * 12 + 1)} ${y}`;
}
