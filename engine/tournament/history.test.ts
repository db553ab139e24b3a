import { describe, expect, it } from 'vitest';
import { isDomainError } from '../core/errors.ts';
import { canonicalJson, canonicalState, foldHistory } from './history.ts';
import { restore, snapshot } from './replay.ts';
import { Harness } from './testing.ts';
import type { TournamentEventAny } from './types.ts';

const played = () => {
  const h = new Harness();
  h.started(5);
  h.run({ type: 'BustPlayers', busts: [{ entryId: 'e5' }], hitmanEntryId: 'e1' });
  return h;
};
const numbered = (events: readonly TournamentEventAny[]) => events.map((event, i) => ({ seq: i + 1, event }));

describe('foldHistory', () => {
  it('given a played history, when folded under another id, then its canonical state equals the original’s', () => {
    const h = played();
    const copy = foldHistory(numbered(h.events), 'another-id');
    if (isDomainError(copy)) throw copy;
    expect(copy.tournamentId).toBe('another-id');
    expect(canonicalState(copy)).toBe(canonicalState(h.state));
  });

  it('given uptoSeq, then the fold stops there (time travel)', () => {
    const h = played();
    const early = foldHistory(numbered(h.events), 't', 1);
    if (isDomainError(early)) throw early;
    expect(early.status).toBe('announced');
    expect(canonicalState(early)).not.toBe(canonicalState(h.state));
  });

  it('given a gap, a second creation, a wrong first event or an event the engine cannot apply, then it names the seq', () => {
    const events = numbered(played().events);
    const gap = foldHistory([events[0]!, { ...events[2]!, seq: 3 }], 't');
    expect(isDomainError(gap) && [gap.code, gap.details]).toEqual([
      'HISTORY_SEQ',
      { index: 1, seq: 3, expected: 2 },
    ]);
    const start = foldHistory(
      events.slice(1).map((e, i) => ({ ...e, seq: i + 1 })),
      't',
    );
    expect(isDomainError(start) && start.code).toBe('HISTORY_START');
    const twice = foldHistory([events[0]!, { seq: 2, event: events[0]!.event }], 't');
    expect(isDomainError(twice) && twice.code).toBe('HISTORY_EVENT_REFUSED');
    const forged = {
      seq: events.length + 1,
      event: { type: 'ChipsPrinted', at: 0, actor: 'x', commandId: 'x' } as unknown as TournamentEventAny,
    };
    const refused = foldHistory([...events, forged], 't');
    expect(isDomainError(refused) && [refused.code, refused.message]).toEqual([
      'HISTORY_EVENT_REFUSED',
      expect.stringContaining(`event ${forged.seq}`),
    ]);
  });
});

describe('canonicalState', () => {
  it('given a state restored from its snapshot, then the canonical text is the same as the live one', () => {
    const h = played();
    const restored = restore(snapshot(h.state));
    if (isDomainError(restored)) throw restored;
    expect(canonicalState(restored)).toBe(canonicalState(h.state));
  });
  it('given objects with keys in another order, then canonicalJson is the same text', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
});
