/**
 * The display registry and signage from the web app: the staff side (typed by the generated
 * OpenAPI document's schemas) and the screen's own side (no account: its key).
 */

import type { components } from '../api/openapi.ts';
import { ApiRequestError, call, isSignedOut } from '../api.ts';
import type { StaffSession } from '../session.svelte.ts';

type Schemas = components['schemas'];
export type Display = Schemas['Display'];
export type DisplayAssignment = Schemas['DisplayAssignment'];
export type Slide = Schemas['Slide'];
export type Announcement = NonNullable<Display['announcement']>;

export interface NewSlide {
  readonly title: string;
  readonly text: string;
  readonly order: number;
  readonly image?: { readonly type: NonNullable<Slide['image']>['type']; readonly base64: string } | null;
}

const venuePath = (venueId: string) => `/venues/${encodeURIComponent(venueId)}`;

/** The staff calls; a refused token signs the person out like every other staff call. */
export function displaysApi(session: StaffSession) {
  const v = venuePath(session.venueId);
  const staff = async <T>(
    path: string,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    body?: unknown,
  ) => {
    try {
      return await call<T>(path, { method, token: session.token, ...(body !== undefined && { body }) });
    } catch (e) {
      if (isSignedOut(e)) session.signOut('You were signed out: sign in again');
      throw e;
    }
  };
  return {
    list: () => staff<{ displays: Display[] }>(`${v}/displays`, 'GET').then((r) => r.displays),
    add: (code: string, name: string, assignment?: DisplayAssignment) =>
      staff<{ display: Display }>(`${v}/displays`, 'POST', {
        code,
        name,
        ...(assignment && { assignment }),
      }).then((r) => r.display),
    update: (id: string, patch: { name?: string; assignment?: DisplayAssignment }) =>
      staff<{ display: Display }>(`${v}/displays/${id}`, 'PATCH', patch).then((r) => r.display),
    remove: (id: string) => staff<{ removed: string }>(`${v}/displays/${id}`, 'DELETE'),
    announce: (text: string | null, displayIds: string[] | null, seconds: number | null) =>
      staff<{ displays: number; announcement: Announcement | null }>(`${v}/displays/announcements`, 'POST', {
        text,
        displayIds,
        seconds,
      }),
    putSlide: (id: string, slide: NewSlide) =>
      staff<{ slide: Slide }>(`${v}/slides/${id}`, 'PUT', slide).then((r) => r.slide),
    deleteSlide: (id: string) => staff<{ deleted: string }>(`${v}/slides/${id}`, 'DELETE'),
  };
}

export type DisplaysApi = ReturnType<typeof displaysApi>;

export const slidesOf = (venueId: string) =>
  call<{ slides: Slide[] }>(`/public${venuePath(venueId)}/slides`).then((r) => r.slides);

export const slideImageUrl = (venueId: string, slide: Slide) =>
  slide.image
    ? `/api/v1/public${venuePath(venueId)}/slides/${slide.id}/image?v=${slide.image.version}`
    : null;

/** The screen's side: ask for a code, ask whether it is paired. */
export const screenApi = {
  create: () =>
    call<{ displayId: string; key: string; code: string; expiresAt: number }>('/displays', {
      method: 'POST',
    }),
  status: async (displayId: string, key: string) => {
    let res: Response;
    try {
      res = await fetch(`/api/v1/displays/${displayId}`, { headers: { 'x-display-key': key } });
    } catch {
      throw new ApiRequestError(0, 'NETWORK', 'Cannot reach the server');
    }
    const body = (await res.json().catch(() => null)) as
      | { state: 'pending'; code: string; expiresAt: number }
      | { state: 'expired' | 'removed' }
      | { state: 'paired'; venueId: string }
      | { error: { code: string; message: string } }
      | null;
    if (!res.ok || body === null || 'error' in body) {
      const err = body && 'error' in body ? body.error : { code: 'HTTP_ERROR', message: res.statusText };
      throw new ApiRequestError(res.status, err.code, err.message);
    }
    return body;
  },
};
