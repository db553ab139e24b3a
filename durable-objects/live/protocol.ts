/**
 * Messages on /api/v1/tournaments/:id/live. Server → client: `hello` first (view, seq, server
 * time, for the clock offset), then `events` batches, `time` answers and `cue`s from alarms.
 * Client → server: `resume` (after a reconnect: send me what I missed) and `time`.
 * The string "ping" is answered "pong" by the runtime's auto-response without waking the DO.
 */
import { z } from 'zod';
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
    }
  | { readonly type: 'events'; readonly events: readonly WireEvent[]; readonly seq: number }
  | { readonly type: 'time'; readonly serverTime: number; readonly clientTime: number | null }
  | { readonly type: 'cue'; readonly cue: Cue; readonly serverTime: number }
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
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** Most events one `events` frame carries; a follower further behind gets several frames. */
export const MAX_EVENTS_PER_FRAME = 500;
