import type { Random } from './random.ts';

/** Staff roles (DESIGN.md "Auth"); `system` is the server itself (alarms, automatic moves). */
export type Role = 'owner' | 'td' | 'floor' | 'dealer' | 'viewer' | 'support' | 'system';

export interface Actor {
  readonly id: string;
  readonly role: Role;
  readonly name?: string;
}

/**
 * Everything impure a decision may depend on, passed in so the engine stays pure:
 * the time (ms since epoch), who acts, and a seeded random source.
 */
export interface Ctx {
  readonly now: number;
  readonly actor: Actor;
  readonly random: Random;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', role: 'system' as const });
