/**
 * Starting the platform: open and migrate the store, load the demo on first
 * start when asked, listen, and say where.
 */
import type { FastifyInstance } from 'fastify';
import type { EcosystemDocument } from '@valueweb/core';
import { Store } from '@valueweb/store';
import { buildApp } from './app.ts';
import { storeConfig, type Config } from './config.ts';
import { ensureAdmin, ensureDemo } from './bootstrap.ts';
import { loadSecretBox } from './webhooks/secret-box.ts';

const BOOTSTRAP_LOCK = 0x5641_4c56;

export interface StartOptions {
  config: Config;
  /** Documents to import on first start (when the store has no ecosystem yet). */
  demoDocuments?: EcosystemDocument[];
  /** Directory of the built web app (default: packages/web/dist when built). */
  webDir?: string | null;
  /** Where to print what a person needs to know (default console.log). */
  print?: (line: string) => void;
}

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  close(): Promise<void>;
}

/** Opens the store, loads demo data on first start, listens; returns the URL. */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const { config } = opts;
  const print = opts.print ?? ((l: string) => console.log(l));
  const store = await Store.open(storeConfig(config));
  try {
    if (opts.demoDocuments?.length) {
      const demoDocs = opts.demoDocuments;
      await store.db.withExclusiveLock(BOOTSTRAP_LOCK, async () => {
        const existing = await store.ecosystems.list();
        if (existing.length > 0) return;
        for (const doc of demoDocs) {
          const r = await store.ecosystems.import(doc, { audit: { via: 'system' } });
          print(
            `Loaded demo ecosystem "${doc.ecosystem.name}" (${r.counts.actors} actors, ${r.counts.relationships} relationships, ${r.counts.partnerships} partnerships)`,
          );
        }
      });
    }
    // Several instances may start at once on one PostgreSQL: bootstrap runs under a cluster-wide lock.
    const { admin, demo } = await store.db.withExclusiveLock(BOOTSTRAP_LOCK, async () => ({
      admin: await ensureAdmin(store, { email: config.adminEmail, password: config.adminPassword }),
      demo: opts.demoDocuments?.length ? await ensureDemo(store) : undefined,
    }));
    if (admin) {
      print(
        admin.password
          ? `Created the first administrator: ${admin.email} with one-time password ${admin.password} (change it after logging in)`
          : `Created the first administrator: ${admin.email}`,
      );
    }
    if (demo) {
      print(`Demo logins (all with password ${demo[0]!.password}):`);
      for (const u of demo) print(`  ${u.email.padEnd(42)} ${u.role.padEnd(12)} ${u.organization}`);
    }
    // The monitoring agent (schedule and runs after changes) and webhook deliveries with their sealed secrets.
    const key = loadSecretBox({
      secretKey: config.secretKey,
      dataDir: config.dataDir,
      storeKind: store.kind,
    });
    if (key.box && key.source === 'key file' && key.created)
      print(`Created ${key.file}: the key that seals webhook secrets (back it up with the data directory)`);
    if (!key.box) print(`Warning: ${key.reason}`);
    const monitor = {
      agent: {
        intervalMs: config.agentIntervalMinutes * 60_000,
        runAfterChanges: true,
        reminders: { leadDays: config.reminderLeadDays, criticalAfterDays: config.overdueCriticalDays },
      },
      webhooks: {
        box: key.box,
        ...(key.box ? {} : { disabledReason: key.reason }),
        allowPrivate: config.webhookAllowPrivate,
      },
    };
    const app = await buildApp({
      store,
      logLevel: config.logLevel,
      monitor,
      ...(opts.webDir !== undefined ? { webDir: opts.webDir } : {}),
    });
    await app.listen({ host: config.host, port: config.port });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
    print(
      `Valueweb is running at ${url}  (store: ${store.kind === 'embedded' ? `embedded, ${config.dataDir}` : store.db.where})`,
    );
    let closed = false;
    return {
      app,
      store,
      url,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
