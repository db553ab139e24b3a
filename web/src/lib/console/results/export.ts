/**
 * The results as files, built in the browser from the view the console holds: CSV for a
 * spreadsheet (amounts in major units with a "." mark, one header row) and JSON for another
 * program (amounts in whole minor units, as the API gives them).
 */
import type { Deal } from '../../../../../engine/tournament/types.ts';
import { decimalText } from '../../amount.ts';
import type { TournamentView } from '../../api.ts';
import { type Cell, toCsv } from './csv.ts';
import type { ResultRow } from './rows.ts';

/**
 * One row per entry. A satellite (its seat value given) adds two columns after the prize: _Seat_
 * ("Seat" for a winner) and the _Cash_ paid beside the seats (the bubble's remainder, or a
 * winner's share of it); the prize stays the whole value won, a seat counted at its value.
 */
export function resultsCsv(
  rows: readonly ResultRow[],
  currency: string,
  satellite: { readonly seatValue: number } | null = null,
): string {
  const header: Cell[] = [
    'Place',
    'Name',
    'Entry',
    `Prize (${currency})`,
    ...(satellite ? ['Seat', `Cash (${currency})`] : []),
    `Bounties (${currency})`,
    'Knockouts',
    'Rebuys',
    'Add-on',
    'Still in',
  ];
  const seat = (r: ResultRow): Cell[] =>
    satellite === null
      ? []
      : [r.seat ? 'Seat' : '', decimalText(r.seat ? r.prize - satellite.seatValue : r.prize, currency)];
  const body = rows.map((r): Cell[] => [
    r.placeText,
    r.name,
    r.number,
    decimalText(r.prize, currency),
    ...seat(r),
    decimalText(r.bountiesWon, currency),
    r.knockouts,
    r.rebuys,
    r.addOn ? 'yes' : 'no',
    r.stillIn ? 'yes' : 'no',
  ]);
  return toCsv([header, ...body]);
}

export interface ResultsFile {
  readonly format: 'felt.results.v1';
  readonly amountsIn: 'minor units';
  readonly generatedAt: string;
  readonly venue: { readonly id: string; readonly name: string | null };
  readonly tournament: {
    readonly id: string;
    readonly name: string | null;
    readonly status: string;
    readonly startedAt: string | null;
    readonly finishedAt: string | null;
  };
  readonly currency: string;
  readonly entrants: number;
  readonly prizePool: TournamentView['standings']['prizePool'];
  readonly payouts: readonly { readonly place: number; readonly amount: number }[];
  readonly deal: Omit<Deal, 'commandId'> | null;
  readonly results: readonly {
    readonly place: number | null;
    readonly placeTo: number | null;
    readonly name: string;
    readonly entry: number;
    readonly prize: number;
    readonly bountiesWon: number;
    readonly knockouts: number;
    readonly rebuys: number;
    readonly addOn: boolean;
    readonly stillIn: boolean;
    /** Won a satellite seat (the prize is then the seat's value, any remainder share included). */
    readonly seat: boolean;
  }[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function resultsJson(input: {
  readonly venue: { readonly id: string; readonly name: string | null };
  readonly tournamentId: string;
  readonly standings: TournamentView['standings'];
  readonly rows: readonly ResultRow[];
  readonly times: { readonly startedAt: number | null; readonly finishedAt: number | null };
  readonly now: number;
}): ResultsFile {
  const s = input.standings;
  let deal: ResultsFile['deal'] = null;
  if (s.deal !== null) {
    // The command id is the log's business, not the results'.
    const { commandId: _id, ...rest } = s.deal;
    deal = rest;
  }
  return {
    format: 'felt.results.v1',
    amountsIn: 'minor units',
    generatedAt: new Date(input.now).toISOString(),
    venue: input.venue,
    tournament: {
      id: input.tournamentId,
      name: s.name,
      status: s.status,
      startedAt: iso(input.times.startedAt),
      finishedAt: iso(input.times.finishedAt),
    },
    currency: s.currency ?? 'DKK',
    entrants: s.entrants,
    prizePool: s.prizePool,
    payouts: s.payouts.map((l) => ({ place: l.place, amount: l.amount })),
    deal,
    results: input.rows.map((r) => ({
      place: r.place,
      placeTo: r.placeTo,
      name: r.name,
      entry: r.number,
      prize: r.prize,
      bountiesWon: r.bountiesWon,
      knockouts: r.knockouts,
      rebuys: r.rebuys,
      addOn: r.addOn,
      stillIn: r.stillIn,
      seat: r.seat,
    })),
  };
}

/** "Friday Night Deepstack" → "friday-night-deepstack" (letters of any language kept). */
export function fileStem(name: string | null, id: string): string {
  const stem = (name ?? '')
    .toLocaleLowerCase('da-DK')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return stem === '' ? `tournament-${id}` : stem;
}
