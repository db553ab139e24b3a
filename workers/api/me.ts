/**
 * A player's Felt account: sign up and in with email and password, link records at venues
 * with a code the venue issued, read their own history across those venues, unlink, and
 * delete the account (docs/PLAYERS.md). Player tokens only: staff tokens are refused here.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { unwrap } from '../http/answers.ts';
import { clientKey } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { BEARER, ERRORS, json, jsonRequest, reply, router } from '../http/openapi.ts';
import { cloudOnly, playerOf } from '../http/player-auth.ts';
import { myHistory, myVenues } from './me-history.ts';
import { email, opaqueId, password, venueId } from './schemas.ts';
import { directoryStub, venueStub } from './stubs.ts';

const Identity = z
  .object({ id: z.string(), email: z.string(), createdAt: z.number() })
  .openapi('FeltIdentity');
const SignedIn = z.object({ token: z.string(), identity: Identity }).openapi('FeltSignedIn');
const Credentials = z.object({ email, password }).strict();
const authed = { security: BEARER, tags: ['me'] };

/** "K7M3Q9-ABCD2345": the venue's public code, then the secret; spaces, dashes and case ignored. */
export const linkCode = z
  .string()
  .max(40)
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .refine((s) => /^[A-Z0-9]{14}$/.test(s), 'must be a link code such as K7M3Q9-ABCD2345')
  .transform((s) => ({ venueCode: s.slice(0, 6), secret: s.slice(6) }));

const Link = z
  .object({
    venueId: z.string(),
    venueName: z.string(),
    playerId: z.string(),
    name: z.string(),
    linkedAt: z.number(),
    tournaments: z.number(),
  })
  .openapi('FeltLink');

const HistoryRow = z
  .object({
    venueId: z.string(),
    venueName: z.string(),
    currency: z.string(),
    tournamentId: z.string(),
    tournamentName: z.string(),
    status: z.string().nullable(),
    at: z.number(),
    entries: z.number(),
    place: z.number().nullable(),
    prize: z.number(),
  })
  .openapi('FeltHistoryRow');

const signUp = createRoute({
  method: 'post',
  path: '/me/auth/signup',
  tags: ['me'],
  summary: 'Create a Felt account (player) with email and password; answers signed in',
  request: { body: jsonRequest(Credentials) },
  responses: { 201: json(SignedIn, 'The account and a 7-day player token'), ...ERRORS },
});

const signIn = createRoute({
  method: 'post',
  path: '/me/auth/password',
  tags: ['me'],
  summary: 'Sign in to a Felt account (player token; never a staff token)',
  request: { body: jsonRequest(Credentials) },
  responses: { 200: json(SignedIn, 'Signed in'), ...ERRORS },
});

const whoAmI = createRoute({
  ...authed,
  method: 'get',
  path: '/me',
  summary: 'The signed-in Felt account',
  responses: { 200: json(z.object({ identity: Identity }), 'The account'), ...ERRORS },
});

const signOut = createRoute({
  ...authed,
  method: 'post',
  path: '/me/sign-out',
  summary: 'Sign the account out everywhere (every player token issued so far stops working)',
  responses: { 200: json(z.object({ signedOut: z.literal(true) }), 'Signed out'), ...ERRORS },
});

const redeem = createRoute({
  ...authed,
  method: 'post',
  path: '/me/links',
  summary: 'Link a venue’s record with the one-time code the venue gave (rate-limited)',
  request: { body: jsonRequest(z.object({ code: linkCode }).strict()) },
  responses: { 201: json(z.object({ link: Link }), 'Linked'), ...ERRORS },
});

const links = createRoute({
  ...authed,
  method: 'get',
  path: '/me/links',
  summary: 'The venues and records the account is linked to',
  responses: { 200: json(z.object({ links: z.array(Link) }), 'Links'), ...ERRORS },
});

const unlink = createRoute({
  ...authed,
  method: 'delete',
  path: '/me/links/{venueId}/{playerId}',
  summary: 'Unlink one of the account’s records (the venue keeps its record)',
  request: {
    params: z.object({
      venueId: venueId.openapi({ param: { name: 'venueId', in: 'path' } }),
      playerId: opaqueId.openapi({ param: { name: 'playerId', in: 'path' } }),
    }),
  },
  responses: { 200: json(z.object({ unlinked: z.literal(true) }), 'Unlinked'), ...ERRORS },
});

const history = createRoute({
  ...authed,
  method: 'get',
  path: '/me/history',
  summary: 'The account holder’s own results at every linked venue, newest first',
  responses: { 200: json(z.object({ rows: z.array(HistoryRow) }), 'History'), ...ERRORS },
});

const remove = createRoute({
  ...authed,
  method: 'post',
  path: '/me/delete',
  summary:
    'Delete the account: each linked record is anonymised at its venue (results kept), then the account goes',
  request: { body: jsonRequest(z.object({ password }).strict()) },
  responses: {
    200: json(
      z.object({
        deleted: z.literal(true),
        venues: z.array(z.object({ venueId: z.string(), anonymised: z.number() })),
      }),
      'Deleted',
    ),
    ...ERRORS,
  },
});

export const me = router()
  .openapi(signUp, async (c) => {
    cloudOnly(c);
    const { email, password } = c.req.valid('json');
    return reply(c, unwrap(await directoryStub(c.env).signUpIdentity(email, password, clientKey(c))), 201);
  })
  .openapi(signIn, async (c) => {
    cloudOnly(c);
    const { email, password } = c.req.valid('json');
    return reply(c, unwrap(await directoryStub(c.env).signInIdentity(email, password, clientKey(c))), 200);
  })
  .openapi(whoAmI, async (c) => {
    const p = await playerOf(c);
    return reply(c, { identity: { id: p.id, email: p.email, createdAt: p.createdAt } }, 200);
  })
  .openapi(signOut, async (c) => {
    const p = await playerOf(c);
    unwrap(await directoryStub(c.env).signOutIdentity(p.id, p.tokenVersion));
    return reply(c, { signedOut: true }, 200);
  })
  .openapi(redeem, async (c) => {
    const p = await playerOf(c);
    const { code } = c.req.valid('json');
    const directory = directoryStub(c.env);
    unwrap(await directory.identityCodeAttempt(p.id, clientKey(c)));
    const venue = await directory.resolveCode(code.venueCode);
    if (venue === null) {
      throw new ApiError(
        404,
        'LINK_CODE_NOT_FOUND',
        'This link code is wrong, was replaced, or has expired: ask the venue for a new one',
      );
    }
    unwrap(await directory.indexIdentityVenue(p.id, p.tokenVersion, venue));
    const r = unwrap(await venueStub(c.env, venue).redeemLinkCode(venue, code.secret, p.id));
    const mine = unwrap(await venueStub(c.env, venue).identityRecords(venue, p.id));
    const record = mine.records.find((x) => x.playerId === r.playerId);
    const link = {
      venueId: r.venue.id,
      venueName: r.venue.name,
      playerId: r.playerId,
      name: record?.name ?? '',
      linkedAt: record?.linkedAt ?? Date.now(),
      tournaments: record?.history.length ?? 0,
    };
    return reply(c, { link }, 201);
  })
  .openapi(links, async (c) => {
    const p = await playerOf(c);
    const venues = await myVenues(c.env, p.id, p.venues);
    const out = venues.flatMap((v) =>
      v.records.map((r) => ({
        venueId: v.venue.id,
        venueName: v.venue.name,
        playerId: r.playerId,
        name: r.name,
        linkedAt: r.linkedAt,
        tournaments: r.history.length,
      })),
    );
    return reply(c, { links: out }, 200);
  })
  .openapi(unlink, async (c) => {
    const p = await playerOf(c);
    const { venueId: v, playerId } = c.req.valid('param');
    // Only venues the account was ever linked at are asked: any other is simply not found.
    if (!p.venues.includes(v))
      throw new ApiError(404, 'LINKED_PLAYER_NOT_FOUND', `No linked player ${playerId}`);
    unwrap(await venueStub(c.env, v).unlinkIdentity(v, p.id, playerId));
    return reply(c, { unlinked: true }, 200);
  })
  .openapi(history, async (c) => {
    const p = await playerOf(c);
    return reply(c, { rows: await myHistory(c.env, await myVenues(c.env, p.id, p.venues)) }, 200);
  })
  .openapi(remove, async (c) => {
    const p = await playerOf(c);
    const directory = directoryStub(c.env);
    unwrap(await directory.confirmIdentityPassword(p.id, p.tokenVersion, c.req.valid('json').password));
    // Venues first: if one cannot be reached the account stays, and asking again finishes the
    // job (anonymising is idempotent). Only then does the account itself go.
    const venues: { venueId: string; anonymised: number }[] = [];
    for (const v of p.venues) {
      const { anonymised } = unwrap(await venueStub(c.env, v).forgetIdentity(v, p.id));
      venues.push({ venueId: v, anonymised });
    }
    unwrap(await directory.removeIdentity(p.id, p.tokenVersion));
    return reply(c, { deleted: true, venues }, 200);
  });
