/**
 * Online pre-registration for a listed tournament open for registration, when the venue has
 * switched it on (publish.onlineRegistration): anyone may ask, no account. The registrant
 * becomes (or matches) a venue player and a Register goes to the tournament's home: decided
 * at once in the cloud, or held for the box that runs it; the confirmation page reads the
 * outcome (registered, number N on the waiting list, refused) by the client's request id.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Outcome } from '../../durable-objects/tournament/pre-registration.ts';
import { unwrap } from '../http/answers.ts';
import { clientKey } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { ERRORS, json, jsonRequest, reply, router } from '../http/openapi.ts';
import { email, humanText, TournamentParams } from './schemas.ts';
import { tournamentStub, venueStub } from './stubs.ts';

const requestId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or - (a fresh one per registration)');

/** An empty form field is "not given". */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const RegistrationBody = z
  .object({
    requestId,
    name: humanText(80).pipe(z.string().min(2, 'must be at least 2 characters')),
    email: optional(email),
    phone: optional(
      z
        .string()
        .trim()
        .max(30)
        .regex(/^\+?[0-9 ()-]{6,30}$/, 'must be a phone number (digits, spaces, +, - and brackets)'),
    ),
  })
  .strict()
  .openapi('PublicRegistration');

const OutcomeSchema = z
  .object({
    kind: z.enum(['pending', 'registered', 'waiting', 'refused', 'withdrawn']),
    entryId: z.string().optional(),
    number: z.number().optional(),
    position: z.number().optional(),
    code: z.string().optional(),
    message: z.string().optional(),
  })
  .openapi('RegistrationOutcome');

const Registration = z
  .object({
    requestId: z.string(),
    name: z.string(),
    repeated: z.boolean().optional(),
    outcome: OutcomeSchema,
  })
  .openapi('PublicRegistrationAnswer');

const register = createRoute({
  method: 'post',
  path: '/public/venues/{venueId}/tournaments/{id}/registrations',
  tags: ['public'],
  summary:
    'Pre-register online (a fresh requestId per registration; a retry with the same one answers the first)',
  request: {
    params: TournamentParams,
    body: jsonRequest(RegistrationBody),
  },
  responses: {
    201: json(Registration, 'Taken: registered, on the waiting list, or pending at the venue’s box'),
    200: json(Registration, 'A retry: the first answer, as it stands now'),
    ...ERRORS,
  },
});

const confirmation = createRoute({
  method: 'get',
  path: '/public/venues/{venueId}/tournaments/{id}/registrations/{requestId}',
  tags: ['public'],
  summary: 'What became of an online registration (its confirmation page)',
  request: {
    params: TournamentParams.extend({
      requestId: requestId.openapi({ param: { name: 'requestId', in: 'path' } }),
    }),
  },
  responses: { 200: json(Registration, 'The registration now'), ...ERRORS },
});

type Answer =
  | { ok: false; status: 404 | 409 | 429; code: string; message: string }
  | { ok: true; fresh: true }
  | {
      ok: true;
      fresh?: undefined;
      repeated: boolean;
      requestId: string;
      playerId: string;
      name: string;
      outcome: Outcome;
    };

function checked(raw: string): Exclude<Answer, { ok: false }> {
  const answer = JSON.parse(raw) as Answer;
  if (!answer.ok) throw new ApiError(answer.status, answer.code, answer.message);
  return answer;
}

/** A registration a rule refused (full without a waiting list, already registered) is a 422. */
function registrationReply(answer: Extract<Answer, { repeated: boolean }>) {
  const body = {
    requestId: answer.requestId,
    name: answer.name,
    repeated: answer.repeated,
    outcome: answer.outcome,
  };
  if (answer.outcome.kind === 'refused')
    throw new ApiError(422, answer.outcome.code, answer.outcome.message, { requestId: answer.requestId });
  return body;
}

export const publicRegistration = router()
  .openapi(register, async (c) => {
    const { venueId, id } = c.req.valid('param');
    const body = c.req.valid('json');
    const client = clientKey(c);
    const tournament = tournamentStub(c.env, venueId, id);
    // A retry, a closed tournament or too many tries is answered before a player record is made.
    const check = checked(await tournament.preRegisterCheck(id, body.requestId, body.name, client));
    if (!('fresh' in check && check.fresh)) return reply(c, registrationReply(check), 200);
    const venue = venueStub(c.env, venueId);
    const { playerId } = unwrap(
      await venue.publicRegistrant(venueId, id, {
        name: body.name,
        email: body.email ?? null,
        phone: body.phone ?? null,
      }),
    );
    const answer = checked(
      await tournament.preRegister(id, { requestId: body.requestId, playerId, name: body.name, client }),
    ) as Extract<Answer, { repeated: boolean }>;
    // The player's history, as the console's Register does (a box-run one is noted when it syncs).
    if (answer.outcome.kind === 'registered' && !answer.repeated)
      await venue.notePlayerEntry(venueId, playerId, id, answer.outcome.entryId);
    return reply(c, registrationReply(answer), answer.repeated ? 200 : 201);
  })
  .openapi(confirmation, async (c) => {
    const { venueId, id, requestId: wanted } = c.req.valid('param');
    const raw = await tournamentStub(c.env, venueId, id).preRegistration(id, wanted);
    if (raw === null)
      throw new ApiError(404, 'REGISTRATION_NOT_FOUND', `No registration ${wanted} for ${id}`);
    const found = JSON.parse(raw) as { requestId: string; name: string; outcome: Outcome };
    return reply(c, { requestId: found.requestId, name: found.name, outcome: found.outcome }, 200);
  });
