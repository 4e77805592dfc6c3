import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PIPELINE_STAGES,
  PIPELINE_TRANSITIONS,
  PipelineEntrySchema,
  PipelineError,
  addPipelineNote,
  allowedTransitions,
  assignOwner,
  createPipelineEntry,
  pipelineCounts,
  transition,
  type PipelineStage,
} from './pipeline.ts';

const day = (d: number) => `2025-03-${String(d).padStart(2, '0')}T09:00:00Z`;

describe('pipeline', () => {
  it('walks a candidate to chartered, recording history, notes and the partnership', () => {
    let e = createPipelineEntry('medco', {
      by: 'ana',
      at: day(1),
      owner: 'ana',
      note: 'Strong complementarity score',
    });
    expect(e).toMatchObject({ candidate: 'medco', stage: 'candidate', owner: 'ana' });
    e = transition(e, 'contacted', { by: 'ana', at: day(2) });
    e = transition(e, 'exploring', { by: 'ana', at: day(5), note: 'First workshop held' });
    e = transition(e, 'aligned', { by: 'bo', at: day(9) });
    e = transition(e, 'chartered', { by: 'bo', at: day(20), partnership: 'care-alliance' });
    expect(e.stage).toBe('chartered');
    expect(e.partnership).toBe('care-alliance');
    expect(e.history.map((h) => [h.kind, h.from, h.to])).toEqual([
      ['created', undefined, 'candidate'],
      ['moved', 'candidate', 'contacted'],
      ['moved', 'contacted', 'exploring'],
      ['moved', 'exploring', 'aligned'],
      ['moved', 'aligned', 'chartered'],
    ]);
    expect(e.notes.map((n) => n.text)).toEqual(['Strong complementarity score', 'First workshop held']);
    expect(PipelineEntrySchema.safeParse(e).success).toBe(true);
    expect(allowedTransitions(e)).toEqual([]);
  });

  it('does not change the entry it is given', () => {
    const e = createPipelineEntry('x', { by: 'ana', at: day(1) });
    const copy = structuredClone(e);
    transition(e, 'contacted', { by: 'ana', at: day(2) });
    expect(e).toEqual(copy);
  });

  it('throws a clear error for a disallowed move', () => {
    const e = createPipelineEntry('x', { by: 'ana', at: day(1) });
    expect(() => transition(e, 'aligned', { by: 'ana', at: day(2) })).toThrow(
      'cannot move x from candidate to aligned (allowed from candidate: contacted, declined)',
    );
    const chartered = ['contacted', 'exploring', 'aligned', 'chartered'].reduce(
      (acc, to, i) => transition(acc, to as PipelineStage, { by: 'a', at: day(i + 2) }),
      e,
    );
    try {
      transition(chartered, 'declined', { by: 'a', at: day(10), note: 'no' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PipelineError);
      expect((err as PipelineError).code).toBe('transition_not_allowed');
      expect((err as PipelineError).message).toContain('chartered is final');
    }
  });

  it('requires a note to decline, reopen or go back, and allows reopening a declined candidate', () => {
    let e = transition(createPipelineEntry('x', { by: 'a', at: day(1) }), 'contacted', {
      by: 'a',
      at: day(2),
    });
    expect(() => transition(e, 'declined', { by: 'a', at: day(3) })).toThrow(
      /needs a note: say why it was declined/,
    );
    e = transition(e, 'declined', { by: 'a', at: day(3), note: 'Incentives diverge' });
    expect(allowedTransitions(e)).toEqual(['candidate']);
    expect(() => transition(e, 'candidate', { by: 'a', at: day(4), note: '  ' })).toThrow(PipelineError);
    e = transition(e, 'candidate', { by: 'a', at: day(4), note: 'New leadership, new strategy' });
    expect(e.stage).toBe('candidate');
    expect(e.history).toHaveLength(4);
    e = transition(
      transition(transition(e, 'contacted', { by: 'a', at: day(5) }), 'exploring', { by: 'a', at: day(6) }),
      'contacted',
      {
        by: 'a',
        at: day(7),
        note: 'Their sponsor left; restart the conversation',
      },
    );
    expect(e.stage).toBe('contacted');
  });

  it('rejects events out of time order, bad timestamps and a partnership on a non-charter move', () => {
    const e = createPipelineEntry('x', { by: 'a', at: day(5) });
    expect(() => transition(e, 'contacted', { by: 'a', at: day(4) })).toThrow(
      /before the last recorded event/,
    );
    expect(() => transition(e, 'contacted', { by: 'a', at: 'yesterday' })).toThrow(/ISO 8601/);
    expect(() => transition(e, 'contacted', { by: ' ', at: day(6) })).toThrow(/by:/);
    expect(() => transition(e, 'contacted', { by: 'a', at: day(6), partnership: 'p' })).toThrow(
      /only be recorded when moving to chartered/,
    );
    expect(() => createPipelineEntry('not an id!', { by: 'a', at: day(1) })).toThrow(/candidate/);
  });

  it('records owner changes and notes', () => {
    let e = createPipelineEntry('x', { by: 'a', at: day(1) });
    e = assignOwner(e, 'bo', { by: 'a', at: day(2), note: 'Bo knows their CTO' });
    expect(e.owner).toBe('bo');
    e = assignOwner(e, undefined, { by: 'a', at: day(3) });
    expect('owner' in e).toBe(false);
    e = addPipelineNote(e, { by: 'bo', at: day(3), note: 'Met at the conference' });
    expect(e.history.map((h) => h.kind)).toEqual(['created', 'owner-changed', 'owner-changed']);
    expect(e.notes.map((n) => n.text)).toEqual(['Bo knows their CTO', 'Met at the conference']);
  });

  it('counts entries per stage', () => {
    const e = createPipelineEntry('x', { by: 'a', at: day(1) });
    expect(pipelineCounts([e, e, transition(e, 'contacted', { by: 'a', at: day(2) })])).toEqual({
      candidate: 2,
      contacted: 1,
      exploring: 0,
      aligned: 0,
      chartered: 0,
      declined: 0,
    });
  });

  it('accepts exactly the moves in the transition table (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIPELINE_STAGES), { maxLength: 12 }), (moves) => {
        let e = createPipelineEntry('x', { by: 'a', at: day(1) });
        moves.forEach((to, i) => {
          const ok = PIPELINE_TRANSITIONS[e.stage].includes(to);
          const act = { by: 'a', at: day(i + 2), note: 'because' };
          if (ok) {
            const next = transition(e, to, act);
            expect(next.history).toHaveLength(e.history.length + 1);
            e = next;
          } else expect(() => transition(e, to, act)).toThrow(PipelineError);
        });
        expect(e.history.at(-1)!.to ?? 'candidate').toBe(e.stage);
      }),
    );
  });
});
