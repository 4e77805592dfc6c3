/** Messages between the map and its layout worker. */

/** Start a layout: node count, positions (x, y interleaved), edges as index pairs with weights. */
export interface LayoutStart {
  type: 'start';
  nodeCount: number;
  positions: Float32Array;
  edges: Uint32Array;
  weights: Float32Array;
  iterations: number;
}

export type LayoutRequest = LayoutStart | { type: 'stop' };

/** Positions after some iterations; `done` on the last message. */
export interface LayoutProgress {
  type: 'progress';
  positions: Float32Array;
  iteration: number;
  iterations: number;
  done: boolean;
  /** Milliseconds spent iterating so far (for measurement). */
  elapsed: number;
}
