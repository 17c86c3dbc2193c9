import type { Orm } from '../../kernel/db/orm.js';
import { notFound } from '../../kernel/errors/app-error.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox } from '../../outbox/outbox.js';
import { Member } from '../members/member.entity.js';
import { toMemberView } from '../members/member.view.js';
import { User } from './user.entity.js';
import { updateProfileSchema } from './users.inputs.js';
import { toUserView, type UserView } from './user.view.js';

const VIEW_CACHE_MS = 60_000;

export class UsersService {
  /** Sender views for live events; usernames and display names change rarely, a minute's staleness is fine. */
  private readonly viewCache = new Map<string, { view: UserView; expiresAt: number }>();

  constructor(
    private readonly orm: Orm,
    private readonly outbox: Outbox,
  ) {}

  /**
   * The caller's own display name. Every server they are in hears MemberUpdated, so open member
   * lists and message authors show the new name at once (clients read the user afresh). Another
   * process's sender cache may show the old name on live messages for up to VIEW_CACHE_MS.
   */
  async updateProfile(userId: string, input: unknown): Promise<UserView> {
    const { displayName } = parseInput(updateProfileSchema, input);
    const view = await this.outbox.transaction(async (em, owe) => {
      const user = await em.findOne(User, { id: userId });
      if (!user) throw notFound('User');
      if (user.displayName === displayName) return toUserView(user);
      user.displayName = displayName;
      const memberships = await em.find(Member, { user: userId });
      owe(...memberships.map((m) => owed.serverEvent(m.server, { type: 'MemberUpdated', member: toMemberView(m) })));
      return toUserView(user);
    });
    this.viewCache.delete(userId);
    return view;
  }

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
