import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['engine/**/*.test.ts', 'edge-node/**/*.test.ts', 'durable-objects/**/*.node.test.ts'],
        },
      },
    ],
  },
});
