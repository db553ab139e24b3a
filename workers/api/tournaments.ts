import { Hono } from 'hono';
import { z } from 'zod';
import type { Env } from '../env.ts';
import { ApiError } from '../http/errors.ts';
import { eventPageJson } from '../http/event-page.ts';
import { jsonBody, parseWith } from '../http/validate.ts';
import { tournamentIdSchema } from './ids.ts';

const readQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const noteSchema = z.object({
  commandId: z.string().min(1).max(100).optional(),
  text: z.string().trim().min(1).max(2000),
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
  // A TD's note in the tournament's log (the log is the audit trail).
  .post('/:id/notes', async (c) => {
    const id = parseWith(tournamentIdSchema, c.req.param('id'), 'id');
    const body = await jsonBody(c, noteSchema);
    const stub = await existing(c.env, id);
    const result = await stub.append(id, [{ type: 'NoteAdded', data: { text: body.text } }], body.commandId);
    return c.json(
      { seq: result.seq, repeated: result.repeated, events: result.events.map((e) => e.seq) },
      201,
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
