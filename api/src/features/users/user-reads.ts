import type { Orm } from '../../kernel/db/orm.js';
import { preparedStatement } from '../../kernel/db/prepared.js';
import type { UserView } from './user.view.js';

/** A `users` row as node-postgres reads it (the columns a view needs). */
interface UserRecord {
  id: string;
  username: string;
  display_name: string;
  is_bot: boolean;
  avatar_hash: string | null;
  /** As the ORM's connection reads timestamptz: text. */
  created_at: string;
}

/**
 * Views of the users among `ids` that exist, in no order, through a prepared statement: every
 * message's author and every `me` reads users, and the ORM's find cost most of such a request's
 * CPU for one indexed lookup.
 */
export function userViewsByIds(orm: Orm): (ids: readonly string[]) => Promise<UserView[]> {
  const read = preparedStatement<UserRecord>(
    orm,
    'users-by-ids',
    'select id, username, display_name, is_bot, avatar_hash, created_at from users where id = any($1::bigint[])',
  );
  return async (ids) =>
    (await read([ids])).map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      isBot: r.is_bot,
      avatarHash: r.avatar_hash,
      createdAt: new Date(r.created_at),
    }));
}
