import { createPlayer } from './players.ts';
import type { Player } from './types.ts';
import type { NewPlayer } from './validate.ts';

let seq = 0;
/** A player with a fresh id; `createdAt` defaults to the sequence so older = created first. */
export function player(input: Partial<NewPlayer> & { name: string }, at?: number): Player {
  seq += 1;
  return createPlayer(`p${String(seq).padStart(5, '0')}`, input, at ?? seq);
}

const FIRST = [
  'Søren',
  'Mette',
  'Jens',
  'Anne',
  'Lars',
  'Hanne',
  'Peter',
  'Kirsten',
  'Niels',
  'Birgitte',
  'Henrik',
  'Susanne',
  'Jørgen',
  'Lene',
  'Morten',
  'Camilla',
  'Rasmus',
  'Ida',
  'Mikkel',
  'Freja',
  'Ole',
  'Åse',
  'Bo',
  'Ib',
  'Kasper',
  'Signe',
  'Anders',
  'Louise',
  'Thomas',
  'Maja',
];
const LAST = [
  'Jensen',
  'Nielsen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Christiansen',
  'Poulsen',
  'Johansen',
  'Møller',
  'Mortensen',
  'Kjærgaard',
  'Ågård',
  'Østergaard',
  'Bækgaard',
  'Lund',
  'Holm',
  'Schmidt',
  'Eriksen',
  'Kristiansen',
  'Dahl',
];

/** `n` players with Danish names, in a fixed order (no randomness: the tests are repeatable). */
export function venuePlayers(n: number): Player[] {
  const out: Player[] = [];
  for (let i = 0; i < n; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    // first, last and middle together are unique up to 27,000 players.
    const middle = LAST[(Math.floor(i / (FIRST.length * LAST.length)) + i) % LAST.length]!;
    out.push(createPlayer(`v${String(i).padStart(5, '0')}`, { name: `${first} ${middle} ${last}` }, i));
  }
  return out;
}
