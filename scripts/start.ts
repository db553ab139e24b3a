/**
 * `npm start`: builds the web app and the Worker, starts the local cloud stack (the Worker and
 * its Durable Objects in workerd, data in .felt/cloud), seeds the demo club on first start and
 * prints its URL. Port: FELT_PORT or 8787.
 */
import { join } from 'node:path';
import { build } from './build.ts';
import { startCloud } from './lib/cloud.ts';
import { ROOT } from './lib/paths.ts';
import { DEMO_OWNER, seedDemo } from './lib/seed.ts';

const portText = process.env.FELT_PORT ?? '8787';
const port = Number(portText);
if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
  console.error(`FELT_PORT must be a port number from 1 to 65535, got "${portText}"`);
  process.exit(2);
}

console.log('Building the web app and the Worker…');
await build({ quiet: true });
console.log('Starting the local cloud (workerd)…');
const cloud = await startCloud({ port, persistTo: join(ROOT, '.felt', 'cloud'), log: (l) => console.log(l) });
const seed = await seedDemo(cloud.url);
console.log(`
Felt is running at ${cloud.url}
  demo club:        ${cloud.url}/v/${seed.venueId}
  demo tournament:  ${cloud.url}/v/${seed.venueId}/t/${seed.tournamentId}
  staff sign-in:    ${cloud.url}/v/${seed.venueId}/staff   (${DEMO_OWNER.email} / ${DEMO_OWNER.password})
  API:              ${cloud.url}/api/v1/health, ${cloud.url}/api/v1/openapi.json
Press Ctrl-C to stop.`);

const shutdown = async () => {
  await cloud.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
const code = await cloud.exited;
console.error(`the local cloud stopped unexpectedly (${code})`);
process.exit(1);
