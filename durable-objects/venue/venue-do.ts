/**
 * One Durable Object per venue (club): its settings and the list of its tournaments. Staff,
 * players, templates, displays and boxes join it in the venues issue. Storage through the port.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../workers/env.ts';
import { storageFor } from '../storage/for-env.ts';
import type { StoragePort } from '../storage/port.ts';

export interface Venue {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly locale: string;
  readonly timeZone: string;
  readonly createdAt: number;
}

export interface TournamentListing {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
}

export class VenueDO extends DurableObject<Env> {
  readonly #storage: StoragePort;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#storage = storageFor(env, ctx.storage);
    ctx.blockConcurrencyWhile(async () => {
      await this.#storage.migrate();
    });
  }

  async get(venueId: string): Promise<Venue | null> {
    const v = await this.#storage.getMeta(`venue:${venueId}`, 'venue');
    return v ? (JSON.parse(v) as Venue) : null;
  }

  /** Creates the venue; returns null when the id is taken. */
  async create(venue: Venue): Promise<Venue | null> {
    if (await this.get(venue.id)) return null;
    await this.#storage.batch([
      {
        op: 'meta',
        scope: `venue:${venue.id}`,
        key: 'venue',
        value: JSON.stringify(venue),
        updatedAt: Date.now(),
      },
    ]);
    return venue;
  }

  async addTournament(venueId: string, t: TournamentListing): Promise<void> {
    await this.#storage.batch([
      {
        op: 'meta',
        scope: `venue:${venueId}:tournaments`,
        key: t.id,
        value: JSON.stringify(t),
        updatedAt: Date.now(),
      },
    ]);
  }

  async listTournaments(venueId: string): Promise<TournamentListing[]> {
    return (await this.#storage.listMeta(`venue:${venueId}:tournaments`))
      .map((m) => JSON.parse(m.value) as TournamentListing)
      .sort((a, b) => a.createdAt - b.createdAt);
  }
}
