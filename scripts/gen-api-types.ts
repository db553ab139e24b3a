/** `npm run api:generate`: rewrites web/src/lib/api/openapi.ts from the routes (scripts/lib/api-types.ts). */
import { writeFileSync } from 'node:fs';
import { API_TYPES_FILE, openApiDocument, renderApiTypes } from './lib/api-types.ts';

writeFileSync(API_TYPES_FILE, await renderApiTypes(await openApiDocument()));
console.log(`wrote ${API_TYPES_FILE}`);
