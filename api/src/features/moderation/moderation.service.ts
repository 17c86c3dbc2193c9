import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Failpoint, failpoint } from '../../kernel/faults/failpoint.js';
import { hasPermission } from '../../permissions/bits.js';
import type { Orm } from '../../kernel/db/orm.js';
import { forbidden, notFound } from '../../kernel/errors/app-error.js';
import { isSnowflake, snowflakeAt } from '../../kernel/ids/snowflake.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import type { EventPublisher } from '../../realtime/topics.js';
import type { AccessService, ServerAccess } from '../access/access.service.js';
import { AuditAction } from '../audit/audit-action.js';
import type { AuditService } from '../audit/audit.service.js';
import { Member } from '../members/member.entity.js';
import type { MembersService } from '../members/members.service.js';
import { toMemberView, type MemberView } from '../members/member.view.js';
import { User } from '../users/user.entity.js';
import { Ban } from './ban.entity.js';
import { banSchema, kickSchema, timeoutSchema } from './moderation.inputs.js';
import type { JobQueues } from '../../jobs/job-queues.js';
import { QueueName } from '../../jobs/queues.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox } from '../../outbox/outbox.js';

export interface BanView {
  userId: string;
  /** Who banned them; null for the system or a user since deleted. */
  actorId: string | null;
  reason: string;
  createdAt: Date;
}

export class ModerationService {
  constructor(
    private readonly orm: Orm,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly members: MembersService,
    private readonly jobs: JobQueues,
    private readonly outbox: Outbox,
  ) {}

  async kick(access: ServerAccess, userId: string, input: unknown): Promise<void> {
    const { reason } = parseInput(kickSchema, input);
    if (!isSnowflake(userId)) throw notFound('Member');
    await this.members.assertOutranks(access, userId, 'KICK_MEMBERS');
    await this.outbox.transaction(async (em, owe) => {
      if (!(await this.members.removeMember(em, access.server.id, userId))) throw notFound('Member');
      owe(...this.members.memberRemoved(access.server.id, userId, 'kicked'));
      this.audit.record(em, {
        serverId: access.server.id,
        action: AuditAction.MemberKick,
        actorId: access.userId,
        targetId: userId,
        reason,
      });
    });
  }

  /** Bans a member or any existing user (so they cannot join later); optionally removes their recent messages. */
  async ban(access: ServerAccess, userId: string, input: unknown): Promise<void> {
    const { reason, deleteMessageSeconds } = parseInput(banSchema, input);
    if (!isSnowflake(userId)) throw notFound('User');
    await this.members.assertOutranks(access, userId, 'BAN_MEMBERS');
    const serverId = access.server.id;
    return this.outbox.transaction(async (em, owe) => {
      if (!(await em.count(User, { id: userId }))) throw notFound('User');
      const existing = await em.findOne(Ban, { server: serverId, user: userId });
      if (existing) {
        existing.reason = reason ?? existing.reason;
      } else {
        em.create(Ban, { server: serverId, user: userId, reason: reason ?? '', actor: access.userId });
      }
      if (await this.members.removeMember(em, serverId, userId)) owe(...this.members.memberRemoved(serverId, userId, 'banned'));
      // em.execute runs inside this transaction; em.getConnection().execute would not.
      const removed: { id: string; channelId: string }[] = deleteMessageSeconds
        ? await em.execute(
            'delete from messages where server_id = ? and author_id = ? and id >= ? returning id, channel_id as "channelId"',
            [serverId, userId, snowflakeAt(new Date(Date.now() - deleteMessageSeconds * 1000))],
          )
        : [];
      this.audit.record(em, {
        serverId,
        action: AuditAction.MemberBan,
        actorId: access.userId,
        targetId: userId,
        reason,
        changes: deleteMessageSeconds ? { deletedMessages: [0, removed.length] } : null,
      });
      for (const { id, channelId } of removed) owe(owed.messageDeleted(String(channelId), String(id)));
    });
  }

  async unban(access: ServerAccess, userId: string): Promise<void> {
    if (!isSnowflake(userId)) throw notFound('Ban');
    await this.orm.em.fork().transactional(async (em) => {
      const deleted = await em.nativeDelete(Ban, { server: access.server.id, user: userId });
      if (!deleted) throw notFound('Ban');
      this.audit.record(em, { serverId: access.server.id, action: AuditAction.MemberUnban, actorId: access.userId, targetId: userId });
    });
  }

  async bans(serverId: string): Promise<BanView[]> {
    const bans = await this.orm.em.fork().find(Ban, { server: serverId }, { orderBy: { id: 'desc' } });
    return bans.map((b) => ({ userId: b.user, actorId: b.actor, reason: b.reason, createdAt: b.createdAt }));
  }

  /** Times a member out for `seconds` (0 lifts it). Administrators and the owner cannot be timed out. */
  async timeout(access: ServerAccess, userId: string, input: unknown): Promise<MemberView> {
    const { seconds, reason } = parseInput(timeoutSchema, input);
    if (!isSnowflake(userId)) throw notFound('Member');
    await this.members.assertOutranks(access, userId);
    const target = await this.access.server(access.server.id, userId);
    if (!target.member) throw notFound('Member');
    if (hasPermission(target.permissions, 'ADMINISTRATOR')) throw forbidden('MODERATE_MEMBERS', 'Administrators cannot be timed out');
    const until = seconds ? new Date(Date.now() + seconds * 1000) : null;
    return this.applyTimeout(access.server.id, userId, until, access.userId, reason);
  }

  /**
   * Shared with the workers' escalation policy (actor null = the system). Setting the same end
   * again changes nothing and writes nothing, so a retried job cannot double the audit trail.
   * `unlessTimedOutAt`: change nothing if a timeout already covers that moment (the escalation:
   * one burst of refusals times the member out once, however many of its jobs cross the threshold).
   */
  async applyTimeout(
    serverId: string,
    userId: string,
    until: Date | null,
    actorId: string | null,
    reason: string | null,
    unlessTimedOutAt?: Date,
  ): Promise<MemberView> {
    const member = await this.orm.em.fork().transactional(async (em) => {
      // Row-locked: two timeouts of one member (two workers, two moderators) apply one after the other.
      const m = await em.findOne(Member, { server: serverId, user: userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!m) throw notFound('Member');
      if (unlessTimedOutAt && m.timedOutUntil && m.timedOutUntil > unlessTimedOutAt) return m;
      if ((m.timedOutUntil?.getTime() ?? null) === (until?.getTime() ?? null)) return m;
      this.audit.record(em, {
        serverId,
        action: AuditAction.MemberTimeout,
        actorId,
        targetId: userId,
        reason,
        changes: { timedOutUntil: [m.timedOutUntil?.toISOString() ?? null, until?.toISOString() ?? null] },
      });
      m.timedOutUntil = until;
      await this.enqueueAnnouncement(em, serverId, userId, until);
      return m;
    });
    failpoint(Failpoint.timeoutCommitted);
    // Unchanged too: a retry after a crash between commit and announcement finds the outbox row.
    await this.announceTimeout(serverId, userId);
    return toMemberView(member);
  }

  /** In the transaction that changes the timeout: what must follow it, kept until done. */
  private async enqueueAnnouncement(em: EntityManager, serverId: string, userId: string, until: Date | null): Promise<void> {
    await em.execute(
      'insert into timeout_outbox (server_id, user_id, until) values (?, ?, ?) on conflict (server_id, user_id) do update set until = excluded.until, created_at = now()',
      [serverId, userId, until],
    );
  }

  /**
   * Does what a committed timeout change owes (the end job, access invalidation, MemberUpdated),
   * once: the row is locked while it runs and deleted in the same transaction. False when nothing
   * was pending (or another process is doing it).
   */
  async announceTimeout(serverId: string, userId: string): Promise<boolean> {
    return this.orm.em.fork().transactional(async (em) => {
      const [row] = await em.execute<{ until: Date | null }[]>(
        'select until from timeout_outbox where server_id = ? and user_id = ? for update skip locked',
        [serverId, userId],
      );
      if (!row) return false;
      if (row.until) await this.scheduleTimeoutEnd(serverId, userId, new Date(row.until));
      await this.access.invalidate(serverId, userId);
      await this.events.server(serverId, { type: 'MemberUpdated', member: await this.members.get(serverId, userId) });
      await em.execute('delete from timeout_outbox where server_id = ? and user_id = ?', [serverId, userId]);
      return true;
    });
  }

  /** The workers' sweep: announcements left behind by a process that died (no retry will come for an API request). */
  async drainTimeoutOutbox(olderThanMs: number): Promise<number> {
    const rows = await this.orm.em
      .fork()
      .execute<{ server_id: string; user_id: string }[]>(
        `select server_id, user_id from timeout_outbox where created_at < now() - make_interval(secs => ?)`,
        [olderThanMs / 1000],
      );
    let drained = 0;
    for (const row of rows) if (await this.announceTimeout(String(row.server_id), String(row.user_id))) drained += 1;
    return drained;
  }

  /** MemberUpdated must go out when the timeout ends, not when someone next looks. */
  private async scheduleTimeoutEnd(serverId: string, userId: string, until: Date): Promise<void> {
    await this.jobs.add(
      QueueName.timeoutExpiry,
      { serverId, userId, until: until.toISOString() },
      { delay: Math.max(0, until.getTime() - Date.now()), jobId: `timeout-${serverId}-${userId}-${until.getTime()}` },
    );
  }

  /** Run by the workers at the timeout's end; a no-op if the timeout was changed since. */
  async endTimeout(serverId: string, userId: string, until: Date): Promise<boolean> {
    await this.orm.em.fork().transactional(async (em) => {
      const updated = await em.nativeUpdate(Member, { server: serverId, user: userId, timedOutUntil: until }, { timedOutUntil: null });
      if (updated) await this.enqueueAnnouncement(em, serverId, userId, null);
    });
    failpoint(Failpoint.timeoutCommitted);
    // A retry of this job after a crash between the commit and here finds the end still owed.
    return this.announceTimeout(serverId, userId);
  }
}
