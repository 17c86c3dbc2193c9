import { afterEach, describe, expect, it, vi } from 'vitest';
import { VoiceEngine } from './voice-engine';
import type { VoiceChannelState, VoiceFlags, VoiceSignalling, VoiceStateChange } from './voice-signalling';

/** Each PeerLink the engine made, by remote session: the browser's RTCPeerConnection stays out of it. */
const { links, FakeLink } = vi.hoisted(() => {
  const links = new Map<string, InstanceType<typeof FakeLink>>();
  class FakeLink {
    offer = vi.fn();
    close = vi.fn();
    setHearing = vi.fn();
    setSending = vi.fn();
    setMaxBitrate = vi.fn();
    level = () => 0;
    connectionState = 'new';
    constructor(readonly options: { remoteSessionId: string; remoteUserId: string; maxBitrate: number; hearing: boolean }) {
      links.set(options.remoteSessionId, this);
    }
    get remoteSessionId() {
      return this.options.remoteSessionId;
    }
  }
  return { links, FakeLink };
});

vi.mock('./peer-link', () => ({ PeerLink: FakeLink }));
vi.mock('./microphone-level', () => ({
  MicrophoneLevel: class {
    level = () => 0;
    close = () => {};
  },
}));

const quiet: VoiceFlags = { selfMute: false, selfDeaf: false, serverMute: false, serverDeaf: false };
const state = (sessionId: string, flags: Partial<VoiceFlags> = {}): VoiceChannelState => ({
  sessionId,
  userId: `u-${sessionId}`,
  silenced: Boolean(flags.serverMute || flags.serverDeaf),
  flags: { ...quiet, ...flags },
});

/** An engine joined to channel c1 as session "me", with p1 and p2 already there; the API's streams held by the test. */
async function joined() {
  let onMissed = () => {};
  let onChange: (change: VoiceStateChange) => void = () => {};
  const signalling = {
    join: vi.fn(async () => ({
      sessionId: 'me',
      channelId: 'c1',
      iceServers: [],
      bitrate: 64_000,
      participants: [state('p1'), state('p2')],
      self: quiet,
    })),
    leave: vi.fn(async () => {}),
    updateSelf: vi.fn(async () => {}),
    sendSignal: vi.fn(async () => {}),
    signals: vi.fn(() => () => {}),
    stateChanges: vi.fn((_serverId: string, change: typeof onChange, _bitrate: unknown, missed: () => void) => {
      onChange = change;
      onMissed = missed;
      return () => {};
    }),
    channelStates: vi.fn<VoiceSignalling['channelStates']>(),
  };
  const track = { stop: vi.fn() };
  const microphone = { getAudioTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream;
  const engine = new VoiceEngine({ signalling, openMicrophone: async () => microphone, levelIntervalMs: 60_000 });
  await engine.join('s1', 'c1');
  expect(engine.getSnapshot().status).toBe('joined');
  expect([...links.keys()]).toEqual(['p1', 'p2']);
  return { engine, signalling, missed: () => onMissed(), change: (c: VoiceStateChange) => onChange(c) };
}

const peersOf = (engine: VoiceEngine) => engine.getSnapshot().peers.map((p) => p.sessionId);

describe('VoiceEngine after ServerEventsMissed', () => {
  afterEach(() => {
    links.clear();
    vi.useRealTimers();
  });

  it('reads the channel again: drops who left, offers to who came, applies mutes, its bitrate and our own flags', async () => {
    const { engine, signalling, missed } = await joined();
    const [p1, p2] = [links.get('p1')!, links.get('p2')!];
    // In the gap: p2 left, p3 came, a moderator muted p1 and deafened us, the bitrate went down.
    signalling.channelStates.mockResolvedValue({
      states: [state('me', { serverDeaf: true }), state('p1', { serverMute: true }), state('p3')],
      bitrate: 32_000,
    });
    missed();
    await vi.waitFor(() => expect(peersOf(engine)).toEqual(['p1', 'p3']));

    expect(signalling.channelStates).toHaveBeenCalledWith('c1');
    expect(p2.close).toHaveBeenCalled();
    expect(links.get('p3')!.offer).toHaveBeenCalledTimes(1);
    expect(p1.offer).toHaveBeenCalledTimes(1); // offered once, at the join: an existing link is kept
    expect(p1.close).not.toHaveBeenCalled();
    expect(p1.setHearing).toHaveBeenLastCalledWith(false);
    expect(p1.setMaxBitrate).toHaveBeenLastCalledWith(32_000);
    expect(engine.getSnapshot()).toMatchObject({ status: 'joined', serverDeaf: true, signallingLost: false });
    // The streams stayed up: nothing subscribed again.
    expect(signalling.stateChanges).toHaveBeenCalledTimes(1);
    expect(signalling.signals).toHaveBeenCalledTimes(1);
    await engine.leave();
  });

  it('a session gone in the gap ends once no move names its successor', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { engine, signalling, missed } = await joined();
    signalling.channelStates.mockResolvedValue({ states: [state('p1')], bitrate: 64_000 });
    missed();
    await vi.waitFor(() => expect(signalling.channelStates).toHaveBeenCalled());
    await Promise.resolve();
    // Not at once: a moderator's move of us may be announced right after.
    expect(engine.getSnapshot().status).toBe('joined');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(engine.getSnapshot()).toMatchObject({ status: 'idle', error: expect.anything() });
    expect(links.get('p1')!.close).toHaveBeenCalled();
    expect(signalling.leave).toHaveBeenCalledWith('me');
  });

  it('a move announced after the missed read is followed, not ended', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { engine, signalling, missed, change } = await joined();
    signalling.channelStates.mockResolvedValueOnce({ states: [state('p1')], bitrate: 64_000 });
    missed();
    await vi.waitFor(() => expect(signalling.channelStates).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    // The new session in c2, where p9 is.
    signalling.channelStates.mockResolvedValueOnce({ states: [state('me2'), state('p9')], bitrate: 64_000 });
    change({ sessionId: 'me', userId: 'u-me', channelId: null, state: null, movedToSessionId: 'me2' });
    change({ sessionId: 'me2', userId: 'u-me', channelId: 'c2', state: quiet, movedToSessionId: null });
    await vi.waitFor(() => expect(peersOf(engine)).toEqual(['p9']));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(engine.getSnapshot()).toMatchObject({ status: 'joined', channelId: 'c2', sessionId: 'me2' });
    await engine.leave();
  });
});
