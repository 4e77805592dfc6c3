import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../model/problem.ts';
import {
  AVOID_WHEN,
  KEY_QUESTIONS,
  MAP_SIGNALS,
  PITFALLS,
  READINESS_ANSWERS,
  READINESS_ITEMS,
  ReadinessAnswerSetSchema,
  USE_WHEN,
  compareReadiness,
  scoreReadiness,
  type ReadinessAnswers,
} from './readiness.ts';

const all = (answer: 'yes' | 'partly' | 'no'): ReadinessAnswers =>
  Object.fromEntries([...MAP_SIGNALS, ...READINESS_ITEMS].map((i) => [i.id, answer]));

describe('the Alliances assessment (seed 001)', () => {
  it('has six map signals and seven readiness items in the seed’s words', () => {
    expect(MAP_SIGNALS).toHaveLength(6);
    expect(READINESS_ITEMS).toHaveLength(7);
    expect(MAP_SIGNALS[0].text).toBe(
      'The competitive environment includes dominant players or high barriers that are difficult to tackle alone.',
    );
    expect(READINESS_ITEMS[6].text).toBe(
      'We have risk mitigation plans if the alliance dissolves or partner incentives shift over time.',
    );
    expect(USE_WHEN).toHaveLength(5);
    expect(AVOID_WHEN).toHaveLength(4);
    expect(KEY_QUESTIONS[2]).toBe('Are we better off together than alone?');
    expect(PITFALLS.map((p) => p.name)).toEqual([
      'Decision gridlock',
      'Unequal contributions',
      'Defection',
      'Loss of direction',
    ]);
  });
});

describe('scoreReadiness', () => {
  it('gives a strong fit when everything is yes', () => {
    const r = scoreReadiness(all('yes'));
    expect(r).toMatchObject({ overall: 100, verdict: 'strong fit', weakest: [] });
    expect(r.mapSignals).toEqual({ score: 100, answered: 6, total: 6, unanswered: [] });
    expect(r.guidance.pitfalls.every((p) => !p.elevated)).toBe(true);
  });

  it('scores yes = 1, partly = 0.5, no = 0 and lists the weakest items with suggestions', () => {
    const answers: ReadinessAnswers = {
      ...all('yes'),
      'shape-standards': 'no',
      diversity: 'partly',
      'governance-experience': 'partly',
      'risk-mitigation': 'no',
    };
    const r = scoreReadiness(answers);
    expect(r.mapSignals.score).toBeCloseTo((100 * 4.5) / 6, 10);
    expect(r.readiness.score).toBeCloseTo((100 * 5.5) / 7, 10);
    expect(r.overall).toBeCloseTo((75 + 550 / 7) / 2, 10);
    expect(r.verdict).toBe('strong fit');
    expect(r.weakest.map((w) => [w.id, w.answer, w.section])).toEqual([
      ['shape-standards', 'no', 'mapSignals'],
      ['risk-mitigation', 'no', 'readiness'],
      ['diversity', 'partly', 'mapSignals'],
      ['governance-experience', 'partly', 'readiness'],
    ]);
    expect(r.weakest.every((w) => w.suggestion.length > 20)).toBe(true);
    const elevated = r.guidance.pitfalls.filter((p) => p.elevated).map((p) => p.id);
    expect(elevated).toEqual(['decision-gridlock', 'defection', 'loss-of-direction']);
  });

  it('uses the documented thresholds', () => {
    expect(scoreReadiness(all('partly'))).toMatchObject({ overall: 50, verdict: 'proceed with care' });
    expect(scoreReadiness(all('no'))).toMatchObject({ overall: 0, verdict: 'not yet' });
    // Map strongly yes, readiness all no: overall 50 but readiness below 40
    const lopsided = scoreReadiness({
      ...all('no'),
      ...Object.fromEntries(MAP_SIGNALS.map((m) => [m.id, 'yes'])),
    });
    expect(lopsided).toMatchObject({ overall: 50, verdict: 'not yet' });
    expect(lopsided.verdictReason).toContain('not yet ready to run an alliance');
  });

  it('leaves unanswered items out of the score and gives no verdict on too few answers', () => {
    const r = scoreReadiness({ 'dominant-players': 'yes', 'mutual-benefit': 'yes' });
    expect(r.mapSignals).toMatchObject({ score: 100, answered: 1 });
    expect(r.mapSignals.unanswered).toHaveLength(5);
    expect(r.verdict).toBe('not yet');
    expect(r.verdictReason).toContain('Too few answers');
    const empty = scoreReadiness({});
    expect(empty).toMatchObject({ overall: null, verdict: 'not yet', mapSignals: { score: null } });
  });

  it('accepts a saved answer set and rejects unknown items or answers', () => {
    const set = ReadinessAnswerSetSchema.parse({
      organization: 'medco',
      subject: { kind: 'initiative', id: 'ev-charging' },
      answers: all('yes'),
      at: '2025-03-01T09:00:00Z',
    });
    expect(scoreReadiness(set).verdict).toBe('strong fit');
    expect(() => scoreReadiness({ nope: 'yes' } as ReadinessAnswers)).toThrow(ValidationError);
    expect(() => scoreReadiness({ diversity: 'maybe' } as unknown as ReadinessAnswers)).toThrow(
      /unknown answer/,
    );
    expect(
      ReadinessAnswerSetSchema.safeParse({
        organization: 'm',
        subject: { kind: 'initiative', id: 'x' },
        answers: { nope: 'yes' },
      }).success,
    ).toBe(false);
  });

  it('keeps scores in [0, 100] and the verdict consistent with the thresholds (property)', () => {
    const ids = [...MAP_SIGNALS, ...READINESS_ITEMS].map((i) => i.id);
    const arb = fc.dictionary(fc.constantFrom(...ids), fc.constantFrom(...READINESS_ANSWERS));
    fc.assert(
      fc.property(arb, (answers) => {
        const r = scoreReadiness(answers);
        for (const s of [r.mapSignals.score, r.readiness.score, r.overall]) {
          if (s === null) continue;
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(100);
        }
        if (r.verdict === 'strong fit') expect(r.overall!).toBeGreaterThanOrEqual(75);
        if (r.verdict === 'proceed with care') expect(r.overall!).toBeGreaterThanOrEqual(50);
        expect(r.weakest.length).toBe(Object.values(answers).filter((a) => a !== 'yes').length);
      }),
    );
  });
});

describe('compareReadiness', () => {
  it('shows each organization’s result and where they disagree by a full step', () => {
    const c = compareReadiness([
      { organization: 'a', subject: { kind: 'partnership', id: 'p' }, answers: { ...all('yes') } },
      {
        organization: 'b',
        subject: { kind: 'partnership', id: 'p' },
        answers: { ...all('yes'), 'shared-control': 'no', diversity: 'partly' },
      },
    ]);
    expect(c.organizations.map((o) => o.result.verdict)).toEqual(['strong fit', 'strong fit']);
    expect(c.disagreements.map((d) => d.id)).toEqual(['shared-control']);
    expect(c.disagreements[0]!.answers).toEqual([
      { organization: 'a', answer: 'yes' },
      { organization: 'b', answer: 'no' },
    ]);
  });
});
