/**
 * KPI measurements from a spreadsheet: a CSV file whose header row names the
 * columns `kpi`, `date`, `value` and (optionally) `note`, in any order and any
 * letter case; other columns are ignored and reported as such. Each data row
 * is one measurement. Every problem names the file, the line and the column
 * of the cell, and the row's place in the list (`measurements[i].field`), so
 * a person can fix the file in their spreadsheet. The caller writes nothing
 * unless the whole file is clean (all or nothing).
 */
import { parse } from 'csv-parse/browser/esm/sync';
import type { CsvFile } from '../model/csv.ts';
import type { Path, Problem } from '../model/problem.ts';
import { isIsoDate } from './dates.ts';
import type { MeasurementRecord } from './schema.ts';

/** The columns read, by header name. */
export const MEASUREMENT_CSV_COLUMNS = ['kpi', 'date', 'value', 'note'] as const;
export type MeasurementCsvColumn = (typeof MEASUREMENT_CSV_COLUMNS)[number];
const REQUIRED: readonly MeasurementCsvColumn[] = ['kpi', 'date', 'value'];

/** At most this many data rows in one file (the API takes 100,000 measurements per call). */
export const MAX_MEASUREMENT_CSV_ROWS = 100_000;
const MAX_NOTE = 1000;

/** One data row read: the measurement and where it came from. */
export interface MeasurementCsvRow {
  /** 1-based line of the row in the file. */
  line: number;
  measurement: MeasurementRecord;
}

export type MeasurementCsvResult =
  | { ok: true; rows: MeasurementCsvRow[]; measurements: MeasurementRecord[]; ignoredColumns: string[] }
  | { ok: false; problems: Problem[] };

export interface MeasurementCsvOptions {
  /** The KPIs measurements may name (checked when given), with names for the message. */
  kpis?: readonly { id: string; name?: string }[];
  maxRows?: number;
}

const normHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

/** A plain decimal number (optional sign, digits, one point, optional exponent). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Reads a measurements CSV; see the module comment for the format. */
export function readMeasurementsCsv(
  file: CsvFile,
  options: MeasurementCsvOptions = {},
): MeasurementCsvResult {
  const problems: Problem[] = [];
  const at = (
    line: number,
    column: number | undefined,
    path: Path,
    message: string,
    code: string,
  ): Problem => ({
    path,
    message,
    code,
    file: file.name,
    line,
    ...(column !== undefined ? { column } : {}),
  });
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(file.text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      trim: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as Error & { lines?: number };
    return {
      ok: false,
      problems: [
        {
          path: [],
          file: file.name,
          code: 'syntax',
          message: `invalid CSV: ${err.message}`,
          ...(typeof err.lines === 'number' ? { line: err.lines } : {}),
        },
      ],
    };
  }
  const [head, ...body] = records;
  if (!head) {
    return {
      ok: false,
      problems: [
        at(
          1,
          undefined,
          [],
          'the file is empty: expected a header row "kpi,date,value,note" and one measurement per row',
          'empty',
        ),
      ],
    };
  }
  const header = head.record.map(normHeader);
  const col = new Map<MeasurementCsvColumn, number>();
  const ignoredColumns: string[] = [];
  header.forEach((h, i) => {
    const known = (MEASUREMENT_CSV_COLUMNS as readonly string[]).includes(h)
      ? (h as MeasurementCsvColumn)
      : undefined;
    if (known && col.has(known)) {
      problems.push(
        at(
          head.info.lines,
          i + 1,
          [],
          `column "${h}" appears twice (columns ${col.get(known)! + 1} and ${i + 1})`,
          'duplicate_column',
        ),
      );
    } else if (known) col.set(known, i);
    else ignoredColumns.push(head.record[i]!.trim() || `(column ${i + 1}, no name)`);
  });
  const missing = REQUIRED.filter((c) => !col.has(c));
  if (missing.length) {
    problems.push(
      at(
        head.info.lines,
        1,
        [],
        `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: the header row names the columns kpi, date, value and (optionally) note; it has ${header.filter(Boolean).join(', ') || 'no names'}`,
        'missing_column',
      ),
    );
  }
  if (problems.length) return { ok: false, problems };
  if (!body.length) {
    return {
      ok: false,
      problems: [
        at(
          head.info.lines,
          undefined,
          [],
          'no measurements: the file has a header row but no data rows',
          'empty',
        ),
      ],
    };
  }
  const maxRows = options.maxRows ?? MAX_MEASUREMENT_CSV_ROWS;
  if (body.length > maxRows) {
    return {
      ok: false,
      problems: [
        at(
          body[maxRows]!.info.lines,
          undefined,
          [],
          `too many rows: at most ${maxRows} measurements per file, this one has ${body.length}`,
          'too_large',
        ),
      ],
    };
  }
  const kpis = options.kpis ? new Map(options.kpis.map((k) => [k.id, k])) : undefined;
  const seen = new Map<string, number>();
  const rows: MeasurementCsvRow[] = [];
  body.forEach(({ record, info }, i) => {
    const line = info.lines;
    const cell = (c: MeasurementCsvColumn) => {
      const j = col.get(c);
      return j === undefined ? undefined : (record[j] ?? '').trim();
    };
    const problem = (c: MeasurementCsvColumn, message: string, code = 'invalid_value') =>
      problems.push(at(line, col.get(c)! + 1, ['measurements', i, c], message, code));
    const before = problems.length;
    if (record.length > header.length) {
      problems.push(
        at(
          line,
          header.length + 1,
          ['measurements', i],
          `this row has ${record.length} cells but the header names ${header.length} columns (a comma inside a note needs quotes)`,
          'syntax',
        ),
      );
    }
    const kpi = cell('kpi') ?? '';
    if (!kpi) problem('kpi', 'expected the id of a KPI');
    else if (kpis && !kpis.has(kpi)) {
      const known = [...kpis.keys()];
      problem(
        'kpi',
        `unknown KPI "${kpi}"${known.length ? `; the KPIs are: ${known.join(', ')}` : '; this partnership has no KPIs yet'}`,
        'unknown_reference',
      );
    }
    const date = cell('date') ?? '';
    if (!date) problem('date', 'expected a date as YYYY-MM-DD (e.g. 2026-03-31)');
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
      problem('date', `expected a date as YYYY-MM-DD (e.g. 2026-03-31), got "${date}"`);
    else if (!isIsoDate(date)) problem('date', `"${date}" is not a real calendar date`);
    const rawValue = cell('value') ?? '';
    const value = Number(rawValue);
    if (!rawValue) problem('value', 'expected a number');
    else if (!NUMBER.test(rawValue) || !Number.isFinite(value)) {
      problem(
        'value',
        `expected a number like 12 or 12.5 (a point for decimals, no thousands separators or units), got "${rawValue}"`,
      );
    }
    const note = cell('note') ?? '';
    if (note.length > MAX_NOTE)
      problem('note', `expected at most ${MAX_NOTE} characters, got ${note.length}`);
    if (kpi && date && problems.length === before) {
      const key = `${kpi}\u0000${date}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problem(
          'date',
          `KPI "${kpi}" is measured on ${date} twice in this file (also on line ${first}); keep one per day`,
          'duplicate_id',
        );
      } else seen.set(key, line);
    }
    if (problems.length === before) {
      rows.push({ line, measurement: { kpi, date, value, ...(note ? { note } : {}) } });
    }
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, rows, measurements: rows.map((r) => r.measurement), ignoredColumns };
}

/**
 * Points problems about measurement `i` (paths `[i, field]`, as the store and
 * the API report them for a list of measurements) at the CSV line and column
 * that row came from.
 */
export function locateMeasurementProblems(
  problems: readonly Problem[],
  file: { name: string; text: string },
  rows: readonly MeasurementCsvRow[],
): Problem[] {
  const parsed: unknown[] = parse(file.text, { bom: true, to_line: 1, relax_column_count: true });
  const head = (parsed[0] ?? []) as string[];
  const header = head.map(normHeader);
  return problems.map((p) => {
    const [i, field] = p.path;
    const row = typeof i === 'number' ? rows[i] : undefined;
    if (!row) return { ...p, file: file.name };
    const j = typeof field === 'string' ? header.indexOf(field) : -1;
    return {
      ...p,
      path: ['measurements', i as number, ...p.path.slice(1)],
      file: file.name,
      line: row.line,
      ...(j >= 0 ? { column: j + 1 } : {}),
    };
  });
}
