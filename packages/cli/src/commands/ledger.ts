/** `valueweb ledger verify`: recompute a partnership's hash-chained ledger in the configured store. */
import type { Command } from 'commander';
import type { Store } from '@valueweb/store';
import { CliError } from '../io.ts';
import { storeOptions, withStore, type StoreFlags } from '../options.ts';

interface VerifyFlags extends StoreFlags {
  ecosystem?: string;
  json?: boolean;
}

/** The ecosystem holding the partnership: the one given, or the only one that has it. */
async function ecosystemOf(store: Store, partnershipId: string, given: string | undefined): Promise<string> {
  if (given) return given;
  const rows = await store.db.query<{ ecosystem_id: string }>(
    'select ecosystem_id from partnerships where id = $1 order by ecosystem_id',
    [partnershipId],
  );
  if (rows.length === 0)
    throw new CliError(
      `no partnership "${partnershipId}" in the store (list the ecosystems with: valueweb ecosystems)`,
    );
  if (rows.length > 1) {
    throw new CliError(
      `partnership "${partnershipId}" exists in ${rows.length} ecosystems (${rows.map((r) => r.ecosystem_id).join(', ')}): say which with --ecosystem <id>`,
      2,
    );
  }
  return rows[0]!.ecosystem_id;
}

export function registerLedgerCommands(program: Command): void {
  const ledger = program
    .command('ledger')
    .description("a partnership's contributions and benefits ledger in the store");
  storeOptions(
    ledger
      .command('verify')
      .argument('<partnership-id>', 'the partnership whose ledger to verify')
      .option(
        '--ecosystem <id>',
        'the ecosystem the partnership is in (needed when several have a partnership with that id)',
      )
      .option('--json', 'print the result as JSON')
      .description(
        'recompute the hash chain of the whole ledger and name the first broken entry (exit 1 when the chain is broken)',
      ),
  ).action(async (partnershipId: string, opts: VerifyFlags) => {
    const { ecosystemId, result } = await withStore(opts, async (store) => {
      const ecosystemId = await ecosystemOf(store, partnershipId, opts.ecosystem);
      return { ecosystemId, result: await store.records.verifyLedger(ecosystemId, partnershipId) };
    });
    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify({ ecosystem: ecosystemId, partnership: partnershipId, ...result }, null, 2)}\n`,
      );
    } else if (result.ok) {
      process.stdout.write(
        `Chain verified: ${result.entries} ledger entr${result.entries === 1 ? 'y' : 'ies'} of "${partnershipId}" (ecosystem "${ecosystemId}"), head ${result.head.slice(0, 16)}…\n`,
      );
    }
    if (!result.ok) {
      const b = result.firstBroken!;
      if (!opts.json)
        process.stdout.write(
          `Chain BROKEN at entry "${b.id}" (#${b.seq}), after ${result.entries} good entr${result.entries === 1 ? 'y' : 'ies'}: ${b.message}\n`,
        );
      throw new CliError(
        `the ledger of "${partnershipId}" is broken at entry "${b.id}" (#${b.seq}, ${b.reason.replace('_', ' ')})`,
        1,
      );
    }
  });
}
