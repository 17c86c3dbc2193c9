import { readdir } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { entities } from '../src/features/entities.js';
import { MIGRATIONS_DIR, migrate } from '../src/kernel/db/migrator.js';
import { loadConfig } from '../src/kernel/config/config.js';
import { createOrm, type Orm } from '../src/kernel/db/orm.js';

// The migrator's own bookkeeping table is no entity; MikroORM would drop it.
const MIGRATOR_TABLE = 'drop table if exists "schema_migrations" cascade;';

describe('migrations', () => {
  let orm: Orm;
  beforeAll(async () => {
    orm = await createOrm(inject('databaseUrl'), entities, loadConfig({}).DATABASE_ANSWER_TIMEOUT_MS);
  });
  afterAll(async () => {
    await orm?.close();
  });

  it('build exactly the schema the entities describe (write a migration when this fails)', async () => {
    const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    const statements = sql
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && line !== MIGRATOR_TABLE);
    expect(
      statements,
      `the SQL migrations and the entities differ; add a migration in api/migrations doing:\n${statements.join('\n')}`,
    ).toEqual([]);
  });

  it('are all named NNNN_name.sql (any other file would be skipped silently) and all applied', async () => {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => !f.startsWith('.')).sort();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file).toMatch(/^\d{4}_[a-z0-9_]+\.sql$/);
    expect(new Set(files.map((f) => f.slice(0, 4))).size).toBe(files.length);

    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    try {
      const applied = (await client.query<{ name: string }>('select name from schema_migrations order by name')).rows.map((r) => r.name);
      expect(applied).toEqual(files);
    } finally {
      await client.end();
    }
  });

  it('are idempotent: migrating again applies nothing', async () => {
    expect(await migrate(inject('databaseUrl'))).toEqual([]);
  });
});
