/**
 * The JWT signing key ring, read from the deployment secret FELT_JWT_KEYS:
 * `kid:base64url-secret` entries separated by whitespace or commas. The first entry signs new
 * tokens; every entry verifies. To rotate, put a new entry first and keep the old one until
 * the tokens it signed have expired (TOKEN_TTL_MS, 7 days), then remove it.
 */
import { decodeBase64url, encodeBase64url, randomBytes } from './base64url.ts';
import { AuthError } from './errors.ts';

export interface KeyRing {
  readonly current: { readonly kid: string; readonly key: Uint8Array };
  readonly byKid: ReadonlyMap<string, Uint8Array>;
}

/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output, 256 bits. */
export const MIN_KEY_BYTES = 32;
export const KID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const GENERATED_KEY_BYTES = 32;

const HOW = 'Set FELT_JWT_KEYS to one or more "kid:secret" entries (generate one with generateKeyEntry)';

function notConfigured(message: string, details?: Record<string, unknown>): AuthError {
  return new AuthError('AUTH_NOT_CONFIGURED', message, details);
}

/**
 * Every message names the entry by position and, once known to be well formed, its kid —
 * never any part of a secret (a kid that fails its pattern may be a mis-pasted secret, so
 * it is not echoed either).
 */
export function parseKeyRing(text: string | undefined): KeyRing {
  if (text === undefined || text.trim() === '') {
    throw notConfigured(`Sign-in is not configured: no signing keys. ${HOW}.`);
  }
  const entries = text.split(/[\s,]+/).filter((e) => e !== '');
  const byKid = new Map<string, Uint8Array>();
  let current: KeyRing['current'] | undefined;
  entries.forEach((entry, i) => {
    const n = i + 1;
    const colon = entry.indexOf(':');
    if (colon < 0) {
      throw notConfigured(`FELT_JWT_KEYS entry ${n} is not of the form kid:secret.`, { entry: n });
    }
    const kid = entry.slice(0, colon);
    if (!KID_PATTERN.test(kid)) {
      throw notConfigured(
        `FELT_JWT_KEYS entry ${n} has an invalid key id: use 1 to 32 letters, digits, "_" or "-".`,
        { entry: n },
      );
    }
    const key = decodeBase64url(entry.slice(colon + 1));
    if (key === null) {
      throw notConfigured(`FELT_JWT_KEYS entry ${n} (key id "${kid}") is not valid base64url.`, {
        entry: n,
        kid,
      });
    }
    if (key.length < MIN_KEY_BYTES) {
      throw notConfigured(
        `FELT_JWT_KEYS entry ${n} (key id "${kid}") is too short: ${key.length} bytes, needs at least ${MIN_KEY_BYTES}.`,
        { entry: n, kid, bytes: key.length, minBytes: MIN_KEY_BYTES },
      );
    }
    if (byKid.has(kid)) {
      throw notConfigured(`FELT_JWT_KEYS entry ${n} repeats key id "${kid}"; key ids must be unique.`, {
        entry: n,
        kid,
      });
    }
    byKid.set(kid, key);
    current ??= { kid, key };
  });
  // Unreachable after the blank check above, but keeps `current` typed without a cast.
  if (current === undefined) throw notConfigured(`Sign-in is not configured: no signing keys. ${HOW}.`);
  return { current, byKid };
}

/** A fresh `kid:secret` entry with 32 random bytes, for deploy scripts and the box's first run. */
export function generateKeyEntry(kid: string): string {
  if (!KID_PATTERN.test(kid)) {
    throw new RangeError('Key id must be 1 to 32 letters, digits, "_" or "-"');
  }
  return `${kid}:${encodeBase64url(randomBytes(GENERATED_KEY_BYTES))}`;
}
