/**
 * A venue's screens and signage, one object per venue (kept out of the VenueDO so a wall of
 * TVs holding sockets never wakes, or waits on, the object that signs staff in). Screens
 * follow over hibernatable WebSockets tagged with their display id: a change of assignment,
 * an announcement or a new slide reaches each screen as one message, with no polling.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../workers/env.ts';
import { send } from '../live/connections.ts';
import { storageFor } from '../storage/for-env.ts';
import type { StoragePort, WriteOp } from '../storage/port.ts';
import { answer, notFound, VenueError } from '../venue/answer.ts';
import type { VenueAnswer } from '../venue/model.ts';
import { sameDigest } from '../venue/staff-rules.ts';
import {
  type Announcement,
  announcement,
  checkAssignment,
  DEFAULT_ASSIGNMENT,
  type DisplayAssignment,
  type DisplayMessage,
  type DisplayRecord,
  type DisplayView,
  decodeImage,
  displayView,
  type ImageType,
  liveAnnouncement,
  MAX_DISPLAYS,
  MAX_SLIDES,
  type SlideRecord,
  slidesInOrder,
} from './registry.ts';

const scopes = (venueId: string) => ({
  displays: `v:${venueId}:displays`,
  slides: `v:${venueId}:slides`,
  images: `v:${venueId}:slide-images`,
});

interface Attachment {
  readonly felt: { readonly displayId: string; readonly connectedAt: number };
}

export interface SlideInput {
  readonly title: string;
  readonly text: string;
  readonly order: number;
  /** A new picture, null to drop it, undefined to keep the one it has. */
  readonly image?: { readonly type: ImageType; readonly base64: string } | null;
}

export class DisplaysDO extends DurableObject<Env> {
  readonly #port: StoragePort;
  #venueId: string | null = null;
  readonly #displays = new Map<string, DisplayRecord>();
  readonly #slides = new Map<string, SlideRecord>();
  #loaded: Promise<void> | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#port = storageFor(env, ctx.storage);
    ctx.blockConcurrencyWhile(async () => {
      await this.#port.migrate();
    });
  }

  /** Loads the venue's records once per wake-up (the object may have hibernated). */
  #load(venueId: string): Promise<void> {
    if (this.#venueId !== null && this.#venueId !== venueId) {
      throw new Error(`displays object of ${this.#venueId} asked about ${venueId}`);
    }
    this.#venueId = venueId;
    this.#loaded ??= (async () => {
      const s = scopes(venueId);
      const [displays, slides] = await Promise.all([
        this.#port.listMeta(s.displays),
        this.#port.listMeta(s.slides),
      ]);
      for (const r of displays) this.#displays.set(r.key, JSON.parse(r.value) as DisplayRecord);
      for (const r of slides) this.#slides.set(r.key, JSON.parse(r.value) as SlideRecord);
    })().catch((e) => {
      this.#loaded = null;
      throw e;
    });
    return this.#loaded;
  }

  #op(scope: string, key: string, value: unknown, now: number): WriteOp {
    return { op: 'meta', scope, key, value: value === null ? null : JSON.stringify(value), updatedAt: now };
  }

  /** Stores a display durably, then keeps it in memory and tells its screen. */
  async #saveDisplay(venueId: string, d: DisplayRecord, now: number): Promise<void> {
    await this.#port.batch([this.#op(scopes(venueId).displays, d.id, d, now)]);
    this.#displays.set(d.id, d);
    this.#tell(d.id, now);
  }

  #online(displayId: string): boolean {
    return this.ctx.getWebSockets(displayId).length > 0;
  }

  #get(displayId: string): DisplayRecord {
    const d = this.#displays.get(displayId);
    if (!d) throw notFound('display', displayId);
    return d;
  }

  #message(d: DisplayRecord, now: number): DisplayMessage {
    return {
      type: 'display',
      venueId: this.#venueId ?? '',
      display: {
        id: d.id,
        name: d.name,
        assignment: d.assignment,
        announcement: liveAnnouncement(d.announcement, now),
      },
      slides: slidesInOrder(this.#slides.values()),
      serverTime: now,
    };
  }

  #tell(displayId: string, now: number): void {
    const d = this.#displays.get(displayId);
    if (!d) return;
    const message = JSON.stringify(this.#message(d, now));
    for (const ws of this.ctx.getWebSockets(displayId)) send(ws, message);
  }

  list(venueId: string): Promise<VenueAnswer<DisplayView[]>> {
    return answer(async () => {
      await this.#load(venueId);
      return [...this.#displays.values()]
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
        .map((d) => displayView(d, this.#online(d.id)));
    });
  }

  /** A screen staff paired (the directory has checked and used up its code). */
  add(
    venueId: string,
    input: {
      displayId: string;
      keyHash: string;
      name: string;
      pairedBy: string;
      assignment?: DisplayAssignment;
    },
  ): Promise<VenueAnswer<DisplayView>> {
    return answer(async () => {
      await this.#load(venueId);
      if (this.#displays.size >= MAX_DISPLAYS) {
        throw new VenueError(409, 'TOO_MANY_DISPLAYS', `A venue has at most ${MAX_DISPLAYS} screens`);
      }
      const now = Date.now();
      const d: DisplayRecord = {
        id: input.displayId,
        name: input.name,
        keyHash: input.keyHash,
        assignment: checkAssignment(input.assignment ?? DEFAULT_ASSIGNMENT),
        announcement: null,
        pairedAt: now,
        pairedBy: input.pairedBy,
        lastSeenAt: null,
      };
      await this.#saveDisplay(venueId, d, now);
      return displayView(d, this.#online(d.id));
    });
  }

  update(
    venueId: string,
    displayId: string,
    patch: { name?: string; assignment?: DisplayAssignment },
  ): Promise<VenueAnswer<DisplayView>> {
    return answer(async () => {
      await this.#load(venueId);
      const d = this.#get(displayId);
      const next: DisplayRecord = {
        ...d,
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.assignment !== undefined && { assignment: checkAssignment(patch.assignment) }),
      };
      await this.#saveDisplay(venueId, next, Date.now());
      return displayView(next, this.#online(displayId));
    });
  }

  /** Removes a screen: it is told, its socket closed; it goes back to showing a new code. */
  remove(venueId: string, displayId: string): Promise<VenueAnswer<true>> {
    return answer(async () => {
      await this.#load(venueId);
      this.#get(displayId);
      await this.#port.batch([this.#op(scopes(venueId).displays, displayId, null, Date.now())]);
      this.#displays.delete(displayId);
      for (const ws of this.ctx.getWebSockets(displayId)) {
        send(ws, { type: 'removed' } satisfies DisplayMessage);
        ws.close(4004, 'display removed');
      }
      return true as const;
    });
  }

  /** Puts an announcement over the named screens (all when `displayIds` is null); null text clears. */
  announce(
    venueId: string,
    displayIds: readonly string[] | null,
    text: string | null,
    seconds: number | null,
  ): Promise<VenueAnswer<{ displays: number; announcement: Announcement | null }>> {
    return answer(async () => {
      await this.#load(venueId);
      const now = Date.now();
      const targets =
        displayIds === null ? [...this.#displays.values()] : displayIds.map((id) => this.#get(id));
      const a = text === null ? null : announcement(text, seconds, now);
      const next = targets.map((d) => ({ ...d, announcement: a }));
      await this.#port.batch(next.map((d) => this.#op(scopes(venueId).displays, d.id, d, now)));
      for (const d of next) {
        this.#displays.set(d.id, d);
        this.#tell(d.id, now);
      }
      return { displays: next.length, announcement: a };
    });
  }

  slides(venueId: string): Promise<VenueAnswer<SlideRecord[]>> {
    return answer(async () => {
      await this.#load(venueId);
      return slidesInOrder(this.#slides.values());
    });
  }

  /** Creates or replaces a slide (by id, so an undo can put back what was there). */
  putSlide(venueId: string, slideId: string, input: SlideInput): Promise<VenueAnswer<SlideRecord>> {
    return answer(async () => {
      await this.#load(venueId);
      const old = this.#slides.get(slideId);
      if (!old && this.#slides.size >= MAX_SLIDES) {
        throw new VenueError(409, 'TOO_MANY_SLIDES', `A venue has at most ${MAX_SLIDES} slides`);
      }
      const now = Date.now();
      const s = scopes(venueId);
      const ops: WriteOp[] = [];
      let image = old?.image ?? null;
      if (input.image === null) {
        image = null;
        ops.push(this.#op(s.images, slideId, null, now));
      } else if (input.image !== undefined) {
        const bytes = decodeImage(input.image.type, input.image.base64);
        image = { type: input.image.type, version: crypto.randomUUID().slice(0, 8), bytes: bytes.length };
        ops.push(this.#op(s.images, slideId, input.image.base64, now));
      }
      const slide: SlideRecord = {
        id: slideId,
        title: input.title,
        text: input.text,
        image,
        order: input.order,
        updatedAt: now,
      };
      ops.push(this.#op(s.slides, slideId, slide, now));
      await this.#port.batch(ops);
      this.#slides.set(slideId, slide);
      this.#tellAll(now);
      return slide;
    });
  }

  deleteSlide(venueId: string, slideId: string): Promise<VenueAnswer<true>> {
    return answer(async () => {
      await this.#load(venueId);
      if (!this.#slides.has(slideId)) throw notFound('slide', slideId);
      const now = Date.now();
      const s = scopes(venueId);
      await this.#port.batch([
        this.#op(s.slides, slideId, null, now),
        this.#op(s.images, slideId, null, now),
      ]);
      this.#slides.delete(slideId);
      this.#tellAll(now);
      return true as const;
    });
  }

  /** A slide's picture as base64 (the edge serves the bytes with its type), or null. */
  async slideImage(venueId: string, slideId: string): Promise<{ type: ImageType; base64: string } | null> {
    await this.#load(venueId);
    const slide = this.#slides.get(slideId);
    if (!slide?.image) return null;
    const stored = await this.#port.getMeta(scopes(venueId).images, slideId);
    return stored === null ? null : { type: slide.image.type, base64: JSON.parse(stored) as string };
  }

  #tellAll(now: number): void {
    for (const id of this.#displays.keys()) this.#tell(id, now);
  }

  /** A screen's live socket: `?venueId&displayId&keyHash` (the edge has hashed the key). */
  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const venueId = url.searchParams.get('venueId') ?? '';
    const displayId = url.searchParams.get('displayId') ?? '';
    const keyHash = url.searchParams.get('keyHash') ?? '';
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return Response.json(
        { error: { code: 'UPGRADE_REQUIRED', message: 'This endpoint speaks WebSocket only' } },
        { status: 426 },
      );
    }
    await this.#load(venueId);
    const d = this.#displays.get(displayId);
    if (!d || !sameDigest(d.keyHash, keyHash)) {
      return Response.json(
        { error: { code: 'DISPLAY_NOT_FOUND', message: `No display ${displayId} with this key` } },
        { status: 404 },
      );
    }
    const now = Date.now();
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [displayId]);
    server.serializeAttachment({ felt: { displayId, connectedAt: now } } satisfies Attachment);
    send(server, this.#message(d, now));
    // When it was last seen, for the console; written after the hello, off the screen's path.
    const seen = { ...d, lastSeenAt: now };
    this.#displays.set(displayId, seen);
    this.ctx.waitUntil(this.#port.batch([this.#op(scopes(venueId).displays, displayId, seen, now)]));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** A screen's only message is a ping (its way to notice a dead line); anything else is ignored. */
  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === 'ping') send(ws, { type: 'pong', serverTime: Date.now() } satisfies DisplayMessage);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code, reason);
    } catch {
      // already closed
    }
  }
}
