/**
 * What an audit event changed: the top-level fields whose values differ
 * between `before` and `after`, compared by their JSON text.
 */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Fields added, removed or changed, in the order they first appear; [] when neither side is an object. */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  if (!isRecord(before) && !isRecord(after)) return [];
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => k !== 'version' && k !== 'updatedAt' && JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

/** JSON for reading: two-space indentation, `—` for nothing. */
export function prettyJson(v: unknown): string {
  if (v === undefined || v === null) return '—';
  return JSON.stringify(v, null, 2);
}

/** A one-line preview of a value (for a table cell). */
export function preview(v: unknown, max = 60): string {
  if (v === undefined) return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
