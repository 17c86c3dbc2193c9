import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run bench`: the benchmarks only, one file at a time so they do not compete for the cores.
export default defineConfig({
  resolve: {
    alias: { graphql: fileURLToPath(new URL('../node_modules/graphql/index.js', import.meta.url)) },
  },
  test: {
    globalSetup: ['./test/global-setup.ts'],
    include: ['bench/**/*.bench.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 60_000,
  },
});
