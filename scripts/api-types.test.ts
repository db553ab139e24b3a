import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, openApiDocument, renderApiTypes } from './lib/api-types.ts';

describe("the web app's API types", () => {
  it('given the routes, when their OpenAPI document is rendered to types, then the committed file equals it (run `npm run api:generate`)', async () => {
    const fresh = await renderApiTypes(await openApiDocument());
    expect(readFileSync(API_TYPES_FILE, 'utf8')).toBe(fresh);
  });
});
