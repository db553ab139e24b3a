import { describe, expect, it } from 'vitest';
import { decideSeating } from './decide.ts';
import { unseatEntries } from './hooks.ts';
import { initialSeatingState, seatOf, tableById } from './state.ts';
import { ctxOf, fold, ok, range, seated, seatMap, table } from './testing.ts';
import { undoSeatingEvents } from './undo.ts';

const entries = Array.from({ length: 23 }, (_, i) => `e${i + 1}`);

describe('undo of seating actions', () => {
  it('given a draw that opened tables, when undone, then nobody is seated and the opened tables go', () => {
    const state = initialSeatingState();
    const drawn = ok(decideSeating(state, { type: 'DrawSeats', entryIds: entries }, ctxOf()));
    const after = fold(state, drawn);
    expect(after.tables).toHaveLength(3);
    const undone = fold(after, ok(undoSeatingEvents(after, drawn, ctxOf())));
    expect(undone.seated).toBe(0);
    expect(undone.tables).toEqual([]);
    expect(undone.drawn).toBe(false);
    // ...and the draw can be made again.
    expect(decideSeating(undone, { type: 'DrawSeats', entryIds: entries }, ctxOf(2))).not.toBeInstanceOf(
      Error,
    );
  });

  it('given a table break, when undone, then the table is back with everyone in their old seats', () => {
    const bust = seated([table('t1'), table('t2'), table('t3')], {
      t1: range(1, 6),
      t2: range(1, 6),
      t3: range(1, 6),
    });
    const breakEvents = ok(decideSeating(bust, { type: 'BreakTable', tableId: 't2' }, ctxOf()));
    const after = fold(bust, breakEvents);
    expect(tableById(after, 't2')).toBeUndefined();
    const undone = fold(after, ok(undoSeatingEvents(after, breakEvents, ctxOf())));
    expect(seatMap(undone)).toEqual(seatMap(bust));
  });

  it('given a break whose moved player has moved on since, when undone, then an error names the conflict', () => {
    const state = seated([table('t1'), table('t2')], { t1: range(1, 4), t2: range(1, 4) });
    const breakEvents = ok(decideSeating(state, { type: 'BreakTable', tableId: 't2' }, ctxOf()));
    let after = fold(state, breakEvents);
    const from = seatOf(after, 't2s1');
    const freeSeat = range(1, 10).find((s) => tableById(after, 't1')?.occupants[s - 1] === null) as number;
    after = fold(
      after,
      ok(decideSeating(after, { type: 'LockSeat', entryId: 't2s1', tableId: 't1', seat: freeSeat }, ctxOf())),
    );
    expect(from).not.toEqual(seatOf(after, 't2s1'));
    const error = undoSeatingEvents(after, breakEvents, ctxOf());
    expect(error).toMatchObject({ code: 'SEATING_UNDO_CONFLICT' });
    expect((error as Error).message).toContain('t2s1');
  });

  it('given a bust, when its seating events are undone, then the player is back in the old seat', () => {
    const state = seated([table('t1'), table('t2')], { t1: range(1, 6), t2: range(1, 6) });
    const events = unseatEntries(state, ['t1s3'], ctxOf(), 11, 3);
    const after = fold(state, events);
    const undone = fold(after, ok(undoSeatingEvents(after, events, ctxOf())));
    expect(seatOf(undone, 't1s3')).toEqual({ tableId: 't1', seat: 3 });
    expect(seatMap(undone)).toEqual(seatMap(state));
  });

  it('given a final-table redraw, when undone, then both tables are back as they were', () => {
    const state = seated([table('t1'), table('t2')], { t1: range(1, 6), t2: range(1, 5) });
    const bust = fold(state, unseatEntries(state, ['t2s1'], ctxOf(), 10, 3));
    const redraw = ok(decideSeating(bust, { type: 'RedrawFinalTable' }, ctxOf(9)));
    const after = fold(bust, redraw);
    const undone = fold(after, ok(undoSeatingEvents(after, redraw, ctxOf())));
    expect(seatMap(undone)).toEqual(seatMap(bust));
  });

  it('given a rename and a break order, when undone, then the previous values return', () => {
    let state = seated([table('t1'), table('t2')], { t1: [1], t2: [1] });
    const rename = ok(decideSeating(state, { type: 'RenameTable', tableId: 't1', name: 'Feature' }, ctxOf()));
    state = fold(state, rename);
    state = fold(state, ok(undoSeatingEvents(state, rename, ctxOf())));
    expect(tableById(state, 't1')?.name).toBe('Table 1');
    const order = ok(decideSeating(state, { type: 'SetBreakOrder', tableIds: ['t1'] }, ctxOf()));
    state = fold(state, order);
    state = fold(state, ok(undoSeatingEvents(state, order, ctxOf())));
    expect(state.breakOrder).toBeNull();
  });
});
