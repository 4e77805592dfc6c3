/**
 * `npm run bench:games`: exact power indices of a 200-member weighted rule and an exact
 * Shapley value from a 20-member coalition table, each printed next to a naive reference
 * measured in the same run (enumeration on small n, its growth extrapolated to the real n).
 * Targets: power indices under 1 s, the 20-member Shapley value under 2 s.
 */
import {
  shapleyByPermutations,
  shapleyFromTable,
  shapleyOfGameModel,
} from '../packages/core/src/games/index.ts';
import { seededRandom } from '../packages/core/src/games/random.ts';
import {
  isWinning,
  penroseByGeneratingFunction,
  powerByEnumeration,
  shapleyShubikByGeneratingFunction,
  votingPower,
  type WeightedGame,
} from '../packages/core/src/govern/index.ts';

const time = <T>(run: () => T): { ms: number; result: T } => {
  const t0 = performance.now();
  const result = run();
  return { ms: performance.now() - t0, result };
};
/** First run and best of `reps` runs (wall clock, ms), and the CPU time of the best run (this process, ms). */
const measure = <T>(run: () => T, reps = 3): { first: number; best: number; cpu: number; result: T } => {
  const c0 = process.cpuUsage();
  const first = time(run);
  const c1 = process.cpuUsage(c0);
  let best = first.ms;
  let cpu = (c1.user + c1.system) / 1000;
  for (let r = 1; r < reps; r++) {
    const c = process.cpuUsage();
    const t = time(run).ms;
    const used = process.cpuUsage(c);
    if (t < best) {
      best = t;
      cpu = (used.user + used.system) / 1000;
    }
  }
  return { first: first.ms, best, cpu, result: first.result };
};
const ms = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(0)).padStart(7) + ' ms';
/** A duration given as log10(seconds), readable at any size. */
const huge = (log10s: number): string => {
  if (log10s < 3) return `${(10 ** log10s).toFixed(1)} s`;
  const log10y = log10s - Math.log10(365.25 * 24 * 3600);
  return log10y < 6 ? `${(10 ** log10y).toFixed(1)} years` : `10^${log10y.toFixed(0)} years`;
};
const log10Factorial = (n: number): number => {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log10(k);
  return s;
};
const line = (label: string, value: string): void => console.log(`  ${label.padEnd(72)}${value}`);

console.log(
  'Valueweb games benchmark (seeded; wall clock, first / best of 3; cpu = this process, best run)\n',
);

// 1. Voting power of a 200-member weighted rule.
{
  const n = 200;
  const random = seededRandom(2025);
  const weights = Array.from({ length: n }, () => 1 + Math.floor(random() * 199));
  const total = weights.reduce((a, b) => a + b, 0);
  const quota = Math.floor(total / 2) + 1;
  const game: WeightedGame = { quota, weights, veto: weights.map(() => false) };
  console.log(
    `Weighted rule: ${n} members, integer weights 1..199 summing to ${total}, quota ${quota}, ${new Set(weights).size} distinct weights`,
  );
  const banzhaf = measure(() => penroseByGeneratingFunction(game));
  const ss = measure(() => shapleyShubikByGeneratingFunction(game, banzhaf.result));
  const ids = weights.map((_, i) => `m${i}`);
  const full = measure(() =>
    votingPower(
      { rule: 'weighted', quota, weights: Object.fromEntries(ids.map((id, i) => [id, weights[i]!])) },
      ids,
    ),
  );
  line(
    'Banzhaf/Penrose, generating function (first / best of 3)',
    `${ms(banzhaf.first)} / ${ms(banzhaf.best)}`,
  );
  line('Shapley–Shubik, generating function (first / best of 3)', `${ms(ss.first)} / ${ms(ss.best)}`);
  line(
    'votingPower(): both indices + flags + explanations',
    `${ms(full.first)} / ${ms(full.best)}   (cpu ${full.cpu.toFixed(0)} ms)  target < 1000 ms`,
  );

  // Naive references: all 2^n coalitions (Banzhaf), all n! orders (Shapley–Shubik).
  let perCoalition = 0;
  for (const k of [16, 18, 20]) {
    const g: WeightedGame = {
      quota: Math.floor(weights.slice(0, k).reduce((a, b) => a + b, 0) / 2) + 1,
      weights: weights.slice(0, k),
      veto: Array<boolean>(k).fill(false),
    };
    const t = measure(() => powerByEnumeration(g), 1).best;
    perCoalition = t / (k * 2 ** k);
    line(`  reference: enumerate 2^${k} coalitions (n = ${k})`, ms(t));
  }
  let perOrder = 0;
  for (const k of [8, 9, 10]) {
    const g: WeightedGame = {
      quota: Math.floor(weights.slice(0, k).reduce((a, b) => a + b, 0) / 2) + 1,
      weights: weights.slice(0, k),
      veto: Array<boolean>(k).fill(false),
    };
    const t = measure(() => shapleyByPermutations(k, (mask) => (isWinning(g, mask) ? 1 : 0)), 1).best;
    perOrder = t / (k * Math.exp(log10Factorial(k) * Math.LN10));
    line(`  reference: enumerate ${k}! orders (n = ${k})`, ms(t));
  }
  const log10Enum = Math.log10(perCoalition / 1000) + Math.log10(n) + n * Math.log10(2);
  const log10Perm = Math.log10(perOrder / 1000) + Math.log10(n) + log10Factorial(n);
  line(
    `  extrapolated to n = ${n}: coalition enumeration (n·2^n)`,
    `${huge(log10Enum)}  (ratio 10^${(log10Enum - Math.log10(full.best / 1000)).toFixed(0)})`,
  );
  line(
    `  extrapolated to n = ${n}: order enumeration (n·n!)`,
    `${huge(log10Perm)}  (ratio 10^${(log10Perm - Math.log10(full.best / 1000)).toFixed(0)})`,
  );
  const check = full.result.members.reduce((a, m) => a + m.shapleyShubik, 0);
  line('  check: Σ Shapley–Shubik', check.toFixed(12));
  console.log();
}

// 2. Shapley value from a 20-member coalition table.
{
  const n = 20;
  const random = seededRandom(7);
  const size = 2 ** n;
  // A superadditive-ish game: a random worth per member plus random synergy noise per coalition.
  const base = Array.from({ length: n }, () => 10 + Math.floor(random() * 90));
  const table = new Float64Array(size);
  for (let mask = 1; mask < size; mask++) {
    const low = mask & -mask;
    table[mask] = table[mask ^ low]! + base[31 - Math.clz32(low)]!;
  }
  for (let mask = 1; mask < size; mask++) table[mask] = table[mask]! * (1 + 0.1 * random());
  console.log(`Coalition table: ${n} members, ${size - 1} coalition values`);
  const exact = measure(() => shapleyFromTable(n, table));
  line(
    'shapleyFromTable (first / best of 3)',
    `${ms(exact.first)} / ${ms(exact.best)}   (cpu ${exact.cpu.toFixed(0)} ms)  target < 2000 ms`,
  );
  const ids = Array.from({ length: n }, (_, i) => `p${i}`);
  const coalitions = Array.from({ length: size - 1 }, (_, k) => {
    const mask = k + 1;
    const members: string[] = [];
    for (let i = 0; i < n; i++) if ((mask >>> i) & 1) members.push(ids[i]!);
    return { members, value: table[mask]! };
  });
  const model = measure(() => shapleyOfGameModel({ coalitions }, ids));
  line(
    'shapleyOfGameModel from the charter coalition list (checks, explanations)',
    `${ms(model.first)} / ${ms(model.best)}   (cpu ${model.cpu.toFixed(0)} ms)  target < 2000 ms`,
  );
  let perOrder = 0;
  for (const k of [8, 9, 10]) {
    const t = measure(() => shapleyByPermutations(k, (mask) => table[mask]!), 1).best;
    perOrder = t / (k * Math.exp(log10Factorial(k) * Math.LN10));
    line(`  reference: enumerate ${k}! orders (n = ${k})`, ms(t));
  }
  const log10Perm = Math.log10(perOrder / 1000) + Math.log10(n) + log10Factorial(n);
  line(
    `  extrapolated to n = ${n}: order enumeration (n·n!)`,
    `${huge(log10Perm)}  (ratio 10^${(log10Perm - Math.log10(exact.best / 1000)).toFixed(0)})`,
  );
  const sum = exact.result.reduce((a, b) => a + b, 0);
  line('  check: Σ φ − v(N)', (sum - table[size - 1]!).toExponential(2));
}
