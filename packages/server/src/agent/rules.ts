/**
 * Each vitality signal's name and rule in words, built from the thresholds
 * core uses (SIGNAL_THRESHOLDS), so an alert says exactly what fired it.
 */
import { monitor } from '@valueweb/core';

type Kind = monitor.SignalKind;

const T = monitor.SIGNAL_THRESHOLDS;
const W = T.windowDays;
const pct = (x: number) => `${Math.round(x * 100)}%`;

export const SIGNAL_LABELS: Record<Kind, string> = {
  'rising-disputes': 'Rising formal disputes',
  'innovation-slowdown': 'Innovation slowdown',
  fragmentation: 'Fragmentation',
  'information-hoarding': 'Information hoarding',
  'contribution-imbalance': 'Contribution imbalance',
  'decision-gridlock': 'Decision gridlock',
  dependency: 'Dependency on one member',
  'defection-risk': 'Defection risk',
  'loss-of-direction': 'Loss of direction',
  'perception-gap': 'Perception gap',
};

export const SIGNAL_RULES: Record<Kind, string> = {
  'rising-disputes': `At least ${T.disputes.minRecent} formal disputes opened in the last ${W} days, and more than in the ${W} days before; critical at ${T.disputes.criticalRecent} or more.`,
  'innovation-slowdown': `New pilots, ideas and lessons in the last ${W} days fell by ${pct(T.innovation.dropWarning)} or more against the mean of the ${T.innovation.quarters - 1} periods of ${W} days before (when that mean is at least ${T.innovation.minPreviousPerQuarter}); critical at a fall of ${pct(T.innovation.dropCritical)}.`,
  fragmentation: `A member with no tie to any other member in the map, members in groups with no ties between them, or the map's modularity rising by ${T.fragmentation.modularityRise} or more between snapshots; critical when ${pct(T.fragmentation.isolatedShareCritical)} or more of the members are isolated or modularity rose by ${T.fragmentation.modularityRiseCritical}.`,
  'information-hoarding': `A member's share of the last ${W} days' activities or shared items is below ${pct(T.hoarding.shareOfOthers)} of the other members' mean share (counted when there are at least ${T.hoarding.minTotal} of them); critical when the member has none at all.`,
  'contribution-imbalance': `A member's share of benefits is less than ${T.imbalance.ratio}× its share of contributions, or its share of contributions less than ${T.imbalance.ratio}× its share of benefits; with no benefits recorded, a contribution share below ${pct(T.imbalance.evenShare)} of an even share; critical below ${T.imbalance.ratioCritical}×.`,
  'decision-gridlock': `${T.gridlock.warningCount} or more decisions past their deadline and still open, or votes failed in the last ${W} days; critical at ${T.gridlock.criticalCount}.`,
  dependency: `One member holds ${pct(T.dependency.shareWarning)} or more of all contributions or of the members' capabilities (the Herfindahl index shows how concentrated); critical at ${pct(T.dependency.shareCritical)}.`,
  'defection-risk': `A member receives less than ${T.defection.ratio}× the benefit share its contribution share would suggest while its activity fell by ${pct(T.defection.activityDrop)} or more against the ${W} days before (from at least ${T.defection.minPreviousActivity}); critical below ${T.defection.ratioCritical}× with a fall of ${pct(T.defection.activityDropCritical)}.`,
  'loss-of-direction': `${pct(T.direction.kpiOffTrackShare)} or more of the KPIs with data off track, or milestones slipping (slipped, or past due and not done): ${T.direction.minSlipping} or more, or ${pct(T.direction.milestonesSlippingShare)} of those due; critical when both.`,
  'perception-gap': `In the latest closed health check, two member organizations' mean scores on a dimension differ by ${T.perceptionGap.warning} points or more; critical at ${T.perceptionGap.critical}.`,
};
