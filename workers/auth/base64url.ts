/**
 * Strict base64url (RFC 4648 §5, no padding) for salts, hashes and keys. jose's decoder is
 * lenient about stray characters; a stored hash or a deployment secret with any should be
 * refused, not half-read.
 */
import { base64url } from 'jose';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function encodeBase64url(bytes: Uint8Array): string {
  return base64url.encode(bytes);
}

/** The decoded bytes, or null when `text` is not canonical unpadded base64url. */
export function decodeBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  // A length of 1 mod 4 cannot come from any byte string.
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  let decoded: Uint8Array;
  try {
    decoded = base64url.decode(text);
  } catch {
    return null;
  }
  // Re-encoding catches non-zero trailing bits, so each byte string has exactly one spelling.
  if (base64url.encode(decoded) !== text) return null;
  return new Uint8Array(decoded);
}

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}
