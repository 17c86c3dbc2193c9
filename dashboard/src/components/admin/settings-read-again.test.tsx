// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServerSidebarContainer } from '@/components/channels/server-sidebar-container';
import { ConnectionMonitor } from '@/lib/connection-status';
import { cachedApi, operationName } from '@/test/cached-api';
import { channel, role as kitRole } from './admin-test-kit';
import { SettingsPage } from './settings-page';

const { session, router } = vi.hoisted(() => ({
  session: { setNotice: vi.fn(), reportLoss: vi.fn(), api: { connection: null as unknown } },
  router: { replace: vi.fn(), push: vi.fn(), prefetch: vi.fn() },
}));
vi.mock('next/navigation', () => ({ useRouter: () => router }));
vi.mock('@/components/session/api-provider', () => ({ useSession: () => session }));

const user = (name: string) => ({
  __typename: 'User',
  id: `u-${name.toLowerCase()}`,
  username: name.toLowerCase(),
  displayName: name,
  isBot: false,
  presence: 'ONLINE',
});
const ME = user('Ada');
const role = (id: string, name: string, position: number) => ({ __typename: 'Role', ...kitRole(id, name, position, position === 0) });

/** What the API holds: the test changes it behind the page's back, as events the page never hears would. */
interface World {
  roles: string[];
  members: string[];
  bans: string[];
  invites: string[];
  audit: string[];
  /** Which of my bots (Sprout) are in the server. */
  bots: string[];
}

/** The server as both the sidebar and the settings read it (each selects its own fields); Ada owns it. */
const serverOf = (world: World) => ({
  __typename: 'Server',
  id: 's1',
  name: 'Garden Club',
  description: '',
  icon: null,
  isPrivate: false,
  memberCount: world.members.length,
  myPermissions: [],
  owner: ME,
  myMember: { __typename: 'Member', timedOutUntil: null, user: ME, roles: [] },
  roles: world.roles.map((name, i) => role(`r${i}`, name, i)),
  channels: [{ __typename: 'Channel', ...channel('c1', 'general', 'TEXT'), lastMessageId: null, lastReadMessageId: null, mentionCount: 0 }],
});

function answer(world: World, name: string | undefined): Record<string, unknown> | null {
  switch (name) {
    case 'ServerSidebar':
    case 'AdminServer':
      return { me: ME, server: serverOf(world) };
    case 'AdminMembers':
      return {
        server: {
          __typename: 'Server',
          id: 's1',
          members: world.members.map((name) => ({
            __typename: 'Member',
            nickname: null,
            timedOutUntil: null,
            user: user(name),
            roles: [],
          })),
        },
      };
    case 'AdminBans':
      return {
        bans: world.bans.map((name) => ({
          __typename: 'Ban',
          reason: null,
          createdAt: '2026-01-02T03:04:05.000Z',
          user: user(name),
          bannedBy: ME,
        })),
      };
    case 'AdminInvites':
      return {
        invites: world.invites.map((code) => ({ __typename: 'Invite', code, uses: 0, maxUses: 0, expiresAt: null, creator: ME })),
      };
    case 'AdminAuditLog':
      return {
        auditLog: world.audit.map((reason, i) => ({
          __typename: 'AuditLogEntry',
          id: `a${i}`,
          action: 'MEMBER_KICK',
          actor: ME,
          target: null,
          mentions: [],
          reason,
          changes: null,
          createdAt: '2026-01-02T03:04:05.000Z',
        })),
      };
    case 'AdminModerationQueue':
      return { moderationQueue: [] };
    case 'AdminRateLimits':
      return {
        server: {
          __typename: 'Server',
          id: 's1',
          rateLimits: {
            __typename: 'ServerRateLimits',
            channelMessageLimit: 0,
            channelMessageWindowSeconds: 10,
            serverMessageLimit: 0,
            serverMessageWindowSeconds: 10,
            escalationEnabled: false,
            escalationRefusals: 3,
            escalationWindowSeconds: 60,
            escalationTimeoutSeconds: 300,
          },
        },
      };
    case 'ExplainPermissions':
      return {
        explainPermissions: {
          __typename: 'PermissionExplanation',
          userId: null,
          roleId: 'r0',
          channelId: null,
          timedOutUntil: null,
          visibleChannelIds: ['c1'],
          decisions: [],
        },
      };
    case 'MyBots':
      return {
        myBots: [
          {
            ...user('Sprout'),
            isBot: true,
            botServers: world.bots.includes('Sprout') ? [{ __typename: 'Server', id: 's1', name: 'Garden Club' }] : [],
          },
        ],
      };
    default:
      return null;
  }
}

/**
 * The settings page with the server's sidebar beside it, as the member shell shows them (the sidebar
 * holds the server's serverEvents subscription), over the app's normalised cache.
 */
async function renderSettings(world: World) {
  const connection = new ConnectionMonitor();
  connection.set('online');
  session.api.connection = connection;
  const api = cachedApi((op) => answer(world, operationName(op)), ['ServerEvents']);
  render(
    <Provider value={api.client}>
      <ServerSidebarContainer serverId="s1" channelId={undefined} onNavigate={() => {}} />
      <SettingsPage serverId="s1" />
    </Provider>,
  );
  await screen.findByRole('heading', { name: 'Garden Club — settings' });
  let marked = 0;
  return {
    /** Opens a tab of the settings and waits for its heading. */
    open: async (tab: string, heading: string) => {
      fireEvent.mouseDown(screen.getByRole('tab', { name: tab }), { button: 0 });
      await screen.findByRole('heading', { name: heading });
    },
    mark: () => {
      marked = api.sent.length;
    },
    /** The queries of that name asked of the API since `mark`. */
    readsSinceMark: (name: string) => api.sent.slice(marked).filter((op) => op.kind === 'query' && operationName(op) === name),
    missed: () => act(() => api.push({ __typename: 'ServerEventsMissed', serverId: 's1', since: '2026-01-02T03:04:05.000Z' })),
    reconnect: () => {
      act(() => connection.set('reconnecting'));
      act(() => connection.set('online'));
    },
  };
}

const world = (): World => ({
  roles: ['@everyone', 'Helpers', 'Staff'],
  members: ['Ada', 'Bob'],
  bans: ['Mallory'],
  invites: ['garden1', 'garden2'],
  audit: ['spam'],
  bots: ['Sprout'],
});
const panel = () => screen.getByRole('tabpanel');
const selectedTab = () => screen.getByRole('tab', { selected: true }).textContent;

describe.each([
  ['ServerEventsMissed', 'missed'],
  ['a reconnect', 'reconnect'],
] as const)('the server settings after %s', (_, trigger) => {
  afterEach(cleanup);

  it('reads the roles again; the tab, the role being edited and its unsaved name stay', async () => {
    const held = world();
    const api = await renderSettings(held);
    await api.open('Roles', 'Roles');
    // The role itself, not its drag handle ("Move role Helpers").
    fireEvent.click(within(panel()).getByRole('button', { name: /^Helpers/ }));
    const name = () => within(screen.getByRole('form', { name: 'Edit role Helpers' })).getByRole('textbox', { name: 'Name' });
    fireEvent.change(name(), { target: { value: 'Gardeners' } });
    api.mark();

    // Another admin renamed Staff meanwhile; no event said so.
    held.roles = ['@everyone', 'Helpers', 'Moderators'];
    api[trigger]();
    expect(await within(panel()).findByText('Moderators')).toBeTruthy();
    expect(within(panel()).queryByText('Staff')).toBeNull();
    expect(api.readsSinceMark('AdminServer')).toHaveLength(1);
    expect(selectedTab()).toBe('Roles');
    expect((name() as HTMLInputElement).value).toBe('Gardeners');
  });

  it('reads the members again from the first page, with the role filter kept', async () => {
    const held = world();
    const api = await renderSettings(held);
    await api.open('Members', 'Members');
    expect(await within(panel()).findByText('Bob')).toBeTruthy();
    fireEvent.change(within(panel()).getByRole('combobox', { name: 'Role' }), { target: { value: 'r1' } });
    await vi.waitFor(() => expect(api.readsSinceMark('AdminMembers').at(-1)?.variables).toMatchObject({ roleId: 'r1' }));
    api.mark();

    // Bob was kicked and Carol joined.
    held.members = ['Ada', 'Carol'];
    api[trigger]();
    expect(await within(panel()).findByText('Carol')).toBeTruthy();
    expect(within(panel()).queryByText('Bob')).toBeNull();
    expect(api.readsSinceMark('AdminMembers').map((op) => op.variables)).toEqual([
      { serverId: 's1', after: null, query: null, roleId: 'r1' },
    ]);
    expect(selectedTab()).toBe('Members');
    expect((within(panel()).getByRole('combobox', { name: 'Role' }) as HTMLSelectElement).value).toBe('r1');
  });

  it('reads the bans and the invites again; the invite form keeps what was typed', async () => {
    const held = world();
    const api = await renderSettings(held);
    await api.open('Bans and invites', 'Bans');
    expect(await within(panel()).findByText('Mallory')).toBeTruthy();
    expect(await within(panel()).findByText('garden2')).toBeTruthy();
    const maxUses = () => within(panel()).getByRole('spinbutton', { name: 'Max uses (0 = unlimited)' }) as HTMLInputElement;
    fireEvent.change(maxUses(), { target: { value: '5' } });
    api.mark();

    // Trent was banned, and garden2 revoked, by another admin.
    held.bans = ['Mallory', 'Trent'];
    held.invites = ['garden1'];
    api[trigger]();
    expect(await within(panel()).findByText('Trent')).toBeTruthy();
    await vi.waitFor(() => expect(within(panel()).queryByText('garden2')).toBeNull());
    expect(api.readsSinceMark('AdminBans')).toHaveLength(1);
    expect(api.readsSinceMark('AdminInvites')).toHaveLength(1);
    expect(selectedTab()).toBe('Bans and invites');
    expect(maxUses().value).toBe('5');
  });

  it('reads the audit log page shown again, with its filter', async () => {
    const held = world();
    const api = await renderSettings(held);
    await api.open('Audit log', 'Audit log');
    expect(await within(panel()).findByText(/spam/)).toBeTruthy();
    fireEvent.change(within(panel()).getByRole('combobox', { name: 'Action' }), { target: { value: 'MEMBER_KICK' } });
    await vi.waitFor(() => expect(api.readsSinceMark('AdminAuditLog').at(-1)?.variables).toMatchObject({ action: 'MEMBER_KICK' }));
    api.mark();

    // Kicks the auditLogAdded stream never brought.
    held.audit = ['raid', 'spam'];
    api[trigger]();
    expect(await within(panel()).findByText(/raid/)).toBeTruthy();
    expect(api.readsSinceMark('AdminAuditLog').map((op) => op.variables)).toEqual([
      { serverId: 's1', before: null, action: 'MEMBER_KICK', actorId: null, bySystem: false },
    ]);
    expect(selectedTab()).toBe('Audit log');
  });

  it('reads my bots again, which the Bots tab shows with the servers each is in', async () => {
    const held = world();
    const api = await renderSettings(held);
    await api.open('Bots', 'My bots');
    const bots = () => within(panel()).getByRole('list', { name: 'Bots' });
    await vi.waitFor(() => expect(bots().textContent).toContain('in Garden Club'));
    api.mark();

    // Another admin kicked Sprout.
    held.bots = [];
    api[trigger]();
    await vi.waitFor(() => expect(bots().textContent).toContain('in no server'));
    expect(api.readsSinceMark('MyBots')).toHaveLength(1);
    expect(selectedTab()).toBe('Bots');
  });

  it.each([
    ['Overview', 'Server settings', []],
    ['Channels', 'Channels', []],
    ['Moderation queue', 'Moderation queue', ['AdminModerationQueue']],
    ['Rate limits', 'Rate limits and escalation', ['AdminRateLimits']],
    ['Permissions explainer', 'Permission explainer', ['ExplainPermissions', 'AdminMembers']],
  ])('in %s, reads what the tab shows again', async (tab, heading, queries) => {
    const api = await renderSettings(world());
    await api.open(tab, heading);
    api.mark();
    api[trigger]();
    await vi.waitFor(() => {
      for (const name of ['AdminServer', ...queries]) expect(api.readsSinceMark(name), name).toHaveLength(1);
    });
    expect(selectedTab()).toBe(tab);
  });
});
