/**
 * Password and PIN hashing: PBKDF2-HMAC-SHA256 through Web Crypto, so the same code runs in
 * workerd (cloud and box) and in Node. Stored as a self-describing string
 * `pbkdf2-sha256$<iterations>$<salt>$<hash>` so the parameters can be raised later and old
 * hashes upgraded on the next successful sign-in (see needsRehash).
 */
import { decodeBase64url, encodeBase64url, randomBytes } from './base64url.ts';

export interface KdfParams {
  readonly iterations: number;
  readonly saltBytes: number;
  readonly hashBytes: number;
}

const SCHEME = 'pbkdf2-sha256';

/**
 * Cloudflare Workers refuse PBKDF2 above 100,000 iterations ("Pbkdf2 failed: iteration counts
 * above 100000 are not supported"; cloudflare/workerd#1346). The check sits in the runtime's
 * isolate limit enforcer: open-source workerd (the venue box) has none — 1.20261102 derived
 * 5,000,000 iterations in a local check — but a hash made on the box must verify in the
 * cloud, so 100,000 is the ceiling everywhere. OWASP's 2023 figure for PBKDF2-SHA256 is
 * 600,000; out of reach here, so the lock-out and the rate limit carry the rest.
 */
export const MAX_ITERATIONS = 100_000;
/** Below this a stored hash is treated as tampered or corrupt rather than merely old. */
export const MIN_ITERATIONS = 1_000;
const MIN_SALT_BYTES = 8;
const MAX_SALT_BYTES = 64;
const MIN_HASH_BYTES = 16;
const MAX_HASH_BYTES = 64;

/** 16-byte salt (NIST SP 800-132 asks for at least 128 bits), 32-byte SHA-256-sized output. */
export const PASSWORD_KDF: KdfParams = { iterations: MAX_ITERATIONS, saltBytes: 16, hashBytes: 32 };

/**
 * PINs use the same parameters. A 4–8 digit PIN has at most 10^8 values, so no affordable KDF
 * cost makes an offline search of a leaked hash slow; what protects a PIN is the online
 * lock-out (lockout.ts) limiting guesses. The KDF still keeps a leaked table from being read
 * at a glance, and sharing parameters keeps dummyVerify's timing identical for both.
 */
export const PIN_KDF: KdfParams = PASSWORD_KDF;

interface Decoded {
  readonly iterations: number;
  readonly salt: Uint8Array<ArrayBuffer>;
  readonly hash: Uint8Array<ArrayBuffer>;
}

function assertParams(params: KdfParams): void {
  const ok =
    Number.isInteger(params.iterations) &&
    params.iterations >= MIN_ITERATIONS &&
    params.iterations <= MAX_ITERATIONS &&
    Number.isInteger(params.saltBytes) &&
    params.saltBytes >= MIN_SALT_BYTES &&
    params.saltBytes <= MAX_SALT_BYTES &&
    Number.isInteger(params.hashBytes) &&
    params.hashBytes >= MIN_HASH_BYTES &&
    params.hashBytes <= MAX_HASH_BYTES;
  if (!ok) {
    throw new RangeError(
      `KDF parameters out of range: iterations ${MIN_ITERATIONS}–${MAX_ITERATIONS}, ` +
        `salt ${MIN_SALT_BYTES}–${MAX_SALT_BYTES} bytes, hash ${MIN_HASH_BYTES}–${MAX_HASH_BYTES} bytes`,
    );
  }
}

/**
 * NFKC first (NIST SP 800-63B §5.1.1.2), so a password typed on a different keyboard or OS
 * that composes accents differently still matches.
 */
function secretBytes(secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(new TextEncoder().encode(secret.normalize('NFKC')));
}

async function derive(
  secret: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  hashBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', secretBytes(secret), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    hashBytes * 8,
  );
  return new Uint8Array(bits);
}

function decode(encoded: string): Decoded | null {
  if (typeof encoded !== 'string' || encoded.length > 512) return null;
  const parts = encoded.split('$');
  if (parts.length !== 4) return null;
  const [scheme, iterText, saltText, hashText] = parts as [string, string, string, string];
  if (scheme !== SCHEME || !/^[1-9][0-9]{0,8}$/.test(iterText)) return null;
  const iterations = Number(iterText);
  if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) return null;
  const salt = decodeBase64url(saltText);
  const hash = decodeBase64url(hashText);
  if (salt === null || salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES) return null;
  if (hash === null || hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) return null;
  return { iterations, salt, hash };
}

/** Compares every byte whatever the first difference, so timing does not leak a prefix. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function hashSecret(secret: string, params: KdfParams = PASSWORD_KDF): Promise<string> {
  assertParams(params);
  const salt = randomBytes(params.saltBytes);
  const hash = await derive(secret, salt, params.iterations, params.hashBytes);
  return `${SCHEME}$${params.iterations}$${encodeBase64url(salt)}$${encodeBase64url(hash)}`;
}

/** False for a wrong secret and for anything that is not a well-formed hash; never throws. */
export async function verifySecret(secret: string, encoded: string): Promise<boolean> {
  if (typeof secret !== 'string') return false;
  const stored = decode(encoded);
  if (stored === null) return false;
  try {
    const candidate = await derive(secret, stored.salt, stored.iterations, stored.hash.length);
    return constantTimeEqual(candidate, stored.hash);
  } catch {
    return false;
  }
}

/** True when the stored hash was made with other parameters (or is unreadable). */
export function needsRehash(encoded: string, params: KdfParams): boolean {
  const stored = decode(encoded);
  if (stored === null) return true;
  return (
    stored.iterations !== params.iterations ||
    stored.salt.length !== params.saltBytes ||
    stored.hash.length !== params.hashBytes
  );
}

const DUMMY_SALT = new Uint8Array(PASSWORD_KDF.saltBytes);

/**
 * The work of one verify against a PASSWORD_KDF hash, for a sign-in naming an unknown user:
 * answering "bad credentials" faster for unknown names would tell an attacker which names exist.
 */
export async function dummyVerify(): Promise<void> {
  const candidate = await derive('felt-dummy', DUMMY_SALT, PASSWORD_KDF.iterations, PASSWORD_KDF.hashBytes);
  constantTimeEqual(candidate, DUMMY_SALT);
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * NIST SP 800-63B §5.1.1.2: length, not composition rules (no "one digit and one symbol").
 * Length counts code points, so an emoji or accented letter is one character. The upper bound
 * only keeps request bodies small; PBKDF2's HMAC pre-hashes long keys anyway.
 */
export function passwordProblem(password: string): string | null {
  const chars = [...password.normalize('NFKC')];
  if (chars.length < PASSWORD_MIN_LENGTH) {
    return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  if (chars.length > PASSWORD_MAX_LENGTH) {
    return `Password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  }
  if (chars.every((c) => c === chars[0])) return 'Password cannot be one character repeated';
  return null;
}

/** 4–8 ASCII digits, refusing the PINs guessed first: one digit repeated and straight runs. */
export function pinProblem(pin: string): string | null {
  if (!/^[0-9]{4,8}$/.test(pin)) return 'PIN must be 4 to 8 digits';
  const digits = [...pin].map(Number);
  if (digits.every((d) => d === digits[0])) return 'PIN cannot be one digit repeated (like 1111)';
  const steps = digits.slice(1).map((d, i) => d - (digits[i] ?? 0));
  if (steps.every((s) => s === 1) || steps.every((s) => s === -1)) {
    return 'PIN cannot be a straight run of digits (like 1234 or 9876)';
  }
  return null;
}
