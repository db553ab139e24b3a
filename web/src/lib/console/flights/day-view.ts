/** The `day` part of a tournament's view (durable-objects/tournament/view.ts), as the console reads it. */
import type { CarriedField, DayBag } from '../../../../../engine/tournament/day-types.ts';
import type { TournamentView } from '../../api.ts';

export interface DayView {
  readonly bag: DayBag | null;
  readonly carried: CarriedField | null;
}

export function dayOf(view: TournamentView | null): DayView {
  const day = (view as { day?: DayView } | null)?.day;
  return { bag: day?.bag ?? null, carried: day?.carried ?? null };
}
