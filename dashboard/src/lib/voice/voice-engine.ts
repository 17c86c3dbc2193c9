import { MicrophoneLevel } from './microphone-level';
import { PeerLink } from './peer-link';
import { SpeakingDetector } from './speaking-detector';
import { sessionEnded, voiceErrorFrom, type VoiceError } from './voice-errors';
import type { JoinedVoiceSession, Unsubscribe, VoiceChannelState, VoiceFlags, VoiceSignalling, VoiceStateChange } from './voice-signalling';
import { initialVoiceSnapshot, isHearing, isTransmitting, voiceReducer, type VoiceEvent, type VoiceSnapshot } from './voice-state';

export interface VoiceEngineOptions {
  signalling: VoiceSignalling;
  /** The microphone; getUserMedia by default. */
  openMicrophone?: () => Promise<MediaStream>;
  /** How often audio levels are sampled for the speaking indicator. */
  levelIntervalMs?: number;
}

interface LiveSession {
  sessionId: string;
  serverId: string;
  channelId: string;
  iceServers: RTCIceServer[];
  /** The channel's bitrate (bits/s), applied to every sender. */
  bitrate: number;
  microphone: MediaStream;
  track: MediaStreamTrack;
  meter: MicrophoneLevel;
  unsubscribes: Unsubscribe[];
  timer: ReturnType<typeof setInterval>;
  /** While the signalling connection is down: the next attempt to resume, and how many failed. */
  retry: ReturnType<typeof setTimeout> | null;
  failedResumes: number;
  /**
   * The API ended our session: until its state change tells an end from a moderator's move (and the
   * moved session's own state change tells where to), or the wait runs out and we end.
   */
  ending: { movedTo: string | null; timeout: ReturnType<typeof setTimeout> } | null;
}

/** A channel as `channelStates` reads it. */
type ChannelNow = Awaited<ReturnType<VoiceSignalling['channelStates']>>;

const MAX_RESUME_DELAY_MS = 5_000;
/** How long an ended signal stream waits for the state changes that may turn it into a move. */
const MOVE_WAIT_MS = 3_000;

/**
 * A member's voice connection in the browser: at most one channel at a time, a mesh of PeerLinks
 * (one RTCPeerConnection per other session), mute and deafen (ours and a moderator's) applied to the
 * media, speaking detected from audio levels. Framework-agnostic: React reads it through
 * `subscribe` / `getSnapshot`.
 */
export class VoiceEngine {
  private state: VoiceSnapshot = initialVoiceSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly peers = new Map<string, PeerLink>();
  private readonly detectors = new Map<string, SpeakingDetector>();
  // Sessions a moderator muted or deafened: mesh has no server to cut them off, so each listener does.
  private readonly silenced = new Set<string>();
  private live: LiveSession | null = null;
  // Bumped by every join and leave, so an older join that finishes late backs out.
  private attempt = 0;

  constructor(private readonly options: VoiceEngineOptions) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): VoiceSnapshot => this.state;

  async join(serverId: string, channelId: string): Promise<void> {
    if (this.state.status !== 'idle' && this.state.channelId === channelId) return;
    await this.leave();
    const attempt = ++this.attempt;
    this.dispatch({ type: 'JOIN_REQUESTED', serverId, channelId });
    let microphone: MediaStream | null = null;
    try {
      microphone = await this.openMicrophone();
      const joined = await this.options.signalling.join(channelId, { selfMute: this.state.selfMute, selfDeaf: this.state.selfDeaf });
      if (attempt !== this.attempt) {
        void this.options.signalling.leave(joined.sessionId).catch(() => {});
        stopTracks(microphone);
        return;
      }
      this.start(serverId, joined, microphone);
    } catch (error) {
      if (microphone) stopTracks(microphone);
      if (attempt === this.attempt) this.dispatch({ type: 'FAILED', error: voiceErrorFrom(error) });
    }
  }

  async leave(): Promise<void> {
    this.attempt += 1;
    if (this.state.status === 'idle') return;
    const sessionId = this.live?.sessionId;
    this.teardown();
    this.dispatch({ type: 'LEFT' });
    if (sessionId) await this.options.signalling.leave(sessionId).catch(() => {});
  }

  /** Unmuting also undeafens (one can't speak unheard of oneself), as in Discord. */
  setSelfMute(selfMute: boolean): void {
    this.changeSelf(selfMute || !this.state.selfDeaf ? { selfMute } : { selfMute, selfDeaf: false });
  }

  setSelfDeaf(selfDeaf: boolean): void {
    this.changeSelf({ selfDeaf });
  }

  /** Tries a failed peer connection again with an ICE restart. */
  retryPeer(sessionId: string): void {
    this.peers.get(sessionId)?.restartIce();
  }

  dismissError(): void {
    this.dispatch({ type: 'DISMISS_ERROR' });
  }

  private async openMicrophone(): Promise<MediaStream> {
    if (this.options.openMicrophone) return this.options.openMicrophone();
    if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia || typeof RTCPeerConnection === 'undefined') {
      throw Object.assign(new Error('WebRTC unavailable'), { name: 'NoWebRtcError' });
    }
    return navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
  }

  private start(serverId: string, joined: JoinedVoiceSession, microphone: MediaStream): void {
    const { levelIntervalMs = 100 } = this.options;
    const track = microphone.getAudioTracks()[0];
    if (!track) throw new Error('the microphone gave no audio track');
    this.dispatch({ type: 'JOINED', sessionId: joined.sessionId, channelId: joined.channelId, self: joined.self });
    const live: LiveSession = {
      sessionId: joined.sessionId,
      serverId,
      channelId: joined.channelId,
      iceServers: joined.iceServers,
      bitrate: joined.bitrate,
      microphone,
      track,
      meter: new MicrophoneLevel(microphone),
      unsubscribes: [],
      timer: setInterval(() => this.sampleLevels(), levelIntervalMs),
      retry: null,
      failedResumes: 0,
      ending: null,
    };
    this.live = live;
    this.detectors.set(live.sessionId, new SpeakingDetector());
    this.listen(live);
    for (const participant of joined.participants) {
      if (participant.silenced) this.silenced.add(participant.sessionId);
      this.peerFor(participant.sessionId, participant.userId).offer();
    }
  }

  private listen(live: LiveSession): void {
    const { signalling } = this.options;
    this.unlisten(live);
    live.unsubscribes.push(
      signalling.signals(
        live.sessionId,
        (signal) => this.peerFor(signal.fromSessionId, signal.fromUserId).handleSignal(signal.type, signal.payload),
        // The API ends the stream when the session ends: a moderator's disconnect or move, lost access, a timeout.
        (why) => (why === 'ended' ? this.ending(live, null) : this.lost(live)),
      ),
      signalling.stateChanges(
        live.serverId,
        (change) => this.onStateChange(live, change),
        (channelId, bitrate) => this.onBitrate(live, channelId, bitrate),
        () => void this.recheck(live),
      ),
    );
  }

  private unlisten(live: LiveSession): void {
    for (const unsubscribe of live.unsubscribes.splice(0)) unsubscribe();
  }

  /**
   * The connection to the API broke (a network drop, an API restart). Media flows peer to peer and
   * goes on; the session lives in Redis and outlasts an API restart, so we try to pick it up again.
   */
  private lost(live: LiveSession): void {
    if (this.live !== live) return;
    this.unlisten(live);
    this.dispatch({ type: 'SIGNALLING', lost: true });
    const delay = Math.min(MAX_RESUME_DELAY_MS, 500 * 2 ** live.failedResumes);
    live.retry = setTimeout(() => void this.resume(live), delay);
  }

  /**
   * Back on the session after a drop, or on the new one after a move: catch up on who left or came
   * meanwhile, our own flags and the channel's bitrate.
   */
  private async resume(live: LiveSession): Promise<void> {
    live.retry = null;
    let now: ChannelNow;
    try {
      now = await this.options.signalling.channelStates(live.channelId);
    } catch {
      live.failedResumes += 1;
      return this.lost(live);
    }
    if (this.live !== live) return;
    const own = now.states.find((s) => s.sessionId === live.sessionId);
    if (!own) return this.end(live, sessionEnded());
    live.failedResumes = 0;
    this.listen(live);
    this.dispatch({ type: 'SIGNALLING', lost: false });
    this.catchUp(live, own, now);
  }

  /**
   * The API's event bus was away (ServerEventsMissed): state changes of that time never reach us.
   * Read the channel as after a reconnect, over the same streams, which stayed up.
   */
  private async recheck(live: LiveSession): Promise<void> {
    const { sessionId, channelId } = live;
    let now: ChannelNow;
    try {
      now = await this.options.signalling.channelStates(channelId);
    } catch {
      // A broken connection shows as the signal stream's loss, whose resume reads the channel again.
      return;
    }
    // Moved, lost or gone meanwhile: what was read is of another time, and those paths catch up themselves.
    if (this.live !== live || live.sessionId !== sessionId || live.retry || live.ending) return;
    const own = now.states.find((s) => s.sessionId === sessionId);
    // Our session ended in the gap, perhaps in a moderator's move whose state change is on its way:
    // wait for it, as after the signal stream's end.
    if (!own) return this.ending(live, null);
    this.catchUp(live, own, now);
  }

  /** Our flags, the channel's bitrate and its peers as the API has them now: those gone dropped, newcomers offered to. */
  private catchUp(live: LiveSession, own: VoiceChannelState, { states, bitrate }: ChannelNow): void {
    this.changeFlags(own.flags);
    // Changed while we were away, or another channel's after a move.
    if (bitrate !== null) this.onBitrate(live, live.channelId, bitrate);
    for (const sessionId of [...this.peers.keys()]) if (!states.some((s) => s.sessionId === sessionId)) this.dropPeer(sessionId);
    for (const other of states) {
      if (other.sessionId === live.sessionId) continue;
      if (other.silenced) this.silenced.add(other.sessionId);
      else this.silenced.delete(other.sessionId);
      // Someone who joined while we were away offered into the void: this time we offer.
      if (!this.peers.has(other.sessionId)) this.peerFor(other.sessionId, other.userId).offer();
      else this.peers.get(other.sessionId)!.setHearing(this.hears(other.sessionId));
    }
  }

  private onStateChange(live: LiveSession, change: VoiceStateChange): void {
    if (this.live !== live) return;
    if (change.sessionId === live.sessionId) {
      if (change.state) this.changeFlags(change.state);
      else if (change.movedToSessionId) this.ending(live, change.movedToSessionId);
      else this.end(live, sessionEnded());
    } else if (change.state && change.channelId && change.sessionId === live.ending?.movedTo) {
      this.follow(live, change.sessionId, change.channelId, change.state);
    } else if (!change.state || change.channelId !== live.channelId) {
      this.dropPeer(change.sessionId);
    } else {
      if (change.state.serverMute || change.state.serverDeaf) this.silenced.add(change.sessionId);
      else this.silenced.delete(change.sessionId);
      this.peers.get(change.sessionId)?.setHearing(this.hears(change.sessionId));
    }
  }

  /**
   * Our session ended on the API. The signal stream's end comes first and cannot tell a move from an
   * end, so it waits for our state change; a move names the next session, whose own state change
   * (announced right after) says where we are now.
   */
  private ending(live: LiveSession, movedTo: string | null): void {
    if (this.live !== live) return;
    if (live.ending) {
      live.ending.movedTo ??= movedTo;
      return;
    }
    live.ending = { movedTo, timeout: setTimeout(() => this.end(live, sessionEnded()), MOVE_WAIT_MS) };
  }

  /**
   * A moderator moved us: the new session is ours, in the destination channel. The old channel's
   * peers are left behind; in the new one we catch up as after a reconnect, offering to everyone there.
   */
  private follow(live: LiveSession, sessionId: string, channelId: string, self: VoiceFlags): void {
    if (live.ending) clearTimeout(live.ending.timeout);
    live.ending = null;
    this.unlisten(live);
    this.closePeers();
    live.sessionId = sessionId;
    live.channelId = channelId;
    this.detectors.set(sessionId, new SpeakingDetector());
    this.dispatch({ type: 'MOVED', sessionId, channelId, self });
    void this.resume(live);
  }

  private onBitrate(live: LiveSession, channelId: string, bitrate: number): void {
    if (this.live !== live || channelId !== live.channelId || bitrate === live.bitrate) return;
    live.bitrate = bitrate;
    for (const peer of this.peers.values()) peer.setMaxBitrate(bitrate);
  }

  private peerFor(sessionId: string, userId: string): PeerLink {
    const live = this.live!;
    let peer = this.peers.get(sessionId);
    if (peer) return peer;
    const link = new PeerLink({
      remoteSessionId: sessionId,
      remoteUserId: userId,
      iceServers: live.iceServers,
      localTrack: live.track,
      maxBitrate: live.bitrate,
      sending: isTransmitting(this.state),
      hearing: this.hears(sessionId),
      sendSignal: (type, payload) => this.options.signalling.sendSignal(live.sessionId, sessionId, type, payload),
      onConnectionState: (connectionState) => {
        if (this.peers.get(sessionId) === link) this.dispatch({ type: 'PEER', peer: { sessionId, userId, connectionState } });
      },
      // A signal to a session that just left is refused: its departure arrives as a state change.
      onError: (error) => console.warn(`voice: peer ${sessionId}:`, error),
    });
    peer = link;
    this.peers.set(sessionId, peer);
    this.detectors.set(sessionId, new SpeakingDetector());
    this.dispatch({ type: 'PEER', peer: { sessionId, userId, connectionState: peer.connectionState } });
    return peer;
  }

  private hears(sessionId: string): boolean {
    return isHearing(this.state) && !this.silenced.has(sessionId);
  }

  private dropPeer(sessionId: string): void {
    this.peers.get(sessionId)?.close();
    this.peers.delete(sessionId);
    this.detectors.delete(sessionId);
    this.silenced.delete(sessionId);
    this.dispatch({ type: 'PEER_GONE', sessionId });
  }

  private changeSelf(patch: { selfMute?: boolean; selfDeaf?: boolean }): void {
    this.changeFlags(patch);
    const sessionId = this.live?.sessionId;
    if (sessionId) {
      void this.options.signalling
        .updateSelf(sessionId, patch)
        .catch((error: unknown) => this.dispatch({ type: 'ERROR', error: voiceErrorFrom(error) }));
    }
  }

  private changeFlags(flags: Partial<VoiceFlags>): void {
    this.dispatch({ type: 'FLAGS', flags });
    const sending = isTransmitting(this.state);
    for (const peer of this.peers.values()) {
      peer.setSending(sending);
      peer.setHearing(this.hears(peer.remoteSessionId));
    }
  }

  private sampleLevels(): void {
    const live = this.live;
    if (!live) return;
    const now = performance.now();
    const speaking: string[] = [];
    if (this.detectors.get(live.sessionId)?.update(isTransmitting(this.state) ? live.meter.level() : 0, now)) speaking.push(live.sessionId);
    for (const [sessionId, peer] of this.peers) {
      const level = this.silenced.has(sessionId) ? 0 : peer.level();
      if (this.detectors.get(sessionId)?.update(level, now)) speaking.push(sessionId);
    }
    this.dispatch({ type: 'SPEAKING', speaking });
  }

  /** Our session ended without us leaving: the API ended it, or the signal stream broke. */
  private end(live: LiveSession, error: VoiceError): void {
    if (this.live !== live) return;
    this.attempt += 1;
    this.teardown();
    this.dispatch({ type: 'ENDED', error });
    // After a broken stream the session may still stand, with nobody behind it: end it (refused if already gone).
    void this.options.signalling.leave(live.sessionId).catch(() => {});
  }

  private teardown(): void {
    const live = this.live;
    this.live = null;
    this.closePeers();
    if (!live) return;
    clearInterval(live.timer);
    if (live.retry) clearTimeout(live.retry);
    if (live.ending) clearTimeout(live.ending.timeout);
    this.unlisten(live);
    live.meter.close();
    stopTracks(live.microphone);
  }

  private closePeers(): void {
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.detectors.clear();
    this.silenced.clear();
  }

  private dispatch(event: VoiceEvent): void {
    const next = voiceReducer(this.state, event);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
