import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { selectTies, tieBudget } from './ties.ts';
import { inferKind } from './kinds.ts';
import { crunchbaseSlug, homepageSite, normalizeRepo, slugify } from './identity.ts';

function connected(n: number, pairs: [number, number][]): boolean {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (const [a, b] of pairs) parent[find(a)] = find(b);
  return new Set(parent.map((_, i) => find(i))).size === 1;
}

describe('tieBudget', () => {
  it('defaults to all pairs up to 10 organizations, then about 3 ties per organization', () => {
    expect(tieBudget(1)).toBe(0);
    expect(tieBudget(10)).toBe(45);
    expect(tieBudget(12)).toBe(45);
    expect(tieBudget(200)).toBe(600);
  });
  it('an explicit cap never drops below a ring; 0 switches competition ties off', () => {
    expect(tieBudget(200, 100)).toBe(200);
    expect(tieBudget(20, 100)).toBe(100);
    expect(tieBudget(20, 0)).toBe(0);
  });
});

describe('selectTies', () => {
  it('returns all pairs when they fit in the budget', () => {
    expect(selectTies(4, 6)).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
  });
  it('a subcategory of 200 organizations gets 600 ties, not 19,900, and stays connected', () => {
    const pairs = selectTies(200, tieBudget(200));
    expect(pairs).toHaveLength(600);
    expect(connected(200, pairs)).toBe(true);
    const degree = new Array<number>(200).fill(0);
    for (const [a, b] of pairs) {
      degree[a]!++;
      degree[b]!++;
    }
    expect(Math.min(...degree)).toBeGreaterThanOrEqual(5);
  });
  it('is deterministic, unique, in range, within budget and connected for any n and budget ≥ n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 120 }), fc.integer({ min: 0, max: 400 }), (n, extra) => {
        const budget = n + extra;
        const pairs = selectTies(n, budget);
        expect(selectTies(n, budget)).toEqual(pairs);
        expect(pairs.length).toBeLessThanOrEqual(Math.min(budget, (n * (n - 1)) / 2));
        const keys = new Set(pairs.map(([a, b]) => `${a} ${b}`));
        expect(keys.size).toBe(pairs.length);
        for (const [a, b] of pairs) {
          expect(a).toBeLessThan(b);
          expect(b).toBeLessThan(n);
        }
        expect(connected(n, pairs)).toBe(true);
      }),
    );
  });
});

describe('inferKind', () => {
  const base = { levels: [], hasCompanyRecord: true, allItemsAreRepositories: false };
  it('follows the documented order', () => {
    expect(inferKind({ ...base, name: 'Acme', levels: ['Academic'] })).toBe('university');
    expect(inferKind({ ...base, name: 'Acme', levels: ['Nonprofit'] })).toBe('ngo');
    expect(inferKind({ ...base, name: 'University of California, Berkeley' })).toBe('university');
    expect(inferKind({ ...base, name: 'Massachusetts Institute of Technology' })).toBe('university');
    expect(inferKind({ ...base, name: 'Cloud Native Computing Foundation' })).toBe('ngo');
    expect(inferKind({ ...base, name: 'NGMN Alliance' })).toBe('ngo');
    expect(inferKind({ ...base, name: 'National Information Society Agency' })).toBe('public');
    expect(inferKind({ ...base, name: 'Accenture Federal Services' })).toBe('corporate');
    expect(
      inferKind({
        ...base,
        name: 'kubectl-mcp-server',
        hasCompanyRecord: false,
        allItemsAreRepositories: true,
      }),
    ).toBe('community');
    expect(inferKind({ ...base, name: 'Red Hat' })).toBe('corporate');
  });
});

describe('identity helpers', () => {
  it('reads crunchbase slugs, homepage sites, repositories and slugs', () => {
    expect(crunchbaseSlug('https://www.crunchbase.com/organization/red-hat')).toBe('red-hat');
    expect(crunchbaseSlug('https://example.com/organization/red-hat')).toBeUndefined();
    expect(homepageSite('https://www.Example.com/path')).toBe('example.com');
    expect(homepageSite('https://github.com/kai-scheduler/KAI-Scheduler')).toBe('github.com/kai-scheduler');
    expect(homepageSite('not a url at all')).toBeUndefined();
    expect(normalizeRepo('https://github.com/WasmCloud/wasmCloud.git/')).toBe(
      'github.com/wasmcloud/wasmcloud',
    );
    expect(slugify('AT&T Services, Inc.')).toBe('at-and-t-services-inc');
    expect(slugify('中国移动')).toBe('');
  });
});
