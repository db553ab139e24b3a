/**
 * The directory's index of venues and boxes, for support staff finding "the club called
 * Riverside", a public code a player read out, or a box id from `felt-box status`. It holds
 * names and ids only: a venue's data stays in its own object.
 */
import { normalizeName } from '../../engine/players/normalize.ts';
import type { StoragePort } from '../storage/port.ts';

const VENUES = 'dir:venues';
const BOXES = 'dir:boxes';
const CODES = 'dir:codes';

export interface IndexedVenue {
  readonly id: string;
  readonly name: string;
  readonly code: string | null;
}

export interface IndexedBox {
  readonly id: string;
  readonly venueId: string;
  readonly name: string;
}

export interface FoundVenue extends IndexedVenue {
  /** Why it matched: the query was its id, its public code, one of its boxes, or its name. */
  readonly matched: 'id' | 'code' | 'box' | 'name';
  readonly box?: IndexedBox;
}

export const MAX_FOUND = 20;

export class VenueIndex {
  readonly #port: StoragePort;

  constructor(port: StoragePort) {
    this.#port = port;
  }

  async putVenue(venue: IndexedVenue, now: number): Promise<void> {
    await this.#port.batch([
      { op: 'meta', scope: VENUES, key: venue.id, value: JSON.stringify(venue), updatedAt: now },
    ]);
  }

  /** A venue renamed: the index follows (nothing when the venue was never indexed). */
  async renameVenue(venueId: string, name: string, now: number): Promise<void> {
    const current = await this.#venue(venueId);
    if (current && current.name !== name) await this.putVenue({ ...current, name }, now);
  }

  async putBox(box: IndexedBox, now: number): Promise<void> {
    await this.#port.batch([
      { op: 'meta', scope: BOXES, key: box.id, value: JSON.stringify(box), updatedAt: now },
    ]);
  }

  async #venue(id: string): Promise<IndexedVenue | null> {
    const v = await this.#port.getMeta(VENUES, id);
    return v ? (JSON.parse(v) as IndexedVenue) : null;
  }

  /** Exact id, code and box matches first, then names containing every word of the query. */
  async find(query: string): Promise<FoundVenue[]> {
    const q = query.trim();
    if (q === '') return [];
    const found = new Map<string, FoundVenue>();
    const add = (v: IndexedVenue | null, matched: FoundVenue['matched'], box?: IndexedBox) => {
      if (v && !found.has(v.id)) found.set(v.id, { ...v, matched, ...(box && { box }) });
    };
    add(await this.#venue(q), 'id');
    const byCode = await this.#port.getMeta(CODES, q.toUpperCase());
    if (byCode) add(await this.#venue(byCode), 'code');
    const boxText = await this.#port.getMeta(BOXES, q);
    if (boxText) {
      const box = JSON.parse(boxText) as IndexedBox;
      add(await this.#venue(box.venueId), 'box', box);
    }
    const words = normalizeName(q).split(' ').filter(Boolean);
    if (words.length > 0) {
      for (const row of await this.#port.listMeta(VENUES)) {
        if (found.size >= MAX_FOUND) break;
        const v = JSON.parse(row.value) as IndexedVenue;
        const name = normalizeName(v.name);
        if (words.every((w) => name.includes(w))) add(v, 'name');
      }
    }
    return [...found.values()].slice(0, MAX_FOUND);
  }
}
