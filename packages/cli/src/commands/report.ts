/**
 * `valueweb report <ecosystem-id> [--partnership id] -o report.pdf|report.html`:
 * the executive report from the store (everything in it, as an operator reads
 * it), the same page the server serves: what needs attention first, then
 * progress and value, with SVG charts. The format follows the file's
 * extension; the PDF is printed by Chromium headless.
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { monitor } from '@valueweb/core';
import { StoreError } from '@valueweb/store';
import { buildReport, htmlToPdf, PdfUnavailableError, renderReportHtml } from '@valueweb/server';
import { CliError } from '../io.ts';
import { storeOptions, withStore, type StoreFlags } from '../options.ts';

interface ReportFlags extends StoreFlags {
  partnership?: string;
  output?: string;
  today?: string;
}

/** The format a file name asks for, or a usage error naming the ones known. */
export function reportFormat(file: string | undefined): 'html' | 'pdf' {
  if (file === undefined) return 'html';
  const ext = extname(file).toLowerCase();
  if (ext === '.pdf') return 'pdf';
  if (ext === '.html' || ext === '.htm') return 'html';
  throw new CliError(`-o ${file}: the format follows the file extension: use .pdf or .html`, 2);
}

function writeBytes(file: string, data: string | Buffer): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw new CliError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

export function registerReportCommand(program: Command): void {
  storeOptions(
    program
      .command('report')
      .argument('<ecosystem-id>', 'the ecosystem to report on')
      .option('--partnership <id>', 'one partnership instead of the whole portfolio')
      .option(
        '-o, --output <file>',
        'write to report.pdf or report.html (the format follows the extension); without it the HTML goes to standard output',
      )
      .option('--today <date>', 'the day the report is for (YYYY-MM-DD, default today)')
      .description(
        'the executive report: what needs attention first, then progress and value, with charts (HTML or PDF)',
      ),
  ).action(async (ecosystemId: string, opts: ReportFlags) => {
    const format = reportFormat(opts.output);
    if (opts.today !== undefined && !monitor.isIsoDate(opts.today))
      throw new CliError(`--today ${opts.today}: expected a date as YYYY-MM-DD`, 2);
    const report = await withStore(opts, async (store) => {
      if (opts.partnership !== undefined) {
        try {
          await store.partnerships.get(ecosystemId, opts.partnership);
        } catch (e) {
          if (e instanceof StoreError && e.code === 'not_found') {
            const known = (
              await store.partnerships.list(
                ecosystemId,
                {
                  userId: '',
                  organizationId: '',
                  isAdmin: true,
                  role: 'orchestrator',
                  actorId: null,
                  partnershipIds: [],
                  scope: 'read',
                },
                { limit: 200 },
              )
            ).items.map((p) => p.id);
            throw new CliError(
              `no partnership "${opts.partnership}" in ecosystem "${ecosystemId}"${known.length ? `; known: ${known.join(', ')}` : ''}`,
            );
          }
          throw e;
        }
      }
      return buildReport(store, ecosystemId, {
        ...(opts.today ? { today: opts.today } : {}),
        ...(opts.partnership ? { partnershipId: opts.partnership } : {}),
      });
    });
    const html = renderReportHtml(report);
    if (!opts.output) {
      process.stdout.write(html);
      return;
    }
    if (format === 'html') writeBytes(opts.output, html);
    else {
      try {
        writeBytes(opts.output, await htmlToPdf(html));
      } catch (e) {
        if (e instanceof PdfUnavailableError)
          throw new CliError(`${e.message} (or write report.html instead)`);
        throw e;
      }
    }
    const s = report.summary;
    process.stderr.write(
      `Wrote ${opts.output}: ${report.title}; ${s.partnerships} partnership(s), ${s.critical} critical, ${s.warning} warning(s)\n`,
    );
  });
}
