import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.ts';
import { prizePool } from '../tournament/results.ts';
import { activeEntries } from '../tournament/state.ts';
import { Harness, MIN, T0 } from '../tournament/testing.ts';
import {
  combineFlights,
  type Day2Field,
  DEFAULT_COMBINE_RULES,
  type FlightBag,
  TWO_FLIGHT_RULES,
} from './combine.ts';

const A: FlightBag = {
  flightId: 'day1a',
  survivors: [
    { playerId: 'anna', name: 'Anna', chips: 40_000 },
    { playerId: 'bo', name: 'Bo', chips: 12_000 },
  ],
  pool: 100_000,
  entrants: 6,
};
const B: FlightBag = {
  flightId: 'day1b',
  survivors: [
    { playerId: 'anna', name: 'Anna', chips: 25_000 },
    { playerId: 'cy', name: 'Cy', chips: 30_000 },
  ],
  pool: 80_000,
  entrants: 5,
};

function field(out: Day2Field | DomainError): Day2Field {
  if (out instanceof DomainError) throw new Error(`${out.code}: ${out.message}`);
  return out;
}

describe('combineFlights', () => {
  it('given a player in both flights, when combined by best stack (the default), then the bigger bag plays and the other is set aside', () => {
    const f = field(combineFlights([A, B], DEFAULT_COMBINE_RULES));
    expect(f.entries.map((e) => [e.playerId, e.chips, e.fromFlight])).toEqual([
      ['anna', 40_000, 'day1a'],
      ['cy', 30_000, 'day1b'],
      ['bo', 12_000, 'day1a'],
    ]);
    expect(f.setAside).toEqual([
      { playerId: 'anna', name: 'Anna', chips: 25_000, fromFlight: 'day1b', keptFrom: 'day1a' },
    ]);
    expect(f.pool).toBe(180_000);
    expect(f.flightEntries).toBe(11);
    expect(f.chips).toBe(82_000);
  });

  it('given the first- or last-flight rule, when combined, then that flight’s bag plays whatever its size', () => {
    const last = field(combineFlights([A, B], { ...DEFAULT_COMBINE_RULES, twoFlights: 'last-flight' }));
    expect(last.entries.find((e) => e.playerId === 'anna')).toMatchObject({
      chips: 25_000,
      fromFlight: 'day1b',
    });
    const first = field(combineFlights([B, A], { ...DEFAULT_COMBINE_RULES, twoFlights: 'first-flight' }));
    expect(first.entries.find((e) => e.playerId === 'anna')).toMatchObject({
      chips: 25_000,
      fromFlight: 'day1b',
    });
  });

  it('given flights that pay their own places, when combined, then no money is carried', () => {
    expect(field(combineFlights([A, B], { twoFlights: 'best-stack', flightsPay: true })).pool).toBe(0);
  });

  it('given no flights, a flight twice or a player bagged twice in one flight, then refused', () => {
    expect((combineFlights([], DEFAULT_COMBINE_RULES) as DomainError).code).toBe('NO_FLIGHTS');
    expect((combineFlights([A, A], DEFAULT_COMBINE_RULES) as DomainError).code).toBe('DUPLICATE_FLIGHT');
    const twice = { ...A, survivors: [...A.survivors, A.survivors[0]!] };
    expect((combineFlights([twice], DEFAULT_COMBINE_RULES) as DomainError).code).toBe('DUPLICATE_SURVIVOR');
  });

  // Flights of up to 5, drawn from 8 players, each player at most once per flight.
  const flights = fc
    .array(
      fc.record({
        players: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 8 }),
        chips: fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 8, maxLength: 8 }),
        pool: fc.integer({ min: 0, max: 1_000_000 }),
        extra: fc.integer({ min: 0, max: 10 }),
      }),
      { minLength: 1, maxLength: 5 },
    )
    .map((fs) =>
      fs.map(
        (f, i): FlightBag => ({
          flightId: `f${i}`,
          survivors: f.players.map((p) => ({
            playerId: `p${p}`,
            name: `P${p}`,
            chips: f.chips[p] as number,
          })),
          pool: f.pool,
          entrants: f.players.length + f.extra,
        }),
      ),
    );

  it('property: one Day 2 entry per player; every stack is the bag the rule chose; chips carried = sum of chosen bags', () => {
    fc.assert(
      fc.property(flights, fc.constantFrom(...TWO_FLIGHT_RULES), (fs, rule) => {
        const f = field(combineFlights(fs, { twoFlights: rule, flightsPay: false }));
        const bags = new Map<string, { chips: number; flight: number }[]>();
        fs.forEach((flight, i) => {
          for (const s of flight.survivors)
            bags.set(s.playerId, [...(bags.get(s.playerId) ?? []), { chips: s.chips, flight: i }]);
        });
        const ids = f.entries.map((e) => e.playerId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set(bags.keys()));
        for (const e of f.entries) {
          const mine = bags.get(e.playerId) ?? [];
          const chosen =
            rule === 'first-flight'
              ? mine[0]
              : rule === 'last-flight'
                ? mine[mine.length - 1]
                : mine.reduce((best, b) => (b.chips > best.chips ? b : best));
          expect(e.chips).toBe(chosen?.chips);
          expect(e.fromFlight).toBe(`f${chosen?.flight}`);
        }
        expect(f.chips).toBe(f.entries.reduce((s, e) => s + e.chips, 0));
        const allBags = [...bags.values()].flat().reduce((s, b) => s + b.chips, 0);
        expect(f.chips + f.setAside.reduce((s, x) => s + x.chips, 0)).toBe(allBags);
        expect(f.pool).toBe(fs.reduce((s, x) => s + x.pool, 0));
      }),
    );
  });
});

describe('a two-flight event in the engine', () => {
  /** A flight where p1 and p2 (and, in 1B, p3 and p4) played; `stacks` bagged by player. */
  function playFlight(
    id: string,
    players: string[],
    bust: string[],
    stacks: Record<string, number>,
  ): Harness {
    const h = new Harness(id);
    h.create();
    h.run({ type: 'OpenRegistration' });
    for (const p of players) h.run({ type: 'Register', playerId: p, name: p.toUpperCase() });
    h.run({ type: 'StartTournament' }, T0);
    h.now = T0 + 60 * MIN;
    const byPlayer = new Map(activeEntries(h.state).map((e) => [e.playerId, e.entryId]));
    for (const p of bust) h.run({ type: 'BustPlayers', busts: [{ entryId: byPlayer.get(p) as string }] });
    h.run({
      type: 'BagChips',
      counts: Object.entries(stacks).map(([p, chips]) => ({ entryId: byPlayer.get(p) as string, chips })),
    });
    return h;
  }

  it('given two bagged flights with a player in both, when Day 2 takes the combined field, then it starts with one seat each, the best stacks and both pools', () => {
    const a = playFlight('day1a', ['p1', 'p2', 'p3'], ['p3'], { p1: 45_000, p2: 15_000 });
    const b = playFlight('day1b', ['p1', 'p4', 'p5'], ['p5'], { p1: 20_000, p4: 40_000 });
    const bagOf = (id: string, h: Harness): FlightBag => ({
      flightId: id,
      survivors: h.state.bag?.survivors ?? [],
      pool: h.state.bag?.pool ?? 0,
      entrants: h.state.bag?.entrants ?? 0,
    });
    const f = field(combineFlights([bagOf('day1a', a), bagOf('day1b', b)], DEFAULT_COMBINE_RULES));
    const day2 = new Harness('day2').create();
    day2.run({ type: 'CarryEntries', entries: f.entries, pool: f.pool, flightEntries: f.flightEntries });
    const entries = activeEntries(day2.state).map((e) => [e.playerId, e.chips]);
    expect(entries).toEqual([
      ['p1', 45_000],
      ['p4', 40_000],
      ['p2', 15_000],
    ]);
    expect(prizePool(day2.state).total).toBe(6 * 18_000);
    expect(day2.state.money.chipsIssued).toBe(100_000);
    day2.run({ type: 'OpenRegistration' });
    day2.run({ type: 'StartTournament' }, T0 + 24 * 60 * MIN);
    expect(day2.state.status).toBe('running');
  });
});
