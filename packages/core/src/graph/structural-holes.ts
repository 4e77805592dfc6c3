/**
 * Burt's (1992) structural-hole measures, unweighted: nx.effective_size and nx.constraint.
 * NetworkX gives NaN for an isolated node; here an isolate gets 0 for both (never NaN).
 */
import type { Graph } from './csr.ts';
import { triangles } from './clustering.ts';

/** nx.effective_size (Borgatti 1997 form): deg(v) - 2 t(v) / deg(v), t(v) = edges among v's neighbours; 0 for isolates. */
export function effectiveSize(g: Graph, tri: Int32Array = triangles(g)): Float64Array {
  const out = new Float64Array(g.n);
  for (let v = 0; v < g.n; v++) {
    const d = g.offsets[v + 1]! - g.offsets[v]!;
    out[v] = d > 0 ? d - (2 * tri[v]!) / d : 0;
  }
  return out;
}

/**
 * nx.constraint, unweighted: c(v) = sum over neighbours j of (p_vj + sum_{w in N(v) ∩ N(j)} p_vw p_wj)^2
 * with p_xy = 1/deg(x) for neighbours; that is (1/d_v)^2 (1 + sum 1/d_w)^2. 0 for isolates.
 */
export function constraint(g: Graph): Float64Array {
  const { n, offsets, targets } = g;
  const out = new Float64Array(n);
  const mark = new Int32Array(n).fill(-1);
  const invDeg = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const d = offsets[v + 1]! - offsets[v]!;
    invDeg[v] = d > 0 ? 1 / d : 0;
  }
  for (let v = 0; v < n; v++) {
    const start = offsets[v]!;
    const end = offsets[v + 1]!;
    if (start === end) continue;
    for (let e = start; e < end; e++) mark[targets[e]!] = v;
    const pv = invDeg[v]!;
    let total = 0;
    for (let e = start; e < end; e++) {
      const j = targets[e]!;
      let indirect = 0;
      for (let f = offsets[j]!, fe = offsets[j + 1]!; f < fe; f++) {
        const w = targets[f]!;
        if (mark[w] === v) indirect += invDeg[w]!;
      }
      const local = pv + pv * indirect;
      total += local * local;
    }
    out[v] = total;
  }
  return out;
}
