import type { Orm } from '../../kernel/db/orm.js';
import { GroupedInsert } from '../../kernel/db/grouped-insert.js';
import { preparedStatement } from '../../kernel/db/prepared.js';

/**
 * A new message's row: id, channel, server, author, content, reply, created at, mentions everyone,
 * then the roles it mentions and the members its @here mentions, each as a Postgres array literal
 * (`{1,2}`; `unnest` flattens arrays of arrays, so the grouped statement takes them as text) or null.
 */
export type MessageRow = [string, string, string, string, string, string | null, Date, boolean, string | null, string | null];

const COLUMNS =
  'id, channel_id, server_id, author_id, content, reply_to, created_at, mentions_everyone, mention_role_ids, mention_here_user_ids';

/** Whether a message's INSERT waits for its WAL flush (MESSAGE_COMMIT in kernel/config). */
export type MessageCommit = 'async' | 'flush';

/**
 * `async` turns the flush wait off for the statement's own transaction (an autocommit statement is
 * one), from inside the statement: no extra round trip, and no other write on the connection is
 * affected. `set_config` is volatile, so the one-row subquery is kept and run before any row is inserted.
 */
const ASYNC_COMMIT = `(select set_config('synchronous_commit', 'off', true)) as commit_setting`;

/**
 * Inserts new messages one statement at a time per channel, those sent while the channel's INSERT is
 * in flight together (kernel/db/grouped-insert.ts); both prepared: one row by `select` of parameters,
 * several by `unnest` of one array per column.
 */
export function messageInsert(orm: Orm, commit: MessageCommit): (row: MessageRow) => Promise<void> {
  const one = preparedStatement(
    orm,
    `messages-insert-${commit}`,
    `insert into messages (${COLUMNS})
     select $1::bigint, $2::bigint, $3::bigint, $4::bigint, $5::text, $6::bigint, $7::timestamptz, $8::boolean, $9::text[], $10::text[]
     ${commit === 'async' ? `from ${ASYNC_COMMIT}` : ''}`,
  );
  const many = preparedStatement(
    orm,
    `messages-insert-many-${commit}`,
    `insert into messages (${COLUMNS})
     select i, c, s, a, t, r, d, e, m::text[], h::text[]
       from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::bigint[], $7::timestamptz[], $8::boolean[], $9::text[], $10::text[])
         as rows(i, c, s, a, t, r, d, e, m, h)${commit === 'async' ? `, ${ASYNC_COMMIT}` : ''}`,
  );
  const grouped = new GroupedInsert<MessageRow>(one, (rows) => many(rows[0]!.map((_, column) => rows.map((row) => row[column]))));
  return (row) => grouped.insert(row[1], row);
}
