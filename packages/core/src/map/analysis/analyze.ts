/** The Map part of `valueweb analyze`: network metrics, coverage, gaps, opportunities and criticality in one pass over one graph. */
import type { EcosystemDocument } from '../../model/document.ts';
import { buildCatalog } from './catalog.ts';
import { gapsFromCoverage, needCoverage, type Gaps, type NeedCoverage } from './coverage.ts';
import { ecosystemGraph } from './ecosystem-graph.ts';
import { analyzeNetwork, type NetworkOptions, type NetworkReport } from './network-report.ts';
import { findOpportunities, type Opportunity } from './opportunities.ts';
import { criticality, type CriticalityEntry } from './what-if.ts';

/** The keys `network`, `gaps`, `opportunities` and `criticality` are a contract of `valueweb analyze --json`. */
export interface MapReport {
  network: NetworkReport;
  coverage: NeedCoverage[];
  gaps: Gaps;
  opportunities: Opportunity[];
  criticality: CriticalityEntry[];
}

export interface MapOptions extends Omit<NetworkOptions, 'graph'> {
  /** Opportunities listed (default 20). */
  opportunityLimit?: number;
}

/** Every Map analysis of a document, sharing one graph and one capability index. */
export function analyzeMap(doc: EcosystemDocument, options: MapOptions = {}): MapReport {
  const { opportunityLimit = 20, ...networkOptions } = options;
  const graph = ecosystemGraph(doc);
  const catalog = buildCatalog(doc, graph);
  const coverage = needCoverage(doc, { graph, catalog });
  return {
    network: analyzeNetwork(doc, { ...networkOptions, graph }),
    coverage,
    gaps: gapsFromCoverage(coverage),
    opportunities: findOpportunities(doc, { graph, catalog, limit: opportunityLimit }),
    criticality: criticality(doc, { graph, catalog }),
  };
}
