/**
 * GET /api/v1/box/metrics: the box in Prometheus text, for the venue's monitoring (scrape with
 * the bearer token of a staff member, `authorization` in the scrape config). Tournaments by
 * home, live followers by channel, each outbox's backlog, the age of the last sync with the
 * cloud, and command latency (decided and durable) across the venue's open tournaments.
 */
import { createRoute } from '@hono/zod-openapi';
import { STORAGE_TOKEN_HEADER } from '../../durable-objects/storage/remote.ts';
import { tournamentStub, venueStub } from '../api/stubs.ts';
import { unwrap } from '../http/answers.ts';
import { authenticated, callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { BEARER, ERRORS, router } from '../http/openapi.ts';
import { Exposition, type HistogramSnapshot, mergeHistograms } from '../ops/prometheus.ts';

const route = createRoute({
  method: 'get',
  path: '/box/metrics',
  tags: ['box'],
  summary:
    'Box only: Prometheus metrics (tournaments, sockets, outbox backlog, last sync age, command latency)',
  security: BEARER,
  middleware: authenticated,
  responses: {
    200: {
      description: 'Prometheus text format 0.0.4',
      content: { 'text/plain': { schema: { type: 'string' } } },
    },
    ...ERRORS,
  },
});

interface LinkStatus {
  readonly lastSyncAt?: number | null;
  readonly cloudReachable?: boolean | null;
  readonly tournaments?: readonly { id: string; home: string; backlog: number }[];
}

export const boxMetrics = router().openapi(route, async (c) => {
  if (c.env.FELT_RUNTIME !== 'box' || !c.env.BOX_STORAGE) {
    throw new ApiError(404, 'NOT_A_BOX', 'This is the cloud: metrics are on the box');
  }
  const caller = callerOf(c);
  if (!caller.venueId) throw new ApiError(403, 'FORBIDDEN', 'Sign in as staff of a venue on this box');
  const v = caller.venueId;
  unwrap(await venueStub(c.env, v).authorize(v, caller, 'venue.read'));
  const res = await c.env.BOX_STORAGE.fetch('http://box-storage/status', {
    headers: { [STORAGE_TOKEN_HEADER]: c.env.BOX_STORAGE_TOKEN ?? '' },
  });
  const link = (await res.json()) as LinkStatus;
  const open = await venueStub(c.env, v).openTournamentIds(v);
  const per = await Promise.all(
    open.map(async (id) => ({ id, ...(await tournamentStub(c.env, v, id).metrics(id)) })),
  );
  const now = Date.now();
  const homes = new Map<string, number>();
  for (const t of link.tournaments ?? []) homes.set(t.home, (homes.get(t.home) ?? 0) + 1);
  const histograms: HistogramSnapshot[] = per.map((t) => t.commands);
  const text = new Exposition()
    .gauge('felt_open_tournaments', 'Tournaments of the venue still to play or playing.', [
      { value: open.length },
    ])
    .gauge(
      'felt_synced_tournaments',
      'Tournaments this box has synced with the cloud, by which side decides them.',
      [...homes].map(([home, n]) => ({ labels: { home: home === 'cloud' ? 'cloud' : 'box' }, value: n })),
    )
    .gauge('felt_sockets', 'Live WebSocket followers of the open tournaments, by channel.', [
      { labels: { channel: 'staff' }, value: per.reduce((n, t) => n + t.staff, 0) },
      { labels: { channel: 'public' }, value: per.reduce((n, t) => n + t.public, 0) },
    ])
    .gauge(
      'felt_tournament_last_seq',
      'Events in each open tournament’s log.',
      per.map((t) => ({ labels: { tournament: t.id }, value: t.lastSeq })),
    )
    .gauge(
      'felt_outbox_backlog',
      'Events not yet acknowledged by the cloud, per tournament.',
      (link.tournaments ?? []).map((t) => ({ labels: { tournament: t.id }, value: t.backlog })),
    )
    .gauge('felt_cloud_reachable', '1 when the last attempt reached the cloud, 0 when not, NaN unpaired.', [
      { value: link.cloudReachable === true ? 1 : link.cloudReachable === false ? 0 : Number.NaN },
    ])
    .gauge('felt_last_sync_age_seconds', 'Seconds since the last successful sync (NaN: never).', [
      { value: link.lastSyncAt ? (now - link.lastSyncAt) / 1000 : Number.NaN },
    ])
    .histogram(
      'felt_command_duration_seconds',
      'Commands decided and durable, per open tournament object since it woke.',
      mergeHistograms(histograms),
    )
    .text();
  return c.body(text, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }) as never;
});
