import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import type { PerceptionGap } from './health-check.ts';
import { contributionImbalance, defectionRisk, dependency, informationHoarding } from './signals-balance.ts';
import {
  decisionGridlock,
  fragmentation,
  innovationSlowdown,
  lossOfDirection,
  partnershipSignals,
  perceptionGap,
  risingDisputes,
} from './signals.ts';
import { SIGNAL_KINDS, signalContext, type DatedActor, type SignalLedgerEntry } from './signals-common.ts';

const NOW = '2025-06-30';
const ctx = signalContext({ names: { a: 'Acme', b: 'Beta', c: 'Cura' } }, NOW);
const times = (n: number, actor: string, from: string, step = 1): DatedActor[] =>
  Array.from({ length: n }, (_, i) => ({ actor, date: addDays(from, i * step) }));

describe('risingDisputes', () => {
  it('fires when formal disputes in the last 90 days outnumber the 90 days before', () => {
    const s = risingDisputes(
      [
        { opened: '2025-05-01', status: 'open' },
        { opened: '2025-05-10', status: 'resolved' },
        { opened: '2025-06-01' },
        { opened: '2025-06-02', formal: false },
        { opened: '2025-02-01', status: 'resolved' },
      ],
      ctx,
    )!;
    expect(s).toMatchObject({ kind: 'rising-disputes', severity: 'warning', since: '2025-05-01' });
    expect(s.evidence[0]).toBe(
      '3 formal disputes opened in the last 90 days, against 1 in the 90 days before.',
    );
    expect(s.action).toMatch(/damage trust and derail the partnership/);
  });

  it('is critical from 4 and silent when not rising', () => {
    const four = ['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04'].map((opened) => ({ opened }));
    expect(risingDisputes(four, ctx)!.severity).toBe('critical');
    expect(
      risingDisputes(
        [
          { opened: '2025-05-01' },
          { opened: '2025-05-02' },
          { opened: '2025-03-01' },
          { opened: '2025-03-02' },
        ],
        ctx,
      ),
    ).toBeUndefined();
    expect(risingDisputes(undefined, ctx)).toBeUndefined();
  });
});

describe('innovationSlowdown', () => {
  const perWindow = (counts: number[]) =>
    counts.flatMap((n, k) => Array.from({ length: n }, (_, i) => addDays(NOW, -k * 90 - i)));

  it('fires when new pilots, ideas and lessons fall by half or more', () => {
    const s = innovationSlowdown({ lessons: perWindow([2, 4, 4, 4]), pilots: perWindow([0, 1, 1, 1]) }, ctx)!;
    expect(s).toMatchObject({ kind: 'innovation-slowdown', severity: 'warning', since: '2025-04-02' });
    expect(s.evidence[0]).toBe(
      '2 new pilots, ideas and lessons in the last 90 days against a mean of 5 per 90 days before (down 60%).',
    );
    expect(s.action).toMatch(/Design for learning/);
  });

  it('is critical at a fall of 80% and dates the start of a long decline', () => {
    const s = innovationSlowdown({ ideas: perWindow([1, 3, 5, 7]) }, ctx)!;
    expect(s.severity).toBe('critical');
    expect(s.since).toBe(addDays(NOW, -3 * 90 + 1));
  });

  it('stays silent with too little to compare or no fall', () => {
    expect(innovationSlowdown({ ideas: perWindow([0, 1, 1, 1]) }, ctx)).toBeUndefined();
    expect(innovationSlowdown({ ideas: perWindow([4, 4, 4, 4]) }, ctx)).toBeUndefined();
    expect(innovationSlowdown(undefined, ctx)).toBeUndefined();
  });
});

describe('fragmentation', () => {
  it('reports an isolated member, separate groups and rising modularity', () => {
    const s = fragmentation(
      {
        isolated: ['c'],
        groups: [['a'], ['b']],
        modularity: [
          { date: '2025-01-01', value: 0.3 },
          { date: '2025-03-01', value: 0.25 },
          { date: '2025-04-01', value: 0.3 },
          { date: '2025-06-01', value: 0.42 },
        ],
      },
      ['a', 'b', 'c'],
      ctx,
    )!;
    expect(s.evidence).toEqual([
      'Cura has no tie to any other member in the map.',
      'Members fall into 2 groups with no ties between them: {Acme}, {Beta}.',
      'Modularity of the map rose from 0.25 (2025-03-01) to 0.42 (2025-06-01): communities are drifting apart.',
    ]);
    expect(s).toMatchObject({ severity: 'critical', since: '2025-04-01', actors: ['c'] });
  });

  it('is a warning for one isolated member of three, silent otherwise', () => {
    expect(fragmentation({ isolated: ['c'] }, ['a', 'b', 'c'], ctx)).toMatchObject({
      severity: 'warning',
      since: NOW,
    });
    expect(
      fragmentation(
        {
          modularity: [
            { date: '2025-01-01', value: 0.3 },
            { date: '2025-06-01', value: 0.32 },
          ],
        },
        ['a', 'b'],
        ctx,
      ),
    ).toBeUndefined();
    expect(fragmentation(undefined, ['a'], ctx)).toBeUndefined();
  });
});

describe('informationHoarding', () => {
  it('flags a member whose share is far below the others', () => {
    const activity = [
      ...times(10, 'a', '2025-05-01'),
      ...times(10, 'b', '2025-05-01'),
      ...times(1, 'c', '2025-05-01'),
    ];
    const s = informationHoarding({ members: ['a', 'b', 'c'], activity }, ctx)!;
    expect(s).toMatchObject({
      kind: 'information-hoarding',
      severity: 'warning',
      actors: ['c'],
      since: '2025-04-02',
    });
    expect(s.evidence).toEqual([
      'Cura: 1 of 21 activities in the last 90 days (5%), while the other members average 48%.',
    ]);
    expect(s.action).toMatch(/flows freely again/);
  });

  it('is critical when a member shared nothing, dated from its last item', () => {
    const shared = [
      ...times(6, 'a', '2025-05-01'),
      ...times(6, 'b', '2025-05-01'),
      { actor: 'c', date: '2025-02-14' },
    ];
    const s = informationHoarding({ members: ['a', 'b', 'c'], sharedItems: shared }, ctx)!;
    expect(s).toMatchObject({ severity: 'critical', since: '2025-02-14' });
    expect(s.evidence[1]).toBe("Cura's last shared item was on 2025-02-14.");
  });

  it('needs two members and enough activity', () => {
    expect(
      informationHoarding({ members: ['a'], activity: times(20, 'a', '2025-05-01') }, ctx),
    ).toBeUndefined();
    expect(
      informationHoarding({ members: ['a', 'b'], activity: times(9, 'a', '2025-05-01') }, ctx),
    ).toBeUndefined();
  });
});

const ledger: SignalLedgerEntry[] = [
  { kind: 'contribution', actor: 'a', value: 80, date: '2025-01-10' },
  { kind: 'contribution', actor: 'b', value: 20, date: '2025-01-20' },
  { kind: 'benefit', actor: 'a', value: 20, date: '2025-03-01' },
  { kind: 'benefit', actor: 'b', value: 80, date: '2025-03-01' },
  { kind: 'benefit', actor: 'a', value: 1000, date: '2025-12-01' }, // after now: ignored
];

describe('contributionImbalance', () => {
  it('flags members whose benefit share is far from their contribution share, since it began', () => {
    const s = contributionImbalance({ members: ['a', 'b'], ledger }, ctx)!;
    expect(s).toMatchObject({
      kind: 'contribution-imbalance',
      severity: 'warning',
      actors: ['a', 'b'],
      since: '2025-03-01',
    });
    expect(s.evidence).toEqual([
      'Acme put in 80% of contributions (80 of 100) and received 20% of benefits (20 of 100): it gives more than it gets (benefit/contribution share ratio 0.25).',
      'Beta put in 20% of contributions (20 of 100) and received 80% of benefits (80 of 100): it gets more than it gives (contribution/benefit share ratio 0.25).',
    ]);
    expect(s.action).toMatch(/Unequal contributions lead to resentment/);
  });

  it('without benefits, flags contributions far below an even share', () => {
    const s = contributionImbalance({ members: ['a', 'b', 'c'], ledger: ledger.slice(0, 2) }, ctx)!;
    expect(s.actors).toEqual(['c']);
    expect(s.severity).toBe('critical');
    expect(s.since).toBe('2025-01-10');
  });

  it('is silent when balanced or with one member', () => {
    const even: SignalLedgerEntry[] = [
      { kind: 'contribution', actor: 'a', value: 10, date: '2025-01-01' },
      { kind: 'contribution', actor: 'b', value: 10, date: '2025-01-01' },
      { kind: 'benefit', actor: 'a', value: 5, date: '2025-01-01' },
      { kind: 'benefit', actor: 'b', value: 6, date: '2025-01-01' },
    ];
    expect(contributionImbalance({ members: ['a', 'b'], ledger: even }, ctx)).toBeUndefined();
    expect(contributionImbalance({ members: ['a'], ledger }, ctx)).toBeUndefined();
  });
});

describe('dependency', () => {
  it('flags a dominant share of contributions with the Herfindahl index', () => {
    const s = dependency({ members: ['a', 'b'], ledger }, ctx)!;
    expect(s).toMatchObject({ kind: 'dependency', severity: 'critical', actors: ['a'], since: '2025-01-10' });
    expect(s.evidence[0]).toBe(
      'Acme holds 80% of all contributions; Herfindahl index 0.68 (as concentrated as 1.5 equal members out of 2).',
    );
    expect(s.action).toMatch(/strategic autonomy/);
  });

  it('flags a dominant share of capabilities, naming what only it provides', () => {
    const s = dependency({ members: ['a', 'b', 'c'], capabilities: { a: ['x', 'y', 'z'], b: ['x'] } }, ctx)!;
    expect(s.severity).toBe('warning');
    expect(s.evidence[0]).toBe(
      "Acme provides 75% of the members' capabilities; Herfindahl index 0.625. Only it provides: y, z.",
    );
  });

  it('is silent below the threshold', () => {
    expect(
      dependency(
        {
          members: ['a', 'b'],
          ledger: [
            { kind: 'contribution', actor: 'a', value: 55, date: '2025-01-01' },
            { kind: 'contribution', actor: 'b', value: 45, date: '2025-01-01' },
          ],
        },
        ctx,
      ),
    ).toBeUndefined();
  });
});

describe('defectionRisk', () => {
  const activity = [
    ...times(6, 'a', '2025-02-01', 7),
    ...times(1, 'a', '2025-05-01'),
    ...times(6, 'b', '2025-02-01', 7),
    ...times(6, 'b', '2025-05-01', 7),
  ];

  it('flags a member with a low benefit/contribution ratio whose activity falls', () => {
    const low: SignalLedgerEntry[] = [
      ...ledger.slice(0, 2),
      { kind: 'benefit', actor: 'a', value: 10, date: '2025-03-01' },
      { kind: 'benefit', actor: 'b', value: 90, date: '2025-03-01' },
    ];
    const s = defectionRisk({ members: ['a', 'b'], ledger: low, activity }, ctx)!;
    expect(s).toMatchObject({
      kind: 'defection-risk',
      severity: 'critical',
      actors: ['a'],
      since: '2025-04-02',
    });
    expect(s.evidence[0]).toBe(
      'Acme receives 0.13× the benefit share its contribution share would suggest, and its activity fell from 6 to 1 activity per 90 days (down 83%).',
    );
    expect(s.action).toMatch(/co-own value/);
    expect(defectionRisk({ members: ['a', 'b'], ledger, activity }, ctx)!.severity).toBe('warning');
  });

  it('is silent while engagement holds or without benefits', () => {
    const steady = [...times(6, 'a', '2025-02-01', 7), ...times(6, 'a', '2025-05-01', 7)];
    expect(defectionRisk({ members: ['a', 'b'], ledger, activity: steady }, ctx)).toBeUndefined();
    expect(defectionRisk({ members: ['a', 'b'], ledger: ledger.slice(0, 2), activity }, ctx)).toBeUndefined();
  });
});

describe('decisionGridlock', () => {
  it('counts decisions past deadline and failed votes', () => {
    const s = decisionGridlock(
      [
        { status: 'open', deadline: '2025-05-01' },
        { status: 'voting', deadline: '2025-06-01' },
        { status: 'open', deadline: '2025-09-01' },
        { status: 'rejected', decided: '2025-06-10' },
        { status: 'decided', deadline: '2025-01-01' },
      ],
      ctx,
    )!;
    expect(s).toMatchObject({ kind: 'decision-gridlock', severity: 'warning', since: '2025-05-01' });
    expect(s.evidence).toEqual([
      '2 decisions past deadline and still open (oldest deadline 2025-05-01).',
      '1 vote failed or rejected in the last 90 days.',
      '3 decision(s) open in all.',
    ]);
    expect(s.action).toMatch(/decision-making agility/);
  });

  it('is critical from 5 and silent below 2', () => {
    expect(
      decisionGridlock(
        Array.from({ length: 5 }, () => ({ status: 'open', deadline: '2025-06-01' })),
        ctx,
      )!.severity,
    ).toBe('critical');
    expect(decisionGridlock([{ status: 'open', deadline: '2025-06-01' }], ctx)).toBeUndefined();
  });
});

describe('lossOfDirection', () => {
  it('is critical when KPIs are off track and milestones slip', () => {
    const s = lossOfDirection(
      [
        { id: 'k1', name: 'Enrolment', status: 'off-track' },
        { id: 'k2', name: 'Cost', status: 'on-track' },
        { id: 'k3', name: 'Reach', status: 'no-data' },
      ],
      [
        { id: 'm1', name: 'Launch', due: '2025-05-01', status: 'in-progress' },
        { id: 'm2', name: 'Pilot', due: '2025-04-01', status: 'slipped' },
        { id: 'm3', name: 'Future', due: '2025-09-01', status: 'planned' },
      ],
      ctx,
    )!;
    expect(s).toMatchObject({ kind: 'loss-of-direction', severity: 'critical', since: '2025-04-01' });
    expect(s.evidence).toEqual([
      '1 of 2 KPIs with data off track: Enrolment.',
      '2 of 2 due milestones slipping: Launch (due 2025-05-01), Pilot (due 2025-04-01).',
    ]);
    expect(s.action).toMatch(/Purpose before process/);
  });

  it('is silent when on course', () => {
    expect(
      lossOfDirection(
        [{ id: 'k', name: 'k', status: 'on-track' }],
        [{ id: 'm', name: 'm', due: '2025-05-01', status: 'done' }],
        ctx,
      ),
    ).toBeUndefined();
  });
});

describe('perceptionGap', () => {
  const gap = (dimension: string, g: number): PerceptionGap => ({
    dimension,
    name: dimension === 'trust' ? 'Trust' : dimension,
    gap: g,
    highest: { organization: 'a', mean: 4.5 },
    lowest: { organization: 'b', mean: 4.5 - g },
    flagged: g >= 1.5,
  });

  it('reports flagged gaps of the latest cycle, since the run of flagged cycles began', () => {
    const s = perceptionGap(
      [
        { cycle: 'q1', closed: '2025-03-15', gaps: [gap('trust', 1)] },
        { cycle: 'q2', closed: '2025-06-15', gaps: [gap('trust', 2.5)] },
        { cycle: 'q0', closed: '2024-12-15', gaps: [gap('trust', 2)] },
      ],
      ctx,
    )!;
    expect(s).toMatchObject({
      kind: 'perception-gap',
      severity: 'critical',
      since: '2025-06-15',
      actors: ['a', 'b'],
    });
    expect(s.evidence).toEqual(['Trust: Acme scores 4.5, Beta 2 (gap 2.5) in health check "q2".']);
    expect(s.action).toMatch(/bring Acme and Beta together to talk openly about trust/);
    const run = perceptionGap(
      [
        { cycle: 'q1', closed: '2025-03-15', gaps: [gap('trust', 1.5)] },
        { cycle: 'q2', closed: '2025-06-15', gaps: [gap('trust', 2)] },
      ],
      ctx,
    )!;
    expect(run).toMatchObject({ severity: 'warning', since: '2025-03-15' });
  });

  it('is silent without a flagged gap', () => {
    expect(
      perceptionGap([{ cycle: 'q1', closed: '2025-03-15', gaps: [gap('trust', 1.4)] }], ctx),
    ).toBeUndefined();
    expect(perceptionGap([], ctx)).toBeUndefined();
  });
});

describe('partnershipSignals', () => {
  it('runs every signal and orders the ones that fire by severity', () => {
    const s = partnershipSignals(
      {
        members: ['a', 'b'],
        names: { a: 'Acme', b: 'Beta' },
        ledger,
        decisions: [
          { status: 'open', deadline: '2025-05-01' },
          { status: 'open', deadline: '2025-05-02' },
        ],
      },
      NOW,
    );
    expect(s.map((x) => [x.kind, x.severity])).toEqual([
      ['dependency', 'critical'],
      ['contribution-imbalance', 'warning'],
      ['decision-gridlock', 'warning'],
    ]);
    for (const x of s) {
      expect(SIGNAL_KINDS).toContain(x.kind);
      expect(x.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(x.evidence.length).toBeGreaterThan(0);
      expect(x.action.length).toBeGreaterThan(20);
    }
  });

  it('finds nothing with no data', () => {
    expect(partnershipSignals({ members: [] }, NOW)).toEqual([]);
    expect(partnershipSignals({ members: ['a'] }, NOW)).toEqual([]);
  });
});
