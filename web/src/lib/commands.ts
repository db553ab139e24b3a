/**
 * The engine's commands as the console sends them: `type` plus the body without `type` and
 * `commandId` (the envelope carries those). Types only: the rules stay on the server.
 */
import type { SeatingCommandBody, TournamentCommandBody } from '../../../engine/tournament/types.ts';

type Body = TournamentCommandBody | SeatingCommandBody;
export type CommandType = Body['type'];
export type CommandBody<T extends CommandType> = Omit<Extract<Body, { type: T }>, 'type'>;
