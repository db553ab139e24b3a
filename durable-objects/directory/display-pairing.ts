/**
 * Pairing a screen: a screen that opens /display knows no venue, so the directory (the one
 * object that is not per venue) holds its pending code until staff type it into their
 * console. The code is short (read across a room) and lives 15 minutes; the screen's own key
 * is long and random, and only its hash is stored.
 */
import type { StoragePort, WriteOp } from '../storage/port.ts';
import { VenueError } from '../venue/answer.ts';
import { randomCode, sameDigest } from '../venue/staff-rules.ts';

const CODES = 'dir:display-codes';
const SCREENS = 'dir:displays';
export const DISPLAY_CODE_TTL_MS = 15 * 60 * 1000;
export const DISPLAY_CODE_LENGTH = 6;
/** Unclaimed screens kept at once: a bound on what anyone on the internet can make us store. */
const MAX_PENDING = 2000;

interface ScreenRecord {
  readonly keyHash: string;
  readonly code: string | null;
  readonly expiresAt: number;
  readonly venueId: string | null;
  readonly removed: boolean;
}

export type ScreenStatus =
  | { readonly state: 'pending'; readonly code: string; readonly expiresAt: number }
  | { readonly state: 'expired' }
  | { readonly state: 'paired'; readonly venueId: string }
  | { readonly state: 'removed' };

export class DisplayPairing {
  readonly #port: StoragePort;

  constructor(port: StoragePort) {
    this.#port = port;
  }

  async #screen(displayId: string): Promise<ScreenRecord | null> {
    const v = await this.#port.getMeta(SCREENS, displayId);
    return v ? (JSON.parse(v) as ScreenRecord) : null;
  }

  #put(displayId: string, r: ScreenRecord | null, now: number): WriteOp {
    return { op: 'meta', scope: SCREENS, key: displayId, value: r && JSON.stringify(r), updatedAt: now };
  }

  /** A new screen with its code; expired unclaimed screens are swept on the way. */
  async create(
    displayId: string,
    keyHash: string,
    now: number,
  ): Promise<{ code: string; expiresAt: number }> {
    const pending = await this.#port.listMeta(CODES);
    const ops: WriteOp[] = [];
    let live = 0;
    for (const row of pending) {
      const screen = await this.#screen(row.value);
      if (!screen || screen.expiresAt <= now) {
        ops.push({ op: 'meta', scope: CODES, key: row.key, value: null, updatedAt: now });
        if (screen && screen.venueId === null) ops.push(this.#put(row.value, null, now));
      } else live += 1;
    }
    if (live >= MAX_PENDING) {
      if (ops.length) await this.#port.batch(ops);
      throw new VenueError(
        429,
        'TOO_MANY_PENDING_SCREENS',
        'Too many screens waiting to be paired: try again later',
      );
    }
    let code = randomCode(DISPLAY_CODE_LENGTH);
    while (pending.some((r) => r.key === code) || (await this.#port.getMeta(CODES, code)) !== null) {
      code = randomCode(DISPLAY_CODE_LENGTH);
    }
    const expiresAt = now + DISPLAY_CODE_TTL_MS;
    ops.push({ op: 'meta', scope: CODES, key: code, value: displayId, updatedAt: now });
    ops.push(this.#put(displayId, { keyHash, code, expiresAt, venueId: null, removed: false }, now));
    await this.#port.batch(ops);
    return { code, expiresAt };
  }

  /** What a screen is now; its key must match (a wrong key is told nothing). */
  async status(displayId: string, keyHash: string, now: number): Promise<ScreenStatus> {
    const screen = await this.#screen(displayId);
    if (!screen || !sameDigest(screen.keyHash, keyHash)) {
      throw new VenueError(404, 'DISPLAY_NOT_FOUND', `No display ${displayId} with this key`);
    }
    if (screen.removed) return { state: 'removed' };
    if (screen.venueId !== null) return { state: 'paired', venueId: screen.venueId };
    if (screen.code === null || screen.expiresAt <= now) return { state: 'expired' };
    return { state: 'pending', code: screen.code, expiresAt: screen.expiresAt };
  }

  /** Staff typed a code: the screen becomes the venue's. Single use. */
  async claim(code: string, venueId: string, now: number): Promise<{ displayId: string; keyHash: string }> {
    const displayId = await this.#port.getMeta(CODES, code);
    const screen = displayId ? await this.#screen(displayId) : null;
    if (!displayId || !screen || screen.venueId !== null || screen.expiresAt <= now) {
      throw new VenueError(
        404,
        'PAIRING_CODE_NOT_FOUND',
        `No screen is showing the code ${code}: check the code, or reload the screen for a new one`,
      );
    }
    await this.#port.batch([
      { op: 'meta', scope: CODES, key: code, value: null, updatedAt: now },
      this.#put(displayId, { ...screen, code: null, venueId }, now),
    ]);
    return { displayId, keyHash: screen.keyHash };
  }

  /** The venue removed the screen: it is told so and goes back to pairing with a new identity. */
  async remove(displayId: string, venueId: string, now: number): Promise<void> {
    const screen = await this.#screen(displayId);
    if (!screen || screen.venueId !== venueId) return;
    await this.#port.batch([this.#put(displayId, { ...screen, removed: true }, now)]);
  }
}
