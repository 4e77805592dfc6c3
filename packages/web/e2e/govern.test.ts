/**
 * Govern and Value in a real browser (Debian's Chromium via playwright-core),
 * against the server started here on a random port with a fresh embedded
 * store and the demo: the charter with its ratification status, a decision
 * proposed by the orchestrator and voted on by a member with the tally
 * updating, voting power, the registers, the ledger's "chain verified" badge
 * with the fairness chart, and the distribution calculator. Every test saves
 * a screenshot in test-results/screenshots/; axe-core checks every page for
 * serious or critical violations, on a desktop and on a tablet.
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
  newPage,
  signIn,
  watchProblems,
} from './helpers.ts';
import { startDemoServer, type DemoServer } from './demo-server.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SHOTS = join(REPO, 'test-results/screenshots');
const ECO = 'rare-disease-ecosystem';
const GENE = 'gene-therapy-access-ppp';
const NEWBORN = 'newborn-screening-consortium';
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
  await page.screenshot({ path: join(SHOTS, `govern-${name}.png`), fullPage: true });
}

/** Problems other than the 401 the app expects from /auth/me before signing in. */
const unexpected = () => problems.filter((p) => !p.includes('status of 401'));
const tab = (pid: string, path: string) => `/e/${ECO}/partnerships/${pid}/${path}`;

describe.skipIf(!ready)('Govern and Value in Chromium', () => {
  beforeAll(async () => {
    demo = await startDemoServer('govern');
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
  const axe = async () => {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(400);
    return accessibilityViolations(page);
  };

  it('the orchestrator opens a partnership and sees the charter with the ratification status of each member', async () => {
    await open();
    await page.goto(`/e/${ECO}/partnerships/${GENE}`);
    await page.getByTestId('partnership-tab-charter').click();
    await page.waitForURL(`**/${GENE}/charter`);
    await page.getByTestId('charter-status').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('charter-status').innerText()).toMatch(/Charter version 2\.0/);
    expect(await page.getByTestId('charter-in-force').innerText()).toMatch(/In force since 2025-02-10/);
    const rows = page.getByTestId('ratification-row');
    expect(await rows.count()).toBe(7);
    expect(await rows.filter({ hasText: 'Ratified' }).count()).toBe(7);
    expect(await page.getByTestId('conflict-path').innerText()).toMatch(
      /working group[\s\S]*steering committee[\s\S]*independent mediation[\s\S]*arbitration/,
    );
    expect(await page.getByTestId('charter-rules').innerText()).toMatch(/Rare Voices Europe holds a veto/);
    await shot('charter-in-force');
    expect(await axe()).toEqual([]);

    // A charter one member has not ratified is not in force.
    await page.goto(tab(NEWBORN, 'charter'));
    await page.getByTestId('charter-pending').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('charter-pending').innerText()).toMatch(/Awaiting ratification: 5 of 6/);
    expect(await page.getByTestId('ratification-status').innerText()).toMatch(
      /Nordic Health Technology Council[\s\S]*Not yet ratified/,
    );
    await shot('charter-awaiting');
    // The amendment form opens with the current rules.
    await page.getByTestId('charter-amend').click();
    await page.getByTestId('charter-form').waitFor();
    expect(await page.getByTestId('charter-quota').inputValue()).toBe('4');
    await shot('charter-amend-form');
    expect(await axe()).toEqual([]);
    expect(unexpected()).toEqual([]);
  });

  it('the orchestrator creates a decision, a member votes, and the tally updates', async () => {
    await open();
    await page.goto(tab(GENE, 'decisions'));
    await page.getByTestId('decisions-tab').waitFor({ timeout: 20_000 });
    await page.getByTestId('decision-propose').click();
    await page.getByTestId('decision-title').fill('Fund travel for Baltic families');
    await page.getByTestId('decision-deadline').fill('2027-01-31');
    await page.getByTestId('decision-save').click();
    const card = page.getByTestId('decision-card').filter({ hasText: 'Fund travel for Baltic families' });
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getByTestId('tally-counts').innerText()).toMatch(
      /0 yes · 0 no · 0 abstain · 7 not voted · needs 8 yes weight, has 0/,
    );
    // The orchestrator's organization is not a member: it proposes but has no vote here.
    expect(await card.getByTestId('decision-your-vote').count()).toBe(0);
    await shot('decision-proposed');
    await context!.close();

    await open(NORDGEN);
    await page.goto(tab(GENE, 'decisions'));
    const mine = page.getByTestId('decision-card').filter({ hasText: 'Fund travel for Baltic families' });
    await mine.waitFor({ timeout: 20_000 });
    await mine.getByTestId('vote-yes').click();
    await expect
      .poll(() => mine.getByTestId('tally-counts').innerText(), { timeout: 15_000 })
      .toMatch(/^1 yes · 0 no · 0 abstain · 6 not voted/);
    expect(await mine.getByTestId('decision-votes').innerText()).toMatch(/Nordgen Therapeutics: yes/);
    expect(await mine.getByTestId('vote-yes').getAttribute('aria-pressed')).toBe('true');
    // A vote can change until the decision closes: still one vote for Nordgen.
    await mine.getByTestId('vote-abstain').click();
    await expect
      .poll(() => mine.getByTestId('tally-counts').innerText(), { timeout: 15_000 })
      .toMatch(/^0 yes · 0 no · 1 abstain · 6 not voted/);
    await mine.getByTestId('vote-yes').click();
    await expect
      .poll(() => mine.getByTestId('tally-counts').innerText(), { timeout: 15_000 })
      .toMatch(/^1 yes/);
    // A decision stuck past its deadline is flagged for escalation.
    const stuck = page.getByTestId('decision-card').filter({ hasText: 'Raise the price floor' });
    expect(await stuck.getByTestId('decision-stuck').count()).toBe(1);
    expect(await stuck.getByTestId('decision-escalate').innerText()).toMatch(/Escalate to working group/);
    await shot('decision-voted');
    expect(await axe()).toEqual([]);
    expect(unexpected()).toEqual([]);
  });

  it('the power panel calls out veto members against their weight; the registers show overdue items and the risk heat', async () => {
    await open();
    await page.goto(tab(GENE, 'power'));
    await page.getByTestId('power-panel').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('power-veto').innerText()).toMatch(/Rare Voices Europe/);
    expect(await page.getByTestId('power-row').count()).toBe(7);
    expect(await page.getByTestId('power-suggestion').innerText()).toMatch(/Suggested quota: \d+/);
    await shot('power');
    expect(await axe()).toEqual([]);

    await page.goto(tab(GENE, 'registers'));
    const obligations = page.getByTestId('obligations-table');
    await obligations.waitFor({ timeout: 20_000 });
    expect(await obligations.locator('[data-overdue]').filter({ hasText: 'Outcomes report' }).count()).toBe(
      1,
    );
    await shot('registers-obligations');
    await page.getByTestId('register-switch').getByText('Risk register').click();
    await page.getByTestId('risk-heat').waitFor();
    expect(await page.getByTestId('risk-exposure').first().innerText()).toMatch(/^15 = 3×5$/);
    await shot('registers-risks');
    await page.getByTestId('register-switch').getByText('Disputes').click();
    await page.getByTestId('disputes-table').waitFor();
    expect(await page.getByTestId('disputes-table').innerText()).toMatch(
      /How patient-advocacy staff time is valued/,
    );
    expect(await axe()).toEqual([]);
    expect(unexpected()).toEqual([]);
  });

  it('the ledger page shows "chain verified" and the fairness chart; the distribution calculator shows each share with its explanation', async () => {
    await open();
    await page.goto(tab(GENE, 'ledger'));
    const badge = page.getByTestId('chain-badge');
    await expect.poll(() => badge.innerText(), { timeout: 20_000 }).toMatch(/Chain verified · 29 entries/);
    expect(await badge.getAttribute('data-ok')).toBe('true');
    await page.getByTestId('fairness-table').waitFor();
    expect(await page.getByTestId('fairness-row').count()).toBe(7);
    expect(await page.getByTestId('fairness-gini').innerText()).toMatch(/0\.\d+/);
    expect(await page.getByTestId('ledger-row').count()).toBe(29);
    await shot('ledger');
    expect(await axe()).toEqual([]);

    await page.goto(tab(GENE, 'value-split'));
    await page.getByTestId('split-form').waitFor({ timeout: 20_000 });
    await page.getByTestId('split-amount').fill('1500000');
    await page.getByTestId('split-run').click();
    await page.getByTestId('split-result').waitFor({ timeout: 15_000 });
    const rows = page.getByTestId('split-row');
    expect(await rows.count()).toBe(7);
    // Synergy game of charter 2.0: Nordgen takes part in four synergies (40/2 + 30/3 + 50/3 + 20/3 = 53.33 of v(N) = 150).
    expect(await rows.first().innerText()).toMatch(
      /^Nordgen Therapeutics[\s\S]*533,333\.33[\s\S]*35\.6%[\s\S]*synergy \{Nordgen Therapeutics, Lumenvec Biomanufacturing\} worth 40/,
    );
    const total = (await page.getByTestId('split-amount-cell').allInnerTexts()).reduce(
      (s, t) => s + Number(t.replace(/[^\d.]/g, '')),
      0,
    );
    expect(Math.round(total * 100) / 100).toBe(1_500_000);
    await shot('value-split');
    expect(await axe()).toEqual([]);
    expect(unexpected()).toEqual([]);
  });

  it('works on a tablet', async () => {
    await open(NORDGEN, TABLET);
    for (const [name, path] of [
      ['charter', 'charter'],
      ['decisions', 'decisions'],
      ['ledger', 'ledger'],
    ] as const) {
      await page.goto(tab(GENE, path));
      await page
        .getByTestId(
          `${name === 'charter' ? 'charter-status' : name === 'decisions' ? 'decisions-tab' : 'chain-badge'}`,
        )
        .waitFor({ timeout: 20_000 });
      await shot(`tablet-${name}`);
      expect(await axe(), name).toEqual([]);
    }
    // Nordgen ratified version 2.0 already: no ratify button, its own row marked.
    await page.goto(tab(GENE, 'charter'));
    await page.getByTestId('ratification-status').waitFor();
    expect(await page.getByTestId('ratification-status').innerText()).toMatch(/Nordgen Therapeutics \(you\)/);
    expect(await page.getByTestId('charter-ratify').count()).toBe(0);
    expect(unexpected()).toEqual([]);
  });
});
