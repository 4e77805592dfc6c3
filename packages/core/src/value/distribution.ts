/**
 * Splits an amount (a period's revenue, savings, a grant) among the members by the charter's
 * value rule, every share explained:
 * - `equal`: amount / n each;
 * - `proportional`: amount × c_i / Σc, c = the ledger's contributions in the period. When nobody
 *   contributed the split is undefined and this is an error (we never silently switch the
 *   charter's rule to another one);
 * - `shapley`: amount × φ_i / v(N), φ the Shapley value of `charter.value.game` and v(N) what the
 *   whole partnership is worth in it (so the shares keep the game's proportions when the amount
 *   differs from v(N)); v(N) ≤ 0 or a negative φ_i (a member who would have to pay) is an error.
 * Shares are rounded to the currency's smallest unit (cents by default) by largest remainder,
 * so they add up exactly to the amount.
 */
import { GameInputError } from '../games/errors.ts';
import { formatNumber, formatPercent } from '../games/format.ts';
import { shapleyOfGameModel } from '../games/game-model.ts';
import { largestRemainder } from './rounding.ts';
import type { ValueRuleInput } from './value-rule-schema.ts';

/** What a distribution needs besides the amount and the rule. */
export interface DistributionContext {
  readonly members: readonly string[];
  /** The ledger's contributions in the period, actor id → value (proportional rule); missing members contributed 0. */
  readonly contributions?: Readonly<Record<string, number>>;
  /** Each member's capabilities (shapley rule with a capability game). */
  readonly capabilitiesOf?: Readonly<Record<string, readonly string[]>>;
  /** Decimals of the currency's smallest unit (default 2). */
  readonly decimals?: number;
  /** The period, as users name it (e.g. "2025-Q3"), for the explanations. */
  readonly period?: string;
  /** Sampling settings, used only for a coalition table beyond `exactLimit` members. */
  readonly exactLimit?: number;
  readonly samples?: number;
  readonly seed?: number;
}

/** One member's share of the amount. */
export interface DistributedShare {
  readonly actorId: string;
  /** Rounded to the currency's smallest unit. */
  readonly amount: number;
  /** The exact fraction of the amount before rounding. */
  readonly fraction: number;
  readonly explanation: string[];
}

/** An amount split by a value rule. */
export interface Distribution {
  readonly rule: ValueRuleInput['rule'];
  readonly amount: number;
  readonly method: 'exact' | 'sampling';
  readonly samples?: number;
  readonly shares: DistributedShare[];
  readonly explanation: string[];
}

interface Fractions {
  readonly fractions: number[];
  readonly lines: string[][];
  readonly summary: string[];
  readonly method: 'exact' | 'sampling';
  readonly samples?: number;
}

function equalFractions(members: readonly string[]): Fractions {
  const n = members.length;
  return {
    fractions: members.map(() => 1 / n),
    lines: members.map(() => [`equal split: 1/${n} of the amount`]),
    summary: [`equal rule: each of the ${n} members gets 1/${n}`],
    method: 'exact',
  };
}

function proportionalFractions(members: readonly string[], ctx: DistributionContext): Fractions {
  const contributions = ctx.contributions;
  if (contributions === undefined)
    throw new GameInputError(
      ['contributions'],
      'the proportional rule needs the contributions of the period',
    );
  const memberSet = new Set(members);
  for (const [id, c] of Object.entries(contributions)) {
    if (!memberSet.has(id))
      throw new GameInputError(['contributions', id], `${id} is not a member of the partnership`);
    if (!Number.isFinite(c) || c < 0)
      throw new GameInputError(['contributions', id], `must be a non-negative number (got ${c})`);
  }
  const c = members.map((id) => contributions[id] ?? 0);
  const total = c.reduce((a, b) => a + b, 0);
  const period = ctx.period === undefined ? 'the period' : ctx.period;
  if (total <= 0) {
    throw new GameInputError(
      ['contributions'],
      `no member contributed anything in ${period}, so a split proportional to contributions is undefined`,
    );
  }
  return {
    fractions: c.map((x) => x / total),
    lines: c.map((x) => [
      `contributed ${formatNumber(x)} of ${formatNumber(total)} in ${period} (${formatPercent(x / total)})`,
    ]),
    summary: [
      `proportional rule: each member gets its share of the ${formatNumber(total)} contributed in ${period}`,
    ],
    method: 'exact',
  };
}

function shapleyFractions(
  members: readonly string[],
  rule: ValueRuleInput,
  ctx: DistributionContext,
): Fractions {
  if (rule.game === undefined)
    throw new GameInputError(
      ['value', 'game'],
      'the shapley rule needs a game (coalitions, synergies or capabilities)',
    );
  const result = shapleyOfGameModel(rule.game, members, {
    ...(ctx.capabilitiesOf ? { capabilitiesOf: ctx.capabilitiesOf } : {}),
    ...(ctx.exactLimit !== undefined ? { exactLimit: ctx.exactLimit } : {}),
    ...(ctx.samples !== undefined ? { samples: ctx.samples } : {}),
    ...(ctx.seed !== undefined ? { seed: ctx.seed } : {}),
  });
  const vN = result.grandValue;
  if (!(vN > 0)) {
    throw new GameInputError(
      ['value', 'game'],
      `the whole partnership is worth ${formatNumber(vN)} in the game; shares amount × φ / v(N) need v(N) above 0`,
    );
  }
  const negative = result.shares.find((s) => s.value < 0);
  if (negative !== undefined) {
    throw new GameInputError(
      ['value', 'game'],
      `${negative.actorId}'s Shapley value is negative (${formatNumber(negative.value)}): splitting a positive amount would charge it; review the game or use another rule`,
    );
  }
  return {
    fractions: result.shares.map((s) => s.value / vN),
    lines: result.shares.map((s) => [
      ...s.explanation,
      `Shapley value ${formatNumber(s.value)} of v(N) = ${formatNumber(vN)} (${formatPercent(s.value / vN)})${s.ci95 ? `, 95% interval ${formatNumber(s.ci95[0])} to ${formatNumber(s.ci95[1])}` : ''}`,
    ]),
    summary: [
      ...result.explanation,
      `shapley rule: each member gets amount × φ_i / v(N), its Shapley value's share of what the whole partnership is worth`,
    ],
    method: result.method,
    ...(result.samples !== undefined ? { samples: result.samples } : {}),
  };
}

/** Splits `amount` among `ctx.members` by `rule` (`charter.value`), rounded to the smallest unit by largest remainder; see the file header for the definitions. */
export function distribute(amount: number, rule: ValueRuleInput, ctx: DistributionContext): Distribution {
  if (!Number.isFinite(amount) || amount < 0)
    throw new GameInputError(['amount'], `must be a non-negative number (got ${amount})`);
  const decimals = ctx.decimals ?? 2;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6)
    throw new GameInputError(['decimals'], `must be a whole number from 0 to 6 (got ${decimals})`);
  const scale = 10 ** decimals;
  const units = Math.round(amount * scale);
  if (Math.abs(amount * scale - units) > 1e-6 * Math.max(1, units)) {
    throw new GameInputError(
      ['amount'],
      `${amount} has more than ${decimals} decimals: give it in whole units of the currency's smallest unit`,
    );
  }
  const members = ctx.members;
  if (members.length === 0) throw new GameInputError(['members'], 'there is nobody to distribute to');
  if (new Set(members).size !== members.length)
    throw new GameInputError(['members'], 'a member is listed twice');

  let f: Fractions;
  switch (rule.rule) {
    case 'equal':
      f = equalFractions(members);
      break;
    case 'proportional':
      f = proportionalFractions(members, ctx);
      break;
    case 'shapley':
      f = shapleyFractions(members, rule, ctx);
      break;
  }
  const { units: parts, roundedUp } = largestRemainder(units, f.fractions);
  const shares = members.map((actorId, i): DistributedShare => {
    const exact = amount * f.fractions[i]!;
    const rounded = parts[i]! / scale;
    const lines = [
      ...f.lines[i]!,
      `${formatPercent(f.fractions[i]!)} of ${formatNumber(amount)} = ${formatNumber(exact)}`,
    ];
    if (Math.abs(rounded - exact) > 1e-9 * Math.max(1, amount)) {
      lines.push(
        `rounded ${roundedUp[i] ? 'up' : 'down'} to ${rounded.toFixed(decimals)} (largest remainder, so the shares add up to the amount)`,
      );
    }
    return { actorId, amount: rounded, fraction: f.fractions[i]!, explanation: lines };
  });
  return {
    rule: rule.rule,
    amount,
    method: f.method,
    ...(f.samples !== undefined ? { samples: f.samples } : {}),
    shares,
    explanation: [
      ...f.summary,
      `shares rounded to ${decimals} decimals by largest remainder: they add up to exactly ${amount.toFixed(decimals)}`,
    ],
  };
}
