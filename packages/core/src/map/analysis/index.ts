/** Map analyses: network metrics, silos and brokers, coverage and gaps, opportunities, what-if exit, criticality, snapshot diff. */
export { analyzeMap, type MapOptions, type MapReport } from './analyze.ts';
export { labelKey } from './catalog.ts';
export {
  findGaps,
  gapsFromCoverage,
  needCoverage,
  type Gap,
  type Gaps,
  type NeedCoverage,
  type NeedReach,
} from './coverage.ts';
export {
  diffDocuments,
  type ActorChange,
  type CommunityMerge,
  type CommunitySplit,
  type DiffOptions,
  type DocumentDiff,
  type FieldChange,
  type MetricMover,
  type RelationshipChange,
  type RelationshipRef,
} from './diff.ts';
export { ecosystemGraph, type EcosystemGraph } from './ecosystem-graph.ts';
export {
  analyzeNetwork,
  averagePathLength,
  DEFAULT_EXACT_BETWEENNESS_LIMIT,
  NETWORK_DEFINITIONS,
  type ActorMetrics,
  type BetweennessMethod,
  type NetworkOptions,
  type NetworkReport,
} from './network-report.ts';
export {
  findOpportunities,
  type Opportunity,
  type OpportunityOptions,
  type Proximity,
} from './opportunities.ts';
export { formatDiff, formatMapReport, formatWhatIf, textTable } from './report-text.ts';
export { findSilosAndBrokers, type Broker, type Community, type Silo, type SiloOptions } from './silos.ts';
export {
  criticality,
  whatIfExit,
  type CriticalityEntry,
  type ExitImpact,
  type LostCapability,
  type PartnershipLoss,
} from './what-if.ts';
