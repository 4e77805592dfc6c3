/**
 * Obligations in a real browser, on the demo (startDemoServer: --demo on a
 * random port, a fresh embedded store, no agent schedule): the Registers tab
 * shows "overdue" and "due soon" badges (an obligation due in five days is
 * added for the test, so it holds on any day) and a recurring obligation's
 * next due date; a member marks a monthly obligation done and sees it roll
 * forward from Nov 30 to Dec 31; the monitoring agent's reminders appear in
 * the alerts inbox and lead back to the register. Screenshots in
 * test-results/screenshots/, axe-core on a desktop and on a tablet.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, CHROMIUM, launchBrowser, signIn, watchProblems } from './helpers.ts';
import { startDemoServer, type DemoServer } from './demo-server.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SHOTS = join(REPO, 'test-results/screenshots');
const ECO = 'rare-disease-ecosystem';
const GENE = 'gene-therapy-access-ppp';
const PASSWORD = 'valueweb-demo-2026';
const ORCHESTRATOR = 'orchestrator@demo.valueweb.local';
const NORDGEN = 'member@nordgen.demo.valueweb.local';
const REGISTERS = `/e/${ECO}/partnerships/${GENE}/registers`;

const ready = existsSync(CHROMIUM) && existsSync(join(REPO, 'packages/web/dist/index.html'));
if (!ready && process.env.CI)
  throw new Error('browser tests need /usr/bin/chromium and a built web app (npm run build)');

let demo: DemoServer | undefined;
let baseURL = '';
let browser: Browser;
const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `obligations-${name}.png`), fullPage: true });
}

async function as(
  email: string,
  next: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL, viewport, deviceScaleFactor: 1, bypassCSP: true });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await signIn(page, email, PASSWORD, next);
  return { context, page, problems };
}

/** A JSON API call with the page's session (and its CSRF token). */
async function apiCall(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const r = await fetch(`/api/v1${path}`, {
        method,
        headers: {
          'x-csrf-token': me.csrfToken,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: r.status, json: (await r.json().catch(() => null)) as unknown };
    },
    { method, path, body },
  );
}

async function axeOk(page: Page): Promise<void> {
  await page.waitForTimeout(400);
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** Problems other than the 401 the app expects from /auth/me before signing in. */
const relevant = (problems: string[]) => problems.filter((p) => !p.includes('status of 401'));

describe.skipIf(!ready)('obligations in Chromium', () => {
  beforeAll(async () => {
    demo = await startDemoServer('obligations', { VALUEWEB_AGENT_INTERVAL: '0' });
    baseURL = demo.baseURL;
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('a member sees the due-soon and overdue badges and marks a monthly obligation done: it rolls forward to its next due date', async () => {
    const { context, page, problems } = await as(NORDGEN, REGISTERS);
    try {
      const added = await apiCall(
        page,
        'POST',
        `/ecosystems/${ECO}/partnerships/${GENE}/records/obligations`,
        {
          id: 'e2e-due-soon',
          from: 'nordgen-therapeutics',
          to: 'norrland-health-fund',
          what: 'Interim safety summary',
          due: isoDay(5),
          status: 'open',
        },
      );
      expect(added.status).toBe(201);
      await page.reload();
      const table = page.getByTestId('obligations-table');
      await table.waitFor();
      const row = (text: string) => table.getByTestId('register-row').filter({ hasText: text });
      // Marked overdue in the demo: the overdue badge, in red.
      await row('Outcomes report').getByTestId('obligation-overdue').waitFor();
      expect(await row('Outcomes report').getAttribute('data-overdue')).toBe('true');
      // Due in five days: due soon, with the day count.
      await row('Interim safety summary').getByTestId('obligation-due-soon').waitFor();
      expect(await row('Interim safety summary').innerText()).toMatch(/in 5 days/);
      expect(await row('Interim safety summary').getByTestId('obligation-overdue').count()).toBe(0);
      // A recurring one shows its next due date; the rule is spelled out under the table.
      expect(await row('Batch release certificates').getByTestId('obligation-next-due').innerText()).toBe(
        'then 2026-12-31',
      );
      expect(await page.getByTestId('obligations-rule').innerText()).toMatch(
        /from 14 days before its due date/,
      );
      await shot(page, 'badges');
      await axeOk(page);

      // Mark the monthly certificates done: the dialog says what will happen.
      await row('Batch release certificates').getByTestId('obligation-mark-done').click();
      const dialog = page.getByTestId('mark-done-form');
      await dialog.waitFor();
      expect(await dialog.getByTestId('mark-done-outcome').innerText()).toMatch(
        /recurs monthly: once done, the next one is due 2026-12-31/,
      );
      expect(await dialog.getByTestId('mark-done-on').inputValue()).toBe(isoDay(0));
      await shot(page, 'mark-done-dialog');
      await axeOk(page);
      await dialog.getByTestId('mark-done-confirm').click();
      await page
        .getByText(/the next one is due 2026-12-31/)
        .first()
        .waitFor();
      const certificates = row('Batch release certificates');
      await expect
        .poll(() => certificates.innerText(), { timeout: 15_000 })
        .toMatch(/2026-12-31[\s\S]*then 2027-01-31[\s\S]*last done/);
      expect(await certificates.innerText()).toMatch(/Open/);
      await shot(page, 'rolled-forward');
      expect(relevant(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('the reminders are in the alerts inbox and lead to the register; the register works on a tablet', async () => {
    const { context, page, problems } = await as(ORCHESTRATOR, `/e/${ECO}/alerts`);
    try {
      const ran = await apiCall(page, 'POST', `/ecosystems/${ECO}/agent/run`);
      expect(ran.status).toBe(200);
      await page.reload();
      const overdue = page
        .getByTestId('alert')
        .filter({ hasText: 'Outcomes report for every treated patient' });
      await overdue.first().waitFor();
      expect(await overdue.first().getAttribute('data-kind')).toBe('obligation-overdue');
      expect(await overdue.first().innerText()).toMatch(
        /Nordgen Therapeutics owes Norrland Regional Health Fund: Outcomes report for every treated patient/,
      );
      expect(await overdue.first().innerText()).toMatch(/Recommended action:[\s\S]*renegotiate the due date/);
      const soon = page.getByTestId('alert').filter({ hasText: 'Interim safety summary' });
      expect(await soon.first().getAttribute('data-kind')).toBe('obligation-due');
      await shot(page, 'inbox');
      await axeOk(page);
      await soon
        .first()
        .getByRole('link', { name: /Gene Therapy/i })
        .click();
      await page.waitForURL((u) => u.pathname === REGISTERS);
      await page.getByTestId('obligations-table').waitFor();
      expect(relevant(problems)).toEqual([]);
    } finally {
      await context.close();
    }
    const tablet = await as(NORDGEN, REGISTERS, { width: 820, height: 1180 });
    try {
      await tablet.page.getByTestId('obligations-table').getByTestId('obligation-due-soon').first().waitFor();
      await shot(tablet.page, 'tablet');
      await axeOk(tablet.page);
    } finally {
      await tablet.context.close();
    }
  }, 120_000);
});
