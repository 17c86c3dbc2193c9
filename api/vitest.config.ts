import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Pure code: no database, Redis or network. Everything else is an integration test. */
const UNIT = [
  'src/permissions/**/*.test.ts',
  'src/kernel/config/**/*.test.ts',
  'src/graphql/limits.test.ts',
  'src/graphql/documents.test.ts',
  'src/graphql/compiled-operations.test.ts',
  'src/kernel/cache/**/*.test.ts',
  'src/kernel/metrics/**/*.test.ts',
  'src/kernel/runtime/**/*.test.ts',
  'test/npm-test.test.ts',
  'src/kernel/ids/**/*.test.ts',
  'src/doctor/stun-message.test.ts',
  'test/schema.test.ts',
  'test/client-operations.test.ts',
  'src/features/*/*-order.test.ts',
  'src/features/messages/mentions.test.ts',
  'src/realtime/push-execution.test.ts',
];

export default defineConfig({
  resolve: {
    // One graphql module for type-graphql and the transports alike ("Duplicate graphql modules" otherwise).
    alias: { graphql: fileURLToPath(new URL('../node_modules/graphql/index.js', import.meta.url)) },
  },
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: UNIT,
          // A fresh, migrated database per run (test/global-setup.ts).
          globalSetup: ['./test/global-setup.ts'],
        },
      },
    ],
  },
});
