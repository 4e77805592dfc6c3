/** Commands that work on ecosystem files with no store: init, validate, schema, analyze. */
import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { documentJsonSchema, readDocument, STARTER_DOCUMENT, summarize, formatProblem } from '@valueweb/core';
import { CliError, failWithProblems, readText, writeText } from '../io.ts';
import { analyzeReport, renderAnalyzeText } from '../analyze.ts';

export function registerDocumentCommands(program: Command): void {
  program
    .command('init')
    .argument('[file]', 'where to write the starter document (default: print it)')
    .option('-f, --force', 'overwrite the file if it exists')
    .description('write a commented starter ecosystem document to edit')
    .action((file: string | undefined, opts: { force?: boolean }) => {
      if (!file) {
        process.stdout.write(STARTER_DOCUMENT);
        return;
      }
      if (existsSync(file) && !opts.force)
        throw new CliError(`${file} already exists (use --force to overwrite it)`);
      writeText(file, STARTER_DOCUMENT);
      process.stdout.write(`Wrote ${file}. Edit it, then: npx valueweb validate ${file}\n`);
    });

  program
    .command('validate')
    .argument('<file>', 'ecosystem document (.yaml, .yml or .json)')
    .option('--json', 'print the result as JSON')
    .description('check an ecosystem document and list every problem with its line and column')
    .action((file: string, opts: { json?: boolean }) => {
      const r = readDocument(readText(file), { file });
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify(r.ok ? { ok: true, summary: summarize(r.document) } : { ok: false, problems: r.problems }, null, 2)}\n`,
        );
        if (!r.ok) throw new CliError(`${file} is not valid`, 1);
        return;
      }
      if (!r.ok) failWithProblems(`${file} is not valid`, r.problems);
      const s = summarize(r.document);
      process.stdout.write(
        `${file} is valid: ecosystem "${s.ecosystem.name}" with ${s.counts.actors} actors, ${s.counts.relationships} relationships, ${s.counts.partnerships} partnerships\n`,
      );
    });

  program
    .command('schema')
    .option('-o, --output <file>', 'write to a file instead of printing')
    .description('print the JSON Schema of the ecosystem document (format v1)')
    .action((opts: { output?: string }) => {
      const text = `${JSON.stringify(documentJsonSchema(), null, 2)}\n`;
      if (opts.output) writeText(opts.output, text);
      else process.stdout.write(text);
    });

  program
    .command('analyze')
    .argument('<file>', 'ecosystem document (.yaml, .yml or .json)')
    .option('--json', 'print the full report as JSON')
    .addOption(
      new Option('--seed <n>', 'seed for community detection and sampling').default(1).argParser((v) => {
        const n = Number(v);
        if (!Number.isInteger(n)) throw new CliError(`--seed ${v}: expected a whole number`, 2);
        return n;
      }),
    )
    .option('--today <date>', 'date the health and signals are computed for (YYYY-MM-DD, default today)')
    .addOption(
      new Option(
        '--exact-betweenness-limit <n>',
        'exact betweenness up to this many actors, sampled above (default 10000)',
      ).argParser((v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0)
          throw new CliError(
            `--exact-betweenness-limit ${v}: expected a whole number of actors, 0 or more`,
            2,
          );
        return n;
      }),
    )
    .description('analyse an ecosystem document (no server or store needed)')
    .action(
      (
        file: string,
        opts: { json?: boolean; seed: number; today?: string; exactBetweennessLimit?: number },
      ) => {
        const r = readDocument(readText(file), { file });
        if (!r.ok) {
          for (const p of r.problems) process.stderr.write(`${formatProblem(p)}\n`);
          throw new CliError(`${file} is not valid: ${r.problems.length} problem(s)`);
        }
        if (opts.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) {
          throw new CliError(`--today ${opts.today}: expected a date as YYYY-MM-DD`, 2);
        }
        const report = analyzeReport(r.document, {
          seed: opts.seed,
          today: opts.today ?? new Date().toISOString().slice(0, 10),
          ...(opts.exactBetweennessLimit !== undefined
            ? { exactBetweennessLimit: opts.exactBetweennessLimit }
            : {}),
        });
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderAnalyzeText(report));
      },
    );
}
