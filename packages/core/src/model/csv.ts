/**
 * Spreadsheet import: actors and relationships as CSV, columns found by their
 * header names, list cells separated by ";". The rows become an ecosystem
 * document, validated like any other; problems point at file, line and column.
 */
// The browser build bundles its own Buffer, so core stays usable in the web app.
import { parse } from 'csv-parse/browser/esm/sync';
import type { Problem } from './problem.ts';
import { validateDocument, type ValidationResult } from './validate.ts';

export interface CsvFile {
  /** Name shown in problems. */
  name: string;
  text: string;
}

export interface CsvInput {
  ecosystem: { id: string; name: string; purpose?: string };
  actors?: CsvFile;
  relationships?: CsvFile;
}

/** Recognised actor columns; any other column becomes an attribute. */
export const ACTOR_COLUMNS = [
  'id',
  'name',
  'kind',
  'description',
  'capabilities',
  'needs',
  'values',
  'cadence',
  'fiscalYearStart',
  'tags',
] as const;
/** Recognised relationship columns. */
export const RELATIONSHIP_COLUMNS = [
  'from',
  'to',
  'kind',
  'flows',
  'strength',
  'directed',
  'description',
  'visibility',
] as const;

interface Row {
  record: Record<string, string>;
  line: number;
}

const norm = (h: string) =>
  h
    .trim()
    .replace(/[\s_-]+(\w)/g, (_m, c: string) => c.toUpperCase())
    .replace(/^\w/, (c) => c.toLowerCase());
const list = (cell: string | undefined) =>
  cell === undefined || cell.trim() === ''
    ? []
    : cell
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);

function readCsv(file: CsvFile, problems: Problem[]): { header: string[]; rows: Row[] } {
  try {
    const out = parse(file.text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: false,
      info: true,
      trim: false,
    }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    const [head, ...body] = out;
    if (!head) return { header: [], rows: [] };
    const header = head.record.map(norm);
    return {
      header,
      rows: body.map(({ record, info }) => ({
        line: info.lines,
        record: Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])),
      })),
    };
  } catch (e) {
    const err = e as Error & { lines?: number; column?: number | string };
    problems.push({
      path: [],
      file: file.name,
      message: `invalid CSV: ${err.message.replace(/^Invalid Record Length: /, '')}`,
      code: 'syntax',
      ...(typeof err.lines === 'number' ? { line: err.lines } : {}),
    });
    return { header: [], rows: [] };
  }
}

function requireColumns(file: CsvFile, header: string[], required: string[], problems: Problem[]): boolean {
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    problems.push({
      path: [],
      file: file.name,
      line: 1,
      column: 1,
      code: 'missing_column',
      message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header row names the columns)`,
    });
    return false;
  }
  return true;
}

function num(cell: string): number | string {
  const t = cell.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : cell;
}

function bool(cell: string): boolean | string {
  const t = cell.trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(t)) return true;
  if (['false', 'no', 'n', '0'].includes(t)) return false;
  return cell;
}

/** Converts CSV files to a document and validates it; problems carry the CSV file, line and column. */
export function readCsvDocument(input: CsvInput): ValidationResult {
  const problems: Problem[] = [];
  const actorsCsv = input.actors ? readCsv(input.actors, problems) : { header: [], rows: [] };
  const relsCsv = input.relationships ? readCsv(input.relationships, problems) : { header: [], rows: [] };
  if (input.actors && actorsCsv.header.length)
    requireColumns(input.actors, actorsCsv.header, ['id', 'name', 'kind'], problems);
  if (input.relationships && relsCsv.header.length)
    requireColumns(input.relationships, relsCsv.header, ['from', 'to', 'kind'], problems);
  if (problems.length > 0) return { ok: false, problems };

  const actorKnown = new Set<string>(ACTOR_COLUMNS);
  const actors = actorsCsv.rows.map(({ record: r }) => {
    const attributes: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(r)) if (!actorKnown.has(k) && v.trim() !== '') attributes[k] = num(v);
    const cadence = r.cadence?.trim();
    const fys = r.fiscalYearStart?.trim();
    return {
      id: r.id?.trim(),
      name: r.name?.trim(),
      kind: r.kind?.trim(),
      ...(r.description?.trim() ? { description: r.description.trim() } : {}),
      capabilities: list(r.capabilities),
      needs: list(r.needs),
      values: list(r.values),
      ...(cadence ? { clock: { cadence, ...(fys ? { fiscalYearStart: num(fys) } : {}) } } : {}),
      ...(r.tags?.trim() ? { tags: list(r.tags) } : {}),
      ...(Object.keys(attributes).length ? { attributes } : {}),
    };
  });
  const relationships = relsCsv.rows.map(({ record: r }) => ({
    from: r.from?.trim(),
    to: r.to?.trim(),
    kind: r.kind?.trim(),
    ...(r.flows?.trim() ? { flows: list(r.flows) } : {}),
    ...(r.strength?.trim() ? { strength: num(r.strength) } : {}),
    ...(r.directed?.trim() ? { directed: bool(r.directed) } : {}),
    ...(r.description?.trim() ? { description: r.description.trim() } : {}),
    ...(r.visibility?.trim() ? { visibility: r.visibility.trim() } : {}),
  }));
  const raw = { valueweb: 1, ecosystem: input.ecosystem, actors, relationships, partnerships: [] };
  const result = validateDocument(raw);
  if (result.ok) return result;
  // Point each problem at its CSV cell.
  const csvColumn = (header: string[], field: unknown): number | undefined => {
    const key = field === 'clock' ? 'cadence' : field === 'attributes' ? undefined : String(field);
    const i = key === undefined ? -1 : header.indexOf(key);
    return i >= 0 ? i + 1 : undefined;
  };
  return {
    ok: false,
    problems: result.problems.map((p) => {
      const [section, index, field, sub] = p.path;
      const file =
        section === 'actors' ? input.actors : section === 'relationships' ? input.relationships : undefined;
      const table = section === 'actors' ? actorsCsv : relsCsv;
      if (!file || typeof index !== 'number') return p;
      const row = table.rows[index];
      const column = csvColumn(
        table.header,
        field === 'clock' && sub === 'fiscalYearStart' ? 'fiscalYearStart' : field,
      );
      return { ...p, file: file.name, ...(row ? { line: row.line } : {}), ...(column ? { column } : {}) };
    }),
  };
}
