/**
 * Games given by rules rather than by a table, whose Shapley values are linear in the
 * number of rules and need no enumeration:
 *  - synergy rules (marginal-contribution nets with positive literals, Ieong & Shoham 2005):
 *    a rule's value arises when all its members take part;
 *  - coverage (capability) games: a capability's value arises when at least one of its providers takes part.
 */

/** A synergy rule over member indices: worth `value` to any coalition containing all of `members`. */
export interface SynergyRule {
  readonly members: readonly number[];
  readonly value: number;
}

/** A capability over member indices: worth `value` to any coalition containing at least one provider. */
export interface CoverageItem {
  readonly providers: readonly number[];
  readonly value: number;
}

/** Distinct member indices, in first-seen order. */
function distinct(members: readonly number[]): number[] {
  return [...new Set(members)];
}

/**
 * Shapley values of a sum of synergy rules (Ieong & Shoham 2005, MC-nets with positive
 * literals): each rule is a unanimity game, so its value is split equally among its members.
 */
export function synergyShapley(n: number, rules: readonly SynergyRule[]): Float64Array {
  const phi = new Float64Array(n);
  for (const rule of rules) {
    const members = distinct(rule.members);
    if (members.length === 0) continue;
    const each = rule.value / members.length;
    for (const i of members) phi[i] = phi[i]! + each;
  }
  return phi;
}

/** Worth of a coalition (bitmask) in a synergy game: the sum of the rules all of whose members are in it. */
export function synergyWorth(rules: readonly SynergyRule[], mask: number): number {
  let total = 0;
  for (const rule of rules) {
    if (rule.members.length > 0 && rule.members.every((i) => (mask >>> i) & 1)) total += rule.value;
  }
  return total;
}

/**
 * Shapley values of a coverage game: a capability provided by k members is, for the
 * Shapley value, split equally among them (each is pivotal exactly when it arrives
 * before every other provider, probability 1/k). Capabilities with no provider are worth nothing.
 */
export function coverageShapley(n: number, items: readonly CoverageItem[]): Float64Array {
  const phi = new Float64Array(n);
  for (const item of items) {
    const providers = distinct(item.providers);
    if (providers.length === 0) continue;
    const each = item.value / providers.length;
    for (const i of providers) phi[i] = phi[i]! + each;
  }
  return phi;
}

/** Worth of a coalition (bitmask) in a coverage game: the sum of capabilities it provides at least once. */
export function coverageWorth(items: readonly CoverageItem[], mask: number): number {
  let total = 0;
  for (const item of items) if (item.providers.some((i) => (mask >>> i) & 1)) total += item.value;
  return total;
}
