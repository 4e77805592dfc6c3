/**
 * Discover in a real browser (Debian's Chromium via playwright-core) against
 * the server started here with the demo: the candidates page ranks and a
 * weight slider re-ranks live; the portfolio recommender shows picks; a
 * pipeline entry moves a stage; the readiness questionnaire shows the seed's
 * guidance and scores as you answer. Each test saves a screenshot in
 * test-results/screenshots/ and runs axe-core (no serious or critical violations).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  CHROMIUM,
  launchBrowser,
  newPage,
  signIn,
  watchProblems,
} from './helpers.ts';
import { startDemoServer, type DemoServer } from './demo-server.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SHOTS = join(REPO, 'test-results/screenshots');
const ECO = 'rare-disease-ecosystem';
const PASSWORD = 'valueweb-demo-2026';
const ORCHESTRATOR = 'orchestrator@demo.valueweb.local';
const NORDGEN = 'member@nordgen.demo.valueweb.local';
const STRATOCLOUD = 'member@stratocloud.demo.valueweb.local';
const D = `/e/${ECO}/discover`;

const ready = existsSync(CHROMIUM) && existsSync(join(REPO, 'packages/web/dist/index.html'));
if (!ready && process.env.CI)
  throw new Error('browser tests need /usr/bin/chromium and a built web app (npm run build)');

let demo: DemoServer | undefined;
let baseURL = '';
let browser: Browser;
let page: Page;
let problems: string[] = [];

async function shot(name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // Let drawers and notifications settle; from the top, so the fixed header stays at the top of a full-page shot.
  await page.waitForTimeout(400);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function axeDebug(): Promise<void> {
  const r = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            d: Document,
            o: unknown,
          ) => Promise<{
            violations: {
              id: string;
              impact: string;
              nodes: { target: string[]; html: string; failureSummary: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    const res = await axe.run(document, { resultTypes: ['violations'] });
    return res.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        nodes: v.nodes
          .slice(0, 6)
          .map((n) => [n.target.join(' '), n.html.slice(0, 200), n.failureSummary.slice(0, 300)]),
      }));
  });
  console.log('AXE', JSON.stringify(r, null, 1));
}

const ranking = async () =>
  page.getByTestId('candidate-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-candidate')));

describe.skipIf(!ready)('Discover in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    demo = await startDemoServer('discover');
    baseURL = demo.baseURL;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  const open = async (viewport?: { width: number; height: number }) => {
    ({ page } = await newPage(browser, baseURL, viewport));
    // The machine is shared: give a loaded CPU time to load the app before a step counts as failed.
    page.setDefaultTimeout(60_000);
    problems = watchProblems(page);
  };
  afterEach(async () => {
    await page?.context().close();
  });

  it('the candidates page ranks, shows each score’s terms, and a weight slider re-ranks live', async () => {
    await open();
    await signIn(page, ORCHESTRATOR, PASSWORD);
    await page.goto(`${D}/candidates`);
    await page.getByTestId('candidate-row').first().waitFor({ timeout: 30_000 });
    const before = await ranking();
    expect(before).toEqual([
      'leukodystrophy-families-network',
      'aurora-university-hospital',
      'tracewell-health',
      'veritas-evidence-labs',
      'meridian-mutual',
    ]);
    // The sensitivity card names who could change rank.
    expect(await page.getByTestId('unstable-candidate').count()).toBe(2);

    // Each score's terms on expand.
    await page
      .getByRole('button', { name: /how the score of Leukodystrophy Families Network is computed/ })
      .click();
    const detail = page.getByTestId('terms-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toMatch(/Values alignment.*computed/s);
    expect(await detail.textContent()).toMatch(/Pan-European Rare Disease Clinical Network 5/);

    // All weight on financial strength: the ranking changes at once, without a round trip.
    const slider = page.getByRole('slider', { name: 'Weight of Financial strength' });
    await slider.focus();
    await page.keyboard.press('End');
    await page.getByTestId('weights-changed').waitFor();
    const after = await ranking();
    expect(after).not.toEqual(before);
    expect(after[0]).toBe('meridian-mutual');
    expect(await page.getByTestId('rank-moved').count()).toBeGreaterThan(0);
    await shot('discover-candidates');
    if ((await accessibilityViolations(page)).length) await axeDebug();
    expect(await accessibilityViolations(page)).toEqual([]);

    // Back to the saved weights.
    await page.getByRole('button', { name: 'Saved weights' }).click();
    expect(await ranking()).toEqual(before);
    expect(problems).toEqual([]);
  });

  it('a member’s scores use only the ratings shared with it; the page works on a tablet', async () => {
    await open({ width: 820, height: 1180 });
    await signIn(page, NORDGEN, PASSWORD);
    await page.goto(`${D}/candidates`);
    await page.getByTestId('candidate-row').first().waitFor({ timeout: 30_000 });
    // Stratocloud's private ratings of Tracewell do not count for Nordgen: culture and vision are missing.
    const tracewell = page.locator('[data-testid="candidate-row"][data-candidate="tracewell-health"]');
    expect(
      await tracewell.locator('[data-testid="term-cell"][data-criterion="culture"]').textContent(),
    ).toMatch(/missing/);
    expect(await page.getByTestId('score-basis').textContent()).toMatch(/ratings you may see/);
    await shot('discover-candidates-member-tablet');
    if ((await accessibilityViolations(page)).length) await axeDebug();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('the portfolio recommender shows picks with the needs each adds, the coverage and the guarantee', async () => {
    await open();
    await signIn(page, ORCHESTRATOR, PASSWORD);
    await page.goto(`${D}/portfolio`);
    await page.getByTestId('portfolio-pick').first().waitFor({ timeout: 30_000 });
    const picks = await page
      .getByTestId('portfolio-pick')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-candidate')));
    expect(picks).toHaveLength(2);
    expect(await page.getByTestId('pick-adds').allTextContents()).toEqual(
      expect.arrayContaining(['real-world data', 'reimbursement']),
    );
    expect(await page.getByTestId('portfolio-coverage').textContent()).toMatch(
      /2 of 4 weighted needs covered/,
    );
    expect(await page.getByTestId('portfolio-guarantee').textContent()).toMatch(/^exact: every selection/);
    expect(await page.getByTestId('portfolio-uncovered').textContent()).toMatch(/pediatric formulation/);
    await shot('discover-portfolio');
    if ((await accessibilityViolations(page)).length) await axeDebug();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('a pipeline entry moves a stage, with its history', async () => {
    await open();
    await signIn(page, ORCHESTRATOR, PASSWORD);
    await page.goto(`${D}/pipeline`);
    const card = (stage: string) =>
      page.locator(
        `[data-testid="stage-${stage}"] [data-testid="pipeline-card"][data-candidate="leukodystrophy-families-network"]`,
      );
    await card('candidate').waitFor({ timeout: 30_000 });
    await card('candidate').getByTestId('move-menu').click();
    await page.getByTestId('move-to-contacted').click();
    await page.getByTestId('move-note').fill('First call with the registry team.');
    await page.getByTestId('confirm-move').click();
    await card('contacted').waitFor();
    expect(await card('candidate').count()).toBe(0);
    // Declining needs a reason.
    await card('contacted').getByTestId('move-menu').click();
    await page.getByTestId('move-to-declined').click();
    await page.getByTestId('confirm-move').click();
    expect(await page.getByTestId('move-form').textContent()).toMatch(/Say why it was declined/);
    await page.keyboard.press('Escape');
    // The history shows the move and its note.
    await card('contacted').getByRole('button', { name: 'Open Leukodystrophy Families Network' }).click();
    const entry = page.getByTestId('pipeline-entry');
    await entry.waitFor();
    expect(await entry.textContent()).toMatch(/Candidate → contacted.*First call with the registry team/s);
    await shot('discover-pipeline-entry');
    await page.keyboard.press('Escape');
    await entry.waitFor({ state: 'detached' });
    await shot('discover-pipeline');
    if ((await accessibilityViolations(page)).length) await axeDebug();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('the pipeline is not shown to an organization it is not shared with', async () => {
    await open();
    await signIn(page, STRATOCLOUD, PASSWORD);
    await page.goto(`${D}/pipeline`);
    await page.getByText('The pipeline is not shared with your organization').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('pipeline-board').count()).toBe(0);
  });

  it('the readiness questionnaire shows the seed’s guidance and scores as you answer', async () => {
    await open();
    await signIn(page, STRATOCLOUD, PASSWORD);
    await page.goto(`${D}/readiness`);
    await page.getByTestId('readiness-form').waitFor({ timeout: 30_000 });
    const guidance = page.getByTestId('readiness-guidance');
    const text = (await guidance.textContent()) ?? '';
    for (const words of [
      'Use an alliance when',
      'Avoid it when',
      'Decision gridlock',
      'Unequal contributions',
      'Defection',
      'Loss of direction',
      'Are we better off together than alone?',
    ])
      expect(text).toContain(words);
    // Stratocloud's own answers are loaded: strong fit; its weak risk-mitigation raises the defection pitfall.
    expect(await page.getByTestId('readiness-verdict').textContent()).toBe('strong fit');
    expect(await page.locator('[data-testid="pitfall"][data-elevated="true"]').count()).toBeGreaterThan(0);
    // Answering "no" to more readiness items lowers the score at once.
    for (const id of ['governance-experience', 'trust-bandwidth', 'ecosystem-awareness']) {
      await page
        .locator(`[data-testid="readiness-item"][data-item="${id}"]`)
        .getByText('No', { exact: true })
        .click();
    }
    expect(await page.getByTestId('readiness-verdict').textContent()).not.toBe('strong fit');
    await page.getByTestId('save-readiness').click();
    await page.getByText(/Answers saved for Stratocloud Systems/).waitFor();
    await shot('discover-readiness');
    if ((await accessibilityViolations(page)).length) await axeDebug();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
