// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Provider, useQuery, type Operation } from 'urql';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServerSidebarQuery } from '@/components/channels/channels.operations';
import { ConnectionMonitor } from '@/lib/connection-status';
import { cachedApi, operationName } from '@/test/cached-api';
import { isDisabled } from '@/test/locked';
import { MarkedRail } from '@/test/marked-rail';
import { bookClub, railServer } from '@/test/server-fixtures';
import { ServerActions } from './server-actions';
import { ShellQuery } from './servers.operations';
import { markReadRefusal } from './use-mark-server-read';

const { session } = vi.hoisted(() => ({ session: { api: { connection: null as unknown }, setNotice: (() => {}) as unknown } }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn() }) }));
vi.mock('@/components/session/api-provider', () => ({ useSession: () => session }));

/** Each server's text channels with their newest message: Book Club's two, Quiet Room's one. */
const CHANNELS: Record<string, { id: string; lastMessageId: string }[]> = {
  s1: bookClub.channels,
  s2: [{ id: 'quiet-general', lastMessageId: '50' }],
  s3: [],
};

/**
 * A stand-in API holding each server's marks: the list answers with them, and markServerRead clears
 * them and answers with the server's channels read up to their newest message.
 */
function markingApi(refusal?: Error) {
  const marks: Record<string, { name: string; hasUnread: boolean; mentionCount: number }> = {
    s1: { name: 'Book Club', hasUnread: true, mentionCount: 6 },
    s2: { name: 'Quiet Room', hasUnread: true, mentionCount: 1 },
    s3: { name: 'Garden Club', hasUnread: false, mentionCount: 0 },
  };
  const answer = (op: Operation) => {
    switch (operationName(op)) {
      case 'Shell':
        return { me: null, myServers: Object.entries(marks).map(([id, m]) => railServer(id, m.name, m.hasUnread, m.mentionCount)) };
      case 'ServerSidebar':
        return { server: bookClub };
      case 'MarkServerRead': {
        if (refusal) return refusal;
        const serverId = String(op.variables?.serverId);
        Object.assign(marks[serverId]!, { hasUnread: false, mentionCount: 0 });
        const channels = CHANNELS[serverId]!.map((c) => ({
          __typename: 'Channel',
          id: c.id,
          lastReadMessageId: c.lastMessageId,
          mentionCount: 0,
        }));
        return { markServerRead: { __typename: 'Server', id: serverId, hasUnread: false, mentionCount: 0, channels } };
      }
      default:
        return null;
    }
  };
  const api = cachedApi(answer, []);
  const marked = () => api.sent.filter((op) => operationName(op) === 'MarkServerRead').map((op) => op.variables);
  return { ...api, marked };
}

/** The rail over the server list in the cache, as the shell shows it, with Book Club open and its menu. */
function Shell() {
  const [{ data }] = useQuery({ query: ShellQuery });
  return (
    <>
      {data && <MarkedRail servers={data.myServers} selectedId="s1" />}
      <ServerActions serverId="s1" serverName="Book Club" permissions={[]} />
    </>
  );
}

async function renderShell({ sidebarRead = true, refusal }: { sidebarRead?: boolean; refusal?: Error } = {}) {
  const api = markingApi(refusal);
  // What the open server's sidebar read and keeps live.
  if (sidebarRead) await api.client.query(ServerSidebarQuery, { serverId: 's1' }).toPromise();
  render(
    <Provider value={api.client}>
      <Shell />
    </Provider>,
  );
  await screen.findByRole('navigation', { name: 'Servers' });
  return api;
}

const railLink = (name: string) => within(screen.getByRole('navigation', { name: 'Servers' })).getByRole('link', { name });

async function openServerMenu() {
  fireEvent.keyDown(screen.getByRole('button', { name: 'Server menu' }), { key: 'Enter' });
  return screen.findByRole('menu');
}

async function openContextMenu(name: string) {
  fireEvent.contextMenu(railLink(name));
  return screen.findByRole('menu');
}

const markAsRead = (menu: HTMLElement) => within(menu).getByRole('menuitem', { name: 'Mark as read' });

describe('Mark as read', () => {
  beforeAll(() => {
    // Radix menus measure themselves; jsdom has no ResizeObserver.
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  });
  beforeEach(() => {
    session.api.connection = new ConnectionMonitor();
    session.setNotice = vi.fn();
  });
  afterEach(cleanup);

  it('first in the ⋯ menu: marks the open server read, clears its icon and its channels’ counts, then is disabled', async () => {
    const { client, marked } = await renderShell();
    expect(railLink('Book Club (unread, 6 mentions)')).toBeTruthy();
    const menu = await openServerMenu();
    const item = within(menu).getAllByRole('menuitem')[0]!;
    expect(item.textContent).toBe('Mark as read');
    expect(isDisabled(item)).toBe(false);
    fireEvent.click(item);

    expect(marked()).toEqual([{ serverId: 's1' }]);
    await waitFor(() => expect(railLink('Book Club').querySelector('.mention-badge')).toBeNull());
    const sidebar = client.readQuery(ServerSidebarQuery, { serverId: 's1' }, { requestPolicy: 'cache-only' });
    expect(sidebar?.data?.server?.channels.map((c) => c.mentionCount)).toEqual([0, 0]);
    // Nothing left to mark.
    expect(isDisabled(markAsRead(await openServerMenu()))).toBe(true);
  });

  it('offered in the ⋯ menu while the open server’s channels are not known yet', async () => {
    await renderShell({ sidebarRead: false });
    expect(isDisabled(markAsRead(await openServerMenu()))).toBe(false);
  });

  it('in the rail’s right-click menu: marks that server read and clears its icon; disabled where the icon shows nothing unread', async () => {
    const { marked } = await renderShell();
    const menu = await openContextMenu('Quiet Room (unread, 1 mention)');
    fireEvent.click(markAsRead(menu));

    expect(marked()).toEqual([{ serverId: 's2' }]);
    expect(await screen.findByRole('link', { name: 'Quiet Room' })).toBeTruthy();
    expect(railLink('Quiet Room').querySelector('.mention-badge')).toBeNull();
    expect(railLink('Quiet Room').querySelector('.rail-pill')).toBeNull();
    // The open server is untouched.
    expect(railLink('Book Club (unread, 6 mentions)')).toBeTruthy();

    const garden = await openContextMenu('Garden Club');
    expect(isDisabled(markAsRead(garden))).toBe(true);
    fireEvent.click(markAsRead(garden));
    expect(marked()).toHaveLength(1);
  });

  it('a refusal shows as the page’s notice, in words for a server the member is no longer in', async () => {
    await renderShell({ refusal: new Error('offline') });
    fireEvent.click(markAsRead(await openContextMenu('Quiet Room (unread, 1 mention)')));
    await waitFor(() => expect(session.setNotice).toHaveBeenCalledWith(expect.objectContaining({ code: 'NETWORK_ERROR' })));
    expect(railLink('Quiet Room (unread, 1 mention)')).toBeTruthy();
    expect(markReadRefusal({ code: 'NOT_FOUND', message: 'Server not found' }).message).toBe('You are no longer a member of this server.');
  });
});
