/**
 * `valueweb report`: the executive report from the store, as HTML and as PDF
 * (the format follows the file extension), for the portfolio or one
 * partnership; bad arguments exit with a one-line reason.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEmbeddedDataDir } from '@valueweb/store/testing';
import { REPO, runCli } from './run-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'valueweb-report-cli-'));
const example = join(REPO, 'examples/rare-disease-ecosystem.yaml');
const ECO = 'rare-disease-ecosystem';
const hasChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].some((p) =>
  existsSync(p),
);

describe('valueweb report', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = { VALUEWEB_DATA_DIR: seedEmbeddedDataDir(join(tmp, 'data')) };
    const imp = await runCli(['import', example], env);
    if (imp.code !== 0) throw new Error(imp.stderr);
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes the portfolio report as HTML that leads with what needs attention', async () => {
    const out = join(tmp, 'report.html');
    const r = await runCli(['report', ECO, '-o', out, '--today', '2026-12-01'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^Wrote .*report\.html: European Rare Disease Ecosystem: portfolio report; 4 partnership\(s\), \d+ critical/,
    );
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<section id="attention"><h2>What needs attention</h2>');
    expect(html.indexOf('id="attention"')).toBeLessThan(html.indexOf('id="progress"'));
    expect(html).toContain('Gene Therapy Access Partnership');
    expect(html).toMatch(/data-kind="perception-gap"/);
    expect(html).toContain('Recommended action:');
    expect(html).toMatch(/<svg[^>]+role="img"/);
  }, 60_000);

  it.skipIf(!hasChromium)(
    'writes one partnership’s report as a PDF',
    async () => {
      const out = join(tmp, 'gene.pdf');
      const r = await runCli(
        ['report', ECO, '--partnership', 'gene-therapy-access-ppp', '-o', out, '--today', '2026-12-01'],
        env,
      );
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/Gene Therapy Access Partnership: executive report/);
      const pdf = readFileSync(out);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(20_000);
    },
    90_000,
  );

  it('prints the HTML without -o, and refuses an unknown extension, partnership or date', async () => {
    const stdout = await runCli(
      ['report', ECO, '--partnership', 'newborn-screening-consortium', '--today', '2026-12-01'],
      env,
    );
    expect(stdout.code).toBe(0);
    expect(stdout.stdout).toContain(
      '<h1>Early Diagnosis Newborn Screening Consortium: executive report</h1>',
    );
    const ext = await runCli(['report', ECO, '-o', join(tmp, 'x.docx')], env);
    expect(ext.code).toBe(2);
    expect(ext.stderr).toMatch(/use \.pdf or \.html/);
    const unknown = await runCli(['report', ECO, '--partnership', 'nope', '-o', join(tmp, 'x.html')], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /no partnership "nope" in ecosystem "rare-disease-ecosystem"; known: newborn-screening-consortium/,
    );
    expect(existsSync(join(tmp, 'x.html'))).toBe(false);
    const day = await runCli(['report', ECO, '--today', '2026-13-01'], env);
    expect(day.code).toBe(2);
    expect(day.stderr).toMatch(/--today 2026-13-01: expected a date/);
    const eco = await runCli(['report', 'no-such-eco', '-o', join(tmp, 'y.html')], env);
    expect(eco.code).toBe(1);
    expect(eco.stderr).toMatch(/no ecosystem with id "no-such-eco"/);
  }, 90_000);
});
