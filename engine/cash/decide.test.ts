/** The waitlist rules, given/when/then: order, calls and bumps, must-move tables. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.ts';
import { decideCash } from './decide.ts';
import { replayCash } from './evolve.ts';
import { placeOnList } from './rules.ts';
import { type CashCommand, type CashEvent, type CashState, EMPTY_CASH } from './types.ts';

const T0 = 1_800_000_000_000;
const MIN = 60_000;

/** Runs commands in turn from nothing (each at its own minute); answers the state and every event. */
function run(commands: readonly CashCommand[], from: CashState = EMPTY_CASH) {
  let state = from;
  const events: CashEvent[] = [];
  commands.forEach((c, i) => {
    const out = decideCash(state, c, T0 + i * MIN);
    events.push(...out);
    state = replayCash(out, state);
  });
  return { state, events };
}

function refusal(state: CashState, command: CashCommand, now = T0): string {
  try {
    decideCash(state, command, now);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).code;
  }
  throw new Error('not refused');
}

const join = (playerId: string, gameId = 'nlh'): CashCommand => ({
  type: 'JoinWaitlist',
  gameId,
  playerId,
  name: playerId.toUpperCase(),
  source: 'floor',
});
const ROOM: CashCommand[] = [
  { type: 'CreateGame', gameId: 'nlh', name: 'NLH 5/10', callMinutes: 3 },
  { type: 'OpenTable', tableId: 't1', gameId: 'nlh', name: 'Table 1', seats: 9 },
  { type: 'SetSeatsTaken', tableId: 't1', taken: 9 },
];

describe('the waitlist', () => {
  it('given players joining, then it is first come first served and each sees their place', () => {
    const { state } = run([...ROOM, join('ana'), join('bo'), join('cai')]);
    const g = state.games.nlh!;
    expect(g.waitlist.map((w) => w.playerId)).toEqual(['ana', 'bo', 'cai']);
    expect(placeOnList(g, 'cai')).toBe(3);
    expect(refusal(state, join('bo'))).toBe('ALREADY_WAITING');
  });

  it('given a full game, when the floor calls, then it is refused; when a seat opens, the first is called with a time to answer', () => {
    const { state } = run([...ROOM, join('ana'), join('bo')]);
    expect(refusal(state, { type: 'CallNext', gameId: 'nlh' })).toBe('NO_OPEN_SEAT');
    const opened = run(
      [
        { type: 'SetSeatsTaken', tableId: 't1', taken: 8 },
        { type: 'CallNext', gameId: 'nlh' },
      ],
      state,
    );
    expect(opened.events.at(-1)).toEqual({
      type: 'PlayerCalled',
      gameId: 'nlh',
      playerId: 'ana',
      at: T0 + MIN,
      expiresAt: T0 + MIN + 3 * MIN,
    });
    // One open seat, one call out: no second call until another seat opens.
    expect(refusal(opened.state, { type: 'CallNext', gameId: 'nlh' })).toBe('NO_OPEN_SEAT');
  });

  it('given a called player who does not come, when the call expires, then they are bumped and the next is called', () => {
    const { state } = run([
      ...ROOM,
      join('ana'),
      join('bo'),
      { type: 'SetSeatsTaken', tableId: 't1', taken: 8 },
      { type: 'CallNext', gameId: 'nlh' },
    ]);
    const calledAt = T0 + 6 * MIN; // the seventh command, one minute apart
    expect(decideCash(state, { type: 'ExpireCalls' }, calledAt + 3 * MIN - 1)).toEqual([]);
    const bumped = decideCash(state, { type: 'ExpireCalls' }, calledAt + 3 * MIN);
    expect(bumped).toEqual([{ type: 'CallExpired', gameId: 'nlh', playerId: 'ana' }]);
    const after = replayCash(bumped, state);
    expect(after.games.nlh!.waitlist.map((w) => w.playerId)).toEqual(['bo']);
    expect(decideCash(after, { type: 'CallNext', gameId: 'nlh' }, calledAt + 4 * MIN)[0]).toMatchObject({
      type: 'PlayerCalled',
      playerId: 'bo',
    });
  });

  it('given a called player, when seated, then they leave the list and take the seat', () => {
    const { state } = run([
      ...ROOM,
      join('ana'),
      { type: 'SetSeatsTaken', tableId: 't1', taken: 8 },
      { type: 'CallNext', gameId: 'nlh' },
      { type: 'SeatPlayer', gameId: 'nlh', playerId: 'ana', tableId: 't1' },
    ]);
    expect(state.games.nlh!.waitlist).toEqual([]);
    expect(state.tables.t1).toMatchObject({ taken: 9, seated: [{ playerId: 'ana', name: 'ANA' }] });
    expect(refusal(state, { type: 'SeatPlayer', gameId: 'nlh', playerId: 'ana', tableId: 't1' })).toBe(
      'TABLE_FULL',
    );
    expect(refusal(state, { type: 'CloseTable', tableId: 't1' })).toBe('TABLE_NOT_EMPTY');
  });
});

describe('must-move tables', () => {
  const MM: CashCommand[] = [
    ...ROOM,
    { type: 'OpenTable', tableId: 'mm', gameId: 'nlh', name: 'Must-move', seats: 9, mustMove: true },
    join('ana'),
    join('bo'),
    join('cai'),
    { type: 'SeatPlayer', gameId: 'nlh', playerId: 'ana', tableId: 'mm' },
    { type: 'SeatPlayer', gameId: 'nlh', playerId: 'bo', tableId: 'mm' },
  ];

  it('given players at the must-move table, when a main seat opens, then the longest seated there moves before the list', () => {
    const { state } = run([...MM, { type: 'SetSeatsTaken', tableId: 't1', taken: 8 }]);
    const call = decideCash(state, { type: 'CallNext', gameId: 'nlh' }, T0 + 20 * MIN);
    expect(call).toEqual([{ type: 'MustMoveCalled', gameId: 'nlh', playerId: 'ana', fromTableId: 'mm' }]);
    const moved = run([{ type: 'SeatPlayer', gameId: 'nlh', playerId: 'ana', tableId: 't1' }], state).state;
    expect(moved.tables.t1).toMatchObject({ taken: 9 });
    expect(moved.tables.mm!.seated.map((s) => s.playerId)).toEqual(['bo']);
    // The seat Ana left on the must-move table goes to the list.
    expect(decideCash(moved, { type: 'CallNext', gameId: 'nlh' }, T0 + 21 * MIN)[0]).toMatchObject({
      type: 'PlayerCalled',
      playerId: 'cai',
    });
  });

  it('given a must-move player, when the floor seats them at the must-move table again, then it is refused', () => {
    const { state } = run([...MM, { type: 'SetSeatsTaken', tableId: 't1', taken: 8 }]);
    expect(refusal(state, { type: 'SeatPlayer', gameId: 'nlh', playerId: 'bo', tableId: 'mm' })).toBe(
      'MUST_MOVE_TO_MAIN',
    );
  });

  it('given bad tables, then they are refused with the reason', () => {
    const { state } = run(ROOM);
    expect(refusal(state, { type: 'OpenTable', tableId: 't2', gameId: 'nlh', name: 'T2', seats: 12 })).toBe(
      'BAD_SEATS',
    );
    expect(refusal(state, { type: 'OpenTable', tableId: 't2', gameId: 'plo', name: 'T2', seats: 6 })).toBe(
      'GAME_NOT_FOUND',
    );
    expect(refusal(state, { type: 'SetSeatsTaken', tableId: 't1', taken: 10 })).toBe('BAD_SEATS_TAKEN');
    expect(refusal(state, { type: 'CreateGame', gameId: 'nlh', name: 'again' })).toBe('GAME_EXISTS');
  });
});
