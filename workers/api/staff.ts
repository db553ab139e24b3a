/** Staff: invite, change role, remove (revoking at once), sign out everywhere, unlock, PINs. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { unwrap } from '../http/answers.ts';
import { type AppEnv, authenticated, callerOf } from '../http/auth.ts';
import { BEARER, ERRORS, json, jsonRequest, reply, router } from '../http/openapi.ts';
import { email, humanText, opaqueId, pin, StaffSchema, staffRole, VenueParams } from './schemas.ts';
import { tournamentStub, venueStub } from './stubs.ts';

const StaffParams = VenueParams.extend({
  userId: opaqueId.openapi({ param: { name: 'userId', in: 'path' } }),
});
const one = json(z.object({ user: StaffSchema }), 'The staff member');
const authed = { security: BEARER, middleware: authenticated, tags: ['staff'] };

const list = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/staff',
  summary: 'Staff with their lock-out state',
  request: { params: VenueParams },
  responses: { 200: json(z.object({ staff: z.array(StaffSchema) }), 'Staff'), ...ERRORS },
});

const invite = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/staff/invites',
  summary: 'Invite a staff member (owner); the code is shown once',
  request: {
    params: VenueParams,
    body: jsonRequest(z.object({ name: humanText(120), email, role: staffRole }).strict()),
  },
  responses: {
    201: json(z.object({ user: StaffSchema, inviteCode: z.string(), expiresAt: z.number() }), 'Invited'),
    ...ERRORS,
  },
});

const update = createRoute({
  ...authed,
  method: 'patch',
  path: '/venues/{venueId}/staff/{userId}',
  summary: "Rename or change a staff member's role (owner); a new role revokes old tokens",
  request: {
    params: StaffParams,
    body: jsonRequest(
      z
        .object({ name: humanText(120), role: staffRole })
        .partial()
        .strict()
        .refine((p) => Object.keys(p).length > 0, 'send name or role'),
    ),
  },
  responses: { 200: one, ...ERRORS },
});

const remove = createRoute({
  ...authed,
  method: 'delete',
  path: '/venues/{venueId}/staff/{userId}',
  summary: 'Remove a staff member (owner); their sessions end at once',
  request: { params: StaffParams },
  responses: { 200: one, ...ERRORS },
});

const revoke = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/staff/{userId}/revoke',
  summary: 'Sign a staff member out everywhere (owner, or yourself)',
  request: { params: StaffParams },
  responses: { 200: one, ...ERRORS },
});

const unlock = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/staff/{userId}/unlock',
  summary: 'Lift a lock-out after repeated wrong passwords or PINs (owner)',
  request: { params: StaffParams },
  responses: { 200: one, ...ERRORS },
});

const setPin = createRoute({
  ...authed,
  method: 'put',
  path: '/venues/{venueId}/staff/{userId}/pin',
  summary: 'Set a PIN for box sign-in (owner, or yourself)',
  request: {
    params: StaffParams,
    body: jsonRequest(z.object({ pin }).strict()),
  },
  responses: { 200: one, ...ERRORS },
});

/**
 * Runs a step that ends a staff member's sessions (it authorizes the caller), then closes their
 * open live sockets in the venue's unfinished tournaments.
 */
async function endingSessions<T>(
  c: Context<AppEnv>,
  venueId: string,
  userId: string,
  step: () => Promise<T>,
): Promise<T> {
  const result = await step();
  const ids = await venueStub(c.env, venueId).openTournamentIds(venueId);
  await Promise.all(ids.map((id) => tournamentStub(c.env, venueId, id).closeSocketsOf(id, userId)));
  return result;
}

export const staff = router()
  .openapi(list, async (c) => {
    const { venueId } = c.req.valid('param');
    return reply(c, { staff: unwrap(await venueStub(c.env, venueId).listStaff(venueId, callerOf(c))) }, 200);
  })
  .openapi(invite, async (c) => {
    const { venueId } = c.req.valid('param');
    return reply(
      c,
      unwrap(await venueStub(c.env, venueId).invite(venueId, callerOf(c), c.req.valid('json'))),
      201,
    );
  })
  .openapi(update, async (c) => {
    const { venueId, userId } = c.req.valid('param');
    const patch = c.req.valid('json');
    const change = async () =>
      unwrap(await venueStub(c.env, venueId).updateStaff(venueId, callerOf(c), userId, patch));
    const user = patch.role === undefined ? await change() : await endingSessions(c, venueId, userId, change);
    return reply(c, { user }, 200);
  })
  .openapi(remove, async (c) => {
    const { venueId, userId } = c.req.valid('param');
    return reply(
      c,
      {
        user: await endingSessions(c, venueId, userId, async () =>
          unwrap(await venueStub(c.env, venueId).removeStaff(venueId, callerOf(c), userId)),
        ),
      },
      200,
    );
  })
  .openapi(revoke, async (c) => {
    const { venueId, userId } = c.req.valid('param');
    return reply(
      c,
      {
        user: await endingSessions(c, venueId, userId, async () =>
          unwrap(await venueStub(c.env, venueId).revokeSessions(venueId, callerOf(c), userId)),
        ),
      },
      200,
    );
  })
  .openapi(unlock, async (c) => {
    const { venueId, userId } = c.req.valid('param');
    return reply(
      c,
      { user: unwrap(await venueStub(c.env, venueId).unlockStaff(venueId, callerOf(c), userId)) },
      200,
    );
  })
  .openapi(setPin, async (c) => {
    const { venueId, userId } = c.req.valid('param');
    const user = unwrap(
      await venueStub(c.env, venueId).setPin(venueId, callerOf(c), userId, c.req.valid('json').pin),
    );
    return reply(c, { user }, 200);
  });
