import { Badge, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import Graph from 'graphology';
import Sigma from 'sigma';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Graph as EcosystemGraph, GraphNode } from '../api/types.ts';
import type { Visible } from '../lib/graph-filter.ts';
import type { MapAppearance } from '../lib/map-appearance.ts';
import { communityColor, communityLabel, sizeByMetric } from '../lib/map-metrics.ts';
import { hashString, initialPositions, layoutIterations } from '../lib/graph-layout.ts';
import { actorKindColor, edgeSize, fade, nodeSize, relationshipKindColor } from '../lib/graph-style.ts';
import { kindLabel } from '../lib/format.ts';
import type { LayoutProgress, LayoutStart } from './layout-protocol.ts';
import { CanvasRenderer, chooseRenderer } from './canvas-renderer.ts';
import { ink } from '../lib/ink.ts';

interface NodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  [k: string]: unknown;
}
interface EdgeAttrs {
  size: number;
  color: string;
  baseColor: string;
  type: 'line' | 'arrow';
  [k: string]: unknown;
}

export interface FocusRequest {
  id: string;
  /** Changes on every request, so focusing the same actor twice moves the camera twice. */
  nonce: number;
}

export interface SigmaMapHandle {
  zoomIn: () => void;
  zoomOut: () => void;
  reset: () => void;
}

export interface SigmaMapProps {
  ecosystemId: string;
  data: EcosystemGraph;
  visible: Visible;
  /** Everything visible (no filter): reducers skip the set look-ups. */
  unfiltered: boolean;
  selected: string | null;
  onSelect: (id: string | null) => void;
  focus: FocusRequest | null;
  onReady?: (handle: SigmaMapHandle) => void;
  /** Colour by community, size by a metric, highlighted actors (null: kind colours, sizes by degree). */
  appearance?: MapAppearance | null;
}

const FADED_NODE = '#dde1e8';
/** Relationships that touch no highlighted actor. */
const FADED_EDGE = 'rgba(206, 212, 218, 0.45)';
/** Zoom when focusing an actor, and how far (px) to shift it left of the actor panel. */
const FOCUS_RATIO = 0.5;
const PANEL_OFFSET = 180;
const LABEL_FONT = "'Inter Variable', Inter, system-ui, sans-serif";

/**
 * The ecosystem map drawn by sigma.js (WebGL): actors coloured by kind and
 * sized by degree, relationships coloured by kind (arrows when directed),
 * laid out by ForceAtlas2 in a worker. Hover shows a tooltip; click selects.
 */
export function SigmaMap(props: SigmaMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<MapRenderer | null>(null);
  const mode = useMemo(() => chooseRenderer(new URLSearchParams(window.location.search).get('renderer')), []);
  const graphRef = useRef<Graph<NodeAttrs, EdgeAttrs> | null>(null);
  const view = useRef({
    visible: props.visible,
    unfiltered: props.unfiltered,
    selected: props.selected,
    hovered: null as string | null,
    focusSet: null as Set<string> | null,
    colors: null as Map<string, string> | null,
    sizes: null as Map<string, number> | null,
    highlight: null as Set<string> | null,
  });
  const onSelect = useRef(props.onSelect);
  onSelect.current = props.onSelect;
  const onReady = useRef(props.onReady);
  onReady.current = props.onReady;
  const [hover, setHover] = useState<{ node: GraphNode; x: number; y: number } | null>(null);
  const [layout, setLayout] = useState<{
    iteration: number;
    iterations: number;
    done: boolean;
    elapsed: number;
  } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [firstRenderMs, setFirstRenderMs] = useState<number | null>(null);
  /** What the renderer holds once built: the counts browser tests read. */
  const [built, setBuilt] = useState<{ nodes: number; edges: number } | null>(null);
  const byId = useMemo(() => new Map(props.data.nodes.map((n) => [n.id, n])), [props.data]);
  const byIdRef = useRef(byId);
  byIdRef.current = byId;

  // Build the graph and the renderer once per data set.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const t0 = performance.now();
    const { nodes, edges } = props.data;
    const g = new Graph<NodeAttrs, EdgeAttrs>({ type: 'mixed', multi: true, allowSelfLoops: true });
    let maxDegree = 0;
    for (const n of nodes) maxDegree = Math.max(maxDegree, n.degree);
    const positions = initialPositions(nodes, hashString(props.ecosystemId));
    const index = new Map<string, number>();
    nodes.forEach((n, i) => {
      if (g.hasNode(n.id)) return;
      index.set(n.id, i);
      g.addNode(n.id, {
        x: positions[2 * i] ?? 0,
        y: positions[2 * i + 1] ?? 0,
        size: nodeSize(n.degree, maxDegree, ...sizeRange(nodes.length)),
        color: actorKindColor(n.kind),
        label: n.name,
      });
    });
    const pairs: number[] = [];
    const weights: number[] = [];
    for (const e of edges) {
      const key = String(e.id);
      if (!g.hasNode(e.from) || !g.hasNode(e.to) || g.hasEdge(key)) continue;
      const base = relationshipKindColor(e.kind);
      const attrs: EdgeAttrs = {
        size: edgeSize(e.strength),
        color: fade(base, nodes.length > 2000 ? 0.35 : 0.75),
        baseColor: base,
        type: e.directed ? 'arrow' : 'line',
      };
      if (e.directed) g.addDirectedEdgeWithKey(key, e.from, e.to, attrs);
      else g.addUndirectedEdgeWithKey(key, e.from, e.to, attrs);
      pairs.push(index.get(e.from) ?? 0, index.get(e.to) ?? 0);
      weights.push(e.strength > 0 ? e.strength : 1);
    }
    graphRef.current = g;

    const nodeReducer = <T extends object>(node: string, input: T): T => {
      const v = view.current;
      if (!v.unfiltered && !v.visible.nodes.has(node)) return { ...input, hidden: true };
      let data = input;
      // Colour by community and size by a metric replace the kind colour and the size by degree.
      const color = v.colors?.get(node);
      const size = v.sizes?.get(node);
      if (color !== undefined || size !== undefined)
        data = {
          ...data,
          ...(color !== undefined ? { color } : {}),
          ...(size !== undefined ? { size } : {}),
        };
      const picked = v.highlight?.has(node) ?? false;
      if (v.focusSet) {
        const focused = v.selected ?? v.hovered;
        if (node === focused) return { ...data, highlighted: true, forceLabel: true, zIndex: 2 };
        if (v.focusSet.has(node))
          return { ...data, forceLabel: v.focusSet.size < 40 || picked, highlighted: picked, zIndex: 1 };
        return { ...data, color: FADED_NODE, label: '', zIndex: 0 };
      }
      if (v.highlight) {
        if (picked) return { ...data, highlighted: true, forceLabel: v.highlight.size <= 60, zIndex: 2 };
        return { ...data, color: FADED_NODE, zIndex: 0 };
      }
      return data;
    };
    const edgeReducer = <T extends { size: number }>(edge: string, data: T): T => {
      const v = view.current;
      if (!v.unfiltered && !v.visible.edges.has(edge)) return { ...data, hidden: true };
      if (v.focusSet) {
        const focused = v.selected ?? v.hovered;
        const [s, t] = g.extremities(edge);
        if (s !== focused && t !== focused) return { ...data, hidden: true };
        return { ...data, color: (data as unknown as EdgeAttrs).baseColor, size: data.size + 0.6, zIndex: 1 };
      }
      if (v.highlight) {
        const [s, t] = g.extremities(edge);
        if (!v.highlight.has(s) && !v.highlight.has(t)) return { ...data, color: FADED_EDGE };
      }
      return data;
    };
    const refocus = () => {
      const v = view.current;
      const focused = v.selected ?? v.hovered;
      v.focusSet = focused && g.hasNode(focused) ? new Set([focused, ...g.neighbors(focused)]) : null;
      renderer?.refresh();
    };
    const enter = (node: string, x: number, y: number) => {
      view.current.hovered = node;
      const n = byIdRef.current.get(node);
      if (n) setHover({ node: n, x, y });
      if (!view.current.selected) refocus();
    };
    const leave = () => {
      view.current.hovered = null;
      setHover(null);
      if (!view.current.selected) refocus();
    };
    const host = el.parentElement;
    let frames = 0;
    // Frames drawn so far, for performance checks (written straight to the DOM: no React render per frame).
    const countFrame = () => {
      frames++;
      if (frames === 1) setFirstRenderMs(Math.round(performance.now() - t0));
      if (host) host.dataset.renderCount = String(frames);
    };

    let renderer: MapRenderer | null = null;
    try {
      renderer =
        mode === 'webgl'
          ? sigmaRenderer(el, g, nodes.length, {
              nodeReducer,
              edgeReducer,
              enter,
              leave,
              select: (id) => onSelect.current(id),
              frame: countFrame,
            })
          : canvasRenderer(el, g, nodes.length, {
              nodeReducer,
              edgeReducer,
              enter,
              leave,
              select: (id) => onSelect.current(id),
              frame: countFrame,
            });
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
      return;
    }
    rendererRef.current = renderer;
    setBuilt({ nodes: g.order, edges: g.size });
    const r = renderer;
    onReady.current?.({ zoomIn: () => r.zoomIn(), zoomOut: () => r.zoomOut(), reset: () => r.reset() });

    // Lay out in a worker unless the server sent positions for every actor.
    let worker: Worker | null = null;
    const placed = nodes.length > 0 && nodes.every((n) => typeof n.x === 'number' && typeof n.y === 'number');
    if (!placed && nodes.length > 1) {
      const ids = nodes.map((n) => n.id);
      worker = new Worker(new URL('./layout.worker.ts', import.meta.url), {
        type: 'module',
        name: 'valueweb-map-layout',
      });
      worker.onmessage = (ev: MessageEvent<LayoutProgress>) => {
        const { positions } = ev.data;
        g.updateEachNodeAttributes(
          (id, attr) => {
            const i = index.get(id);
            if (i !== undefined && ids[i] === id) {
              attr.x = positions[2 * i] ?? attr.x;
              attr.y = positions[2 * i + 1] ?? attr.y;
            }
            return attr;
          },
          { attributes: ['x', 'y'] },
        );
        setLayout({
          iteration: ev.data.iteration,
          iterations: ev.data.iterations,
          done: ev.data.done,
          elapsed: Math.round(ev.data.elapsed),
        });
      };
      const start: LayoutStart = {
        type: 'start',
        nodeCount: nodes.length,
        positions: new Float32Array(positions),
        edges: new Uint32Array(pairs),
        weights: new Float32Array(weights),
        iterations: layoutIterations(nodes.length),
      };
      worker.postMessage(start, [start.positions.buffer, start.edges.buffer, start.weights.buffer]);
      setLayout({ iteration: 0, iterations: start.iterations, done: false, elapsed: 0 });
    } else {
      setLayout({ iteration: 0, iterations: 0, done: true, elapsed: 0 });
    }

    return () => {
      worker?.terminate();
      r.kill();
      rendererRef.current = null;
      graphRef.current = null;
    };
  }, [props.data, props.ecosystemId, mode]);

  // Filters and selection change only what the reducers show.
  useEffect(() => {
    const v = view.current;
    v.visible = props.visible;
    v.unfiltered = props.unfiltered;
    v.selected = props.selected;
    const g = graphRef.current;
    const focused = v.selected ?? v.hovered;
    v.focusSet = g && focused && g.hasNode(focused) ? new Set([focused, ...g.neighbors(focused)]) : null;
    rendererRef.current?.refresh();
  }, [props.visible, props.unfiltered, props.selected]);

  // Colour, size and highlights change only what the reducers draw.
  const appearance = props.appearance ?? null;
  const sizes = useMemo(() => {
    if (!appearance?.sizeValues) return null;
    const [min, max] = sizeRange(props.data.nodes.length);
    return sizeByMetric(appearance.sizeValues, min, max);
  }, [appearance?.sizeValues, props.data.nodes.length]);
  useEffect(() => {
    const v = view.current;
    v.colors = appearance?.colors ?? null;
    v.sizes = sizes;
    v.highlight = appearance?.highlight ?? null;
    rendererRef.current?.refresh();
  }, [appearance, sizes]);

  // Move the camera to an actor on request.
  useEffect(() => {
    if (props.focus) rendererRef.current?.focusOn(props.focus.id);
  }, [props.focus]);
  const settled = layout?.done ?? false;
  const focusRef = useRef(props.focus);
  focusRef.current = props.focus;
  useEffect(() => {
    if (settled && focusRef.current) rendererRef.current?.focusOn(focusRef.current.id);
  }, [settled]);

  const running = layout !== null && !layout.done;
  return (
    <div
      className="vw-map-canvas"
      data-testid="ecosystem-map"
      data-node-count={built?.nodes ?? 0}
      data-edge-count={built?.edges ?? 0}
      data-visible-node-count={props.unfiltered ? props.data.nodes.length : props.visible.nodes.size}
      data-visible-edge-count={props.unfiltered ? props.data.edges.length : props.visible.edges.size}
      data-renderer={failure ? 'none' : mode}
      data-layout={running ? 'running' : 'done'}
      data-layout-ms={layout?.elapsed ?? 0}
      data-first-render-ms={firstRenderMs ?? ''}
      data-selected={props.selected ?? ''}
      data-color-by={appearance?.colorBy ?? 'kind'}
      data-size-by={appearance?.sizeBy ?? 'degree'}
      data-highlighted-count={appearance?.highlight?.size ?? 0}
    >
      <div ref={container} className="vw-sigma" aria-label="Ecosystem map" role="img" />
      {failure && (
        <Stack className="vw-map-overlay" style={{ inset: 0 }} align="center" justify="center" p="xl">
          <Paper withBorder p="lg" maw={460} shadow="sm">
            <Text fw={650} mb={6}>
              This browser cannot draw the ecosystem map
            </Text>
            <Text fz="sm" c="dimmed">
              The map needs WebGL, which is turned off or unavailable here ({failure}). The actors and
              relationships tables show the same ecosystem.
            </Text>
          </Paper>
        </Stack>
      )}
      {running && layout && (
        <Paper
          className="vw-map-overlay"
          style={{ top: 12, left: '50%', transform: 'translateX(-50%)' }}
          withBorder
          shadow="xs"
          px="md"
          py={8}
          w={260}
          data-testid="layout-progress"
        >
          <Text fz="xs" c="dimmed" mb={4}>
            Arranging the map… {Math.round((100 * layout.iteration) / Math.max(1, layout.iterations))}%
          </Text>
          <Progress value={(100 * layout.iteration) / Math.max(1, layout.iterations)} size="sm" animated />
        </Paper>
      )}
      {hover && (
        <Paper
          className="vw-map-tooltip"
          style={{ left: hover.x, top: hover.y }}
          withBorder
          shadow="md"
          p="sm"
          data-testid="map-tooltip"
        >
          <Text fz="sm" fw={650}>
            {hover.node.name}
          </Text>
          <Group gap={6} mt={4}>
            <span className="vw-dot" style={{ background: actorKindColor(hover.node.kind) }} aria-hidden />
            <Text fz="xs">{kindLabel(hover.node.kind)}</Text>
            <Badge size="xs" variant="light" color="gray">
              {hover.node.degree} {hover.node.degree === 1 ? 'relationship' : 'relationships'}
            </Badge>
          </Group>
          {appearance?.colorBy === 'community' && typeof hover.node.community === 'number' && (
            <Group gap={6} mt={4}>
              <span
                className="vw-dot"
                style={{ background: communityColor(hover.node.community) }}
                aria-hidden
              />
              <Text fz="xs">{communityLabel(hover.node.community)}</Text>
            </Group>
          )}
          {hover.node.articulationPoint === true && (
            <Badge size="xs" color="orange" c={ink('orange')} variant="light" tt="none" mt={4}>
              Single point of failure
            </Badge>
          )}
          {(hover.node.capabilities?.length ?? 0) > 0 && (
            <Text fz="xs" c="dimmed" mt={4} lineClamp={2}>
              {hover.node.capabilities?.join(' · ')}
            </Text>
          )}
        </Paper>
      )}
    </div>
  );
}

/** Node radius range for a map of n actors: smaller circles when there are many. */
function sizeRange(n: number): [number, number] {
  if (n > 2000) return [1.5, 7];
  if (n > 500) return [2, 10];
  return [3, 16];
}

/** What the map needs of a renderer, whichever draws it. */
interface MapRenderer {
  refresh: () => void;
  focusOn: (id: string) => void;
  zoomIn: () => void;
  zoomOut: () => void;
  reset: () => void;
  kill: () => void;
}

interface RendererHooks {
  nodeReducer: <T extends object>(node: string, data: T) => T;
  edgeReducer: <T extends { size: number }>(edge: string, data: T) => T;
  enter: (node: string, x: number, y: number) => void;
  leave: () => void;
  select: (id: string | null) => void;
  frame: () => void;
}

/** sigma.js on WebGL (with a GPU). */
function sigmaRenderer(
  el: HTMLElement,
  g: Graph<NodeAttrs, EdgeAttrs>,
  n: number,
  h: RendererHooks,
): MapRenderer {
  const sigma = new Sigma(g, el, {
    renderEdgeLabels: false,
    labelFont: LABEL_FONT,
    labelSize: 12,
    labelWeight: '500',
    labelColor: { color: '#343a40' },
    labelDensity: 0.08,
    labelGridCellSize: 80,
    labelRenderedSizeThreshold: n > 1000 ? 9 : 6,
    hideEdgesOnMove: n > 3000,
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 4,
    stagePadding: 24,
    nodeReducer: h.nodeReducer,
    edgeReducer: h.edgeReducer,
  });
  // For performance checks from a browser test (not enumerable, not used by the app).
  Object.defineProperty(el, '__sigma', { value: sigma, configurable: true });
  sigma.on('afterRender', h.frame);
  sigma.on('enterNode', ({ node }) => {
    const d = sigma.getNodeDisplayData(node);
    const p = d ? sigma.framedGraphToViewport(d) : { x: 0, y: 0 };
    h.enter(node, p.x, p.y);
    el.style.cursor = 'pointer';
  });
  sigma.on('leaveNode', () => {
    h.leave();
    el.style.cursor = '';
  });
  sigma.on('clickNode', ({ node }) => h.select(node));
  sigma.on('clickStage', () => h.select(null));
  const camera = sigma.getCamera();
  return {
    refresh: () => sigma.refresh({ skipIndexation: true }),
    focusOn: (id) => {
      const d = sigma.getNodeDisplayData(id);
      if (!d) return;
      // Leave the actor left of the actor panel, which covers the right of the map.
      const { width, height } = sigma.getDimensions();
      const ratio = FOCUS_RATIO;
      void camera.animate(
        { x: d.x + (PANEL_OFFSET / Math.min(width, height)) * ratio, y: d.y, ratio },
        { duration: 600 },
      );
    },
    zoomIn: () => void camera.animatedZoom({ duration: 250 }),
    zoomOut: () => void camera.animatedUnzoom({ duration: 250 }),
    reset: () => void camera.animatedReset({ duration: 300 }),
    kill: () => sigma.kill(),
  };
}

/** The Canvas 2D renderer (no WebGL, or WebGL in software). */
function canvasRenderer(
  el: HTMLElement,
  g: Graph<NodeAttrs, EdgeAttrs>,
  n: number,
  h: RendererHooks,
): MapRenderer {
  const r = new CanvasRenderer(el, g, {
    nodeReducer: (id, d) => h.nodeReducer(id, d),
    edgeReducer: (id, d) => h.edgeReducer(id, d),
    events: {
      enterNode: h.enter,
      leaveNode: h.leave,
      clickNode: (id) => h.select(id),
      clickStage: () => h.select(null),
    },
    labelFont: LABEL_FONT,
    labelThreshold: n > 1000 ? 18 : 10,
    onFrame: h.frame,
  });
  r.refresh();
  return {
    refresh: () => r.refresh(),
    focusOn: (id) => r.focusOn(id, FOCUS_RATIO, PANEL_OFFSET),
    zoomIn: () => r.zoomIn(),
    zoomOut: () => r.zoomOut(),
    reset: () => r.reset(),
    kill: () => r.kill(),
  };
}
