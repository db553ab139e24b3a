/**
 * One Durable Object per venue for its cash games (apart from the VenueDO, so a room full of
 * phones on the list never waits on sign-ins): the cash room's single writer, its alarm for
 * calls that expire, and its live followers, the floor and the phones, over hibernatable
 * WebSockets. A thin adapter: the rules are engine/cash, the log is cash-room.ts.
 */
import { DurableObject } from 'cloudflare:workers';
import type { CashCommand } from '../../engine/cash/index.ts';
import { flushUsageFrom } from '../../workers/api/stubs.ts';
import type { Env } from '../../workers/env.ts';
import { acceptSocket, type SocketRole, send, sockets } from '../live/connections.ts';
import { storageFor } from '../storage/for-env.ts';
import { namespacedStorage } from '../storage/namespaced.ts';
import type { StoragePort, StoredEvent } from '../storage/port.ts';
import { countedStorage } from '../usage/counted.ts';
import { tally } from '../usage/venue-usage.ts';
import { sha256Hex } from '../venue/staff-rules.ts';
import { type CashAnswer, CashRoom } from './cash-room.ts';
import { PHONE_PREFIX, publicCashView, staffCashView } from './cash-view.ts';

const TICKETS = 'cash:tickets';
const OWN = 'cash:own';
const QUEUE = 'cash:queue';

/** A command the cloud holds for the box that runs the room (a phone's join from outside). */
export interface HeldCashCommand {
  readonly commandId: string;
  readonly command: CashCommand;
  readonly queuedAt: number;
}

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

export class CashDO extends DurableObject<Env> {
  readonly #storage: StoragePort;
  #room: Promise<CashRoom> | null = null;
  /** In the cloud: the box that runs this room (its pushes are the room), or null. */
  #home: string | null | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    tally.enableFrom(env);
    const venueId = ctx.id.name ?? ctx.id.toString();
    // Keyed by the venue: on the box every object shares one libSQL file (namespaced.ts).
    this.#storage = countedStorage(
      namespacedStorage(storageFor(env, ctx.storage), `${venueId}/cash`),
      () => venueId,
    );
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
    ctx.blockConcurrencyWhile(async () => {
      await this.#storage.migrate();
    });
  }

  #load(): Promise<CashRoom> {
    this.#room ??= CashRoom.load(this.#storage).catch((e: unknown) => {
      this.#room = null;
      throw e;
    });
    return this.#room;
  }

  async #homeBox(): Promise<string | null> {
    if (this.#home === undefined) this.#home = await this.#storage.getMeta(OWN, 'home');
    return this.#home;
  }

  async command(commandId: string, command: CashCommand): Promise<CashAnswer & { queued?: true }> {
    const room = await this.#load();
    if (this.env.FELT_RUNTIME === 'cloud' && (await this.#homeBox()) !== null) {
      // One writer: the venue's box runs the room. The cloud holds the command until it pulls.
      if ((await this.#storage.getMeta(QUEUE, commandId)) === null) {
        const held: HeldCashCommand = { commandId, command, queuedAt: Date.now() };
        await this.#storage.batch([
          { op: 'meta', scope: QUEUE, key: commandId, value: JSON.stringify(held), updatedAt: held.queuedAt },
        ]);
      }
      return { ok: true, seq: room.seq, repeated: false, events: [], queued: true };
    }
    const answer = await room.command(commandId, command, Date.now());
    if (answer.ok && !answer.repeated && answer.events.length > 0) {
      this.#fanOut(room);
      await this.#armAlarm(room);
    }
    if (tally.on) this.ctx.waitUntil(flushUsageFrom(this.env, Date.now()));
    return answer;
  }

  /**
   * Takes the events the venue's box pushed (its outbox). The first push makes the box the
   * room's home; a push from another box, or onto a room the cloud decided itself, is refused.
   */
  async acceptReplica(
    boxId: string,
    eventsJson: string,
  ): Promise<{ lastSeq: number; held: number } | { refused: string; home: string }> {
    const room = await this.#load();
    const home = await this.#homeBox();
    if (home === null) {
      if (room.seq > 0) return { refused: 'NOT_HOME', home: 'cloud' };
      await this.#storage.batch([
        { op: 'meta', scope: OWN, key: 'home', value: boxId, updatedAt: Date.now() },
      ]);
      this.#home = boxId;
    } else if (home !== boxId) {
      return { refused: 'NOT_HOME', home };
    }
    const before = room.seq;
    const lastSeq = await room.applyStored(JSON.parse(eventsJson) as Omit<StoredEvent, 'tournamentId'>[]);
    if (lastSeq > before) this.#fanOut(room);
    return { lastSeq, held: (await this.#storage.listMeta(QUEUE)).length };
  }

  /** Commands held for the home box, oldest first. */
  async heldCommands(boxId: string): Promise<HeldCashCommand[] | null> {
    if ((await this.#homeBox()) !== boxId) return null;
    const held = (await this.#storage.listMeta(QUEUE)).map((r) => JSON.parse(r.value) as HeldCashCommand);
    return held.sort((a, b) => a.queuedAt - b.queuedAt);
  }

  async ackHeld(boxId: string, commandIds: readonly string[]): Promise<number | null> {
    if ((await this.#homeBox()) !== boxId) return null;
    const now = Date.now();
    const ops = commandIds.map((key) => ({
      op: 'meta' as const,
      scope: QUEUE,
      key,
      value: null,
      updatedAt: now,
    }));
    if (ops.length > 0) await this.#storage.batch(ops);
    return ops.length;
  }

  async view(): Promise<string> {
    const room = await this.#load();
    return JSON.stringify(staffCashView(room.state, room.seq, Date.now()));
  }

  async publicView(): Promise<string> {
    const room = await this.#load();
    return JSON.stringify(publicCashView(room.state, room.seq, Date.now()));
  }

  /**
   * A player joins a list from a phone or the kiosk: a random id for the list and a secret
   * ticket only that phone holds, which is what leaving asks for (the id is public).
   */
  async joinFromPhone(
    gameId: string,
    name: string,
    source: 'phone' | 'kiosk',
  ): Promise<CashAnswer & { playerId?: string; ticket?: string }> {
    const playerId = `${PHONE_PREFIX}${randomHex(6)}`;
    const ticket = randomHex(16);
    const answer = await this.command(`join-${playerId}`, {
      type: 'JoinWaitlist',
      gameId,
      playerId,
      name,
      source,
    });
    if (!answer.ok) return answer;
    await this.#storage.batch([
      { op: 'meta', scope: TICKETS, key: await sha256Hex(ticket), value: playerId, updatedAt: Date.now() },
    ]);
    return { ...answer, playerId, ticket };
  }

  async leaveWithTicket(gameId: string, ticket: string): Promise<CashAnswer> {
    const playerId = await this.#storage.getMeta(TICKETS, await sha256Hex(ticket));
    if (!playerId)
      return {
        ok: false,
        error: { code: 'TICKET_UNKNOWN', message: 'This phone is not on a list', details: null },
      };
    return this.command(`leave-${playerId}-${Date.now()}`, { type: 'LeaveWaitlist', gameId, playerId });
  }

  /** Every follower gets the view of its channel (small: a room's games and lists). */
  #fanOut(room: CashRoom): void {
    const now = Date.now();
    const frames: Record<SocketRole, string> = {
      staff: JSON.stringify({ type: 'cash', view: staffCashView(room.state, room.seq, now) }),
      public: JSON.stringify({ type: 'cash', view: publicCashView(room.state, room.seq, now) }),
    };
    for (const role of ['staff', 'public'] as const)
      for (const ws of sockets(this.ctx, role)) send(ws, frames[role]);
  }

  async #armAlarm(room: CashRoom): Promise<void> {
    const next = room.nextExpiry();
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }

  /** Calls not answered in time: their players go off the list (engine: ExpireCalls). */
  override async alarm(): Promise<void> {
    const room = await this.#load();
    const now = Date.now();
    await this.command(`expire-${now}`, { type: 'ExpireCalls' });
    tally.add(this.ctx.id.name ?? '', { alarms: 1, doRequests: 1 });
    // A call whose moment came while this ran: the next alarm takes it.
    await this.#armAlarm(room);
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket')
      return Response.json(
        { error: { code: 'UPGRADE_REQUIRED', message: 'expected a WebSocket upgrade' } },
        { status: 426 },
      );
    const url = new URL(request.url);
    const role: SocketRole = url.searchParams.get('role') === 'staff' ? 'staff' : 'public';
    const room = await this.#load();
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    acceptSocket(this.ctx, server, { role, lastSeq: room.seq, connectedAt: Date.now() });
    const view =
      role === 'staff'
        ? staffCashView(room.state, room.seq, Date.now())
        : publicCashView(room.state, room.seq, Date.now());
    send(server, { type: 'cash', view });
    const protocol = url.searchParams.get('protocol');
    return new Response(null, {
      status: 101,
      webSocket: client,
      ...(protocol && { headers: { 'sec-websocket-protocol': protocol } }),
    });
  }

  override async webSocketMessage(): Promise<void> {
    // Followers only listen ("ping" is answered without waking the object).
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code, reason);
    } catch {
      // Already closed.
    }
  }
}
