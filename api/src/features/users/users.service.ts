import { createHash } from 'node:crypto';
import type { EntityManager, Orm } from '../../kernel/db/orm.js';
import { notFound } from '../../kernel/errors/app-error.js';
import { decodeImageUpload } from '../../kernel/validation/image-upload.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { EventBus } from '../../kernel/pubsub/event-bus.js';
import { Topic } from '../../realtime/topics.js';
import { Member } from '../members/member.entity.js';
import { toMemberView } from '../members/member.view.js';
import { User } from './user.entity.js';
import { UserAvatar } from './user-avatar.entity.js';
import { avatarSchema, updateProfileSchema } from './users.inputs.js';
import { userViewsByIds } from './user-reads.js';
import { toUserView, type UserView } from './user.view.js';

const VIEW_CACHE_MS = 60_000;

export class UsersService {
  /**
   * Sender views for live events. A change is announced to every process (announceChanged), so the
   * minute's expiry only bounds a view kept through a missed announcement.
   */
  private readonly viewCache = new Map<string, { view: UserView; expiresAt: number }>();
  private readonly readByIds: (ids: readonly string[]) => Promise<UserView[]>;

  constructor(
    private readonly orm: Orm,
    private readonly outbox: Outbox,
    private readonly bus: EventBus,
  ) {
    this.readByIds = userViewsByIds(orm);
  }

  async start(): Promise<void> {
    await this.bus.listen(Topic.userChange, (userId) => this.viewCache.delete(userId));
    // A change announced while this process was not subscribed is lost: read every sender afresh.
    this.bus.onResubscribed(() => this.viewCache.clear());
  }

  /** Every process (this one at once) drops its cached view of the user. */
  async announceChanged(userId: string): Promise<void> {
    this.viewCache.delete(userId);
    await this.bus.publish(Topic.userChange, userId);
  }

  /** The caller's own display name. */
  async updateProfile(userId: string, input: unknown): Promise<UserView> {
    const { displayName } = parseInput(updateProfileSchema, input);
    return this.changeOwn(userId, async (user) => {
      user.displayName = displayName;
    });
  }

  /** The caller's own avatar: an uploaded image, or null to have none. */
  async setAvatar(userId: string, input: unknown): Promise<UserView> {
    const { image } = parseInput(avatarSchema, input);
    const upload = image === null ? null : decodeImageUpload(image);
    return this.changeOwn(userId, async (user, em) => {
      user.avatarHash = upload && createHash('sha256').update(upload.bytes).digest('hex').slice(0, 32);
      if (upload) await em.upsert(UserAvatar, { user: user.id, contentType: upload.type, bytes: upload.bytes });
      else await em.nativeDelete(UserAvatar, { user: user.id });
    });
  }

  /**
   * Changes what others see of a user. Every server they are in hears MemberUpdated (when something
   * changed), so open member lists and message authors show it at once: clients read the user afresh;
   * and every process's sender cache drops them first, so their next live message carries the change.
   */
  private async changeOwn(userId: string, change: (user: User, em: EntityManager) => Promise<void>): Promise<UserView> {
    const view = await this.outbox.transaction(async (em, owe) => {
      const user = await em.findOne(User, { id: userId });
      if (!user) throw notFound('User');
      const before = JSON.stringify(toUserView(user));
      await change(user, em);
      const after = toUserView(user);
      if (JSON.stringify(after) === before) return after;
      const memberships = await em.find(Member, { user: userId });
      owe(
        owed.userChanged(userId),
        ...memberships.map((m) => owed.serverEvent(m.server, { type: 'MemberUpdated', member: toMemberView(m) })),
      );
      return after;
    });
    return view;
  }

  /** An avatar's bytes when `hash` names the user's current one (so an old URL stops answering). */
  async avatar(userId: string, hash: string): Promise<{ contentType: string; bytes: Buffer } | null> {
    const em = this.orm.em.fork();
    if (!(await em.count(User, { id: userId, avatarHash: hash }))) return null;
    return em.findOne(UserAvatar, { user: userId }, { fields: ['contentType', 'bytes'] });
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
    const byId = new Map((await this.readByIds(ids)).map((u) => [u.id, u]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** In the order of `usernames` (lower case, as stored); null where no such user. Backs the per-request DataLoader. */
  async byUsernames(usernames: readonly string[]): Promise<(UserView | null)[]> {
    const users = await this.orm.em.fork().find(User, { username: { $in: [...usernames] } });
    const byName = new Map(users.map((u) => [u.username, toUserView(u)]));
    return usernames.map((name) => byName.get(name) ?? null);
  }
}
