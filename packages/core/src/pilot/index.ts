/** Pilot: stages and gates, pilots with hypotheses and go / iterate / stop decisions, the lessons-learned log. */
export * from './schema.ts';
export * from './gates.ts';
export * from './stage-status.ts';
export * from './lessons.ts';
