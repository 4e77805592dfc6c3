/**
 * What each member contributed and received in a period, in one currency, from ledger
 * entries: reversals cancel their originals first (wherever in time either falls), then the
 * remaining entries dated in [from, to] (both inclusive, either open) and in the currency are
 * summed per actor. Entries in other currencies are counted, never converted.
 */
import { effectiveLedger, mainCurrency } from '../govern/ledger-schema.ts';

/** The fields of a ledger entry the totals read. */
export interface TotalsEntry {
  readonly id: string;
  readonly kind: 'contribution' | 'benefit';
  readonly actor: string;
  readonly value: number;
  readonly currency: string;
  readonly date: string;
  readonly reverses?: string | undefined;
}

/** A period and currency; everything optional. */
export interface PeriodOptions {
  /** ISO date, inclusive. */
  readonly from?: string | undefined;
  /** ISO date, inclusive. */
  readonly to?: string | undefined;
  /** Default: the currency most entries use. */
  readonly currency?: string | undefined;
}

/** Totals per actor in a period, with what was counted and what was left out. */
export interface PeriodTotals {
  /** The currency summed, or null when there are no entries. */
  readonly currency: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly contributed: Record<string, number>;
  readonly received: Record<string, number>;
  /** Entries summed. */
  readonly counted: number;
  /** Entries cancelled by a reversal (the reversal and what it reverses). */
  readonly reversed: number;
  /** Effective entries outside the period. */
  readonly outsidePeriod: number;
  /** Effective entries in the period in another currency, by currency. */
  readonly otherCurrencies: Record<string, number>;
  readonly explanation: string[];
}

/** Contributions and benefits per actor in a period and one currency (see the file header). */
export function ledgerPeriodTotals(
  entries: readonly TotalsEntry[],
  options: PeriodOptions = {},
): PeriodTotals {
  const effective = effectiveLedger(entries);
  const currency = options.currency ?? mainCurrency(effective) ?? mainCurrency(entries) ?? null;
  const from = options.from ?? null;
  const to = options.to ?? null;
  const contributed: Record<string, number> = {};
  const received: Record<string, number> = {};
  const otherCurrencies: Record<string, number> = {};
  let counted = 0;
  let outsidePeriod = 0;
  for (const e of effective) {
    if ((from !== null && e.date < from) || (to !== null && e.date > to)) {
      outsidePeriod++;
      continue;
    }
    if (e.currency !== currency) {
      otherCurrencies[e.currency] = (otherCurrencies[e.currency] ?? 0) + 1;
      continue;
    }
    const into = e.kind === 'contribution' ? contributed : received;
    into[e.actor] = (into[e.actor] ?? 0) + e.value;
    counted++;
  }
  const reversed = entries.length - effective.length;
  const period =
    from === null && to === null ? 'all dates' : `${from ?? 'the first entry'} to ${to ?? 'the last entry'}`;
  const explanation = [
    `${counted} entr${counted === 1 ? 'y' : 'ies'} in ${currency ?? '(no currency)'} dated ${period} summed per member`,
  ];
  if (reversed > 0)
    explanation.push(
      `${reversed} entr${reversed === 1 ? 'y' : 'ies'} left out: reversals and the entries they cancel`,
    );
  if (outsidePeriod > 0) explanation.push(`${outsidePeriod} outside the period left out`);
  const others = Object.entries(otherCurrencies);
  if (others.length > 0)
    explanation.push(
      `left out, in other currencies (never converted): ${others.map(([c, k]) => `${k} in ${c}`).join(', ')}`,
    );
  return {
    currency,
    from,
    to,
    contributed,
    received,
    counted,
    reversed,
    outsidePeriod,
    otherCurrencies,
    explanation,
  };
}
