/**
 * Screenshots of every page against a running server, for a person to look
 * at, plus the console problems of each (CSP violations, errors).
 *
 *   npx tsx packages/web/e2e/screenshots.ts --base http://127.0.0.1:3100 --out /tmp/shots [--width 1280 --height 800]
 */
import { mkdirSync } from 'node:fs';
import { launchBrowser, mapCounts, mapLayoutDone, newPage, signIn, watchProblems } from './helpers.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const base = arg('base', 'http://127.0.0.1:3000');
const out = arg('out', '/tmp/valueweb-shots');
const width = Number(arg('width', '1280'));
const height = Number(arg('height', '800'));
const email = arg('email', 'orchestrator@demo.valueweb.local');
const password = arg('password', 'valueweb-demo-2026');
const only = arg('only', '');
const suffix = width === 1280 ? '' : `-${width}`;
mkdirSync(out, { recursive: true });

const browser = await launchBrowser();
try {
  const { page } = await newPage(browser, base, { width, height });
  const problems = watchProblems(page);
  const shot = async (name: string) => {
    if (only && !name.includes(only)) return;
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${out}/${name}${suffix}.png` });
    console.log(`${name}: ${problems.length ? problems.join(' | ') : 'no console problems'}`);
    problems.length = 0;
  };
  await page.goto('/login');
  await page.getByTestId('login-submit').waitFor();
  await shot('01-login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill('wrong password');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-error').waitFor();
  await shot('02-login-error');
  problems.length = 0;
  await signIn(page, email, password);
  await page.getByTestId('ecosystem-card').first().waitFor();
  await shot('03-ecosystems');
  const href = (await page.getByTestId('ecosystem-card').first().getAttribute('href')) ?? '/';
  await page.goto(href);
  await page.getByTestId('stat-actors').waitFor();
  await page.waitForTimeout(600);
  await shot('04-ecosystem-home');
  await page.goto(`${href}/actors`);
  await page.getByTestId('table-row').first().waitFor();
  await shot('05-actors');
  await page.getByTestId('add-actor').click();
  await page.getByTestId('actor-name').fill('Test Actor');
  await page.getByTestId('actor-save').click();
  await page.waitForTimeout(300);
  await shot('06-actor-form-required');
  await page.getByLabel('Identifier').fill('-not an id');
  await page.getByTestId('actor-kind').click();
  await page.getByRole('option', { name: 'Startup' }).click();
  await page.getByTestId('actor-save').click();
  await page.waitForTimeout(800);
  await shot('06-actor-form-server-errors');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  // Someone else changes the first actor while it is open here: saving answers 412.
  await page.getByTestId('table-row').first().click();
  await page.getByTestId('actor-form').waitFor();
  await page.evaluate(`(async () => {
    const eco = location.pathname.split('/')[2];
    const list = await (await fetch('/api/v1/ecosystems/' + eco + '/actors?limit=1&sort=name')).json();
    const a = list.items[0];
    const me = await (await fetch('/api/v1/auth/me')).json();
    await fetch('/api/v1/ecosystems/' + eco + '/actors/' + a.id, { method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': '"' + a.version + '"', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ description: 'Changed elsewhere ' + Date.now() }) });
  })()`);
  await page.getByTestId('actor-save').click();
  await page.getByTestId('conflict-alert').waitFor();
  await shot('06-actor-conflict');
  await page.keyboard.press('Escape');
  await page.goto(`${href}/relationships`);
  await page.getByTestId('table-row').first().waitFor();
  await shot('07-relationships');
  await page.goto(`${href}/partnerships`);
  await page.getByTestId('table-row').first().waitFor();
  await shot('08-partnerships');
  await page.getByTestId('table-row').first().click();
  await page.getByTestId('member-row').first().waitFor();
  await shot('09-partnership-members');
  await page.keyboard.press('Escape');
  await page.goto(`${href}/map`);
  const counts = await mapCounts(page);
  await mapLayoutDone(page);
  await shot('10-map');
  console.log('map', counts);
  const firstNode = await page.getByTestId('ecosystem-map').getAttribute('data-node-count');
  if (firstNode) {
    await page.getByTestId('map-search').fill('a');
    await page.waitForTimeout(300);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('actor-panel').waitFor();
    await page.waitForTimeout(900);
    await shot('11-map-actor');
  }
  await page.goto(`${href}/people`);
  await page.waitForTimeout(1200);
  await shot('12-people');
  await page.getByTestId('invite-button').click();
  await page.waitForTimeout(500);
  await shot('13-invite');
  await page.keyboard.press('Escape');
  await page.goto(`${href}/audit`);
  await page.waitForTimeout(1500);
  await shot('14-audit');
  const firstRow = page.getByTestId('table-row').first();
  if (await firstRow.count()) {
    await firstRow.click();
    await page.waitForTimeout(500);
    await shot('15-audit-expanded');
  }
  await page.goto(`${href}/data`);
  await page.waitForTimeout(800);
  await shot('16-import-export');
  await page.goto('/import');
  await page.getByTestId('dropzone').waitFor();
  await page.locator('input[type=file]').setInputFiles({
    name: 'broken.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(
      'valueweb: 1\necosystem:\n  id: broken\n  name: Broken\nactors:\n  - id: a\n    name: A\n    kind: spaceship\n  - id: b\n    kind: startup\nrelationships:\n  - from: a\n    to: zzz\n    kind: data\n',
    ),
  });
  await page.getByTestId('import-submit').click();
  await page.getByTestId('import-problems').waitFor();
  await shot('17-import-problems');
  await page.goto('/e/does-not-exist');
  await page.waitForTimeout(800);
  await shot('18-not-found');
} finally {
  await browser.close();
}
