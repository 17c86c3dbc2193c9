import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { silenceGuard } from './silent-postgres.js';

export type Orm = MikroORM;
export type { EntityManager } from '@mikro-orm/postgresql';

/**
 * `answerTimeoutMs` bounds every wait on Postgres: opening a connection, a connection silent with a
 * statement outstanding (then checked on a new one: silent-postgres.ts), and waiting for a free
 * connection (three times it: two for a silent one to be cut, one to open its replacement).
 */
export function ormOptions(databaseUrl: string, entities: Options['entities'], answerTimeoutMs: number): Options {
  const guard = silenceGuard(databaseUrl, answerTimeoutMs);
  return {
    clientUrl: databaseUrl,
    entities,
    // Every request and job forks its own entity manager; the global one must never be used.
    allowGlobalContext: false,
    debug: false,
    driverOptions: { connection: { connectionTimeoutMillis: answerTimeoutMs } },
    pool: {
      min: 0,
      max: 10,
      // tarn looks for idle connections to close every second by default, waking an idle process.
      reapIntervalMillis: 10_000,
      acquireTimeoutMillis: 3 * answerTimeoutMs,
      afterCreate: (connection: unknown, done: (error: Error | null, connection: unknown) => void) => {
        guard(connection);
        done(null, connection);
      },
    },
  };
}

/** Migrations are plain SQL in api/migrations, applied by migrator.ts before any process starts. */
export function createOrm(databaseUrl: string, entities: Options['entities'], answerTimeoutMs: number): Promise<Orm> {
  return MikroORM.init(ormOptions(databaseUrl, entities, answerTimeoutMs));
}
