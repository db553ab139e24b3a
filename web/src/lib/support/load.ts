/** Support pages' loads: signed out goes to the support sign-in; other failures are the page's error. */
import { redirect } from '@sveltejs/kit';
import { isSignedOut } from '../api.ts';
import { pageError } from '../load.ts';
import { support } from './session.svelte.ts';

export async function supportLoad<T>(read: () => Promise<T>): Promise<T> {
  if (!support.signedIn) redirect(307, '/support');
  try {
    return await read();
  } catch (e) {
    if (isSignedOut(e)) redirect(307, '/support');
    pageError(e);
  }
}
