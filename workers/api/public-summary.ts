/**
 * A venue's public page in one small answer (the server-rendered /v/{venue} reads it): live
 * tournaments with their level and players left, upcoming ones with whether they take
 * online registration, and recent results with the top places, all as the venue publishes
 * them (an unlisted venue shows no tournaments; names as its NameDisplay rules say).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { unwrap } from '../http/answers.ts';
import { ERRORS, json, reply, router } from '../http/openapi.ts';
import { VenueParams } from './schemas.ts';
import { tournamentStub, venueStub } from './stubs.ts';

/** Finished tournaments shown with their results (the newest). */
export const RECENT_RESULTS = 5;
/** Places shown per result. */
export const TOP_PLACES = 3;

const Live = z.object({
  level: z.number().nullable(),
  isBreak: z.boolean(),
  blinds: z.string().nullable(),
  playersLeft: z.number(),
  entrants: z.number(),
});
const Upcoming = z.object({
  open: z.boolean(),
  online: z.boolean(),
  entrants: z.number(),
  capacity: z.number().nullable(),
  waiting: z.number(),
});
const Place = z.object({ place: z.number(), name: z.string(), prize: z.number() });

export const PublicSummarySchema = z
  .object({
    venue: z.object({ id: z.string(), name: z.string(), publicCode: z.string(), currency: z.string() }),
    onlineRegistration: z.boolean(),
    live: z.array(z.object({ id: z.string(), name: z.string(), live: Live.nullable() })),
    upcoming: z.array(
      z.object({ id: z.string(), name: z.string(), status: z.string(), registration: Upcoming.nullable() }),
    ),
    results: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        finishedAt: z.number().nullable(),
        currency: z.string().nullable(),
        top: z.array(Place),
      }),
    ),
  })
  .openapi('PublicVenueSummary');

const summary = createRoute({
  method: 'get',
  path: '/public/venues/{venueId}/summary',
  tags: ['public'],
  summary: "A venue's public page in one answer: live, upcoming and recent results",
  request: { params: VenueParams },
  responses: { 200: json(PublicSummarySchema, 'The summary'), ...ERRORS },
});

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' ? (v as Json) : {});
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Level, blinds and field of a running tournament, from its published view. */
export function liveOf(view: Json): z.infer<typeof Live> {
  const standings = obj(view.standings);
  const clock = obj(standings.clock);
  const level = obj(clock.level);
  const isBreak = clock.isBreak === true;
  const blinds =
    !isBreak && num(level.smallBlind) !== null
      ? `${level.smallBlind}/${level.bigBlind}${num(level.ante) ? ` (${level.ante})` : num(level.bigBlindAnte) ? ` (BBA ${level.bigBlindAnte})` : ''}`
      : null;
  return {
    level: num(clock.playLevelNumber),
    isBreak,
    blinds,
    playersLeft: num(standings.playersLeft) ?? 0,
    entrants: num(standings.entrants) ?? 0,
  };
}

/** Whether an upcoming tournament takes registrations, and how full it is. */
export function upcomingOf(
  view: Json,
  status: string,
  onlineRegistration: boolean,
): z.infer<typeof Upcoming> {
  const standings = obj(view.standings);
  const rules = obj(obj(view.config).rules);
  const partial = obj(view.partial);
  const waiting =
    num(partial.waitingList) ?? (Array.isArray(standings.waitingList) ? standings.waitingList.length : 0);
  // Pre-registration is for before the start (late registration is at the desk).
  const open = status === 'registration' && view.registrationClosed !== true;
  return {
    open,
    online: open && onlineRegistration,
    entrants: num(standings.entrants) ?? 0,
    capacity: num(rules.capacity),
    waiting,
  };
}

/** The top places of a finished tournament (names as published). */
export function topOf(view: Json): z.infer<typeof Place>[] {
  const entries = Array.isArray(obj(view.standings).entries)
    ? (obj(view.standings).entries as unknown[])
    : [];
  return entries
    .map(obj)
    .filter((e) => num(e.place) !== null && (e.place as number) <= TOP_PLACES)
    .sort((a, b) => (a.place as number) - (b.place as number))
    .map((e) => ({ place: e.place as number, name: String(e.name ?? ''), prize: num(e.prize) ?? 0 }));
}

export const publicSummary = router().openapi(summary, async (c) => {
  const { venueId } = c.req.valid('param');
  const page = unwrap(await venueStub(c.env, venueId).publicPage(venueId));
  const onlineRegistration = page.publish.listed && page.publish.onlineRegistration === true;
  // publicPage lists nothing for an unlisted venue; the newest first.
  const live = page.tournaments.filter((t) => t.status === 'running');
  const upcoming = page.tournaments.filter((t) => t.status === 'registration' || t.status === 'announced');
  const finished = page.tournaments.filter((t) => t.status === 'finished').slice(0, RECENT_RESULTS);
  const viewOf = async (id: string): Promise<Json | null> => {
    const raw = await tournamentStub(c.env, venueId, id).publicCard(id);
    return raw === null ? null : (JSON.parse(raw) as Json);
  };
  const [liveViews, upcomingViews, finishedViews] = await Promise.all([
    Promise.all(live.map((t) => viewOf(t.id))),
    Promise.all(upcoming.map((t) => viewOf(t.id))),
    Promise.all(finished.map((t) => viewOf(t.id))),
  ]);
  c.header('cache-control', 'public, max-age=15, stale-while-revalidate=60');
  return reply(
    c,
    {
      venue: page.venue,
      onlineRegistration,
      live: live.map((t, i) => {
        const v = liveViews[i];
        return { id: t.id, name: t.name, live: v ? liveOf(v) : null };
      }),
      // Soonest-made first reads as "next up" (there is no start time on a listing).
      upcoming: upcoming
        .map((t, i) => {
          const v = upcomingViews[i];
          return {
            id: t.id,
            name: t.name,
            status: t.status,
            registration: v ? upcomingOf(v, t.status, onlineRegistration) : null,
          };
        })
        .reverse(),
      results: finished.map((t, i) => {
        const v = finishedViews[i];
        const standings = obj(v?.standings);
        return {
          id: t.id,
          name: t.name,
          finishedAt: num(obj(v).finishedAt) ?? null,
          currency: typeof standings.currency === 'string' ? standings.currency : null,
          top: v ? topOf(v) : [],
        };
      }),
    },
    200,
  );
});
