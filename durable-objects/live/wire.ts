import type { StoredEvent } from '../storage/port.ts';

/**
 * `{ seq, events: [{ seq, eventId, type, at, event }] }` with each stored body spliced in as-is:
 * bodies are JSON text written by the Durable Object, so re-parsing them would only cost time.
 */
export function eventPageJson(seq: number, events: readonly StoredEvent[]): string {
  return `{"seq":${seq},"events":${eventsJson(events)}}`;
}

export function eventsJson(events: readonly StoredEvent[]): string {
  const items = events.map(
    (e) =>
      `{"seq":${e.seq},"eventId":${JSON.stringify(e.eventId)},"type":${JSON.stringify(e.type)},"at":${e.at},"event":${e.body}}`,
  );
  return `[${items.join(',')}]`;
}

/** An `events` frame (protocol.ts) with the stored bodies spliced in, built once per send. */
export function eventsFrame(events: readonly StoredEvent[], seq: number): string {
  return `{"type":"events","events":${eventsJson(events)},"seq":${seq}}`;
}
