/**
 * What a venue publishes: the public channel of a tournament (TVs, players' phones, anyone
 * with the link) sees the same tournament with names shown the venue's way (or each player's
 * own way), and chip counts, payouts and seating only when the venue shows them. Contact
 * data never reaches a tournament at all: it stays in the venue's player database.
 */
import { publicNameFromText } from '../players/privacy.ts';
import type { NameDisplay } from '../players/types.ts';

export interface PublishSettings {
  readonly names: NameDisplay;
  readonly chips: boolean;
  readonly payouts: boolean;
  readonly seating: boolean;
  /** Listed on the venue's public page (the tournament's own link works either way). */
  readonly listed: boolean;
}

export const PUBLISH_DEFAULTS: PublishSettings = {
  names: 'full',
  chips: true,
  payouts: true,
  seating: true,
  listed: true,
};

/** The venue's settings plus players' own name choices (by venue player id). */
export interface Publication {
  readonly publish: PublishSettings;
  readonly players: Readonly<Record<string, NameDisplay>>;
}

export const PUBLISH_ALL: Publication = { publish: PUBLISH_DEFAULTS, players: {} };

/** A name as the public may see it; hidden names become "Entry 12" so lists still read. */
export function publishedName(
  pub: Publication,
  playerId: string,
  name: string,
  number: number | null,
): string {
  const display = pub.players[playerId] ?? pub.publish.names;
  return publicNameFromText(name, display) ?? (number === null ? 'Hidden player' : `Entry ${number}`);
}

type Json = Record<string, unknown>;

function renamed(pub: Publication, row: Json): Json {
  const playerId = typeof row.playerId === 'string' ? row.playerId : '';
  const name = typeof row.name === 'string' ? row.name : '';
  const number = typeof row.number === 'number' ? row.number : null;
  // The venue's player id links a person across tournaments: not for the public.
  return { ...row, playerId: '', name: publishedName(pub, playerId, name, number) };
}

/** The public form of a tournament view (durable-objects/tournament/view.ts). */
export function publicView<V extends Json>(view: V, pub: Publication): V {
  const standings = view.standings as Json | undefined;
  if (!standings) return view;
  const p = pub.publish;
  const entries = (standings.entries as Json[]).map((e) => {
    const r = renamed(pub, e);
    return {
      ...r,
      ...(p.chips ? {} : { chips: null, chipsAt: null }),
      ...(p.payouts ? {} : { prize: 0 }),
    };
  });
  const bounties = standings.bounties as Json;
  const shootout = shootoutNamed(standings.shootout as Json | null | undefined, entries);
  return {
    ...view,
    standings: {
      ...standings,
      entries,
      waitingList: (standings.waitingList as Json[]).map((w) => renamed(pub, w)),
      bounties: { ...bounties, byPlayer: (bounties.byPlayer as Json[]).map((b) => renamed(pub, b)) },
      ...(p.payouts ? {} : { payouts: [] }),
      ...(shootout === undefined ? {} : { shootout }),
    },
    seating: p.seating ? view.seating : null,
    // The day's bag lists names and stacks: the public reads them from the standings.
    ...('day' in view ? { day: null } : {}),
  };
}

/** A shootout's table winners with the names as published (the entries' own, renamed above). */
function shootoutNamed(shootout: Json | null | undefined, entries: readonly Json[]): Json | null | undefined {
  if (!shootout) return shootout;
  const shown = new Map(entries.map((e) => [String(e.entryId), String(e.name)]));
  const wins = (shootout.wins as Json[]).map((w) => ({
    ...w,
    winners: (w.winners as Json[]).map((x) => ({
      ...x,
      name: shown.get(String(x.entryId)) ?? 'Hidden player',
    })),
  }));
  return { ...shootout, wins };
}

/** Event types whose bodies carry something the public may not see. */
const REDACTED = new Set([
  'EntryRegistered',
  'AlternateAdded',
  'AlternatePromoted',
  'ChipCountsSet',
  'PayoutsEdited',
  'PayoutsLocked',
  'DayBagged',
  'EntriesCarried',
]);

export function needsRedaction(type: string): boolean {
  return REDACTED.has(type);
}

/** The public form of one stored event body (JSON text), or null to send it unchanged. */
export function publicEventBody(type: string, body: string, pub: Publication): string | null {
  if (!REDACTED.has(type)) return null;
  const event = JSON.parse(body) as Json;
  switch (type) {
    case 'EntryRegistered':
    case 'AlternateAdded':
    case 'AlternatePromoted':
      return JSON.stringify(renamed(pub, event));
    case 'ChipCountsSet':
      return pub.publish.chips ? null : JSON.stringify({ ...event, counts: [] });
    case 'PayoutsEdited':
      return pub.publish.payouts ? null : JSON.stringify({ ...event, manual: [], previous: [] });
    case 'PayoutsLocked':
      return pub.publish.payouts ? null : JSON.stringify({ ...event, locked: [] });
    // Names and stacks of a bag reach the public through the standings, as published there.
    case 'DayBagged':
      return JSON.stringify({ ...event, survivors: [] });
    case 'EntriesCarried':
      return JSON.stringify({ ...event, entries: [] });
    default:
      return null;
  }
}
