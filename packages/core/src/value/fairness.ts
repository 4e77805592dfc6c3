/**
 * Balance and fairness of a partnership's ledger: what each member put in and took out,
 * and whether some members get far less back for what they contribute than the others
 * (seed 001 pitfalls: unequal contributions, and the defection they lead to).
 *
 * Definitions:
 * - contributionShare = c_i / Σc, benefitShare = b_i / Σb (0 when the total is 0);
 * - ratio = b_i / c_i, benefit received per unit contributed; null when c_i = 0 (undefined:
 *   such a member is reported as receiving without contributing, never flagged as short-changed);
 * - imbalance = Gini coefficient of the defined ratios, mean absolute difference over twice
 *   the mean: Σ_i Σ_j |r_i − r_j| / (2 n² r̄) (0 = every member gets the same return; it does not
 *   depend on the units of c or b);
 * - flagged: members whose ratio is below `flagBelow` (default 0.5) × the median ratio.
 */
import { GameInputError } from '../games/errors.ts';
import { formatNumber, formatPercent } from '../games/format.ts';

/** Totals per member for a period (actor id → value); members missing from a record count 0. */
export interface FairnessInput {
  readonly members: readonly string[];
  readonly contributed: Readonly<Record<string, number>>;
  readonly received: Readonly<Record<string, number>>;
}

/** Options for assessFairness. */
export interface FairnessOptions {
  /** Flag members whose ratio is below this fraction of the median ratio (default 0.5). */
  readonly flagBelow?: number;
}

/** One member's balance. */
export interface MemberFairness {
  readonly actorId: string;
  readonly contributed: number;
  readonly received: number;
  readonly contributionShare: number;
  readonly benefitShare: number;
  /** received / contributed; null when the member contributed nothing. */
  readonly ratio: number | null;
  readonly flagged: boolean;
  readonly explanation: string[];
}

/** The partnership's balance. */
export interface Fairness {
  readonly members: MemberFairness[];
  /** Gini coefficient of the defined ratios; null when fewer than one ratio is defined or all are 0. */
  readonly gini: number | null;
  readonly medianRatio: number | null;
  readonly flagged: string[];
  readonly explanation: string[];
}

/** Gini coefficient (mean absolute difference / twice the mean) of non-negative values; null when empty or all zero. */
export function gini(values: readonly number[]): number | null {
  const n = values.length;
  const sum = values.reduce((a, b) => a + b, 0);
  if (n === 0 || sum <= 0) return null;
  // With x sorted ascending: Σ_i Σ_j |x_i − x_j| = 2 Σ_i (2i − n + 1)·x_i (i from 0).
  const x = [...values].sort((a, b) => a - b);
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += (2 * i - n + 1) * x[i]!;
  return Math.max(0, (2 * weighted) / (2 * n * sum));
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
function median(values: readonly number[]): number {
  const x = [...values].sort((a, b) => a - b);
  const mid = Math.floor(x.length / 2);
  return x.length % 2 === 1 ? x[mid]! : (x[mid - 1]! + x[mid]!) / 2;
}

/** Per-member balance, the Gini imbalance of benefit/contribution ratios, and members flagged below half the median ratio (see the file header). */
export function assessFairness(input: FairnessInput, options: FairnessOptions = {}): Fairness {
  const flagBelow = options.flagBelow ?? 0.5;
  if (!(flagBelow >= 0 && flagBelow <= 1))
    throw new GameInputError(['flagBelow'], `must be between 0 and 1 (got ${flagBelow})`);
  const memberSet = new Set(input.members);
  for (const field of ['contributed', 'received'] as const) {
    for (const [id, x] of Object.entries(input[field])) {
      if (!memberSet.has(id))
        throw new GameInputError([field, id], `${id} is not a member of the partnership`);
      if (!Number.isFinite(x) || x < 0)
        throw new GameInputError([field, id], `must be a non-negative number (got ${x})`);
    }
  }
  const c = input.members.map((id) => input.contributed[id] ?? 0);
  const b = input.members.map((id) => input.received[id] ?? 0);
  const totalC = c.reduce((a, x) => a + x, 0);
  const totalB = b.reduce((a, x) => a + x, 0);
  const ratios = input.members.map((_, i) => (c[i]! > 0 ? b[i]! / c[i]! : null));
  const defined = ratios.filter((r): r is number => r !== null);
  const medianRatio = defined.length > 0 ? median(defined) : null;
  const threshold = medianRatio === null ? null : flagBelow * medianRatio;
  const g = gini(defined);

  const members = input.members.map((actorId, i): MemberFairness => {
    const ratio = ratios[i]!;
    const contributionShare = totalC > 0 ? c[i]! / totalC : 0;
    const benefitShare = totalB > 0 ? b[i]! / totalB : 0;
    const flagged = ratio !== null && threshold !== null && medianRatio! > 0 && ratio < threshold;
    const explanation = [
      `contributed ${formatNumber(c[i]!)} (${formatPercent(contributionShare)} of ${formatNumber(totalC)}), received ${formatNumber(b[i]!)} (${formatPercent(benefitShare)} of ${formatNumber(totalB)})`,
      ratio === null
        ? b[i]! > 0
          ? 'contributed nothing but received benefits: ratio undefined (receives without contributing)'
          : 'contributed and received nothing: ratio undefined'
        : `ratio ${formatNumber(ratio)}: receives ${formatNumber(ratio)} per unit contributed (median ${formatNumber(medianRatio!)})`,
    ];
    if (flagged)
      explanation.push(
        `flagged: ratio below ${formatNumber(flagBelow)} × the median ratio (${formatNumber(threshold)}), a risk of defection`,
      );
    return {
      actorId,
      contributed: c[i]!,
      received: b[i]!,
      contributionShare,
      benefitShare,
      ratio,
      flagged,
      explanation,
    };
  });
  const flaggedIds = members.filter((m) => m.flagged).map((m) => m.actorId);
  const explanation = [
    g === null
      ? 'imbalance undefined: no member has a positive benefit/contribution ratio'
      : `imbalance (Gini of the benefit/contribution ratios of ${defined.length} contributing members): ${formatNumber(g)} (0 = every member gets the same return)`,
    flaggedIds.length > 0
      ? `flagged (ratio below ${formatNumber(flagBelow)} × the median ${formatNumber(medianRatio!)}): ${flaggedIds.join(', ')}`
      : `no member falls below ${formatNumber(flagBelow)} × the median ratio`,
  ];
  const freeRiders = members.filter((m) => m.ratio === null && m.received > 0).map((m) => m.actorId);
  if (freeRiders.length > 0) explanation.push(`receiving without contributing: ${freeRiders.join(', ')}`);
  return { members, gini: g, medianRatio, flagged: flaggedIds, explanation };
}
