import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { bitsToPermissions, permissionsToBits } from '../../permissions/bits.js';
import { canChangeMemberPermissions, canManageRole } from '../../permissions/hierarchy.js';
import type { EntityManager, Orm } from '../../kernel/db/orm.js';
import { badInput, notFound } from '../../kernel/errors/app-error.js';
import { firstFreeSlug, slugify } from '../../kernel/ids/slug.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox, Owe } from '../../outbox/outbox.js';
import type { AccessService, ChannelAccess, ServerAccess } from '../access/access.service.js';
import { AuditAction } from '../audit/audit-action.js';
import { diff, type AuditService } from '../audit/audit.service.js';
import { Member } from '../members/member.entity.js';
import { Role } from '../roles/role.entity.js';
import { cannotGrantUnheld, memberAboveActor, roleAboveActor } from '../roles/roles.errors.js';
import { reorderedChannelPositions } from './channel-order.js';
import { channelViewsByIds } from './channel-reads.js';
import { Channel } from './channel.entity.js';
import { toChannelView, type ChannelView } from './channel.view.js';
import {
  createChannelSchema,
  fieldOfOtherType,
  misplacedMessage,
  overwriteSchema,
  overwriteTargetSchema,
  reorderChannelsSchema,
  updateChannelSchema,
} from './channels.inputs.js';
import { OverwriteTarget, PermissionOverwrite } from './overwrite.entity.js';

export class ChannelsService {
  private readonly readByIds: (ids: readonly string[]) => Promise<ChannelView[]>;

  constructor(
    private readonly orm: Orm,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
  ) {
    this.readByIds = channelViewsByIds(orm);
  }

  /** Every channel of each server by position, overwrites included; callers filter by visibility. */
  async listByServer(serverIds: readonly string[]): Promise<ChannelView[][]> {
    const em = this.orm.em.fork();
    const channels = await em.find(Channel, { server: { $in: [...serverIds] } }, { orderBy: { position: 'asc', id: 'asc' } });
    const overwrites = channels.length ? await em.find(PermissionOverwrite, { channel: { $in: channels.map((c) => c.id) } }) : [];
    return serverIds.map((id) => channels.filter((c) => c.server === id).map((c) => toChannelView(c, overwrites)));
  }

  async byIds(ids: readonly string[]): Promise<(ChannelView | null)[]> {
    const byId = new Map((await this.readByIds(ids)).map((c) => [c.id, c]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async get(channelId: string): Promise<ChannelView> {
    const em = this.orm.em.fork();
    const channel = await em.findOne(Channel, { id: channelId });
    if (!channel) throw notFound('Channel');
    return toChannelView(channel, await em.find(PermissionOverwrite, { channel: channelId }));
  }

  async create(access: ServerAccess, input: unknown): Promise<ChannelView> {
    const data = parseInput(createChannelSchema, input);
    return this.withSlugRetry(async (em, owe) => this.published(em, owe, (await this.insert(em, access, data)).id));
  }

  private async insert(em: EntityManager, access: ServerAccess, data: ReturnType<typeof createChannelSchema.parse>): Promise<Channel> {
    const serverId = access.server.id;
    await this.lockSlugs(em, serverId);
    const position = data.position ?? (await this.nextPosition(em, serverId));
    const channel = em.create(Channel, {
      server: serverId,
      type: data.type,
      name: data.name,
      slug: await this.freeSlug(em, serverId, slugify(data.name, 'channel')),
      description: data.description,
      position,
      isPrivate: data.isPrivate,
      slowmodeSeconds: data.slowmodeSeconds,
      userLimit: data.userLimit,
      topic: data.topic,
      bitrate: data.bitrate,
    });
    // Whoever makes a private channel can still see it, even without a role that reaches it.
    if (data.isPrivate && access.userId !== access.server.ownerId) {
      em.create(PermissionOverwrite, {
        channel: channel.id,
        targetType: OverwriteTarget.MEMBER,
        targetId: access.userId,
        allow: permissionsToBits(['VIEW_CHANNEL']),
        deny: 0n,
      });
    }
    await em.flush();
    this.audit.record(em, {
      serverId,
      action: AuditAction.ChannelCreate,
      actorId: access.userId,
      targetId: channel.id,
      changes: { name: [null, channel.name], type: [null, channel.type] },
    });
    return channel;
  }

  private async nextPosition(em: EntityManager, serverId: string): Promise<number> {
    const last = await em.findOne(Channel, { server: serverId }, { orderBy: { position: 'desc' }, fields: ['position'] });
    return last ? last.position + 1 : 0;
  }

  private async freeSlug(em: EntityManager, serverId: string, base: string, own?: string): Promise<string> {
    const rows = await em.find(Channel, { server: serverId, slug: { $like: `${base}%` } }, { fields: ['slug'] });
    return firstFreeSlug(base, new Set(rows.map((r) => r.slug).filter((slug) => slug !== own)));
  }

  /**
   * Serialises slug choice within one server for the rest of the transaction: any number of
   * creations racing for one name wait their turn instead of exhausting the retries below.
   * NO KEY UPDATE, so inserts referencing the server (messages, members) are not blocked.
   */
  private async lockSlugs(em: EntityManager, serverId: string): Promise<void> {
    await em.execute('select id from servers where id = ? for no key update', [serverId]);
  }

  /** Two creations racing for one slug: the loser retries and takes the next free one. */
  private async withSlugRetry<T>(work: (em: EntityManager, owe: Owe) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.outbox.transaction(work);
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException) || attempt >= 3) throw error;
      }
    }
  }

  async update(access: ChannelAccess, input: unknown): Promise<ChannelView> {
    const data = parseInput(updateChannelSchema, input);
    return this.withSlugRetry(async (em, owe) => {
      const channel = await em.findOneOrFail(Channel, { id: access.channel.id });
      const misplaced = fieldOfOtherType(channel.type, data);
      if (misplaced) throw badInput(misplaced, misplacedMessage(misplaced));
      const next: Partial<Channel> = {
        name: data.name ?? undefined,
        description: data.description ?? undefined,
        position: data.position ?? undefined,
        isPrivate: data.isPrivate ?? undefined,
        slowmodeSeconds: data.slowmodeSeconds ?? undefined,
        userLimit: data.userLimit ?? undefined,
        // Null leaves the topic as it is; a blank one removes it.
        topic: data.topic == null ? undefined : data.topic || null,
        bitrate: data.bitrate ?? undefined,
      };
      const changed = diff(channel, next);
      if (data.name != null && data.name !== channel.name) {
        const base = slugify(data.name, 'channel');
        await this.lockSlugs(em, channel.server);
        // The channel's own slug counts as free, so a rename keeps "base-2" only while "base" is taken.
        if (channel.slug !== base) next.slug = await this.freeSlug(em, channel.server, base, channel.slug);
      }
      em.assign(channel, Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)));
      if (changed)
        this.audit.record(em, {
          serverId: channel.server,
          action: AuditAction.ChannelUpdate,
          actorId: access.userId,
          targetId: channel.id,
          changes: changed,
        });
      return this.published(em, owe, channel.id);
    });
  }

  /**
   * Puts the channels the actor can see in a new order in one transaction (hidden ones keep their
   * places, see reorderedChannelPositions). One audit entry with the order before and after, then a
   * ChannelUpdated event per channel that moved. Returns the visible channels in their new order.
   */
  async reorder(access: ServerAccess, input: unknown): Promise<ChannelView[]> {
    const { channelIds } = parseInput(reorderChannelsSchema, input);
    const serverId = access.server.id;
    const visible = this.access.visibleChannelIds(access);
    await this.outbox.transaction(async (em, owe) => {
      const channels = await em.find(
        Channel,
        { server: serverId },
        { orderBy: { position: 'asc', id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const positions = reorderedChannelPositions(channels, visible, channelIds);
      if (positions.size === 0) return;
      this.audit.record(em, {
        serverId,
        action: AuditAction.ChannelReorder,
        actorId: access.userId,
        changes: { order: [channels.filter((c) => visible.has(c.id)).map((c) => c.id), channelIds] },
      });
      for (const channel of channels) channel.position = positions.get(channel.id) ?? channel.position;
      await em.flush();
      const moved = channels.filter((c) => positions.has(c.id));
      const overwrites = await em.find(PermissionOverwrite, { channel: { $in: moved.map((c) => c.id) } });
      owe(
        owed.access(serverId),
        ...moved.map((c) =>
          owed.serverEvent(serverId, {
            type: 'ChannelUpdated',
            channel: toChannelView(
              c,
              overwrites.filter((o) => o.channel === c.id),
            ),
          }),
        ),
      );
    });
    const [all] = await this.listByServer([serverId]);
    return all!.filter((c) => visible.has(c.id));
  }

  async delete(access: ChannelAccess): Promise<void> {
    const serverId = access.server.id;
    await this.outbox.transaction(async (em, owe) => {
      const channel = await em.findOneOrFail(Channel, { id: access.channel.id });
      em.remove(channel);
      this.audit.record(em, {
        serverId,
        action: AuditAction.ChannelDelete,
        actorId: access.userId,
        targetId: channel.id,
        changes: { name: [channel.name, null] },
      });
      owe(
        owed.access(serverId),
        owed.serverEvent(serverId, { type: 'ChannelDeleted', channelId: channel.id }),
        owed.channelEvent(channel.id, { type: 'END' }),
      );
    });
  }

  async setOverwrite(access: ChannelAccess, input: unknown): Promise<ChannelView> {
    const data = parseInput(overwriteSchema, input);
    const allow = permissionsToBits(data.allow);
    const deny = permissionsToBits(data.deny);
    // As with roles: nobody allows or denies what they do not hold themselves in this channel.
    const first = bitsToPermissions((allow | deny) & ~access.channelPermissions)[0];
    if (first) throw cannotGrantUnheld(first);
    await this.assertMayTarget(access, data.targetType, data.targetId);
    return this.outbox.transaction(async (em, owe) => {
      // The channel row locked: two settings of one target at once apply one after the other (the
      // second replaces the first) instead of both inserting, one then failing on the unique key.
      if (!(await em.findOne(Channel, { id: access.channel.id }, { lockMode: LockMode.PESSIMISTIC_WRITE }))) throw notFound('Channel');
      await this.assertTargetExists(em, access.server.id, data.targetType, data.targetId);
      const existing = await em.findOne(PermissionOverwrite, {
        channel: access.channel.id,
        targetType: data.targetType,
        targetId: data.targetId,
      });
      const overwrite =
        existing ?? em.create(PermissionOverwrite, { channel: access.channel.id, targetType: data.targetType, targetId: data.targetId });
      const before = { allow: bitsToPermissions(overwrite.allow), deny: bitsToPermissions(overwrite.deny) };
      overwrite.allow = allow;
      overwrite.deny = deny;
      this.audit.record(em, {
        serverId: access.server.id,
        action: AuditAction.OverwriteSet,
        actorId: access.userId,
        targetId: access.channel.id,
        changes: {
          target: [null, `${data.targetType}:${data.targetId}`],
          allow: [before.allow, data.allow],
          deny: [before.deny, data.deny],
        },
      });
      return this.published(em, owe, access.channel.id);
    });
  }

  async removeOverwrite(access: ChannelAccess, input: unknown): Promise<ChannelView> {
    const target = parseInput(overwriteTargetSchema, input);
    await this.assertMayTarget(access, target.targetType, target.targetId);
    return this.outbox.transaction(async (em, owe) => {
      const existing = await em.findOne(PermissionOverwrite, { channel: access.channel.id, ...target });
      if (!existing) throw notFound('Overwrite');
      em.remove(existing);
      this.audit.record(em, {
        serverId: access.server.id,
        action: AuditAction.OverwriteRemove,
        actorId: access.userId,
        targetId: access.channel.id,
        changes: { target: [`${target.targetType}:${target.targetId}`, null] },
      });
      return this.published(em, owe, access.channel.id);
    });
  }

  /** An overwrite changes what its role or member may do: the role hierarchy applies as to roles and members themselves. */
  private async assertMayTarget(access: ChannelAccess, type: OverwriteTarget, targetId: string): Promise<void> {
    if (type === OverwriteTarget.ROLE) {
      // @everyone is not in the map: it sits below every role. An unknown role is refused when looked up.
      const role = access.server.roles.get(targetId);
      if (role && !canManageRole(access.actor, role.position)) throw roleAboveActor();
      return;
    }
    const roles = await this.access.rolesOfMember(access.server, targetId);
    if (!canChangeMemberPermissions(access.actor, { userId: targetId, roles })) throw memberAboveActor();
  }

  private async assertTargetExists(em: EntityManager, serverId: string, type: OverwriteTarget, targetId: string): Promise<void> {
    const found =
      type === OverwriteTarget.ROLE
        ? await em.count(Role, { id: targetId, server: serverId })
        : await em.count(Member, { user: targetId, server: serverId });
    if (!found) throw badInput('targetId', `no such ${type === OverwriteTarget.ROLE ? 'role' : 'member'} in this server`);
  }

  /** The channel as this transaction leaves it; its announcement is owed once committed. */
  private async published(em: EntityManager, owe: Owe, channelId: string): Promise<ChannelView> {
    await em.flush();
    const channel = await em.findOneOrFail(Channel, { id: channelId });
    const view = toChannelView(channel, await em.find(PermissionOverwrite, { channel: channelId }));
    owe(owed.access(view.serverId), owed.serverEvent(view.serverId, { type: 'ChannelUpdated', channel: view }));
    return view;
  }
}
