import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The voice tests run against a real API: they reuse the API's fresh-database setup and harness.
export default defineConfig({
  resolve: {
    alias: { graphql: fileURLToPath(new URL('../node_modules/graphql/index.js', import.meta.url)) },
  },
  test: {
    globalSetup: ['../api/test/global-setup.ts'],
    include: ['src/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
