/**
 * Voting power of a charter's decision rule: who can actually tip a decision, as opposed
 * to who holds how much weight. Shapley–Shubik (1954) and Banzhaf (1965; Penrose 1946)
 * indices per member, exact, with the flags a charter review needs: dictator, veto members,
 * dummies, and power relative to weight.
 */
import { GameInputError } from '../games/errors.ts';
import { formatNumber, formatPercent } from '../games/format.ts';
import type { DecisionRuleInput } from './decision-schema.ts';
import {
  generatingFunctionCells,
  MAX_DP_CELLS,
  MAX_DP_MEMBERS,
  powerByGeneratingFunction,
} from './power-dp.ts';
import {
  MAX_ENUMERATION_MEMBERS,
  powerByEnumeration,
  type PowerIndices,
  toIntegerGame,
  type WeightedGame,
  weightedGameOfRule,
} from './weighted-game.ts';

/** One member's power under the rule. */
export interface MemberPower {
  readonly actorId: string;
  readonly weight: number;
  /** weight / total weight. */
  readonly weightShare: number;
  /** Share of the orders of arrival in which the member is pivotal (Shapley & Shubik 1954). */
  readonly shapleyShubik: number;
  /** Normalized Banzhaf index: the member's swings over all members' swings. */
  readonly banzhaf: number;
  /** Raw Penrose–Banzhaf measure: swings / 2^(n−1), the chance of being decisive when others vote at random. */
  readonly penrose: number;
  /** banzhaf / weightShare (1 = power in line with weight); null for a member of zero weight. */
  readonly powerToWeight: number | null;
  readonly veto: boolean;
  readonly dummy: boolean;
  readonly explanation: string[];
}

/** Power analysis of a decision rule. */
export interface VotingPower {
  readonly method: 'generating-function' | 'enumeration';
  readonly quota: number;
  readonly totalWeight: number;
  readonly members: MemberPower[];
  /** Members in every winning coalition: explicit vetoes and members the others cannot outvote. */
  readonly vetoPlayers: string[];
  /** Members with no swing at all: zero power whatever their weight. */
  readonly dummies: string[];
  /** The member who alone wins and without whom nothing wins, if any. */
  readonly dictator: string | null;
  readonly explanation: string[];
}

/** Computes both indices, exactly: by generating functions on whole (or rescaled decimal) weights, else by enumeration up to 22 members. */
export function powerIndices(game: WeightedGame): { indices: PowerIndices; method: VotingPower['method'] } {
  const integral = toIntegerGame(game);
  if (
    integral !== null &&
    integral.weights.length <= MAX_DP_MEMBERS &&
    generatingFunctionCells(integral) <= MAX_DP_CELLS
  ) {
    return { indices: powerByGeneratingFunction(integral), method: 'generating-function' };
  }
  if (game.weights.length <= MAX_ENUMERATION_MEMBERS)
    return { indices: powerByEnumeration(game), method: 'enumeration' };
  throw new GameInputError(
    ['decision', 'weights'],
    `exact power analysis of ${game.weights.length} members needs whole weights (or at most 6 decimals) whose table fits ${MAX_DP_CELLS} cells, up to ${MAX_DP_MEMBERS} members; enumeration stops at ${MAX_ENUMERATION_MEMBERS} members`,
  );
}

/**
 * Power of each member in a weighted game with vetoes (Shapley–Shubik, Banzhaf, Penrose),
 * with dictator, veto players and dummies flagged and every number explained.
 */
export function weightedGamePower(game: WeightedGame, memberIds: readonly string[]): VotingPower {
  const n = memberIds.length;
  if (game.weights.length !== n || game.veto.length !== n)
    throw new GameInputError(['members'], 'one weight and one veto flag per member are needed');
  const total = game.weights.reduce((a, b) => a + b, 0);
  if (!(game.quota > 0) || game.quota > total + 1e-9 * Math.max(1, total)) {
    throw new GameInputError(
      ['decision', 'quota'],
      `quota ${formatNumber(game.quota)} must be above 0 and at most the total weight ${formatNumber(total)}`,
    );
  }
  const { indices, method } = powerIndices(game);
  const swingTotal = indices.penrose.reduce((a, b) => a + b, 0);
  const explicitVeto = memberIds.filter((_, i) => game.veto[i]);
  // Member i is a veto player when the others together cannot reach the quota (or the charter says so).
  const isVeto = memberIds.map(
    (_, i) => game.veto[i]! || total - game.weights[i]! < game.quota - 1e-9 * Math.max(1, game.quota),
  );
  const members = memberIds.map((actorId, i): MemberPower => {
    const weight = game.weights[i]!;
    const weightShare = total > 0 ? weight / total : 0;
    const penrose = indices.penrose[i]!;
    const banzhaf = swingTotal > 0 ? penrose / swingTotal : 0;
    const shapleyShubik = indices.shapleyShubik[i]!;
    const dummy = penrose === 0;
    const powerToWeight = weight > 0 ? banzhaf / weightShare : null;
    const explanation = [
      `weight ${formatNumber(weight)} of ${formatNumber(total)} (${formatPercent(weightShare)})`,
      `Shapley–Shubik ${formatNumber(shapleyShubik)}: pivotal in ${formatPercent(shapleyShubik)} of the orders in which members could join`,
      `Banzhaf ${formatNumber(banzhaf)}: its share of all swings; Penrose ${formatNumber(penrose)}: decisive in ${formatPercent(penrose)} of the coalitions the others can form`,
    ];
    if (powerToWeight !== null) {
      explanation.push(
        `power/weight ${formatNumber(powerToWeight)}: ${Math.abs(powerToWeight - 1) < 0.05 ? 'power in line with weight' : powerToWeight > 1 ? 'more power than weight' : 'less power than weight'}`,
      );
    }
    if (game.veto[i]) explanation.push('veto member: the charter requires its yes for every motion');
    else if (isVeto[i])
      explanation.push(
        `veto by weight: the others together weigh ${formatNumber(total - weight)}, below the quota ${formatNumber(game.quota)}`,
      );
    if (dummy)
      explanation.push(
        'dummy: no coalition it joins turns from losing to winning, so its vote never decides',
      );
    return {
      actorId,
      weight,
      weightShare,
      shapleyShubik,
      banzhaf,
      penrose,
      powerToWeight,
      veto: isVeto[i]!,
      dummy,
      explanation,
    };
  });
  const vetoPlayers = members.filter((m) => m.veto).map((m) => m.actorId);
  const dummies = members.filter((m) => m.dummy).map((m) => m.actorId);
  const dictatorIndex = memberIds.findIndex(
    (_, i) =>
      isVeto[i] &&
      game.weights[i]! >= game.quota - 1e-9 * Math.max(1, game.quota) &&
      game.veto.every((v, j) => !v || j === i),
  );
  const dictator = dictatorIndex >= 0 ? memberIds[dictatorIndex]! : null;
  const explanation = [
    `a coalition wins when its members weigh at least ${formatNumber(game.quota)} of ${formatNumber(total)}${explicitVeto.length > 0 ? ` and it includes every veto member (${explicitVeto.join(', ')})` : ''}`,
    method === 'generating-function'
      ? 'exact indices by generating functions over the weights (Bilbao et al. 2000), no coalition enumerated'
      : `exact indices by enumerating all ${2 ** n} coalitions`,
    'the indices assume every member votes yes or no: quorum and abstentions do not enter',
  ];
  if (dictator !== null)
    explanation.push(`${dictator} is a dictator: it wins alone and nothing wins without it`);
  if (vetoPlayers.length > 0)
    explanation.push(`veto players (in every winning coalition): ${vetoPlayers.join(', ')}`);
  if (dummies.length > 0)
    explanation.push(`dummies (zero power whatever their weight): ${dummies.join(', ')}`);
  return {
    method,
    quota: game.quota,
    totalWeight: total,
    members,
    vetoPlayers,
    dummies,
    dictator,
    explanation,
  };
}

/** Power of each member under a charter's decision rule (`charter.decision`); throws on an invalid rule, naming the field. */
export function votingPower(rule: DecisionRuleInput, memberIds: readonly string[]): VotingPower {
  return weightedGamePower(weightedGameOfRule(rule, memberIds), memberIds);
}
