/**
 * What a player's phone alerts them to, from two successive views of the tournament: their
 * seat changed (a balancing move, a broken table, the final-table draw, or the draw itself),
 * a new level began, a break began or ended. Comparing views rather than reading events means
 * a phone that was asleep or offline during the move still alerts when it catches up.
 */
export interface PlayerSnapshot {
  /** The player's seat, null when not seated (before the draw, or out). */
  readonly seat: { readonly table: string; readonly seat: number } | null;
  readonly levelIndex: number | null;
  readonly isBreak: boolean;
  /** "Level 5", for the level alert. */
  readonly levelTitle: string;
  /** "200 / 400 · ante 400", or null on a break. */
  readonly blinds: string | null;
}

export interface PlayerAlert {
  readonly kind: 'seat' | 'level' | 'break' | 'break-over';
  readonly title: string;
  readonly text: string;
}

export function alertsBetween(before: PlayerSnapshot | null, after: PlayerSnapshot): PlayerAlert[] {
  if (before === null) return [];
  const out: PlayerAlert[] = [];
  const a = after.seat;
  const b = before.seat;
  if (a !== null && (b === null || a.table !== b.table || a.seat !== b.seat)) {
    out.push({
      kind: 'seat',
      title: b === null ? 'Your seat' : 'Your seat has changed',
      text: `${a.table}, seat ${a.seat}${b === null ? '' : ` (was ${b.table}, seat ${b.seat})`}`,
    });
  }
  if (before.levelIndex !== null && after.levelIndex !== null && after.levelIndex !== before.levelIndex) {
    if (after.isBreak) out.push({ kind: 'break', title: 'Break', text: 'The clock is on a break' });
    else
      out.push({
        kind: before.isBreak ? 'break-over' : 'level',
        title: before.isBreak ? 'The break is over' : after.levelTitle,
        text: before.isBreak ? `${after.levelTitle}: ${after.blinds ?? ''}` : (after.blinds ?? ''),
      });
  }
  return out;
}
