/** Rounding money so the parts add up to the whole. */
import { GameInputError } from '../games/errors.ts';

/**
 * Splits `total` (a whole number of the smallest unit, e.g. cents) in proportion to
 * `fractions` by the largest-remainder method (Hamilton): every part gets the floor of its
 * exact share, and the units left over go to the largest remainders (ties to the earlier part).
 * Fractions must be non-negative and sum to 1.
 */
export function largestRemainder(
  total: number,
  fractions: readonly number[],
): { units: number[]; roundedUp: boolean[] } {
  if (!Number.isSafeInteger(total) || total < 0)
    throw new GameInputError(['amount'], `must be a non-negative whole number of units (got ${total})`);
  const exact = fractions.map((f) => total * f);
  const units = exact.map((x) => Math.floor(x));
  let left = total - units.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rem: x - units[i]! })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  const roundedUp = fractions.map(() => false);
  for (let k = 0; left > 0 && k < order.length; k++, left--) {
    const i = order[k]!.i;
    units[i]!++;
    roundedUp[i] = true;
  }
  if (left !== 0)
    throw new GameInputError(['amount'], 'the shares do not add up to the amount (fractions must sum to 1)');
  return { units, roundedUp };
}
