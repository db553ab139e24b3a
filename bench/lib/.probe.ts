import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../scripts/lib/free-port.ts';
import { runLoad, startBoxProcess, stopAll } from './processes.ts';
const dir = mkdtempSync('/tmp/sbench/p-');
const box = await startBoxProcess(join(dir, 'box'), await freePort());
try {
  const post = async (p: string, b: unknown) => (await fetch(box.url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) })).json() as Promise<any>;
  await post('/api/v1/venues', { id: 'probe', name: 'P' });
  const t = (await post('/api/v1/venues/probe/tournaments', { name: 'P' })).tournament.id;
  await post(`/api/v1/tournaments/${t}/commands`, { commandId: 'o', type: 'OpenRegistration', payload: {} });
  const n = Number(process.argv[2] ?? 1000);
  const t0 = performance.now();
  const f: any = await runLoad({ kind: 'fanout', wsUrl: `${box.url.replace('http', 'ws')}/api/v1/tournaments/${t}/live?after=2`, commandUrl: `${box.url}/api/v1/tournaments/${t}/commands`, followers: n, commands: 2, prefix: 'f', connectConcurrency: 64 }, 600000);
  console.log(JSON.stringify(f), performance.now() - t0);
} catch (e) { console.log(String(e).slice(0, 3000)); } finally { await box.stop(); await stopAll(); }
