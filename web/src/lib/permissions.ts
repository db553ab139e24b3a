/**
 * Which buttons a role sees. A copy of the rows the web app needs from ROLE_PERMISSIONS in
 * workers/auth/permissions.ts (the server's matrix stays the authority: it refuses what a
 * role may not do; this only hides buttons that would be refused). Keep in step with it.
 */
import type { StaffRole } from './api.ts';

export type UiPermission =
  | 'tournaments.create'
  | 'run.clock'
  | 'run.entries'
  | 'players.read'
  | 'players.write'
  | 'staff.read'
  | 'staff.manage';

const TABLE: Readonly<Record<StaffRole | 'support', readonly UiPermission[]>> = {
  owner: [
    'tournaments.create',
    'run.clock',
    'run.entries',
    'players.read',
    'players.write',
    'staff.read',
    'staff.manage',
  ],
  td: ['tournaments.create', 'run.clock', 'run.entries', 'players.read', 'players.write', 'staff.read'],
  floor: ['run.entries', 'players.read', 'players.write'],
  dealer: [],
  viewer: [],
  support: ['players.read', 'staff.read'],
};

export function roleCan(role: string | null, permission: UiPermission): boolean {
  if (role === null || !(role in TABLE)) return false;
  return TABLE[role as keyof typeof TABLE].includes(permission);
}
