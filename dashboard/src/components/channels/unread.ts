import { compareIds } from '@/components/chat/message-log';

interface ChannelReadState {
  id: string;
  type: string;
  lastMessageId?: string | null;
  lastReadMessageId?: string | null;
  mentionCount: number;
}

/** Newer message than the read marker (ids are snowflakes: compare as numbers, not text). */
function isUnread(channel: ChannelReadState): boolean {
  if (!channel.lastMessageId) return false;
  return !channel.lastReadMessageId || compareIds(channel.lastMessageId, channel.lastReadMessageId) > 0;
}

/**
 * What the sidebar marks, leaving out the channel being read: text channels with unread messages,
 * and among them those where someone called the member, with how many times.
 */
export function unreadState(channels: readonly ChannelReadState[], readingId: string | undefined) {
  const unread = new Set(channels.filter((c) => c.type === 'TEXT' && c.id !== readingId && isUnread(c)).map((c) => c.id));
  const mentions = new Map(channels.filter((c) => unread.has(c.id) && c.mentionCount > 0).map((c) => [c.id, c.mentionCount]));
  return { unread, mentions };
}

/** What a server's icon in the rail marks: an unread channel, and the mentions waiting over all of them. */
export interface ServerUnread {
  hasUnread: boolean;
  mentionCount: number;
}

/** The server's marks from its channels, as the sidebar marks them (the channel being read left out). */
export function serverUnread(channels: readonly ChannelReadState[], readingId: string | undefined): ServerUnread {
  const { unread, mentions } = unreadState(channels, readingId);
  let mentionCount = 0;
  for (const count of mentions.values()) mentionCount += count;
  return { hasUnread: unread.size > 0, mentionCount };
}

/** After a channel's or a server's name in its link's label: " (unread)", " (unread, 2 mentions)", or nothing. */
export function unreadSuffix(unread: boolean, mentions: number): string {
  if (!unread) return '';
  return mentions > 0 ? ` (unread, ${mentionsLabel(mentions)})` : ' (unread)';
}

/** "1 mention", "3 mentions". */
export const mentionsLabel = (count: number): string => `${count} ${count === 1 ? 'mention' : 'mentions'}`;
