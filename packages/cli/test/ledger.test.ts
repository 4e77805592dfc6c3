/** `valueweb ledger verify` against the embedded store, in child processes: a sound chain, then one row edited in SQL. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '@valueweb/store';
import { seedEmbeddedDataDir } from '@valueweb/store/testing';
import { REPO, runCli } from './run-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'valueweb-ledger-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const example = join(REPO, 'examples/rare-disease-ecosystem.yaml');

describe('valueweb ledger verify', () => {
  it('verifies a sound chain, then names the first broken entry after a row is edited in SQL, with a non-zero exit', async () => {
    const dir = seedEmbeddedDataDir(join(tmp, 'data'));
    const env = { VALUEWEB_DATA_DIR: dir };
    expect((await runCli(['import', example], env)).code).toBe(0);

    const ok = await runCli(['ledger', 'verify', 'gene-therapy-access-ppp'], env);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /^Chain verified: 29 ledger entries of "gene-therapy-access-ppp" \(ecosystem "rare-disease-ecosystem"\), head [0-9a-f]{16}…\n$/,
    );
    const json = await runCli(
      ['ledger', 'verify', 'gene-therapy-access-ppp', '--ecosystem', 'rare-disease-ecosystem', '--json'],
      env,
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ecosystem: 'rare-disease-ecosystem',
      partnership: 'gene-therapy-access-ppp',
      ok: true,
      entries: 29,
      firstBroken: null,
    });

    // Someone with database access raises a contribution by hand.
    const store = await Store.open({ dataDir: dir });
    try {
      await store.db.query(
        `update ledger_entries set data = jsonb_set(data, '{value}', '9000000') where ecosystem_id = 'rare-disease-ecosystem' and partnership_id = 'gene-therapy-access-ppp' and id = 'lv-slots-2025'`,
      );
    } finally {
      await store.close();
    }
    const broken = await runCli(['ledger', 'verify', 'gene-therapy-access-ppp'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(
      /Chain BROKEN at entry "lv-slots-2025" \(#4\), after 3 good entries: entry "lv-slots-2025" \(#4\) was changed after it was recorded/,
    );
    expect(broken.stderr).toMatch(
      /^valueweb: the ledger of "gene-therapy-access-ppp" is broken at entry "lv-slots-2025" \(#4, hash mismatch\)\n$/,
    );
    const brokenJson = await runCli(['ledger', 'verify', 'gene-therapy-access-ppp', '--json'], env);
    expect(brokenJson.code).toBe(1);
    expect(JSON.parse(brokenJson.stdout)).toMatchObject({
      ok: false,
      firstBroken: { id: 'lv-slots-2025', seq: 4, reason: 'hash_mismatch' },
    });
    // The other partnerships' chains are untouched.
    expect((await runCli(['ledger', 'verify', 'newborn-screening-consortium'], env)).code).toBe(0);
  }, 120_000);

  it('says so when the partnership or the ecosystem is not there', async () => {
    const env = { VALUEWEB_DATA_DIR: seedEmbeddedDataDir(join(tmp, 'empty')) };
    const none = await runCli(['ledger', 'verify', 'nowhere'], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no partnership "nowhere" in the store/);
    const wrongEco = await runCli(['ledger', 'verify', 'p1', '--ecosystem', 'nope'], env);
    expect(wrongEco.code).toBe(1);
    expect(wrongEco.stderr).toMatch(/no partnership "p1" in ecosystem "nope"/);
    expect((await runCli(['ledger', 'verify'], env)).code).toBe(2);
  }, 60_000);
});
