// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemberList } from '@/components/members/member-list';
import { useUserChanges, type ShownUser } from '@/components/members/user-changes';
import { VoiceEngineContext } from '@/components/voice/voice-provider';
import { ConnectionMonitor } from '@/lib/connection-status';
import type { VoiceEngine } from '@/lib/voice/voice-engine';
import { initialVoiceSnapshot } from '@/lib/voice/voice-state';
import { cachedApi, operationName } from '@/test/cached-api';
import { ServerSidebarContainer } from './server-sidebar-container';

const { session, router } = vi.hoisted(() => ({
  session: { setNotice: vi.fn(), reportLoss: vi.fn(), api: { connection: null as unknown } },
  router: { replace: vi.fn(), push: vi.fn(), prefetch: vi.fn() },
}));
vi.mock('next/navigation', () => ({ useRouter: () => router }));
vi.mock('@/components/session/api-provider', () => ({ useSession: () => session }));

const ME = { __typename: 'User', id: 'u1' };
const user = (id: string, displayName: string) => ({
  __typename: 'User',
  id,
  displayName,
  avatarUrl: null,
  presence: 'ONLINE',
  isBot: false,
});
const channel = (id: string, name: string, type: 'TEXT' | 'VOICE', voiceStates: ReturnType<typeof voiceState>[] = []) => ({
  __typename: 'Channel',
  id,
  name,
  type,
  position: Number(id.slice(1)),
  isPrivate: false,
  myPermissions: [] as string[],
  slowmodeSeconds: 0,
  topic: null,
  lastMessageId: null as string | null,
  lastReadMessageId: null,
  mentionCount: 0,
  bitrate: 64_000,
  voiceStates,
});
const voiceState = (sessionId: string, displayName: string) => ({
  __typename: 'VoiceState',
  sessionId,
  selfMute: false,
  selfDeaf: false,
  serverMute: false,
  serverDeaf: false,
  user: { ...user(`u-${sessionId}`, displayName) },
});

/** What the API holds: the test changes it behind the page's back, as events the page never hears would. */
interface World {
  channels: ReturnType<typeof channel>[];
  members: string[];
}

function serverOf(world: World) {
  return {
    __typename: 'Server',
    id: 's1',
    name: 'Book Club',
    description: null,
    memberCount: world.members.length,
    myPermissions: [],
    owner: ME,
    myMember: { __typename: 'Member', timedOutUntil: null, user: ME, roles: [] },
    roles: [],
    channels: world.channels,
    members: world.members.map((name, i) => ({ __typename: 'Member', nickname: null, user: user(`m${i}`, name), roles: [] })),
  };
}

/**
 * The sidebar and the member list over the app's normalised cache, the API answering queries from
 * `world` and the test pushing serverEvents.
 */
function renderSidebar(world: World) {
  const connection = new ConnectionMonitor();
  connection.set('online');
  session.api.connection = connection;
  const api = cachedApi(() => ({ server: serverOf(world) }), ['ServerEvents']);
  const { client, sent } = api;
  const engine = { subscribe: () => () => {}, getSnapshot: () => initialVoiceSnapshot, retryPeer: vi.fn() };
  render(
    <Provider value={client}>
      <VoiceEngineContext.Provider value={engine as unknown as VoiceEngine}>
        <ServerSidebarContainer serverId="s1" channelId="c1" onNavigate={() => {}} />
        <MemberList serverId="s1" />
        <UsersHeard />
      </VoiceEngineContext.Provider>
    </Provider>,
  );
  // Requests that went to the API from the moment `mark` was called: [sidebar reads, member page reads].
  let marked = 0;
  const mark = () => {
    marked = sent.length;
  };
  const readsSinceMark = () =>
    ['ServerSidebar', 'ServerMembers'].map(
      (name) => sent.slice(marked).filter((op) => operationName(op) === name && op.kind === 'query').length,
    );
  // The sidebar's activity listeners, as each subscribed.
  const listeners = () => sent.filter((op) => operationName(op) === 'ChannelActivity').map((op) => op.variables);
  return { push: (event: Record<string, unknown>) => act(() => api.push(event)), connection, mark, readsSinceMark, listeners };
}

/** The users announced to open chats, as one of them would hear them. */
const heard: ShownUser[] = [];
function UsersHeard() {
  useUserChanges((user) => heard.push(user));
  return null;
}

const sidebar = () => screen.getByRole('navigation', { name: 'Channels of Book Club' });
const members = () => screen.getByRole('complementary', { name: 'Members' });

describe('ServerSidebarContainer after missed server events', () => {
  afterEach(cleanup);

  it('reads channels, voice states and the member list again on ServerEventsMissed', async () => {
    const world: World = {
      channels: [channel('c1', 'general', 'TEXT'), channel('c2', 'Lounge', 'VOICE', [voiceState('v1', 'Dora')])],
      members: ['Alice', 'Bob'],
    };
    const { push, mark, readsSinceMark } = renderSidebar(world);
    expect(await within(sidebar()).findByText('general')).toBeTruthy();
    expect(within(sidebar()).getByRole('list', { name: 'In Lounge' }).textContent).toContain('Dora');
    expect(await within(members()).findByText('Bob')).toBeTruthy();
    mark();

    // While the API's event bus was away: a channel was made, Dora left voice, Bob left and Carol joined.
    world.channels = [channel('c1', 'general', 'TEXT'), channel('c3', 'announcements', 'TEXT'), channel('c2', 'Lounge', 'VOICE')];
    world.members = ['Alice', 'Carol'];
    // Other events do not refetch everything: presence is written to the cache as it comes.
    await push({ __typename: 'PresenceUpdated', user: { __typename: 'User', id: 'm1', presence: 'IDLE' } });
    expect(readsSinceMark()).toEqual([0, 0]);

    await push({ __typename: 'ServerEventsMissed' });
    expect(await within(sidebar()).findByText('announcements')).toBeTruthy();
    expect(within(sidebar()).queryByRole('list', { name: 'In Lounge' })).toBeNull();
    expect(await within(members()).findByText('Carol')).toBeTruthy();
    expect(within(members()).queryByText('Bob')).toBeNull();
    expect(readsSinceMark()).toEqual([1, 1]);
  });

  it('does the same after its own reconnect', async () => {
    const world: World = { channels: [channel('c1', 'general', 'TEXT')], members: ['Alice'] };
    const { connection, mark, readsSinceMark } = renderSidebar(world);
    expect(await within(members()).findByText('Alice')).toBeTruthy();
    expect(await within(sidebar()).findByText('general')).toBeTruthy();
    mark();
    world.channels = [...world.channels, channel('c3', 'announcements', 'TEXT')];
    world.members = ['Alice', 'Carol'];
    act(() => connection.set('reconnecting'));
    act(() => connection.set('online'));
    expect(await within(sidebar()).findByText('announcements')).toBeTruthy();
    expect(await within(members()).findByText('Carol')).toBeTruthy();
    expect(readsSinceMark()).toEqual([1, 1]);
  });

  it('listens to each text channel not being read from its newest message, or from the channel itself when it has none', async () => {
    const readable = { myPermissions: ['VIEW_CHANNEL', 'READ_MESSAGE_HISTORY'] };
    const world: World = {
      channels: [
        channel('c1', 'general', 'TEXT'),
        { ...channel('c2', 'books', 'TEXT'), ...readable, lastMessageId: '500' },
        // Just made: a message sent while its listener is still subscribing is replayed from here.
        { ...channel('c3', 'random', 'TEXT'), ...readable },
        // Without READ_MESSAGE_HISTORY the API refuses `since`: live events only.
        { ...channel('c4', 'rules', 'TEXT'), myPermissions: ['VIEW_CHANNEL'] },
        channel('c5', 'Lounge', 'VOICE'),
      ],
      members: ['Alice'],
    };
    const { listeners } = renderSidebar(world);
    expect(await within(sidebar()).findByText('random')).toBeTruthy();
    expect(listeners()).toEqual([
      { channelId: 'c2', since: '500' },
      { channelId: 'c3', since: 'c3' },
      { channelId: 'c4', since: null },
    ]);
  });

  it('on MemberUpdated the member list shows the new display name, and open chats are told it with the avatar', async () => {
    const world: World = { channels: [channel('c1', 'general', 'TEXT')], members: ['Alice', 'Bob'] };
    const { push } = renderSidebar(world);
    expect(await within(members()).findByText('Bob')).toBeTruthy();
    heard.length = 0;
    world.members = ['Alice', 'Bobby'];
    await push({
      __typename: 'MemberUpdated',
      member: { __typename: 'Member', user: { __typename: 'User', id: 'm1', displayName: 'Bobby', avatarUrl: '/avatars/m1/ab' } },
    });
    expect(await within(members()).findByText('Bobby')).toBeTruthy();
    // Their messages in an open chat hold a copy of their name and avatar, which the chat updates.
    expect(heard).toEqual([expect.objectContaining({ id: 'm1', displayName: 'Bobby', avatarUrl: '/avatars/m1/ab' })]);
  });
});
