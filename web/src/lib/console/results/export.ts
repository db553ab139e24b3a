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

export function resultsCsv(rows: readonly ResultRow[], currency: string): string {
  const header: Cell[] = [
    'Place',
    'Name',
    'Entry',
    `Prize (${currency})`,
    `Bounties (${currency})`,
    'Knockouts',
    'Rebuys',
    'Add-on',
    'Still in',
  ];
  const body = rows.map((r): Cell[] => [
    r.placeText,
    r.name,
    r.number,
    decimalText(r.prize, currency),
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
