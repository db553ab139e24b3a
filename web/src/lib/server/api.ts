/**
 * The API from server-rendered pages: called in-process through the Worker entry's FELT_API
 * (workers/index.ts), in the cloud and on the box alike; a Worker fetching its own hostname
 * would leave for the internet (cloud) or need its LAN address (box).
 */
import { error } from '@sveltejs/kit';

/** The caller's address travels with the call: the API's rate limits count per client. */
const FORWARDED = ['cf-connecting-ip', 'user-agent', 'accept-language'] as const;

export interface ServerApi {
  get<T>(path: string): Promise<{ status: number; body: T }>;
  post<T>(path: string, body: unknown): Promise<{ status: number; body: T }>;
}

export function serverApi(platform: App.Platform | undefined, request: Request): ServerApi {
  const api = platform?.env?.FELT_API;
  if (!api) error(500, 'The API is not reachable from this server');
  const call = async <T>(path: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    for (const h of FORWARDED) {
      const v = request.headers.get(h);
      if (v !== null) headers.set(h, v);
    }
    const res = await api.fetch(new Request(new URL(path, request.url), { ...init, headers }));
    const text = await res.text();
    return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
  };
  return {
    get: (path) => call(path, { method: 'GET' }),
    post: (path, body) =>
      call(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}

/** The message of an API error answer ({ error: { code, message } }). */
export function apiMessage(body: unknown, fallback: string): { code: string; message: string } {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    code: typeof e?.code === 'string' ? e.code : 'ERROR',
    message: typeof e?.message === 'string' ? e.message : fallback,
  };
}
