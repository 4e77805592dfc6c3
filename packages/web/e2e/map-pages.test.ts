/**
 * The Map pages in a real browser (Debian's Chromium via playwright-core),
 * against the server started here on a random port with a fresh embedded
 * store and the demo: network analysis, gaps and opportunities, what-if,
 * snapshots and their diff, and the map coloured by community. Every test
 * saves a screenshot in test-results/screenshots/; axe-core checks the new
 * pages for serious or critical violations, on a desktop and on a tablet.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  CHROMIUM,
  launchBrowser,
  mapCounts,
  newPage,
  signIn,
  watchProblems,
} from './helpers.ts';
import { startDemoServer, type DemoServer } from './demo-server.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SHOTS = join(REPO, 'test-results/screenshots');
const ECO = 'rare-disease-ecosystem';
const DEMO_PASSWORD = 'valueweb-demo-2026';
const ORCHESTRATOR = 'orchestrator@demo.valueweb.local';
const NORDGEN = 'member@nordgen.demo.valueweb.local';
const TABLET = { width: 820, height: 1180 };

const ready = existsSync(CHROMIUM) && existsSync(join(REPO, 'packages/web/dist/index.html'));
if (!ready && process.env.CI)
  throw new Error('browser tests need /usr/bin/chromium and a built web app (npm run build)');

let demo: DemoServer | undefined;
let baseURL = '';
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;
let problems: string[] = [];

async function shot(name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `map-${name}.png`), fullPage: false });
}

/** Problems other than the 401 the app expects from /auth/me before signing in. */
const unexpected = () => problems.filter((p) => !p.includes('status of 401'));

describe.skipIf(!ready)('Map pages in Chromium', () => {
  beforeAll(async () => {
    demo = await startDemoServer('map-pages');
    baseURL = demo.baseURL;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  /** A signed-in page (the app's Content-Security-Policy on, console errors collected). */
  const open = async (email = ORCHESTRATOR, viewport?: { width: number; height: number }) => {
    ({ context, page } = await newPage(browser, baseURL, viewport));
    problems = watchProblems(page);
    await signIn(page, email, DEMO_PASSWORD);
  };
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  it('the network analysis page lists every actor with its metrics, sortable, and explains them', async () => {
    await open();
    await page.goto(`/e/${ECO}`);
    await page.getByTestId('nav-analysis').click();
    await page.waitForURL(`**/e/${ECO}/analysis`);
    const table = page.getByTestId('analysis-actors');
    await table.getByTestId('table-row').first().waitFor({ timeout: 30_000 });
    expect(await table.getByTestId('table-row').count()).toBe(25);
    await expect.poll(() => table.innerText()).toContain('Nordgen Therapeutics');
    expect(await page.getByTestId('network-summary').innerText()).toMatch(/ACTORS\s+49/i);
    // Sorted by betweenness, highest first; sorting by degree puts the most connected actor on top.
    const firstRow = () => table.getByTestId('table-row').first().innerText();
    await table.getByTestId('sort-degree').click();
    const degrees = await table
      .getByTestId('table-row')
      .evaluateAll((rows) =>
        rows.map((r) => Number((r.querySelectorAll('td')[2]?.textContent ?? '').trim())),
      );
    expect(degrees[0]).toBeGreaterThan(0);
    expect([...degrees].sort((a, b) => b - a)).toEqual(degrees);
    expect(await firstRow()).toMatch(/\S/);
    // Each number carries its meaning in words.
    const sentence = await table
      .locator('[aria-label*="of the shortest paths"]')
      .first()
      .getAttribute('aria-label');
    expect(sentence).toMatch(
      /^Betweenness [\d.]+ — .*of the shortest paths between other actors pass through/,
    );
    await shot('analysis-actors');
    // More metric columns on request.
    expect(await table.getByTestId('sort-clustering').count()).toBe(0);
    await page.getByTestId('metric-columns').click();
    await page.getByRole('menuitem', { name: 'Clustering (hidden)' }).click();
    await page.keyboard.press('Escape');
    await table.getByTestId('sort-clustering').waitFor();
    await page.getByTestId('tab-communities').click();
    await page.getByTestId('community-card').first().waitFor();
    expect(await page.getByTestId('community-card').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('modularity').innerText()).toMatch(/^0\.\d+/);
    await shot('analysis-communities');
    await page.getByTestId('tab-weak-points').click();
    await expect
      .poll(() => page.getByTestId('articulation-points').innerText())
      .toContain("Karolund Children's Hospital");
    expect(await page.getByTestId('bridges').innerText()).toMatch(/Vistula Rare Disease Centre/);
    await shot('analysis-weak-points');
    expect(unexpected()).toEqual([]);
  });

  it('the gaps page shows needs nobody provides, dependencies and ranked introductions with reasons', async () => {
    await open();
    await page.goto(`/e/${ECO}/gaps`);
    await page.getByTestId('gaps-unprovided').waitFor({ timeout: 30_000 });
    const unprovided = page.getByTestId('gaps-unprovided');
    expect(await unprovided.getByTestId('gap').count()).toBeGreaterThanOrEqual(1);
    expect(await unprovided.innerText()).toMatch(/home infusion services/);
    expect(await page.getByTestId('gaps-singleProvider').getByTestId('gap').count()).toBeGreaterThanOrEqual(
      1,
    );
    const first = page.getByTestId('opportunity').first();
    await first.waitFor();
    expect(await page.getByTestId('opportunity').count()).toBeGreaterThanOrEqual(1);
    const text = await first.innerText();
    expect(text).toMatch(/Introduce/);
    expect(text).toMatch(/provides .* which .* needs/);
    // Actors link to the map, focused on them.
    const href = await first.getByTestId('actor-link').first().getAttribute('href');
    expect(href).toMatch(new RegExp(`^/e/${ECO}/map\\?focus=[a-z0-9-]+$`));
    await shot('gaps');
    await page.locator('#opportunities-title').scrollIntoViewIfNeeded();
    await shot('gaps-opportunities');
    await first.getByTestId('actor-link').first().click();
    await page.waitForURL(/\/map\?focus=/);
    await page.getByTestId('actor-panel').waitFor({ timeout: 30_000 });
    expect(unexpected()).toEqual([]);
  });

  it('the what-if page simulates an exit chosen by name, and one from the criticality ranking', async () => {
    await open();
    await page.goto(`/e/${ECO}/what-if`);
    await page.getByTestId('what-if-empty').waitFor({ timeout: 30_000 });
    await page.getByTestId('what-if-actors').click();
    await page.keyboard.type('Karolund');
    await page.getByRole('option', { name: "Karolund Children's Hospital" }).click();
    const result = page.getByTestId('what-if-result');
    await result.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId('what-if-summary').innerText())
      .toMatch(/^If Karolund Children's Hospital leaves: /);
    expect(await page.getByTestId('what-if-cut-off').innerText()).toMatch(/Actors cut off\s+4/);
    // The demo has one isolated actor (two parts); without Karolund four more actors are cut off (three parts).
    expect(await page.getByTestId('what-if-components').innerText()).toMatch(/Before\s+2[\s\S]*After\s+3/);
    expect(page.url()).toContain('actors=karolund-childrens-hospital');
    await page.keyboard.press('Escape');
    await shot('what-if');
    // A second actor leaves too, from the ranking's row button ("+").
    const ranking = page.getByTestId('criticality');
    expect(await ranking.getByTestId('table-row').count()).toBe(20);
    expect(await ranking.getByTestId('table-row').first().innerText()).toMatch(/^1\s+Veritas Evidence Labs/);
    await ranking.getByRole('button', { name: 'Add Veritas Evidence Labs to the actors who leave' }).click();
    await expect.poll(() => page.getByTestId('what-if-capabilities').innerText()).toMatch(/health economics/);
    expect(page.url()).toMatch(
      /actors=karolund-childrens-hospital%2Cveritas-evidence-labs|actors=karolund-childrens-hospital,veritas-evidence-labs/,
    );
    // "Simulate exit" on a row replaces the scenario with that actor alone.
    await ranking.getByRole('button', { name: 'Simulate exit: Veritas Evidence Labs' }).click();
    await expect
      .poll(() => page.getByTestId('what-if-summary').innerText())
      .toMatch(/^If Veritas Evidence Labs leaves: /);
    await page.waitForTimeout(800);
    await ranking.scrollIntoViewIfNeeded();
    await shot('what-if-criticality');
    expect(unexpected()).toEqual([]);
  });

  it('an orchestrator saves a snapshot, changes the ecosystem, and sees the diff against now', async () => {
    await open();
    await page.goto(`/e/${ECO}/snapshots`);
    await page.getByTestId('save-snapshot').click();
    await page.getByTestId('snapshot-label').fill('Before the partner review');
    await page.getByTestId('snapshot-save').click();
    const item = page.getByTestId('snapshot-item').filter({ hasText: 'Before the partner review' });
    await item.waitFor({ timeout: 15_000 });
    // Compared with now right away: nothing changed yet.
    await page.getByTestId('diff-none').waitFor({ timeout: 30_000 });
    // A new actor and a relationship, through the API as another tab would.
    const statuses = await page.evaluate(async (eco) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const headers = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
      const a = await fetch(`/api/v1/ecosystems/${eco}/actors`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          id: 'helix-snapshot-labs',
          name: 'Helix Snapshot Labs',
          kind: 'startup',
          capabilities: ['home infusion services'],
          needs: [],
          values: [],
        }),
      });
      const r = await fetch(`/api/v1/ecosystems/${eco}/relationships`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ from: 'helix-snapshot-labs', to: 'nordgen-therapeutics', kind: 'supply' }),
      });
      return [a.status, r.status];
    }, ECO);
    expect(statuses).toEqual([201, 201]);
    await page.reload();
    const diff = page.getByTestId('diff-result');
    await diff.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('diff-actors-summary').innerText()).toMatch(/1\s+added/);
    expect(await page.getByTestId('diff-relationships-summary').innerText()).toMatch(/1\s+added/);
    expect(await diff.getByTestId('diff-added').first().innerText()).toContain('Helix Snapshot Labs');
    expect(await page.getByTestId('diff-summary').innerText()).toMatch(
      /^Since “Before the partner review · .*”: 1 actor joined, 1 relationship formed; Nordgen Therapeutics gained the most betweenness/,
    );
    expect(await page.getByTestId('diff-movers').innerText()).toMatch(/Nordgen Therapeutics/);
    await shot('snapshots-diff');
    // Comparing the other way round reads as a removal.
    await page.getByRole('button', { name: 'Swap from and to' }).click();
    await expect.poll(() => page.getByTestId('diff-actors-summary').innerText()).toMatch(/1\s+removed/);
    expect(unexpected()).toEqual([]);
  });

  it('a partner member sees the timeline but is told only orchestrators compare snapshots', async () => {
    await open(NORDGEN);
    await page.goto(`/e/${ECO}/snapshots`);
    await page
      .getByText(/only the ecosystem's orchestrators can compare them|No snapshots yet/)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('save-snapshot').count()).toBe(0);
    await shot('snapshots-member');
  });

  it('the map colours actors by community, sizes them by betweenness, highlights single points of failure and explains the metrics', async () => {
    await open();
    await page.goto(`/e/${ECO}/map`);
    // 49 demo actors, and one more once the snapshot test has added one.
    const counts = await mapCounts(page, 49);
    expect(counts.nodes).toBeGreaterThanOrEqual(49);
    const map = page.getByTestId('ecosystem-map');
    expect(await map.getAttribute('data-color-by')).toBe('kind');
    await page.getByTestId('map-color-by').getByText('Community', { exact: true }).click();
    await expect.poll(() => map.getAttribute('data-color-by')).toBe('community');
    expect(page.url()).toContain('color=community');
    expect(await page.getByTestId('community-legend-item').count()).toBeGreaterThanOrEqual(2);
    await page.getByTestId('map-size-by').click();
    await page.getByRole('option', { name: 'Betweenness' }).click();
    await expect.poll(() => map.getAttribute('data-size-by')).toBe('betweenness');
    const spof = page.getByTestId('map-highlight-spof');
    const n = /\((\d+)\)/.exec(await page.getByText(/^Single points of failure \(/).innerText())?.[1];
    expect(Number(n)).toBeGreaterThanOrEqual(3);
    await spof.click();
    await expect.poll(() => map.getAttribute('data-highlighted-count')).toBe(n);
    expect(page.url()).toContain('spof=1');
    await page.waitForTimeout(1500);
    await shot('map-community');
    // The actor panel explains every metric in a sentence, with the actor's name.
    await page.goto(`/e/${ECO}/map?focus=nordgen-therapeutics&color=community`);
    const panel = page.getByTestId('actor-panel');
    await panel.waitFor({ timeout: 30_000 });
    const betweenness = panel.getByTestId('metric-betweenness');
    await expect
      .poll(() => betweenness.innerText(), { timeout: 30_000 })
      .toMatch(
        /^Betweenness [\d.]+ — .*shortest paths between other actors pass through Nordgen Therapeutics/,
      );
    for (const k of [
      'degree',
      'degreeCentrality',
      'closeness',
      'pagerank',
      'clustering',
      'constraint',
      'effectiveSize',
      'community',
    ])
      expect(await panel.getByTestId(`metric-${k}`).count()).toBe(1);
    expect(await panel.innerText()).toMatch(/Community \d/);
    await mapCounts(page, 49);
    await page.waitForTimeout(1500);
    await shot('map-actor-panel');
    expect(unexpected()).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the Map pages, on a desktop and on a tablet', async () => {
    const report: Record<string, unknown[]> = {};
    const overflow: Record<string, number> = {};
    for (const [device, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['tablet', TABLET],
    ] as const) {
      // axe-core is injected as a script, which the app's Content-Security-Policy rightly blocks: bypass it for this audit only.
      context = await browser.newContext({ baseURL, viewport, bypassCSP: true, deviceScaleFactor: 1 });
      page = await context.newPage();
      await signIn(page, ORCHESTRATOR, DEMO_PASSWORD);
      const pages: [string, string, string][] = [
        ['analysis', `/e/${ECO}/analysis`, 'analysis-actors'],
        ['analysis-communities', `/e/${ECO}/analysis?tab=communities`, 'communities'],
        ['gaps', `/e/${ECO}/gaps`, 'gaps-unprovided'],
        [
          'what-if',
          `/e/${ECO}/what-if?actors=karolund-childrens-hospital,maritima-genomics`,
          'what-if-result',
        ],
        ['snapshots', `/e/${ECO}/snapshots`, 'snapshot-timeline'],
        ['map', `/e/${ECO}/map?color=community&spof=1&focus=nordgen-therapeutics`, 'actor-metrics'],
      ];
      for (const [name, path, testId] of pages) {
        await page.goto(path);
        // Generous: the machine running the suite may be busy with other work.
        await page.getByTestId(testId).first().waitFor({ timeout: 60_000 });
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(400);
        report[`${device}:${name}`] = await accessibilityViolations(page);
        // Nothing wider than the window: a page may scroll down, never sideways.
        overflow[`${device}:${name}`] = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        if (device === 'tablet' || name === 'snapshots') await shot(`${device}-${name}`);
      }
      await context.close();
      context = undefined;
    }
    const failing = Object.fromEntries(Object.entries(report).filter(([, v]) => v.length > 0));
    expect(failing).toEqual({});
    expect(Object.entries(overflow).filter(([, px]) => px > 0)).toEqual([]);
  }, 300_000);
});
