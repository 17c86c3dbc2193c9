import { describe, expect, it } from 'vitest';
import { serverUnread, unreadSuffix } from './unread';

const text = (id: string, lastMessageId: string | null, lastReadMessageId: string | null, mentionCount = 0) => ({
  id,
  type: 'TEXT',
  lastMessageId,
  lastReadMessageId,
  mentionCount,
});

describe('serverUnread', () => {
  it('sums the mentions of the unread text channels, leaving out the one being read', () => {
    const channels = [
      text('c1', '90', '80', 4),
      // Ids are snowflakes: "100" is newer than "99".
      text('c2', '100', '99', 2),
      text('c3', '7', null, 1),
      text('c4', '50', '50'),
      { ...text('c5', '60', null), type: 'VOICE' },
    ];
    expect(serverUnread(channels, 'c1')).toEqual({ hasUnread: true, mentionCount: 3 });
    expect(serverUnread(channels, undefined)).toEqual({ hasUnread: true, mentionCount: 7 });
  });

  it('is unread without mentions, and nothing when all is read or only the channel being read has news', () => {
    expect(serverUnread([text('c1', '9', '8'), text('c2', '5', '5')], undefined)).toEqual({ hasUnread: true, mentionCount: 0 });
    expect(serverUnread([text('c1', '9', '9'), text('c2', null, null)], undefined)).toEqual({ hasUnread: false, mentionCount: 0 });
    expect(serverUnread([text('c1', '9', '8', 2)], 'c1')).toEqual({ hasUnread: false, mentionCount: 0 });
  });
});

describe('unreadSuffix', () => {
  it('says unread, with how many mentions', () => {
    expect(unreadSuffix(false, 0)).toBe('');
    expect(unreadSuffix(true, 0)).toBe(' (unread)');
    expect(unreadSuffix(true, 1)).toBe(' (unread, 1 mention)');
    expect(unreadSuffix(true, 150)).toBe(' (unread, 150 mentions)');
  });
});
