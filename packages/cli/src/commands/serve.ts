/** `valueweb serve`: start the platform. */
import { InvalidArgumentError, type Command } from 'commander';
import { ENVIRONMENT, startServer } from '@valueweb/server';
import { configFrom, parsePort, storeOptions } from '../options.ts';
import { demoDocuments } from '../demo.ts';

export function registerServeCommand(program: Command): void {
  storeOptions(
    program
      .command('serve')
      .description(
        'start the Valueweb server (embedded database unless DATABASE_URL or --database-url is set)',
      )
      .option('-p, --port <port>', 'port to listen on (env PORT, default 3000; 0 picks a free port)', (v) => {
        try {
          return parsePort(v);
        } catch (e) {
          throw new InvalidArgumentError((e as Error).message);
        }
      })
      .option('--host <host>', 'address to listen on (env VALUEWEB_HOST, default 127.0.0.1)')
      .option('--demo', 'load the demo ecosystems on first start (when the store is empty)'),
  )
    .addHelpText(
      'after',
      `\nEnvironment:\n${Object.entries(ENVIRONMENT)
        .map(([k, v]) => `  ${k.padEnd(28)} ${v}`)
        .join('\n')}`,
    )
    .action(
      async (opts: {
        port?: number;
        host?: string;
        dataDir?: string;
        databaseUrl?: string;
        demo?: boolean;
      }) => {
        const config = configFrom(opts);
        const server = await startServer({
          config,
          ...(opts.demo ? { demoDocuments: demoDocuments() } : {}),
        });
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.stdout.write('\nStopping Valueweb…\n');
            server.close().then(resolve, resolve);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      },
    );
}
