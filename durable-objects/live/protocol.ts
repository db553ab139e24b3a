/**
 * Messages on /api/v1/tournaments/:id/live. Server → client: `hello` first (view, seq, server
 * time, for the clock offset), then `events` batches, `time` answers and `cue`s from alarms.
 * Events and cues carry the change of the view, so a follower never re-reads it per event.
 * Client → server: `resume` (after a reconnect: send me what I missed), `time` and `view`.
 * The string "ping" is answered "pong" by the runtime's auto-response without waking the DO.
 */
import { z } from 'zod';
import type { ViewUpdate } from './channel-views.ts';
import type { Json } from './json.ts';

export interface WireEvent {
  readonly seq: number;
  readonly eventId: string;
  readonly type: string;
  readonly at: number;
  readonly event: Json;
}

export type ServerMessage =
  | {
      readonly type: 'hello';
      readonly tournamentId: string;
      readonly seq: number;
      readonly serverTime: number;
      /** True when the follower's `after` was too far behind: start over from `view` at `seq`. */
      readonly resync: boolean;
      /** Standings with the clock at serverTime, seating: what the follower shows. */
      readonly view: unknown;
      /** Names `view`: later updates patch the view they name (channel-views.ts). */
      readonly viewId: string;
    }
  | {
      readonly type: 'events';
      readonly events: readonly WireEvent[];
      readonly seq: number;
      /** The view after these events (absent while a follower is catching up). */
      readonly view?: ViewUpdate;
    }
  | { readonly type: 'view'; readonly view: ViewUpdate }
  | { readonly type: 'time'; readonly serverTime: number; readonly clientTime: number | null }
  | { readonly type: 'cue'; readonly cue: Cue; readonly serverTime: number; readonly view?: ViewUpdate }
  | { readonly type: 'error'; readonly error: { readonly code: string; readonly message: string } };

export interface Cue {
  readonly id: string;
  readonly at: number;
  readonly kind: string;
  readonly data?: Json;
}

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resume'), afterSeq: z.number().int().min(0) }),
  z.object({ type: z.literal('time'), clientTime: z.number().optional() }),
  /** Send me the whole view (a patch did not apply to the one I hold). */
  z.object({ type: z.literal('view') }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** Most events one `events` frame carries; a follower further behind gets several frames. */
export const MAX_EVENTS_PER_FRAME = 500;
