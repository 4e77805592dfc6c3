/** @valueweb/core: the domain and every algorithm, pure functions and types with no I/O. */
export * from './model/index.ts';
export * from './analyze.ts';
export * from './access/index.ts';
export * from './map/index.ts';
export * as graph from './graph/index.ts';
export * as games from './games/index.ts';
export * as discover from './discover/index.ts';
export * as govern from './govern/index.ts';
export * as value from './value/index.ts';
export * as pilot from './pilot/index.ts';
export * as monitor from './monitor/index.ts';
