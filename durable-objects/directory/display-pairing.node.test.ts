import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibsqlStorage } from '../storage/libsql.ts';
import { openLibsqlFile } from '../storage/libsql-open.ts';
import { VenueError } from '../venue/answer.ts';
import { DISPLAY_CODE_TTL_MS, DisplayPairing } from './display-pairing.ts';

describe('pairing a screen by its code (on libSQL)', () => {
  let dir: string;
  let close: () => void;
  let pairing: DisplayPairing;
  const T0 = 1_800_000_000_000;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'felt-pairing-'));
    const client = await openLibsqlFile(join(dir, 'felt.db'));
    close = () => client.close();
    const storage = new LibsqlStorage(client);
    await storage.migrate();
    pairing = new DisplayPairing(storage);
  });
  afterEach(() => {
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(VenueError);
    return e as VenueError;
  };

  it('gives a waiting screen a code, which staff use once to make it the venue’s', async () => {
    const { code, expiresAt } = await pairing.create('d1', 'hash-1', T0);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    expect(expiresAt).toBe(T0 + DISPLAY_CODE_TTL_MS);
    expect(await pairing.status('d1', 'hash-1', T0 + 1000)).toEqual({ state: 'pending', code, expiresAt });

    expect(await pairing.claim(code, 'demo', T0 + 2000)).toEqual({ displayId: 'd1', keyHash: 'hash-1' });
    expect(await pairing.status('d1', 'hash-1', T0 + 3000)).toEqual({ state: 'paired', venueId: 'demo' });
    // Used up: another venue cannot take the screen with the same code.
    expect((await refusal(pairing.claim(code, 'other', T0 + 4000))).code).toBe('PAIRING_CODE_NOT_FOUND');
  });

  it('tells nothing to a wrong key, and lets a code expire', async () => {
    const { code } = await pairing.create('d2', 'hash-2', T0);
    expect((await refusal(pairing.status('d2', 'hash-x', T0))).status).toBe(404);
    expect(await pairing.status('d2', 'hash-2', T0 + DISPLAY_CODE_TTL_MS)).toEqual({ state: 'expired' });
    expect((await refusal(pairing.claim(code, 'demo', T0 + DISPLAY_CODE_TTL_MS))).status).toBe(404);
  });

  it('marks a screen the venue removed, and only for that venue', async () => {
    const { code } = await pairing.create('d3', 'hash-3', T0);
    await pairing.claim(code, 'demo', T0);
    await pairing.remove('d3', 'other', T0);
    expect((await pairing.status('d3', 'hash-3', T0)).state).toBe('paired');
    await pairing.remove('d3', 'demo', T0);
    expect(await pairing.status('d3', 'hash-3', T0)).toEqual({ state: 'removed' });
  });

  it('sweeps expired unclaimed screens when new ones come', async () => {
    await pairing.create('old', 'hash-old', T0);
    await pairing.create('new', 'hash-new', T0 + DISPLAY_CODE_TTL_MS + 1);
    expect((await refusal(pairing.status('old', 'hash-old', T0 + DISPLAY_CODE_TTL_MS + 2))).status).toBe(404);
    expect((await pairing.status('new', 'hash-new', T0 + DISPLAY_CODE_TTL_MS + 2)).state).toBe('pending');
  });
});
