import type { Orm } from '../../kernel/db/orm.js';
import { User } from './user.entity.js';
import { toUserView, type UserView } from './user.view.js';

const VIEW_CACHE_MS = 60_000;

export class UsersService {
  /** Sender views for live events; usernames and display names change rarely, a minute's staleness is fine. */
  private readonly viewCache = new Map<string, { view: UserView; expiresAt: number }>();

  constructor(private readonly orm: Orm) {}

  async cachedView(id: string): Promise<UserView | null> {
    const hit = this.viewCache.get(id);
    if (hit && hit.expiresAt > Date.now()) return hit.view;
    const [view] = await this.byIds([id]);
    if (view) {
      if (this.viewCache.size > 50_000) this.viewCache.clear();
      this.viewCache.set(id, { view, expiresAt: Date.now() + VIEW_CACHE_MS });
    }
    return view ?? null;
  }

  /** In the order of `ids`; null where no such user. Backs the per-request DataLoader. */
  async byIds(ids: readonly string[]): Promise<(UserView | null)[]> {
    const users = await this.orm.em.fork().find(User, { id: { $in: [...ids] } });
    const byId = new Map(users.map((u) => [u.id, toUserView(u)]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
