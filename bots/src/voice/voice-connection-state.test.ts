import { describe, expect, it } from 'vitest';
import type { IncomingSignal, JoinedVoice, SignalType, VoiceSignalling, VoiceStateChange } from './signalling.js';
import { VoiceConnection, VoiceConnectionStatus, type VoiceConnectionState } from './voice-connection.js';
import type { PeerOptions, VoiceMedia, VoicePeer } from './voice-media.js';

/** Signalling that records what the connection asks and lets the test play the API's part. */
class FakeSignalling implements VoiceSignalling {
  joins: string[] = [];
  left: string[] = [];
  sent: { to: string; type: SignalType }[] = [];
  private sessions = 0;
  private signalHandlers = new Map<string, { signal: (s: IncomingSignal) => void; ended: () => void }>();
  private stateHandler: ((c: VoiceStateChange) => void) | null = null;
  private bitrateHandler: ((channelId: string, bitrate: number) => void) | null = null;
  private reconnectHandler: (() => void) | null = null;
  participants: { sessionId: string; userId: string }[] = [{ sessionId: 'p1', userId: 'alice' }];
  serverMute = false;

  async join(channelId: string): Promise<JoinedVoice> {
    this.joins.push(channelId);
    this.sessions += 1;
    return {
      sessionId: `s${this.sessions}`,
      userId: 'bot',
      channelId,
      serverId: 'srv',
      bitrate: 64_000,
      iceServers: [],
      serverMute: this.serverMute,
      serverDeaf: false,
      participants: this.participants,
    };
  }
  async leave(sessionId: string) {
    this.left.push(sessionId);
  }
  async send(_from: string, to: string, type: SignalType) {
    this.sent.push({ to, type });
  }
  signals(sessionId: string, handlers: { signal: (s: IncomingSignal) => void; ended: () => void }) {
    this.signalHandlers.set(sessionId, handlers);
    return () => this.signalHandlers.delete(sessionId);
  }
  voiceStates(_serverId: string, handler: (c: VoiceStateChange) => void, onBitrate: (channelId: string, bitrate: number) => void) {
    this.stateHandler = handler;
    this.bitrateHandler = onBitrate;
    return () => (this.stateHandler = this.bitrateHandler = null);
  }
  onReconnect(handler: () => void) {
    this.reconnectHandler = handler;
    return () => (this.reconnectHandler = null);
  }
  // The API's side:
  end(sessionId: string) {
    this.signalHandlers.get(sessionId)?.ended();
  }
  signal(sessionId: string, s: IncomingSignal) {
    this.signalHandlers.get(sessionId)?.signal(s);
  }
  voiceState(change: VoiceStateChange) {
    this.stateHandler?.(change);
  }
  channelBitrate(channelId: string, bitrate: number) {
    this.bitrateHandler?.(channelId, bitrate);
  }
  reconnect() {
    this.reconnectHandler?.();
  }
}

class FakePeer implements VoicePeer {
  connectionState: RTCPeerConnectionState = 'new';
  offered = false;
  handled: SignalType[] = [];
  closed = false;
  constructor(readonly options: PeerOptions) {}
  async offer() {
    this.offered = true;
    await this.options.sendSignal('OFFER', '{}');
  }
  async handleSignal(type: SignalType) {
    this.handled.push(type);
  }
  bitrates: number[] = [];
  async setMaxBitrate(bitsPerSecond: number) {
    this.bitrates.push(bitsPerSecond);
  }
  async sendBitrate() {
    return this.bitrates.at(-1) ?? this.options.maxBitrate;
  }
  close() {
    this.closed = true;
  }
  connect() {
    this.connectionState = 'connected';
    this.options.onConnectionState('connected');
  }
}

class FakeMedia implements VoiceMedia {
  peers: FakePeer[] = [];
  frames = 0;
  closed = false;
  createPeer(options: PeerOptions) {
    const peer = new FakePeer(options);
    this.peers.push(peer);
    return peer;
  }
  sendFrame() {
    this.frames += 1;
  }
  close() {
    this.closed = true;
  }
}

async function joined() {
  const signalling = new FakeSignalling();
  const media = new FakeMedia();
  const states: VoiceConnectionState[] = [];
  const connection = await VoiceConnection.join(signalling, 'voice-1', { media });
  connection.on('stateChange', (_old, next) => void states.push(next));
  return { signalling, media, connection, states };
}

const frame = new Int16Array(480);

describe('VoiceConnection state machine (fake signalling and media)', () => {
  it('joins, offers to those already there, answers newcomers, and is Connected once a peer is', async () => {
    const { signalling, media, connection, states } = await joined();
    expect(connection.state).toMatchObject({
      status: VoiceConnectionStatus.Signalling,
      session: { sessionId: 's1', channelId: 'voice-1' },
    });
    expect(media.peers[0]!.offered).toBe(true);
    expect(signalling.sent).toEqual([{ to: 'p1', type: 'OFFER' }]);

    signalling.signal('s1', { fromSessionId: 'p2', fromUserId: 'bob', type: 'OFFER', payload: '{}' });
    expect(media.peers).toHaveLength(2);
    await Promise.resolve();
    expect(media.peers[1]!.handled).toEqual(['OFFER']);

    media.peers[0]!.connect();
    expect(states.at(-1)).toMatchObject({ status: VoiceConnectionStatus.Connected, peers: 1 });
    // The peer leaves voice: back to Signalling.
    signalling.voiceState({ sessionId: 'p1', userId: 'alice', channelId: null, state: null });
    expect(media.peers[0]!.closed).toBe(true);
    expect(connection.state.status).toBe(VoiceConnectionStatus.Signalling);
    await connection.destroy();
    expect(signalling.left).toEqual(['s1']);
    expect(connection.state.status).toBe(VoiceConnectionStatus.Destroyed);
    expect(media.closed).toBe(true);
  });

  it('follows server mute: frames stop while muted and flow again after', async () => {
    const { signalling, media, connection } = await joined();
    const changes: boolean[] = [];
    connection.on('serverVoiceState', (s) => void changes.push(s.serverMute));
    connection.sendFrame(frame);
    signalling.voiceState({ sessionId: 's1', userId: 'bot', channelId: 'voice-1', state: { serverMute: true, serverDeaf: false } });
    connection.sendFrame(frame);
    signalling.voiceState({ sessionId: 's1', userId: 'bot', channelId: 'voice-1', state: { serverMute: false, serverDeaf: false } });
    connection.sendFrame(frame);
    expect(media.frames).toBe(2);
    expect(changes).toEqual([true, false]);
    await connection.destroy();
  });

  it('joined without SPEAK (server-muted) sends nothing', async () => {
    const signalling = new FakeSignalling();
    signalling.serverMute = true;
    const media = new FakeMedia();
    const connection = await VoiceConnection.join(signalling, 'voice-1', { media });
    connection.sendFrame(frame);
    expect(media.frames).toBe(0);
    await connection.destroy();
  });

  it('disconnected by a moderator: Disconnected("disconnected"), peers closed', async () => {
    const { signalling, media, connection } = await joined();
    signalling.end('s1');
    expect(connection.state).toEqual({ status: VoiceConnectionStatus.Disconnected, reason: 'disconnected' });
    expect(media.peers[0]!.closed).toBe(true);
    await connection.destroy();
    // Its session is already gone: destroy does not leave it again.
    expect(signalling.left).toEqual([]);
  });

  it('moved by a moderator: leaves the new session at once, Disconnected("moved")', async () => {
    const { signalling, connection } = await joined();
    signalling.end('s1');
    signalling.voiceState({ sessionId: 'moved-1', userId: 'bot', channelId: 'voice-2', state: { serverMute: false, serverDeaf: false } });
    expect(connection.state).toEqual({ status: VoiceConnectionStatus.Disconnected, reason: 'moved' });
    expect(signalling.left).toEqual(['moved-1']);
    await connection.destroy();
  });

  it('moved, with the new session announced before ours ends: the same', async () => {
    const { signalling, connection } = await joined();
    signalling.voiceState({ sessionId: 'moved-1', userId: 'bot', channelId: 'voice-2', state: { serverMute: false, serverDeaf: false } });
    signalling.end('s1');
    expect(connection.state).toEqual({ status: VoiceConnectionStatus.Disconnected, reason: 'moved' });
    expect(signalling.left).toEqual(['moved-1']);
    await connection.destroy();
    expect(signalling.left).toEqual(['moved-1']);
  });

  it('after the API connection drops and returns: leaves the old session and joins again', async () => {
    const { signalling, connection, states } = await joined();
    signalling.reconnect();
    await new Promise((resolve) => setImmediate(resolve));
    expect(states.map((s) => s.status)).toEqual([VoiceConnectionStatus.Reconnecting, VoiceConnectionStatus.Signalling]);
    expect(signalling.left).toEqual(['s1']);
    expect(signalling.joins).toEqual(['voice-1', 'voice-1']);
    expect(connection.state).toMatchObject({ session: { sessionId: 's2' } });
    await connection.destroy();
  });

  it('a disconnected connection does not rejoin on reconnect', async () => {
    const { signalling, connection } = await joined();
    signalling.end('s1');
    signalling.reconnect();
    await new Promise((resolve) => setImmediate(resolve));
    expect(signalling.joins).toEqual(['voice-1']);
    await connection.destroy();
  });

  it("follows its channel's bitrate: every peer's encoder, the state, and peers made later", async () => {
    const { signalling, media, connection, states } = await joined();
    expect(media.peers[0]!.options.maxBitrate).toBe(64_000);
    signalling.channelBitrate('voice-2', 8_000); // another channel's: nothing changes
    signalling.channelBitrate('voice-1', 64_000); // the same bitrate: nothing to do
    expect(media.peers[0]!.bitrates).toEqual([]);
    expect(states).toEqual([]);

    signalling.channelBitrate('voice-1', 24_000);
    expect(media.peers[0]!.bitrates).toEqual([24_000]);
    expect(connection.state).toMatchObject({ status: VoiceConnectionStatus.Signalling, session: { bitrate: 24_000 } });
    signalling.signal('s1', { fromSessionId: 'p2', fromUserId: 'bob', type: 'OFFER', payload: '{}' });
    expect(media.peers[1]!.options.maxBitrate).toBe(24_000);
    expect(await connection.sendBitrates()).toEqual(
      new Map([
        ['p1', 24_000],
        ['p2', 24_000],
      ]),
    );
    await connection.destroy();
  });
});
