import type { Orm } from '../../kernel/db/orm.js';
import { GroupedInsert } from '../../kernel/db/grouped-insert.js';
import { preparedStatement } from '../../kernel/db/prepared.js';

/**
 * A new message's row: id, channel, server, author, content, reply, created at, mentions everyone,
 * and the roles it mentions as a Postgres array literal (`{1,2}`; `unnest` flattens arrays of arrays,
 * so the grouped statement takes them as text) or null.
 */
export type MessageRow = [string, string, string, string, string, string | null, Date, boolean, string | null];

const COLUMNS = 'id, channel_id, server_id, author_id, content, reply_to, created_at, mentions_everyone, mention_role_ids';

/**
 * Inserts new messages one statement at a time per channel, those sent while the channel's INSERT is
 * in flight together (kernel/db/grouped-insert.ts); both prepared: one row by `values`, several by
 * `unnest` of one array per column.
 */
export function messageInsert(orm: Orm): (row: MessageRow) => Promise<void> {
  const one = preparedStatement(
    orm,
    'messages-insert',
    `insert into messages (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[])`,
  );
  const many = preparedStatement(
    orm,
    'messages-insert-many',
    `insert into messages (${COLUMNS})
     select i, c, s, a, t, r, d, e, m::text[]
       from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::bigint[], $7::timestamptz[], $8::boolean[], $9::text[])
         as rows(i, c, s, a, t, r, d, e, m)`,
  );
  const grouped = new GroupedInsert<MessageRow>(one, (rows) => many(rows[0]!.map((_, column) => rows.map((row) => row[column]))));
  return (row) => grouped.insert(row[1], row);
}
