/**
 * Health score and vitality signals of an ecosystem's partnerships, computed
 * from the store by the same core functions `valueweb analyze` uses on a
 * file. Computed on everything the partnership holds (the monitoring agent's
 * view): scores and signals are aggregates every participant may read; the
 * entries behind them keep their own visibility.
 *
 * Each partnership is analysed on a view of the document holding just what
 * its computation reads — the partnership itself, its members' actors and
 * the relationships among its members, in document order — so the work per
 * partnership does not grow with the size of the ecosystem (the results are
 * the same as on the whole document).
 */
import { effectiveLedger, monitor, ValidationError, type EcosystemDocument } from '@valueweb/core';
import type { Store } from '@valueweb/store';

export type PartnershipHealth = monitor.PartnershipHealth;

export interface HealthOptions {
  /** The day to compute for (YYYY-MM-DD). */
  today: string;
  /** Only these partnerships (default: all). */
  partnershipIds?: readonly string[];
}

/** Health and signals per partnership id. */
export async function computeHealth(
  store: Store,
  ecosystemId: string,
  opts: HealthOptions,
): Promise<Record<string, PartnershipHealth>> {
  const doc = await store.ecosystems.export(ecosystemId, undefined, { today: opts.today });
  return healthOfDocument(doc, opts);
}

/** The same on a document already read. */
export function healthOfDocument(
  doc: EcosystemDocument,
  opts: HealthOptions,
): Record<string, PartnershipHealth> {
  const wanted = opts.partnershipIds ? new Set(opts.partnershipIds) : null;
  const actors = new Map(doc.actors.map((a) => [a.id, a]));
  // Relationships by actor (their positions in the document), to find those among a partnership's members.
  const byActor = new Map<string, number[]>();
  doc.relationships.forEach((r, i) => {
    for (const end of r.from === r.to ? [r.from] : [r.from, r.to]) {
      let list = byActor.get(end);
      if (!list) byActor.set(end, (list = []));
      list.push(i);
    }
  });
  const out: Record<string, PartnershipHealth> = {};
  doc.partnerships.forEach((p, index) => {
    if (wanted && !wanted.has(p.id)) return;
    const members = new Set(p.members.map((m) => m.actor));
    const positions = new Set<number>();
    for (const m of members) for (const i of byActor.get(m) ?? []) positions.add(i);
    const view = {
      actors: [...members].flatMap((id) => {
        const a = actors.get(id);
        return a ? [a] : [];
      }),
      relationships: [...positions]
        .sort((a, b) => a - b)
        .map((i) => doc.relationships[i]!)
        .filter((r) => members.has(r.from) && members.has(r.to)),
      partnerships: [p.ledger ? { ...p, ledger: effectiveLedger(p.ledger) } : p],
    };
    try {
      out[p.id] = monitor.analyzePartnershipHealth(view, p.id, opts.today);
    } catch (e) {
      // Problems name the partnership's place in the whole document, as they would without the view.
      if (e instanceof ValidationError) {
        throw new ValidationError(
          e.problems.map((pr) =>
            pr.path[0] === 'partnerships' && pr.path[1] === 0
              ? { ...pr, path: ['partnerships', index, ...pr.path.slice(2)] }
              : pr,
          ),
        );
      }
      throw e;
    }
  });
  return out;
}
