import type { Orm } from './orm.js';

interface PgConnection {
  query(config: { name: string; text: string; values: unknown[] }): Promise<unknown>;
}

/**
 * A named (prepared) statement on the ORM's own pool: PostgreSQL parses and plans it once per
 * connection, and each call skips the ORM's entity manager and query builder, which cost a third
 * of the send path's CPU for one INSERT.
 */
export function preparedStatement(orm: Orm, name: string, text: string): (values: unknown[]) => Promise<void> {
  const client = orm.em.getConnection().getKnex().client;
  return async (values) => {
    const connection = (await client.acquireConnection()) as PgConnection;
    try {
      await connection.query({ name, text, values });
    } finally {
      await client.releaseConnection(connection);
    }
  };
}
