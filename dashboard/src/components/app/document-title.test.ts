import { describe, expect, it } from 'vitest';
import { documentTitle, pageName } from './document-title';

describe('the tab’s title', () => {
  it('names what is open: a channel in its server (text ones with #), a server’s settings, Discover, My bots', () => {
    const at = (pathname: string, server?: string, channel?: { name: string; type: string }) => pageName({ pathname, server, channel });
    expect(at('/servers/1/2', 'Book Club', { name: 'general', type: 'TEXT' })).toBe('#general | Book Club');
    expect(at('/servers/1/3', 'Book Club', { name: 'Lounge', type: 'VOICE' })).toBe('Lounge | Book Club');
    expect(at('/servers/1/settings', 'Book Club')).toBe('Settings | Book Club');
    expect(at('/servers/1', 'Book Club')).toBe('Book Club');
    expect(at('/discover')).toBe('Discover servers');
    expect(at('/bots')).toBe('My bots');
    expect(at('/')).toBeUndefined();
  });

  it('starts with the mentions waiting, else a dot for unread, as Discord’s does', () => {
    expect(documentTitle('#general | Book Club', { hasUnread: true, mentionCount: 3 })).toBe('(3) #general | Book Club | Rashigo');
    expect(documentTitle('#general | Book Club', { hasUnread: true, mentionCount: 0 })).toBe('• #general | Book Club | Rashigo');
    expect(documentTitle(undefined, { hasUnread: false, mentionCount: 0 })).toBe('Rashigo');
  });
});
