/**
 * A Canvas 2D renderer for the ecosystem map, used when WebGL is missing or
 * runs in software (no GPU): measured on this project's machines, sigma on
 * software WebGL draws 5,000 actors and 15,000 relationships at 2–3 frames a
 * second, while one batched 2D path per colour draws them at ~40. It reads the
 * same graphology graph and the same reducers as sigma, so filters, focus and
 * the layout behave the same with either renderer.
 */
import type Graph from 'graphology';

export interface DrawnNode {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  hidden?: boolean;
  highlighted?: boolean;
  forceLabel?: boolean;
  zIndex?: number;
}

export interface DrawnEdge {
  size: number;
  color: string;
  type?: string;
  hidden?: boolean;
}

export interface MapRendererEvents {
  enterNode: (id: string, x: number, y: number) => void;
  leaveNode: () => void;
  clickNode: (id: string) => void;
  clickStage: () => void;
}

export interface CanvasRendererOptions {
  nodeReducer: (id: string, data: DrawnNode) => DrawnNode;
  edgeReducer: (id: string, data: DrawnEdge) => DrawnEdge;
  events: MapRendererEvents;
  labelFont: string;
  /** Labels are drawn for actors drawn at least this many pixels wide (and for forced ones). */
  labelThreshold: number;
  /** Arrowheads are drawn when there are at most this many relationships. */
  arrowLimit?: number;
  /** Called after every frame drawn. */
  onFrame?: () => void;
}

interface Camera {
  /** Centre, in graph coordinates relative to the fitted view (0.5 = middle). */
  x: number;
  y: number;
  /** 1 shows everything; smaller zooms in. */
  ratio: number;
}

const PADDING = 24;

export class CanvasRenderer {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private camera: Camera = { x: 0.5, y: 0.5, ratio: 1 };
  private width = 0;
  private height = 0;
  private frame = 0;
  private animation = 0;
  private hovered: string | null = null;
  /** Screen positions and radii of the nodes drawn last, for hit testing. */
  private drawn: { id: string; x: number; y: number; r: number }[] = [];
  private grid = new Map<number, number[]>();
  private readonly resizeObserver: ResizeObserver;
  private readonly cleanup: (() => void)[] = [];
  /** Frames drawn so far (for performance checks). */
  frames = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly graph: Graph,
    private readonly opts: CanvasRendererOptions,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.style.cssText = 'position:absolute;inset:0;width:100%;height:100%;touch-action:none';
    container.appendChild(this.canvas);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    this.ctx = ctx;
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(container);
    this.resize();
    this.bindPointer();
    const schedule = () => this.refresh();
    for (const ev of [
      'nodeAttributesUpdated',
      'eachNodeAttributesUpdated',
      'edgeAttributesUpdated',
      'nodeAdded',
      'edgeAdded',
      'nodeDropped',
      'edgeDropped',
      'cleared',
    ] as const) {
      graph.on(ev, schedule);
      this.cleanup.push(() => graph.off(ev, schedule));
    }
  }

  /** Redraws at the next frame. */
  refresh(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  /** The actor's position on screen (CSS pixels from the container's corner). */
  nodeViewportPosition(id: string): { x: number; y: number } | null {
    const hit = this.drawn.find((d) => d.id === id);
    return hit ? { x: hit.x, y: hit.y } : null;
  }

  zoomIn(): void {
    this.animateTo({ ...this.camera, ratio: this.camera.ratio / 1.5 }, 250);
  }

  zoomOut(): void {
    this.animateTo({ ...this.camera, ratio: Math.min(4, this.camera.ratio * 1.5) }, 250);
  }

  reset(): void {
    this.animateTo({ x: 0.5, y: 0.5, ratio: 1 }, 300);
  }

  /** Centres the camera on an actor, zoomed in. */
  focusOn(id: string, ratio = 0.5, offsetPx = 0): void {
    if (!this.graph.hasNode(id)) return;
    const box = this.bounds();
    const a = this.graph.getNodeAttributes(id) as DrawnNode;
    const span = Math.max(box.maxX - box.minX, box.maxY - box.minY) || 1;
    // offsetPx moves the actor left of centre (the actor panel covers the right).
    const shift = (offsetPx / Math.max(1, Math.min(this.width, this.height) - 2 * PADDING)) * ratio;
    this.animateTo(
      {
        x: 0.5 + (a.x - (box.minX + box.maxX) / 2) / span + shift,
        y: 0.5 + (a.y - (box.minY + box.maxY) / 2) / span,
        ratio,
      },
      600,
    );
  }

  kill(): void {
    cancelAnimationFrame(this.frame);
    cancelAnimationFrame(this.animation);
    this.resizeObserver.disconnect();
    for (const c of this.cleanup) c();
    this.canvas.remove();
  }

  private resize(): void {
    const r = this.container.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    this.width = r.width;
    this.height = r.height;
    this.canvas.width = Math.max(1, Math.round(r.width * dpr));
    this.canvas.height = Math.max(1, Math.round(r.height * dpr));
    this.refresh();
  }

  private animateTo(target: Camera, duration: number): void {
    cancelAnimationFrame(this.animation);
    const from = { ...this.camera };
    const start = performance.now();
    const step = () => {
      const t = Math.min(1, (performance.now() - start) / duration);
      const e = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
      this.camera = {
        x: from.x + (target.x - from.x) * e,
        y: from.y + (target.y - from.y) * e,
        ratio: from.ratio * (target.ratio / from.ratio) ** e,
      };
      this.refresh();
      if (t < 1) this.animation = requestAnimationFrame(step);
    };
    this.animation = requestAnimationFrame(step);
  }

  private bounds() {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    this.graph.forEachNode((_id, a) => {
      const { x, y } = a as DrawnNode;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    });
    if (!Number.isFinite(minX)) return { minX: 0, maxX: 1, minY: 0, maxY: 1 };
    return { minX, maxX, minY, maxY };
  }

  private render(): void {
    this.frame = 0;
    this.frames++;
    const { ctx, graph, opts } = this;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    const box = this.bounds();
    const span = Math.max(box.maxX - box.minX, box.maxY - box.minY) || 1;
    const scale = (Math.min(this.width, this.height) - 2 * PADDING) / span / this.camera.ratio;
    const cx = (box.minX + box.maxX) / 2 + (this.camera.x - 0.5) * span;
    const cy = (box.minY + box.maxY) / 2 + (this.camera.y - 0.5) * span;
    const sx = (x: number) => this.width / 2 + (x - cx) * scale;
    // Graph y grows upwards (as in sigma), screen y downwards.
    const sy = (y: number) => this.height / 2 - (y - cy) * scale;
    const sizeScale = Math.min(1.6, Math.max(0.6, 1 / Math.sqrt(this.camera.ratio)) ** 0.5);

    // Nodes first (their screen positions are needed for edges and hit testing).
    const nodes = new Map<string, { x: number; y: number; r: number; d: DrawnNode }>();
    graph.forEachNode((id, a) => {
      const d = opts.nodeReducer(id, a as DrawnNode);
      if (d.hidden) return;
      nodes.set(id, { x: sx(d.x), y: sy(d.y), r: d.size * sizeScale, d });
    });

    // Edges, one path per colour and width.
    const paths = new Map<string, Path2D>();
    const arrows: [number, number, number, number, string, number][] = [];
    const withArrows = graph.size <= (opts.arrowLimit ?? 3000);
    graph.forEachEdge((id, a, source, target) => {
      const s = nodes.get(source);
      const t = nodes.get(target);
      if (!s || !t) return;
      const d = opts.edgeReducer(id, a as DrawnEdge);
      if (d.hidden) return;
      const w = Math.max(0.5, Math.round(d.size * 2) / 2);
      const key = `${d.color}|${w}`;
      let p = paths.get(key);
      if (!p) paths.set(key, (p = new Path2D()));
      p.moveTo(s.x, s.y);
      p.lineTo(t.x, t.y);
      if (withArrows && d.type === 'arrow') arrows.push([s.x, s.y, t.x, t.y, d.color, t.r]);
    });
    ctx.lineCap = 'round';
    for (const [key, p] of paths) {
      const [color, w] = key.split('|');
      ctx.strokeStyle = color ?? '#ccc';
      ctx.lineWidth = Number(w);
      ctx.stroke(p);
    }
    for (const [x1, y1, x2, y2, color, r] of arrows) {
      const len = Math.hypot(x2 - x1, y2 - y1);
      if (len < r + 8) continue;
      const ux = (x2 - x1) / len;
      const uy = (y2 - y1) / len;
      const tipX = x2 - ux * r;
      const tipY = y2 - uy * r;
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.moveTo(tipX, tipY);
      ctx.lineTo(tipX - ux * 7 - uy * 3.5, tipY - uy * 7 + ux * 3.5);
      ctx.lineTo(tipX - ux * 7 + uy * 3.5, tipY - uy * 7 - ux * 3.5);
      ctx.fill();
    }

    // Nodes by z-index, then one path per colour.
    const ordered = [...nodes.entries()].sort((a, b) => (a[1].d.zIndex ?? 0) - (b[1].d.zIndex ?? 0));
    const layers = new Map<string, Path2D>();
    for (const [, n] of ordered) {
      if (n.x < -n.r || n.y < -n.r || n.x > this.width + n.r || n.y > this.height + n.r) continue;
      const key = `${n.d.zIndex ?? 0}|${n.d.color}`;
      let p = layers.get(key);
      if (!p) layers.set(key, (p = new Path2D()));
      p.moveTo(n.x + n.r, n.y);
      p.arc(n.x, n.y, n.r, 0, Math.PI * 2);
    }
    for (const [key, p] of [...layers.entries()].sort(
      (a, b) => Number(a[0].split('|')[0]) - Number(b[0].split('|')[0]),
    )) {
      ctx.fillStyle = key.split('|')[1] ?? '#999';
      ctx.fill(p);
    }
    for (const [id, n] of nodes) {
      if (!n.d.highlighted && id !== this.hovered) continue;
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#ffffff';
      ctx.beginPath();
      ctx.arc(n.x, n.y, n.r + 1.5, 0, Math.PI * 2);
      ctx.stroke();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#343a40';
      ctx.beginPath();
      ctx.arc(n.x, n.y, n.r + 3, 0, Math.PI * 2);
      ctx.stroke();
    }

    // Labels: largest first, skipping any that would overlap one already drawn.
    ctx.font = `500 12px ${opts.labelFont}`;
    ctx.textBaseline = 'middle';
    const taken = new Set<string>();
    const candidates = ordered
      .filter(
        ([id, n]) =>
          n.d.label &&
          (n.d.forceLabel || n.d.highlighted || id === this.hovered || n.r * 2 >= opts.labelThreshold),
      )
      .sort(
        (a, b) => Number(b[1].d.forceLabel ?? false) - Number(a[1].d.forceLabel ?? false) || b[1].r - a[1].r,
      );
    for (const [, n] of candidates.slice(0, 400)) {
      const w = ctx.measureText(n.d.label).width;
      if (n.y < 0 || n.y > this.height || n.x < 0 || n.x > this.width) continue;
      // Right of the node, or left of it when it would run off the canvas.
      const x = n.x + n.r + 4 + w <= this.width ? n.x + n.r + 4 : n.x - n.r - 4 - w;
      const cells: string[] = [];
      for (let gx = Math.floor(x / 20); gx <= Math.floor((x + w) / 20); gx++)
        for (let gy = Math.floor((n.y - 7) / 8); gy <= Math.floor((n.y + 7) / 8); gy++)
          cells.push(`${gx}:${gy}`);
      if (!n.d.forceLabel && !n.d.highlighted && cells.some((c) => taken.has(c))) continue;
      for (const c of cells) taken.add(c);
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255,255,255,0.85)';
      ctx.strokeText(n.d.label, x, n.y);
      ctx.fillStyle = '#343a40';
      ctx.fillText(n.d.label, x, n.y);
    }

    // Hit-testing index: a grid of 32px cells over the drawn nodes.
    this.drawn = [];
    this.grid = new Map();
    for (const [id, n] of nodes) {
      const i = this.drawn.push({ id, x: n.x, y: n.y, r: n.r }) - 1;
      const key = Math.floor(n.x / 32) * 100_000 + Math.floor(n.y / 32);
      const cell = this.grid.get(key);
      if (cell) cell.push(i);
      else this.grid.set(key, [i]);
    }
    opts.onFrame?.();
  }

  /** The actor under a point, if any (the closest within its radius plus 3 px). */
  private nodeAt(x: number, y: number): string | null {
    let best: string | null = null;
    let bestD = Infinity;
    const gx = Math.floor(x / 32);
    const gy = Math.floor(y / 32);
    for (let i = gx - 1; i <= gx + 1; i++) {
      for (let j = gy - 1; j <= gy + 1; j++) {
        for (const k of this.grid.get(i * 100_000 + j) ?? []) {
          const n = this.drawn[k];
          if (!n) continue;
          const d = Math.hypot(n.x - x, n.y - y);
          if (d <= n.r + 3 && d < bestD) {
            bestD = d;
            best = n.id;
          }
        }
      }
    }
    return best;
  }

  private bindPointer(): void {
    const el = this.canvas;
    let drag: { x: number; y: number; cam: Camera; moved: boolean } | null = null;
    const local = (e: PointerEvent | WheelEvent) => {
      const r = el.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const spanPx = () => Math.min(this.width, this.height) - 2 * PADDING;
    const down = (e: PointerEvent) => {
      const p = local(e);
      drag = { ...p, cam: { ...this.camera }, moved: false };
      el.setPointerCapture(e.pointerId);
    };
    const move = (e: PointerEvent) => {
      const p = local(e);
      if (drag) {
        const dx = p.x - drag.x;
        const dy = p.y - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
        if (drag.moved) {
          const k = drag.cam.ratio / spanPx();
          this.camera = { ...drag.cam, x: drag.cam.x - dx * k, y: drag.cam.y + dy * k };
          this.refresh();
        }
        return;
      }
      const hit = this.nodeAt(p.x, p.y);
      if (hit !== this.hovered) {
        this.hovered = hit;
        if (hit) {
          const n = this.drawn.find((d) => d.id === hit);
          this.opts.events.enterNode(hit, n?.x ?? p.x, n?.y ?? p.y);
        } else this.opts.events.leaveNode();
        el.style.cursor = hit ? 'pointer' : '';
        this.refresh();
      }
    };
    const up = (e: PointerEvent) => {
      const p = local(e);
      const wasDrag = drag?.moved ?? false;
      drag = null;
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
      if (wasDrag) return;
      const hit = this.nodeAt(p.x, p.y);
      if (hit) this.opts.events.clickNode(hit);
      else this.opts.events.clickStage();
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const p = local(e);
      const factor = e.deltaY > 0 ? 1.25 : 1 / 1.25;
      const ratio = Math.min(4, Math.max(0.02, this.camera.ratio * factor));
      // Keep the point under the cursor in place.
      const k = 1 / spanPx();
      const ox = (p.x - this.width / 2) * k;
      const oy = (this.height / 2 - p.y) * k;
      this.camera = {
        x: this.camera.x + ox * (this.camera.ratio - ratio),
        y: this.camera.y + oy * (this.camera.ratio - ratio),
        ratio,
      };
      this.refresh();
    };
    const leave = () => {
      if (this.hovered) {
        this.hovered = null;
        this.opts.events.leaveNode();
        this.refresh();
      }
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointerleave', leave);
    el.addEventListener('wheel', wheel, { passive: false });
    this.cleanup.push(() => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointerleave', leave);
      el.removeEventListener('wheel', wheel);
    });
  }
}

/** True when a WebGL renderer name says it runs on the CPU (no GPU): SwiftShader, llvmpipe, … */
export function isSoftwareRenderer(name: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic/i.test(name);
}

/**
 * Which renderer draws the map here: `webgl` (sigma) with a GPU, `canvas`
 * without WebGL or on software WebGL. `?renderer=webgl|canvas` overrides.
 */
export function chooseRenderer(override?: string | null): 'webgl' | 'canvas' {
  if (override === 'webgl' || override === 'canvas') return override;
  try {
    const c = document.createElement('canvas');
    const gl = c.getContext('webgl2') ?? c.getContext('webgl');
    if (!gl) return 'canvas';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return isSoftwareRenderer(name) ? 'canvas' : 'webgl';
  } catch {
    return 'canvas';
  }
}
