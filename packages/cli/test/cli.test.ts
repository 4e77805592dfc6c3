/** The `valueweb` command, end to end, in child processes. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDocument } from '@valueweb/core';
import { createServerTestDatabase, seedEmbeddedDataDir } from '@valueweb/store/testing';
import { BIN, REPO, runCli } from './run-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'valueweb-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const example = join(REPO, 'examples/rare-disease-ecosystem.yaml');
let dirs = 0;
/** A migrated embedded data directory, copied from the test template (saves initialising a database each time). */
const dataDir = () => seedEmbeddedDataDir(join(tmp, `data-${dirs++}`));

describe('valueweb without a store', () => {
  it('shows help for the program and every command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of [
      'serve',
      'init',
      'validate',
      'import',
      'export',
      'ecosystems',
      'schema',
      'migrate',
      'analyze',
    ]) {
      expect(top.stdout).toContain(cmd);
    }
    const sub = await runCli(['import', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--replace');
  });

  it('init writes a starter that validates, and refuses to overwrite it', async () => {
    const file = join(tmp, 'starter.yaml');
    expect((await runCli(['init', file])).code).toBe(0);
    const v = await runCli(['validate', file]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('is valid');
    const again = await runCli(['init', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('validate lists every problem with file, line and column, and exits 1', async () => {
    const file = join(tmp, 'bad.yaml');
    writeFileSync(
      file,
      'valueweb: 1\necosystem: { id: e, name: E }\nactors:\n  - { id: a, name: A, kind: pharma }\nrelationships:\n  - { from: a, to: ghost, kind: data }\n',
    );
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:4:`);
    expect(r.stderr).toContain('actors[0].kind: unknown actor kind "pharma"');
    expect(r.stderr).toMatch(/:6:\d+: relationships\[0\]\.to: unknown actor id "ghost"/);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^valueweb: .*2 problems, nothing written$/);
  });

  it('says so in one line when a file is not there or is not YAML', async () => {
    const r = await runCli(['validate', join(tmp, 'missing.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`valueweb: cannot read ${join(tmp, 'missing.yaml')}: no such file`);
    const file = join(tmp, 'broken.json');
    writeFileSync(file, '{"valueweb": 1,,}');
    const b = await runCli(['validate', file]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/broken\.json:1:\d+: \(document\): invalid JSON/);
  });

  it('prints the JSON Schema', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.properties).toHaveProperty('actors');
  });

  it('analyze reads a document with no store, as text and as JSON', async () => {
    const text = await runCli(['analyze', example]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/49 actors, 122 relationships, 4 partnerships/);
    const json = await runCli(['analyze', example, '--json', '--today', '2026-11-23']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.counts).toMatchObject({ actors: 49, relationships: 122, partnerships: 4 });
    expect(report.actorKinds).toHaveProperty('biopharma');
    expect(report.network.betweennessMethod).toMatchObject({ method: 'exact', errorBound: 0 });
    // Above the limit, betweenness is sampled and says from how many sources, with its error bound.
    const sampled = JSON.parse(
      (
        await runCli([
          'analyze',
          example,
          '--json',
          '--today',
          '2026-11-23',
          '--exact-betweenness-limit',
          '10',
        ])
      ).stdout,
    );
    expect(sampled.network.betweennessMethod).toMatchObject({ method: 'sampled', samples: 49 });
    const bad = await runCli(['analyze', example, '--exact-betweenness-limit', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--exact-betweenness-limit many: expected a whole number/);
  });

  it('rejects unknown commands and bad flags with exit 2', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['export', 'x', '--format', 'xml'])).code).toBe(2);
  });
});

describe('valueweb with the embedded store', () => {
  it('imports, lists, exports an equal document, and refuses a duplicate without --replace', async () => {
    const env = { VALUEWEB_DATA_DIR: dataDir() };
    const imp = await runCli(['import', example], env);
    expect(imp.stderr).toBe('');
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(
      /Imported ecosystem "rare-disease-ecosystem": 49 actors, 122 relationships, 4 partnerships/,
    );
    const list = await runCli(['ecosystems', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([
      {
        id: 'rare-disease-ecosystem',
        name: 'European Rare Disease Ecosystem',
        actors: 49,
        relationships: 122,
        partnerships: 4,
      },
    ]);
    const out = join(tmp, 'exported.json');
    expect((await runCli(['export', 'rare-disease-ecosystem', '-o', out], env)).code).toBe(0);
    const original = readDocument(readFileSync(example, 'utf8'));
    const exported = readDocument(readFileSync(out, 'utf8'), { file: out });
    expect(exported.ok && exported.document).toEqual(original.ok && original.document);
    const dup = await runCli(['import', example], env);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists \(use --replace/);
    const rep = await runCli(['import', example, '--replace'], env);
    expect(rep.code).toBe(0);
    expect(rep.stdout).toMatch(/Replaced .* snapshot/);
  });

  it('writes nothing when the file has a problem', async () => {
    const env = { VALUEWEB_DATA_DIR: dataDir() };
    const bad = join(tmp, 'bad-import.yaml');
    writeFileSync(bad, readFileSync(example, 'utf8').replace(/kind: provider/, 'kind: hospital'));
    const r = await runCli(['import', bad], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown actor kind "hospital"/);
    expect(JSON.parse((await runCli(['ecosystems', '--json'], env)).stdout)).toEqual([]);
  });

  it('imports actors and relationships from CSV files', async () => {
    const env = { VALUEWEB_DATA_DIR: dataDir() };
    const actors = join(tmp, 'actors.csv');
    const rels = join(tmp, 'rels.csv');
    writeFileSync(
      actors,
      'id,name,kind,capabilities,needs\na,Alpha,biopharma,trials;regulatory,data\nb,Beta,provider,data,\n',
    );
    writeFileSync(rels, 'from,to,kind,flows\na,b,research,data;money\n');
    const r = await runCli(
      [
        'import',
        '--actors',
        actors,
        '--relationships',
        rels,
        '--ecosystem-id',
        'csv-eco',
        '--name',
        'From CSV',
      ],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const exp = await runCli(['export', 'csv-eco', '--format', 'json'], env);
    expect(JSON.parse(exp.stdout)).toMatchObject({
      ecosystem: { id: 'csv-eco', name: 'From CSV' },
      actors: [{ id: 'a', capabilities: ['trials', 'regulatory'] }, { id: 'b' }],
    });
    writeFileSync(rels, 'from,to,kind\na,zz,research\n');
    const bad = await runCli(
      ['import', '--actors', actors, '--relationships', rels, '--ecosystem-id', 'csv-2'],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${rels}:2:2: relationships[0].to: unknown actor id "zz"`);
  });

  it.skipIf(!existsSync(join(REPO, '../shared/data/camara_landscape.yml')))(
    'imports a landscape.yml with warnings located by line',
    async () => {
      const env = { VALUEWEB_DATA_DIR: dataDir() };
      const r = await runCli(
        [
          'import',
          '--landscape',
          join(REPO, '../shared/data/camara_landscape.yml'),
          '--ecosystem-id',
          'camara',
        ],
        env,
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Imported ecosystem "camara": 188 actors/);
      expect(r.stderr).toMatch(/warning: .*camara_landscape\.yml:\d+:\d+: landscape\[\d+\]/);
    },
  );

  it('names a PostgreSQL server that does not answer, and exits 1', async () => {
    const r = await runCli(['ecosystems'], { DATABASE_URL: 'postgres://someone:hunter2@127.0.0.1:1/none' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^valueweb: the PostgreSQL server at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/none does not answer/,
    );
    expect(r.stderr).not.toContain('hunter2');
  });

  it('serve --demo loads the demo on first start, prints the URL, and a second server on the same directory is refused', async () => {
    const dir = dataDir();
    const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--port', '0', '--data-dir', dir], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH ?? '',
        VALUEWEB_LOG_LEVEL: 'warn',
        VALUEWEB_ADMIN_EMAIL: 'admin@cli.test',
        VALUEWEB_ADMIN_PASSWORD: 'cli-admin-password',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /running at (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)));
      });
      expect(out).toMatch(/Created the first administrator: admin@cli\.test/);
      expect(out).toMatch(/Loaded demo ecosystem "European Rare Disease Ecosystem"/);
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(out).toMatch(/Demo logins/);
      expect(out).toMatch(/member@nordgen\.demo\.valueweb\.local\s+member/);
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@cli.test', password: 'cli-admin-password' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const list = (await (await fetch(`${url}/api/v1/ecosystems`, { headers: { cookie } })).json()) as {
        items: { id: string }[];
      };
      expect(list.items.map((e) => e.id).sort()).toEqual([
        'rare-disease-ecosystem',
        'river-restoration-coalition',
      ]);
      const second = await runCli(['ecosystems', '--data-dir', dir]);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/in use by another Valueweb process \(pid \d+\)/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(existsSync(join(dir, 'valueweb.lock'))).toBe(false);
  });
});

describe('valueweb with a PostgreSQL server', () => {
  it('imports into and exports from the server given by DATABASE_URL', async (ctx) => {
    const db = await createServerTestDatabase();
    if (!db) return ctx.skip();
    try {
      const env = { DATABASE_URL: db.url };
      expect((await runCli(['import', example], env)).code).toBe(0);
      const list = await runCli(['ecosystems', '--json'], env);
      expect(JSON.parse(list.stdout)[0]).toMatchObject({ id: 'rare-disease-ecosystem', actors: 49 });
      expect((await runCli(['migrate'], env)).stdout).toMatch(/current/);
    } finally {
      await db.drop();
    }
  });
});
