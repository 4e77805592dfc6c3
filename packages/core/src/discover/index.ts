/** Discover: partner scoring, sensitivity, portfolio recommendation, pipeline and the alliance readiness assessment. */
export * from './criteria.ts';
export * from './computed.ts';
export * from './scoring.ts';
export * from './sensitivity.ts';
export * from './portfolio.ts';
export * from './pipeline.ts';
export * from './readiness.ts';
export * from './document.ts';
export * from './ecosystem.ts';
export * from './report-text.ts';
