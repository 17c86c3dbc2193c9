// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { Provider, type Client } from 'urql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServerSidebarQuery } from '@/components/channels/channels.operations';
import { MarkChannelReadMutation } from '@/components/chat/chat.operations';
import { makeFragmentData } from '@/gql';
import { ConnectionMonitor } from '@/lib/connection-status';
import { cachedApi, operationName } from '@/test/cached-api';
import { bookClub, railServer } from '@/test/server-fixtures';
import { MarkedRail } from '@/test/marked-rail';
import { allServersMarks, ServerRailItemFragment } from './server-rail';

const { session } = vi.hoisted(() => ({ session: { api: { connection: null as unknown } } }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ push: vi.fn() }) }));
vi.mock('@/components/session/api-provider', () => ({ useSession: () => session }));

/** A server as the Shell query lists it, as the shell passes it to the rail. */
const listed = (...server: Parameters<typeof railServer>) => makeFragmentData(railServer(...server), ServerRailItemFragment);

const link = (name: string) => screen.getByRole('link', { name });
const badgeOf = (name: string) => link(name).querySelector('.mention-badge')?.textContent;
const hasPill = (name: string) => link(name).querySelector('.rail-pill') !== null;

function renderRail(client: Client, servers: ReturnType<typeof listed>[], selectedId?: string) {
  return render(
    <Provider value={client}>
      <MarkedRail servers={servers} selectedId={selectedId} readingChannelId={selectedId && 'general'} />
    </Provider>,
  );
}

describe('ServerRail marks', () => {
  beforeEach(() => {
    session.api.connection = new ConnectionMonitor();
  });
  afterEach(cleanup);

  it('a pill for unread messages, a red count up to 99+, and both in the link’s name; the title is the name', () => {
    const { client } = cachedApi(() => null, []);
    renderRail(
      client,
      [
        listed('s1', 'Garden Club', false, 0),
        listed('s2', 'Quiet Room', true, 0),
        listed('s3', 'Chess Night', true, 1),
        listed('s4', 'Film Club', true, 2),
        listed('s5', 'Big Hall', true, 150),
        // Selected, its channels not in the cache yet: the list's marks stand in.
        listed('s6', 'Book Club', true, 2),
      ],
      's6',
    );
    expect(hasPill('Garden Club')).toBe(false);
    expect(badgeOf('Garden Club')).toBeUndefined();
    expect(hasPill('Quiet Room (unread)')).toBe(true);
    expect(badgeOf('Quiet Room (unread)')).toBeUndefined();
    expect(badgeOf('Chess Night (unread, 1 mention)')).toBe('1');
    expect(badgeOf('Film Club (unread, 2 mentions)')).toBe('2');
    expect(badgeOf('Big Hall (unread, 150 mentions)')).toBe('99+');
    expect(hasPill('Big Hall (unread, 150 mentions)')).toBe(true);
    const selected = link('Book Club (unread, 2 mentions)');
    expect(selected.getAttribute('aria-current')).toBe('page');
    expect(selected.className).toContain('selected');
    expect(badgeOf('Book Club (unread, 2 mentions)')).toBe('2');
    expect(link('Big Hall (unread, 150 mentions)').title).toBe('Big Hall');
    expect(selected.title).toBe('Book Club');
  });

  it('the selected server follows its channels in the cache, not the server list’s stale marks', async () => {
    /** What the API answers to a read marker: the channel's marks after it. */
    let marks = {};
    const { client, sent } = cachedApi((op) => {
      if (operationName(op) === 'ServerSidebar') return { server: bookClub };
      if (operationName(op) === 'MarkChannelRead')
        return { markChannelRead: { __typename: 'Channel', id: op.variables?.channelId, ...marks } };
      if (operationName(op) === 'Shell') return { me: null, myServers: [] };
      return null;
    }, []);
    // What the sidebar read and keeps live.
    await client.query(ServerSidebarQuery, { serverId: 's1' }).toPromise();
    // Read when nothing was waiting: the list says so still.
    const servers = [listed('s1', 'Book Club', false, 0), listed('s2', 'Quiet Room', true, 1)];
    const { rerender } = renderRail(client, servers, 's1');
    // #general is being read: its 4 mentions do not count.
    expect(badgeOf('Book Club (unread, 2 mentions)')).toBe('2');
    expect(badgeOf('Quiet Room (unread, 1 mention)')).toBe('1');

    // A channel's count changes in the cache (here as a read marker's answer brings it).
    const markRead = (channelId: string, messageId: string, lastReadMessageId: string, mentionCount: number) => {
      marks = { lastMessageId: messageId, lastReadMessageId, mentionCount };
      return act(() => client.mutation(MarkChannelReadMutation, { channelId, messageId }).toPromise());
    };
    await markRead('random', '12', '11', 1);
    expect(badgeOf('Book Club (unread, 1 mention)')).toBe('1');
    await markRead('random', '12', '12', 0);
    expect(link('Book Club').querySelector('.mention-badge')).toBeNull();
    // The chat marks #general read too.
    await markRead('general', '90', '90', 0);

    // Another server selected: the list is read again. Until it answers, Book Club shows its channels
    // as last followed, never the list's marks from before the visit.
    const listReads = () => sent.filter((op) => operationName(op) === 'Shell').length;
    expect(listReads()).toBe(0);
    const stale = [listed('s1', 'Book Club', true, 1), servers[1]!];
    rerender(
      <Provider value={client}>
        <MarkedRail servers={stale} selectedId="s2" />
      </Provider>,
    );
    expect(listReads()).toBe(1);
    expect(link('Book Club').querySelector('.mention-badge')).toBeNull();
    expect(hasPill('Book Club')).toBe(false);
    // Then the list's marks, as it answers (here: something new came in meanwhile).
    rerender(
      <Provider value={client}>
        <MarkedRail servers={[listed('s1', 'Book Club', true, 5), servers[1]!]} selectedId="s2" />
      </Provider>,
    );
    expect(await screen.findByRole('link', { name: 'Book Club (unread, 5 mentions)' })).toBeTruthy();
    expect(badgeOf('Book Club (unread, 5 mentions)')).toBe('5');
    expect(hasPill('Book Club (unread, 5 mentions)')).toBe(true);
  });
});

describe('allServersMarks', () => {
  it('adds every server’s mentions and is unread if any server is: what the phone’s menu button carries', () => {
    const marks = (...each: [boolean, number][]) =>
      new Map(each.map(([hasUnread, mentionCount], i) => [`s${i}`, { hasUnread, mentionCount }]));
    expect(allServersMarks(marks())).toEqual({ hasUnread: false, mentionCount: 0 });
    expect(allServersMarks(marks([false, 0], [true, 0]))).toEqual({ hasUnread: true, mentionCount: 0 });
    expect(allServersMarks(marks([true, 2], [false, 0], [true, 150]))).toEqual({ hasUnread: true, mentionCount: 152 });
  });
});
