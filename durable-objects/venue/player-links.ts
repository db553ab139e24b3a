/**
 * Links between a venue's player records and players' Felt accounts (directory/identities.ts),
 * kept in the venue's own object: the venue decides (it issues a one-time code for a record)
 * and the player decides (they type it into their account). The venue knows only an opaque
 * account id — never the email, never the account's other venues — and the account reads only
 * the records linked to it.
 *
 * A link is to a record's merge group: the surviving record and every record merged into it
 * (engine/players resolvePlayer). A link on a record that was later merged away follows to the
 * survivor; a group holding links of two different accounts belongs to neither until the
 * venue unlinks one (merging two linked records is refused in the first place, assertMergeable).
 */
import { resolvePlayer } from '../../engine/players/players.ts';
import type { Player } from '../../engine/players/types.ts';
import type { StoragePort, WriteOp } from '../storage/port.ts';
import { notFound, VenueError } from './answer.ts';
import { randomCode, sha256Hex } from './staff-rules.ts';
import type { VenueStore } from './venue-store.ts';

/** A code lives a day: long enough to sign up at home after the night, short enough to not linger. */
export const LINK_CODE_TTL_MS = 24 * 3600 * 1000;
/** The secret part of a code (the venue's public code goes in front): 8 of 32 letters = 40 bits. */
export const LINK_SECRET_LENGTH = 8;
export const FORGOTTEN_NAME = 'Deleted player';

export type LinkRow =
  | { readonly state: 'linked'; readonly identityId: string; readonly linkedAt: number }
  /** The player deleted their account: the record was anonymised and cannot be linked again. */
  | { readonly state: 'forgotten'; readonly at: number };

export interface LinkCode {
  readonly playerId: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly issuedBy: string;
}

export interface LinkStatus {
  readonly linked: boolean;
  readonly linkedAt: number | null;
  readonly forgotten: boolean;
  /** The pending code's times (the code itself is shown once, when issued). */
  readonly code: { readonly issuedAt: number; readonly expiresAt: number } | null;
}

export interface LinkedHistoryRow {
  readonly tournamentId: string;
  readonly tournamentName: string;
  readonly status: string | null;
  readonly at: number;
  readonly entryIds: readonly string[];
  readonly place: number | null;
  readonly prize: number;
}

export interface LinkedRecord {
  readonly playerId: string;
  readonly name: string;
  readonly linkedAt: number;
  readonly history: readonly LinkedHistoryRow[];
}

export interface VenueRecords {
  readonly venue: { readonly id: string; readonly name: string; readonly currency: string };
  readonly records: readonly LinkedRecord[];
}

const scopes = (venueId: string) => ({
  links: `v:${venueId}:felt-links`,
  codes: `v:${venueId}:felt-link-codes`,
});

/** The surviving record of an id and the ids of its whole merge group. */
export function mergeGroup(
  players: ReadonlyMap<string, Player>,
  playerId: string,
): { survivor: Player; ids: readonly string[] } | null {
  const survivor = resolvePlayer(players, playerId);
  if (!survivor) return null;
  return { survivor, ids: [survivor.id, ...survivor.mergedFrom] };
}

/** Who a group belongs to: one account, none, or a conflict (two accounts' links in one group). */
export function groupOwner(
  links: ReadonlyMap<string, LinkRow>,
  ids: readonly string[],
): { identityId: string; linkedAt: number } | 'none' | 'conflict' | 'forgotten' {
  const rows = ids.map((id) => links.get(id)).filter((r): r is LinkRow => r !== undefined);
  if (rows.some((r) => r.state === 'forgotten')) return 'forgotten';
  const linked = rows.filter((r) => r.state === 'linked');
  const first = linked[0];
  if (!first) return 'none';
  if (linked.some((r) => r.identityId !== first.identityId)) return 'conflict';
  return { identityId: first.identityId, linkedAt: Math.min(...linked.map((r) => r.linkedAt)) };
}

export class PlayerLinks {
  readonly #port: StoragePort;
  readonly #store: VenueStore;
  readonly #scopes: ReturnType<typeof scopes>;

  constructor(port: StoragePort, store: VenueStore) {
    this.#port = port;
    this.#store = store;
    this.#scopes = scopes(store.venueId);
  }

  async links(): Promise<Map<string, LinkRow>> {
    const rows = await this.#port.listMeta(this.#scopes.links);
    return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as LinkRow]));
  }

  async codes(): Promise<Map<string, LinkCode>> {
    const rows = await this.#port.listMeta(this.#scopes.codes);
    return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as LinkCode]));
  }

  #op(scope: string, key: string, value: unknown, now: number): WriteOp {
    return { op: 'meta', scope, key, value: value === null ? null : JSON.stringify(value), updatedAt: now };
  }

  #group(playerId: string): { survivor: Player; ids: readonly string[] } {
    const g = mergeGroup(this.#store.players, playerId);
    if (!g) throw notFound('player', playerId);
    return g;
  }

  async status(playerId: string, now: number): Promise<LinkStatus> {
    const { ids } = this.#group(playerId);
    const owner = groupOwner(await this.links(), ids);
    const pending = [...(await this.codes()).values()]
      .filter((c) => ids.includes(c.playerId) && c.expiresAt > now)
      .sort((a, b) => b.issuedAt - a.issuedAt)[0];
    return {
      linked: typeof owner === 'object' || owner === 'conflict',
      linkedAt: typeof owner === 'object' ? owner.linkedAt : null,
      forgotten: owner === 'forgotten',
      code: pending ? { issuedAt: pending.issuedAt, expiresAt: pending.expiresAt } : null,
    };
  }

  /** Codes of the group (and any expired code) to delete: re-issuing or revoking ends them. */
  #stale(codes: ReadonlyMap<string, LinkCode>, ids: readonly string[], now: number): WriteOp[] {
    return [...codes]
      .filter(([, c]) => ids.includes(c.playerId) || c.expiresAt <= now)
      .map(([hash]) => this.#op(this.#scopes.codes, hash, null, now));
  }

  /** A new one-time code for a record; the group's earlier code stops working. */
  async issue(
    playerId: string,
    issuedBy: string,
    now: number,
  ): Promise<{ secret: string; expiresAt: number; ops: WriteOp[]; survivorId: string }> {
    const { survivor, ids } = this.#group(playerId);
    const owner = groupOwner(await this.links(), ids);
    if (owner === 'forgotten') {
      throw new VenueError(
        409,
        'PLAYER_FORGOTTEN',
        'This player deleted their Felt account: the record was anonymised',
      );
    }
    if (owner !== 'none') {
      throw new VenueError(
        409,
        'PLAYER_ALREADY_LINKED',
        `${survivor.name} is already linked to a Felt account: unlink first`,
      );
    }
    const codes = await this.codes();
    let secret = randomCode(LINK_SECRET_LENGTH);
    while (codes.has(await sha256Hex(secret))) secret = randomCode(LINK_SECRET_LENGTH);
    const expiresAt = now + LINK_CODE_TTL_MS;
    const code: LinkCode = { playerId: survivor.id, issuedAt: now, expiresAt, issuedBy };
    return {
      secret,
      expiresAt,
      survivorId: survivor.id,
      ops: [
        ...this.#stale(codes, ids, now),
        this.#op(this.#scopes.codes, await sha256Hex(secret), code, now),
      ],
    };
  }

  /** Deletes the group's pending code (the venue's undo of issuing it); false when there was none. */
  async revoke(playerId: string, now: number): Promise<{ ops: WriteOp[]; revoked: boolean }> {
    const { ids } = this.#group(playerId);
    const codes = await this.codes();
    const live = [...codes.values()].some((c) => ids.includes(c.playerId) && c.expiresAt > now);
    return { ops: this.#stale(codes, ids, now), revoked: live };
  }

  /**
   * The player typed a code: the record it was issued for (followed to its survivor, if it has
   * been merged since) is linked to the account. Single use; a record another account holds is
   * refused. Typing a code for a record already linked to this account links nothing new.
   */
  async redeem(
    secret: string,
    identityId: string,
    now: number,
  ): Promise<{ ops: WriteOp[]; playerId: string; name: string }> {
    const hash = await sha256Hex(secret);
    const codes = await this.codes();
    const code = codes.get(hash);
    if (!code || code.expiresAt <= now) {
      throw new VenueError(
        404,
        'LINK_CODE_NOT_FOUND',
        'This link code is wrong, was replaced, or has expired: ask the venue for a new one',
      );
    }
    const { survivor, ids } = this.#group(code.playerId);
    const owner = groupOwner(await this.links(), ids);
    const used = this.#op(this.#scopes.codes, hash, null, now);
    if (
      owner === 'forgotten' ||
      owner === 'conflict' ||
      (typeof owner === 'object' && owner.identityId !== identityId)
    ) {
      throw new VenueError(
        409,
        'PLAYER_ALREADY_LINKED',
        'This player record is linked to another Felt account: ask the venue',
      );
    }
    const link: LinkRow = { state: 'linked', identityId, linkedAt: now };
    return {
      ops: owner === 'none' ? [used, this.#op(this.#scopes.links, survivor.id, link, now)] : [used],
      playerId: survivor.id,
      name: survivor.name,
    };
  }

  /** Removes every link of the group (the venue unlinks, or the account holder does). */
  async unlink(playerId: string, identityId: string | null, now: number): Promise<WriteOp[]> {
    const { ids } = this.#group(playerId);
    const links = await this.links();
    const owner = groupOwner(links, ids);
    if (identityId !== null && !(typeof owner === 'object' && owner.identityId === identityId)) {
      // The account holder names only their own records: another record is "not found".
      throw notFound('linked player', playerId);
    }
    if (owner === 'none' || owner === 'forgotten') {
      throw new VenueError(409, 'PLAYER_NOT_LINKED', 'This player is not linked to a Felt account');
    }
    return ids
      .filter((id) => links.get(id)?.state === 'linked')
      .map((id) => this.#op(this.#scopes.links, id, null, now));
  }

  /** The survivors whose whole group belongs to this account. */
  async ownedBy(
    identityId: string,
  ): Promise<{ survivor: Player; ids: readonly string[]; linkedAt: number }[]> {
    const links = await this.links();
    const seen = new Set<string>();
    const out: { survivor: Player; ids: readonly string[]; linkedAt: number }[] = [];
    for (const [playerId, row] of links) {
      if (row.state !== 'linked' || row.identityId !== identityId) continue;
      const g = mergeGroup(this.#store.players, playerId);
      if (!g || seen.has(g.survivor.id)) continue;
      seen.add(g.survivor.id);
      const owner = groupOwner(links, g.ids);
      if (typeof owner === 'object' && owner.identityId === identityId)
        out.push({ ...g, linkedAt: owner.linkedAt });
    }
    return out;
  }

  /** What the account holder reads: their records' names and results, nothing else of the venue. */
  async records(identityId: string): Promise<LinkedRecord[]> {
    return (await this.ownedBy(identityId)).map(({ survivor, linkedAt }) => ({
      playerId: survivor.id,
      name: survivor.name,
      linkedAt,
      history: survivor.history.map((h) => {
        const listing = this.#store.tournaments.get(h.tournamentId);
        return {
          tournamentId: h.tournamentId,
          tournamentName: listing?.name ?? 'Tournament',
          status: listing?.status ?? null,
          at: h.at,
          entryIds: h.entryIds,
          place: h.place,
          prize: h.prize,
        };
      }),
    }));
  }

  /**
   * The account is being deleted: each of its records here is anonymised (name replaced,
   * contact details and staff notes removed, hidden from public display), its results kept for
   * the tournaments' sake, its links and pending codes removed, and it is marked forgotten.
   */
  async forget(
    identityId: string,
    now: number,
  ): Promise<{ players: Player[]; ops: WriteOp[]; playerIds: string[] }> {
    const owned = await this.ownedBy(identityId);
    const links = await this.links();
    const codes = await this.codes();
    const players: Player[] = [];
    const ops: WriteOp[] = [];
    for (const { survivor, ids } of owned) {
      for (const id of ids) {
        const p = this.#store.players.get(id);
        if (p) players.push(anonymised(p, now));
        if (links.has(id)) ops.push(this.#op(this.#scopes.links, id, null, now));
      }
      ops.push(
        this.#op(this.#scopes.links, survivor.id, { state: 'forgotten', at: now } satisfies LinkRow, now),
      );
      ops.push(...this.#stale(codes, ids, now));
    }
    // The forgotten mark replaces the survivor's link row: keep the last write for a key.
    const last = new Map(ops.map((o) => [o.op === 'meta' ? `${o.scope}|${o.key}` : '', o]));
    return { players, ops: [...last.values()], playerIds: owned.map((o) => o.survivor.id) };
  }
}

/** A record with nothing left that names or reaches the person; results and merges kept. */
export function anonymised(p: Player, now: number): Player {
  return {
    ...p,
    name: FORGOTTEN_NAME,
    nickname: null,
    email: null,
    phone: null,
    notes: null,
    display: 'hidden',
    updatedAt: now,
  };
}

/** Two records linked to two different accounts are not merged: the venue unlinks one first. */
export async function assertMergeable(port: StoragePort, store: VenueStore, keepId: string, dropId: string) {
  const links = await new PlayerLinks(port, store).links();
  const a = mergeGroup(store.players, keepId);
  const b = mergeGroup(store.players, dropId);
  if (!a || !b) return;
  const owner = groupOwner(links, [...a.ids, ...b.ids]);
  if (owner === 'conflict' || owner === 'forgotten') {
    throw new VenueError(
      409,
      'PLAYERS_LINKED_APART',
      owner === 'conflict'
        ? 'These records are linked to two different Felt accounts: unlink one before merging'
        : 'One of these records was anonymised at its player’s request and cannot be merged',
    );
  }
}
