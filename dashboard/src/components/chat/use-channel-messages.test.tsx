// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { announceUser } from '@/components/members/user-changes';
import { ConnectionMonitor } from '@/lib/connection-status';
import { cachedApi, operationName } from '@/test/cached-api';
import { useChannelMessages } from './use-channel-messages';

const { session } = vi.hoisted(() => ({ session: { api: { connection: null as unknown } } }));
vi.mock('@/components/session/api-provider', () => ({ useSession: () => session }));

const message = (id: string, content: string) => ({
  __typename: 'Message',
  id,
  channel: { __typename: 'Channel', id: 'c1' },
  content,
  createdAt: '2026-12-02T10:00:00.000Z',
  editedAt: null,
  pinnedAt: null,
  mentionsEveryone: false,
  mentionsHere: false,
  mentionedMembers: [],
  mentionRoleIds: [],
  author: { __typename: 'User', id: 'u2', username: 'bob', displayName: 'Bob', avatarUrl: null },
  replyTo: null,
  reactions: [],
});

function Log() {
  const { log, loadOlder, olderFailed } = useChannelMessages('c1', 'u1', () => {});
  return (
    <>
      <ul aria-label="log">
        {log.messages.map((m) => (
          <li key={m.id} title={m.author.displayName} data-avatar={m.author.avatarUrl ?? ''}>
            {m.content}
          </li>
        ))}
      </ul>
      <button onClick={() => void loadOlder()}>Older</button>
      {olderFailed && <p role="alert">older page failed</p>}
    </>
  );
}

/** What the API holds: the newest messages, and older ones behind them that cannot be reached while `offline`. */
interface World {
  messages: ReturnType<typeof message>[];
  older?: ReturnType<typeof message>[];
  offline?: boolean;
}

/** The chat's log over the app's cache; the API answers history from `world` and the test pushes channelEvents. */
function renderLog(world: World) {
  const connection = new ConnectionMonitor();
  connection.set('online');
  session.api.connection = connection;
  const page = (messages: World['messages'], hasMoreBefore: boolean) => ({
    messages: { __typename: 'MessagePage', hasMoreBefore, hasMoreAfter: false, messages },
  });
  const api = cachedApi(
    (op) => {
      if (!op.variables?.before) return page(world.messages, !!world.older);
      // A request that got no answer: the timed fetch gave up on it (lib/timed-fetch.ts).
      if (world.offline) return new DOMException('signal timed out', 'TimeoutError');
      return page(world.older ?? [], false);
    },
    ['ChannelEvents'],
  );
  render(
    <Provider value={api.client}>
      <Log />
    </Provider>,
  );
  const historyReads = () => api.sent.filter((op) => operationName(op) === 'ChannelHistory').length;
  const subscriptions = () => api.sent.filter((op) => operationName(op) === 'ChannelEvents').map((op) => op.variables);
  return { push: (event: Record<string, unknown>) => act(() => api.push(event)), historyReads, subscriptions };
}

const shown = () => screen.getAllByRole('listitem').map((item) => item.textContent);

describe('useChannelMessages', () => {
  afterEach(cleanup);

  it('reads the latest page again on EventsMissed, so edits and deletions of the gap show', async () => {
    const world = { messages: [message('100', 'hello'), message('101', 'second'), message('102', 'third')] };
    const { push, historyReads } = renderLog(world);
    expect(await screen.findByText('third')).toBeTruthy();
    const before = historyReads();

    // While the API's event bus was away: the first was edited and the second deleted, unheard.
    world.messages = [message('100', 'hello (edited)'), message('102', 'third')];
    // Other events are applied as they come, without a read.
    await push({ __typename: 'TypingStarted', user: { __typename: 'User', id: 'u2', displayName: 'Bob' } });
    expect(historyReads()).toBe(before);

    await push({ __typename: 'EventsMissed' });
    expect(await screen.findByText('hello (edited)')).toBeTruthy();
    expect(shown()).toEqual(['hello (edited)', 'third']);
    expect(historyReads()).toBe(before + 1);
  });

  it('subscribes once the latest page is in, from its newest message, or from the channel itself when it holds none', async () => {
    const { subscriptions } = renderLog({ messages: [message('100', 'hello'), message('101', 'second')] });
    expect(await screen.findByText('second')).toBeTruthy();
    await vi.waitFor(() => expect(subscriptions()).toEqual([{ channelId: 'c1', since: '101' }]));
    cleanup();

    // An empty channel: a message sent between the empty page and the subscription is replayed, not missed.
    const empty = renderLog({ messages: [] });
    await vi.waitFor(() => expect(empty.subscriptions()).toEqual([{ channelId: 'c1', since: 'c1' }]));
  });

  it('shows a new display name and avatar on the author’s messages as they are announced, without reading them again', async () => {
    const { historyReads } = renderLog({ messages: [message('100', 'hello'), message('101', 'second')] });
    expect(await screen.findByText('second')).toBeTruthy();
    const before = historyReads();
    act(() => announceUser({ id: 'u2', displayName: 'Bobby', avatarUrl: '/avatars/u2/ab' }));
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => [item.title, item.dataset.avatar])).toEqual([
      ['Bobby', '/avatars/u2/ab'],
      ['Bobby', '/avatars/u2/ab'],
    ]);
    expect(historyReads()).toBe(before);
  });

  it('drops the newest message when it was deleted in the gap, as the others', async () => {
    const world: World = { messages: [message('100', 'hello'), message('101', 'newest')] };
    const { push } = renderLog(world);
    expect(await screen.findByText('newest')).toBeTruthy();
    world.messages = [message('100', 'hello')];
    await push({ __typename: 'EventsMissed' });
    await act(async () => undefined);
    expect(shown()).toEqual(['hello']);
  });

  it('says when an older page could not be loaded, and loads it when asked again', async () => {
    const world: World = { messages: [message('100', 'hello')], older: [message('90', 'from before')], offline: true };
    renderLog(world);
    expect(await screen.findByText('hello')).toBeTruthy();

    await act(async () => screen.getByRole('button', { name: 'Older' }).click());
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(shown()).toEqual(['hello']);

    world.offline = false;
    await act(async () => screen.getByRole('button', { name: 'Older' }).click());
    expect(await screen.findByText('from before')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(shown()).toEqual(['from before', 'hello']);
  });
});
