import { EventEmitter } from 'node:events';
import {
  JoinVoiceDocument,
  LeaveVoiceDocument,
  SendVoiceSignalDocument,
  VoiceServerEventsDocument,
  VoiceSignalsDocument,
} from '../gql/graphql.js';
import type { GraphqlConnection } from '../sdk/graphql-connection.js';
import { FRAME_SAMPLES, SAMPLE_RATE, type AudioFrame } from './audio.js';
import { MeshPeer } from './mesh-peer.js';
import { RTCAudioSource } from './wrtc.js';

export enum VoiceConnectionStatus {
  /** joinVoice sent, no session yet. */
  Joining = 'joining',
  /** Joined: offering to the participants found, answering newcomers. */
  Signalling = 'signalling',
  /** At least one peer's media is connected. */
  Connected = 'connected',
  /** The session ended (left, disconnected by a moderator, lost access). */
  Disconnected = 'disconnected',
  Destroyed = 'destroyed',
}

export interface VoiceSessionInfo {
  sessionId: string;
  channelId: string;
  serverId: string;
}

export type VoiceConnectionState =
  | { status: VoiceConnectionStatus.Joining }
  | { status: VoiceConnectionStatus.Signalling; session: VoiceSessionInfo }
  | { status: VoiceConnectionStatus.Connected; session: VoiceSessionInfo; peers: number }
  | { status: VoiceConnectionStatus.Disconnected; reason: string }
  | { status: VoiceConnectionStatus.Destroyed };

export interface ReceivedAudio extends AudioFrame {
  fromSessionId: string;
  fromUserId: string;
}

export interface VoiceConnectionEvents {
  stateChange: [oldState: VoiceConnectionState, newState: VoiceConnectionState];
  audio: [audio: ReceivedAudio];
  error: [error: unknown];
}

/**
 * A Rashigo voice session as a state machine (modelled on discord.js voice): join over the API,
 * run the mesh protocol with @roamhq/wrtc, send PCM through `play`, receive it as `audio` events.
 * Any Node program with a user or bot token can use it.
 */
export class VoiceConnection extends EventEmitter<VoiceConnectionEvents> {
  private currentState: VoiceConnectionState = { status: VoiceConnectionStatus.Joining };
  private readonly peers = new Map<string, MeshPeer>();
  private readonly source = new RTCAudioSource();
  private readonly track = this.source.createTrack();
  private readonly unsubscribes: (() => void)[] = [];
  private iceServers: RTCIceServer[] = [];
  private session: VoiceSessionInfo | null = null;
  private playback: NodeJS.Timeout | null = null;

  private constructor(private readonly api: GraphqlConnection) {
    super();
  }

  get state(): VoiceConnectionState {
    return this.currentState;
  }

  /** Joins a voice channel and starts the mesh; resolves once signalling is under way. */
  static async join(
    api: GraphqlConnection,
    serverId: string,
    channelId: string,
    options: { selfMute?: boolean; selfDeaf?: boolean } = {},
  ): Promise<VoiceConnection> {
    const connection = new VoiceConnection(api);
    await connection.start(serverId, channelId, options);
    return connection;
  }

  private async start(serverId: string, channelId: string, options: { selfMute?: boolean; selfDeaf?: boolean }): Promise<void> {
    const { joinVoice } = await this.api.request(JoinVoiceDocument, {
      channelId,
      selfMute: options.selfMute ?? false,
      selfDeaf: options.selfDeaf ?? false,
    });
    this.session = { sessionId: joinVoice.sessionId, channelId, serverId };
    this.iceServers = joinVoice.iceServers.map((s) => ({
      urls: s.urls,
      ...(s.username ? { username: s.username } : {}),
      ...(s.credential ? { credential: s.credential } : {}),
    }));
    this.listen(serverId, joinVoice.sessionId);
    this.setState({ status: VoiceConnectionStatus.Signalling, session: this.session });
    await Promise.all(joinVoice.participants.map((p) => this.peerFor(p.sessionId, p.user.id).offer()));
  }

  private listen(serverId: string, sessionId: string): void {
    this.unsubscribes.push(
      this.api.subscribe(
        VoiceSignalsDocument,
        { sessionId },
        {
          next: ({ voiceSignals: s }) =>
            void this.peerFor(s.fromSessionId, s.fromUser.id)
              .handleSignal(s.type, s.payload)
              .catch((e: unknown) => this.fail(e)),
          // The stream is refused when the session is already gone (a moderator was quicker than us).
          error: () => this.disconnect('session ended'),
          // The server ends the signal stream when our session ends.
          complete: () => this.disconnect('session ended'),
        },
      ),
      this.api.subscribe(
        VoiceServerEventsDocument,
        { serverId },
        {
          next: ({ serverEvents: e }) => {
            if (e.__typename === 'VoiceStateUpdated' && e.state === null && e.sessionId) this.dropPeer(e.sessionId);
          },
          error: (e) => this.fail(e),
        },
      ),
    );
  }

  /** 'error' is for programs that listen; an unlistened EventEmitter error would crash the process. */
  private fail(error: unknown): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  private peerFor(remoteSessionId: string, remoteUserId: string): MeshPeer {
    let peer = this.peers.get(remoteSessionId);
    if (!peer) {
      const sessionId = this.session!.sessionId;
      peer = new MeshPeer({
        remoteSessionId,
        remoteUserId,
        iceServers: this.iceServers,
        localTrack: this.track,
        sendSignal: (type, payload) =>
          this.api.request(SendVoiceSignalDocument, { sessionId, toSessionId: remoteSessionId, type, payload }).then(() => undefined),
        onAudio: (frame) => this.emit('audio', { ...frame, fromSessionId: remoteSessionId, fromUserId: remoteUserId }),
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
    if (
      !this.session ||
      this.currentState.status === VoiceConnectionStatus.Disconnected ||
      this.currentState.status === VoiceConnectionStatus.Destroyed
    )
      return;
    const connected = [...this.peers.values()].filter((p) => p.connectionState === 'connected').length;
    if (connected > 0) this.setState({ status: VoiceConnectionStatus.Connected, session: this.session, peers: connected });
    else if (this.currentState.status === VoiceConnectionStatus.Connected)
      this.setState({ status: VoiceConnectionStatus.Signalling, session: this.session });
  }

  /** Sends 10 ms frames (48 kHz mono) in real time until they run out or `stop` is called. */
  play(frames: Iterator<Int16Array>): () => void {
    this.stopPlayback();
    const started = Date.now();
    let sent = 0;
    // Catch up on timer drift: send however many frames real time says are due.
    this.playback = setInterval(() => {
      const due = Math.floor((Date.now() - started) / 10) + 1;
      while (sent < due) {
        const next = frames.next();
        if (next.done) {
          this.stopPlayback();
          return;
        }
        this.source.onData({
          samples: next.value,
          sampleRate: SAMPLE_RATE,
          bitsPerSample: 16,
          channelCount: 1,
          numberOfFrames: FRAME_SAMPLES,
        });
        sent += 1;
      }
    }, 10);
    return () => this.stopPlayback();
  }

  private stopPlayback(): void {
    if (this.playback) clearInterval(this.playback);
    this.playback = null;
  }

  /** Leaves voice and releases every peer. */
  async destroy(): Promise<void> {
    if (this.currentState.status === VoiceConnectionStatus.Destroyed) return;
    const session = this.session;
    this.teardown();
    if (session && this.currentState.status !== VoiceConnectionStatus.Disconnected) {
      await this.api.request(LeaveVoiceDocument, { sessionId: session.sessionId }).catch(() => undefined);
    }
    this.setState({ status: VoiceConnectionStatus.Destroyed });
  }

  private disconnect(reason: string): void {
    if (this.currentState.status === VoiceConnectionStatus.Disconnected || this.currentState.status === VoiceConnectionStatus.Destroyed)
      return;
    this.teardown();
    this.setState({ status: VoiceConnectionStatus.Disconnected, reason });
  }

  private teardown(): void {
    this.stopPlayback();
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.track.stop();
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
