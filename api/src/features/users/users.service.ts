import type { Orm } from '../../kernel/db/orm.js';
import { User } from './user.entity.js';
import { toUserView, type UserView } from './user.view.js';

export class UsersService {
  constructor(private readonly orm: Orm) {}

  /** In the order of `ids`; null where no such user. Backs the per-request DataLoader. */
  async byIds(ids: readonly string[]): Promise<(UserView | null)[]> {
    const users = await this.orm.em.fork().find(User, { id: { $in: [...ids] } });
    const byId = new Map(users.map((u) => [u.id, toUserView(u)]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
