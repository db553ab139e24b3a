import { Hono } from 'hono';
import { z } from 'zod';
import { eventPageJson, eventsJson } from '../../durable-objects/live/wire.ts';
import { answerError } from '../../durable-objects/tournament/host.ts';
import { commandSchema } from '../../engine/tournament/commands.schema.ts';
import type { TournamentCommand } from '../../engine/tournament/types.ts';
import type { Env } from '../env.ts';
import { ApiError } from '../http/errors.ts';
import { jsonBody, parseWith } from '../http/validate.ts';
import { tournamentIdSchema } from './ids.ts';

const readQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** `{ commandId, type, payload }`: the payload's fields are the command's (see the engine). */
const envelopeSchema = z.object({
  commandId: z.string().min(1).max(100),
  type: z.string().min(1).max(60),
  payload: z.record(z.string(), z.unknown()).default({}),
});

function tournamentStub(env: Env, id: string) {
  return env.TOURNAMENT.get(env.TOURNAMENT.idFromName(id));
}

async function existing(env: Env, id: string) {
  const stub = tournamentStub(env, id);
  if ((await stub.lastSeq(id)) === 0) throw new ApiError(404, 'TOURNAMENT_NOT_FOUND', `No tournament ${id}`);
  return stub;
}

export const tournaments = new Hono<{ Bindings: Env }>()
  .get('/:id/events', async (c) => {
    const id = parseWith(tournamentIdSchema, c.req.param('id'), 'id');
    const q = parseWith(readQuery, c.req.query(), 'query');
    const stub = await existing(c.env, id);
    const page = await stub.readEvents(id, q.after, q.limit);
    return c.body(eventPageJson(page.seq, page.events), 200, { 'content-type': 'application/json' });
  })
  .get('/:id', async (c) => {
    const id = parseWith(tournamentIdSchema, c.req.param('id'), 'id');
    const stub = await existing(c.env, id);
    return c.body(await stub.view(id), 200, { 'content-type': 'application/json' });
  })
  // Parts of the view, for screens that need only one (a TV showing payouts, a clock).
  .get('/:id/:part{standings|seating|payouts|clock}', async (c) => {
    const id = parseWith(tournamentIdSchema, c.req.param('id'), 'id');
    const stub = await existing(c.env, id);
    const view = JSON.parse(await stub.view(id)) as {
      seq: number;
      serverTime: number;
      standings: { payouts: unknown; prizePool: unknown; clock: unknown };
      seating: unknown;
    };
    const part = c.req.param('part');
    const body =
      part === 'standings'
        ? view.standings
        : part === 'seating'
          ? view.seating
          : part === 'payouts'
            ? { prizePool: view.standings.prizePool, payouts: view.standings.payouts }
            : view.standings.clock;
    return c.body(JSON.stringify({ seq: view.seq, serverTime: view.serverTime, [part]: body }), 200, {
      'content-type': 'application/json',
    });
  })
  .post('/:id/commands', async (c) => {
    const id = parseWith(tournamentIdSchema, c.req.param('id'), 'id');
    const envelope = await jsonBody(c, envelopeSchema);
    if ('commandId' in envelope.payload || 'type' in envelope.payload) {
      throw new ApiError(400, 'VALIDATION_FAILED', 'payload must not carry commandId or type');
    }
    const command = parseWith(
      commandSchema,
      { ...envelope.payload, commandId: envelope.commandId, type: envelope.type },
      'command',
    ) as TournamentCommand;
    const stub = tournamentStub(c.env, id);
    // Until staff sign-in lands (venues issue), commands act as the venue's TD.
    const answer = await stub.command(id, command, { id: 'td', role: 'td' });
    if (!answer.ok) throw answerError(answer);
    return c.body(
      `{"seq":${answer.seq},"repeated":${answer.repeated},"events":${eventsJson(answer.events)}}`,
      answer.repeated ? 200 : 201,
      { 'content-type': 'application/json' },
    );
  })
  .get('/:id/live', async (c) => {
    const id = parseWith(tournamentIdSchema, c.req.param('id'), 'id');
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new ApiError(426, 'UPGRADE_REQUIRED', 'This endpoint speaks WebSocket only');
    }
    const q = parseWith(
      z.object({ after: z.coerce.number().int().min(0).default(0) }),
      c.req.query(),
      'query',
    );
    const stub = await existing(c.env, id);
    const url = new URL(c.req.url);
    url.search = new URLSearchParams({ tournamentId: id, after: String(q.after), role: 'public' }).toString();
    return stub.fetch(new Request(url, c.req.raw));
  });
