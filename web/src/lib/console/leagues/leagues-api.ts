/**
 * The league routes (workers/api/leagues.ts) as the console calls them. The API document
 * types their answers as "any object": the shapes are the VenueDO's own
 * (durable-objects/venue/leagues.ts) and the engine's (engine/league/types.ts).
 */
import type { LeagueRecord, LeagueWithStandings } from '../../../../../durable-objects/venue/leagues.ts';
import type { LeagueConfig, Tiebreak } from '../../../../../engine/league/types.ts';
import { call } from '../../api.ts';
import type { StaffSession } from '../../session.svelte.ts';

export type { LeagueConfig, LeagueRecord, LeagueWithStandings, Tiebreak };

/** What the form sends: the whole config (a create), or the same as a patch (an edit). */
export type LeagueInput = LeagueConfig;

const base = (s: StaffSession) => `/venues/${encodeURIComponent(s.venueId)}/leagues`;
const one = (s: StaffSession, leagueId: string) => `${base(s)}/${encodeURIComponent(leagueId)}`;
const league = (r: { league: LeagueRecord }) => r.league;

export const leaguesApi = {
  list: (s: StaffSession) =>
    call<{ leagues: LeagueRecord[] }>(base(s), { token: s.token }).then((r) => r.leagues),
  read: (s: StaffSession, leagueId: string) =>
    call<LeagueWithStandings>(one(s, leagueId), { token: s.token }),
  create: (s: StaffSession, input: LeagueInput) =>
    call<{ league: LeagueRecord }>(base(s), { method: 'POST', body: input, token: s.token }).then(league),
  edit: (s: StaffSession, leagueId: string, patch: Partial<LeagueInput>) =>
    call<{ league: LeagueRecord }>(one(s, leagueId), { method: 'PATCH', body: patch, token: s.token }).then(
      league,
    ),
  remove: (s: StaffSession, leagueId: string) =>
    call<{ league: LeagueRecord }>(one(s, leagueId), { method: 'DELETE', token: s.token }).then(league),
  restore: (s: StaffSession, leagueId: string) =>
    call<{ league: LeagueRecord }>(`${one(s, leagueId)}/restore`, { method: 'POST', token: s.token }).then(
      league,
    ),
  attach: (s: StaffSession, leagueId: string, tournamentId: string) =>
    call<{ league: LeagueRecord }>(`${one(s, leagueId)}/tournaments/${encodeURIComponent(tournamentId)}`, {
      method: 'PUT',
      token: s.token,
    }).then(league),
  detach: (s: StaffSession, leagueId: string, tournamentId: string) =>
    call<{ league: LeagueRecord }>(`${one(s, leagueId)}/tournaments/${encodeURIComponent(tournamentId)}`, {
      method: 'DELETE',
      token: s.token,
    }).then(league),
};

export const TIEBREAK_TEXT: Record<Tiebreak, string> = {
  bestFinish: 'Best finish',
  wins: 'Most wins',
  eventsPlayed: 'Most events played',
  mostRecent: 'Better place in the most recent event',
};

export const BUILTIN_TEXT = {
  linear: 'Linear: a point per player beaten',
  sqrtField: 'Square root of field ÷ place',
  sqrtBuyin: 'Square root × buy-in, + knockouts',
  moneyBonus: 'Money places only',
} as const satisfies Record<string, string>;

/** "1 Mar 2026 – 31 May 2026", "from 1 Mar 2026", "" (open season). */
export function seasonDates(season: LeagueConfig['season']): string {
  const d = (s: string) =>
    new Date(`${s}T12:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  const { startsOn: a, endsOn: b } = season;
  if (a && b) return `${d(a)} – ${d(b)}`;
  if (a) return `from ${d(a)}`;
  if (b) return `until ${d(b)}`;
  return 'all dates';
}

export function countingText(c: LeagueConfig['counting']): string {
  if (c.mode === 'best') return `best ${c.n} results count`;
  if (c.mode === 'dropWorst') return `worst ${c.n} dropped`;
  return 'all results count';
}

/** Points as the engine gives them (two decimals at most), without trailing zeros. */
export function points(p: number): string {
  return Number.isInteger(p) ? String(p) : p.toFixed(2).replace(/0$/, '');
}
