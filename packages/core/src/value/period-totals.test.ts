import { describe, expect, it } from 'vitest';
import { ledgerPeriodTotals, type TotalsEntry } from './period-totals.ts';

const e = (
  id: string,
  kind: TotalsEntry['kind'],
  actor: string,
  value: number,
  date: string,
  extra: Partial<TotalsEntry> = {},
): TotalsEntry => ({ id, kind, actor, value, currency: 'EUR', date, ...extra });

const ledger: TotalsEntry[] = [
  e('c1', 'contribution', 'a', 100, '2026-01-10'),
  e('c2', 'contribution', 'b', 50, '2026-02-10'),
  e('c3', 'contribution', 'a', 70, '2026-03-10'),
  e('c3-rev', 'contribution', 'a', 70, '2026-03-12', { reverses: 'c3' }),
  e('b1', 'benefit', 'a', 30, '2026-02-15'),
  e('u1', 'contribution', 'b', 999, '2026-02-01', { currency: 'USD' }),
  e('late', 'contribution', 'b', 40, '2026-07-01'),
];

describe('ledgerPeriodTotals', () => {
  it('sums effective entries of the main currency in the period, per member', () => {
    const t = ledgerPeriodTotals(ledger, { from: '2026-01-01', to: '2026-06-30' });
    expect(t).toMatchObject({
      currency: 'EUR',
      contributed: { a: 100, b: 50 },
      received: { a: 30 },
      counted: 3,
      reversed: 2,
      outsidePeriod: 1,
      otherCurrencies: { USD: 1 },
    });
    expect(t.explanation.join(' ')).toMatch(
      /3 entries in EUR dated 2026-01-01 to 2026-06-30.*2 entries left out: reversals.*1 outside the period.*1 in USD/,
    );
  });

  it('a reversal cancels its original even when the original falls outside the period', () => {
    const t = ledgerPeriodTotals(ledger, { from: '2026-03-11' });
    expect(t.contributed).toEqual({ b: 40 });
  });

  it('sums another currency on request, and says when there is nothing', () => {
    expect(ledgerPeriodTotals(ledger, { currency: 'USD' }).contributed).toEqual({ b: 999 });
    expect(ledgerPeriodTotals([])).toMatchObject({ currency: null, counted: 0 });
  });
});
