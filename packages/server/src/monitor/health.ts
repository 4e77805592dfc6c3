/**
 * Health score and vitality signals of an ecosystem's partnerships, computed
 * from the store by the same core functions `valueweb analyze` uses on a
 * file. Computed on everything the partnership holds (the monitoring agent's
 * view): scores and signals are aggregates every participant may read; the
 * entries behind them keep their own visibility.
 */
import { effectiveLedger, monitor } from '@valueweb/core';
import type { Store } from '@valueweb/store';

export type PartnershipHealth = monitor.PartnershipHealth;

export interface HealthOptions {
  /** The day to compute for (YYYY-MM-DD). */
  today: string;
  /** Only these partnerships (default: all). */
  partnershipIds?: readonly string[];
}

/** Health and signals per partnership id. */
export async function computeHealth(store: Store, ecosystemId: string, opts: HealthOptions): Promise<Record<string, PartnershipHealth>> {
  const doc = await store.ecosystems.export(ecosystemId, undefined, { today: opts.today });
  const wanted = opts.partnershipIds ? new Set(opts.partnershipIds) : null;
  const monitored = {
    ...doc,
    partnerships: doc.partnerships.map((p) => (p.ledger ? { ...p, ledger: effectiveLedger(p.ledger) } : p)),
  };
  const out: Record<string, PartnershipHealth> = {};
  for (const p of doc.partnerships) {
    if (wanted && !wanted.has(p.id)) continue;
    out[p.id] = monitor.analyzePartnershipHealth(monitored, p.id, opts.today);
  }
  return out;
}
