/**
 * Child process for the crash test: writes organizations in a loop and prints
 * "ack <n>" after each write is committed. The test kills it with SIGKILL.
 */
import { Store } from '../src/index.ts';

const [mode, target] = process.argv.slice(2);
const store = await Store.open(mode === 'server' ? { databaseUrl: target! } : { dataDir: target! });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  await store.people.createOrganization(`crash-${i}`);
  process.stdout.write(`ack ${i}\n`);
}
