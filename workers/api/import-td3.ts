/**
 * POST /api/v1/venues/:venueId/imports/td3: the raw bytes of a TD3 .tdt file in. With
 * `?dryRun=true` only the import report comes back; otherwise a new tournament is created
 * from the file's whole history (one atomic append) and listed in the venue.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { answerError } from '../../durable-objects/tournament/host.ts';
import { importTd3 } from '../../engine/td3/import.ts';
import { Td3ParseError } from '../../engine/td3/parse.ts';
import type { Env } from '../env.ts';
import { ApiError } from '../http/errors.ts';
import { parseWith } from '../http/validate.ts';
import { newTournamentId, venueIdSchema } from './ids.ts';

/** Real TD3 saves are 10–200 KB (../shared/fixtures/td3); 8 MB leaves room for long histories. */
export const TD3_MAX_BYTES = 8 * 1024 * 1024;

export const importTd3Route = new Hono<{ Bindings: Env }>().post(
  '/',
  bodyLimit({
    maxSize: TD3_MAX_BYTES,
    onError: () => {
      throw new ApiError(413, 'BODY_TOO_LARGE', 'The TD3 file is larger than 8 MB', {
        maxBytes: TD3_MAX_BYTES,
      });
    },
  }),
  async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength === 0)
      throw new ApiError(400, 'EMPTY_BODY', 'Send the .tdt file as the request body');
    const result = importTd3(bytes);
    if (result instanceof Td3ParseError) {
      throw new ApiError(400, result.code, result.message, {
        offset: result.offset,
        line: result.line,
        column: result.column,
      });
    }
    if (c.req.query('dryRun') === 'true')
      return c.json({ report: result.report, commands: result.commands.length });
    const venueId = parseWith(venueIdSchema, c.req.param('venueId'), 'venueId');
    const venue = c.env.VENUE.get(c.env.VENUE.idFromName(venueId));
    if (!(await venue.get(venueId))) throw new ApiError(404, 'VENUE_NOT_FOUND', `No venue ${venueId}`);
    const tournamentId = newTournamentId();
    const imported = importTd3(bytes, { tournamentId });
    if (imported instanceof Td3ParseError) throw new ApiError(400, imported.code, imported.message);
    const stub = c.env.TOURNAMENT.get(c.env.TOURNAMENT.idFromName(tournamentId));
    const answer = await stub.importHistory(tournamentId, imported.commands, {
      id: 'td3-import',
      role: 'td',
    });
    if (!answer.ok) throw answerError(answer);
    const name = imported.state.config?.name ?? 'Imported tournament';
    await venue.addTournament(venueId, { id: tournamentId, name, createdAt: Date.now() });
    return c.json(
      {
        tournament: { id: tournamentId, name, venueId, seq: answer.seq },
        report: imported.report,
        commands: imported.commands.length,
      },
      201,
    );
  },
);
