/**
 * Online pre-registration: a plain HTML form (no JavaScript needed) posted to this page's
 * action, which calls POST …/registrations and sends the registrant to their confirmation
 * page. The request id is made when the form is shown, so a resubmitted form is one
 * registration, not two.
 */
import { fail, redirect } from '@sveltejs/kit';
import { apiMessage, serverApi } from '$lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';
import { registrationTarget } from './tournament.ts';

export const ssr = true;
export const csr = false;

const FIELDS = ['name', 'email', 'phone'] as const;
type Field = (typeof FIELDS)[number];

export const load: PageServerLoad = async ({ params, platform, request, setHeaders }) => {
  // Each view of the form carries its own request id: never cached.
  setHeaders({ 'cache-control': 'no-store' });
  const target = await registrationTarget(serverApi(platform, request), params.venue, params.id);
  return { target, requestId: crypto.randomUUID() };
};

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const text = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === 'string' ? v : '';
};

export const actions: Actions = {
  default: async ({ params, platform, request }) => {
    const form = await request.formData();
    const values = { name: text(form, 'name'), email: text(form, 'email'), phone: text(form, 'phone') };
    const requestId = text(form, 'requestId');
    const api = serverApi(platform, request);
    const path = `/api/v1/public/venues/${encodeURIComponent(params.venue)}/tournaments/${encodeURIComponent(params.id)}/registrations`;
    const answer = await api.post<unknown>(path, { requestId, ...values });
    const confirmation = `/v/${encodeURIComponent(params.venue)}/t/${encodeURIComponent(params.id)}/register/${encodeURIComponent(requestId)}`;
    // Taken (registered, waiting, pending) or refused by a rule: the confirmation page says which.
    if (answer.status === 200 || answer.status === 201 || answer.status === 422) redirect(303, confirmation);
    const { code, message } = apiMessage(answer.body, 'The registration failed: try again');
    const issue = (answer.body as { error?: { details?: { issues?: { path?: string }[] } } } | null)?.error
      ?.details?.issues?.[0]?.path;
    const field: Field | null = FIELDS.find((f) => f === issue) ?? null;
    return fail(answer.status >= 400 && answer.status < 600 ? answer.status : 500, {
      values,
      code,
      // The API names the field ("name: must be …"); the form shows it beside that field.
      message: field ? capitalised(message.replace(/^[a-z]+: /, '')) : message,
      field,
    });
  },
};
