// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeFragmentData } from '@/gql';
import type { Permission } from '@/gql/graphql';
import { expectLocked, isDisabled } from '@/test/locked';
import { renderWithApi } from '@/test/render-with-api';
import type { VoiceEngine } from '@/lib/voice/voice-engine';
import { initialVoiceSnapshot, type VoiceSnapshot } from '@/lib/voice/voice-state';
import { VoiceModeratorFragment, VoiceParticipantFragment, VoiceParticipants } from './voice-participants';
import { VoiceEngineContext } from './voice-provider';

const quiet = { selfMute: false, selfDeaf: false, serverMute: false, serverDeaf: false };
const state = (sessionId: string, displayName: string, flags: Partial<typeof quiet> = {}, isBot = false) =>
  makeFragmentData(
    {
      __typename: 'VoiceState',
      sessionId,
      ...quiet,
      ...flags,
      user: { __typename: 'User', id: `u-${sessionId}`, displayName, avatarUrl: null, isBot },
    },
    VoiceParticipantFragment,
  );

const ME = 'u-me';
/** Each one's roles in the server: I (Alice) am at 3, Bob below me, the Radio bot above. */
const ROLES: Record<string, { id: string; position: number }[]> = {
  'u-me': [{ id: 'r3', position: 3 }],
  'u-p1': [{ id: 'r1', position: 1 }],
  'u-p2': [{ id: 'r5', position: 5 }],
};

interface Setup {
  /** My permissions in the channel. */
  permissions?: Permission[];
  /** Where I may move people (MOVE_MEMBERS there). */
  movableTo?: string[];
  ownerId?: string;
  /** The answer to a rank lookup (default: from ROLES). */
  rank?: (userId: string) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** Renders the list against an engine frozen in `snapshot` (the engine's own peers need a real browser). */
function renderWith(snapshot: Partial<VoiceSnapshot>, channelId = 'c1', setup: Setup = {}) {
  const { permissions = [], movableTo = ['c2', 'c3'], ownerId = 'u-owner' } = setup;
  const rank =
    setup.rank ??
    ((userId: string) => ({ server: { __typename: 'Server', id: 's1', member: { __typename: 'Member', roles: ROLES[userId] } } }));
  const frozen: VoiceSnapshot = { ...initialVoiceSnapshot, ...snapshot };
  const engine = {
    subscribe: () => () => {},
    getSnapshot: () => frozen,
    retryPeer: vi.fn(),
  };
  const server = makeFragmentData(
    {
      __typename: 'Server',
      id: 's1',
      owner: { __typename: 'User', id: ownerId },
      myMember: { __typename: 'Member', user: { __typename: 'User', id: ME }, roles: ROLES[ME]! },
    },
    VoiceModeratorFragment,
  );
  const destination = (id: string, name: string) => ({
    id,
    name,
    myPermissions: movableTo.includes(id) ? (['MOVE_MEMBERS'] as Permission[]) : [],
  });
  const api = renderWithApi(
    <VoiceEngineContext.Provider value={engine as unknown as VoiceEngine}>
      <VoiceParticipants
        channelId={channelId}
        channelName="Lounge"
        states={[state('me', 'Alice'), state('p1', 'Bob', { serverMute: true }), state('p2', 'Radio', {}, true)]}
        server={server}
        channelPermissions={permissions}
        moveTargets={[destination('c2', 'Studio'), destination('c3', 'Stage')]}
      />
    </VoiceEngineContext.Provider>,
    (op) => (op.kind === 'mutation' ? { moderateVoice: true } : rank(String(op.variables?.userId))),
  );
  return { ...engine, api };
}

/** Opens a participant's voice menu by keyboard; resolves once its first item is there. */
async function openMenu(name: string) {
  fireEvent.keyDown(screen.getByRole('button', { name: `Voice options for ${name}` }), { key: 'Enter' });
  return screen.findByRole('menu');
}

const ALL: Permission[] = ['MUTE_MEMBERS', 'DEAFEN_MEMBERS', 'MOVE_MEMBERS'];

const joined: Partial<VoiceSnapshot> = { status: 'joined', channelId: 'c1', sessionId: 'me' };

describe('VoiceParticipants', () => {
  afterEach(cleanup);
  // Radix menus measure themselves; jsdom has no ResizeObserver.
  beforeAll(() => {
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  });

  it('names each participant with what applies: bot, speaking, muted', () => {
    renderWith({ ...joined, speaking: ['p2'] });
    const items = screen.getAllByRole('listitem').map((li) => li.getAttribute('aria-label'));
    expect(items).toEqual(['Alice', 'Bob, muted', 'Radio, bot, speaking']);
    expect(screen.getByRole('img', { name: 'Server muted' })).toBeTruthy();
  });

  it('shows a failed peer connection with a retry that restarts that peer', () => {
    const engine = renderWith({
      ...joined,
      peers: [
        { sessionId: 'p1', userId: 'u-p1', connectionState: 'failed' },
        { sessionId: 'p2', userId: 'u-p2', connectionState: 'connected' },
      ],
    });
    expect(screen.getByRole('alert').textContent).toContain('Connection failed');
    fireEvent.click(screen.getByRole('button', { name: 'Retry the connection to Bob' }));
    expect(engine.retryPeer).toHaveBeenCalledWith('p1');
    // A connected peer shows nothing extra.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('a peer still connecting says so', () => {
    renderWith({ ...joined, peers: [{ sessionId: 'p2', userId: 'u-p2', connectionState: 'connecting' }] });
    expect(screen.getByRole('status').textContent).toBe('Connecting…');
  });

  it('in a channel the member is not in, no speaking rings or connection states', () => {
    renderWith({ ...joined, speaking: ['p2'], peers: [{ sessionId: 'p1', userId: 'u-p1', connectionState: 'failed' }] }, 'c2');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['Alice', 'Bob, muted', 'Radio, bot']);
  });

  it('offers moderators a voice menu on each participant, and nobody else', () => {
    renderWith(joined, 'c1', { permissions: ['MUTE_MEMBERS'] });
    expect(screen.getAllByRole('button', { name: /^Voice options for / })).toHaveLength(3);
    cleanup();
    renderWith(joined, 'c1', { permissions: ['SEND_MESSAGES', 'SPEAK'] });
    expect(screen.queryAllByRole('button', { name: /^Voice options for / })).toHaveLength(0);
  });

  it('a mover moves a participant to another voice channel from the menu, by keyboard', async () => {
    const { api } = renderWith(joined, 'c1', { permissions: ['MOVE_MEMBERS'] });
    await openMenu('Bob');
    const move = await screen.findByRole('menuitem', { name: 'Move to…' });
    await waitFor(() => expect(move.getAttribute('aria-haspopup')).toBe('menu'));
    fireEvent.keyDown(move, { key: 'ArrowRight' });
    expect((await screen.findAllByRole('menuitem', { name: /^St/ })).map((item) => item.textContent)).toEqual(['Studio', 'Stage']);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Studio' }));
    await waitFor(() => expect(api.mutations()).toHaveLength(1));
    expect(api.mutations()[0]!.variables).toEqual({ serverId: 's1', userId: 'u-p1', moveToChannelId: 'c2' });
  });

  it('lists only the channels I may move people into', async () => {
    renderWith(joined, 'c1', { permissions: ['MOVE_MEMBERS'], movableTo: ['c3'] });
    await openMenu('Bob');
    const move = await screen.findByRole('menuitem', { name: 'Move to…' });
    await waitFor(() => expect(move.getAttribute('aria-haspopup')).toBe('menu'));
    fireEvent.keyDown(move, { key: 'ArrowRight' });
    expect((await screen.findAllByRole('menuitem', { name: /^St/ })).map((item) => item.textContent)).toEqual(['Stage']);
  });

  it('on someone ranked at or above me every action is disabled, with the reason in the menu, and does nothing', async () => {
    const { api } = renderWith(joined, 'c1', { permissions: ALL });
    const menu = await openMenu('Radio');
    await waitFor(() => expect(within(menu).getByText('Their highest role is at or above yours.')).toBeTruthy());
    for (const name of ['Server mute', 'Server deafen', 'Move to…', 'Disconnect'])
      expectLocked(within(menu).getByRole('menuitem', { name }), 'Their highest role is at or above yours.');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Disconnect' }));
    expect(screen.getByRole('menu')).toBe(menu);
    expect(api.mutations()).toEqual([]);
    // Their rank came from the member looked up by user id (and only theirs: the menu was opened on them).
    expect(new Set(api.named('VoiceTargetRank').map((op) => JSON.stringify(op.variables)))).toEqual(
      new Set([JSON.stringify({ serverId: 's1', userId: 'u-p2' })]),
    );
  });

  it('a permission I lack in this channel disables its actions and says which', async () => {
    renderWith(joined, 'c1', { permissions: ['MUTE_MEMBERS'] });
    const menu = await openMenu('Bob');
    await waitFor(() => expect(isDisabled(within(menu).getByRole('menuitem', { name: 'Remove server mute' }))).toBe(false));
    expectLocked(within(menu).getByRole('menuitem', { name: 'Server deafen' }), 'You need Deafen members.');
    expectLocked(within(menu).getByRole('menuitem', { name: 'Move to…' }), 'You need Move members.');
    expectLocked(within(menu).getByRole('menuitem', { name: 'Disconnect' }), 'You need Move members.');
    expect(within(menu).getByText('You need Move members.')).toBeTruthy();
  });

  it('nobody moderates the owner', async () => {
    const { api } = renderWith(joined, 'c1', { permissions: ALL, ownerId: 'u-p1' });
    const menu = await openMenu('Bob');
    expectLocked(within(menu).getByRole('menuitem', { name: 'Remove server mute' }), 'The owner cannot be moderated.');
    expectLocked(within(menu).getByRole('menuitem', { name: 'Disconnect' }), 'The owner cannot be moderated.');
    expect(api.named('VoiceTargetRank')).toEqual([]);
  });

  it('I may act on myself, and the owner on anyone, without looking ranks up', async () => {
    const mine = renderWith(joined, 'c1', { permissions: ['MUTE_MEMBERS'] });
    let menu = await openMenu('Alice');
    expect(isDisabled(within(menu).getByRole('menuitem', { name: 'Server mute' }))).toBe(false);
    expect(mine.api.named('VoiceTargetRank')).toEqual([]);
    cleanup();
    const owned = renderWith(joined, 'c1', { permissions: ALL, ownerId: ME });
    menu = await openMenu('Radio');
    for (const name of ['Server mute', 'Server deafen', 'Move to…', 'Disconnect'])
      expect(isDisabled(within(menu).getByRole('menuitem', { name }))).toBe(false);
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Server deafen' }));
    await waitFor(() => expect(owned.api.mutations()).toHaveLength(1));
    expect(owned.api.mutations()[0]!.variables).toEqual({ serverId: 's1', userId: 'u-p2', serverDeaf: true });
    expect(owned.api.named('VoiceTargetRank')).toEqual([]);
  });

  it('while their rank is being looked up, the actions wait and say so', async () => {
    const { api } = renderWith(joined, 'c1', { permissions: ALL, rank: () => new Promise(() => {}) });
    const menu = await openMenu('Bob');
    expectLocked(within(menu).getByRole('menuitem', { name: 'Remove server mute' }), 'Checking their rank…');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Remove server mute' }));
    expect(api.mutations()).toEqual([]);
  });
});
