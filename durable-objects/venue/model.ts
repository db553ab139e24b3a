/**
 * What a venue keeps: its settings, staff, players, templates and tournaments. Plain JSON
 * records (stored as meta rows through the storage port, so cloud and box share them).
 */
import type { NameDisplay } from '../../engine/players/types.ts';
import type { FailureState } from '../../workers/auth/lockout.ts';
import type { StaffRole } from '../../workers/auth/tokens.ts';

/** What the public views (TVs, players' phones, the venue page) may show. */
export interface Publishing {
  /** How player names appear publicly (a player's own setting overrides it). */
  readonly names: NameDisplay;
  readonly chips: boolean;
  readonly payouts: boolean;
  readonly seating: boolean;
  /** Whether the venue's tournaments are listed on its public page. */
  readonly listed: boolean;
  /**
   * Whether players may pre-register online for a listed tournament open for registration
   * (public-registration.ts). Off unless the venue switches it on; absent in older records.
   */
  readonly onlineRegistration?: boolean;
}

export const DEFAULT_PUBLISHING: Publishing = {
  names: 'full',
  chips: true,
  payouts: true,
  seating: true,
  listed: true,
  onlineRegistration: false,
};

export interface VenueSettings {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly locale: string;
  readonly timeZone: string;
  /** Short code for the QR on the wall: felt.example/p/CODE. */
  readonly publicCode: string;
  /** Origins (scheme://host[:port]) allowed to call the API from a browser besides Felt's own. */
  readonly allowedOrigins: readonly string[];
  readonly publish: Publishing;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** On a paired box: when the cloud's records were last mirrored here. */
  readonly mirroredAt?: number;
}

export type StaffStatus = 'invited' | 'active' | 'removed';

export interface StaffRecord {
  readonly id: string;
  readonly name: string;
  /** Lower-cased; the password sign-in name. */
  readonly email: string;
  readonly role: StaffRole;
  readonly status: StaffStatus;
  readonly passwordHash: string | null;
  readonly pinHash: string | null;
  /** Bumped to revoke every token issued before (sign-out everywhere, removal, role change). */
  readonly tokenVersion: number;
  readonly passwordFailures: FailureState;
  readonly pinFailures: FailureState;
  /** SHA-256 of the one-time invite code, and when it expires. */
  readonly invite: { readonly codeHash: string; readonly expiresAt: number } | null;
  readonly invitedBy: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A staff member as the API shows them: no hashes. */
export interface StaffView {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: StaffRole;
  readonly status: StaffStatus;
  readonly hasPassword: boolean;
  readonly hasPin: boolean;
  readonly passwordLock: { locked: boolean; failures: number; lockedUntil: number | null };
  readonly pinLock: { locked: boolean; failures: number; lockedUntil: number | null };
  readonly inviteExpiresAt: number | null;
  readonly createdAt: number;
}

export interface TournamentListing {
  readonly id: string;
  readonly name: string;
  readonly templateId: string | null;
  readonly status: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Where the tournament is decided: absent = here; a box id = that box (replicated here). */
  readonly home?: string;
}

/** A venue box paired with this (cloud) venue. */
export interface BoxRecord {
  readonly id: string;
  readonly name: string;
  /** SHA-256 of the box's credential secret (the box keeps the secret). */
  readonly credentialHash: string;
  readonly pairedAt: number;
  readonly pairedBy: string;
  readonly revokedAt: number | null;
  readonly lastSeenAt: number | null;
}

/** A one-time pairing code an owner made for a box (stored as a hash). */
export interface PairingCode {
  /** SHA-256 of the code; also the record's key. */
  readonly id: string;
  readonly boxName: string;
  readonly createdBy: string;
  readonly expiresAt: number;
}

/** What a paired box mirrors from the cloud for offline use (staff with hashes included). */
export interface VenueMirror {
  readonly settings: VenueSettings;
  readonly staff: readonly StaffRecord[];
  readonly players: readonly import('../../engine/players/types.ts').Player[];
  readonly templates: readonly import('./templates.ts').VenueTemplate[];
  /** Tournaments the owner handed to this box (it takes them over on its next sync). */
  readonly claimed?: readonly TournamentListing[];
}

export interface AuditEntry {
  readonly at: number;
  readonly actorId: string;
  readonly actorRole: string;
  readonly action: string;
  readonly target: string | null;
  readonly details: Readonly<Record<string, unknown>> | null;
}

/** Who is asking, as verified from the token by the edge (and re-checked by the venue). */
export interface Caller {
  readonly userId: string;
  readonly role: StaffRole | 'support';
  readonly venueId: string | null;
  readonly tokenVersion: number;
}

export interface AnswerError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** JSON text (DO RPC cannot carry `unknown`). */
  readonly details: string | null;
}

/** Every VenueDO RPC answers with this, so errors keep their code and status across RPC. */
export type VenueAnswer<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: AnswerError };
