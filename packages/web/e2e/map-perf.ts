/**
 * How the ecosystem map copes with a large ecosystem: imports a generated one
 * (default 5,000 actors, ~3 relationships each) into a running server, opens
 * the map in Chromium (software WebGL) and prints what it measured: time until
 * the renderer holds every actor, the first frame, the layout, and frames per
 * second while the user pans and zooms.
 *
 *   npx tsx packages/web/e2e/map-perf.ts --base http://127.0.0.1:3000 --email admin@… --password … [--actors 5000]
 */
import { ACTOR_KINDS, RELATIONSHIP_KINDS } from '@valueweb/core';
import { launchBrowser, mapCounts, newPage, signIn } from './helpers.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const base = arg('base', 'http://127.0.0.1:3000');
const email = arg('email', 'admin@example.org');
const password = arg('password', 'change-me-please');
const n = Number(arg('actors', '5000'));
const id = `map-perf-${n}`;

/** A seeded ecosystem: actors in 40 clusters, mostly tied inside their cluster. */
function generate(count: number) {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const actors = Array.from({ length: count }, (_, i) => ({
    id: `a${i}`,
    name: `Actor ${i}`,
    kind: ACTOR_KINDS[i % ACTOR_KINDS.length],
    capabilities: [`cap-${i % 25}`],
    needs: [],
    values: [],
  }));
  const clusters = 40;
  const relationships: { from: string; to: string; kind: string; flows: string[]; strength: number }[] = [];
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < 3; k++) {
      const same = rnd() < 0.85;
      const j = same
        ? (Math.floor(rnd() * (count / clusters)) * clusters + (i % clusters)) % count
        : Math.floor(rnd() * count);
      if (j !== i)
        relationships.push({
          from: `a${i}`,
          to: `a${j}`,
          kind: RELATIONSHIP_KINDS[(i + k) % RELATIONSHIP_KINDS.length] ?? 'other',
          flows: [k === 0 ? 'data' : 'knowledge'],
          strength: 1 + (k % 3),
        });
    }
  }
  return {
    valueweb: 1,
    ecosystem: { id, name: `Map performance (${count} actors)` },
    actors,
    relationships,
    partnerships: [],
  };
}

const browser = await launchBrowser();
try {
  const { page } = await newPage(browser, base, { width: 1280, height: 800 });
  await signIn(page, email, password);
  const doc = generate(n);
  const imported = await page.evaluate(async (document) => {
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
    const r = await fetch('/api/v1/ecosystems/import?replace=true', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ document }),
    });
    return { status: r.status, body: (await r.text()).slice(0, 300) };
  }, doc);
  console.log('import', imported.status, imported.body);

  const t0 = Date.now();
  await page.goto(`/e/${id}/map`);
  const counts = await mapCounts(page, n, 120_000);
  const built = Date.now() - t0;
  const map = page.getByTestId('ecosystem-map');
  const firstFrame = await map.getAttribute('data-first-render-ms');
  // Frames per second while the layout runs (the map redraws after every layout batch).
  // (A string, not a function: tsx would add a helper the page does not have.)
  const fpsDuringLayout = await page.evaluate<number>(`new Promise((resolve) => {
    let frames = 0;
    const start = performance.now();
    const tick = () => { frames++; if (performance.now() - start < 3000) requestAnimationFrame(tick); else resolve((frames * 1000) / (performance.now() - start)); };
    requestAnimationFrame(tick);
  })`);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="ecosystem-map"]')?.getAttribute('data-layout') === 'done',
    undefined,
    { timeout: 300_000 },
  );
  const layoutMs = await map.getAttribute('data-layout-ms');
  const layoutWall = Date.now() - t0;
  // Pan and zoom for three seconds and count the frames sigma draws.
  const box = (await map.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const before = Number((await map.getAttribute('data-render-count')) ?? 0);
  const start = Date.now();
  await page.mouse.move(cx, cy);
  let step = 0;
  while (Date.now() - start < 3000) {
    if (step % 20 < 10) {
      await page.mouse.down();
      await page.mouse.move(cx + 60 * Math.sin(step / 3), cy + 40 * Math.cos(step / 3), { steps: 2 });
      await page.mouse.up();
    } else await page.mouse.wheel(0, step % 2 ? -120 : 120);
    step++;
  }
  const seconds = (Date.now() - start) / 1000;
  const drawn = Number((await map.getAttribute('data-render-count')) ?? 0) - before;
  await page.mouse.move(box.x + 5, box.y + box.height - 5);
  await page.getByTestId('map-search').click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/map-perf-${n}.png` });
  console.log(
    JSON.stringify(
      {
        actors: counts.nodes,
        relationships: counts.edges,
        renderer: counts.renderer,
        msUntilRendererHoldsAllActors: built,
        msFirstFrame: Number(firstFrame),
        fpsWhileLayoutRuns: Math.round(fpsDuringLayout),
        layoutWorkerMs: Number(layoutMs),
        msUntilLayoutDone: layoutWall,
        framesDrawnWhilePanningAndZooming: drawn,
        fpsWhilePanningAndZooming: Math.round(drawn / seconds),
        inputEvents: step,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
}
