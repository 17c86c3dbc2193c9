import { DEFAULT_EVERYONE_PERMISSIONS } from '../../permissions/bits.js';
import type { EntityManager, Orm } from '../../kernel/db/orm.js';
import { containsPattern } from '../../kernel/db/like.js';
import { notFound } from '../../kernel/errors/app-error.js';
import { firstFreeSlug, slugify } from '../../kernel/ids/slug.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { ServerAccess } from '../access/access.service.js';
import { AuditAction } from '../audit/audit-action.js';
import { diff, type AuditService } from '../audit/audit.service.js';
import { refuseBotSelfJoin } from '../bots/bot-self-join.js';
import { Channel, ChannelType } from '../channels/channel.entity.js';
import { Member } from '../members/member.entity.js';
import { Role } from '../roles/role.entity.js';
import { Server } from './server.entity.js';
import { LIMIT_FIELDS, pickLimits, type ServerLimits } from './server-limits.js';
import { ownerOnly } from './servers.errors.js';
import { createServerSchema, discoverSchema, rateLimitsSchema, updateServerSchema } from './servers.inputs.js';
import { toServerView, type ServerView } from './server.view.js';

export class ServersService {
  constructor(
    private readonly orm: Orm,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Creates the server with its @everyone role, the owner as member, and a text and a voice channel.
   * A person only: a bot would own a server nobody added it to.
   */
  async create(userId: string, input: unknown): Promise<ServerView> {
    const data = parseInput(createServerSchema, input);
    const server = await this.orm.em.fork().transactional(async (em) => {
      await refuseBotSelfJoin(em, userId, 'create a server');
      const s = em.create(Server, {
        name: data.name,
        slug: await this.freeSlug(em, slugify(data.name, 'server')),
        description: data.description,
        icon: data.icon ?? null,
        isPrivate: data.isPrivate,
        owner: userId,
      });
      em.create(Role, { server: s.id, name: '@everyone', permissions: DEFAULT_EVERYONE_PERMISSIONS, position: 0, isDefault: true });
      em.create(Member, { server: s.id, user: userId });
      em.create(Channel, { server: s.id, type: ChannelType.TEXT, name: 'general', slug: 'general', position: 0 });
      em.create(Channel, { server: s.id, type: ChannelType.VOICE, name: 'General', slug: 'general-voice', position: 1 });
      await em.flush();
      return s;
    });
    return toServerView(server);
  }

  private async freeSlug(em: EntityManager, base: string): Promise<string> {
    // Two creations of one name would both pick the same free slug and one would hit the unique
    // constraint: one at a time per base slug, until the transaction ends.
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`server-slug:${base}`]);
    const rows = await em.find(Server, { slug: { $like: `${base}%` } }, { fields: ['slug'] });
    return firstFreeSlug(base, new Set(rows.map((r) => r.slug)));
  }

  async get(serverId: string): Promise<ServerView> {
    const server = await this.orm.em.fork().findOne(Server, { id: serverId });
    if (!server) throw notFound('Server');
    return toServerView(server);
  }

  async byIds(ids: readonly string[]): Promise<(ServerView | null)[]> {
    const servers = await this.orm.em.fork().find(Server, { id: { $in: [...ids] } });
    const byId = new Map(servers.map((s) => [s.id, toServerView(s)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async update(access: ServerAccess, input: unknown): Promise<ServerView> {
    const data = parseInput(updateServerSchema, input);
    const fields = { name: data.name, description: data.description, icon: data.icon, isPrivate: data.isPrivate };
    return toServerView(await this.applyAudited(access, fields, { announce: true }));
  }

  async updateRateLimits(access: ServerAccess, input: unknown): Promise<ServerLimits> {
    const data = parseInput(rateLimitsSchema, input);
    return pickLimits(await this.applyAudited(access, Object.fromEntries(LIMIT_FIELDS.map((f) => [f, data[f]]))));
  }

  /**
   * Sets the given fields (null and undefined mean "unchanged"), audits what changed; owes dropping
   * cached access and, when `announce`, ServerUpdated.
   */
  private async applyAudited(access: ServerAccess, fields: Record<string, unknown>, { announce = false } = {}): Promise<Server> {
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v != null)) as Partial<Server>;
    return this.outbox.transaction(async (em, owe) => {
      const s = await em.findOneOrFail(Server, { id: access.server.id });
      const changed = diff(s, changes);
      em.assign(s, changes);
      if (changed)
        this.audit.record(em, {
          serverId: s.id,
          action: AuditAction.ServerUpdate,
          actorId: access.userId,
          targetId: s.id,
          changes: changed,
        });
      owe(owed.access(s.id));
      if (announce) owe(owed.serverEvent(s.id, { type: 'ServerUpdated', server: toServerView(s) }));
      return s;
    });
  }

  async delete(access: ServerAccess): Promise<void> {
    if (access.userId !== access.server.ownerId) throw ownerOnly('delete the server');
    const serverId = access.server.id;
    await this.outbox.transaction(async (em, owe) => {
      await em.nativeDelete(Server, { id: serverId });
      owe(owed.access(serverId), owed.serverEvent(serverId, { type: 'ServerDeleted', serverId }));
    });
  }

  async mine(userId: string): Promise<ServerView[]> {
    const em = this.orm.em.fork();
    const memberships = await em.find(Member, { user: userId }, { fields: ['server'] });
    const servers = await em.find(Server, { id: { $in: memberships.map((m) => m.server) } }, { orderBy: { id: 'asc' } });
    return servers.map(toServerView);
  }

  async discover(input: unknown): Promise<ServerView[]> {
    const { query, first } = parseInput(discoverSchema, input);
    const where: Record<string, unknown> = { isPrivate: false };
    const q = query?.trim();
    if (q) {
      const pattern = containsPattern(q);
      where.$or = [{ name: { $ilike: pattern } }, { description: { $ilike: pattern } }];
    }
    const servers = await this.orm.em.fork().find(Server, where, { orderBy: { id: 'desc' }, limit: first });
    return servers.map(toServerView);
  }
}
