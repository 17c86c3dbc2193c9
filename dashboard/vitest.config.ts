import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // One graphql module for urql and the generated documents (see DESIGN.md).
      graphql: 'graphql/index.js',
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    // The browser suite (test/e2e) starts the API, workers and dashboard once for its whole file.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
