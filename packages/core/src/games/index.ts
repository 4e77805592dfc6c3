/** Games: cooperative-game algorithms shared by govern/ and value/ (Shapley values, sampling, seeded randomness). */
export { formatCoalition, membersOfMask, popcountTable, shapleyWeights } from './coalition.ts';
export { GameInputError, type Problem, throwIfProblems } from './errors.ts';
export { formatNumber, formatPercent } from './format.ts';
export {
  checkGameModel,
  compileCoalitionTable,
  type GameModel,
  type GameModelOptions,
  type GameShapley,
  type MemberShapley,
  shapleyOfGameModel,
} from './game-model.ts';
export { type Random, randomInt, seededRandom, shuffleInPlace } from './random.ts';
export {
  coverageShapley,
  coverageWorth,
  type CoverageItem,
  synergyShapley,
  synergyWorth,
  type SynergyRule,
} from './rule-games.ts';
export {
  functionGame,
  type IncrementalGame,
  sampleShapley,
  type SampledShapley,
  type SamplingOptions,
  tableGame,
} from './sampling.ts';
export { MAX_EXACT_TABLE_MEMBERS, shapleyByPermutations, shapleyFromTable } from './shapley.ts';
