import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LibsqlStorage } from '../storage/libsql.ts';
import { openLibsqlFile } from '../storage/libsql-open.ts';
import { CASH_LOG, CashRoom } from './cash-room.ts';

describe('the cash room on the storage port', () => {
  it('given 250 joins, when it wakes again, then the snapshot and the tail give the same room', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'felt-cash-'));
    const client = await openLibsqlFile(join(dir, 'felt.db'));
    try {
      const port = new LibsqlStorage(client);
      await port.migrate();
      const room = await CashRoom.load(port);
      expect((await room.command('g', { type: 'CreateGame', gameId: 'nlh', name: 'NLH' }, 1)).ok).toBe(true);
      for (let i = 0; i < 250; i++) {
        const answer = await room.command(
          `j${i}`,
          { type: 'JoinWaitlist', gameId: 'nlh', playerId: `p${i}`, name: `P ${i}`, source: 'floor' },
          1000 + i,
        );
        expect(answer.ok).toBe(true);
        // Joining twice is refused, and the refusal stores nothing.
        if (i === 10) {
          const twice = await room.command(
            'again',
            { type: 'JoinWaitlist', gameId: 'nlh', playerId: 'p10', name: 'P 10', source: 'floor' },
            2000,
          );
          expect(twice).toMatchObject({ ok: false, error: { code: 'ALREADY_WAITING' } });
        }
      }
      // A repeated command answers as the first and appends nothing.
      const repeat = await room.command('j3', { type: 'LeaveWaitlist', gameId: 'nlh', playerId: 'p3' }, 3000);
      expect(repeat).toMatchObject({ ok: true, repeated: true, seq: 5 });
      expect(room.seq).toBe(251);
      const snapshot = await port.loadSnapshot(CASH_LOG);
      expect(snapshot?.seq).toBe(200);
      const again = await CashRoom.load(port);
      expect(again.seq).toBe(251);
      expect(again.state).toEqual(room.state);
      expect(again.state.games.nlh?.waitlist.map((w) => w.playerId)).toEqual(
        Array.from({ length: 250 }, (_, i) => `p${i}`),
      );
    } finally {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
