/**
 * Monitor in a real browser, on the demo (server started here with --demo on
 * a random port and a fresh embedded store): the portfolio dashboard lists the
 * demo partnerships with their scores; a partnership's health score and
 * signals; a member answers a health check, the orchestrator closes it and
 * sees the perception gap; the executive report opens and downloads as PDF.
 * Every test saves screenshots in test-results/screenshots/ and runs axe-core.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const STRATOCLOUD = 'member@stratocloud.demo.valueweb.local';
const PILOT = 'cell-therapy-data-pilot';
const DEMO_PARTNERSHIPS = [
  'newborn-screening-consortium',
  'gene-therapy-access-ppp',
  'rwd-platform-alliance',
  'iberian-care-pathway-programme',
];

const ready = existsSync(CHROMIUM) && existsSync(join(REPO, 'packages/web/dist/index.html'));
if (!ready && process.env.CI)
  throw new Error('browser tests need /usr/bin/chromium and a built web app (npm run build)');

let demo: DemoServer | undefined;
let baseURL = '';
let browser: Browser;

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `monitor-${name}.png`), fullPage });
}

/** A signed-in page. axe-core is injected as a script, which the app's CSP rightly blocks, so audited contexts bypass it. */
async function as(
  email: string,
  opts: { bypassCSP?: boolean; viewport?: { width: number; height: number }; next?: string } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    baseURL,
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    bypassCSP: opts.bypassCSP ?? true,
    acceptDownloads: true,
  });
  // The machine running the tests may be busy: be patient rather than flaky.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await signIn(page, email, PASSWORD, opts.next ?? '/');
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

/** expect.poll with room for a busy machine. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 250 });

const relevant = (problems: string[]) => problems.filter((p) => !p.includes('status of 401'));

describe.skipIf(!ready)('monitor pages in Chromium', () => {
  beforeAll(async () => {
    demo = await startDemoServer('monitor');
    baseURL = demo.baseURL;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('the portfolio dashboard lists the demo partnerships with their scores, and filters them', async () => {
    const { context, page, problems } = await as(ORCHESTRATOR);
    await page.goto(`/e/${ECO}`);
    await page.getByTestId('nav-portfolio').click();
    await page.waitForURL(`**/e/${ECO}/portfolio`);
    const rows = page.getByTestId('portfolio-row');
    await poll(() => rows.count()).toBe(4);
    const seen = await rows.evaluateAll((els) =>
      els.map((e) => ({
        id: e.getAttribute('data-partnership'),
        score: Number(e.getAttribute('data-score')),
        rag: e.getAttribute('data-rag'),
      })),
    );
    expect(seen.map((s) => s.id).sort()).toEqual([...DEMO_PARTNERSHIPS].sort());
    for (const s of seen) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(100);
    }
    expect(seen.find((s) => s.id === 'gene-therapy-access-ppp')!.rag).toBe('red');
    const gene = rows.filter({ hasText: 'Gene Therapy Access Partnership' });
    await poll(() => gene.getByText('Critical', { exact: true }).count()).toBe(3);
    expect(await gene.getByText(/^\+\d+ more$/).count()).toBe(1);
    expect(await gene.getByTestId('score-sparkline').count()).toBe(1);
    await poll(() => page.getByTestId('portfolio-summary').innerText()).toMatch(/Partnerships\s*4/i);
    await shot(page, 'portfolio');
    const a11y = await accessibilityViolations(page);

    // Filters: the red ones, then by signal kind; kept in the URL.
    await page.getByText(/^Red \(1\)$/).click();
    await poll(() => rows.count()).toBe(1);
    expect(page.url()).toContain('rag=red');
    await shot(page, 'portfolio-filtered');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await poll(() => rows.count()).toBe(4);

    // A tablet in portrait.
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.waitForTimeout(400);
    await shot(page, 'portfolio-tablet');
    expect(a11y).toEqual([]);
    expect(relevant(problems)).toEqual([]);
    await context.close();
  }, 180_000);

  it("shows a partnership's health score with every component explained and its signals", async () => {
    const { context, page, problems } = await as(ORCHESTRATOR);
    await page.goto(`/e/${ECO}/partnerships/gene-therapy-access-ppp/health`);
    await page.getByTestId('health-tab').waitFor({ timeout: 20_000 });
    const score = Number(await page.getByTestId('health-score').innerText());
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThan(50);
    expect(await page.getByTestId('health-components').locator('tbody tr').count()).toBe(7);
    expect(await page.getByTestId('health-components').innerText()).toMatch(/Weight 0.25/);
    await poll(() => page.getByTestId('signal').count()).toBeGreaterThan(3);
    expect(await page.locator('[data-testid=signal][data-kind=perception-gap]').innerText()).toMatch(
      /Recommended action:/,
    );
    await shot(page, 'health-tab');
    await shot(page, 'health-tab-full', true);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The demo's closed cycle: five organizations, and Rare Voices Europe sees far less value and trust.
    await page.getByTestId('partnership-tab-health-checks').click();
    const gap = page.getByTestId('perception-gap');
    await gap.waitFor();
    expect(await gap.innerText()).toMatch(
      /Value creation: Rare Voices Europe scores 2, Nordgen Therapeutics 5 \(gap 3\)/,
    );
    expect(await page.getByTestId('cycle-table').locator('tbody tr').count()).toBe(6);
    await shot(page, 'demo-health-check');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(relevant(problems)).toEqual([]);
    await context.close();
  }, 180_000);

  it('a member answers a health check; the orchestrator closes it and sees the perception gap', async () => {
    // A partnership of the two demo member organizations, so two partners can answer.
    const orch = await as(ORCHESTRATOR);
    const created = await apiCall(orch.page, 'POST', `/ecosystems/${ECO}/partnerships`, {
      id: PILOT,
      name: 'Cell Therapy Data Pilot',
      purpose: 'Test whether cloud analytics shorten the time from manufacturing batch to release.',
      stage: 'pilot',
      members: [
        { actor: 'nordgen-therapeutics', role: 'sponsor' },
        { actor: 'stratocloud-systems', role: 'platform' },
      ],
    });
    expect(created.status).toBe(201);
    await orch.page.goto(`/e/${ECO}/partnerships/${PILOT}/health-checks`);
    await orch.page.getByTestId('start-cycle').click();
    await orch.page.getByTestId('start-cycle-form').waitFor();
    await shot(orch.page, 'start-cycle');
    expect(await accessibilityViolations(orch.page)).toEqual([]);
    await orch.page.getByTestId('start-cycle-submit').click();
    await orch.page.getByTestId('open-cycle').waitFor({ timeout: 60_000 });
    expect(await orch.page.getByTestId('awaiting').count()).toBe(2);

    // Nordgen's member finds it on the list to answer and answers for Nordgen.
    const ng = await as(NORDGEN);
    await ng.page.goto(`/e/${ECO}/portfolio`);
    await ng.page.getByTestId('to-answer').waitFor({ timeout: 60_000 });
    expect(await ng.page.getByTestId('to-answer').innerText()).toMatch(/Cell Therapy Data Pilot/);
    await shot(ng.page, 'to-answer');
    await ng.page.getByTestId('to-answer-link').first().click();
    await ng.page.getByTestId('answer-cycle').click();
    const form = ng.page.getByTestId('answer-form');
    await form.waitFor();
    // Submitting with nothing scored names every dimension still to score.
    await ng.page.getByTestId('answer-submit').click();
    await poll(() => form.getByText('Give a score from 1 to 5').count()).toBe(6);
    for (const dim of [
      'strategic-fit',
      'trust',
      'communication',
      'governance',
      'value-creation',
      'operational-execution',
    ]) {
      await ng.page.getByTestId(`score-${dim}`).getByText('5', { exact: true }).click();
    }
    await ng.page.getByTestId('comment-trust').fill('Stratocloud shares data early and openly.');
    await shot(ng.page, 'answer-form');
    expect(await accessibilityViolations(ng.page)).toEqual([]);
    await ng.page.getByTestId('answer-submit').click();
    await form.waitFor({ state: 'detached', timeout: 60_000 });
    await poll(() => ng.page.getByTestId('answer-cycle').innerText()).toMatch(/Change your answers/);
    expect(await ng.page.getByTestId('respondent').count()).toBe(1);
    expect(relevant(ng.problems)).toEqual([]);

    // Stratocloud sees it very differently (answered through the API).
    const sc = await as(STRATOCLOUD);
    const cycle = (
      (await apiCall(sc.page, 'GET', `/ecosystems/${ECO}/health-checks/to-answer`)).json as {
        items: { cycle: string }[];
      }
    ).items[0]!.cycle;
    const answered = await apiCall(
      sc.page,
      'PUT',
      `/ecosystems/${ECO}/partnerships/${PILOT}/health-checks/${cycle}/answers/stratocloud-systems`,
      {
        answers: [
          { dimension: 'strategic-fit', score: 4 },
          { dimension: 'trust', score: 2, comment: 'Decisions about our platform are taken without us.' },
          { dimension: 'communication', score: 2 },
          { dimension: 'governance', score: 1 },
          { dimension: 'value-creation', score: 3 },
          { dimension: 'operational-execution', score: 4 },
        ],
      },
    );
    expect(answered.status).toBe(200);
    // While open, Nordgen still sees no scores of Stratocloud.
    await ng.page.reload();
    await ng.page.getByTestId('open-cycle').waitFor();
    expect(await ng.page.getByText('Decisions about our platform').count()).toBe(0);
    await sc.context.close();
    await ng.context.close();

    // The orchestrator closes the cycle and sees the perception gap.
    await orch.page.reload();
    await orch.page.getByTestId('open-cycle').waitFor();
    await poll(() => orch.page.getByTestId('respondent').count()).toBe(2);
    await orch.page.getByTestId('close-cycle').click();
    await orch.page.getByTestId('confirm-close-cycle').click();
    const gap = orch.page.getByTestId('perception-gap');
    await gap.waitFor({ timeout: 60_000 });
    const text = await gap.innerText();
    expect(text).toMatch(
      /Governance effectiveness: Stratocloud Systems scores 1, Nordgen Therapeutics 5 \(gap 4\)/,
    );
    expect(text).toMatch(/Trust: Stratocloud Systems scores 2, Nordgen Therapeutics 5 \(gap 3\)/);
    expect(await orch.page.getByTestId('cycle-table').locator('tbody tr').count()).toBe(3);
    expect(await orch.page.getByText('Decisions about our platform are taken without us.').count()).toBe(1);
    await orch.page.getByTestId('closed-cycle').scrollIntoViewIfNeeded();
    await shot(orch.page, 'perception-gap');
    await shot(orch.page, 'health-checks-full', true);
    expect(await accessibilityViolations(orch.page)).toEqual([]);
    // Closing twice is refused with a clear reason.
    const again = await apiCall(
      orch.page,
      'POST',
      `/ecosystems/${ECO}/partnerships/${PILOT}/health-checks/${cycle}/close`,
    );
    expect(again.status).toBe(409);
    expect(relevant(orch.problems)).toEqual([]);
    await orch.context.close();
  }, 240_000);

  it('the executive report opens in the app, leads with what needs attention, and downloads as PDF', async () => {
    // Under the real Content-Security-Policy: the report page and its frame must not break it.
    const { context, page, problems } = await as(ORCHESTRATOR, { bypassCSP: false });
    await page.goto(`/e/${ECO}/portfolio`);
    await page.getByTestId('open-report').click();
    await page.waitForURL(`**/e/${ECO}/report`);
    const frame = page.frameLocator('[data-testid=report-frame]');
    await frame.locator('#attention').waitFor({ timeout: 30_000 });
    expect(await frame.locator('#attention h2').innerText()).toBe('What needs attention');
    expect(await frame.locator('#attention li[data-severity=critical]').count()).toBeGreaterThan(0);
    expect(await frame.locator('h1').innerText()).toMatch(
      /European Rare Disease Ecosystem: portfolio report/,
    );
    expect(await frame.locator('svg[role=img]').count()).toBeGreaterThan(3);
    await shot(page, 'report');

    // One partnership.
    await page.getByTestId('report-scope').click();
    await page.getByRole('option', { name: 'Gene Therapy Access Partnership' }).click();
    await poll(() => frame.locator('h1').innerText()).toMatch(
      /Gene Therapy Access Partnership: executive report/,
    );
    await frame.locator('#health').waitFor();
    await shot(page, 'report-partnership');

    // The PDF the download button points at.
    const href = await page.getByTestId('download-pdf').getAttribute('href');
    expect(href).toContain('partnership=gene-therapy-access-ppp');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('download-pdf').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^gene-therapy-access-ppp-report-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = join(tmpdir(), `valueweb-monitor-${process.pid}-report.pdf`);
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    rmSync(file, { force: true });
    expect(relevant(problems)).toEqual([]);
    await context.close();

    const audited = await as(ORCHESTRATOR, { next: '/' });
    await audited.page.goto(`/e/${ECO}/report`);
    await audited.page
      .frameLocator('[data-testid=report-frame]')
      .locator('#attention')
      .waitFor({ timeout: 30_000 });
    expect(await accessibilityViolations(audited.page)).toEqual([]);
    await audited.context.close();
  }, 240_000);
});
