import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockFit, complementarity, fiscalYearOffset, valuesAlignment } from './computed.ts';
import { actor } from './test-factory.ts';
import { CLOCK_CADENCES } from '../model/document.ts';

const us = actor('us', {
  name: 'Us',
  needs: ['Clinical trials', 'data platform', 'Distribution', 'funding'],
  capabilities: ['regulatory know-how', 'patient access'],
  values: ['openness', 'patient safety', 'speed'],
  clock: { cadence: 'annual', fiscalYearStart: 1 },
});

describe('complementarity', () => {
  it('is the mean of the two coverage shares, matching labels case-insensitively after trimming', () => {
    const them = actor('them', {
      name: 'Them',
      capabilities: [' clinical TRIALS', 'Data Platform', 'marketing'],
      needs: ['Regulatory know-how', 'capital'],
    });
    const r = complementarity(us, them);
    // they cover 2 of our 4 needs (0.5); we cover 1 of their 2 needs (0.5)
    expect(r.value).toBeCloseTo(0.5, 12);
    expect(r.matched).toEqual(['Clinical trials', 'data platform', 'Regulatory know-how']);
    expect(r.explanation).toBe(
      'Them covers 2 of our 4 needs (Clinical trials, data platform); we cover 1 of its 2 needs (Regulatory know-how): mean of 0.50 and 0.50 = 0.50.',
    );
  });

  it('leaves out a side that states no needs, and gives 0 when neither does', () => {
    const them = actor('them', { capabilities: ['funding'] });
    const r = complementarity(us, them);
    expect(r.value).toBeCloseTo(0.25, 12);
    expect(r.explanation).toContain('THEM states no needs');
    expect(r.explanation).toContain('only one side states needs');
    const none = complementarity(actor('a'), actor('b'));
    expect(none.value).toBe(0);
    expect(none.explanation).toContain('no stated needs');
  });

  it('counts duplicate needs (after normalizing) once', () => {
    const a = actor('a', { needs: ['x', ' X ', 'y'] });
    const b = actor('b', { capabilities: ['x'] });
    expect(complementarity(a, b).value).toBeCloseTo(0.5, 12);
  });
});

describe('valuesAlignment', () => {
  it('is the Jaccard index of the stated values', () => {
    const them = actor('them', { values: ['Openness', 'speed', 'profit'] });
    const r = valuesAlignment(us, them);
    expect(r.value).toBeCloseTo(2 / 4, 12);
    expect(r.matched).toEqual(['openness', 'speed']);
    expect(r.explanation).toBe('2 shared of 4 distinct values (openness, speed): 2/4 = 0.50.');
  });

  it('is 0 with a reason when values are missing on either side', () => {
    expect(valuesAlignment(us, actor('x'))).toMatchObject({
      value: 0,
      explanation: expect.stringContaining('X states no values'),
    });
    expect(valuesAlignment(actor('a'), actor('b')).explanation).toContain('neither side states values');
  });
});

describe('clockFit', () => {
  it('is 1 − |rank difference|/3, minus the fiscal-year penalty', () => {
    expect(clockFit(us, actor('q', { clock: { cadence: 'annual', fiscalYearStart: 1 } })).value).toBe(1);
    expect(clockFit(us, actor('q', { clock: { cadence: 'quarterly' } })).value).toBeCloseTo(1 / 3, 12);
    expect(clockFit(us, actor('q', { clock: { cadence: 'multiyear' } })).value).toBeCloseTo(2 / 3, 12);
    // six months apart: − 0.1
    const r = clockFit(us, actor('q', { name: 'Q', clock: { cadence: 'annual', fiscalYearStart: 7 } }));
    expect(r.value).toBeCloseTo(0.9, 12);
    expect(r.explanation).toBe('Both plan annual: 1.00; fiscal years start 6 months apart: − 0.10 = 0.90.');
    // quarterly vs multiyear with fiscal offset: floored at 0
    const far = clockFit(
      actor('a', { clock: { cadence: 'quarterly', fiscalYearStart: 1 } }),
      actor('b', { clock: { cadence: 'multiyear', fiscalYearStart: 4 } }),
    );
    expect(far.value).toBe(0);
  });

  it('is missing (null) when a clock is not stated', () => {
    const r = clockFit(us, actor('x'));
    expect(r.value).toBeNull();
    expect(r.explanation).toContain('X states no clock');
  });

  it('measures fiscal offsets around the year', () => {
    expect(fiscalYearOffset(1, 12)).toBe(1);
    expect(fiscalYearOffset(4, 10)).toBe(6);
    expect(fiscalYearOffset(3, 3)).toBe(0);
  });
});

describe('computed criteria: properties', () => {
  const labels = fc.array(fc.constantFrom('a', 'B', ' c', 'd ', 'E', 'f', ''), { maxLength: 6 });
  const clock = fc.option(
    fc.record({
      cadence: fc.constantFrom(...CLOCK_CADENCES),
      fiscalYearStart: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    }),
    { nil: undefined },
  );
  const arbActor = (id: string) =>
    fc.record({ capabilities: labels, needs: labels, values: labels, clock }).map((f) => actor(id, f));

  it('always gives a value in [0, 1] (or null for clock), never NaN', () => {
    fc.assert(
      fc.property(arbActor('a'), arbActor('b'), (a, b) => {
        for (const r of [complementarity(a, b), valuesAlignment(a, b), clockFit(a, b)]) {
          if (r.value === null) continue;
          expect(Number.isNaN(r.value)).toBe(false);
          expect(r.value).toBeGreaterThanOrEqual(0);
          expect(r.value).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('values alignment and clock fit are symmetric', () => {
    fc.assert(
      fc.property(arbActor('a'), arbActor('b'), (a, b) => {
        expect(valuesAlignment(a, b).value).toBeCloseTo(valuesAlignment(b, a).value!, 12);
        expect(clockFit(a, b).value).toEqual(clockFit(b, a).value);
      }),
    );
  });
});
