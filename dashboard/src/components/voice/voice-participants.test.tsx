// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeFragmentData } from '@/gql';
import { renderWithApi } from '@/test/render-with-api';
import type { VoiceEngine } from '@/lib/voice/voice-engine';
import { initialVoiceSnapshot, type VoiceSnapshot } from '@/lib/voice/voice-state';
import { VoiceParticipantFragment, VoiceParticipants } from './voice-participants';
import { VoiceEngineContext } from './voice-provider';

const quiet = { selfMute: false, selfDeaf: false, serverMute: false, serverDeaf: false };
const state = (sessionId: string, displayName: string, flags: Partial<typeof quiet> = {}, isBot = false) =>
  makeFragmentData(
    { __typename: 'VoiceState', sessionId, ...quiet, ...flags, user: { __typename: 'User', id: `u-${sessionId}`, displayName, isBot } },
    VoiceParticipantFragment,
  );

/** Renders the list against an engine frozen in `snapshot` (the engine's own peers need a real browser). */
function renderWith(snapshot: Partial<VoiceSnapshot>, channelId = 'c1', permissions: string[] = []) {
  const frozen: VoiceSnapshot = { ...initialVoiceSnapshot, ...snapshot };
  const engine = {
    subscribe: () => () => {},
    getSnapshot: () => frozen,
    retryPeer: vi.fn(),
  };
  const api = renderWithApi(
    <VoiceEngineContext.Provider value={engine as unknown as VoiceEngine}>
      <VoiceParticipants
        channelId={channelId}
        channelName="Lounge"
        states={[state('me', 'Alice'), state('p1', 'Bob', { serverMute: true }), state('p2', 'Radio', {}, true)]}
        serverId="s1"
        permissions={permissions}
        moveTargets={[
          { id: 'c2', name: 'Studio' },
          { id: 'c3', name: 'Stage' },
        ]}
      />
    </VoiceEngineContext.Provider>,
    () => ({ moderateVoice: true }),
  );
  return { ...engine, api };
}

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
    renderWith(joined, 'c1', ['MUTE_MEMBERS']);
    expect(screen.getAllByRole('button', { name: /^Voice options for / })).toHaveLength(3);
    cleanup();
    renderWith(joined, 'c1', ['SEND_MESSAGES', 'SPEAK']);
    expect(screen.queryAllByRole('button', { name: /^Voice options for / })).toHaveLength(0);
  });

  it('a mover moves a participant to another voice channel from the menu, by keyboard', async () => {
    const { api } = renderWith(joined, 'c1', ['MOVE_MEMBERS']);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Voice options for Bob' }), { key: 'Enter' });
    fireEvent.keyDown(await screen.findByRole('menuitem', { name: 'Move to…' }), { key: 'ArrowRight' });
    expect((await screen.findAllByRole('menuitem', { name: /^St/ })).map((item) => item.textContent)).toEqual(['Studio', 'Stage']);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Studio' }));
    await waitFor(() => expect(api.mutations()).toHaveLength(1));
    expect(api.mutations()[0]!.variables).toEqual({ serverId: 's1', userId: 'u-p1', moveToChannelId: 'c2' });
  });

  it('without Move members there is no move', async () => {
    renderWith(joined, 'c1', ['MUTE_MEMBERS']);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Voice options for Bob' }), { key: 'Enter' });
    await screen.findByRole('menuitem', { name: 'Remove server mute' });
    expect(screen.queryByRole('menuitem', { name: 'Move to…' })).toBeNull();
  });
});
