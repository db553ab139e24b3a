/** Sign-up and sign-in: no token needed (these routes hand tokens out). */
import { createRoute, z } from '@hono/zod-openapi';
import { randomCode } from '../../durable-objects/venue/staff-rules.ts';
import { unwrap } from '../http/answers.ts';
import { clientKey } from '../http/auth.ts';
import { ERRORS, json, jsonRequest, reply, router } from '../http/openapi.ts';
import {
  currency,
  email,
  humanText,
  opaqueId,
  password,
  pin,
  SignedInSchema,
  staffRole,
  VenueParams,
  venueId,
} from './schemas.ts';
import { directoryStub, venueStub } from './stubs.ts';

const SignUpBody = z
  .object({
    venue: z.object({
      id: venueId,
      name: humanText(120),
      currency: currency.default('DKK'),
      locale: z
        .string()
        .regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, 'must be a locale such as da-DK')
        .default('da-DK'),
      timeZone: z
        .string()
        .regex(/^[A-Za-z_]+(?:\/[A-Za-z_+-]+){0,2}$/, 'must be an IANA time zone')
        .default('Europe/Copenhagen'),
    }),
    owner: z.object({ name: humanText(120), email, password, pin: pin.optional() }),
  })
  .openapi('SignUp');

const signUp = createRoute({
  method: 'post',
  path: '/signup',
  tags: ['auth'],
  summary: 'Create a venue and its owner; answers with the owner signed in',
  request: { body: jsonRequest(SignUpBody) },
  responses: { 201: json(SignedInSchema, 'The venue, its owner and a 7-day token'), ...ERRORS },
});

const passwordSignIn = createRoute({
  method: 'post',
  path: '/venues/{venueId}/auth/password',
  tags: ['auth'],
  summary: 'Sign in with email and password',
  request: {
    params: VenueParams,
    body: jsonRequest(z.object({ email, password })),
  },
  responses: { 200: json(SignedInSchema, 'Signed in'), ...ERRORS },
});

const pinSignIn = createRoute({
  method: 'post',
  path: '/venues/{venueId}/auth/pin',
  tags: ['auth'],
  summary: 'Sign in with a PIN (on the venue box only; works offline)',
  request: {
    params: VenueParams,
    body: jsonRequest(z.object({ userId: opaqueId, pin: z.string().max(20) })),
  },
  responses: { 200: json(SignedInSchema, 'Signed in'), ...ERRORS },
});

const pinRoster = createRoute({
  method: 'get',
  path: '/venues/{venueId}/auth/pin-roster',
  tags: ['auth'],
  summary: 'Staff who can sign in with a PIN here (box only): names for the PIN pad',
  request: { params: VenueParams },
  responses: {
    200: json(
      z.object({ staff: z.array(z.object({ id: z.string(), name: z.string(), role: staffRole })) }),
      'The roster',
    ),
    ...ERRORS,
  },
});

const acceptInvite = createRoute({
  method: 'post',
  path: '/venues/{venueId}/auth/accept-invite',
  tags: ['auth'],
  summary: 'Join a venue with the invite code; sets a password (and optionally a PIN)',
  request: {
    params: VenueParams,
    body: jsonRequest(z.object({ email, code: z.string().min(4).max(40), password, pin: pin.optional() })),
  },
  responses: { 200: json(SignedInSchema, 'Joined and signed in'), ...ERRORS },
});

const supportSignIn = createRoute({
  method: 'post',
  path: '/support/auth/password',
  tags: ['support'],
  summary: 'Sign in as Felt support staff (read-only across venues, every read audited)',
  request: {
    body: jsonRequest(z.object({ email, password })),
  },
  responses: { 200: json(z.object({ token: z.string(), userId: z.string() }), 'Signed in'), ...ERRORS },
});

export const auth = router()
  .openapi(signUp, async (c) => {
    const body = c.req.valid('json');
    const directory = directoryStub(c.env);
    // A code nobody holds yet; it is claimed only once the venue exists, so a refused sign-up
    // leaves nothing behind.
    let publicCode = randomCode(6);
    for (let i = 0; i < 5 && (await directory.resolveCode(publicCode)) !== null; i++)
      publicCode = randomCode(6);
    const signedIn = unwrap(
      await venueStub(c.env, body.venue.id).signUp({ ...body.venue, publicCode }, body.owner),
    );
    // Two sign-ups racing for one code: the loser takes another.
    for (let i = 0; i < 5 && !(await directory.claimCode(publicCode, body.venue.id)); i++) {
      publicCode = randomCode(6);
    }
    await venueStub(c.env, body.venue.id).setPublicCode(body.venue.id, publicCode);
    await directory.indexVenue({ id: body.venue.id, name: signedIn.venue.name, code: publicCode });
    const venue = { ...signedIn.venue, publicCode };
    return reply(c, { ...signedIn, venue }, 201);
  })
  .openapi(passwordSignIn, async (c) => {
    const { venueId } = c.req.valid('param');
    const { email, password } = c.req.valid('json');
    return reply(
      c,
      unwrap(await venueStub(c.env, venueId).signInPassword(venueId, email, password, clientKey(c))),
      200,
    );
  })
  .openapi(pinSignIn, async (c) => {
    const { venueId } = c.req.valid('param');
    const { userId, pin } = c.req.valid('json');
    return reply(
      c,
      unwrap(await venueStub(c.env, venueId).signInPin(venueId, userId, pin, clientKey(c))),
      200,
    );
  })
  .openapi(pinRoster, async (c) => {
    const { venueId } = c.req.valid('param');
    return reply(c, { staff: unwrap(await venueStub(c.env, venueId).pinRoster(venueId)) }, 200);
  })
  .openapi(acceptInvite, async (c) => {
    const { venueId } = c.req.valid('param');
    return reply(
      c,
      unwrap(await venueStub(c.env, venueId).acceptInvite(venueId, c.req.valid('json'), clientKey(c))),
      200,
    );
  })
  .openapi(supportSignIn, async (c) => {
    const { email, password } = c.req.valid('json');
    return reply(c, unwrap(await directoryStub(c.env).signInSupport(email, password, clientKey(c))), 200);
  });
