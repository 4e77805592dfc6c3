/**
 * Starting positions for the map's force layout: communities placed around a
 * circle, their actors scattered around each community's centre, from a seeded
 * random source so the same ecosystem opens the same way every time.
 */
import type { GraphNode } from '../api/types.ts';

/** Mulberry32: a small seeded random source (not for security). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit hash of a string (FNV-1a), to seed the layout from the ecosystem id. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Positions (x, y interleaved) for `nodes`: the server's when every node has
 * them, else communities on a circle of radius ~sqrt(n) with their actors
 * spread in a disc whose area grows with the community's size.
 */
export function initialPositions(nodes: readonly GraphNode[], seed: number): Float32Array {
  const out = new Float32Array(nodes.length * 2);
  if (nodes.length > 0 && nodes.every((n) => typeof n.x === 'number' && typeof n.y === 'number')) {
    nodes.forEach((n, i) => {
      out[2 * i] = n.x as number;
      out[2 * i + 1] = n.y as number;
    });
    return out;
  }
  const random = seededRandom(seed);
  const sizes = new Map<number, number>();
  for (const n of nodes) {
    const c = typeof n.community === 'number' ? n.community : -1;
    sizes.set(c, (sizes.get(c) ?? 0) + 1);
  }
  const communities = [...sizes.keys()].sort((a, b) => a - b);
  const ring = Math.sqrt(nodes.length) * 4;
  const centre = new Map<number, [number, number]>();
  communities.forEach((c, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, communities.length);
    const r = communities.length === 1 ? 0 : ring;
    centre.set(c, [r * Math.cos(angle), r * Math.sin(angle)]);
  });
  nodes.forEach((n, i) => {
    const c = typeof n.community === 'number' ? n.community : -1;
    const [cx, cy] = centre.get(c) ?? [0, 0];
    const spread = Math.sqrt(sizes.get(c) ?? 1) * 3;
    const angle = random() * 2 * Math.PI;
    const r = Math.sqrt(random()) * spread;
    out[2 * i] = cx + r * Math.cos(angle);
    out[2 * i + 1] = cy + r * Math.sin(angle);
  });
  return out;
}

/** How many force-layout iterations to run for a graph of n actors: fewer for large graphs. */
export function layoutIterations(n: number): number {
  if (n <= 200) return 500;
  if (n <= 1000) return 300;
  if (n <= 3000) return 200;
  return 120;
}
