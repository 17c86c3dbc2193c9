import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../kernel/db/orm.js';
import { forbidden, notFound } from '../../kernel/errors/app-error.js';
import type { RedisKeys } from '../../kernel/redis/keys.js';
import type { SlidingWindowLimiter } from '../../kernel/redis/sliding-window.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox } from '../../outbox/outbox.js';
import { hasPermission } from '../../permissions/bits.js';
import type { EventPublisher } from '../../realtime/topics.js';
import type { ChannelAccess } from '../access/access.service.js';
import { assertNotTimedOut } from '../moderation/moderation.errors.js';
import type { ReactionView } from './reaction.view.js';
import { reactingTooFast, tooManyEmojis } from './reactions.errors.js';
import {
  addReactionSchema,
  MAX_EMOJIS_PER_MESSAGE,
  REACTION_CHANGES,
  reactionUsersSchema,
  removeReactionSchema,
} from './reactions.inputs.js';

type ResolveAccess = (channelId: string) => Promise<ChannelAccess>;

interface ReactionRow {
  message_id: string;
  emoji: string;
  count: number;
  me: boolean;
}

/**
 * Reactions on messages. A change locks its message's row (FOR NO KEY UPDATE) for the length of its
 * transaction, so changes to one message are serialised (the per-message emoji limit holds) and a
 * deletion of the message waits; each change is announced after its commit by `announce`.
 */
export class ReactionsService {
  constructor(
    private readonly orm: Orm,
    private readonly events: EventPublisher,
    private readonly outbox: Outbox,
    private readonly limiter: SlidingWindowLimiter,
    private readonly keys: RedisKeys,
  ) {}

  /** The caller's reaction (a repeat changes nothing): READ_MESSAGE_HISTORY and ADD_REACTIONS, and not timed out. */
  async add(userId: string, input: unknown, resolveAccess: ResolveAccess): Promise<void> {
    const { messageId, emoji } = parseInput(addReactionSchema, input);
    const access = await resolveAccess(await this.channelOf(messageId));
    assertNotTimedOut(access);
    for (const permission of ['READ_MESSAGE_HISTORY', 'ADD_REACTIONS'] as const)
      if (!hasPermission(access.channelPermissions, permission)) throw forbidden(permission);
    await this.throttle(access);
    await this.outbox.transaction(async (tx, owe) => {
      await lockMessage(tx, messageId);
      const [held] = await tx.execute<{ emojis: number; present: boolean }[]>(
        'select count(distinct emoji)::int as emojis, coalesce(bool_or(emoji = ?), false) as present from message_reactions where message_id = ?',
        [emoji, messageId],
      );
      if (!held!.present && held!.emojis >= MAX_EMOJIS_PER_MESSAGE) throw tooManyEmojis();
      const inserted = await tx.execute(
        'insert into message_reactions (message_id, emoji, user_id) values (?, ?, ?) on conflict do nothing returning 1',
        [messageId, emoji, userId],
      );
      if (inserted.length > 0) owe(owed.reactionChanged(messageId, emoji, userId));
    });
  }

  /** The caller's own reaction, or (with MANAGE_MESSAGES in the channel) anyone's. Removing what is not there changes nothing. */
  async remove(actorId: string, input: unknown, resolveAccess: ResolveAccess): Promise<void> {
    const { messageId, emoji, userId } = parseInput(removeReactionSchema, input);
    const access = await resolveAccess(await this.channelOf(messageId));
    const target = userId ?? actorId;
    if (target !== actorId && !hasPermission(access.channelPermissions, 'MANAGE_MESSAGES')) throw forbidden('MANAGE_MESSAGES');
    await this.throttle(access);
    await this.outbox.transaction(async (tx, owe) => {
      await lockMessage(tx, messageId);
      const deleted = await tx.execute('delete from message_reactions where message_id = ? and emoji = ? and user_id = ? returning 1', [
        messageId,
        emoji,
        target,
      ]);
      if (deleted.length > 0) owe(owed.reactionChanged(messageId, emoji, target));
    });
  }

  /**
   * What a change owes after its commit: the member's reaction and the emoji's count as they are
   * now, published while the message's row is locked, so announcements of one message go out in the
   * order of the states they read (a later one never carries an older count). A deleted message
   * announces nothing (MessageDeleted says it all). Safe to repeat.
   */
  async announce(messageId: string, emoji: string, userId: string): Promise<void> {
    await this.orm.em.fork().transactional(async (tx) => {
      const [message] = await tx.execute<{ channel_id: string }[]>('select channel_id from messages where id = ? for no key update', [
        messageId,
      ]);
      if (!message) return;
      const [state] = await tx.execute<{ count: number; reacted: boolean }[]>(
        'select count(*)::int as count, coalesce(bool_or(user_id = ?), false) as reacted from message_reactions where message_id = ? and emoji = ?',
        [userId, messageId, emoji],
      );
      const channelId = String(message.channel_id);
      await this.events.channel(channelId, {
        type: 'MessageReactionChanged',
        channelId,
        messageId,
        emoji,
        userId,
        reacted: state!.reacted,
        count: state!.count,
      });
    });
  }

  /** Who reacted with the emoji, first reactions first: for whoever may read the channel's history. */
  async users(userId: string, input: unknown, resolveAccess: ResolveAccess): Promise<string[]> {
    const { messageId, emoji, limit } = parseInput(reactionUsersSchema, input);
    const access = await resolveAccess(await this.channelOf(messageId));
    if (!hasPermission(access.channelPermissions, 'READ_MESSAGE_HISTORY')) throw forbidden('READ_MESSAGE_HISTORY');
    const rows: { user_id: string }[] = await this.orm.em
      .fork()
      .getConnection()
      .execute('select user_id from message_reactions where message_id = ? and emoji = ? order by created_at, user_id limit ?', [
        messageId,
        emoji,
        limit,
      ]);
    return rows.map((row) => String(row.user_id));
  }

  /** Each message's reactions, in the order each emoji was first used, with whether `viewerId` is among them. */
  async forMessages(messageIds: readonly string[], viewerId: string | null): Promise<ReactionView[][]> {
    const rows: ReactionRow[] = await this.orm.em
      .fork()
      .getConnection()
      .execute(
        `select message_id, emoji, count(*)::int as count, coalesce(bool_or(user_id = ?), false) as me
           from message_reactions where message_id = any(array[?]::bigint[])
          group by message_id, emoji order by min(created_at), emoji`,
        [viewerId ?? '0', [[...messageIds]]],
      );
    const byMessage = new Map<string, ReactionView[]>();
    for (const row of rows) {
      const id = String(row.message_id);
      let list = byMessage.get(id);
      if (!list) byMessage.set(id, (list = []));
      list.push({ emoji: row.emoji, count: row.count, me: row.me });
    }
    return messageIds.map((id) => byMessage.get(id) ?? []);
  }

  /** REACTION_CHANGES per member and channel, across processes (even a change that turns out a no-op counts). */
  private async throttle(access: ChannelAccess): Promise<void> {
    const verdict = await this.limiter.consume([{ key: this.keys.reactionChanges(access.channel.id, access.userId), ...REACTION_CHANGES }]);
    if (!verdict.allowed) throw reactingTooFast(verdict.retryAfterMs);
  }

  private async channelOf(messageId: string): Promise<string> {
    const [row] = await this.orm.em
      .fork()
      .getConnection()
      .execute<{ channel_id: string }[]>('select channel_id from messages where id = ?', [messageId]);
    if (!row) throw notFound('Message');
    return String(row.channel_id);
  }
}

async function lockMessage(tx: EntityManager, messageId: string): Promise<void> {
  const [row] = await tx.execute('select 1 from messages where id = ? for no key update', [messageId]);
  if (!row) throw notFound('Message');
}
