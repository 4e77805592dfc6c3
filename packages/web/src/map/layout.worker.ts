/**
 * ForceAtlas2 off the main thread. A module worker bundled by Vite and served
 * from this site (the Content-Security-Policy allows no blob: workers, so
 * graphology's own worker supervisor cannot be used). Runs the layout in
 * batches and posts the positions after each, so the map moves as it settles.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { LayoutProgress, LayoutRequest } from './layout-protocol.ts';

let run = 0;

const post = (msg: LayoutProgress) => (self as unknown as Worker).postMessage(msg, [msg.positions.buffer]);

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const msg = event.data;
  run++;
  if (msg.type === 'stop') return;
  const mine = run;
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let i = 0; i < msg.nodeCount; i++)
    graph.addNode(i, { x: msg.positions[2 * i] ?? 0, y: msg.positions[2 * i + 1] ?? 0 });
  for (let e = 0; e < msg.edges.length / 2; e++) {
    const a = msg.edges[2 * e] ?? 0;
    const b = msg.edges[2 * e + 1] ?? 0;
    if (a === b) continue;
    const w = msg.weights[e] ?? 1;
    if (graph.hasEdge(a, b))
      graph.updateEdgeAttribute(a, b, 'weight', (x: number | undefined) => (x ?? 0) + w);
    else graph.addEdge(a, b, { weight: w });
  }
  // Strong gravity keeps separate parts (and isolated actors) near the rest, so the view is not
  // stretched by outliers; a larger scaling ratio spreads small ecosystems so labels stay readable.
  const n = msg.nodeCount;
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    edgeWeightInfluence: 1,
    strongGravityMode: true,
    gravity: n > 1000 ? 0.05 : 0.3,
    scalingRatio: n <= 100 ? 20 : n <= 1000 ? 10 : 5,
    barnesHutOptimize: n > 500,
  };
  const batch = msg.nodeCount > 2000 ? 5 : 20;
  let done = 0;
  let elapsed = 0;
  const step = () => {
    if (mine !== run) return; // a newer layout (or a stop) took over
    const t0 = performance.now();
    const n = Math.min(batch, msg.iterations - done);
    forceAtlas2.assign(graph, { iterations: n, settings, getEdgeWeight: 'weight' });
    done += n;
    elapsed += performance.now() - t0;
    const positions = new Float32Array(msg.nodeCount * 2);
    graph.forEachNode((key, attr) => {
      const i = Number(key);
      positions[2 * i] = attr.x as number;
      positions[2 * i + 1] = attr.y as number;
    });
    post({
      type: 'progress',
      positions,
      iteration: done,
      iterations: msg.iterations,
      done: done >= msg.iterations,
      elapsed,
    });
    if (done < msg.iterations) setTimeout(step, 0);
  };
  step();
};
