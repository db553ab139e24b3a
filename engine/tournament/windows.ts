/**
 * Late registration, rebuy and add-on windows, read from the derived clock.
 *
 * The structure says "until level N" (1-based play levels). Late registration and rebuys
 * close at the END of level N: the break after level N is already closed (that is what
 * "until the end of level N" means, and it is how the structure type documents it).
 * The add-on is different: it is offered "at" level N, traditionally taken during the break
 * that follows it, so the add-on window includes the break right after level N.
 */
import { computeClock } from '../clock/compute.ts';
import { assertNever, DomainError } from '../core/errors.ts';
import type { TournamentState } from './types.ts';

export type WindowKind = 'late-registration' | 'rebuy' | 'add-on';

/** Whether the play level shown at `now` is still inside "until level N". */
function inside(state: TournamentState, now: number, until: number, includeBreakAfter: boolean): boolean {
  const config = state.config;
  if (config === null) return false;
  const view = computeClock(state.clock, config.structure, now);
  if (view.playLevelNumber < until) return true;
  if (view.playLevelNumber > until) return false;
  return includeBreakAfter || !view.isBreak;
}

/** null when open at `now`, else the error a TD sees ("Rebuys closed after level 6"). */
export function windowProblem(state: TournamentState, now: number, kind: WindowKind): DomainError | null {
  const s = state.config?.structure;
  if (s === undefined)
    return new DomainError('TOURNAMENT_NOT_CREATED', 'The tournament has not been created');
  switch (kind) {
    case 'late-registration': {
      const until = s.lateRegUntilLevel;
      if (until === null) {
        return new DomainError('LATE_REGISTRATION_CLOSED', 'This tournament has no late registration', {});
      }
      if (state.registrationClosed) {
        return new DomainError(
          'LATE_REGISTRATION_CLOSED',
          'Late registration was closed by the tournament director',
          {
            untilLevel: until,
          },
        );
      }
      return inside(state, now, until, false)
        ? null
        : new DomainError('LATE_REGISTRATION_CLOSED', `Late registration closed after level ${until}`, {
            untilLevel: until,
          });
    }
    case 'rebuy': {
      const until = s.rebuyUntilLevel;
      if (until === null || state.config?.rebuy == null) {
        return new DomainError('REBUY_NOT_OFFERED', 'This tournament has no rebuys', {});
      }
      return inside(state, now, until, false)
        ? null
        : new DomainError('REBUY_CLOSED', `Rebuys closed after level ${until}`, { untilLevel: until });
    }
    case 'add-on': {
      const at = s.addOnAtLevel;
      if (at === null || state.config?.addOn == null) {
        return new DomainError('ADDON_NOT_OFFERED', 'This tournament has no add-on', {});
      }
      return inside(state, now, at, true)
        ? null
        : new DomainError('ADDON_CLOSED', `Add-ons closed after the break following level ${at}`, {
            atLevel: at,
          });
    }
    default:
      return assertNever(kind, 'window');
  }
}
