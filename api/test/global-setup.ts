import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { dropDatabase, ensureDatabase, migrate } from '../src/kernel/db/migrator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One fresh database per test run, migrated once, dropped at the end: two runs never collide. */
export default async function setup(project: TestProject) {
  const databaseUrl = testDatabaseUrl(process.env);
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  project.provide('databaseUrl', databaseUrl);
  return async () => {
    await dropDatabase(databaseUrl);
  };
}

/**
 * The run's database: on the server and with the credentials of TEST_DATABASE_URL, else DATABASE_URL
 * (what the API itself would use), else the local default; only the database name is the run's own.
 */
export function testDatabaseUrl(env: NodeJS.ProcessEnv): string {
  const base = new URL(env.TEST_DATABASE_URL || env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/rashigo_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return base.toString();
}
