/**
 * Value over HTTP: the balance and fairness of a partnership's ledger (what
 * each member contributed and received in a period, their shares and ratios,
 * the Gini imbalance, members flagged far below the others) and the
 * distribution of an amount by the charter's value rule (equal, proportional
 * to the period's contributions, or Shapley over `charter.value.game`), every
 * share explained. Both read only the ledger entries the caller may see (the
 * store filters them in SQL) and say so.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { effectiveRole, govern, value, ValidationError, type LedgerEntry, type Viewer } from '@valueweb/core';
import type { Store } from '@valueweb/store';
import { viewerFor } from '../auth/principal.ts';
import { IdParam } from './ecosystems.ts';
import { checked } from './govern.ts';

const PParams = z.strictObject({ id: IdParam, pid: IdParam });
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: 'not a real calendar date',
  });
const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: 'expected a three-letter currency code in capitals (e.g. EUR)' });
const Period = { from: IsoDate.optional(), to: IsoDate.optional(), currency: Currency.optional() };

/** Every ledger entry the viewer may see, in the order recorded. */
async function visibleEntries(store: Store, id: string, pid: string, v: Viewer): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.records.ledger(id, pid, v, { limit: 200, ...(cursor ? { cursor } : {}) });
    out.push(...page.items.map((i) => i.entry));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** Totals of the members only (an entry of an actor that left the partnership is counted out, and said so). */
function membersOnly(totals: value.PeriodTotals, members: readonly string[]) {
  const memberSet = new Set(members);
  const pick = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).filter(([k]) => memberSet.has(k)));
  const former = [
    ...new Set(
      [...Object.keys(totals.contributed), ...Object.keys(totals.received)].filter((k) => !memberSet.has(k)),
    ),
  ];
  return { contributed: pick(totals.contributed), received: pick(totals.received), former };
}

function validatePeriod(q: { from?: string | undefined; to?: string | undefined }): void {
  if (q.from && q.to && q.from > q.to)
    throw new ValidationError([
      {
        path: ['to'],
        message: `the period ends (${q.to}) before it starts (${q.from})`,
        code: 'invalid_value',
      },
    ]);
}

/** What the caller's view of the ledger covers. */
const coverage = (v: Viewer, seen: number): string =>
  effectiveRole(v) === 'orchestrator'
    ? `computed from all ${seen} ledger entries`
    : `computed from the ${seen} ledger entries your organization may see; entries other organizations keep private are not included`;

export function valueRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/ecosystems/:id/partnerships/:pid';

  r.get(
    `${base}/fairness`,
    {
      schema: {
        tags: ['value'],
        summary:
          'Contributions and benefits per member in a period (one currency), their shares, the benefit/contribution ratio, the Gini imbalance of the ratios, and members flagged below flagBelow × the median ratio',
        params: PParams,
        querystring: z.strictObject({ ...Period, flagBelow: z.coerce.number().min(0).max(1).optional() }),
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      validatePeriod(request.query);
      const c = await store.charters.get(id, pid);
      const entries = await visibleEntries(store, id, pid, v);
      const totals = value.ledgerPeriodTotals(entries, request.query);
      const { contributed, received, former } = membersOnly(totals, c.members);
      const fairness = checked(() =>
        value.assessFairness(
          { members: c.members, contributed, received },
          request.query.flagBelow !== undefined ? { flagBelow: request.query.flagBelow } : {},
        ),
      );
      const currencies = [...new Set(entries.map((e) => e.currency))].sort();
      return {
        members: c.members,
        names: c.names,
        period: { from: totals.from, to: totals.to, currency: totals.currency },
        currencies,
        entries: {
          seen: entries.length,
          counted: totals.counted,
          reversed: totals.reversed,
          outsidePeriod: totals.outsidePeriod,
          otherCurrencies: totals.otherCurrencies,
        },
        fairness,
        explanation: [
          coverage(v, entries.length),
          ...totals.explanation,
          ...(former.length ? [`left out, no longer members: ${former.join(', ')}`] : []),
          ...fairness.explanation,
        ],
      };
    },
  );

  r.post(
    `${base}/distribution`,
    {
      schema: {
        tags: ['value'],
        summary:
          "Split an amount among the members by the charter's value rule (or the rule given): equal, proportional to the ledger's contributions in the period, or shapley over charter.value.game; every share explained, rounded so the shares add up exactly (nothing is written)",
        params: PParams,
        body: z.strictObject({
          amount: z.number({ error: 'expected an amount (a number)' }),
          rule: z
            .enum(value.VALUE_RULES, { error: `expected one of: ${value.VALUE_RULES.join(', ')}` })
            .optional(),
          ...Period,
          decimals: z.number().int().min(0).max(6).optional(),
          sampling: z
            .strictObject({
              samples: z.number().int().min(100).max(200_000).optional(),
              seed: z.number().int().optional(),
            })
            .optional(),
        }),
      },
    },
    async (request) => {
      const { id, pid } = request.params;
      const v = await viewerFor(request, store, id);
      const body = request.body;
      validatePeriod(body);
      const c = await store.charters.get(id, pid);
      const chosen = c.inForce ?? c.current;
      const charterRule = chosen?.value;
      const ruleName = body.rule ?? charterRule?.rule;
      if (!ruleName)
        throw new ValidationError([
          {
            path: ['rule'],
            message: 'the charter has no value rule: choose equal, proportional or shapley',
            code: 'required',
          },
        ]);
      if (ruleName === 'shapley' && !charterRule?.game) {
        throw new ValidationError([
          {
            path: ['rule'],
            message: `the shapley rule needs the game of charter.value (coalitions, synergies or capabilities), and charter version ${govern.versionLabel(chosen) ?? '(none)'} has none`,
            code: 'invalid_value',
          },
        ]);
      }
      const rule = { rule: ruleName, ...(ruleName === 'shapley' ? { game: charterRule!.game } : {}) };
      let contributions: Record<string, number> | undefined;
      let totals: value.PeriodTotals | undefined;
      let seen = 0;
      if (ruleName === 'proportional') {
        const entries = await visibleEntries(store, id, pid, v);
        seen = entries.length;
        totals = value.ledgerPeriodTotals(entries, body);
        contributions = membersOnly(totals, c.members).contributed;
      }
      const capabilitiesOf =
        ruleName === 'shapley' && charterRule?.game?.capabilities
          ? await store.charters.memberCapabilities(id, pid)
          : undefined;
      const period =
        body.from || body.to ? `${body.from ?? 'the start'} to ${body.to ?? 'today'}` : undefined;
      const distribution = checked(() =>
        value.distribute(body.amount, rule, {
          members: c.members,
          ...(contributions ? { contributions } : {}),
          ...(capabilitiesOf ? { capabilitiesOf } : {}),
          ...(body.decimals !== undefined ? { decimals: body.decimals } : {}),
          ...(period ? { period } : {}),
          ...(body.sampling
            ? {
                exactLimit: 0,
                ...(body.sampling.samples ? { samples: body.sampling.samples } : {}),
                ...(body.sampling.seed !== undefined ? { seed: body.sampling.seed } : {}),
              }
            : {}),
        }),
      );
      const source = body.rule && body.rule !== charterRule?.rule ? 'chosen' : 'charter';
      return {
        members: c.members,
        names: c.names,
        charterVersion: govern.versionLabel(chosen),
        inForce: c.inForce !== null,
        ruleSource: source,
        currency: totals?.currency ?? null,
        distribution,
        explanation: [
          source === 'charter'
            ? `the ${ruleName} rule of charter version ${govern.versionLabel(chosen) ?? '(unversioned)'}${c.inForce ? ', in force' : ' (a draft: no version is in force yet)'}`
            : `the ${ruleName} rule chosen for this calculation (the charter says ${charterRule?.rule ?? 'nothing'})`,
          ...(totals ? [coverage(v, seen), ...totals.explanation] : []),
          ...distribution.explanation,
        ],
      };
    },
  );
}
