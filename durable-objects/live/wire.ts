import type { StoredEvent } from '../storage/port.ts';
import type { ViewUpdate } from './channel-views.ts';

/**
 * `{ seq, events: [{ seq, eventId, type, at, event }] }` with each stored body spliced in as-is:
 * bodies are JSON text written by the Durable Object, so re-parsing them would only cost time.
 */
export function eventPageJson(seq: number, events: readonly StoredEvent[]): string {
  return `{"seq":${seq},"events":${eventsJson(events)}}`;
}

/** Rewrites a stored body for a channel (the public one), or null to keep it as stored. */
export type BodyFilter = (type: string, body: string) => string | null;

export function eventsJson(events: readonly StoredEvent[], filter?: BodyFilter): string {
  const items = events.map(
    (e) =>
      `{"seq":${e.seq},"eventId":${JSON.stringify(e.eventId)},"type":${JSON.stringify(e.type)},"at":${e.at},"event":${filter?.(e.type, e.body) ?? e.body}}`,
  );
  return `[${items.join(',')}]`;
}

/** An `events` frame (protocol.ts) with the stored bodies spliced in, built once per channel. */
export function eventsFrame(
  events: readonly StoredEvent[],
  seq: number,
  filter?: BodyFilter,
  view?: ViewUpdate,
): string {
  // The seq stays the last field: a client can read it from the frame's tail.
  const viewPart = view ? `,"view":${JSON.stringify(view)}` : '';
  return `{"type":"events","events":${eventsJson(events, filter)}${viewPart},"seq":${seq}}`;
}
