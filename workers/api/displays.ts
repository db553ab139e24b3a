/**
 * Venue screens: a screen opens /display and asks for a pairing code (no account); staff add
 * it by that code, name it, assign it a tournament and views, send announcements; the screen
 * follows its assignment over a WebSocket. Slides (the venue's signage) are public: they are
 * on the wall for everyone to read.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { checkAssignment, IMAGE_TYPES, MAX_ANNOUNCEMENT_S } from '../../durable-objects/displays/registry.ts';
import { answer } from '../../durable-objects/venue/answer.ts';
import { sha256Hex } from '../../durable-objects/venue/staff-rules.ts';
import { MAX_EVERY_S, MIN_EVERY_S, TV_VIEWS } from '../../engine/publish/screens.ts';
import type { Env } from '../env.ts';
import { unwrap } from '../http/answers.ts';
import { authenticated, callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { BEARER, ERRORS, json, jsonRequest, reply, router } from '../http/openapi.ts';
import { parseWith } from '../http/validate.ts';
import { humanText, opaqueId, VenueParams } from './schemas.ts';
import { directoryStub, displaysStub, tournamentStub, venueStub } from './stubs.ts';

const authed = { security: BEARER, middleware: authenticated, tags: ['displays'] };
const displayId = opaqueId.openapi({ param: { name: 'displayId', in: 'path' } });
const slideId = opaqueId.openapi({ param: { name: 'slideId', in: 'path' } });
/** The screen's own key: 43 base64url characters (256 random bits), made by the server. */
const displayKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the key this screen was given');

const Assignment = z
  .object({
    tournamentId: opaqueId.nullable(),
    views: z.array(z.enum(TV_VIEWS)).min(1).max(TV_VIEWS.length),
    everyS: z.number().int().min(MIN_EVERY_S).max(MAX_EVERY_S),
  })
  .strict()
  .openapi('DisplayAssignment');
const Announcement = z.object({ text: z.string(), at: z.number(), until: z.number().nullable() });
const Display = z
  .object({
    id: z.string(),
    name: z.string(),
    assignment: Assignment,
    announcement: Announcement.nullable(),
    online: z.boolean(),
    pairedAt: z.number(),
    lastSeenAt: z.number().nullable(),
  })
  .openapi('Display');
const Slide = z
  .object({
    id: z.string(),
    title: z.string(),
    text: z.string(),
    image: z.object({ type: z.enum(IMAGE_TYPES), version: z.string(), bytes: z.number() }).nullable(),
    order: z.number(),
    updatedAt: z.number(),
  })
  .openapi('Slide');
const DisplayParams = VenueParams.extend({ displayId });

const create = createRoute({
  method: 'post',
  path: '/displays',
  tags: ['displays'],
  summary: 'A screen asks for a pairing code (no account: staff will claim it by the code)',
  responses: {
    201: json(
      z.object({ displayId: z.string(), key: z.string(), code: z.string(), expiresAt: z.number() }),
      'The screen, its key (kept on the screen) and its code',
    ),
    ...ERRORS,
  },
});

const status = createRoute({
  method: 'get',
  path: '/displays/{displayId}',
  tags: ['displays'],
  summary: 'A screen asks whether it has been paired (header x-display-key)',
  request: {
    params: z.object({ displayId }),
    headers: z.object({ 'x-display-key': displayKey }),
  },
  responses: {
    200: json(
      z.object({
        state: z.enum(['pending', 'expired', 'paired', 'removed']),
        code: z.string().optional(),
        expiresAt: z.number().optional(),
        venueId: z.string().optional(),
      }),
      'Its state',
    ),
    ...ERRORS,
  },
});

const list = createRoute({
  ...authed,
  method: 'get',
  path: '/venues/{venueId}/displays',
  summary: "The venue's screens: name, what each shows, online or not",
  request: { params: VenueParams },
  responses: { 200: json(z.object({ displays: z.array(Display) }), 'Screens'), ...ERRORS },
});

const add = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/displays',
  summary: 'Add a screen by the code it shows, with a name and (optionally) what it shows',
  request: {
    params: VenueParams,
    body: jsonRequest(
      z
        .object({
          code: z
            .string()
            .trim()
            .toUpperCase()
            .regex(/^[2-9A-HJ-NP-Z]{6}$/, 'must be the 6-character code the screen shows'),
          name: humanText(60),
          assignment: Assignment.optional(),
        })
        .strict(),
    ),
  },
  responses: { 201: json(z.object({ display: Display }), 'Added'), ...ERRORS },
});

const update = createRoute({
  ...authed,
  method: 'patch',
  path: '/venues/{venueId}/displays/{displayId}',
  summary: 'Rename a screen or change what it shows (it follows at once)',
  request: {
    params: DisplayParams,
    body: jsonRequest(
      z
        .object({ name: humanText(60), assignment: Assignment })
        .partial()
        .strict(),
    ),
  },
  responses: { 200: json(z.object({ display: Display }), 'Changed'), ...ERRORS },
});

const remove = createRoute({
  ...authed,
  method: 'delete',
  path: '/venues/{venueId}/displays/{displayId}',
  summary: 'Remove a screen (it goes back to showing a pairing code)',
  request: { params: DisplayParams },
  responses: { 200: json(z.object({ removed: z.string() }), 'Removed'), ...ERRORS },
});

const announce = createRoute({
  ...authed,
  method: 'post',
  path: '/venues/{venueId}/displays/announcements',
  summary: 'Show an announcement over some screens or all (text null clears it)',
  request: {
    params: VenueParams,
    body: jsonRequest(
      z
        .object({
          text: humanText(280).nullable(),
          displayIds: z.array(opaqueId).min(1).max(100).nullable().default(null),
          seconds: z.number().int().min(5).max(MAX_ANNOUNCEMENT_S).nullable().default(null),
        })
        .strict(),
    ),
  },
  responses: {
    200: json(z.object({ displays: z.number(), announcement: Announcement.nullable() }), 'Sent'),
    ...ERRORS,
  },
});

const slides = createRoute({
  method: 'get',
  path: '/public/venues/{venueId}/slides',
  tags: ['public'],
  summary: "The venue's signage slides, in order",
  request: { params: VenueParams },
  responses: { 200: json(z.object({ slides: z.array(Slide) }), 'Slides'), ...ERRORS },
});

const putSlide = createRoute({
  ...authed,
  method: 'put',
  path: '/venues/{venueId}/slides/{slideId}',
  summary: 'Create or replace a slide (image: base64 of a PNG/JPEG/WebP/GIF up to 512 KB; null drops it)',
  request: {
    params: VenueParams.extend({ slideId }),
    body: jsonRequest(
      z
        .object({
          title: humanText(80),
          text: z
            .string()
            .max(600)
            .refine(
              // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters (newlines allowed) is the point
              (s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s),
              'must not contain control characters',
            ),
          order: z.number().int().min(0).max(1000).default(0),
          image: z
            .object({ type: z.enum(IMAGE_TYPES), base64: z.string().max(800_000) })
            .strict()
            .nullable()
            .optional(),
        })
        .strict(),
    ),
  },
  responses: { 200: json(z.object({ slide: Slide }), 'Saved'), ...ERRORS },
});

const deleteSlide = createRoute({
  ...authed,
  method: 'delete',
  path: '/venues/{venueId}/slides/{slideId}',
  summary: 'Delete a slide',
  request: { params: VenueParams.extend({ slideId }) },
  responses: { 200: json(z.object({ deleted: z.string() }), 'Deleted'), ...ERRORS },
});

function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

async function allowed(env: Env, venueId: string, c: Parameters<typeof callerOf>[0], manage: boolean) {
  const permission = manage ? 'displays.manage' : 'venue.read';
  unwrap(await venueStub(env, venueId).authorize(venueId, callerOf(c), permission));
}

/** An assignment may only name a tournament of this venue. */
async function checkTournament(env: Env, venueId: string, tournamentId: string | null | undefined) {
  if (!tournamentId) return;
  if ((await tournamentStub(env, venueId, tournamentId).lastSeq(tournamentId)) === 0)
    throw new ApiError(404, 'TOURNAMENT_NOT_FOUND', `No tournament ${tournamentId} in ${venueId}`);
}

export const displays = router()
  .openapi(create, async (c) => {
    const id = `d${crypto.randomUUID().replaceAll('-', '').slice(0, 19)}`;
    const key = newKey();
    const made = unwrap(await directoryStub(c.env).newDisplay(id, await sha256Hex(key)));
    return reply(c, { displayId: id, key, ...made }, 201);
  })
  .openapi(status, async (c) => {
    const { displayId } = c.req.valid('param');
    const keyHash = await sha256Hex(c.req.valid('header')['x-display-key']);
    return reply(c, unwrap(await directoryStub(c.env).displayStatus(displayId, keyHash)), 200);
  })
  .openapi(list, async (c) => {
    const { venueId } = c.req.valid('param');
    await allowed(c.env, venueId, c, false);
    return reply(c, { displays: unwrap(await displaysStub(c.env, venueId).list(venueId)) }, 200);
  })
  .openapi(add, async (c) => {
    const { venueId } = c.req.valid('param');
    const input = c.req.valid('json');
    await allowed(c.env, venueId, c, true);
    // Everything is checked before the code is used up: a refused add leaves the screen waiting.
    if (input.assignment) unwrap(await answer(() => checkAssignment(input.assignment!)));
    await checkTournament(c.env, venueId, input.assignment?.tournamentId);
    const directory = directoryStub(c.env);
    const claimed = unwrap(await directory.claimDisplay(input.code, venueId));
    const added = await displaysStub(c.env, venueId).add(venueId, {
      ...claimed,
      name: input.name,
      pairedBy: callerOf(c).userId,
      ...(input.assignment && { assignment: input.assignment }),
    });
    // Not kept (the venue is full): the screen is told it was removed and starts over.
    if (!added.ok) await directory.removeDisplay(claimed.displayId, venueId);
    return reply(c, { display: unwrap(added) }, 201);
  })
  .openapi(update, async (c) => {
    const { venueId, displayId } = c.req.valid('param');
    const patch = c.req.valid('json');
    await allowed(c.env, venueId, c, true);
    await checkTournament(c.env, venueId, patch.assignment?.tournamentId);
    return reply(
      c,
      { display: unwrap(await displaysStub(c.env, venueId).update(venueId, displayId, patch)) },
      200,
    );
  })
  .openapi(remove, async (c) => {
    const { venueId, displayId } = c.req.valid('param');
    await allowed(c.env, venueId, c, true);
    unwrap(await displaysStub(c.env, venueId).remove(venueId, displayId));
    await directoryStub(c.env).removeDisplay(displayId, venueId);
    return reply(c, { removed: displayId }, 200);
  })
  .openapi(announce, async (c) => {
    const { venueId } = c.req.valid('param');
    const { text, displayIds, seconds } = c.req.valid('json');
    await allowed(c.env, venueId, c, true);
    return reply(
      c,
      unwrap(await displaysStub(c.env, venueId).announce(venueId, displayIds, text, seconds)),
      200,
    );
  })
  .openapi(slides, async (c) => {
    const { venueId } = c.req.valid('param');
    return reply(c, { slides: unwrap(await displaysStub(c.env, venueId).slides(venueId)) }, 200);
  })
  .openapi(putSlide, async (c) => {
    const { venueId, slideId } = c.req.valid('param');
    await allowed(c.env, venueId, c, true);
    const input = c.req.valid('json');
    return reply(
      c,
      { slide: unwrap(await displaysStub(c.env, venueId).putSlide(venueId, slideId, input)) },
      200,
    );
  })
  .openapi(deleteSlide, async (c) => {
    const { venueId, slideId } = c.req.valid('param');
    await allowed(c.env, venueId, c, true);
    unwrap(await displaysStub(c.env, venueId).deleteSlide(venueId, slideId));
    return reply(c, { deleted: slideId }, 200);
  })
  .get('/displays/:displayId/live', async (c) => {
    const id = parseWith(opaqueId, c.req.param('displayId'), 'displayId');
    const key = parseWith(displayKey, c.req.query('key') ?? '', 'key');
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket')
      throw new ApiError(426, 'UPGRADE_REQUIRED', 'This endpoint speaks WebSocket only');
    const keyHash = await sha256Hex(key);
    const s = unwrap(await directoryStub(c.env).displayStatus(id, keyHash));
    if (s.state !== 'paired') throw new ApiError(409, 'DISPLAY_NOT_PAIRED', `Display ${id} is ${s.state}`);
    const url = new URL(c.req.url);
    url.search = new URLSearchParams({ venueId: s.venueId, displayId: id, keyHash }).toString();
    return displaysStub(c.env, s.venueId).fetch(new Request(url, c.req.raw));
  })
  .get('/public/venues/:venueId/slides/:slideId/image', async (c) => {
    const v = parseWith(VenueParams.shape.venueId, c.req.param('venueId'), 'venueId');
    const id = parseWith(opaqueId, c.req.param('slideId'), 'slideId');
    const image = await displaysStub(c.env, v).slideImage(v, id);
    if (!image) throw new ApiError(404, 'IMAGE_NOT_FOUND', `Slide ${id} has no picture`);
    const bytes = Uint8Array.from(atob(image.base64), (ch) => ch.charCodeAt(0));
    // The URL carries the picture's version (?v=), so a screen may keep it for a day.
    return c.body(bytes, 200, { 'content-type': image.type, 'cache-control': 'public, max-age=86400' });
  });
