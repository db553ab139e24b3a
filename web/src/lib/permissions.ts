/**
 * Which buttons a role sees: the server's own permission matrix (workers/auth/permissions.ts,
 * a pure table), so the web app never drifts from it. The server stays the authority: it
 * refuses what a role may not do; this only hides buttons that would be refused.
 */
import {
  commandPermission,
  type Permission,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
} from '../../../workers/auth/permissions.ts';

export type UiPermission = Permission;

export function roleCan(role: string | null, permission: UiPermission): boolean {
  if (role === null || !(ROLES as readonly string[]).includes(role)) return false;
  return ROLE_PERMISSIONS[role as Role].has(permission);
}

export { commandPermission };
