/** Network metrics on compact (CSR) undirected graphs, matching NetworkX 3.x defaults. */
export { buildGraph, degreeOf, type Graph } from './csr.ts';
export { mulberry32, randomInt, sampleWithoutReplacement, shuffleInPlace, type Rng } from './random.ts';
export { barabasiAlbert, erdosRenyi } from './generators.ts';
export {
  betweenness,
  betweennessCentrality,
  betweennessErrorBound,
  betweennessFromSources,
  closenessCentrality,
  degreeCentrality,
  degrees,
  distanceSums,
  sampledBetweenness,
  type BetweennessOptions,
  type BetweennessResult,
  type DistanceSums,
} from './centrality.ts';
export { pagerank, type PageRankOptions, type PageRankResult } from './pagerank.ts';
export { averageClustering, clustering, transitivity, triangles } from './clustering.ts';
export { constraint, effectiveSize } from './structural-holes.ts';
export { connectedComponents, type Components } from './components.ts';
export {
  articulationPoints,
  bridges,
  cutOffCounts,
  separatedPieces,
  type SeparatedPieces,
} from './articulation.ts';
export { louvain, modularity, type LouvainOptions, type LouvainResult } from './louvain.ts';
export { averagePathLengths, density, type AveragePathLengths } from './paths.ts';
