/**
 * Bad input at every route, inside workerd: thousands of malformed, oversized, wrongly typed
 * and hostile requests (bodies, content types, query strings, ids, Authorization headers),
 * generated from a fixed seed. Every answer is under 500, every 4xx is the error envelope,
 * and — since every request that could change anything is built to be refused — the venue's
 * observable state is the same before and after.
 */
import { env, runInDurableObject } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  API,
  errorCode,
  type FurnishedVenue,
  fill,
  furnishVenue,
  type Ids,
  inBatches,
  isErrorEnvelope,
  json,
  loadRoutes,
  postJson,
  type Route,
  snapshot,
  UPPER_SNAKE,
} from './api-routes.ts';
import { selfTarget as target } from './self-target.ts';

const SEED = 20261123;
const BATCH = 50;

/** A deterministic PRNG (mulberry32) so the request mix is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(SEED);
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

// ---- hostile strings -------------------------------------------------------------------

const HOSTILE_STRINGS: readonly string[] = [
  '\uD800', // lone high surrogate
  'abc\uDFFFdef', // lone low surrogate
  '\u202Eevil\u202C', // RTL override
  'a\u200Bb\u200Cc\u200D\uFEFF', // zero-width characters
  'nul\u0000byte',
  '\u0000',
  '😀🃏♠️👨‍👩‍👧‍👦',
  'Z̴̡̛͈̘a̶l̷g̸o̵',
  '',
  ' ',
  '\t\n\r',
  'x'.repeat(100_000),
  '𝕏'.repeat(30_000),
  "'; DROP TABLE staff; --",
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, kept literal
  '${process.env}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00',
  'constructor',
  '__proto__',
];

/** More strings from fast-check with the fixed seed: any code point, control characters, long. */
const GENERATED_STRINGS: readonly string[] = [
  ...fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), { seed: SEED, numRuns: 40 }),
  ...fc.sample(fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 60 }), {
    seed: SEED + 1,
    numRuns: 30,
  }),
  ...fc.sample(fc.string({ unit: 'grapheme', minLength: 200, maxLength: 2000 }), {
    seed: SEED + 2,
    numRuns: 5,
  }),
];

/** Numbers that break naive arithmetic, written as JSON text (some are not valid JSON). */
const HOSTILE_NUMBERS: readonly string[] = [
  '1e308',
  '-1e308',
  '1e309',
  '-0',
  '0.1',
  '18446744073709551616',
  '9007199254740993',
  '-9007199254740993',
  '"NaN"',
  '"Infinity"',
  '"-0"',
  '5e-324',
  '123456789012345678901234567890',
];

/**
 * Every field any route reads, each with a value of the wrong type. A body that includes all
 * of them fails every route's schema, whichever one field a variant below overrides.
 */
const POISON: Record<string, unknown> = {
  name: 12,
  email: 7,
  password: [],
  code: {},
  pin: true,
  role: 'emperor',
  userId: [],
  duplicateId: 9,
  commandId: [],
  type: 7,
  payload: 'x',
  templateId: {},
  structure: 'x',
  buyIn: 3,
  rebuy: 'no',
  addOn: 'no',
  settings: 'no',
  venue: 1,
  owner: 2,
  publish: 'y',
  allowedOrigins: 'z',
  currency: 5,
  locale: 1,
  timeZone: 1,
  nickname: 1,
  phone: 1,
  notes: 1,
  display: 99,
  description: 1,
  deactivate: 'no',
};
const POISON_TEXT = JSON.stringify(POISON).slice(1, -1);

function deepArray(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}
function deepObject(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Bodies no route accepts (as text: some are not JSON at all). */
function invalidBodies(): { label: string; body: string }[] {
  const out: { label: string; body: string }[] = [];
  const add = (label: string, body: string) => out.push({ label, body });
  for (const b of ['hello', '{', '{"name":', '{"name":"x",}', "{'a':1}", '{a:1}', 'NaN', 'undefined', '<a/>'])
    add('not-json', b);
  add('not-json', '\u0000\u0001\u0002');
  add('not-json', '\uFEFF{}'); // BOM before JSON
  const full = JSON.stringify({ ...POISON, name: 'Anna' });
  for (const k of [1, 7, 30, full.length - 1]) add('truncated', full.slice(0, k));
  for (const b of ['[]', '[1,2,3]', '0', '-0', 'null', '"a string"', 'true', '[{}]', '""'])
    add('wrong-type', b);
  for (const n of HOSTILE_NUMBERS) add('number', n);
  for (const n of HOSTILE_NUMBERS)
    add('number-field', `{${POISON_TEXT},"price":${n},"addedMoney":${n},"after":${n}}`);
  add('proto', `{"__proto__":{"role":"owner","isAdmin":true},${POISON_TEXT}}`);
  add('proto', `{"constructor":{"prototype":{"polluted":true}},${POISON_TEXT}}`);
  add('proto', `{"prototype":{"x":1},"__proto__":null,${POISON_TEXT}}`);
  add('proto', '{"__proto__":{"name":"Anna Holm"}}');
  add('proto', '{"__proto__":[]}');
  add('dup-keys', `{"name":"A","name":12,${POISON_TEXT}}`);
  for (const s of [...HOSTILE_STRINGS, ...GENERATED_STRINGS]) {
    add('unicode-field', `{${POISON_TEXT},"name":${JSON.stringify(s)}}`);
    if (s.length < 1000) add('unicode-top', JSON.stringify(s));
  }
  add('lone-surrogate-raw', `{${POISON_TEXT},"name":"\\ud800"}`);
  add('deep-array', deepArray(10_000));
  add('deep-object', deepObject(10_000));
  add('deep-field', `{${POISON_TEXT},"payload":${deepObject(10_000)}}`);
  add('many-keys', JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))));
  add('wide-array', `[${Array.from({ length: 50_000 }, () => '0').join(',')}]`);
  return out;
}

const TWO_MB = `{${POISON_TEXT},"name":"${'x'.repeat(2 * 1024 * 1024)}"}`;

const CONTENT_TYPES: readonly (string | null)[] = [
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/octet-stream',
  null,
];

/** Origins a browser might send (none is in the venue's allowedOrigins). */
const ORIGINS: readonly string[] = [
  'https://evil.example',
  'null',
  'http://localhost:5173',
  'https://felt.test.evil.example',
  '*',
  'https://xn--80ak6aa92e.com',
];

const QUERIES: readonly string[] = [
  '',
  '',
  '?after=-1&limit=1e9',
  '?after=NaN&limit=0',
  '?after=9007199254740993',
  '?limit=-0',
  '?q=%00',
  '?q=%E2%80%AE%F0%9F%98%80',
  '?q=%ZZ',
  '?%',
  '?a=1&a=2&a=3&limit=1&limit=2',
  `?q=${'x'.repeat(5000)}`,
  '?__proto__[role]=owner&constructor[prototype][x]=1',
  '?dryRun=maybe&mode=all',
  '?limit=1e308',
  '?after[]=1',
];

/** Ids that are not ids: traversal, encodings, lengths, control characters. */
const GARBAGE_IDS: readonly string[] = [
  '..%2F..%2Fstaff',
  '..%2f',
  '%2e%2e%2fetc%2fpasswd',
  '..%5c..%5c',
  '%00',
  'abc%00def',
  '%ZZ',
  '%E0%A4%A',
  '%F0%9F%98%80',
  '%E2%80%AE',
  'a'.repeat(300),
  'ab',
  'UPPER-Case',
  '__proto__',
  'constructor',
  'null',
  '-1',
  '%20',
  'a%2Fb',
  'nobody-here-123',
];

/** Authorization headers that are not a valid token (ASCII/Latin-1 only: fetch refuses others). */
function garbageAuth(ownerToken: string): readonly (string | null)[] {
  const [h, p] = ownerToken.split('.') as [string, string];
  return [
    null,
    '',
    'Bearer',
    'Bearer ',
    'Bearer x.y.z',
    'Basic dXNlcjpwYXNz',
    `Bearer ${ownerToken}x`,
    `Bearer ${h}.${p}.`,
    `Bearer ${h}.${p}`,
    `Bearer ${'A'.repeat(5000)}`,
    `Bearer ${ownerToken} ${ownerToken}`,
    'Bearer %FF%FE',
    'Bearer \u007f',
    'Bearer eyJhbGciOiJub25lIn0.e30.',
    `bEaReR ${ownerToken.slice(0, -3)}abc`,
    'Bearer null',
    'Bearer undefined',
    'Bearer ../../etc/passwd',
  ];
}

// ---- requests ---------------------------------------------------------------------------

interface FuzzRequest {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** A read (or an upgrade) that may legitimately succeed. */
  readonly mayPass: boolean;
}

interface Outcome {
  readonly req: FuzzRequest;
  readonly status: number;
  readonly envelope: boolean;
  readonly text: string;
}

function hasBody(r: Route, withBody: ReadonlySet<string>): boolean {
  return withBody.has(`${r.method} ${r.path}`) || r.path.endsWith('/imports/td3');
}

function idsFor(path: string, real: Ids, garbage: boolean): Partial<Ids> {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as keyof Ids);
  if (!garbage) return real;
  // One id garbled at a time (the venue stays real unless it is the only id), so the
  // request reaches as deep as it can before the bad id is noticed.
  const which = pick(names.length > 1 ? names.slice(1) : names);
  return { ...real, [which]: pick(GARBAGE_IDS) };
}

function buildRequests(
  routes: readonly Route[],
  withBody: ReadonlySet<string>,
  v: FurnishedVenue,
): FuzzRequest[] {
  const bodies = invalidBodies();
  const badAuth = garbageAuth(v.owner.token);
  const owner = `Bearer ${v.owner.token}`;
  const out: FuzzRequest[] = [];
  const headersOf = (auth: string | null, contentType: string | null, extra?: Record<string, string>) => {
    const h: Record<string, string> = { ...extra };
    if (rand() < 0.15) h.origin = pick(ORIGINS);
    if (auth !== null) h.authorization = auth;
    if (contentType !== null) h['content-type'] = contentType;
    return h;
  };

  for (const r of routes) {
    const body = hasBody(r, withBody);
    const upgrade: Record<string, string> = r.socket ? { upgrade: 'websocket' } : {};
    // Every invalid body once on every route that takes one; 50 mixed requests on the others.
    const n = body ? bodies.length : 50;
    for (let i = 0; i < n; i++) {
      const garbageIds = rand() < 0.35 && r.path.includes('{');
      const auth = rand() < 0.7 ? owner : pick(badAuth);
      const path = fill(r.path, idsFor(r.path, v.ids, garbageIds)) + pick(QUERIES);
      if (body) {
        const b = bodies[i] as { label: string; body: string };
        // Mostly JSON, so most bodies get as far as the parser and the schema.
        const contentType = rand() < 0.6 ? 'application/json' : pick(CONTENT_TYPES);
        out.push({
          label: `${r.method} ${r.path} [${b.label}]`,
          method: r.method,
          path,
          headers: headersOf(auth, contentType),
          body: b.body,
          mayPass: false,
        });
      } else if (r.method === 'GET') {
        // Reads may pass: garbage queries are ignored where a route has none.
        out.push({
          label: `${r.method} ${r.path}${r.socket ? ' [ws]' : ''}`,
          method: 'GET',
          path,
          headers: headersOf(auth, null, rand() < 0.8 ? upgrade : {}),
          mayPass: true,
        });
      } else {
        // A body-less mutation (DELETE, revoke, unlock) is refused only for a bad token or a
        // bad id: never send it with both real.
        const safeAuth = garbageIds ? auth : pick(badAuth);
        out.push({
          label: `${r.method} ${r.path} [${garbageIds ? 'bad id' : 'bad auth'}]`,
          method: r.method,
          path,
          headers: headersOf(safeAuth, pick(CONTENT_TYPES)),
          body: pick(bodies).body,
          // A screen asking for a pairing code needs no account (bounded: display-pairing.ts).
          mayPass: r.method === 'POST' && r.path === '/displays',
        });
      }
    }
    if (body) {
      // 2 MB: over the 1 MB limit (the TD3 import takes 8 MB and must refuse it as not a file).
      out.push({
        label: `${r.method} ${r.path} [2MB]`,
        method: r.method,
        path: fill(r.path, v.ids),
        headers: headersOf(owner, 'application/json'),
        body: TWO_MB,
        mayPass: false,
      });
    }
    // A CORS preflight from an origin the venue does not list.
    out.push({
      label: `OPTIONS ${r.path} [preflight]`,
      method: 'OPTIONS',
      path: fill(r.path, v.ids),
      headers: {
        origin: pick(ORIGINS),
        'access-control-request-method': r.method,
        'access-control-request-headers': 'authorization, content-type',
      },
      mayPass: true,
    });
    // Methods the route does not have, with invalid bodies.
    for (const m of ['PUT', 'PATCH', 'POST', 'OPTIONS']) {
      if (routes.some((o) => o.path === r.path && o.method === m)) continue;
      out.push({
        label: `${m} ${r.path} [wrong method]`,
        method: m,
        path: fill(r.path, v.ids),
        headers: headersOf(owner, 'application/json'),
        ...(m === 'OPTIONS' ? {} : { body: pick(bodies).body }),
        // A CORS preflight (OPTIONS with an Origin) is answered 204 by the CORS layer: harmless.
        mayPass: m === 'OPTIONS',
      });
    }
  }
  // The operator routes with the operator key but bodies that fail validation.
  for (const path of ['/support/accounts', '/support/accounts/revoke']) {
    for (const b of bodies.slice(0, 30)) {
      out.push({
        label: `POST ${path} [admin key, ${b.label}]`,
        method: 'POST',
        path: API + path,
        headers: { 'content-type': 'application/json', 'x-felt-admin-key': 'test-operator-key' },
        body: b.body,
        mayPass: false,
      });
    }
  }
  // Paths outside any route.
  for (const p of [
    '/venues',
    '/venues/',
    `/venues/${v.ids.venueId}/nothing-here`,
    '/..%2F..%2Fetc%2Fpasswd',
    `/venues/${v.ids.venueId}/tournaments/${v.ids.id}/commands/extra`,
    '/%00',
    '/public/codes/%ZZ',
    `/venues/${v.ids.venueId}/staff/${v.ids.userId}/revoke/%2e%2e%2f%2e%2e`,
  ]) {
    for (const m of ['GET', 'POST', 'DELETE']) {
      out.push({
        label: `${m} ${p} [no route]`,
        method: m,
        path: API + p,
        headers: { authorization: owner, 'content-type': 'application/json' },
        ...(m === 'GET' ? {} : { body: '{"name":12}' }),
        mayPass: false,
      });
    }
  }
  return out;
}

async function send(req: FuzzRequest): Promise<Outcome> {
  const res = await target.fetch(req.path, {
    method: req.method,
    headers: req.headers,
    ...(req.body === undefined ? {} : { body: req.body }),
  });
  const ws = (res as Response & { webSocket?: WebSocket | null }).webSocket;
  if (ws) {
    ws.accept();
    ws.close();
    return { req, status: res.status, envelope: false, text: '' };
  }
  const text = await res.text();
  let envelope = false;
  try {
    envelope = isErrorEnvelope(JSON.parse(text));
  } catch {
    envelope = false;
  }
  return { req, status: res.status, envelope, text: text.slice(0, 300) };
}

/** BUG (reported to the lead): the VenueDO builds this code from the words "staff member". */

// ---- the tests --------------------------------------------------------------------------

describe('bad input at every route', () => {
  let v: FurnishedVenue;
  let routes: Route[];
  let withBody: Set<string>;

  beforeAll(async () => {
    v = await furnishVenue(target, 'fz');
    routes = await loadRoutes(target);
    const doc = (await json(await target.fetch(`${API}/openapi.json`))) as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    withBody = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => op.requestBody !== undefined)
          .map(([m]) => `${m.toUpperCase()} ${path}`),
      ),
    );
  }, 30_000);

  it('enumerates the routes from the OpenAPI document (and the two live channels)', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /signup',
        'GET /venues/{venueId}/staff',
        'POST /venues/{venueId}/tournaments/{id}/commands',
        'POST /venues/{venueId}/imports/td3',
        'GET /venues/{venueId}/tournaments/{id}/live',
        'GET /public/venues/{venueId}/tournaments/{id}/live',
      ]),
    );
    expect(routes.length).toBeGreaterThan(30);
  });

  it('given thousands of hostile requests, then none is a 5xx, every 4xx is the error envelope, and nothing changes', async () => {
    const before = await snapshot(target, v);
    const requests = buildRequests(routes, withBody, v);
    const started = Date.now();
    const outcomes = await inBatches(requests, BATCH, send);
    const ms = Date.now() - started;
    const byStatus: Record<number, number> = {};
    for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
    console.log(
      `fuzz: ${requests.length} requests over ${routes.length} routes in ${ms} ms; statuses ${JSON.stringify(byStatus)}`,
    );

    const show = (o: Outcome) =>
      `${o.status} ${o.req.label} ${o.req.method} ${o.req.path.slice(0, 120)} → ${o.text}`;
    const serverErrors = outcomes.filter((o) => o.status >= 500);
    expect(serverErrors.map(show), 'no 5xx').toEqual([]);
    const bareErrors = outcomes.filter((o) => o.status >= 400 && o.status < 500 && !o.envelope);
    expect(bareErrors.map(show), 'every 4xx is { error: { code, message } }').toEqual([]);
    // Codes are UPPER_SNAKE (clients match on them).
    const badCodes = outcomes
      .map((o) => errorCode(o.text))
      .filter((c): c is string => c !== undefined && !UPPER_SNAKE.test(c));
    expect([...new Set(badCodes)], 'error codes are UPPER_SNAKE').toEqual([]);
    const accepted = outcomes.filter((o) => !o.req.mayPass && o.status < 400);
    expect(accepted.map(show), 'every request that could change something is refused').toEqual([]);
    expect(requests.length).toBeGreaterThan(2000);

    const after = await snapshot(target, v);
    expect(after).toEqual(before);
    // Tokens still work: nothing signed anyone out.
    expect((await v.owner.fetch(`${v.owner.base}/me`)).status).toBe(200);
    expect((await v.staff.fetch(`${v.staff.base}/me`)).status).toBe(200);
  }, 120_000);

  // Found by this suite: codes once held a space (\"STAFF MEMBER_NOT_FOUND\").
  it('given an unknown staff id, when the owner removes, revokes or unlocks it, then the 404 code is UPPER_SNAKE', async () => {
    const { owner } = v;
    for (const [method, path] of [
      ['DELETE', `${owner.base}/staff/nobody-here-123`],
      ['POST', `${owner.base}/staff/nobody-here-123/revoke`],
      ['POST', `${owner.base}/staff/nobody-here-123/unlock`],
    ] as const) {
      const res = await owner.fetch(path, { method });
      expect(res.status).toBe(404);
      expect(errorCode(await res.text()), `${method} ${path}`).toMatch(UPPER_SNAKE);
    }
  });

  // Found by this suite: a refused sign-up once left a public code claimed for the venue id.
  it('given a refused sign-up (existing venue id, weak password), then no public code is claimed', async () => {
    const codesFor = (venueId: string) =>
      runInDurableObject(env.DIRECTORY.get(env.DIRECTORY.idFromName('directory')), async (_o, state) =>
        Number(
          state.storage.sql
            .exec("SELECT count(*) AS n FROM meta WHERE scope = 'dir:codes' AND value = ?", venueId)
            .one().n,
        ),
      );
    const owner = { name: 'Olivia', email: 'o@x.test', password: 'correct horse battery staple' };
    const before = await codesFor(v.ids.venueId);
    expect(before).toBe(1);
    const taken = await postJson(target, `${API}/signup`, {
      venue: { id: v.ids.venueId, name: 'Again' },
      owner,
    });
    expect(taken.status).toBe(409);
    const fresh = `fz-weak-${crypto.randomUUID().slice(0, 6)}`;
    const weak = await postJson(target, `${API}/signup`, {
      venue: { id: fresh, name: 'Weak' },
      owner: { ...owner, password: 'x' },
    });
    expect(weak.status).toBe(422);
    expect(await codesFor(v.ids.venueId)).toBe(before);
    expect(await codesFor(fresh)).toBe(0);
  });

  it('given hostile but valid input (prototype keys, unicode names, deep extra data), then it is refused or stored as plain data, never a 5xx', async () => {
    const { owner } = v;
    const before = await snapshot(target, v);
    const results: { what: string; status: number }[] = [];
    const note = async (what: string, res: Promise<Response>) => {
      const r = await res;
      results.push({ what, status: r.status });
      return r;
    };
    // A player named with emoji and zero-width characters is a player; an RTL override is not.
    const emoji = await note('emoji name', owner.post(`${owner.base}/players`, { name: 'Søren 😀 Ærø' }));
    expect(emoji.status).toBe(201);
    const rtl = await note('rtl name', owner.post(`${owner.base}/players`, { name: 'Anna \u202Eevil' }));
    expect(rtl.status).toBe(400);
    // An own "__proto__" key is an unknown field on the strict schemas.
    const proto = await note(
      'proto key',
      owner.post(`${owner.base}/players`, '{"name":"Proto Pete","__proto__":{"isAdmin":true}}'),
    );
    expect(proto.status).toBe(400);
    const staffProto = await note(
      'proto invite',
      owner.post(
        `${owner.base}/staff/invites`,
        '{"name":"P","email":"p@club.test","role":"viewer","__proto__":{"role":"owner"}}',
      ),
    );
    expect(staffProto.status).toBe(400);
    // A command carrying extra, deeply nested data: accepted or refused, but the server stands.
    const deep = await note(
      'deep payload',
      owner.post(
        `${owner.base}/tournaments/${v.ids.id}/commands`,
        `{"commandId":"deep-1","type":"AddTime","payload":{"ms":60000,"extra":${deepObject(2000)}}}`,
      ),
    );
    expect(deep.status).toBeLessThan(500);
    const huge = await note('huge number', owner.command(v.ids.id, 'AddTime', { ms: 1e308 }));
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    for (const r of results) expect(r.status, r.what).toBeLessThan(500);
    // Whatever was stored reads back.
    const events = await owner.fetch(`${owner.base}/tournaments/${v.ids.id}/events?limit=1000`);
    expect(events.status).toBe(200);
    const players = await owner.fetch(`${owner.base}/players?q=${encodeURIComponent('Søren')}`);
    expect(players.status).toBe(200);
    // The snapshot sees an accepted change (so "unchanged" above means something).
    expect(await snapshot(target, v)).not.toEqual(before);
  }, 30_000);
});
