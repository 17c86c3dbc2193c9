import { canManageMember } from '../../permissions/hierarchy.js';
import { hasPermission } from '../../permissions/bits.js';
import { containsPattern } from '../../kernel/db/like.js';
import type { EntityManager, Orm } from '../../kernel/db/orm.js';
import { badInput, forbidden, notFound } from '../../kernel/errors/app-error.js';
import { isSnowflake } from '../../kernel/ids/snowflake.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import type { MemberLeftReason } from '../../realtime/topics.js';
import { owed, type OutboxEffect } from '../../outbox/outbox-effect.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { AccessService, ServerAccess } from '../access/access.service.js';
import { AuditAction } from '../audit/audit-action.js';
import type { AuditService } from '../audit/audit.service.js';
import { refuseBotSelfJoin } from '../bots/bot-self-join.js';
import type { InvitesService } from '../invites/invites.service.js';
import { Ban } from '../moderation/ban.entity.js';
import { Role } from '../roles/role.entity.js';
import { Server } from '../servers/server.entity.js';
import { toServerView, type ServerView } from '../servers/server.view.js';
import { Member } from './member.entity.js';
import { toMemberView, type MemberKey, type MemberView } from './member.view.js';
import { bannedFromServer, ownerCannotLeave } from './members.errors.js';
import { memberLookupSchema, memberPageSchema, nicknameSchema } from './members.inputs.js';

export class MembersService {
  constructor(
    private readonly orm: Orm,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly invites: InvitesService,
  ) {}

  async get(serverId: string, userId: string): Promise<MemberView> {
    const member = await this.orm.em.fork().findOne(Member, { server: serverId, user: userId });
    if (!member) throw notFound('Member');
    return toMemberView(member);
  }

  /** Anyone may set their own nickname; another member's needs MODERATE_MEMBERS and a higher role. */
  async setNickname(access: ServerAccess, userId: string, input: unknown): Promise<MemberView> {
    const { nickname } = parseInput(nicknameSchema, input);
    if (!access.member) throw notFound('Server');
    if (!isSnowflake(userId)) throw notFound('Member');
    return this.outbox.transaction(async (em, owe) => {
      const target = await em.findOne(Member, { server: access.server.id, user: userId });
      if (!target) throw notFound('Member');
      if (userId !== access.userId) {
        if (!hasPermission(access.permissions, 'MODERATE_MEMBERS')) throw forbidden('MODERATE_MEMBERS');
        await this.assertOutranks(access, userId);
      }
      if (target.nickname !== nickname) {
        this.audit.record(em, {
          serverId: target.server,
          action: AuditAction.MemberNickname,
          actorId: access.userId,
          targetId: userId,
          changes: { nickname: [target.nickname, nickname] },
        });
        target.nickname = nickname;
      }
      const view = toMemberView(target);
      owe(owed.serverEvent(access.server.id, { type: 'MemberUpdated', member: view }));
      return view;
    });
  }

  /** Role hierarchy: FORBIDDEN unless the actor's highest role is above the target's (owner excepted). */
  async assertOutranks(access: ServerAccess, userId: string, permission = 'MODERATE_MEMBERS'): Promise<void> {
    const roles = await this.access.rolesOfMember(access.server, userId);
    if (!canManageMember(access.actor, { userId, roles })) {
      throw forbidden(permission, 'You cannot act on a member whose highest role is at or above yours');
    }
  }

  /**
   * Joins a public server by id, or any server by a valid invite. Joining twice is a no-op. People
   * only: a bot is added by a member with MANAGE_SERVER (BotsService.addToServer), never joins.
   */
  async join(
    userId: string,
    serverId: string | null | undefined,
    inviteCode: string | null | undefined,
  ): Promise<{ server: ServerView; joined: MemberView | null }> {
    if (!serverId === !inviteCode) throw badInput('serverId', 'give exactly one of serverId and inviteCode');
    if (serverId && !isSnowflake(serverId)) throw notFound('Server');
    const result = await this.outbox.transaction(async (em, owe) => {
      await refuseBotSelfJoin(em, userId, 'join a server');
      const id = inviteCode ? await this.invites.serverOfUsable(em, inviteCode) : serverId!;
      const server = await em.findOne(Server, { id });
      if (!server || (!inviteCode && server.isPrivate)) throw notFound('Server');
      if (await em.count(Ban, { server: server.id, user: userId })) throw bannedFromServer();
      if (await em.count(Member, { server: server.id, user: userId })) return { server, joined: null };
      if (inviteCode) await this.invites.consume(em, inviteCode);
      const member = em.create(Member, { server: server.id, user: userId });
      await em.flush();
      const joined = toMemberView(member);
      owe(owed.access(server.id, userId), owed.serverEvent(server.id, { type: 'MemberJoined', member: joined }));
      return { server, joined };
    });
    return { server: toServerView(result.server), joined: result.joined };
  }

  async leave(access: ServerAccess): Promise<void> {
    if (!access.member) throw notFound('Membership');
    if (access.userId === access.server.ownerId) throw ownerCannotLeave();
    await this.outbox.transaction(async (em, owe) => {
      if (await this.removeMember(em, access.server.id, access.userId)) owe(...this.memberRemoved(access.server.id, access.userId, 'left'));
    });
  }

  /** Deletes the membership row; shared by leave, kick and ban. */
  async removeMember(em: EntityManager, serverId: string, userId: string): Promise<boolean> {
    return (await em.nativeDelete(Member, { server: serverId, user: userId })) > 0;
  }

  /** What a removal owes once committed: the member's access dropped everywhere, then MemberLeft. */
  memberRemoved(serverId: string, userId: string, reason: MemberLeftReason): OutboxEffect[] {
    return [owed.access(serverId, userId), owed.serverEvent(serverId, { type: 'MemberLeft', userId, reason })];
  }

  /**
   * A page of members by user id, optionally only those whose username, display name or nickname
   * contains `query` (any case) and who hold `roleId` (@everyone: all). Paging stays on user id,
   * so `after` is the last user id of the previous page whatever the filters.
   */
  async list(serverId: string, input: unknown): Promise<MemberView[]> {
    const { first, after, query, roleId } = parseInput(memberPageSchema, input);
    const em = this.orm.em.fork();
    const qb = em.createQueryBuilder(Member, 'm').where({ server: serverId }).orderBy({ user: 'asc' }).limit(first);
    if (after) qb.andWhere({ user: { $gt: after } });
    if (query) {
      const pattern = containsPattern(query);
      qb.join('m.user', 'u').andWhere('(m.nickname ilike ? or u.username ilike ? or u.display_name ilike ?)', [pattern, pattern, pattern]);
    }
    if (roleId) {
      const role = await em.findOne(Role, { id: roleId, server: serverId }, { fields: ['isDefault'] });
      if (!role) throw badInput('roleId', 'no such role in this server');
      if (!role.isDefault) qb.andWhere({ roleIds: { $contains: [roleId] } });
    }
    const members = await qb.getResultList();
    return members.map(toMemberView);
  }

  /**
   * One member by user id, seen as `list` shows them: to members only (a non-member looking at a
   * public server sees nobody), null when that user is not a member. `load` is the request's
   * DataLoader, so a field asked of many servers costs one query.
   */
  async find(access: ServerAccess, input: unknown, load: (key: MemberKey) => Promise<MemberView | null>): Promise<MemberView | null> {
    const { userId } = parseInput(memberLookupSchema, input);
    if (!access.member) return null;
    return load({ serverId: access.server.id, userId });
  }

  /** In the order of `keys`; null where that user is not a member. Backs the per-request DataLoader. */
  async byKeys(keys: readonly MemberKey[]): Promise<(MemberView | null)[]> {
    const members = await this.orm.em.fork().find(Member, { $or: keys.map((k) => ({ server: k.serverId, user: k.userId })) });
    const byKey = new Map(members.map((m) => [`${m.server}:${m.user}`, toMemberView(m)]));
    return keys.map((k) => byKey.get(`${k.serverId}:${k.userId}`) ?? null);
  }

  async counts(serverIds: readonly string[]): Promise<number[]> {
    const rows: { server: string; count: string }[] = await this.orm.em
      .fork()
      .getConnection()
      .execute('select server_id as server, count(*) as count from members where server_id in (?) group by server_id', [[...serverIds]]);
    const counts = new Map(rows.map((r) => [String(r.server), Number(r.count)]));
    return serverIds.map((id) => counts.get(id) ?? 0);
  }
}
