/**
 * computeHealth analyses each partnership on a view of the document (its
 * members' actors and the relationships among them): the results must equal
 * the analysis on the whole document, as `valueweb analyze` does it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effectiveLedger, monitor, readDocument, type EcosystemDocument } from '@valueweb/core';
import { healthOfDocument } from '../src/monitor/health.ts';

const whole = (doc: EcosystemDocument, today: string) => {
  const monitored = {
    ...doc,
    partnerships: doc.partnerships.map((p) => (p.ledger ? { ...p, ledger: effectiveLedger(p.ledger) } : p)),
  };
  return Object.fromEntries(
    doc.partnerships.map((p) => [p.id, monitor.analyzePartnershipHealth(monitored, p.id, today)]),
  );
};

describe('computeHealth on a view per partnership', () => {
  const demo = readDocument(
    readFileSync(new URL('../../../examples/rare-disease-ecosystem.yaml', import.meta.url), 'utf8'),
  );
  if (!demo.ok) throw new Error('the demo does not read');

  it('gives the same scores, components and signals as on the whole document', () => {
    for (const today of ['2025-06-30', '2026-01-15', '2026-12-01']) {
      const got = healthOfDocument(demo.document, { today });
      expect(got).toEqual(whole(demo.document, today));
      expect(Object.values(got).some((h) => h.signals.length > 0)).toBe(true);
    }
  });

  it('keeps fragmentation exact: only ties among the members count, in document order', () => {
    const d = structuredClone(demo.document);
    const p = d.partnerships.find((x) => x.id === 'gene-therapy-access-ppp')!;
    const [a, b] = p.members.map((m) => m.actor);
    // A tie between two members, and one from a member to an outsider (which must not join them).
    d.relationships.push({
      from: a!,
      to: b!,
      kind: 'research',
      flows: ['data'],
      strength: 1,
      directed: false,
    });
    const outsider = d.actors.find((x) => !p.members.some((m) => m.actor === x.id))!.id;
    d.relationships.push({
      from: b!,
      to: outsider,
      kind: 'data',
      flows: ['data'],
      strength: 1,
      directed: false,
    });
    expect(healthOfDocument(d, { today: '2026-12-01' })).toEqual(whole(d, '2026-12-01'));
  });

  it('computes only the partnerships asked for', () => {
    const got = healthOfDocument(demo.document, {
      today: '2026-12-01',
      partnershipIds: ['rwd-platform-alliance'],
    });
    expect(Object.keys(got)).toEqual(['rwd-platform-alliance']);
  });
});
