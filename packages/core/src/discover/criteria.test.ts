import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA, validateCriteria } from './criteria.ts';

describe('DEFAULT_CRITERIA', () => {
  it('holds the six criteria of seed 000 with weights summing to 100', () => {
    expect(DEFAULT_CRITERIA.map((c) => c.name)).toEqual([
      'Capability complementarity',
      'Values alignment',
      'Culture',
      'Long-term vision',
      'Financial strength',
      'Clock fit',
    ]);
    expect(DEFAULT_CRITERIA.reduce((a, c) => a + c.weight, 0)).toBe(100);
    expect(validateCriteria(DEFAULT_CRITERIA).ok).toBe(true);
    for (const c of DEFAULT_CRITERIA) expect(c.description.length).toBeGreaterThan(20);
  });
});

describe('validateCriteria', () => {
  it('accepts a custom rated criterion and fills the description', () => {
    const r = validateCriteria([{ id: 'ip', name: 'IP safeguards', weight: 2, source: 'rated' }]);
    expect(r).toEqual({
      ok: true,
      problems: [],
      criteria: [{ id: 'ip', name: 'IP safeguards', description: '', weight: 2, source: 'rated' }],
    });
  });

  it('reports negative weights, duplicate ids and computed/rated mismatches with paths', () => {
    const r = validateCriteria([
      { id: 'a', name: 'A', weight: -1, source: 'rated' },
      { id: 'a', name: 'B', weight: 1, source: 'computed' },
      { id: 'c', name: 'C', weight: 1, source: 'rated', computed: 'values' },
    ]);
    expect(r.ok).toBe(false);
    const got = r.problems.map((p) => [p.path.join('.'), p.code]);
    expect(got).toContainEqual(['0.weight', 'invalid_value']);
    expect(got).toContainEqual(['1.computed', 'invalid_value']);
    expect(got).toContainEqual(['2.computed', 'invalid_value']);
    expect(got).toContainEqual(['1.id', 'duplicate_id']);
    expect(r.problems.find((p) => p.code === 'duplicate_id')!.message).toContain('first used at [0]');
  });

  it('rejects all weights zero and an empty list', () => {
    const zero = validateCriteria([
      { id: 'a', name: 'A', weight: 0, source: 'rated' },
      { id: 'b', name: 'B', weight: 0, source: 'computed', computed: 'clock' },
    ]);
    expect(zero.ok).toBe(false);
    expect(zero.problems.map((p) => p.code)).toEqual(['all_weights_zero']);
    expect(validateCriteria([]).problems.map((p) => p.code)).toEqual(['empty']);
    expect(validateCriteria('nope').ok).toBe(false);
  });

  it('rejects unknown fields and non-finite weights', () => {
    const r = validateCriteria([{ id: 'a', name: 'A', weight: Infinity, source: 'rated', extra: 1 }]);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.code).sort()).toEqual(['invalid_value', 'unknown_field']);
  });
});
