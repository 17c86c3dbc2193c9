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

/** "1 mention", "3 mentions". */
export const mentionsLabel = (count: number): string => `${count} ${count === 1 ? 'mention' : 'mentions'}`;
