/**
 * Browser-test support: Debian's Chromium driven by playwright-core (no
 * browser is ever downloaded), signing in, and reading the map's DOM hooks.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where Debian installs Chromium (`apt-get install chromium`). */
export const CHROMIUM = process.env.VALUEWEB_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a quiet, headless, sandbox-free run; WebGL falls back to SwiftShader (software). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches Debian's Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page of the given size (1280×800 desktop by default; 820×1180 is an iPad Air in portrait). */
export async function newPage(
  browser: Browser,
  baseURL: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  return { context, page };
}

/**
 * Collects console errors and page errors (CSP violations show up as console
 * errors). Chromium also logs every 4xx answer as "Failed to load resource";
 * those are API answers the app handles (401 from /auth/me before signing in,
 * 400 with field problems, 404 for a missing item), so they are not counted.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
    problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** Signs in through the login page and waits for the ecosystems list (or `next`). */
export async function signIn(page: Page, email: string, password: string, next = '/'): Promise<void> {
  await page.goto(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === next, { timeout: 15_000 });
}

/** Waits until the ecosystem map holds `at least` nodes and returns the counts from its data attributes. */
export async function mapCounts(
  page: Page,
  atLeast = 1,
  timeout = 30_000,
): Promise<{ nodes: number; edges: number; visibleNodes: number; renderer: string }> {
  const map = page.getByTestId('ecosystem-map');
  await map.waitFor({ timeout });
  await page.waitForFunction(
    (n) =>
      Number(document.querySelector('[data-testid="ecosystem-map"]')?.getAttribute('data-node-count') ?? 0) >=
      n,
    atLeast,
    { timeout },
  );
  const attr = async (name: string) => (await map.getAttribute(name)) ?? '';
  return {
    nodes: Number(await attr('data-node-count')),
    edges: Number(await attr('data-edge-count')),
    visibleNodes: Number(await attr('data-visible-node-count')),
    renderer: await attr('data-renderer'),
  };
}

/** Waits for the map's force layout to finish. */
export async function mapLayoutDone(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="ecosystem-map"]')?.getAttribute('data-layout') === 'done',
    undefined,
    { timeout },
  );
}

/** Runs axe-core on the page and returns the serious and critical violations. */
export async function accessibilityViolations(
  page: Page,
): Promise<{ id: string; impact: string | null; help: string; nodes: number }[]> {
  const { createRequire } = await import('node:module');
  const { readFileSync } = await import('node:fs');
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  // Evaluated through the DevTools protocol: a <script> tag would be refused by the page's CSP.
  if (!(await page.evaluate('typeof window.axe === "object"')))
    await page.evaluate(`${readFileSync(axePath, 'utf8')}\n;void 0`);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: unknown,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[];
          }>;
        };
      }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
}
