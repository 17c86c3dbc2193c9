import { z } from 'zod';
import { idSchema } from '../../kernel/validation/id.js';
import type { Orm } from '../../kernel/db/orm.js';
import { notFound } from '../../kernel/errors/app-error.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import type { AccessService, ChannelAccess, ServerAccess } from '../access/access.service.js';
import { memberMentionPattern, NO_MENTION_PATTERN } from '../messages/mentions.js';

const markReadSchema = z.object({ messageId: idSchema });

/** Unread messages looked at for mentions, newest first, per channel: a bounded cost for a long-unread channel. */
export const MENTION_SCAN_LIMIT = 1000;

/** Read markers per user and channel: the newest message each has read, and each channel's newest. */
export class ReadStatesService {
  constructor(
    private readonly orm: Orm,
    private readonly access: AccessService,
  ) {}

  /** The server's text channels the caller can read as a member (none for a visitor of a public server). */
  readableTextChannelIds(access: ServerAccess): string[] {
    if (!access.member) return [];
    const visible = this.access.visibleChannelIds(access);
    return [...access.server.channels.values()].filter((c) => c.type === 'TEXT' && visible.has(c.id)).map((c) => c.id);
  }

  /** Marks every text channel of the server the member can read as read up to its newest message (Discord's "Mark as read"). */
  async markServerRead(access: ServerAccess): Promise<void> {
    if (!access.member) throw notFound('Membership');
    const channelIds = this.readableTextChannelIds(access);
    if (channelIds.length === 0) return;
    await this.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into read_states (user_id, channel_id, last_read_message_id, updated_at)
         select ?, c.id, newest.id, now()
           from unnest(array[?]::bigint[]) as c(id)
           cross join lateral (select m.id from messages m where m.channel_id = c.id order by m.id desc limit 1) newest
       on conflict (user_id, channel_id) do update
         set last_read_message_id = greatest(read_states.last_read_message_id, excluded.last_read_message_id), updated_at = now()`,
        [access.userId, channelIds],
      );
  }

  /**
   * Marks everything up to `messageId` read. The marker only moves forward, so a device that reports
   * late (or an old tab) cannot make read messages unread again.
   */
  async markRead(access: ChannelAccess, input: unknown): Promise<void> {
    const { messageId } = parseInput(markReadSchema, input);
    const rows: unknown[] = await this.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into read_states (user_id, channel_id, last_read_message_id, updated_at)
         select ?, ?, m.id, now() from messages m where m.id = ? and m.channel_id = ?
       on conflict (user_id, channel_id) do update
         set last_read_message_id = greatest(read_states.last_read_message_id, excluded.last_read_message_id), updated_at = now()
       returning 1`,
        [access.userId, access.channel.id, messageId, access.channel.id],
      );
    if (rows.length === 0) throw notFound('Message');
  }

  /** The user's last read message id per channel (null where they never read it). */
  async lastRead(userId: string, channelIds: readonly string[]): Promise<(string | null)[]> {
    const rows: { channel_id: string; last_read_message_id: string }[] = await this.orm.em
      .fork()
      .getConnection()
      .execute('select channel_id, last_read_message_id from read_states where user_id = ? and channel_id in (?)', [
        userId,
        [...channelIds],
      ]);
    const byChannel = new Map(rows.map((r) => [String(r.channel_id), String(r.last_read_message_id)]));
    return channelIds.map((id) => byChannel.get(id) ?? null);
  }

  /**
   * Per channel, the unread messages by others that mention the user by @username or <@id>, mention @everyone,
   * one of the user's roles or, by @here, the user among those online (each as decided at send), or
   * reply to one of their messages, among the newest MENTION_SCAN_LIMIT unread (a channel never read
   * is all unread).
   */
  async mentionCounts(userId: string, channelIds: readonly string[]): Promise<number[]> {
    const em = this.orm.em.fork();
    const [user] = await em.getConnection().execute<{ username: string }[]>('select username from users where id = ?', [userId]);
    if (!user) return channelIds.map(() => 0);
    const rows: { channel_id: string; mentions: number }[] = await em.getConnection().execute(
      `select c.id as channel_id, (
         select count(*)::int from (
           select m.content, m.reply_to, m.mentions_everyone, m.mention_role_ids, m.mention_here_user_ids from messages m
            where m.channel_id = c.id and m.author_id <> ?
              and m.id > coalesce((select r.last_read_message_id from read_states r where r.user_id = ? and r.channel_id = c.id), 0)
            order by m.id desc limit ${MENTION_SCAN_LIMIT}) recent
          where recent.mentions_everyone
             or ?::text = any(recent.mention_here_user_ids)
             or recent.mention_role_ids && (select mb.role_ids from members mb where mb.server_id = ch.server_id and mb.user_id = ?)
             or regexp_replace(recent.content, ?, ' ', 'gi') ~* ?
             or exists (select 1 from messages q where q.id = recent.reply_to and q.author_id = ?)
       ) as mentions
       from unnest(array[?]::bigint[]) as c(id) join channels ch on ch.id = c.id`,
      [userId, userId, userId, userId, NO_MENTION_PATTERN, memberMentionPattern(user.username, userId), userId, [...channelIds]],
    );
    const byChannel = new Map(rows.map((r) => [String(r.channel_id), r.mentions]));
    return channelIds.map((id) => byChannel.get(id) ?? 0);
  }

  /** The newest message id per channel, one index probe each (messages_channel_id_id_index). */
  async lastMessage(channelIds: readonly string[]): Promise<(string | null)[]> {
    const rows: { channel_id: string; last_id: string | null }[] = await this.orm.em
      .fork()
      .getConnection()
      .execute(
        `select c.id as channel_id, (select m.id from messages m where m.channel_id = c.id order by m.id desc limit 1) as last_id
           from unnest(array[?]::bigint[]) as c(id)`,
        [[...channelIds]],
      );
    const byChannel = new Map(rows.map((r) => [String(r.channel_id), r.last_id === null ? null : String(r.last_id)]));
    return channelIds.map((id) => byChannel.get(id) ?? null);
  }
}
