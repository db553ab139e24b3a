/**
 * Rules about a venue's staff that need no I/O: who may be removed or demoted, what the API
 * shows of an account, how an invite code is made and checked.
 */
import { isLocked, lockView, NO_FAILURES } from '../../workers/auth/lockout.ts';
import type { StaffRole } from '../../workers/auth/tokens.ts';
import { VenueError } from './answer.ts';
import type { StaffRecord, StaffView } from './model.ts';

/** Invites expire after a week, like the tokens they lead to. */
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

export function newStaff(
  id: string,
  input: { name: string; email: string; role: StaffRole },
  invitedBy: string | null,
  now: number,
): StaffRecord {
  return {
    id,
    name: input.name,
    email: input.email.toLowerCase(),
    role: input.role,
    status: invitedBy === null ? 'active' : 'invited',
    passwordHash: null,
    pinHash: null,
    tokenVersion: 0,
    passwordFailures: NO_FAILURES,
    pinFailures: NO_FAILURES,
    invite: null,
    invitedBy,
    createdAt: now,
    updatedAt: now,
  };
}

export function staffView(s: StaffRecord, now: number): StaffView {
  return {
    id: s.id,
    name: s.name,
    email: s.email,
    role: s.role,
    status: s.status,
    hasPassword: s.passwordHash !== null,
    hasPin: s.pinHash !== null,
    passwordLock: lockView(s.passwordFailures, now),
    pinLock: lockView(s.pinFailures, now),
    inviteExpiresAt: s.invite?.expiresAt ?? null,
    createdAt: s.createdAt,
  };
}

/** A venue always keeps at least one active owner: nobody could manage it otherwise. */
export function assertKeepsAnOwner(
  all: Iterable<StaffRecord>,
  target: StaffRecord,
  nextRole: StaffRole | null,
): void {
  if (target.role !== 'owner' || nextRole === 'owner') return;
  const owners = [...all].filter((s) => s.role === 'owner' && s.status === 'active');
  if (owners.length <= 1 && owners[0]?.id === target.id) {
    throw new VenueError(
      409,
      'LAST_OWNER',
      'A venue needs at least one owner: make someone else owner first',
      {
        userId: target.id,
      },
    );
  }
}

export function isAnyLocked(s: StaffRecord, now: number): boolean {
  return isLocked(s.passwordFailures, now) || isLocked(s.pinFailures, now);
}

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A random code from an alphabet without look-alikes (0/O, 1/I). */
export function randomCode(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compares two equal-length hex digests without an early exit. */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
