/**
 * A signed-in venue for tests: sign up a fresh venue on any target and get its owner's token,
 * with helpers that send it (HTTP header, or WebSocket subprotocol).
 */
import type { ApiTarget, TestSocket } from './target.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface VenueSession {
  readonly venueId: string;
  readonly token: string;
  readonly userId: string;
  /** `/api/v1/venues/<venueId>` */
  readonly base: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, body: unknown, method?: string): Promise<Response>;
  command(
    tournamentId: string,
    type: string,
    payload?: Record<string, unknown>,
    commandId?: string,
  ): Promise<Response>;
  /** The staff channel of a tournament. */
  staffSocket(tournamentId: string, after?: number): Promise<TestSocket>;
  /** A tournament created from a template; answers its id. */
  newTournament(name?: string, templateId?: string): Promise<string>;
}

export function authHeaders(token: string, extra?: HeadersInit): Headers {
  const h = new Headers(extra);
  h.set('authorization', `Bearer ${token}`);
  return h;
}

export function sessionFor(target: ApiTarget, venueId: string, token: string, userId: string): VenueSession {
  const base = `/api/v1/venues/${venueId}`;
  const s: VenueSession = {
    venueId,
    token,
    userId,
    base,
    fetch: (path, init) => target.fetch(path, { ...init, headers: authHeaders(token, init?.headers) }),
    post: (path, body, method = 'POST') =>
      s.fetch(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    command: (tournamentId, type, payload = {}, commandId = crypto.randomUUID()) =>
      s.post(`${base}/tournaments/${tournamentId}/commands`, { commandId, type, payload }),
    staffSocket: (tournamentId, after = 0) =>
      target.openSocket(`${base}/tournaments/${tournamentId}/live?after=${after}`, [
        'felt',
        `bearer.${token}`,
      ]),
    async newTournament(name = 'Contract Cup', templateId = 'regular') {
      const res = await s.post(`${base}/tournaments`, { name, templateId });
      if (res.status !== 201) throw new Error(`create tournament: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { tournament: { id: string } }).tournament.id;
    },
  };
  return s;
}

/** Signs up a new venue (unique id) with an owner; answers the owner's session. */
export async function signUpVenue(
  target: ApiTarget,
  options: { prefix?: string; name?: string; pin?: string } = {},
): Promise<VenueSession> {
  const venueId = `${options.prefix ?? 'v'}-${crypto.randomUUID().slice(0, 8)}`;
  const res = await target.fetch('/api/v1/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      venue: { id: venueId, name: options.name ?? 'Contract Club' },
      owner: {
        name: 'Olivia Owner',
        email: `owner@${venueId}.test`,
        password: TEST_PASSWORD,
        ...(options.pin && { pin: options.pin }),
      },
    }),
  });
  if (res.status !== 201) throw new Error(`signup: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; user: { id: string } };
  return sessionFor(target, venueId, body.token, body.user.id);
}
