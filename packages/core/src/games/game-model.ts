/**
 * The game of `charter.value.game`, over the partnership's members: the sum of a coalition
 * table, synergy rules and a coverage game by capability. By additivity of the Shapley value
 * each part is solved on its own (the table exactly up to 20 members, the rules in linear time)
 * and the parts are added, each member's explanation listing what each part gave it.
 */
import { formatCoalition, membersOfMask } from './coalition.ts';
import { GameInputError, type Problem, throwIfProblems } from './errors.ts';
import { formatNumber } from './format.ts';
import { coverageShapley, type CoverageItem, synergyShapley, type SynergyRule } from './rule-games.ts';
import { sampleShapley, tableGame } from './sampling.ts';
import { MAX_EXACT_TABLE_MEMBERS, shapleyFromTable } from './shapley.ts';

/** `charter.value.game`: any combination of a coalition table, synergy rules and capabilities. */
export interface GameModel {
  readonly coalitions?:
    readonly { readonly members: readonly string[]; readonly value: number }[] | undefined;
  readonly synergies?: readonly { readonly members: readonly string[]; readonly value: number }[] | undefined;
  readonly capabilities?: readonly { readonly capability: string; readonly value: number }[] | undefined;
}

/** One member's Shapley value, with the parts of the game behind it. */
export interface MemberShapley {
  readonly actorId: string;
  readonly value: number;
  /** 95% confidence interval, present only when the table part was sampled. */
  readonly ci95?: readonly [number, number];
  readonly explanation: string[];
}

/** Shapley values of a game model, stating how they were computed. */
export interface GameShapley {
  readonly method: 'exact' | 'sampling';
  /** v(N): what the whole partnership is worth in the game. */
  readonly grandValue: number;
  readonly samples?: number;
  readonly seed?: number;
  readonly shares: MemberShapley[];
  readonly explanation: string[];
}

/** Options for shapleyOfGameModel. */
export interface GameModelOptions {
  /** Each member's capabilities (actor id → capability names), needed by `capabilities`. */
  readonly capabilitiesOf?: Readonly<Record<string, readonly string[]>>;
  /** Largest table solved exactly (default and maximum 20); beyond it the table part is sampled. */
  readonly exactLimit?: number;
  readonly samples?: number;
  readonly seed?: number;
}

const MAX_LISTED = 3;

/**
 * Cross-field checks of a game model against the members: non-members, members repeated in
 * a coalition, duplicate and missing coalitions (named, e.g. `{a, c}`), tables over 20 members,
 * duplicate capabilities. Paths start at `basePath` (e.g. `['value', 'game']`).
 */
export function checkGameModel(
  game: GameModel,
  memberIds: readonly string[],
  basePath: readonly (string | number)[],
): Problem[] {
  const problems: Problem[] = [];
  if (game.coalitions !== undefined)
    problems.push(...scanTable(game.coalitions, memberIds, [...basePath, 'coalitions']).problems);
  const index = new Map(memberIds.map((id, i) => [id, i]));
  game.synergies?.forEach((r, k) => {
    const path = [...basePath, 'synergies', k, 'members'];
    if (r.members.length === 0) problems.push({ path, message: 'must list at least one member' });
    const seen = new Set<string>();
    r.members.forEach((id, j) => {
      if (!index.has(id))
        problems.push({ path: [...path, j], message: `${id} is not a member of the partnership` });
      else if (seen.has(id)) problems.push({ path: [...path, j], message: `${id} is listed twice` });
      seen.add(id);
    });
  });
  const capabilities = new Map<string, number>();
  game.capabilities?.forEach((c, k) => {
    const first = capabilities.get(c.capability);
    if (first !== undefined) {
      problems.push({
        path: [...basePath, 'capabilities', k, 'capability'],
        message: `capability ${c.capability} is listed twice (entries ${first} and ${k})`,
      });
    } else capabilities.set(c.capability, k);
  });
  return problems;
}

/**
 * One pass over a coalition table: the values by mask, or the problems (non-members, repeated
 * members, duplicate and missing coalitions). Paths are allocated only for problems, so a
 * million-row table is checked and compiled in one sweep.
 */
function scanTable(
  coalitions: NonNullable<GameModel['coalitions']>,
  memberIds: readonly string[],
  path: readonly (string | number)[],
): { problems: Problem[]; values: Float64Array | null } {
  const problems: Problem[] = [];
  const n = memberIds.length;
  if (n > MAX_EXACT_TABLE_MEMBERS) {
    problems.push({
      path,
      message: `a coalition table is limited to ${MAX_EXACT_TABLE_MEMBERS} members (this partnership has ${n}, so the table would need 2^${n} − 1 rows); describe the game with synergies or capabilities instead`,
    });
    return { problems, values: null };
  }
  const index = new Map(memberIds.map((id, i) => [id, i]));
  const size = 2 ** n;
  const values = new Float64Array(size);
  const firstEntry = new Int32Array(size).fill(-1);
  firstEntry[0] = 0;
  let badMembers = false;
  for (let k = 0; k < coalitions.length; k++) {
    const c = coalitions[k]!;
    let mask = 0;
    let ok = c.members.length > 0;
    if (!ok) problems.push({ path: [...path, k, 'members'], message: 'must list at least one member' });
    for (let j = 0; j < c.members.length; j++) {
      const id = c.members[j]!;
      const i = index.get(id);
      if (i === undefined) {
        problems.push({
          path: [...path, k, 'members', j],
          message: `${id} is not a member of the partnership`,
        });
        ok = false;
      } else if ((mask >>> i) & 1) {
        problems.push({ path: [...path, k, 'members', j], message: `${id} is listed twice` });
        ok = false;
      } else mask |= 1 << i;
    }
    if (!ok) {
      badMembers = true;
      continue;
    }
    const first = firstEntry[mask]!;
    if (first >= 0) {
      problems.push({
        path: [...path, k],
        message: `coalition ${formatCoalition(membersOfMask(mask, memberIds))} appears twice (entries ${first} and ${k})`,
      });
    } else {
      firstEntry[mask] = k;
      values[mask] = c.value;
    }
  }
  if (badMembers) return { problems, values: null }; // coalitions left unread would show up as missing
  const missing: number[] = [];
  let missingCount = 0;
  for (let mask = 1; mask < size; mask++) {
    if (firstEntry[mask]! < 0) {
      if (missing.length < MAX_LISTED) missing.push(mask);
      missingCount++;
    }
  }
  if (missingCount > 0) {
    const names = missing.map((m) => formatCoalition(membersOfMask(m, memberIds))).join(', ');
    const more = missingCount > missing.length ? ` and ${missingCount - missing.length} more` : '';
    problems.push({
      path,
      message: `coalition${missingCount > 1 ? 's' : ''} ${names}${more} missing: the table must give a value for each of the 2^${n} − 1 = ${size - 1} non-empty coalitions of the members`,
    });
  }
  return { problems, values: problems.length > 0 ? null : values };
}

/** Builds the table `values[mask]` (values[0] = 0) from `charter.value.game.coalitions`; throws on the first problem. */
export function compileCoalitionTable(
  coalitions: NonNullable<GameModel['coalitions']>,
  memberIds: readonly string[],
  path: readonly (string | number)[] = ['value', 'game', 'coalitions'],
): Float64Array {
  const { problems, values } = scanTable(coalitions, memberIds, path);
  throwIfProblems(problems);
  return values!;
}

/**
 * Shapley value of each member in the game of `charter.value.game` (Shapley 1953), exact
 * except for a table beyond `exactLimit` members, which is sampled with a 95% interval.
 */
export function shapleyOfGameModel(
  game: GameModel,
  memberIds: readonly string[],
  options: GameModelOptions = {},
): GameShapley {
  throwIfProblems(checkGameModel({ ...game, coalitions: undefined }, memberIds, ['value', 'game']));
  const n = memberIds.length;
  const index = new Map(memberIds.map((id, i) => [id, i]));
  const value = new Float64Array(n);
  const explanation = memberIds.map((): string[] => []);
  const summary: string[] = [];
  let grandValue = 0;
  let method: 'exact' | 'sampling' = 'exact';
  let ci: Float64Array | undefined;
  let sampling: { samples: number; seed: number } | undefined;

  if (game.coalitions !== undefined) {
    const table = compileCoalitionTable(game.coalitions, memberIds);
    grandValue += table[table.length - 1]!;
    const exactLimit = Math.min(options.exactLimit ?? MAX_EXACT_TABLE_MEMBERS, MAX_EXACT_TABLE_MEMBERS);
    let phi: Float64Array;
    if (n <= exactLimit) {
      phi = shapleyFromTable(n, table);
      summary.push(
        `coalition table over ${n} members: exact Shapley value (weighted marginal contributions over all ${2 ** n - 1} coalitions)`,
      );
    } else {
      const est = sampleShapley(tableGame(n, table), { samples: options.samples, seed: options.seed });
      phi = est.mean;
      ci = est.halfWidth;
      method = 'sampling';
      sampling = { samples: est.samples, seed: est.seed };
      summary.push(
        `coalition table over ${n} members: estimated from ${est.samples} random orders (seed ${est.seed}), 95% confidence interval per member`,
      );
    }
    const full = table.length - 1;
    for (let i = 0; i < n; i++) {
      value[i] = value[i]! + phi[i]!;
      const bit = 1 << i;
      const alone = table[bit]!;
      const together = table[full]! - table[full ^ bit]!;
      explanation[i]!.push(
        `coalition table: average marginal contribution ${formatNumber(phi[i]!)} (alone worth ${formatNumber(alone)}; adds ${formatNumber(together)} as the last to join the others)` +
          (ci ? ` ± ${formatNumber(ci[i]!)} (95%)` : ''),
      );
    }
  }

  if (game.synergies !== undefined && game.synergies.length > 0) {
    const rules: SynergyRule[] = game.synergies.map((r) => ({
      members: [...new Set(r.members)].map((id) => index.get(id)!),
      value: r.value,
    }));
    const phi = synergyShapley(n, rules);
    rules.forEach((r, k) => {
      grandValue += r.value;
      const ids = r.members.map((i) => memberIds[i]!);
      const each = r.value / r.members.length;
      const text = `synergy ${formatCoalition(ids)} worth ${formatNumber(r.value)} → ${formatNumber(each)} to each of ${r.members.length} member${r.members.length > 1 ? 's' : ''} (rule ${k})`;
      for (const i of r.members) explanation[i]!.push(text);
    });
    for (let i = 0; i < n; i++) value[i] = value[i]! + phi[i]!;
    summary.push(
      `${rules.length} synergy rule${rules.length > 1 ? 's' : ''}: each rule's value split equally among its members (Ieong & Shoham 2005)`,
    );
  }

  if (game.capabilities !== undefined && game.capabilities.length > 0) {
    const capabilitiesOf = options.capabilitiesOf;
    if (capabilitiesOf === undefined) {
      throw new GameInputError(
        ['value', 'game', 'capabilities'],
        "a coverage game needs the members' capabilities, and none were given",
      );
    }
    const items: CoverageItem[] = game.capabilities.map((c) => ({
      providers: memberIds.flatMap((id, i) => ((capabilitiesOf[id] ?? []).includes(c.capability) ? [i] : [])),
      value: c.value,
    }));
    const phi = coverageShapley(n, items);
    items.forEach((item, k) => {
      const name = game.capabilities![k]!.capability;
      if (item.providers.length === 0) {
        summary.push(
          `capability ${name} (worth ${formatNumber(item.value)}) has no provider among the members: it adds nothing`,
        );
        return;
      }
      grandValue += item.value;
      const ids = item.providers.map((i) => memberIds[i]!);
      const each = item.value / item.providers.length;
      const text = `capability ${name} worth ${formatNumber(item.value)}, provided by ${formatCoalition(ids)} → ${formatNumber(each)} to each of ${ids.length} provider${ids.length > 1 ? 's' : ''}`;
      for (const i of item.providers) explanation[i]!.push(text);
    });
    for (let i = 0; i < n; i++) value[i] = value[i]! + phi[i]!;
    summary.push(
      `${items.length} capabilit${items.length > 1 ? 'ies' : 'y'}: each capability's value split equally among the members that provide it (coverage game)`,
    );
  }

  const shares: MemberShapley[] = memberIds.map((actorId, i) => {
    const lines = explanation[i]!;
    if (lines.length === 0)
      lines.push('takes part in no rule and no capability of the game: a null player, worth 0');
    const share: MemberShapley = { actorId, value: value[i]!, explanation: lines };
    return ci ? { ...share, ci95: [value[i]! - ci[i]!, value[i]! + ci[i]!] as const } : share;
  });
  summary.push(
    `the whole partnership is worth ${formatNumber(grandValue)} in this game, and the Shapley values add up to it (efficiency)`,
  );
  return { method, grandValue, ...sampling, shares, explanation: summary };
}
