import type { Orm } from './orm.js';

interface PgConnection {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * A named (prepared) statement on the ORM's own pool: PostgreSQL parses and plans it once per
 * connection, and each call skips the ORM's entity manager, query builder and hydration, which cost
 * a third of the send path's CPU for one INSERT and most of a history page's for 51 rows. Resolves
 * to the rows as node-postgres reads them (bigint columns as strings).
 */
export function preparedStatement<Row = never>(orm: Orm, name: string, text: string): (values: unknown[]) => Promise<Row[]> {
  const client = orm.em.getConnection().getKnex().client;
  return async (values) => {
    const connection = (await client.acquireConnection()) as PgConnection;
    try {
      return (await connection.query({ name, text, values })).rows as Row[];
    } finally {
      await client.releaseConnection(connection);
    }
  };
}
