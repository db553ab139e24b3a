/**
 * Opens the box's libSQL database file with durability settings: WAL with synchronous=FULL
 * fsyncs every commit, so a batch that resolved survives a power cut.
 */
import { type Client, createClient } from '@libsql/client';

export async function openLibsqlFile(path: string): Promise<Client> {
  // One connection: per-connection pragmas (synchronous) then hold for every statement.
  const client = createClient({ url: `file:${path}`, concurrency: 1 });
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA synchronous = FULL');
  await client.execute('PRAGMA busy_timeout = 5000');
  return client;
}
