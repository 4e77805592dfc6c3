/**
 * The executive report over HTTP: HTML that leads with what needs attention,
 * one partnership's report, the JSON model, the PDF printed by Chromium, what
 * each caller's report may contain, and bad requests. Plus the SVG helpers
 * and the PDF renderer on their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitor } from '@valueweb/core';
import { testStoreKinds } from '@valueweb/store/testing';
import { buildWorld, type World } from './harness.ts';
import { findChromium, htmlToPdf, PdfUnavailableError } from '../src/report/pdf.ts';
import { esc, gapChart, hbarChart, sparkline } from '../src/report/svg.ts';

const today = new Date().toISOString().slice(0, 10);
const day = (offset: number) => monitor.addDays(today, offset);
const chromium = findChromium();

const troubled = {
  id: 'p2',
  name: 'Scaling alliance',
  stage: 'scaling',
  members: [{ actor: 'a1' }, { actor: 'a2' }],
  milestones: [{ id: 'late', name: 'Second site live', owner: 'a2', due: day(-90), status: 'in-progress' }],
  disputes: [0, 1, 2].map((i) => ({
    id: `d${i}`,
    title: `Dispute ${i}`,
    parties: ['a1', 'a2'],
    opened: day(-10 - i),
    stage: 'mediation',
    status: 'open',
    formal: true,
  })),
  ledger: [
    {
      id: 'l1',
      kind: 'contribution',
      actor: 'a1',
      type: 'cash',
      value: 500000,
      currency: 'EUR',
      date: day(-30),
    },
    {
      id: 'l2',
      kind: 'benefit',
      actor: 'a2',
      type: 'market-access',
      value: 120000,
      currency: 'EUR',
      date: day(-20),
    },
  ],
};

describe.each(testStoreKinds())('executive report API ($name store)', (kind) => {
  let w: World;
  let cleanup: () => Promise<void>;
  const R = (q = '') => `/api/v1/ecosystems/${w.eco}/report${q}`;
  beforeAll(async () => {
    const opened = await kind.open();
    cleanup = opened.cleanup;
    w = await buildWorld(opened.store);
    const created = await w.request(
      'orchestrator',
      'POST',
      `/api/v1/ecosystems/${w.eco}/partnerships`,
      troubled,
    );
    if (created.statusCode !== 201) throw new Error(created.body);
    // p1's ledger is for its members (a0, a1) and the orchestrators only.
    const entry = await w.request(
      'orchestrator',
      'POST',
      `/api/v1/ecosystems/${w.eco}/partnerships/p1/ledger`,
      {
        id: 'p1-cash',
        kind: 'contribution',
        actor: 'a0',
        type: 'cash',
        value: 7_770_000,
        currency: 'EUR',
        date: day(-5),
      },
    );
    if (entry.statusCode !== 201) throw new Error(entry.body);
  });
  afterAll(async () => {
    await w.app.close();
    await cleanup();
  });

  it('serves the portfolio report as one HTML page that leads with what needs attention', async () => {
    const res = await w.request('observer', 'GET', R());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-disposition']).toBe(`inline; filename="${w.eco}-report-${today}.html"`);
    const html = res.body;
    expect(html).toMatch(/^<!doctype html>/);
    const attention = html.indexOf('<section id="attention">');
    expect(attention).toBeGreaterThan(0);
    expect(attention).toBeLessThan(html.indexOf('<section id="progress">'));
    expect(html.indexOf('<section id="progress">')).toBeLessThan(html.indexOf('<section id="value">'));
    expect(html).toContain('What needs attention');
    expect(html).toContain('Recommended action:');
    expect(html).toMatch(/data-kind="rising-disputes"/);
    expect(html).toMatch(/data-kind="milestone-overdue"/);
    expect(html).toContain('Milestone overdue: Second site live');
    // Charts are inline SVG with accessible labels; nothing is fetched.
    expect(html).toMatch(/<svg[^>]+role="img" aria-label="Health score per partnership/);
    expect(html).not.toMatch(/<script|<link |src="http/);
    expect(html).toContain('How these numbers are computed');
  });

  it('reports one partnership with its health components, and refuses unknown ones and bad formats', async () => {
    const res = await w.request('memberB', 'GET', R('?partnership=p2&download=1'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="p2-report-${today}.html"`);
    expect(res.body).toContain('<h1>Scaling alliance: executive report</h1>');
    expect(res.body).toContain('<section id="health">');
    expect(res.body).toMatch(/aria-label="Health score components of Scaling alliance/);
    expect(res.body).toMatch(
      /aria-label="Contributions and benefits per member of Scaling alliance, in EUR"/,
    );
    const missing = await w.request('memberB', 'GET', R('?partnership=nope'));
    expect(missing.statusCode).toBe(404);
    const bad = await w.request('memberB', 'GET', R('?format=docx'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('format');
    expect((await w.request('outsider', 'GET', R())).statusCode).toBe(404);
    expect((await w.request(null, 'GET', R())).statusCode).toBe(401);
  });

  it('gives the report model as JSON, computed from what the caller may see', async () => {
    const asOrch = (await w.request('orchestrator', 'GET', R('?format=json'))).json();
    expect(asOrch.scope).toBe('portfolio');
    expect(asOrch.summary.partnerships).toBe(2);
    expect(asOrch.attention[0].severity).toBe('critical');
    const p1 = asOrch.partnerships.find((p: { id: string }) => p.id === 'p1');
    expect(p1.value).toMatchObject({ currency: 'EUR', totalContributed: 7_770_000 });
    // Org C is not in p1: its ledger (visible to p1's members) is not in C's report.
    const asC = (await w.request('memberC', 'GET', R('?format=json'))).json();
    expect(asC.partnerships.find((p: { id: string }) => p.id === 'p1').value.currency).toBeNull();
    expect((await w.request('memberC', 'GET', R())).body).not.toContain('7.8M');
    expect((await w.request('orchestrator', 'GET', R())).body).toContain('7.8M');
  });

  it.skipIf(!chromium)(
    'prints the report to PDF with Chromium',
    async () => {
      const res = await w.request('observer', 'GET', R('?partnership=p2&format=pdf'));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`inline; filename="p2-report-${today}.pdf"`);
      expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(res.rawPayload.length).toBeGreaterThan(5000);
    },
    60_000,
  );
});

describe('report rendering helpers', () => {
  it('escapes text and labels every chart', () => {
    expect(esc(`<b a="1">'&'</b>`)).toBe('&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;');
    const svg = hbarChart(
      [
        { label: 'A <script>', value: 40 },
        { label: 'B', value: 80, color: '#c00' },
      ],
      { label: 'Scores & more', max: 100 },
    );
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Scores &amp; more"/);
    expect(svg).toContain('<title>Scores &amp; more</title>');
    expect(svg).not.toContain('<script>');
    // B's bar is twice as long as A's.
    const widths = [
      ...svg.matchAll(/<rect x="220" y="\d+" width="([\d.]+)" height="18" rx="3" fill="(?!#e9ecef)/g),
    ].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[1]! / widths[0]!).toBeCloseTo(2, 5);
  });

  it('draws one value as a dot and a flagged perception gap in red', () => {
    expect(sparkline([50], { label: 'one' })).toMatch(/<circle cx="117" cy="14" r="3"/);
    const gaps = gapChart(
      [
        {
          label: 'Trust',
          flagged: true,
          points: [
            { name: 'A', value: 2 },
            { name: 'B', value: 5 },
          ],
        },
      ],
      { label: 'gap' },
    );
    expect(gaps).toContain('fill="#c92a2a"');
    expect(gaps).toContain('<title>A: 2</title>');
  });

  it('says clearly when Chromium is missing', async () => {
    await expect(htmlToPdf('<p>x</p>', { chromium: '/nonexistent/chromium' })).rejects.toBeInstanceOf(
      PdfUnavailableError,
    );
    await expect(htmlToPdf('<p>x</p>', { chromium: '/nonexistent/chromium' })).rejects.toThrow(
      /PDF export needs Chromium/,
    );
  });
});
