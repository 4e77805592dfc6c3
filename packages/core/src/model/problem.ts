/** A path into a document: object keys and array indices, e.g. ['actors', 3, 'kind']. */
export type Path = (string | number)[];

/**
 * One thing wrong with an input, said where and what: a path in the document
 * and, when the input was text, the line and column (1-based).
 */
export interface Problem {
  path: Path;
  message: string;
  /** Stable machine-readable code, e.g. 'invalid_value', 'unknown_reference', 'duplicate_id', 'syntax'. */
  code: string;
  line?: number;
  column?: number;
  /** The file the problem is in, when known. */
  file?: string;
}

/** Formats a path the way users read it: actors[3].kind */
export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out || '(document)';
}

/** One line per problem: file:line:column: path: message */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
  return `${where ? `${where}: ` : ''}${formatPath(p.path)}: ${p.message}`;
}

/** Raised by core functions given bad input; carries every problem found. */
export class ValidationError extends Error {
  readonly code = 'validation_failed';
  constructor(
    readonly problems: Problem[],
    message?: string,
  ) {
    super(
      message ??
        `${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems
          .slice(0, 5)
          .map(formatProblem)
          .join('; ')}${problems.length > 5 ? '; …' : ''}`,
    );
    this.name = 'ValidationError';
  }
}
