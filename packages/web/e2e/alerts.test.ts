/**
 * The monitoring agent, alerts and webhooks in a real browser, on the demo
 * (server started here with --demo on a random port, a fresh embedded store,
 * no agent schedule, private webhook addresses allowed as the tests need):
 * the orchestrator runs the agent, sees the alerts in the inbox with why and
 * what to do, acknowledges one; adds a webhook to a local receiver, copies
 * its secret, sends a test event and sees the delivery in the log (and a
 * failing receiver's 500 with its retry). A member sees the alerts but not
 * the webhook settings. Screenshots in test-results/screenshots/, axe-core
 * on every page.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, CHROMIUM, launchBrowser, signIn, watchProblems } from './helpers.ts';
import { startDemoServer, type DemoServer } from './demo-server.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SHOTS = join(REPO, 'test-results/screenshots');
const ECO = 'rare-disease-ecosystem';
const PASSWORD = 'valueweb-demo-2026';
const ORCHESTRATOR = 'orchestrator@demo.valueweb.local';
const NORDGEN = 'member@nordgen.demo.valueweb.local';

const ready = existsSync(CHROMIUM) && existsSync(join(REPO, 'packages/web/dist/index.html'));
if (!ready && process.env.CI)
  throw new Error('browser tests need /usr/bin/chromium and a built web app (npm run build)');

let demo: DemoServer | undefined;
let baseURL = '';
let browser: Browser;

interface Hit {
  body: string;
  signature: string;
  event: string;
}
/** A local webhook receiver answering `status`. */
async function receiver(status: number): Promise<{ url: string; hits: Hit[]; server: Server }> {
  const hits: Hit[] = [];
  const srv = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({
        body,
        signature: String(req.headers['x-valueweb-signature'] ?? ''),
        event: String(req.headers['x-valueweb-event'] ?? ''),
      });
      res.writeHead(status).end(status < 300 ? 'ok' : 'receiver failing');
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/valueweb-hook`, hits, server: srv };
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `alerts-${name}.png`), fullPage });
}

/** A signed-in page (axe is injected by evaluation, which the app's CSP would block: audited contexts bypass it). */
async function as(
  email: string,
  next: string,
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    deviceScaleFactor: 1,
    bypassCSP: true,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  context.setDefaultTimeout(60_000);
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
  await page.waitForTimeout(400); // let notifications finish fading in
  const v = await accessibilityViolations(page);
  if (v.length) {
    const detail = await page.evaluate(
      async (ids) => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                d: Document,
                o: unknown,
              ) => Promise<{ violations: { id: string; nodes: { target: string[]; html: string }[] }[] }>;
            };
          }
        ).axe;
        const r = await axe.run(document, { runOnly: ids });
        return r.violations.map((x) => ({
          id: x.id,
          nodes: x.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 200)}`),
        }));
      },
      v.map((x) => x.id),
    );
    console.log('AXE', JSON.stringify(detail, null, 1));
  }
  expect(v).toEqual([]);
}

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 250 });
const count = async (page: Page) =>
  Number(
    (await page
      .getByTestId('alert-count')
      .getAttribute('data-count')
      .catch(() => '0')) ?? 0,
  );

describe.skipIf(!ready)('alerts and webhooks in Chromium', () => {
  const receivers: Server[] = [];
  beforeAll(async () => {
    demo = await startDemoServer('alerts', {
      VALUEWEB_AGENT_INTERVAL: '0',
      VALUEWEB_WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    baseURL = demo.baseURL;
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    for (const r of receivers) r.close();
    await demo?.stop();
  });

  it('the orchestrator runs the agent on the demo, reads why each alert was raised, and acknowledges one', async () => {
    const { context, page, problems } = await as(ORCHESTRATOR, `/e/${ECO}/alerts`);
    try {
      await page.getByTestId('agent-status').getByText('It has not run on this ecosystem yet.').waitFor();
      await page.getByText('No open alerts').waitFor();
      await shot(page, 'empty');
      await page.getByTestId('run-agent').first().click();
      await page.getByText('The agent ran').waitFor();
      const cards = page.getByTestId('alert');
      await poll(() => cards.count()).toBeGreaterThan(3);
      await page
        .getByTestId('agent-last-run')
        .getByText(/Last run .* on request: 4 partnerships checked/)
        .waitFor();
      // Most severe first; each card says why and what to do.
      expect(await cards.first().getAttribute('data-severity')).toBe('critical');
      const gene = cards.filter({ hasText: 'Gene therapy' }).filter({ hasText: 'Decision gridlock' });
      await expect(gene.count()).resolves.toBe(1);
      await expect(gene.getByText('Rule:').count()).resolves.toBe(1);
      await expect(gene.getByText('Recommended action:').count()).resolves.toBe(1);
      await expect(gene.getByText(/past deadline and still open/).count()).resolves.toBe(1);
      const before = await count(page);
      expect(before).toBe(await cards.count());
      // The navigation shows the unread count.
      await page.getByTestId('nav-alerts').scrollIntoViewIfNeeded();
      await expect(page.getByTestId('nav-alerts').getByTestId('alert-count').textContent()).resolves.toMatch(
        new RegExp(`^${before} open alerts`),
      );
      await page.screenshot({
        path: join(SHOTS, 'alerts-nav-badge.png'),
        clip: { x: 0, y: 60, width: 260, height: 740 },
      });
      await axeOk(page);
      await shot(page, 'inbox');
      await shot(page, 'inbox-full', true);

      // Acknowledge the gridlock alert with a note.
      await gene.getByTestId('acknowledge').click();
      await page.getByTestId('acknowledge-note').fill('Steering committee takes both decisions on Friday.');
      await shot(page, 'acknowledge-dialog');
      await axeOk(page);
      await page.getByTestId('acknowledge-confirm').click();
      await page.getByText('Acknowledged', { exact: true }).first().waitFor();
      await poll(() =>
        cards.filter({ hasText: 'Decision gridlock' }).filter({ hasText: 'Gene therapy' }).count(),
      ).toBe(0);
      await poll(() => count(page)).toBe(before - 1);
      await page
        .getByTestId('alert-view')
        .getByText(/^Acknowledged/)
        .click();
      const acked = page.getByTestId('alert').filter({ hasText: 'Decision gridlock' });
      await acked.getByText('Steering committee takes both decisions on Friday.', { exact: false }).waitFor();
      await expect(acked.getByText(/Acknowledged by/).count()).resolves.toBe(1);
      expect(await acked.getAttribute('data-status')).toBe('acknowledged');
      await shot(page, 'acknowledged');

      // Filters: only critical ones.
      await page.getByTestId('alert-view').getByText('All active').click();
      await page.getByRole('combobox', { name: 'Severity' }).click();
      await page.getByRole('option', { name: 'Critical' }).click();
      await poll(async () => {
        const sev = await page
          .getByTestId('alert')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
        return sev.length > 0 && sev.every((s) => s === 'critical');
      }).toBe(true);
      expect(relevant(problems)).toEqual([]);
    } catch (e) {
      await shot(
        page,
        `failure-${expect.getState().currentTestName?.slice(-20).replace(/\W+/g, '-') ?? 'x'}`,
      );
      throw e;
    } finally {
      await context.close();
    }
  }, 240_000);

  it('a member sees the alerts, acknowledges only those of its partnerships, and has no webhook settings', async () => {
    const { context, page, problems } = await as(NORDGEN, `/e/${ECO}/alerts`, { width: 820, height: 1180 });
    try {
      await poll(() => page.getByTestId('alert').count()).toBeGreaterThan(0);
      await expect(page.getByTestId('run-agent').count()).resolves.toBe(0);
      const buttons = await page.getByTestId('acknowledge').count();
      const cards = await page.getByTestId('alert').count();
      expect(buttons).toBeLessThan(cards);
      await axeOk(page);
      await shot(page, 'member-tablet');
      await page.goto(`/e/${ECO}/webhooks`);
      await page.getByText('Orchestrators manage webhooks').waitFor();
      expect(relevant(problems)).toEqual([]);
    } catch (e) {
      await shot(
        page,
        `failure-${expect.getState().currentTestName?.slice(-20).replace(/\W+/g, '-') ?? 'x'}`,
      );
      throw e;
    } finally {
      await context.close();
    }
  }, 240_000);

  it('the orchestrator adds a webhook, keeps its secret, sends a test event and sees the delivery and a failing receiver in the log', async () => {
    const ok = await receiver(200);
    const failing = await receiver(500);
    receivers.push(ok.server, failing.server);
    const { context, page, problems } = await as(ORCHESTRATOR, `/e/${ECO}/webhooks`);
    try {
      await page.getByText('No webhook endpoints').waitFor();
      await axeOk(page);
      await shot(page, 'webhooks-empty');

      // A bad URL is refused next to the field, nothing is added.
      await page.getByTestId('add-webhook').click();
      await page.getByTestId('webhook-url').fill('ftp://example.org/hook');
      await page.getByTestId('webhook-save').click();
      await page.getByText(/expected an http:\/\/ or https:\/\/ URL/).waitFor();
      await shot(page, 'webhook-bad-url');

      await page.getByTestId('webhook-url').fill(ok.url);
      await page.getByLabel('Description').fill('Alliance team channel');
      await page.getByTestId('webhook-save').click();
      const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
      expect(secret).toMatch(/^whsec_/);
      await axeOk(page);
      await shot(page, 'webhook-secret');
      await page.getByTestId('secret-done').click();

      const card = page.getByTestId('webhook-endpoint').filter({ hasText: ok.url });
      await card.getByTestId('send-test').click();
      const row = card.getByTestId('delivery').first();
      await poll(() => row.getAttribute('data-status')).toBe('delivered');
      expect(await row.getAttribute('data-code')).toBe('200');
      // The receiver got it, signed with the secret shown once.
      await poll(() => ok.hits.length).toBeGreaterThan(0);
      const hit = ok.hits[0]!;
      expect(hit.event).toBe('webhook.test');
      expect(hit.signature).toBe(`sha256=${createHmac('sha256', secret).update(hit.body).digest('hex')}`);

      // A second endpoint whose receiver answers 500: the log shows the status code and the retry.
      await page.getByTestId('add-webhook').click();
      await page.getByTestId('webhook-url').fill(failing.url);
      await page.getByTestId('webhook-save').click();
      await page.getByTestId('secret-done').click();
      const bad = page.getByTestId('webhook-endpoint').filter({ hasText: failing.url });
      await bad.getByTestId('send-test').click();
      const badRow = bad.getByTestId('delivery').first();
      await poll(() => badRow.getAttribute('data-code')).toBe('500');
      expect(await badRow.getAttribute('data-status')).toBe('pending');
      await badRow.getByText(/retry in \d+ s/).waitFor();
      await expect(bad.getByText(/the receiver answered 500/).count()).resolves.toBeGreaterThan(0);
      await axeOk(page);
      await shot(page, 'webhooks-log', true);

      // A change raises a new alert: the agent runs a few seconds after it, and the alert is delivered, signed.
      for (const id of ['late-1', 'late-2']) {
        const r = await apiCall(
          page,
          'POST',
          `/ecosystems/${ECO}/partnerships/rwd-platform-alliance/records/decisions`,
          {
            id,
            title: `Data access terms ${id}`,
            opened: '2026-03-01',
            deadline: '2026-06-30',
            status: 'open',
          },
        );
        expect(r.status, JSON.stringify(r.json)).toBe(201);
      }
      await poll(() => ok.hits.filter((h) => h.event === 'alert.raised').length).toBeGreaterThan(0);
      const raised = ok.hits.find((h) => h.event === 'alert.raised')!;
      expect(raised.signature).toBe(
        `sha256=${createHmac('sha256', secret).update(raised.body).digest('hex')}`,
      );
      const body = JSON.parse(raised.body) as {
        alert: { partnershipId: string; kind: string; why: { evidence: string[]; action: string } };
        ecosystem: { id: string };
      };
      expect(body).toMatchObject({
        ecosystem: { id: ECO },
        alert: { partnershipId: 'rwd-platform-alliance', kind: 'decision-gridlock' },
      });
      await card.getByTestId('show-log').click();
      await poll(() =>
        card.getByTestId('delivery').filter({ hasText: 'Alert raised' }).count(),
      ).toBeGreaterThan(0);
      expect(
        await card
          .getByTestId('delivery')
          .filter({ hasText: 'Alert raised' })
          .first()
          .getAttribute('data-status'),
      ).toBe('delivered');
      await shot(page, 'webhooks-alert-delivered', true);
      // On a tablet the log scrolls sideways inside its card; the page stays usable.
      await page.setViewportSize({ width: 820, height: 1180 });
      await axeOk(page);
      await shot(page, 'webhooks-tablet');
      expect(relevant(problems)).toEqual([]);
    } catch (e) {
      await shot(
        page,
        `failure-${expect.getState().currentTestName?.slice(-20).replace(/\W+/g, '-') ?? 'x'}`,
      );
      throw e;
    } finally {
      await context.close();
    }
  }, 240_000);
});

/** Chromium logs handled 4xx answers (the bad URL's 400) as console errors; those are expected here. */
function relevant(problems: string[]): string[] {
  return problems.filter((p) => !/status of (400|401|409)/.test(p));
}
