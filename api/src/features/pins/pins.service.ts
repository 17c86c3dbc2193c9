import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../kernel/db/orm.js';
import { forbidden, notFound } from '../../kernel/errors/app-error.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox } from '../../outbox/outbox.js';
import { hasPermission } from '../../permissions/bits.js';
import type { ChannelAccess } from '../access/access.service.js';
import { AuditAction } from '../audit/audit-action.js';
import type { AuditService } from '../audit/audit.service.js';
import { messageReads, type MessageReads } from '../messages/message-reads.js';
import type { MessageView } from '../messages/message.view.js';
import { assertNotTimedOut } from '../moderation/moderation.errors.js';
import { tooManyPins } from './pins.errors.js';
import { MAX_PINS_PER_CHANNEL, pinSchema } from './pins.inputs.js';

type ResolveAccess = (channelId: string) => Promise<ChannelAccess>;

interface PinnedRow {
  channel_id: string;
  server_id: string;
  author_id: string;
  pinned_at: Date | null;
}

/**
 * Pinned messages: a moderator's (MANAGE_MESSAGES) marks on a channel's messages, listed latest
 * first. Each change is audited and announced as MessageUpdated (the message with its `pinnedAt`);
 * a deleted message leaves the pins with its row.
 */
export class PinsService {
  private readonly reads: MessageReads;

  constructor(
    private readonly orm: Orm,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
  ) {
    this.reads = messageReads(orm);
  }

  /** Pins the message (pinning a pinned one changes nothing); a channel holds at most MAX_PINS_PER_CHANNEL. */
  async pin(actorId: string, input: unknown, resolveAccess: ResolveAccess): Promise<void> {
    await this.change(actorId, input, resolveAccess, true);
  }

  /** Unpins the message (unpinning one that is not pinned changes nothing). */
  async unpin(actorId: string, input: unknown, resolveAccess: ResolveAccess): Promise<void> {
    await this.change(actorId, input, resolveAccess, false);
  }

  /** The channel's pins, latest pinned first: for whoever may read its history. */
  async list(access: ChannelAccess): Promise<MessageView[]> {
    if (!hasPermission(access.channelPermissions, 'READ_MESSAGE_HISTORY')) throw forbidden('READ_MESSAGE_HISTORY');
    return this.reads.pinned(access.channel.id, MAX_PINS_PER_CHANNEL);
  }

  private async change(actorId: string, input: unknown, resolveAccess: ResolveAccess, pinned: boolean): Promise<void> {
    const { messageId } = parseInput(pinSchema, input);
    const [found] = await this.orm.em
      .fork()
      .getConnection()
      .execute<{ channel_id: string }[]>('select channel_id from messages where id = ?', [messageId]);
    if (!found) throw notFound('Message');
    const access = await resolveAccess(String(found.channel_id));
    if (!hasPermission(access.channelPermissions, 'MANAGE_MESSAGES')) throw forbidden('MANAGE_MESSAGES');
    assertNotTimedOut(access);
    await this.outbox.transaction(async (tx, owe) => {
      const message = await lockForPinning(tx, messageId);
      if (pinned === (message.pinned_at !== null)) return;
      if (pinned) {
        const [held] = await tx.execute<{ pins: number }[]>(
          'select count(*)::int as pins from messages where channel_id = ? and pinned_at is not null',
          [message.channel_id],
        );
        if (held!.pins >= MAX_PINS_PER_CHANNEL) throw tooManyPins();
      }
      await tx.execute(`update messages set pinned_at = ${pinned ? 'now()' : 'null'} where id = ?`, [messageId]);
      this.audit.record(tx, {
        serverId: String(message.server_id),
        action: pinned ? AuditAction.MessagePin : AuditAction.MessageUnpin,
        actorId,
        targetId: String(message.author_id),
        // As a deletion's: [before, after], so a pin reads "none → the message" and an unpin the reverse.
        changes: pinned
          ? { message: [null, messageId], channel: [null, String(message.channel_id)] }
          : { message: [messageId, null], channel: [String(message.channel_id), null] },
      });
      owe(owed.messageUpdated(messageId));
    });
  }
}

/**
 * Takes the channel's pin lock (so two pins cannot both be the 50th), then the message's row (a
 * racing deletion waits, or has won: NOT_FOUND).
 */
async function lockForPinning(tx: EntityManager, messageId: string): Promise<PinnedRow> {
  const [row] = await tx.execute<PinnedRow[]>('select channel_id from messages where id = ?', [messageId]);
  if (!row) throw notFound('Message');
  await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`channel-pins:${row.channel_id}`]);
  const [message] = await tx.execute<PinnedRow[]>(
    'select channel_id, server_id, author_id, pinned_at from messages where id = ? for no key update',
    [messageId],
  );
  if (!message) throw notFound('Message');
  return message;
}
