/** Monitor: shared goals and KPIs, milestones and clock alignment, health checks, the health score and vitality signals. */
export * from './dates.ts';
export * from './schema.ts';
export * from './kpi.ts';
export * from './clocks.ts';
export * from './alignment.ts';
export * from './kpi-chart.ts';
export * from './measurements-csv.ts';
export * from './health-check.ts';
export * from './health-score.ts';
export * from './signals-common.ts';
export * from './signals.ts';
export * from './signals-balance.ts';
export * from './from-document.ts';
export * from './report.ts';
