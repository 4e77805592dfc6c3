/**
 * Govern and Value over HTTP (both stores): the charter (amend, ratify, in
 * force), decisions and votes with a live tally, closing and escalation,
 * disputes up the conflict path, voting power, fairness and distribution —
 * who may do what, what each caller sees, and bad input named by field with
 * nothing written.
 * World: p1 = a0 (org A, the orchestrator's) + a1 (org B: memberB, observer); org C (a2) is outside p1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '@valueweb/store/testing';
import { buildWorld, type World } from './harness.ts';

type Who = Parameters<World['request']>[0];
interface FieldProblem {
  field: string;
  message: string;
}

describe.each(testStoreKinds())('govern and value API ($name store)', (kind) => {
  let w: World;
  let cleanup: () => Promise<void>;
  const P = () => `/api/v1/ecosystems/${w.eco}/partnerships/p1`;
  beforeAll(async () => {
    const opened = await kind.open();
    cleanup = opened.cleanup;
    w = await buildWorld(opened.store);
  });
  afterAll(async () => {
    await w.app.close();
    await cleanup();
  });

  const charter = async (who: Who = 'orchestrator') => {
    const res = await w.request(who, 'GET', `${P()}/charter`);
    expect(res.statusCode).toBe(200);
    return { body: res.json(), etag: res.headers.etag as string };
  };
  const amend = async (who: Who, body: unknown, etag?: string) =>
    w.request(who, 'PUT', `${P()}/charter`, body, etag ? { 'if-match': etag } : {});
  const fields = (res: { json: () => { error: { details?: FieldProblem[] } } }) =>
    (res.json().error.details ?? []).map((d) => d.field);
  const detail = (res: { json: () => { error: { details?: FieldProblem[] } } }, field: string) =>
    res.json().error.details?.find((d) => d.field === field)?.message ?? '';

  it('everyone in the ecosystem reads the charter; outsiders get 404', async () => {
    const { body } = await charter('observer');
    expect(body.current).toEqual({ decision: { rule: 'majority', abstention: 'counts-as-no' } });
    expect(body.members).toEqual(['a0', 'a1']);
    expect(body.status.inForce).toBeNull();
    expect(body.you).toMatchObject({ actorId: 'a1', member: true, mayAmend: false, mayRatify: false });
    expect((await w.request('memberC', 'GET', `${P()}/charter`)).statusCode).toBe(200);
    expect((await w.request('outsider', 'GET', `${P()}/charter`)).statusCode).toBe(404);
    expect((await w.request(null, 'GET', `${P()}/charter`)).statusCode).toBe(401);
  });

  it('refuses bad rules naming the field, and writes nothing', async () => {
    const { body, etag } = await charter();
    const cases: [unknown, string, RegExp][] = [
      [
        { decision: { rule: 'weighted', weights: { a0: 2, a1: 1 }, quota: 5 } },
        'decision.quota',
        /quota 5 is above the total weight 3/,
      ],
      [
        { decision: { rule: 'majority', veto: ['a2'] } },
        'decision.veto[0]',
        /veto member a2 is not a member/,
      ],
      [
        { decision: { rule: 'weighted', weights: { a0: 2, a2: 1 }, quota: 2 } },
        'decision.weights.a2',
        /weight given for a2, who is not a member/,
      ],
      [
        {
          decision: { rule: 'majority' },
          value: {
            rule: 'shapley',
            game: {
              coalitions: [
                { members: ['a0'], value: 1 },
                { members: ['a1'], value: 1 },
              ],
            },
          },
        },
        'value.game.coalitions',
        /coalition \{a0, a1\} missing/,
      ],
      [
        {
          decision: { rule: 'majority' },
          value: {
            rule: 'shapley',
            game: {
              coalitions: [
                { members: ['a0'], value: 1 },
                { members: ['a0'], value: 2 },
                { members: ['a1'], value: 1 },
                { members: ['a0', 'a1'], value: 3 },
              ],
            },
          },
        },
        'value.game.coalitions[1]',
        /coalition \{a0\} appears twice/,
      ],
      [
        { decision: { rule: 'majority' }, ratifications: [{ actor: 'a0', version: '1', at: '2026-01-01' }] },
        'ratifications',
        /starts without ratifications/,
      ],
    ];
    for (const [input, field, message] of cases) {
      const res = await amend('orchestrator', input, etag);
      expect(res.statusCode, field).toBe(400);
      expect(fields(res), field).toContain(field);
      expect(detail(res, field)).toMatch(message);
    }
    const after = await charter();
    expect(after.etag).toBe(etag);
    expect(after.body.current).toEqual(body.current);
    expect(after.body.history).toEqual([]);
  });

  it('members and orchestrators amend with If-Match; observers, outsiders and other organizations cannot', async () => {
    const { etag } = await charter();
    const next = {
      purpose: 'Share rare-disease data',
      decision: { rule: 'majority' },
      value: { rule: 'proportional' },
      conflictPath: ['working team', 'steering committee', 'mediation'],
    };
    expect((await amend('memberB', next)).statusCode).toBe(428);
    expect((await amend('observer', next, etag)).statusCode).toBe(403);
    expect((await amend('memberC', next, etag)).statusCode).toBe(403);
    expect((await amend('outsider', next, etag)).statusCode).toBe(404);
    const ok = await amend('memberB', next, etag);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().current).toMatchObject({ version: '1', purpose: 'Share rare-disease data' });
    expect(ok.json().history).toHaveLength(1); // the unversioned charter, kept
    expect((await amend('orchestrator', { ...next, scope: 'x' }, etag)).statusCode).toBe(412);
  });

  it('only a user of a member organization ratifies, for its own actor, the current version', async () => {
    const url = `${P()}/charter/ratifications`;
    const wrongOrg = await w.request('memberB', 'POST', url, { version: '1', actor: 'a0' });
    expect(wrongOrg.statusCode).toBe(403);
    expect(fields(wrongOrg)).toEqual(['actor']);
    expect(detail(wrongOrg, 'actor')).toMatch(
      /for your own organization \(a1\); a0 does so through its own people/,
    );
    const nonMember = await w.request('memberC', 'POST', url, { version: '1' });
    expect(nonMember.statusCode).toBe(403);
    expect(detail(nonMember, 'actor')).toMatch(/a2 is not a member of this partnership/);
    expect((await w.request('observer', 'POST', url, { version: '1' })).statusCode).toBe(403);
    const oldVersion = await w.request('memberB', 'POST', url, { version: '0' });
    expect(oldVersion.statusCode).toBe(400);
    expect(fields(oldVersion)).toEqual(['version']);
    const mine = await w.request('memberB', 'POST', url, { version: '1' });
    expect(mine.statusCode).toBe(201);
    expect(mine.json().status.current).toMatchObject({ pending: ['a0'], fullyRatified: false });
    expect(mine.json().status.inForce).toBeNull();
    expect((await w.request('memberB', 'POST', url, { version: '1' })).statusCode).toBe(409);
    const orch = await w.request('orchestrator', 'POST', url, { version: '1' });
    expect(orch.statusCode).toBe(201);
    expect(orch.json().status.inForce).toMatchObject({ version: '1', current: true });
    const audit = await w.request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/audit?limit=10`);
    expect(audit.json().items.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['partnership.charter.amend', 'partnership.charter.ratify']),
    );
  });

  it('decisions: proposed, voted on by one user per member organization, tallied live, closed into the log', async () => {
    const bad = await w.request('orchestrator', 'POST', `${P()}/decisions`, {
      title: '',
      deadline: '2027-02-30',
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['title', 'deadline']));
    expect(
      fields(
        await w.request('orchestrator', 'POST', `${P()}/decisions`, {
          title: 'X',
          deadline: '2099-01-01',
          status: 'passed',
        }),
      ),
    ).toEqual(['status']);
    expect(
      (await w.request('observer', 'POST', `${P()}/decisions`, { title: 'X', deadline: '2099-01-01' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await w.request('memberC', 'POST', `${P()}/decisions`, { title: 'X', deadline: '2099-01-01' }))
        .statusCode,
    ).toBe(403);

    const created = await w.request('memberB', 'POST', `${P()}/decisions`, {
      title: 'Adopt the FHIR data standard',
      deadline: '2099-01-01',
      options: ['adopt', 'defer'],
    });
    expect(created.statusCode).toBe(201);
    const d = created.json();
    expect(d).toMatchObject({
      key: 'adopt-the-fhir-data-standard',
      item: { status: 'open', votes: [] },
      ruling: { version: '1', basis: 'opened', binding: true },
      tally: { yes: 0, absent: 2, passed: false },
    });
    const V = (actor: string) => `${P()}/decisions/${d.key}/votes/${actor}`;

    const nonMember = await w.request('memberC', 'PUT', V('a2'), { vote: 'yes' });
    expect(nonMember.statusCode).toBe(403);
    expect(detail(nonMember, 'actor')).toMatch(/a2 is not a member of this partnership, so it does not vote/);
    expect(fields(await w.request('memberB', 'PUT', V('a0'), { vote: 'yes' }))).toEqual(['actor']);
    expect((await w.request('observer', 'PUT', V('a1'), { vote: 'yes' })).statusCode).toBe(403);
    expect((await w.request('outsider', 'PUT', V('a1'), { vote: 'yes' })).statusCode).toBe(404);
    expect(fields(await w.request('memberB', 'PUT', V('a1'), { vote: 'maybe' }))).toEqual(['vote']);

    const first = await w.request('memberB', 'PUT', V('a1'), { vote: 'no' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ tally: { no: 1, yes: 0 }, you: { vote: 'no' } });
    const changed = await w.request('memberB', 'PUT', V('a1'), { vote: 'yes' });
    expect(changed.json().item.votes).toHaveLength(1);
    // Majority of the votes cast: absent members do not count (a quorum guards turnout).
    expect(changed.json().tally).toMatchObject({ yes: 1, no: 0, absent: 1, quotaNeeded: 1 });
    // A member closes only past the deadline or once every member has voted.
    expect((await w.request('memberB', 'POST', `${P()}/decisions/${d.key}/close`, {})).statusCode).toBe(403);
    expect((await w.request('orchestrator', 'PUT', V('a0'), { vote: 'yes' })).json().tally).toMatchObject({
      yes: 2,
      passed: true,
    });
    const observed = (await w.request('observer', 'GET', `${P()}/decisions`)).json();
    expect(observed.items.find((x: { key: string }) => x.key === d.key)).toMatchObject({
      tally: { yes: 2 },
      you: { mayVote: false, mayClose: false },
    });

    const closed = await w.request('memberB', 'POST', `${P()}/decisions/${d.key}/close`, {
      rationale: 'Agreed at the steering meeting.',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().item).toMatchObject({
      status: 'passed',
      decided: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(closed.json().item.rationale).toMatch(
      /^Agreed at the steering meeting\.\n\nClosed on .*: passed under charter version 1 \(majority rule\)\. 2 of 2 members voted: 2 yes/,
    );
    expect((await w.request('memberB', 'PUT', V('a1'), { vote: 'no' })).statusCode).toBe(409);
    expect((await w.request('orchestrator', 'POST', `${P()}/decisions/${d.key}/close`, {})).statusCode).toBe(
      409,
    );
  });

  it('a decision stuck past its deadline escalates into a dispute on the conflict path, which walks up step by step', async () => {
    const early = (
      await w.request('orchestrator', 'POST', `${P()}/decisions`, {
        id: 'not-yet',
        title: 'Later',
        deadline: '2099-01-01',
      })
    ).json();
    const tooEarly = await w.request('orchestrator', 'POST', `${P()}/decisions/${early.key}/escalate`);
    expect(tooEarly.statusCode).toBe(400);
    expect(fields(tooEarly)).toEqual(['deadline']);

    const stuck = await w.request('orchestrator', 'POST', `${P()}/decisions`, {
      id: 'budget-2025',
      title: 'Budget 2025',
      opened: '2025-01-02',
      deadline: '2025-02-01',
    });
    expect(stuck.statusCode).toBe(201);
    expect(stuck.json()).toMatchObject({
      stuck: true,
      escalation: { due: true, to: 'working team' },
      ruling: { basis: 'closing' },
      you: { mayEscalate: true },
    });
    await w.request('orchestrator', 'PUT', `${P()}/decisions/budget-2025/votes/a0`, { vote: 'no' });
    expect((await w.request('observer', 'POST', `${P()}/decisions/budget-2025/escalate`)).statusCode).toBe(
      403,
    );
    const esc = await w.request('memberB', 'POST', `${P()}/decisions/budget-2025/escalate`);
    expect(esc.statusCode).toBe(200);
    expect(esc.json().decision.item.status).toBe('escalated');
    expect(esc.json().decision.item.rationale).toMatch(
      /Escalated on .*: the deadline 2025-02-01 passed without an outcome \(1 of 2 members voted; the votes do not pass it\)\. Dispute decision-budget-2025 opened at "working team"/,
    );
    expect(esc.json().dispute.item).toMatchObject({
      id: 'decision-budget-2025',
      parties: ['a0', 'a1'],
      stage: 'working team',
      status: 'open',
    });
    expect((await w.request('memberB', 'POST', `${P()}/decisions/budget-2025/escalate`)).statusCode).toBe(
      409,
    );

    const up = `${P()}/disputes/decision-budget-2025/escalate`;
    expect((await w.request('observer', 'POST', up)).statusCode).toBe(403);
    expect((await w.request('memberB', 'POST', up)).json()).toMatchObject({
      item: { stage: 'steering committee' },
      escalated: { from: 'working team', to: 'steering committee' },
    });
    expect((await w.request('orchestrator', 'POST', up)).json().item.stage).toBe('mediation');
    const top = await w.request('orchestrator', 'POST', up);
    expect(top.statusCode).toBe(400);
    expect(detail(top, 'stage')).toMatch(/last step of the conflict path/);
  });

  it('voting power of the rule in force and of a what-if rule, with bad rules named by field', async () => {
    const inForce = await w.request('observer', 'GET', `${P()}/power`);
    expect(inForce.statusCode).toBe(200);
    expect(inForce.json()).toMatchObject({
      basis: 'in-force',
      charterVersion: '1',
      rule: { rule: 'majority' },
      report: { suggestion: null },
    });
    // Majority of 2 needs both: each is a veto player with half the power.
    expect(inForce.json().report.power.vetoPlayers).toEqual(['a0', 'a1']);

    const whatIf = await w.request('memberC', 'POST', `${P()}/power`, {
      decision: { rule: 'weighted', weights: { a0: 3, a1: 1 }, quota: 3 },
    });
    expect(whatIf.statusCode).toBe(200);
    const power = whatIf.json().report.power;
    expect(power).toMatchObject({ dictator: 'a0', dummies: ['a1'] });
    expect(power.members.find((m: { actorId: string }) => m.actorId === 'a0')).toMatchObject({
      shapleyShubik: 1,
      banzhaf: 1,
      penrose: 1,
    });
    expect(whatIf.json().report.suggestion).toMatchObject({ current: { quota: 3 } });
    for (const [decision, field, message] of [
      [
        { rule: 'weighted', weights: { a0: 3, a1: 1 }, quota: 9 },
        'decision.quota',
        /above the total weight 4/,
      ],
      [{ rule: 'qualified', quota: 1, veto: ['a4'] }, 'decision.veto[0]', /a4 is not a member/],
      [{ rule: 'weighted', weights: { a0: 3, a5: 1 }, quota: 2 }, 'decision.weights.a5', /not a member/],
      [{ rule: 'plurality' }, 'decision.rule', /./],
    ] as const) {
      const res = await w.request('memberB', 'POST', `${P()}/power`, { decision });
      expect(res.statusCode, field).toBe(400);
      expect(fields(res), field).toContain(field);
      expect(detail(res, field)).toMatch(message);
    }
    expect((await w.request('outsider', 'GET', `${P()}/power`)).statusCode).toBe(404);
  });

  it('fairness and distribution read only the ledger entries the caller may see', async () => {
    const entry = (id: string, kind: string, actor: string, value: number, extra: object = {}) => ({
      id,
      kind,
      actor,
      type: 'cash',
      value,
      currency: 'EUR',
      date: '2026-03-01',
      ...extra,
    });
    expect(
      (await w.request('orchestrator', 'POST', `${P()}/ledger`, entry('a0-c', 'contribution', 'a0', 1000)))
        .statusCode,
    ).toBe(201);
    expect(
      (
        await w.request(
          'memberB',
          'POST',
          `${P()}/ledger`,
          entry('a1-c', 'contribution', 'a1', 500, { visibility: 'private' }),
        )
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await w.request(
          'orchestrator',
          'POST',
          `${P()}/ledger`,
          entry('a0-b', 'benefit', 'a0', 200, { visibility: 'ecosystem' }),
        )
      ).statusCode,
    ).toBe(201);
    expect(
      (await w.request('memberB', 'POST', `${P()}/ledger`, entry('a1-b', 'benefit', 'a1', 400))).statusCode,
    ).toBe(201);

    const all = (await w.request('orchestrator', 'GET', `${P()}/fairness`)).json();
    expect(all.entries.seen).toBe(4);
    const a1 = all.fairness.members.find((m: { actorId: string }) => m.actorId === 'a1');
    expect(a1).toMatchObject({ contributed: 500, received: 400, ratio: 0.8 });
    expect(all.fairness.gini).toBeGreaterThan(0);
    expect(all.fairness.flagged).toEqual(['a0']); // 0.2 < 0.5 × median 0.5
    // Org C is outside p1: it sees only what is shared with the whole ecosystem.
    const c = (await w.request('memberC', 'GET', `${P()}/fairness`)).json();
    expect(c.entries.seen).toBe(1);
    expect(c.explanation[0]).toMatch(/entries your organization may see/);
    const period = (await w.request('orchestrator', 'GET', `${P()}/fairness?from=2026-04-01`)).json();
    expect(period.entries).toMatchObject({ counted: 0, outsidePeriod: 4 });
    expect(
      fields(await w.request('orchestrator', 'GET', `${P()}/fairness?from=2026-05-01&to=2026-04-01`)),
    ).toEqual(['to']);

    const negative = await w.request('memberB', 'POST', `${P()}/distribution`, { amount: -10 });
    expect(negative.statusCode).toBe(400);
    expect(fields(negative)).toEqual(['amount']);
    expect(detail(negative, 'amount')).toMatch(/non-negative/);
    const prop = await w.request('orchestrator', 'POST', `${P()}/distribution`, { amount: 900 });
    expect(prop.statusCode).toBe(200);
    expect(prop.json()).toMatchObject({
      ruleSource: 'charter',
      charterVersion: '1',
      distribution: { rule: 'proportional', method: 'exact' },
    });
    expect(prop.json().distribution.shares.map((s: { amount: number }) => s.amount)).toEqual([600, 300]);
    expect(prop.json().distribution.shares[0].explanation[0]).toMatch(/contributed 1,?000 of 1,?500/);
    expect(
      (await w.request('memberB', 'POST', `${P()}/distribution`, { amount: 100, rule: 'equal' }))
        .json()
        .distribution.shares.map((s: { amount: number }) => s.amount),
    ).toEqual([50, 50]);
    const noGame = await w.request('memberB', 'POST', `${P()}/distribution`, {
      amount: 100,
      rule: 'shapley',
    });
    expect(fields(noGame)).toEqual(['rule']);

    // A coalition game in the charter: exact Shapley shares, and sampled ones with 95% intervals on request.
    const { etag } = await charter();
    const game = {
      coalitions: [
        { members: ['a0'], value: 10 },
        { members: ['a1'], value: 20 },
        { members: ['a0', 'a1'], value: 60 },
      ],
    };
    expect(
      (
        await amend(
          'orchestrator',
          {
            decision: { rule: 'majority' },
            value: { rule: 'shapley', game },
            conflictPath: ['working team', 'steering committee', 'mediation'],
          },
          etag,
        )
      ).statusCode,
    ).toBe(200);
    // Version 2 awaits ratification: version 1 (proportional) stays in force, and has no game.
    expect((await w.request('memberB', 'POST', `${P()}/distribution`, { amount: 60 })).json()).toMatchObject({
      charterVersion: '1',
      distribution: { rule: 'proportional' },
    });
    expect(
      fields(await w.request('memberB', 'POST', `${P()}/distribution`, { amount: 60, rule: 'shapley' })),
    ).toEqual(['rule']);
    await w.request('memberB', 'POST', `${P()}/charter/ratifications`, { version: '2' });
    await w.request('orchestrator', 'POST', `${P()}/charter/ratifications`, { version: '2' });
    const exact = (await w.request('memberB', 'POST', `${P()}/distribution`, { amount: 60 })).json();
    expect(exact).toMatchObject({
      charterVersion: '2',
      inForce: true,
      distribution: { rule: 'shapley', method: 'exact' },
    });
    // φ(a0) = ½·10 + ½·(60 − 20) = 25, φ(a1) = ½·20 + ½·(60 − 10) = 35.
    expect(exact.distribution.shares.map((s: { amount: number }) => s.amount)).toEqual([25, 35]);
    expect(exact.distribution.shares[0].explanation.join(' ')).toMatch(/Shapley value 25 of v\(N\) = 60/);
    const sampled = (
      await w.request('memberB', 'POST', `${P()}/distribution`, {
        amount: 60,
        sampling: { samples: 1000, seed: 7 },
      })
    ).json();
    expect(sampled.distribution).toMatchObject({ method: 'sampling', samples: 1000 });
    expect(sampled.distribution.shares[0].explanation.join(' ')).toMatch(/95% interval/);
  });
});
