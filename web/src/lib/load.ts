/** Load-function helpers: API failures become SvelteKit errors and redirects. */
import { error, redirect } from '@sveltejs/kit';
import { ApiRequestError, isSignedOut } from './api.ts';
import { sessionFor } from './session.svelte.ts';

/** Rethrows an API failure as the page's error (its status and message). */
export function pageError(e: unknown): never {
  if (e instanceof ApiRequestError && e.status >= 400 && e.status < 600) error(e.status, e.message);
  throw e;
}

export function signInPath(venueId: string): string {
  return `/v/${encodeURIComponent(venueId)}/staff`;
}

/**
 * The venue's staff session for a staff page's load: not signed in (or signed out by the
 * server) goes to the sign-in page; other failures become the page's error.
 */
export async function staffLoad<T>(
  venueId: string,
  read: (s: ReturnType<typeof sessionFor>) => Promise<T>,
): Promise<T> {
  const session = sessionFor(venueId);
  if (!session.signedIn) redirect(307, signInPath(venueId));
  try {
    await session.me();
    return await read(session);
  } catch (e) {
    if (isSignedOut(e)) redirect(307, signInPath(venueId));
    pageError(e);
  }
}
