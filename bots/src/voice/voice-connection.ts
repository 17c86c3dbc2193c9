import { EventEmitter } from 'node:events';
import type { AudioFrame } from './audio.js';
import type { IncomingSignal, JoinedVoice, VoiceSignalling, VoiceStateChange } from './signalling.js';
import { WrtcMedia, type VoiceMedia, type VoicePeer } from './voice-media.js';
import { VoiceReceiver } from './voice-receiver.js';

export enum VoiceConnectionStatus {
  /** joinVoice sent, no session yet. */
  Joining = 'joining',
  /** Joined: offering to the participants found, answering newcomers. */
  Signalling = 'signalling',
  /** At least one peer's media is connected. */
  Connected = 'connected',
  /** The API connection dropped and came back: joining again with a new session. */
  Reconnecting = 'reconnecting',
  /** The session ended: left, disconnected or moved by a moderator, or lost access. */
  Disconnected = 'disconnected',
  Destroyed = 'destroyed',
}

export interface VoiceSessionInfo {
  sessionId: string;
  channelId: string;
  serverId: string;
  /** The channel's audio bitrate (bits/s), as its moderators set it: what our encoder sends at, at most. */
  bitrate: number;
}

/** Why a session ended: "moved" and "disconnected" are a moderator's doing. */
export type DisconnectReason = 'disconnected' | 'moved' | 'join failed';

export type VoiceConnectionState =
  | { status: VoiceConnectionStatus.Joining }
  | { status: VoiceConnectionStatus.Signalling; session: VoiceSessionInfo }
  | { status: VoiceConnectionStatus.Connected; session: VoiceSessionInfo; peers: number }
  | { status: VoiceConnectionStatus.Reconnecting }
  | { status: VoiceConnectionStatus.Disconnected; reason: DisconnectReason }
  | { status: VoiceConnectionStatus.Destroyed };

export interface ReceivedAudio extends AudioFrame {
  fromSessionId: string;
  fromUserId: string;
}

export interface VoiceConnectionEvents {
  stateChange: [oldState: VoiceConnectionState, newState: VoiceConnectionState];
  audio: [audio: ReceivedAudio];
  /** Any voice state change in the connection's server (someone joined, left, was muted…). */
  voiceStateUpdate: [change: VoiceStateChange];
  /** A moderator changed our server mute or deafen. */
  serverVoiceState: [state: { serverMute: boolean; serverDeaf: boolean }];
  error: [error: unknown];
}

export interface JoinOptions {
  selfMute?: boolean;
  selfDeaf?: boolean;
  /** Where peers and outgoing audio come from; WebRTC (@roamhq/wrtc) unless a test gives a fake. */
  media?: VoiceMedia;
}

/** How long after our session ends a move to another channel is still recognised as one. */
const MOVE_GRACE_MS = 2000;

/**
 * A Rashigo voice session as a state machine (modelled on @discordjs/voice): join through the
 * signalling, run the mesh, send PCM (`sendFrame`, or an AudioPlayer through `subscribe`), hear
 * each speaker through `receiver`. Follows server mute (stops sending) and deafen (stops hearing),
 * leaves when moved or disconnected, and joins again after the API connection drops.
 */
export class VoiceConnection extends EventEmitter<VoiceConnectionEvents> {
  readonly receiver = new VoiceReceiver();
  private currentState: VoiceConnectionState = { status: VoiceConnectionStatus.Joining };
  private readonly peers = new Map<string, VoicePeer>();
  private readonly media: VoiceMedia;
  private joined: JoinedVoice | null = null;
  private stopSignals: (() => void) | null = null;
  private stopVoiceStates: (() => void) | null = null;
  private readonly stopReconnect: () => void;
  private endedAt = 0;
  /** Our user id, kept after the session ends to recognise a move. */
  private lastUserId: string | null = null;
  private muted = { serverMute: false, serverDeaf: false };
  private readonly players = new Set<{ detach(connection: VoiceConnection): void }>();

  private constructor(
    private readonly signalling: VoiceSignalling,
    private readonly channelId: string,
    private readonly options: JoinOptions,
  ) {
    super();
    this.media = options.media ?? new WrtcMedia();
    this.stopReconnect = signalling.onReconnect(() => void this.rejoin());
  }

  /** Joins a voice channel; resolves once signalling is under way (or rejects when the API refuses). */
  static async join(signalling: VoiceSignalling, channelId: string, options: JoinOptions = {}): Promise<VoiceConnection> {
    const connection = new VoiceConnection(signalling, channelId, options);
    try {
      await connection.start();
    } catch (error) {
      await connection.destroy();
      throw error;
    }
    return connection;
  }

  get state(): VoiceConnectionState {
    return this.currentState;
  }

  /** Server mute and deafen as a moderator set them. */
  get serverVoiceState(): { serverMute: boolean; serverDeaf: boolean } {
    return { ...this.muted };
  }

  /** Our own user id once joined (for telling our own voice state from others'). */
  get userId(): string | null {
    return this.joined?.userId ?? this.lastUserId;
  }

  /** One 10 ms frame of 48 kHz mono PCM to everyone; dropped while muted or not joined. */
  sendFrame(samples: Int16Array): void {
    if (this.muted.serverMute || this.options.selfMute || !this.joined) return;
    this.media.sendFrame(samples);
  }

  /** Lets an AudioPlayer send through this connection (see AudioPlayer.subscribe). */
  attach(player: { detach(connection: VoiceConnection): void }): void {
    this.players.add(player);
  }

  private async start(): Promise<void> {
    const joined = await this.signalling.join(this.channelId, {
      selfMute: this.options.selfMute ?? false,
      selfDeaf: this.options.selfDeaf ?? false,
    });
    if (this.currentState.status === VoiceConnectionStatus.Destroyed) {
      await this.signalling.leave(joined.sessionId).catch(() => undefined);
      return;
    }
    this.joined = joined;
    this.setMuted({ serverMute: joined.serverMute, serverDeaf: joined.serverDeaf });
    this.stopSignals = this.signalling.signals(joined.sessionId, {
      signal: (s) => this.onSignal(s),
      ended: () => this.sessionEnded(),
    });
    this.stopVoiceStates ??= this.signalling.voiceStates(
      joined.serverId,
      (change) => this.onVoiceState(change),
      (channelId, bitrate) => this.onBitrate(channelId, bitrate),
    );
    this.setState({ status: VoiceConnectionStatus.Signalling, session: this.session(joined) });
    await Promise.all(joined.participants.map((p) => this.peerFor(p.sessionId, p.userId).offer()));
  }

  private session(joined: JoinedVoice): VoiceSessionInfo {
    return { sessionId: joined.sessionId, channelId: joined.channelId, serverId: joined.serverId, bitrate: joined.bitrate };
  }

  private onSignal(signal: IncomingSignal): void {
    this.peerFor(signal.fromSessionId, signal.fromUserId)
      .handleSignal(signal.type, signal.payload)
      .catch((e: unknown) => this.fail(e));
  }

  private onVoiceState(change: VoiceStateChange): void {
    this.emit('voiceStateUpdate', change);
    const joined = this.joined;
    const ownUser = joined?.userId ?? this.lastUserId;
    if (joined && change.sessionId === joined.sessionId) {
      if (change.state) this.setMuted({ serverMute: change.state.serverMute, serverDeaf: change.state.serverDeaf });
      return;
    }
    // A moderator moved us: the API opened a session for us in another channel. Its announcement and
    // the end of our session travel on different streams, so either may come first.
    const movedAway =
      change.userId === ownUser &&
      change.state !== null &&
      change.channelId !== this.channelId &&
      (joined !== null || (Date.now() - this.endedAt < MOVE_GRACE_MS && this.currentState.status === VoiceConnectionStatus.Disconnected));
    if (movedAway && !(this.currentState.status === VoiceConnectionStatus.Disconnected && this.currentState.reason === 'moved')) {
      void this.signalling.leave(change.sessionId).catch(() => undefined);
      if (joined) this.lastUserId = joined.userId;
      this.teardownSession();
      this.setState({ status: VoiceConnectionStatus.Disconnected, reason: 'moved' });
      return;
    }
    if (!change.state) this.dropPeer(change.sessionId);
  }

  /** A moderator changed the channel's bitrate: every peer's encoder follows, the state says so. */
  private onBitrate(channelId: string, bitrate: number): void {
    const joined = this.joined;
    if (!joined || channelId !== joined.channelId || bitrate === joined.bitrate) return;
    this.joined = { ...joined, bitrate };
    for (const peer of this.peers.values()) peer.setMaxBitrate(bitrate).catch((e: unknown) => this.fail(e));
    const state = this.currentState;
    if (state.status === VoiceConnectionStatus.Signalling || state.status === VoiceConnectionStatus.Connected)
      this.setState({ ...state, session: this.session(this.joined) });
  }

  /** The bitrate our encoder aims at towards each peer (bits/s, by session id); null before audio flows. */
  async sendBitrates(): Promise<Map<string, number | null>> {
    const peers = [...this.peers.entries()];
    const targets = await Promise.all(peers.map(([, peer]) => peer.sendBitrate()));
    return new Map(peers.map(([sessionId], i) => [sessionId, targets[i]!]));
  }

  private sessionEnded(): void {
    if (!this.joined || this.isOver()) return;
    this.lastUserId = this.joined.userId;
    this.endedAt = Date.now();
    this.teardownSession();
    this.setState({ status: VoiceConnectionStatus.Disconnected, reason: 'disconnected' });
  }

  /** After the API connection came back: a new session in the same channel, unless we were told to leave. */
  private async rejoin(): Promise<void> {
    const status = this.currentState.status;
    if (status !== VoiceConnectionStatus.Signalling && status !== VoiceConnectionStatus.Connected) return;
    const old = this.joined;
    this.teardownSession();
    this.setState({ status: VoiceConnectionStatus.Reconnecting });
    if (old) await this.signalling.leave(old.sessionId).catch(() => undefined);
    try {
      await this.start();
    } catch (error) {
      this.fail(error);
      this.setState({ status: VoiceConnectionStatus.Disconnected, reason: 'join failed' });
    }
  }

  /** 'error' is for programs that listen; an unlistened EventEmitter error would crash the process. */
  private fail(error: unknown): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  private peerFor(remoteSessionId: string, remoteUserId: string): VoicePeer {
    let peer = this.peers.get(remoteSessionId);
    if (!peer) {
      const joined = this.joined!;
      peer = this.media.createPeer({
        remoteSessionId,
        remoteUserId,
        iceServers: joined.iceServers,
        maxBitrate: joined.bitrate,
        sendSignal: (type, payload) => this.signalling.send(joined.sessionId, remoteSessionId, type, payload),
        onAudio: (frame) => {
          if (this.muted.serverDeaf || this.options.selfDeaf) return;
          this.receiver.push(remoteUserId, frame);
          this.emit('audio', { ...frame, fromSessionId: remoteSessionId, fromUserId: remoteUserId });
        },
        onConnectionState: () => this.updateConnected(),
      });
      this.peers.set(remoteSessionId, peer);
    }
    return peer;
  }

  private dropPeer(sessionId: string): void {
    this.peers.get(sessionId)?.close();
    this.peers.delete(sessionId);
    this.updateConnected();
  }

  private updateConnected(): void {
    const joined = this.joined;
    const status = this.currentState.status;
    if (!joined || (status !== VoiceConnectionStatus.Signalling && status !== VoiceConnectionStatus.Connected)) return;
    const connected = [...this.peers.values()].filter((p) => p.connectionState === 'connected').length;
    if (connected > 0) {
      if (status !== VoiceConnectionStatus.Connected || this.currentState.peers !== connected)
        this.setState({ status: VoiceConnectionStatus.Connected, session: this.session(joined), peers: connected });
    } else if (status === VoiceConnectionStatus.Connected)
      this.setState({ status: VoiceConnectionStatus.Signalling, session: this.session(joined) });
  }

  private setMuted(next: { serverMute: boolean; serverDeaf: boolean }): void {
    if (next.serverMute === this.muted.serverMute && next.serverDeaf === this.muted.serverDeaf) return;
    this.muted = next;
    this.emit('serverVoiceState', { ...next });
  }

  /** Leaves voice and releases every peer. */
  async destroy(): Promise<void> {
    if (this.currentState.status === VoiceConnectionStatus.Destroyed) return;
    const joined = this.joined;
    this.teardownSession();
    this.stopReconnect();
    this.stopVoiceStates?.();
    this.stopVoiceStates = null;
    for (const player of this.players) player.detach(this);
    this.receiver.close();
    this.media.close();
    if (joined) await this.signalling.leave(joined.sessionId).catch(() => undefined);
    this.setState({ status: VoiceConnectionStatus.Destroyed });
  }

  private isOver(): boolean {
    const status = this.currentState.status;
    return status === VoiceConnectionStatus.Disconnected || status === VoiceConnectionStatus.Destroyed;
  }

  private teardownSession(): void {
    this.stopSignals?.();
    this.stopSignals = null;
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.joined = null;
  }

  private setState(next: VoiceConnectionState): void {
    const previous = this.currentState;
    this.currentState = next;
    this.emit('stateChange', previous, next);
  }
}

/** Resolves when the connection reaches `status`; rejects on timeout, abort, or destruction first. */
export function entersState(
  connection: VoiceConnection,
  status: VoiceConnectionStatus,
  timeoutOrSignal: number | AbortSignal,
): Promise<VoiceConnection> {
  if (connection.state.status === status) return Promise.resolve(connection);
  const signal = typeof timeoutOrSignal === 'number' ? AbortSignal.timeout(timeoutOrSignal) : timeoutOrSignal;
  return new Promise((resolve, reject) => {
    const onChange = (_old: VoiceConnectionState, next: VoiceConnectionState) => {
      if (next.status === status) finish(() => resolve(connection));
      else if (next.status === VoiceConnectionStatus.Destroyed) finish(() => reject(new Error('voice connection destroyed')));
    };
    const onAbort = () => finish(() => reject(new Error(`voice connection did not reach ${status} in time`)));
    const finish = (settle: () => void) => {
      connection.off('stateChange', onChange);
      signal.removeEventListener('abort', onAbort);
      settle();
    };
    connection.on('stateChange', onChange);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
