/** fast-check generator of small, messy ecosystem documents (self-ties, duplicates, mixed-case labels) for property tests. */
import fc from 'fast-check';
import type { EcosystemDocument } from '../../model/document.ts';
import { actor, ecosystem, partnership, tie } from './test-factory.ts';

const LABELS = ['data', 'Data', ' funding', 'legal', 'talent', 'Talent '];

/** Documents of 0–12 actors with random ties (self-ties and duplicates included), capabilities, needs and partnerships. */
export function arbitraryDoc(maxActors = 12): fc.Arbitrary<EcosystemDocument> {
  return fc.integer({ min: 0, max: maxActors }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `x${i}`);
    const id = fc.integer({ min: 0, max: Math.max(0, n - 1) }).map((i) => ids[i]!);
    const labels = fc.array(fc.constantFrom(...LABELS), { maxLength: 3 });
    return fc
      .record({
        caps: fc.array(labels, { minLength: n, maxLength: n }),
        needs: fc.array(labels, { minLength: n, maxLength: n }),
        ties:
          n === 0 ? fc.constant<[string, string][]>([]) : fc.array(fc.tuple(id, id), { maxLength: 2 * n }),
        parts:
          n === 0
            ? fc.constant<string[][]>([])
            : fc.array(fc.uniqueArray(id, { minLength: 1, maxLength: 4 }), { maxLength: 3 }),
      })
      .map(({ caps, needs, ties, parts }) =>
        ecosystem(
          ids.map((x, i) => actor(x, { capabilities: caps[i]!, needs: needs[i]! })),
          ties.map(([a, b]) => tie(a, b)),
          parts.map((m, i) => partnership(`p${i}`, m)),
        ),
      );
  });
}
