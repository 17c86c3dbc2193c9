import { LockMode } from '@mikro-orm/postgresql';
import { hasPermission } from '../../permissions/bits.js';
import type { Orm } from '../../kernel/db/orm.js';
import { badInput, forbidden, notFound } from '../../kernel/errors/app-error.js';
import { newId } from '../../kernel/ids/snowflake.js';
import type { RedisKeys } from '../../kernel/redis/keys.js';
import type { RedisClient } from '../../kernel/redis/redis.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import type { JobQueues } from '../../jobs/job-queues.js';
import { QueueName } from '../../jobs/queues.js';
import type { EventPublisher } from '../../realtime/topics.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { ChannelAccess } from '../access/access.service.js';
import { AuditAction } from '../audit/audit-action.js';
import type { AuditService } from '../audit/audit.service.js';
import type { UsersService } from '../users/users.service.js';
import { Message } from './message.entity.js';
import { ChannelPublishOrder } from './publish-order.js';
import { messageInsert, type MessageCommit, type MessageRow } from './message-insert.js';
import { messageReads, type MessageReads } from './message-reads.js';
import { roleMentionIds, saysGroup } from './mentions.js';
import type { HereMentions } from './here-mentions.js';
import type { MessageRateLimit, MessageSender } from './message-rate-limit.js';
import { notAuthor, rateLimited } from './messages.errors.js';
import { assertNotTimedOut } from '../moderation/moderation.errors.js';
import { contentSchema, historySchema, sendSchema } from './messages.inputs.js';
import { toMessageView, type MessageView } from './message.view.js';

export interface MessagePage {
  /** Oldest first. */
  messages: MessageView[];
  hasMoreBefore: boolean;
  hasMoreAfter: boolean;
}

const TYPING_THROTTLE_MS = 3000;
const REPLAY_PAGE_SIZE = 500;

export class MessagesService {
  private readonly insertMessage: (row: MessageRow) => Promise<void>;
  private readonly reads: MessageReads;
  private readonly publishOrder = new ChannelPublishOrder();

  constructor(
    private readonly orm: Orm,
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly rateLimit: MessageRateLimit,
    private readonly jobs: JobQueues,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly outbox: Outbox,
    private readonly hereMentions: HereMentions,
    messageCommit: MessageCommit,
  ) {
    this.insertMessage = messageInsert(orm, messageCommit);
    this.reads = messageReads(orm);
  }

  /** The hot path: cached permission check, validation, one Lua call, one INSERT (grouped under load), one PUBLISH (in id order), a PING shared by the sends in flight. */
  async send(access: ChannelAccess, input: unknown, sender: MessageSender = { isBot: false }): Promise<MessageView> {
    assertMaySend(access);
    const { content, replyToId } = parseInput(sendSchema, input);
    if (replyToId) await this.assertInChannel(replyToId, access.channel.id);
    const verdict = await this.rateLimit.consume(access, sender);
    if (!verdict.allowed) {
      await this.jobs.add(QueueName.rateLimitRefusals, {
        serverId: access.server.id,
        channelId: access.channel.id,
        userId: access.userId,
        scope: verdict.scope,
        at: Date.now(),
      });
      throw rateLimited(verdict.scope, verdict.retryAfterMs);
    }
    const mayMentionAll = hasPermission(access.channelPermissions, 'MENTION_EVERYONE');
    const named = roleMentionIds(content);
    const mentionRoleIds = named.length > 0 ? await this.mentionableRoles(access.server.id, named, mayMentionAll) : [];
    const hereUserIds =
      mayMentionAll && saysGroup(content, 'here')
        ? await this.hereMentions.recipients(access.server.id, access.channel.id, access.userId)
        : null;
    const createdAt = new Date();
    const message: MessageView = {
      id: newId(),
      channelId: access.channel.id,
      serverId: access.server.id,
      authorId: access.userId,
      content,
      replyToId: replyToId ?? null,
      createdAt,
      editedAt: null,
      pinnedAt: null,
      // The words alone notify nobody: only an author allowed to mention everyone does.
      mentionsEveryone: saysGroup(content, 'everyone') && mayMentionAll,
      mentionsHere: hereUserIds !== null,
      mentionRoleIds,
      reactions: [],
    };
    // Started before the INSERT: once it passes, whatever reached Redis before it (an access change)
    // has reached this process, and its own subscribers can have the message without the echo.
    const here = this.events.channelHereAfterFence(message.channelId);
    // Minted and in line in one tick: this process publishes the channel's messages in id order.
    await this.publishOrder.inTurn(
      message.channelId,
      () =>
        Promise.all([
          this.users.cachedView(access.userId),
          this.insertMessage([
            message.id,
            message.channelId,
            message.serverId,
            message.authorId,
            content,
            message.replyToId,
            createdAt,
            message.mentionsEveryone,
            mentionRoleIds.length > 0 ? arrayLiteral(mentionRoleIds) : null,
            // Empty when nobody else was online: it still said @here.
            hereUserIds && arrayLiteral(hereUserIds),
          ]),
        ]),
      // Committed is sent: a failed PUBLISH is owed to the sweep, not reported as a failed send (a
      // retry would send it twice). A room that heard it after all drops the copy (ChannelRoom).
      ([author]) => {
        const created = { type: 'MessageCreated', message: { ...message, author: author ?? undefined } } as const;
        const published = this.outbox.performOrOwe(owed.channelEvent(message.channelId, created));
        here.deliver(created);
        return published;
      },
    );
    return message;
  }

  /** Of the roles named, those of the server (never @everyone) the author may mention: any with MENTION_EVERYONE, else mentionable ones. */
  private async mentionableRoles(serverId: string, named: string[], mayMentionAll: boolean): Promise<string[]> {
    const rows: { id: string }[] = await this.orm.em
      .fork()
      .getConnection()
      .execute(
        'select id::text from roles where server_id = ? and id = any(array[?]::bigint[]) and not is_default and (mentionable or ?)',
        [serverId, named, mayMentionAll],
      );
    const allowed = new Set(rows.map((r) => r.id));
    return named.filter((id) => allowed.has(id));
  }

  private async assertInChannel(messageId: string, channelId: string): Promise<void> {
    const found = await this.orm.em.fork().count(Message, { id: messageId, channel: channelId });
    if (!found) throw badInput('replyToId', 'must be a message of the same channel');
  }

  async edit(
    userId: string,
    messageId: string,
    input: unknown,
    resolveAccess: (channelId: string) => Promise<ChannelAccess>,
  ): Promise<MessageView> {
    const content = parseInput(contentSchema, (input as { content?: unknown }).content);
    const em = this.orm.em.fork();
    const message = await em.findOne(Message, { id: messageId });
    if (!message) throw notFound('Message');
    const access = await resolveAccess(message.channel);
    if (message.author !== userId) throw notAuthor();
    assertMaySend(access);
    // An edit can take @everyone or @here back out, never put it in: the readers were notified when it was sent, or not.
    const mentionsEveryone = message.mentionsEveryone && saysGroup(content, 'everyone');
    const mentionHereUserIds = saysGroup(content, 'here') ? message.mentionHereUserIds : null;
    const stillNamed = new Set(roleMentionIds(content));
    const kept = (message.mentionRoleIds ?? []).filter((id) => stillNamed.has(id));
    const mentionRoleIds = kept.length > 0 ? kept : null;
    const view: MessageView = {
      ...toMessageView(message),
      content,
      editedAt: new Date(),
      mentionsEveryone,
      mentionsHere: mentionHereUserIds !== null,
      mentionRoleIds: kept,
    };
    // Only if the row still exists; announced once committed (never an edit that did not happen),
    // and again by the sweep if this process dies first.
    await this.outbox.transaction(async (tx, owe) => {
      if (
        !(await tx.nativeUpdate(
          Message,
          { id: messageId },
          { content, editedAt: view.editedAt as Date, mentionsEveryone, mentionRoleIds, mentionHereUserIds },
        ))
      )
        throw notFound('Message');
      owe(owed.messageUpdated(messageId));
    });
    return view;
  }

  /**
   * What an edit owes after its commit: the message as it is now, published while its row is
   * share-locked, so a deletion racing the edit commits (and announces MessageDeleted) after it;
   * a message deleted by then is not announced. Safe to repeat: it carries the current state.
   */
  async announceUpdated(messageId: string): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const message = await em.findOne(Message, { id: messageId }, { lockMode: LockMode.PESSIMISTIC_READ });
      if (message) await this.events.channel(message.channel, { type: 'MessageUpdated', message: toMessageView(message) });
    });
  }

  /** The author, or anyone with MANAGE_MESSAGES in the channel (audited). */
  async delete(userId: string, messageId: string, resolveAccess: (channelId: string) => Promise<ChannelAccess>): Promise<void> {
    const em = this.orm.em.fork();
    const message = await em.findOne(Message, { id: messageId });
    if (!message) throw notFound('Message');
    const access = await resolveAccess(message.channel);
    const byModerator = message.author !== userId;
    if (byModerator && !hasPermission(access.channelPermissions, 'MANAGE_MESSAGES')) throw forbidden('MANAGE_MESSAGES');
    await this.outbox.transaction(async (tx, owe) => {
      // Two deletions racing: only the one that removed the row audits and announces it.
      if (!(await tx.nativeDelete(Message, { id: messageId }))) throw notFound('Message');
      if (byModerator)
        this.audit.record(tx, {
          serverId: message.server,
          action: AuditAction.MessageDelete,
          actorId: userId,
          targetId: message.author,
          changes: { message: [messageId, null], channel: [message.channel, null] },
        });
      owe(owed.messageDeleted(message.channel, messageId));
    });
  }

  /** Keyset pages on (channel_id, id): the cost does not grow with depth. */
  async history(access: ChannelAccess, input: unknown): Promise<MessagePage> {
    if (!hasPermission(access.channelPermissions, 'READ_MESSAGE_HISTORY')) throw forbidden('READ_MESSAGE_HISTORY');
    const q = parseInput(historySchema, input);
    const channel = access.channel.id;
    // One more row than the page answers "is there more?" on that side; one indexed row on the other.
    if (q.after) {
      const rows = await this.reads.newer(channel, q.after, false, q.limit + 1);
      return {
        messages: rows.slice(0, q.limit),
        hasMoreAfter: rows.length > q.limit,
        hasMoreBefore: await this.reads.exists(channel, q.after, 'at-or-before'),
      };
    }
    if (q.around) {
      const half = Math.floor(q.limit / 2);
      const [before, after] = await Promise.all([
        this.reads.older(channel, q.around, half + 1),
        this.reads.newer(channel, q.around, true, q.limit - half + 1),
      ]);
      return {
        messages: [...before.slice(0, half).reverse(), ...after.slice(0, q.limit - half)],
        hasMoreBefore: before.length > half,
        hasMoreAfter: after.length > q.limit - half,
      };
    }
    const rows = await this.reads.older(channel, q.before ?? null, q.limit + 1);
    return {
      messages: rows.slice(0, q.limit).reverse(),
      hasMoreBefore: rows.length > q.limit,
      hasMoreAfter: q.before ? await this.reads.exists(channel, q.before, 'at-or-after') : false,
    };
  }

  /** Every message after `sinceId`, oldest first, in pages: the replay part of channelEvents(since). */
  async *messagesAfter(channelId: string, sinceId: string): AsyncGenerator<MessageView[]> {
    let cursor = sinceId;
    for (;;) {
      const rows = await this.reads.newer(channelId, cursor, false, REPLAY_PAGE_SIZE);
      if (rows.length === 0) return;
      yield rows;
      cursor = rows[rows.length - 1]!.id;
      if (rows.length < REPLAY_PAGE_SIZE) return;
    }
  }

  async byIds(ids: readonly string[]): Promise<(MessageView | null)[]> {
    const byId = new Map((await this.reads.byIds(ids)).map((m) => [m.id, m]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** At most one TypingStarted per user and channel every 3 s, across instances (SET NX PX). */
  async startTyping(access: ChannelAccess): Promise<void> {
    assertMaySend(access);
    const first = await this.redis.set(this.keys.typing(access.channel.id, access.userId), '1', 'PX', TYPING_THROTTLE_MS, 'NX');
    if (first !== 'OK') return;
    const user = await this.users.cachedView(access.userId);
    if (user) await this.events.channel(access.channel.id, { type: 'TypingStarted', channelId: access.channel.id, user });
  }
}

function assertMaySend(access: ChannelAccess): void {
  assertNotTimedOut(access);
  if (!hasPermission(access.channelPermissions, 'SEND_MESSAGES')) throw forbidden('SEND_MESSAGES');
}

/** Ids as a Postgres array literal (`{1,2}`): how the INSERT takes a message's mention lists. */
const arrayLiteral = (ids: readonly string[]): string => `{${ids.join(',')}}`;
