/** Commands that use the store: import, export, ecosystems, migrate. */
import { Option, type Command } from 'commander';
import {
  formatProblem,
  landscapeToDocument,
  locateProblems,
  parseText,
  readCsvDocument,
  readDocument,
  validateDocument,
  writeDocument,
  type EcosystemDocument,
} from '@valueweb/core';
import { CliError, failWithProblems, readText, writeText } from '../io.ts';
import { Store } from '@valueweb/store';
import { storeConfig } from '@valueweb/server';
import { configFrom, storeOptions, withStore, type StoreFlags } from '../options.ts';
import { progressBar } from '../progress.ts';

interface ImportFlags extends StoreFlags {
  replace?: boolean;
  landscape?: string;
  actors?: string;
  relationships?: string;
  ecosystemId?: string;
  name?: string;
}

/** Reads the document to import from a file or from CSV files; exits with every problem on bad input. */
function documentToImport(file: string | undefined, opts: ImportFlags): EcosystemDocument {
  if (opts.landscape) {
    if (file || opts.actors || opts.relationships)
      throw new CliError('give --landscape alone, without a document or CSV files', 2);
    return landscapeDocument(opts.landscape, opts);
  }
  if (opts.actors || opts.relationships) {
    if (file)
      throw new CliError('give either a document file or --actors/--relationships CSV files, not both', 2);
    if (!opts.ecosystemId)
      throw new CliError('--ecosystem-id is required with CSV files (the id of the ecosystem to create)', 2);
    const r = readCsvDocument({
      ecosystem: { id: opts.ecosystemId, name: opts.name ?? opts.ecosystemId },
      ...(opts.actors ? { actors: { name: opts.actors, text: readText(opts.actors) } } : {}),
      ...(opts.relationships
        ? { relationships: { name: opts.relationships, text: readText(opts.relationships) } }
        : {}),
    });
    if (!r.ok) failWithProblems('the CSV files are not valid', r.problems);
    return r.document;
  }
  if (!file)
    throw new CliError(
      'nothing to import: give a document file, or --actors and --relationships CSV files',
      2,
    );
  const r = readDocument(readText(file), { file });
  if (!r.ok) failWithProblems(`${file} is not valid`, r.problems);
  return r.document;
}

/** Reads a landscape.yml (CNCF, CAMARA, …), converts it and prints the warnings (never fatal). */
function landscapeDocument(file: string, opts: ImportFlags): EcosystemDocument {
  const parsedText = parseText(readText(file), 'yaml');
  if (parsedText.problems.length > 0)
    failWithProblems(`${file} is not a YAML file`, locateProblems(parsedText.problems, parsedText, file));
  const parsed = parsedText.value;
  const id =
    opts.ecosystemId ??
    file
      .replace(/^.*\//, '')
      .replace(/\.ya?ml$/i, '')
      .replace(/[^A-Za-z0-9._:-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '') ??
    'landscape';
  const { document, warnings, stats } = landscapeToDocument(parsed, {
    ecosystemId: id || 'landscape',
    ...(opts.name ? { name: opts.name } : {}),
  });
  const byCode = new Map<string, number>();
  for (const w of warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1);
  for (const w of locateProblems(warnings.slice(0, 20), parsedText, file))
    process.stderr.write(`warning: ${formatProblem(w)}\n`);
  if (warnings.length > 20) {
    process.stderr.write(
      `warning: … ${warnings.length - 20} more (${[...byCode].map(([c, n]) => `${c}: ${n}`).join(', ')})\n`,
    );
  }
  process.stderr.write(`Landscape: ${JSON.stringify(stats)}\n`);
  const r = validateDocument(document);
  if (!r.ok) failWithProblems(`${file} could not be converted to a valid document`, r.problems);
  return r.document;
}

export function registerStoreCommands(program: Command): void {
  storeOptions(
    program
      .command('import')
      .argument('[file]', 'ecosystem document (.yaml, .yml or .json)')
      .option('--replace', 'overwrite an ecosystem with the same id (a snapshot of it is kept)')
      .option(
        '--actors <csv>',
        'actors as CSV (columns: id, name, kind, capabilities, needs, values, cadence, fiscalYearStart, tags, description; others become attributes; lists separated by ";")',
      )
      .option(
        '--relationships <csv>',
        'relationships as CSV (columns: from, to, kind, flows, strength, directed, description)',
      )
      .option(
        '--landscape <file>',
        'a landscape.yml (CNCF, CAMARA and other landscapes): organizations become actors (see docs/landscape-import.md)',
      )
      .option('--ecosystem-id <id>', 'with CSV files or --landscape: the id of the ecosystem to create')
      .option('--name <name>', 'with CSV files or --landscape: the name of the ecosystem')
      .description(
        'import an ecosystem into the store, in one transaction (a file with any problem writes nothing)',
      ),
  ).action(async (file: string | undefined, opts: ImportFlags) => {
    const doc = documentToImport(file, opts);
    await withStore(opts, async (store) => {
      const total = doc.actors.length + doc.relationships.length + doc.partnerships.length;
      const bar = progressBar(total, 'Importing');
      try {
        const r = await store.ecosystems.import(doc, {
          replace: opts.replace ?? false,
          audit: { via: 'cli' },
          onProgress: bar.update,
        });
        bar.stop();
        process.stdout.write(
          `${r.replaced ? 'Replaced' : 'Imported'} ecosystem "${doc.ecosystem.id}": ${r.counts.actors} actors, ${r.counts.relationships} relationships, ${r.counts.partnerships} partnerships${r.snapshotId !== null ? ` (previous state kept as snapshot ${r.snapshotId})` : ''}\n`,
        );
      } finally {
        bar.stop();
      }
    });
  });

  storeOptions(
    program
      .command('export')
      .argument('<ecosystem-id>', 'the ecosystem to export')
      .addOption(new Option('--format <format>', 'yaml or json').choices(['yaml', 'json']))
      .option('-o, --output <file>', 'write to a file (format from its extension unless --format)')
      .description('export an ecosystem from the store as a document'),
  ).action(async (id: string, opts: StoreFlags & { format?: 'yaml' | 'json'; output?: string }) => {
    const format = opts.format ?? (opts.output && /\.json$/i.test(opts.output) ? 'json' : 'yaml');
    const doc = await withStore(opts, (store) => store.ecosystems.export(id));
    const text = writeDocument(doc, format);
    if (opts.output) {
      writeText(opts.output, text);
      process.stderr.write(`Wrote ${opts.output}\n`);
    } else process.stdout.write(text);
  });

  storeOptions(
    program
      .command('ecosystems')
      .option('--json', 'print as JSON')
      .description('list the ecosystems in the store with their counts'),
  ).action(async (opts: StoreFlags & { json?: boolean }) => {
    const list = await withStore(opts, (store) => store.ecosystems.list());
    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify(
          list.map((e) => ({
            id: e.id,
            name: e.name,
            actors: e.actors,
            relationships: e.relationships,
            partnerships: e.partnerships,
          })),
          null,
          2,
        )}\n`,
      );
      return;
    }
    if (list.length === 0) {
      process.stdout.write(
        'No ecosystems yet. Import one: npx valueweb import examples/rare-disease-ecosystem.yaml\n',
      );
      return;
    }
    const rows = [
      ['ID', 'NAME', 'ACTORS', 'RELATIONSHIPS', 'PARTNERSHIPS'],
      ...list.map((e) => [e.id, e.name, String(e.actors), String(e.relationships), String(e.partnerships)]),
    ];
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows)
      process.stdout.write(
        `${r.map((cell, c) => (c >= 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ')}\n`,
      );
  });

  storeOptions(
    program.command('migrate').description('apply pending database migrations (also done at every start)'),
  ).action(async (opts: StoreFlags) => {
    const store = await Store.open(storeConfig(configFrom(opts)), { migrate: false });
    try {
      const ran = await store.migrate();
      process.stdout.write(
        ran.length ? `Applied ${ran.length} migration(s): ${ran.join(', ')}\n` : 'Migrations are current.\n',
      );
    } finally {
      await store.close();
    }
  });
}
