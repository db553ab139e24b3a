/** Schemas shared by the routes: ids, and the shapes the API answers with (documented in OpenAPI). */
import { z } from '@hono/zod-openapi';

/** Venue ids are slugs chosen at sign-up ("demo", "orf-poker"). */
export const venueId = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'must be 1–40 lower-case letters, digits or dashes')
  .openapi({ example: 'demo' });

/** Generated ids (tournaments, staff, players, templates): URL-safe. */
export const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{3,64}$/, 'must be 3–64 letters, digits, _ or -');

export const VenueParams = z.object({ venueId: venueId.openapi({ param: { name: 'venueId', in: 'path' } }) });
export const TournamentParams = VenueParams.extend({
  id: opaqueId.openapi({ param: { name: 'id', in: 'path' } }),
});

/** Control characters and bidi overrides (they garble a TV screen or a log line). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/** Text a person typed: trimmed, no control or bidi-override characters. */
export const humanText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !FORBIDDEN_CHARACTERS.test(s), 'must not contain control characters');

export const email = z.string().trim().toLowerCase().max(254).email();
export const password = z.string().min(1).max(200);
export const pin = z.string().regex(/^\d{4,8}$/, 'must be 4–8 digits');
export const staffRole = z.enum(['owner', 'td', 'floor', 'dealer', 'viewer']);
export const nameDisplay = z.enum(['full', 'first-name-initial', 'initials', 'hidden']);
export const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as DKK');
export const origin = z
  .string()
  .max(200)
  .regex(/^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/, 'must be an origin such as https://club.example');

export const PublishSchema = z
  .object({
    names: nameDisplay,
    chips: z.boolean(),
    payouts: z.boolean(),
    seating: z.boolean(),
    listed: z.boolean(),
    onlineRegistration: z.boolean().optional(),
  })
  .openapi('Publishing');

export const VenueSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    currency: z.string(),
    locale: z.string(),
    timeZone: z.string(),
    publicCode: z.string(),
    allowedOrigins: z.array(z.string()),
    publish: PublishSchema,
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi('Venue');

const lock = z.object({ locked: z.boolean(), failures: z.number(), lockedUntil: z.number().nullable() });
export const StaffSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: staffRole,
    status: z.enum(['invited', 'active', 'removed']),
    hasPassword: z.boolean(),
    hasPin: z.boolean(),
    passwordLock: lock,
    pinLock: lock,
    inviteExpiresAt: z.number().nullable(),
    createdAt: z.number(),
  })
  .openapi('Staff');

export const SignedInSchema = z
  .object({ token: z.string(), user: StaffSchema, venue: VenueSchema })
  .openapi('SignedIn');

export const PlayerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nickname: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    notes: z.string().nullable(),
    display: nameDisplay.nullable(),
    createdAt: z.number(),
    updatedAt: z.number(),
    mergedFrom: z.array(z.string()),
    mergedInto: z.string().nullable(),
    history: z.array(
      z.object({
        tournamentId: z.string(),
        entryIds: z.array(z.string()),
        place: z.number().nullable(),
        prize: z.number(),
        at: z.number(),
      }),
    ),
  })
  .openapi('Player');

export const TournamentListingSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    templateId: z.string().nullable(),
    status: z.string(),
    createdAt: z.number(),
    updatedAt: z.number(),
    /** The box that runs it, when one does. */
    home: z.string().optional(),
  })
  .openapi('TournamentListing');

/** Templates carry an engine structure (validated by the engine's own schema when saved). */
export const TemplateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    source: z.enum(['builtin', 'custom', 'td3']),
    structure: z.record(z.string(), z.unknown()),
    buyIn: z.record(z.string(), z.unknown()),
    rebuy: z.record(z.string(), z.unknown()).nullable(),
    addOn: z.record(z.string(), z.unknown()).nullable(),
    settings: z.record(z.string(), z.unknown()).optional(),
    createdAt: z.number(),
  })
  .openapi('Template');

export const AnyObject = z.record(z.string(), z.unknown());
