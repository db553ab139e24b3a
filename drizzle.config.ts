import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './durable-objects/storage/schema.ts',
  out: './migrations',
});
