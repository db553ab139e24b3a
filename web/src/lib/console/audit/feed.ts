/** How much of the audit log the page asks for, and which entries a filter keeps. */
import type { AuditEntry } from '../../api.ts';
import { isSupportRead } from './describe.ts';

/** The first read, and each "Show more" adds as many. */
export const AUDIT_PAGE = 100;
/** The most the audit route answers at once (workers/api/venue.ts). */
export const AUDIT_MAX = 500;

export type AuditFilter = 'all' | 'support';

/** The limit after "Show more": a page more, never above the route's maximum. */
export function nextLimit(limit: number): number {
  return Math.min(AUDIT_MAX, limit + AUDIT_PAGE);
}

/** Whether there may be older entries than those read with `limit` (a full answer, below the max). */
export function mayHaveMore(read: number, limit: number): boolean {
  return read >= limit && limit < AUDIT_MAX;
}

export function filtered(entries: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
  return filter === 'all' ? [...entries] : entries.filter(isSupportRead);
}
