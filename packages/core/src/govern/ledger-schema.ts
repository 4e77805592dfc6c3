/**
 * `partnerships[].ledger`, a contract: the contributions and benefits ledger.
 * Each entry says who put in (contribution) or took out (benefit) what, of
 * which type, valued how much in which currency, when, and with what evidence.
 * Entries are never edited: a correction is a reversing entry (`reverses: <id>`,
 * same kind, actor, value and currency) followed, if needed, by a new entry.
 * Cross-references are checked by the document checks (model/checks.ts).
 */
import { z } from 'zod';
import { IdSchema, Label, oneOf, Text, VISIBILITIES } from '../model/partnership-base.ts';
import { IsoDateSchema } from '../monitor/dates.ts';

export const LEDGER_KINDS = ['contribution', 'benefit'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** What was contributed or received. */
export const LEDGER_TYPES = [
  'cash',
  'in-kind',
  'ip',
  'staff-time',
  'data',
  'market-access',
  'other',
] as const;
export type LedgerType = (typeof LEDGER_TYPES)[number];

export const LedgerEntrySchema = z.strictObject({
  id: IdSchema,
  kind: z.enum(LEDGER_KINDS, { error: oneOf('ledger kind', LEDGER_KINDS) }),
  /** The actor that contributed or benefited (a member of the partnership). */
  actor: IdSchema,
  type: z.enum(LEDGER_TYPES, { error: oneOf('ledger type', LEDGER_TYPES) }),
  /** How much, in `unit` (e.g. 120 staff days, 3 data sets). */
  quantity: z
    .number({ error: 'expected a number' })
    .finite({ error: 'expected a finite number' })
    .nonnegative({ error: 'expected a quantity of 0 or more' })
    .optional(),
  unit: Label.optional(),
  /** The agreed valuation, in `currency`; never negative (a correction is a reversing entry). */
  value: z.number({ error: 'expected a number' }).finite({ error: 'expected a finite number' }).nonnegative({
    error: 'expected a value of 0 or more; to correct an entry, add one with `reverses: <id of the entry>`',
  }),
  /** ISO 4217 code, e.g. EUR. */
  currency: z
    .string({ error: 'expected a currency code (e.g. EUR)' })
    .regex(/^[A-Z]{3}$/, { error: 'expected a three-letter currency code in capitals (e.g. EUR)' }),
  date: IsoDateSchema,
  description: Text(2000).optional(),
  /** What shows it happened: an invoice number, a link, a document name. */
  evidence: Text(2000).optional(),
  /** Who may see the entry (default: the partnership's members). */
  visibility: z.enum(VISIBILITIES, { error: oneOf('visibility', VISIBILITIES) }).optional(),
  /** The id of the entry this one cancels. */
  reverses: IdSchema.optional(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export const LedgerSchema = z.array(LedgerEntrySchema);

/**
 * The entries that count: every entry except reversing entries and the
 * entries they reverse (a reversal cancels its original entirely).
 */
export function effectiveLedger<E extends { id: string; reverses?: string | undefined }>(
  entries: readonly E[],
): E[] {
  const reversed = new Set(entries.flatMap((e) => (e.reverses !== undefined ? [e.reverses] : [])));
  return entries.filter((e) => e.reverses === undefined && !reversed.has(e.id));
}

/** Contributed and received totals per actor, in one currency, of the effective entries up to `until` (inclusive, ISO date). */
export function ledgerTotals(
  entries: readonly LedgerEntry[],
  currency: string,
  until?: string,
): { contributed: Record<string, number>; received: Record<string, number>; entries: number } {
  const contributed: Record<string, number> = {};
  const received: Record<string, number> = {};
  let count = 0;
  for (const e of effectiveLedger(entries)) {
    if (e.currency !== currency || (until !== undefined && e.date > until)) continue;
    const into = e.kind === 'contribution' ? contributed : received;
    into[e.actor] = (into[e.actor] ?? 0) + e.value;
    count++;
  }
  return { contributed, received, entries: count };
}

/** The currency most entries use (ties: alphabetical), or undefined for an empty ledger. */
export function mainCurrency(entries: readonly { currency: string }[]): string | undefined {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.currency, (counts.get(e.currency) ?? 0) + 1);
  return [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  )[0]?.[0];
}
