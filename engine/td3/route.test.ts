import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { importTd3Route, TD3_MAX_BYTES } from '../../workers/api/import-td3.ts';
import type { Env } from '../../workers/env.ts';
import { errorResponse } from '../../workers/http/errors.ts';
import { testdata } from './fixtures.ts';

const app = new Hono<{ Bindings: Env }>()
  .route('/', importTd3Route)
  .onError((err, c) => errorResponse(c, err));

describe('POST / (TD3 import preview)', () => {
  it('given a TD3 file, when posted, then the report and the command count come back', async () => {
    const res = await app.request('/', { method: 'POST', body: testdata('mini.tdt') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { commands: number; report: { file: { entrants: number } } };
    expect(body.commands).toBeGreaterThan(5);
    expect(body.report.file.entrants).toBe(3);
  });

  it('given a corrupt file, when posted, then 400 with the parse error code and position', async () => {
    const res = await app.request('/', { method: 'POST', body: '{ V: "3.7", T: new Tournament({ Title: ' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { line?: number } } };
    expect(body.error.code).toMatch(/^[A-Z_]+$/);
    expect(body.error.details.line).toBe(1);
  });

  it('given more than 8 MB, when posted, then 413 BODY_TOO_LARGE', async () => {
    const res = await app.request('/', { method: 'POST', body: new Uint8Array(TD3_MAX_BYTES + 1) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BODY_TOO_LARGE');
  });
});
