/** Map: ecosystem analytics (network metrics, gaps, what-if, diff) and landscape import. */
export * from './landscape/index.ts';
export * from './analysis/index.ts';
