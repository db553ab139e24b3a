/**
 * When the tournament started and finished, for the results sheet and the JSON file. The view
 * carries neither, so they come from the event log: the start is near its beginning, the
 * finish (if any) is the newest TournamentFinished near its end.
 */
import type { LogEvent } from '../../api.ts';

export interface Times {
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
}

type ReadEvents = (after: number, limit: number) => Promise<{ events: readonly LogEvent[] }>;

const PAGE = 1000;
/** Pages read looking for the start before giving up (a 10,000-entry night). */
const MAX_PAGES = 12;

export async function tournamentTimes(read: ReadEvents, lastSeq: number, finished: boolean): Promise<Times> {
  let startedAt: number | null = null;
  for (let page = 0, after = 0; page < MAX_PAGES && startedAt === null && after < lastSeq; page++) {
    const { events } = await read(after, PAGE);
    if (events.length === 0) break;
    startedAt = events.find((e) => e.type === 'TournamentStarted')?.at ?? null;
    after = (events.at(-1) as LogEvent).seq;
  }
  let finishedAt: number | null = null;
  if (finished) {
    const { events } = await read(Math.max(0, lastSeq - 50), 50);
    finishedAt = events.findLast((e) => e.type === 'TournamentFinished')?.at ?? null;
  }
  return { startedAt, finishedAt };
}
