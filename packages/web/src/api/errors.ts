/**
 * The API's error body `{error: {code, message, details}}` as a typed error,
 * and the helpers that put its details next to the form fields they concern.
 */

/** One problem in `details` of a `validation_failed` answer. */
export interface FieldProblem {
  field: string;
  message: string;
  line?: number;
  column?: number;
  code?: string;
  file?: string;
}

/** An answer that was not 2xx, or a request that never reached the server (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field problems of a validation error (empty for any other error). */
  get problems(): FieldProblem[] {
    return fieldProblems(this.details);
  }

  /** True for 412: someone else changed the resource since it was read. */
  get isConflict(): boolean {
    return this.status === 412 || this.code === 'precondition_failed';
  }
}

/** True when `e` is an ApiError (also across module copies, by shape). */
export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Reads `details` as a list of field problems, tolerating the shapes servers send. */
export function fieldProblems(details: unknown): FieldProblem[] {
  if (!Array.isArray(details)) return [];
  const out: FieldProblem[] = [];
  for (const d of details as unknown[]) {
    if (!d || typeof d !== 'object') continue;
    const r = d as Record<string, unknown>;
    const message = typeof r.message === 'string' ? r.message : 'is not valid';
    let field = typeof r.field === 'string' ? r.field : '';
    if (!field && Array.isArray(r.path))
      field = (r.path as unknown[])
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '');
    out.push({
      field,
      message,
      ...(typeof r.line === 'number' ? { line: r.line } : {}),
      ...(typeof r.column === 'number' ? { column: r.column } : {}),
      ...(typeof r.code === 'string' ? { code: r.code } : {}),
      ...(typeof r.file === 'string' ? { file: r.file } : {}),
    });
  }
  return out;
}

/**
 * The form field a problem belongs to: the first segment of its path, so
 * `capabilities[2]`, `/capabilities/2` and `clock.cadence` land on
 * `capabilities` and `clock`. A prefix such as `body.` or `actors[3].` (when a
 * server reports the document path) is dropped when `known` names the rest.
 */
export function fieldKey(field: string, known?: readonly string[]): string {
  const segments = field
    .replace(/^\//, '')
    .split(/[./[\]]+/)
    .filter((s) => s !== '');
  if (segments.length === 0) return '';
  if (known) {
    const hit = segments.find((s) => known.includes(s));
    if (hit !== undefined) return hit;
  }
  return segments[0] ?? '';
}

/**
 * Splits an error into messages per form field (for the fields the form has)
 * and the rest (to show above the form). Several problems on one field are
 * joined. Any error that is not a validation error is all "rest".
 */
export function formErrors(
  error: unknown,
  known: readonly string[],
): { fields: Record<string, string>; other: string[] } {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  if (!(error instanceof ApiError)) {
    if (error)
      other.push(
        error instanceof Error ? error.message : typeof error === 'string' ? error : 'Something went wrong.',
      );
    return { fields, other };
  }
  const problems = error.problems;
  if (problems.length === 0) {
    other.push(describeError(error));
    return { fields, other };
  }
  for (const p of problems) {
    const key = fieldKey(p.field, known);
    if (known.includes(key)) fields[key] = fields[key] ? `${fields[key]}; ${p.message}` : p.message;
    else other.push(p.field ? `${p.field}: ${p.message}` : p.message);
  }
  return { fields, other };
}

/** One sentence for a person, in the product's words, for any error. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : 'Something went wrong.';
  switch (error.code) {
    case 'network':
      return 'Valueweb could not reach the server. Check your connection and try again.';
    case 'unauthenticated':
      return 'Your session has ended. Please sign in again.';
    case 'forbidden':
      return `You don't have permission to do this${error.message ? ` (${error.message})` : ''}.`;
    case 'not_found':
      return 'This item no longer exists, or it is not shared with your organization.';
    case 'precondition_failed':
      return 'Someone else changed this while you were editing. Reload to see their changes, then make yours again.';
    case 'precondition_required':
      return 'This change needs the version you edited; reload and try again.';
    case 'rate_limited':
      return 'Too many requests. Wait a moment and try again.';
    case 'payload_too_large':
      return 'The file is too large for the server.';
    default:
      return error.message || `The server answered ${error.status}.`;
  }
}
