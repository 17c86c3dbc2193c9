import type { VoiceSignalType } from './voice-signalling';

export interface PeerLinkOptions {
  remoteSessionId: string;
  remoteUserId: string;
  iceServers: RTCIceServer[];
  /** Our microphone; sent only while `setSending(true)`. */
  localTrack: MediaStreamTrack;
  /** The channel's bitrate cap (bits/s) for what we send. */
  maxBitrate: number;
  sending: boolean;
  hearing: boolean;
  sendSignal: (type: VoiceSignalType, payload: string) => Promise<void>;
  onConnectionState: (state: RTCPeerConnectionState) => void;
  onError: (error: unknown) => void;
}

/**
 * One mesh link to one remote session, with the browser's RTCPeerConnection (the same protocol as
 * bots/src/voice/mesh-peer.ts: the newcomer offers, ICE trickles both ways, candidates that arrive
 * before the remote description wait for it). Muting takes the track off the sender, so no RTP
 * flows at all; their audio plays through an audio element that deafening mutes.
 *
 * Either end may offer again later (an ICE restart here, a bot's new bitrate there), so both may
 * offer at once. As in the bots' MeshPeer ("perfect negotiation"): the end that made the link's
 * first offer keeps its offer and ignores theirs; the other takes its own back, answers theirs,
 * and then offers its ICE restart again, since the answer did not carry it. A first offer that is
 * still unanswered when theirs arrives was lost (see VoiceEngine's resume): it yields to theirs.
 */
export class PeerLink {
  private readonly pc: RTCPeerConnection;
  private readonly sender: RTCRtpSender;
  private readonly audio: HTMLAudioElement;
  private readonly pendingCandidates: RTCIceCandidateInit[] = [];
  // Signals are handled one at a time: an ICE candidate must not overtake the offer it belongs to.
  private queue: Promise<void> = Promise.resolve();
  private lastEnergy = 0;
  private lastDuration = 0;
  private currentLevel = 0;
  private closed = false;
  private maxBitrate: number;
  /** We made the link's first offer (we joined after them): our offer stands on a collision. */
  private offered = false;
  /** An offer of theirs we ignored: candidates for it are refused until their next description. */
  private ignoringOffer = false;

  constructor(private readonly options: PeerLinkOptions) {
    this.maxBitrate = options.maxBitrate;
    this.pc = new RTCPeerConnection({ iceServers: options.iceServers });
    const stream = new MediaStream([options.localTrack]);
    this.sender = this.pc.addTrack(options.localTrack, stream);
    if (!options.sending) void this.sender.replaceTrack(null);
    this.audio = new Audio();
    this.audio.autoplay = true;
    this.audio.muted = !options.hearing;
    this.pc.onicecandidate = ({ candidate }) => {
      if (!candidate || this.closed) return;
      void options.sendSignal('ICE_CANDIDATE', JSON.stringify(candidate.toJSON())).catch(options.onError);
    };
    this.pc.ontrack = ({ track, streams }) => {
      this.audio.srcObject = streams[0] ?? new MediaStream([track]);
      // Autoplay may wait for a user gesture; joining is one, so this normally plays at once.
      void this.audio.play().catch(() => {});
    };
    this.pc.onconnectionstatechange = () => options.onConnectionState(this.pc.connectionState);
  }

  get remoteSessionId(): string {
    return this.options.remoteSessionId;
  }

  get remoteUserId(): string {
    return this.options.remoteUserId;
  }

  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** We joined after them: we make the link's first offer (the contract's mesh rule). */
  offer(): void {
    this.offered = true;
    this.enqueue(() => this.sendOffer());
  }

  /** Revives a failed link: offers again with an ICE restart, whichever end first offered. */
  restartIce(): void {
    this.enqueue(() => this.sendOffer({ iceRestart: true }));
  }

  handleSignal(type: VoiceSignalType, payload: string): void {
    this.enqueue(async () => {
      const body = JSON.parse(payload) as RTCSessionDescriptionInit & RTCIceCandidateInit;
      if (type === 'ICE_CANDIDATE') {
        if (!this.pc.remoteDescription) this.pendingCandidates.push(body);
        else if (this.ignoringOffer) await this.pc.addIceCandidate(body).catch(() => {});
        else await this.pc.addIceCandidate(body);
        return;
      }
      const collision = type === 'OFFER' && this.pc.signalingState !== 'stable';
      // Our first offer unanswered means it was lost: they were away when we joined and offer on their return.
      const established = this.pc.remoteDescription !== null;
      this.ignoringOffer = collision && established && this.offered;
      if (this.ignoringOffer) return; // ours stands: they take theirs back and answer it
      if (collision) {
        await this.pc.setLocalDescription({ type: 'rollback' });
        if (!established) this.offered = false; // the link is theirs now, as if they had joined after us
      }
      await this.pc.setRemoteDescription({ type: body.type, sdp: body.sdp });
      // One that no longer fits (from an offer taken back) is left out; the rest, and the answer, still go.
      for (const candidate of this.pendingCandidates.splice(0)) await this.pc.addIceCandidate(candidate).catch(() => {});
      if (type === 'OFFER') {
        const answer = await this.pc.createAnswer();
        await this.pc.setLocalDescription(answer);
        await this.applyMaxBitrate();
        await this.options.sendSignal('ANSWER', JSON.stringify({ type: answer.type, sdp: answer.sdp }));
      }
      // The offer taken back on an established link can only have been an ICE restart: made again.
      if (collision && established) await this.sendOffer({ iceRestart: true });
    });
  }

  setSending(sending: boolean): void {
    if (this.closed) return;
    void this.sender.replaceTrack(sending ? this.options.localTrack : null).catch(this.options.onError);
  }

  /** The channel's bitrate changed: the encoder follows at once, no renegotiation needed. */
  setMaxBitrate(maxBitrate: number): void {
    this.maxBitrate = maxBitrate;
    this.enqueue(() => this.applyMaxBitrate());
  }

  setHearing(hearing: boolean): void {
    this.audio.muted = !hearing;
  }

  /**
   * Their audio level (0..1) over the time since the last call, from the inbound RTP stream's audio
   * energy: an average, so a short sound between two samples still counts; 0 while nothing arrives.
   * Reads statistics asynchronously: the value is one sampling interval late.
   */
  level(): number {
    void this.pc
      .getStats()
      .then((stats) => {
        stats.forEach((report: { type: string; kind?: string; totalAudioEnergy?: number; totalSamplesDuration?: number }) => {
          if (report.type !== 'inbound-rtp' || report.kind !== 'audio') return;
          const energy = report.totalAudioEnergy ?? 0;
          const duration = report.totalSamplesDuration ?? 0;
          const elapsed = duration - this.lastDuration;
          this.currentLevel = elapsed > 0 ? Math.sqrt(Math.max(0, energy - this.lastEnergy) / elapsed) : 0;
          this.lastEnergy = energy;
          this.lastDuration = duration;
        });
      })
      .catch(() => {});
    return this.currentLevel;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pc.close();
    this.audio.pause();
    this.audio.srcObject = null;
  }

  /**
   * Caps the audio sender's encodings at the channel's bitrate. Before the first local description
   * the sender may have no encodings yet (setParameters cannot add any), so offer and answer apply it
   * again once negotiated.
   */
  private async applyMaxBitrate(): Promise<void> {
    const parameters = this.sender.getParameters();
    if (!parameters.encodings?.length) return;
    for (const encoding of parameters.encodings) encoding.maxBitrate = this.maxBitrate;
    await this.sender.setParameters(parameters);
  }

  private async sendOffer(options: RTCOfferOptions = {}): Promise<void> {
    const offer = await this.pc.createOffer(options);
    await this.pc.setLocalDescription(offer);
    await this.applyMaxBitrate();
    await this.options.sendSignal('OFFER', JSON.stringify({ type: offer.type, sdp: offer.sdp }));
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(() => (this.closed ? undefined : task())).catch(this.options.onError);
  }
}
