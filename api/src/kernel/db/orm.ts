import { MikroORM, type Options } from '@mikro-orm/postgresql';

export type Orm = MikroORM;
export type { EntityManager } from '@mikro-orm/postgresql';

export function ormOptions(databaseUrl: string, entities: Options['entities']): Options {
  return {
    clientUrl: databaseUrl,
    entities,
    // Every request and job forks its own entity manager; the global one must never be used.
    allowGlobalContext: false,
    debug: false,
    // tarn looks for idle connections to close every second by default, waking an idle process.
    pool: { min: 0, max: 10, reapIntervalMillis: 10_000 },
  };
}

/** Migrations are plain SQL in api/migrations, applied by migrator.ts before any process starts. */
export function createOrm(databaseUrl: string, entities: Options['entities']): Promise<Orm> {
  return MikroORM.init(ormOptions(databaseUrl, entities));
}
