/** File input and output for the CLI: clear one-line errors, atomic writes. */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatProblem, type Problem } from '@valueweb/core';

/** A failure the CLI reports as one line and a non-zero exit. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Reads a text file or explains why it cannot. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
    throw new CliError(`cannot read ${file}: ${why}`);
  }
}

/** Writes a file atomically (temporary file, then rename), so a failure never leaves half a file. */
export function writeText(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/** Throws a CliError listing every problem (printed one per line by main). */
export function failWithProblems(what: string, problems: Problem[]): never {
  throw new CliError(
    `${what}: ${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing written`,
    1,
    problems,
  );
}

/** Prints problems, one per line, to stderr. */
export function printProblems(problems: Problem[]): void {
  for (const p of problems.slice(0, 200)) process.stderr.write(`${formatProblem(p)}\n`);
  if (problems.length > 200) process.stderr.write(`… and ${problems.length - 200} more\n`);
}
