import { describe, expect, it } from 'vitest';
import { createApi } from './app.ts';
import { permissionMatrixMarkdown, ROLE_PERMISSIONS } from './auth/permissions.ts';

interface Operation {
  summary?: string;
  security?: unknown[];
  responses: Record<string, unknown>;
}

async function doc() {
  const res = await createApi().request('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  return (await res.json()) as {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes: Record<string, unknown> };
  };
}

describe('the OpenAPI document', () => {
  it('given the app, when /api/v1/openapi.json is read, then it is OpenAPI 3.1 with bearer auth', async () => {
    const d = await doc();
    expect(d.openapi).toBe('3.1.0');
    expect(d.components.securitySchemes.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('then every operation has a summary and documents its errors, and every staff route needs a token', async () => {
    const d = await doc();
    // Public, sign-in, operator-key and box-process routes carry their own proof instead.
    // A screen that asks for its pairing code (or whether it was paired) has only its own key.
    const open = /^\/(signup|health|public\/|support\/|box\/venues\/|displays(\/|$))|\/auth\//;
    let operations = 0;
    for (const [path, methods] of Object.entries(d.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        operations++;
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        if (path !== '/health') expect(Object.keys(op.responses), `${method} ${path}`).toContain('400');
        if (!open.test(path))
          expect(op.security, `${method} ${path} needs a token`).toEqual([{ bearer: [] }]);
      }
    }
    expect(operations).toBeGreaterThan(30);
  });
});

describe('the permission matrix', () => {
  it('given the roles, then owners can do everything, support only reads, and lower roles hold less', () => {
    const owner = ROLE_PERMISSIONS.owner;
    for (const role of ['td', 'floor', 'dealer', 'viewer', 'support'] as const) {
      for (const p of ROLE_PERMISSIONS[role]) expect(owner.has(p), `${role} ${p}`).toBe(true);
    }
    // Support's are reads only: an export is the whole history read out as one file, an
    // inspection the object's insides read out.
    for (const p of ROLE_PERMISSIONS.support)
      expect(p).toMatch(/read|contact|live\.staff|export|inspect|usage/);
    for (const p of ROLE_PERMISSIONS.dealer) expect(ROLE_PERMISSIONS.floor.has(p), p).toBe(true);
    expect(permissionMatrixMarkdown()).toContain('| `run.clock` | ✓ | ✓ |  |  |  |  |');
  });
});
