/**
 * The `valueweb` command: serve the platform, and work with ecosystem
 * documents with or without a server. Every command has --help; every failure
 * exits non-zero with a one-line reason (and, for bad input, one line per problem).
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '@valueweb/server';
import { StoreError } from '@valueweb/store';
import { ValidationError } from '@valueweb/core';
import { CliError, printProblems } from './io.ts';
import { registerDocumentCommands } from './commands/documents.ts';
import { registerStoreCommands } from './commands/store.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerLedgerCommands } from './commands/ledger.ts';
import { registerReportCommand } from './commands/report.ts';

export function buildProgram(): Command {
  const program = new Command()
    .name('valueweb')
    .description(
      'Design, govern and monitor ecosystem partnerships. Ecosystem files are YAML or JSON (format v1).',
    )
    .version('0.1.0', '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (str, write) => write(str) })
    .exitOverride();
  registerServeCommand(program);
  registerDocumentCommands(program);
  registerStoreCommands(program);
  registerLedgerCommands(program);
  registerReportCommand(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version'
        ? 0
        : 2;
    }
    if (e instanceof CliError) {
      printProblems(e.problems);
      process.stderr.write(`valueweb: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof ValidationError) {
      printProblems(e.problems);
      process.stderr.write(`valueweb: ${e.problems.length} problem(s), nothing written\n`);
      return 1;
    }
    if (e instanceof StoreError || e instanceof ConfigError) {
      process.stderr.write(`valueweb: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`valueweb: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
}

const code = await main(process.argv);
// Let pending output flush; long-running commands (serve) never reach here until they stop.
process.exitCode = code;
