/**
 * Obligations (both stores): the monitoring agent reminds of one due within
 * the lead time, escalates the reminder to overdue on a later day and to
 * critical after the threshold, and resolves it when the obligation is done;
 * the reminder goes to a webhook like every alert. Marking done: a one-off is
 * done; a recurring one rolls forward by its period through month ends
 * (Jan 31 → Feb 28 → Mar 31, Feb 29 in a leap year) and opens again; who may
 * (members of the partnership and orchestrators) and who may not (another
 * organization, an observer, a read-only token), and what is refused (done
 * twice, waived, a day in the future, a missing obligation).
 * World: p1 = a0 (org A, the orchestrator's) + a1 (org B); org C (a2) is outside p1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '@valueweb/store/testing';
import type { FastifyInstance } from 'fastify';
import { readConfig, ConfigError } from '../src/index.ts';
import { buildWorld, type World } from './harness.ts';
import { monitoredApp, receiver, until, type Req, type Who } from './agent-helpers.ts';
import { verifySignature } from '../src/webhooks/sender.ts';

interface Alert {
  id: number;
  kind: string;
  severity: string;
  status: string;
  partnershipId: string;
  title: string;
  dedupeKey: string;
  detail: {
    label: string;
    evidence: string[];
    rule: string;
    action: string;
    since: string;
    actors: { id: string; name: string }[];
    obligation: {
      id: string;
      what: string;
      from: string;
      to: string;
      due: string;
      recurring: string | null;
      status: string;
      dueIn: number;
      daysOverdue: number;
      nextDue: string | null;
    };
    escalatedFrom?: string;
  };
  resolvedAt: string | null;
}

describe.each(testStoreKinds())('obligations: reminders and marking done ($name store)', (kind) => {
  let w: World;
  let app: FastifyInstance;
  let request: Req;
  let cleanup: () => Promise<void>;
  let day = '2026-05-01';
  const P = () => `/api/v1/ecosystems/${w.eco}/partnerships/p1`;
  const add = async (o: Record<string, unknown>) => {
    const r = await request('orchestrator', 'POST', `${P()}/records/obligations`, {
      from: 'a1',
      to: 'a0',
      status: 'open',
      ...o,
    });
    expect(r.statusCode, r.body).toBe(201);
  };
  const done = (key: string, who: Who = 'memberB', body?: unknown) =>
    request(who, 'POST', `${P()}/obligations/${key}/done`, body);
  const run = async () => {
    const r = await request('orchestrator', 'POST', `/api/v1/ecosystems/${w.eco}/agent/run`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('ran');
    return r.json().run.stats as Record<string, number>;
  };
  const reminders = async (obligationId: string, status = 'open,acknowledged,resolved'): Promise<Alert[]> => {
    const r = await request(
      'orchestrator',
      'GET',
      `/api/v1/ecosystems/${w.eco}/alerts?status=${status}&sort=recent&limit=200`,
    );
    expect(r.statusCode, r.body).toBe(200);
    return (r.json().items as Alert[]).filter(
      (a) => a.kind.startsWith('obligation-') && a.detail.obligation.id === obligationId,
    );
  };
  const item = async (key: string) => {
    const r = await request('orchestrator', 'GET', `${P()}/records/obligations/${key}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ item: Record<string, unknown>; version: number }>();
  };

  beforeAll(async () => {
    const opened = await kind.open();
    cleanup = opened.cleanup;
    w = await buildWorld(opened.store);
    ({ app, request } = await monitoredApp(w, opened.store, {
      agent: { today: () => day },
      webhooks: { baseDelayMs: 150, maxDelayMs: 2_000, timeoutMs: 1_000, pollMs: 100, autoStart: true },
    }));
  });
  afterAll(async () => {
    await app.close();
    await w.app.close();
    await cleanup();
  });

  it('reminds of an obligation due within the lead time, escalates it to overdue and then critical, resolves it when done', async () => {
    await add({ id: 'outcomes', what: 'Quarterly outcomes report', due: '2026-06-10' });
    day = '2026-05-26'; // 15 days ahead: not yet
    expect((await run()).reminders).toBe(0);
    expect(await reminders('outcomes')).toEqual([]);

    day = '2026-05-27'; // 14 days ahead: the reminder
    const first = await run();
    expect(first).toMatchObject({ reminders: 1 });
    const [due] = await reminders('outcomes');
    expect(due).toMatchObject({
      kind: 'obligation-due',
      severity: 'info',
      status: 'open',
      partnershipId: 'p1',
      dedupeKey: 'p1:obligation:outcomes:2026-06-10',
      title: '"Quarterly outcomes report" due in 14 days in Pilot partnership',
    });
    expect(due!.detail).toMatchObject({
      label: 'Obligation due soon',
      since: '2026-05-27',
      actors: [
        { id: 'a1', name: 'Actor 1' },
        { id: 'a0', name: 'Actor 0' },
      ],
    });
    expect(due!.detail.evidence[0]).toBe('Actor 1 owes Actor 0: Quarterly outcomes report.');
    expect(due!.detail.evidence[1]).toMatch(/^Due 2026-06-10 \(in 14 days\)/);
    expect(due!.detail.rule).toMatch(/from 14 days before its due date.*critical 30 days after the due date/);
    expect(due!.detail.action).toMatch(
      /^Actor 1: deliver it by 2026-06-10 and mark it done; if that date cannot be met, renegotiate it with Actor 0/,
    );
    expect(due!.detail.obligation).toMatchObject({
      id: 'outcomes',
      due: '2026-06-10',
      dueIn: 14,
      recurring: null,
    });

    // A day later: the same alert, one day closer, no duplicate.
    day = '2026-05-28';
    expect(await run()).toMatchObject({ raised: 0, escalated: 0 });
    const again = await reminders('outcomes');
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({
      id: due!.id,
      title: '"Quarterly outcomes report" due in 13 days in Pilot partnership',
    });

    // A member acknowledges it; past the due date it becomes overdue (warning): reopened and reported again.
    const ack = await request(
      'memberB',
      'POST',
      `/api/v1/ecosystems/${w.eco}/alerts/${due!.id}/acknowledge`,
      { note: 'On it' },
    );
    expect(ack.statusCode, ack.body).toBe(200);
    day = '2026-06-11';
    expect(await run()).toMatchObject({ escalated: 1 });
    const [late] = await reminders('outcomes');
    expect(late).toMatchObject({
      id: due!.id,
      kind: 'obligation-overdue',
      severity: 'warning',
      status: 'open',
      title: '"Quarterly outcomes report" overdue by 1 day in Pilot partnership',
    });
    expect(late!.detail).toMatchObject({
      label: 'Obligation overdue',
      since: '2026-06-11',
      escalatedFrom: 'info',
    });
    expect(late!.detail.evidence[1]).toMatch(/overdue by 1 day; critical from 2026-07-10/);
    expect(late!.detail.action).toMatch(
      /deliver it now and mark it done, or renegotiate the due date with Actor 0/,
    );

    day = '2026-07-10'; // 30 days late
    expect(await run()).toMatchObject({ escalated: 1 });
    const [critical] = await reminders('outcomes');
    expect(critical).toMatchObject({ id: due!.id, severity: 'critical', kind: 'obligation-overdue' });
    expect(critical!.detail.evidence[1]).toMatch(/overdue by 30 days — 30 days or more, so critical/);

    // Done (a one-off): the reminder resolves.
    const d = await done('outcomes');
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({
      completed: { due: '2026-06-10', on: '2026-07-10', late: true },
      next: null,
      obligation: { item: { status: 'done', lastDone: '2026-07-10' }, reminder: null, overdue: false },
    });
    expect(d.json().explanation).toMatch(/a one-off, so nothing more is owed/);
    expect(await run()).toMatchObject({ resolved: 1 });
    const [gone] = await reminders('outcomes');
    expect(gone).toMatchObject({ id: due!.id, status: 'resolved' });
    expect(gone!.resolvedAt).toBeTruthy();
    // Audited as the member's completion.
    const audit = (await request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/audit?limit=20`)).json()
      .items as { action: string; entityId: string; before: { status: string }; after: { status: string } }[];
    const entry = audit.find((a) => a.action === 'partnership.obligations.done');
    expect(entry).toMatchObject({
      entityId: 'p1/outcomes',
      before: { status: 'open' },
      after: { status: 'done', lastDone: '2026-07-10' },
    });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['alert.raise', 'alert.escalate', 'alert.resolve']),
    );
  });

  it('rolls a recurring obligation forward through month ends and keeps the completion; a one-off is just done', async () => {
    day = '2027-02-05';
    await add({
      id: 'monthly',
      what: 'Monthly batch certificates',
      due: '2027-01-31',
      recurring: 'monthly',
      status: 'overdue',
    });
    const first = await done('monthly', 'memberB', { on: '2027-02-03' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe(`"${first.json().obligation.version}"`);
    expect(first.json()).toMatchObject({
      completed: { due: '2027-01-31', on: '2027-02-03', late: true },
      next: '2027-02-28',
      obligation: {
        item: { due: '2027-02-28', status: 'open', recurring: 'monthly', dueDay: 31, lastDone: '2027-02-03' },
        nextDue: '2027-03-31',
        overdue: false,
        dueIn: 23,
        reminder: null,
      },
    });
    expect(first.json().explanation).toMatch(
      /the next one is due 2027-02-28 \(the last day of the month\) and it is open again/,
    );
    const second = await done('monthly', 'orchestrator');
    expect(second.json()).toMatchObject({
      next: '2027-03-31',
      obligation: { item: { due: '2027-03-31', lastDone: '2027-02-05' } },
    });
    expect((await item('monthly')).item).toEqual({
      id: 'monthly',
      from: 'a1',
      to: 'a0',
      what: 'Monthly batch certificates',
      due: '2027-03-31',
      recurring: 'monthly',
      dueDay: 31,
      status: 'open',
      lastDone: '2027-02-05',
    });

    // A leap year, a quarter from a 30th that is its month's end, a mid-month annual one.
    await add({ id: 'leap', what: 'Leap-year report', due: '2028-01-31', recurring: 'monthly' });
    await add({ id: 'quarter', what: 'Quarterly review', due: '2026-11-30', recurring: 'quarterly' });
    await add({ id: 'yearly', what: 'Annual instalment', due: '2026-12-15', recurring: 'annually' });
    await add({ id: 'pinned', what: 'On the 30th', due: '2027-01-30', recurring: 'monthly' });
    expect((await done('leap')).json().next).toBe('2028-02-29');
    expect((await done('quarter')).json().next).toBe('2027-02-28');
    expect((await done('quarter')).json().next).toBe('2027-05-31');
    expect((await done('yearly')).json().next).toBe('2027-12-15');
    const pinned = (await done('pinned')).json();
    expect(pinned.next).toBe('2027-02-28');
    expect(pinned.explanation).toMatch(/\(day 30 of the month, or its last day when the month is shorter\)/);
    expect((await done('pinned')).json().next).toBe('2027-03-30');

    // A one-off: done, then nothing more to do; a waived one owes nothing.
    await add({ id: 'once', what: 'Signed data-sharing agreement', due: '2027-02-01' });
    const once = await done('once');
    expect(once.json()).toMatchObject({
      next: null,
      obligation: { item: { status: 'done', lastDone: '2027-02-05' }, nextDue: null, dueIn: null },
    });
    const twice = await done('once');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({
      code: 'conflict',
      message: 'obligation "once" is already done (on 2027-02-05)',
      details: [{ field: 'status' }],
    });
    await add({ id: 'waived', what: 'Waived report', due: '2027-02-01', status: 'waived' });
    expect((await done('waived')).statusCode).toBe(409);
  });

  it('refuses a day in the future or not a date, naming the field; writes nothing', async () => {
    day = '2027-02-05';
    await add({ id: 'future', what: 'Not yet', due: '2027-03-01', recurring: 'monthly' });
    const before = await item('future');
    const future = await done('future', 'memberB', { on: '2027-02-06' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details).toEqual([
      { field: 'on', message: '2027-02-06 is after today (2027-02-05)' },
    ]);
    const bad = await done('future', 'memberB', { on: '2027-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('on');
    expect((await done('future', 'memberB', { on: '2027-02-01', extra: 1 })).statusCode).toBe(400);
    expect(await item('future')).toEqual(before);
  });

  it('members of the partnership and orchestrators mark done; another organization, an observer and a read-only token may not; a missing obligation is 404', async () => {
    day = '2027-02-05';
    await add({ id: 'guarded', what: 'Guarded report', due: '2027-02-10' });
    const before = await item('guarded');
    for (const who of ['memberC', 'observer'] as const) {
      const r = await done('guarded', who);
      expect(r.statusCode, who).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
    }
    expect((await done('guarded', 'outsider')).statusCode).toBe(404);
    expect((await done('guarded', null)).statusCode).toBe(401);
    // A read-only token of a member.
    const tok = await request('memberB', 'POST', '/api/v1/tokens', { name: 'ro', scope: 'read' });
    expect(tok.statusCode, tok.body).toBe(201);
    const ro = await app.inject({
      method: 'POST',
      url: `${P()}/obligations/guarded/done`,
      headers: { authorization: `Bearer ${tok.json().token}` },
    });
    expect(ro.statusCode).toBe(403);
    expect(ro.json().error.message).toMatch(/read-only/);
    expect(await item('guarded')).toEqual(before);

    const missing = await done('no-such-obligation', 'orchestrator');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/no obligations item "no-such-obligation"/);
    expect(
      (
        await request(
          'orchestrator',
          'POST',
          `/api/v1/ecosystems/${w.eco}/partnerships/nope/obligations/guarded/done`,
        )
      ).statusCode,
    ).toBe(404);
    expect((await done('guarded', 'memberB')).statusCode).toBe(200);
  });

  it('lists obligations by due date with their reminder, next due date and the rule; everyone in the ecosystem reads them', async () => {
    day = '2027-02-05';
    for (const who of ['orchestrator', 'memberB', 'memberC', 'observer'] as const) {
      const r = await request(who, 'GET', `${P()}/obligations`);
      expect(r.statusCode, who).toBe(200);
      expect(r.json().you.mayMarkDone).toBe(who === 'orchestrator' || who === 'memberB');
    }
    expect((await request('outsider', 'GET', `${P()}/obligations`)).statusCode).toBe(404);
    const r = (await request('observer', 'GET', `${P()}/obligations?today=2027-03-20`)).json();
    expect(r).toMatchObject({ today: '2027-03-20', policy: { leadDays: 14, criticalAfterDays: 30 } });
    expect(r.rule).toMatch(/from 14 days before its due date/);
    const dues = (r.items as { item: { due: string } }[]).map((x) => x.item.due);
    expect(dues).toEqual([...dues].sort());
    const byKey = new Map((r.items as { key: string }[]).map((x) => [x.key, x]));
    expect(byKey.get('future')).toMatchObject({
      overdue: true,
      dueIn: -19,
      reminder: { kind: 'obligation-overdue', severity: 'warning', daysOverdue: 19 },
      nextDue: '2027-04-01',
    });
    expect(byKey.get('monthly')).toMatchObject({
      overdue: false,
      dueIn: 11,
      reminder: { kind: 'obligation-due', severity: 'info' },
      nextDue: '2027-04-30',
    });
    expect(byKey.get('leap')).toMatchObject({ reminder: null, nextDue: '2028-03-31' });
    expect(byKey.get('once')).toMatchObject({ overdue: false, reminder: null, nextDue: null });
    expect(r.counts.overdue).toBe((r.items as { overdue: boolean }[]).filter((x) => x.overdue).length);
    expect((await request('observer', 'GET', `${P()}/obligations?today=2027-02-30`)).statusCode).toBe(400);
  });

  it('sends a reminder to a webhook like every alert, signed, and its resolution when done', async () => {
    const rx = await receiver();
    try {
      const e = await request('orchestrator', 'POST', `/api/v1/ecosystems/${w.eco}/webhooks`, {
        url: rx.url,
      });
      expect(e.statusCode, e.body).toBe(201);
      const { secret, id: endpoint } = e.json<{ secret: string; id: string }>();
      day = '2027-04-01';
      await add({
        id: 'hooked',
        what: 'Data access for the registry',
        due: '2027-04-05',
        from: 'a0',
        to: 'a1',
      });
      await run();
      const isHooked = (body: string, event: string) => {
        const b = JSON.parse(body);
        return b.event === event && b.alert?.why?.obligation?.id === 'hooked';
      };
      await until(
        () => rx.got.some((g) => isHooked(g.body, 'alert.raised')),
        10_000,
        'the reminder delivered',
      );
      const got = rx.got.find((g) => isHooked(g.body, 'alert.raised'))!;
      expect(verifySignature(secret, got.body, got.headers['x-valueweb-signature'] as string)).toBe(true);
      const body = JSON.parse(got.body);
      expect(body).toMatchObject({
        event: 'alert.raised',
        ecosystem: { id: w.eco },
        alert: {
          kind: 'obligation-due',
          severity: 'info',
          partnershipId: 'p1',
          status: 'open',
          title: '"Data access for the registry" due in 4 days in Pilot partnership',
        },
      });
      expect(body.alert.why.evidence[0]).toBe('Actor 0 owes Actor 1: Data access for the registry.');
      expect(body.alert.why.rule).toBeTruthy();
      expect(body.alert.why.action).toMatch(/^Actor 0: deliver it by 2027-04-05/);

      expect((await done('hooked', 'orchestrator')).statusCode).toBe(200);
      await run();
      await until(
        () => rx.got.some((g) => isHooked(g.body, 'alert.resolved')),
        10_000,
        'the resolution delivered',
      );
      const cur = await request('orchestrator', 'GET', `/api/v1/ecosystems/${w.eco}/webhooks/${endpoint}`);
      expect(
        (
          await request(
            'orchestrator',
            'DELETE',
            `/api/v1/ecosystems/${w.eco}/webhooks/${endpoint}`,
            undefined,
            { 'if-match': cur.headers.etag as string },
          )
        ).statusCode,
      ).toBe(204);
    } finally {
      await rx.close();
    }
  });

  it('takes its lead time and critical threshold from the configuration', async () => {
    const c = readConfig({ VALUEWEB_REMINDER_LEAD_DAYS: '3', VALUEWEB_OVERDUE_CRITICAL_DAYS: '7' });
    expect(c).toMatchObject({ reminderLeadDays: 3, overdueCriticalDays: 7 });
    expect(readConfig({})).toMatchObject({ reminderLeadDays: 14, overdueCriticalDays: 30 });
    let err: unknown;
    try {
      readConfig({ VALUEWEB_REMINDER_LEAD_DAYS: 'soon', VALUEWEB_OVERDUE_CRITICAL_DAYS: '0' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.join('\n')).toMatch(
      /VALUEWEB_REMINDER_LEAD_DAYS="soon": expected a whole number from 0 to 366[\s\S]*VALUEWEB_OVERDUE_CRITICAL_DAYS="0": expected a whole number from 1 to 3660/,
    );

    const short = await monitoredApp(w, w.store, {
      agent: {
        today: () => '2027-04-01',
        reminders: { leadDays: c.reminderLeadDays, criticalAfterDays: c.overdueCriticalDays },
      },
    });
    try {
      await add({ id: 'short-lead', what: 'Short lead', due: '2027-04-05' });
      const r = (await short.request('orchestrator', 'GET', `${P()}/obligations`)).json();
      expect(r.policy).toEqual({ leadDays: 3, criticalAfterDays: 7 });
      expect(r.rule).toMatch(/from 3 days before its due date.*critical 7 days after/);
      expect(r.items.find((x: { key: string }) => x.key === 'short-lead').reminder).toBeNull(); // 4 days ahead
      const ran = await short.request('orchestrator', 'POST', `/api/v1/ecosystems/${w.eco}/agent/run`);
      expect(ran.json().status).toBe('ran');
      expect(await reminders('short-lead')).toEqual([]);
    } finally {
      await short.app.close();
    }
  });
});
