/**
 * A tournament as it was at an earlier seq (support's time travel, read-only): its log folded
 * from the start, page by page, by the same engine fold an import uses. The live state is
 * never touched; nothing is written.
 */
import { isDomainError } from '../../engine/core/errors.ts';
import { foldEvent } from '../../engine/tournament/history.ts';
import { initialState } from '../../engine/tournament/state.ts';
import type { TournamentEventAny, TournamentState } from '../../engine/tournament/types.ts';
import type { TournamentLog } from './log.ts';

/** Events read per storage call (a log can hold 100,000). */
const PAGE = 2000;

export interface PastState {
  readonly state: TournamentState;
  /** When the event at this seq happened: the clock is shown as it stood then. */
  readonly at: number;
}

/** The state right after each of `seqs` (each 1 … the log's last seq; the caller checks). */
export async function statesAt(log: TournamentLog, seqs: readonly number[]): Promise<Map<number, PastState>> {
  const wanted = [...new Set(seqs)].sort((a, b) => a - b);
  const out = new Map<number, PastState>();
  const last = wanted.at(-1) ?? 0;
  let state = initialState(log.tournamentId);
  let seq = 0;
  let next = 0;
  while (seq < last) {
    const page = await log.read(seq, Math.min(PAGE, last - seq));
    if (page.length === 0) break;
    for (const e of page) {
      const folded = foldEvent(
        state,
        { seq: e.seq, event: JSON.parse(e.body) as TournamentEventAny },
        seq + 1,
      );
      // The log was written by this engine; a refusal here is a stored log that no longer folds.
      if (isDomainError(folded)) throw new Error(`${log.tournamentId}: ${folded.message}`);
      state = folded;
      seq = e.seq;
      while (next < wanted.length && wanted[next] === seq) out.set(wanted[next++]!, { state, at: e.at });
    }
  }
  return out;
}
