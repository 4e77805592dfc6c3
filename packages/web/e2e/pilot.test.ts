/**
 * Pilot and Monitor pages in a real browser, on the demo: the stage and gate
 * panel, the roadmap with clock bands, KPI charts with their forecast and a
 * CSV upload, the lessons log across partnerships. The server is started here
 * on a random port with a fresh embedded store; every test saves a screenshot
 * in test-results/screenshots/ and axe-core checks each page.
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
const PID = 'newborn-screening-consortium';
const DEMO_PASSWORD = 'valueweb-demo-2026';
const ORCHESTRATOR = 'orchestrator@demo.valueweb.local';
const STRATOCLOUD = 'member@stratocloud.demo.valueweb.local';

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
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

/** Where the serious and critical violations are (selectors and the failure), to say what to fix. */
async function violationTargets(p: Page): Promise<string[]> {
  return p.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            d: Document,
            o: unknown,
          ) => Promise<{
            violations: {
              id: string;
              impact: string | null;
              nodes: { target: string[]; failureSummary?: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) =>
        v.nodes
          .slice(0, 3)
          .map((n) => `${v.id} at ${n.target.join(' ')}: ${(n.failureSummary ?? '').slice(0, 200)}`),
      );
  });
}

const partnership = (tab = '') => `/e/${ECO}/partnerships/${PID}${tab ? `/${tab}` : ''}`;

describe.skipIf(!ready)('Pilot and Monitor pages in Chromium', () => {
  beforeAll(async () => {
    demo = await startDemoServer('pilot');
    baseURL = demo.baseURL;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  const open = async (viewport?: { width: number; height: number }) => {
    ({ page } = await newPage(browser, baseURL, viewport));
    problems = watchProblems(page);
  };
  const unexpected = () => problems.filter((p) => !p.includes('status of 401'));
  afterEach(async () => {
    await page?.context().close();
  });

  it('an orchestrator opens a partnership, reads the gate panel and ticks a checklist item off with evidence', async () => {
    await open();
    await signIn(page, ORCHESTRATOR, DEMO_PASSWORD);
    await page.goto(partnership());
    await page.getByTestId('partnership-tab-stage').click();
    await page.getByTestId('gate-panel').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('gate-panel').innerText()).toMatch(/Gate into Scaling/);
    expect(await page.getByTestId('gate-summary').innerText()).toMatch(
      /The gate from "pilot" to "scaling" does not pass/,
    );
    // Every criterion says whether it is met and why.
    const pilotsGo = page.getByTestId('criterion-pilots-go');
    expect(await pilotsGo.getAttribute('data-met')).toBe('false');
    expect(await pilotsGo.innerText()).toMatch(/No pilot decided "go" yet/);
    expect(await page.getByTestId('criterion-min-lessons').getAttribute('data-met')).toBe('true');
    expect(await page.getByTestId('stage-history').innerText()).toMatch(/2025-08-28/);

    await page.getByTestId('tick-trust-built').click();
    await page
      .getByTestId('tick-evidence')
      .fill('Joint data-sharing agreement signed by all six members, 2026-11-12');
    await page.getByTestId('tick-confirm').click();
    await expect
      .poll(async () => page.getByTestId('criterion-trust-built').getAttribute('data-met'), {
        timeout: 15_000,
      })
      .toBe('true');
    expect(await page.getByTestId('criterion-trust-built').innerText()).toMatch(
      /Joint data-sharing agreement/,
    );
    await page.waitForTimeout(400);
    await shot('pilot-stage-gates');
    expect(unexpected()).toEqual([]);
  });

  it('moves a partnership on only with a written rationale when its gate does not pass, and logs it', async () => {
    await open();
    await signIn(page, ORCHESTRATOR, DEMO_PASSWORD);
    await page.goto(`/e/${ECO}/partnerships/rwd-platform-alliance/stage`);
    await page.getByTestId('gate-panel').waitFor({ timeout: 15_000 });
    await page.getByTestId('stage-override').click();
    const confirm = page.getByTestId('stage-move-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    await page
      .getByTestId('override-rationale')
      .fill(
        'The platform partners asked to start a limited pilot on two hospitals before the charter is ratified.',
      );
    await confirm.click();
    await page
      .getByTestId('stage-history')
      .getByText('The platform partners asked')
      .waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('gate-panel').innerText()).toMatch(/Gate into Scaling/);
    expect(await page.getByTestId('stage-history').innerText()).toMatch(/override/);
    await shot('pilot-stage-override');
    expect(unexpected()).toEqual([]);
  });

  it('shows the roadmap with clock bands, sync points and a warning for a decision outside a planning window', async () => {
    await open();
    await signIn(page, ORCHESTRATOR, DEMO_PASSWORD);
    await page.goto(partnership('roadmap'));
    const timeline = page.getByTestId('roadmap-timeline');
    await timeline.waitFor({ timeout: 15_000 });
    expect(Number(await timeline.getAttribute('data-bands'))).toBeGreaterThan(3);
    expect(await page.locator('[data-testid="clock-band"]').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('timeline-milestone-hta-dossier').count()).toBe(1);
    // The evidence dossier needs the HTA council's decision in February 2027, outside its policy window.
    const warning = page.getByTestId('clock-warning').first();
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(
      /Evidence dossier to the HTA council.*outside its planning window/,
    );
    expect(await page.getByTestId('milestone-row-model-validated').innerText()).toMatch(/done late/i);
    await page.waitForTimeout(300);
    await shot('pilot-roadmap');
    await page.getByTestId('nav-roadmap').click();
    await page.getByTestId('roadmap-timeline-gene-therapy-access-ppp').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId(`roadmap-${PID}`).count()).toBe(1);
    await page.waitForTimeout(300);
    await shot('pilot-portfolio-roadmap');
    expect(unexpected()).toEqual([]);
  });

  it('charts a KPI with its target and forecast, refuses a CSV with a bad row by line, and takes a good one', async () => {
    await open();
    await signIn(page, ORCHESTRATOR, DEMO_PASSWORD);
    await page.goto(partnership('kpis'));
    const card = page.getByTestId('kpi-babies-screened');
    await card.waitFor({ timeout: 15_000 });
    const chart = page.getByTestId('kpi-chart-babies-screened');
    expect(await chart.getAttribute('data-has-forecast')).toBe('true');
    await chart.locator('.recharts-line').first().waitFor();
    expect(await chart.locator('.recharts-reference-line').count()).toBeGreaterThanOrEqual(2);
    expect(await card.getByTestId('kpi-explanation').innerText()).toMatch(
      /least-squares trend over 14 points.*forecasts/,
    );
    const status = await card.getAttribute('data-status');
    expect(['on-track', 'at-risk', 'off-track']).toContain(status);
    await page.waitForTimeout(300);
    await shot('pilot-kpis');

    await page.getByTestId('csv-open').click();
    const input = page.getByTestId('csv-upload').locator('input[type=file]');
    await input.setInputFiles({
      name: 'november.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'kpi,date,value,note\nbabies-screened,2026-11-30,4710,\nturnaround-days,30/11/2026,9,\n',
      ),
    });
    await page.getByTestId('csv-upload-submit').click();
    const problemRow = page.getByTestId('import-problem').first();
    await problemRow.waitFor({ timeout: 15_000 });
    expect(await problemRow.innerText()).toMatch(/november\.csv:3:2/);
    expect(await problemRow.innerText()).toMatch(/YYYY-MM-DD/);
    await shot('pilot-kpis-csv-problems');
    await input.setInputFiles({
      name: 'november.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'kpi,date,value,note\nbabies-screened,2026-11-30,4710,uploaded\nturnaround-days,2026-11-30,9,\n',
      ),
    });
    await page.getByTestId('csv-upload-submit').click();
    await page.getByTestId('csv-upload').waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(async () => card.getByTestId('kpi-explanation').innerText(), { timeout: 15_000 })
      .toMatch(/Latest 4710 babies \(2026-11-30\)/);
    expect(await card.getByTestId('kpi-explanation').innerText()).toMatch(/over 15 points/);
    // One measurement entered in the app.
    const turnaround = page.getByTestId('kpi-turnaround-days');
    await page.getByTestId('kpi-measure-turnaround-days').click();
    await page.getByTestId('measurement-date').fill('2026-12-01');
    await page.getByTestId('measurement-value').fill('8');
    await page.getByTestId('measurement-save').click();
    await expect
      .poll(async () => turnaround.getByTestId('kpi-explanation').innerText(), { timeout: 15_000 })
      .toMatch(/Latest 8 days \(2026-12-01\)/);
    expect(unexpected()).toEqual([]);
  });

  it('adds a lesson on the pilot tab and finds it on the lessons page', async () => {
    await open();
    await signIn(page, ORCHESTRATOR, DEMO_PASSWORD);
    await page.goto(partnership('pilots'));
    await page.getByTestId('pilot-genomic-newborn-screening').waitFor({ timeout: 15_000 });
    await page.getByTestId('lesson-new').click();
    await page
      .getByTestId('lesson-happened')
      .fill('Night-shift midwives did not know how to order the genomic panel.');
    await page.getByTestId('lesson-learned').fill('Every shift needs a named screening champion.');
    await page
      .getByTestId('lesson-change')
      .fill('A champion rota for each maternity ward, reviewed monthly.');
    const tags = page.getByTestId('lesson-tags');
    await tags.fill('training');
    await tags.press('Enter');
    await page.getByTestId('lesson-save').click();
    await page.getByTestId('lesson-form').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByText('Every shift needs a named screening champion.').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(400);
    await shot('pilot-pilots-lessons');

    await page.getByTestId('nav-lessons').click();
    await page.getByTestId('lessons-search').fill('champion midwives');
    await expect
      .poll(async () => page.getByTestId('lessons-count').innerText(), { timeout: 15_000 })
      .toMatch(/^1 lesson of \d+ match/);
    const hit = page.locator('[data-testid^="lesson-"]').filter({ hasText: 'screening champion' });
    expect(await hit.count()).toBe(1);
    expect(await hit.innerText()).toMatch(/Early Diagnosis Newborn Screening Consortium/);
    expect(await hit.locator('mark').count()).toBeGreaterThan(0);
    await page.getByTestId('lessons-search').fill('');
    await page.locator('label').filter({ hasText: '#training' }).click();
    await expect
      .poll(async () => page.getByTestId('lessons-count').innerText(), { timeout: 15_000 })
      .toMatch(/^1 lesson of/);
    await shot('pilot-lessons-page');
    expect(unexpected()).toEqual([]);
  });

  it('scopes a pilot with a hypothesis, decides "go", and adds a milestone that needs a decision', async () => {
    await open();
    await signIn(page, ORCHESTRATOR, DEMO_PASSWORD);
    await page.goto(`/e/${ECO}/partnerships/rwd-platform-alliance/pilots`);
    await page.getByTestId('pilot-new').click();
    await page.getByTestId('pilot-name').fill('Federated query pilot');
    await page
      .getByTestId('hypothesis-0-assumption')
      .fill('Hospitals answer federated queries without moving patient data');
    await page.getByTestId('hypothesis-0-test').fill('Run ten study queries across two hospitals');
    await page.getByTestId('hypothesis-0-metric').fill('queries answered');
    await page.getByTestId('hypothesis-0-threshold').fill('8');
    await page.getByTestId('pilot-save').click();
    const card = page.getByTestId('pilot-federated-query-pilot');
    await card.waitFor({ timeout: 15_000 });
    expect(await card.innerText()).toMatch(/Run ten study queries/);
    await page.getByTestId('pilot-decide-federated-query-pilot').click();
    await page
      .getByTestId('decision-rationale')
      .fill('Nine of ten queries were answered inside the hospitals.');
    await page.getByTestId('decision-save').click();
    await expect.poll(async () => card.getByTestId('pilot-decision').count(), { timeout: 15_000 }).toBe(1);
    expect(await card.innerText()).toMatch(/Nine of ten queries/);

    await page.goto(`/e/${ECO}/partnerships/rwd-platform-alliance/roadmap`);
    await page.getByTestId('milestone-new').click();
    await page.getByTestId('milestone-name').fill('Data access committee constituted');
    await page.getByTestId('milestone-due').fill('2027-05-15');
    await page.getByTestId('milestone-value').fill('One place where data requests are decided');
    await page.getByTestId('milestone-decision-by').click();
    await page.getByRole('option', { name: 'Aurora University Hospital' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('milestone-save').click();
    await page.getByTestId('milestone-row-data-access-committee-constituted').waitFor({ timeout: 15_000 });
    await page.getByTestId('timeline-milestone-data-access-committee-constituted').waitFor();
    // An annual budget planner deciding in May is outside its window.
    expect(await page.getByTestId('warnings-card').innerText()).toMatch(
      /Data access committee constituted.*Aurora University Hospital/s,
    );
    await page.waitForTimeout(300);
    await shot('pilot-roadmap-new-milestone');
    expect(unexpected()).toEqual([]);
  });

  it('shows a partner of another partnership the gate without the buttons that change it', async () => {
    await open();
    await signIn(page, STRATOCLOUD, DEMO_PASSWORD);
    await page.goto(partnership('stage'));
    await page.getByTestId('gate-panel').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('gate-edit').count()).toBe(0);
    expect(await page.getByTestId('stage-override').count()).toBe(0);
    expect(await page.locator('[data-testid^="tick-"]').count()).toBe(0);
    await page.goto(partnership('kpis'));
    await page.getByTestId('kpi-babies-screened').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('csv-open').count()).toBe(0);
  });

  it('is usable on a tablet', async () => {
    await open({ width: 820, height: 1180 });
    await signIn(page, ORCHESTRATOR, DEMO_PASSWORD);
    await page.goto(partnership('roadmap'));
    await page.getByTestId('roadmap-timeline').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    await shot('pilot-tablet-roadmap');
    await page.goto(partnership('kpis'));
    await page
      .getByTestId('kpi-chart-babies-screened')
      .locator('.recharts-line')
      .first()
      .waitFor({ timeout: 15_000 });
    await shot('pilot-tablet-kpis');
    // Nothing overflows the page sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
      true,
    );
  });

  it('has no serious or critical accessibility violations on the Pilot and Monitor pages', async () => {
    const context = await browser.newContext({
      baseURL,
      viewport: { width: 1280, height: 800 },
      bypassCSP: true,
    });
    page = await context.newPage();
    await signIn(page, ORCHESTRATOR, DEMO_PASSWORD);
    const pages: [string, string][] = [
      ['stage', partnership('stage')],
      ['pilots', partnership('pilots')],
      ['roadmap', partnership('roadmap')],
      ['kpis', partnership('kpis')],
      ['lessons', `/e/${ECO}/lessons`],
      ['portfolio-roadmap', `/e/${ECO}/roadmap`],
    ];
    const report: Record<string, unknown[]> = {};
    for (const [name, path] of pages) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(600);
      report[name] = await accessibilityViolations(page);
      if (report[name].length) report[name].push(...(await violationTargets(page)));
    }
    const failing = Object.fromEntries(Object.entries(report).filter(([, v]) => v.length > 0));
    expect(failing).toEqual({});
  });
});
