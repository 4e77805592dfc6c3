/** Test data factories: small valid ecosystem documents, built in one place. */
import { validateDocument, type EcosystemDocument, type EcosystemDocumentInput } from '@valueweb/core';

/** A small valid document; `n` actors in a ring plus one partnership. */
export function makeDocument(
  id = 'eco-test',
  n = 5,
  overrides: Partial<EcosystemDocumentInput> = {},
): EcosystemDocument {
  const actors = Array.from({ length: n }, (_, i) => ({
    id: `a${i}`,
    name: `Actor ${i}`,
    kind: i % 2 === 0 ? 'biopharma' : 'provider',
    capabilities: [`cap-${i}`],
    needs: [`cap-${(i + 1) % n}`],
    values: ['openness'],
    ...(i === 0
      ? {
          clock: { cadence: 'quarterly', fiscalYearStart: 4 },
          tags: ['lead'],
          attributes: { employees: 120, listed: true, note: null },
        }
      : {}),
  }));
  const relationships = actors.map((a, i) => ({
    from: a.id,
    to: actors[(i + 1) % n]!.id,
    kind: 'research',
    flows: ['data', 'knowledge'],
    strength: 1 + i / 10,
    ...(i === 1 ? { directed: true, description: "O'Brien; DROP TABLE actors; -- <script>" } : {}),
  }));
  const raw = {
    valueweb: 1,
    ecosystem: { id, name: `Ecosystem ${id}`, purpose: 'Testing', goals: ['one', 'two'] },
    actors,
    relationships,
    partnerships: [
      {
        id: 'p1',
        name: 'Pilot partnership',
        stage: 'pilot',
        members: actors
          .slice(0, Math.min(3, n))
          .map((a, i) => (i === 0 ? { actor: a.id, role: 'lead' } : { actor: a.id })),
        charter: { decision: { rule: 'majority' } },
      },
    ],
    ...overrides,
  };
  const r = validateDocument(raw);
  if (!r.ok) throw new Error(`factory made an invalid document: ${JSON.stringify(r.problems)}`);
  return r.document;
}
