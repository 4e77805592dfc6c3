/**
 * Input problems and errors shared by games/, govern/ and value/. A problem names
 * the field it is about (a path relative to the charter, e.g. `['decision', 'veto', 1]`)
 * so a validator can report it next to the document's own schema errors.
 */

/** One thing wrong with an input, located by a path relative to the charter (or to the call's arguments). */
export interface Problem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Thrown when an algorithm's input is unusable; `code` is stable, `path` names the field at fault. */
export class GameInputError extends Error {
  readonly code = 'invalid-input' as const;
  readonly path: readonly (string | number)[];

  constructor(path: readonly (string | number)[], message: string) {
    super(`${path.length > 0 ? `${path.join('.')}: ` : ''}${message}`);
    this.name = 'GameInputError';
    this.path = path;
  }
}

/** Throws a GameInputError for the first problem, if any (the message lists how many more there are). */
export function throwIfProblems(problems: readonly Problem[]): void {
  const first = problems[0];
  if (first === undefined) return;
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new GameInputError(first.path, `${first.message}${more}`);
}
