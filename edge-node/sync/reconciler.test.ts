import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LibsqlStorage } from '../../durable-objects/storage/libsql.ts';
import { openLibsqlFile } from '../../durable-objects/storage/libsql-open.ts';
import { freePort } from '../../scripts/lib/free-port.ts';
import { OFFLINE_WARNING_MS, Reconciler } from './reconciler.ts';

describe('the box offline for days', () => {
  it('given no cloud for 72 hours (clock passed in), then the status warns staff, and not before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'felt-offline-'));
    const client = await openLibsqlFile(join(dir, 'felt.db'));
    try {
      const storage = new LibsqlStorage(client);
      await storage.migrate();
      // A real cloud address with nothing listening: every attempt fails as with the line down.
      const cloudUrl = `http://127.0.0.1:${await freePort()}`;
      let now = Date.UTC(2026, 10, 20, 18, 0, 0);
      const reconciler = new Reconciler({
        pairing: {
          cloudUrl,
          venueId: 'v',
          boxId: 'box_1',
          credential: 'box_1.x',
          name: 'Box',
          pairedAt: now,
        },
        dataDir: dir,
        localUrl: 'http://127.0.0.1:1',
        localKey: 'k',
        storage,
        now: () => now,
      });
      await reconciler.runOnce();
      expect(reconciler.status()).toMatchObject({ paired: true, cloudReachable: false, warning: null });
      expect(reconciler.status().lastError).toMatch(/fetch failed|ECONNREFUSED/);
      now += OFFLINE_WARNING_MS - 3600_000;
      await reconciler.runOnce();
      expect(reconciler.status().warning).toBeNull();
      now += 2 * 3600_000;
      await reconciler.runOnce();
      expect(reconciler.status().warning).toMatch(/No contact with the cloud for 73 hours/);
      // felt-box status reads the same from the data folder.
      const file = JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8')) as { warning: string };
      expect(file.warning).toMatch(/73 hours/);
    } finally {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
