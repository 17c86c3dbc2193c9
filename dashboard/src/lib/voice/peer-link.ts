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

  /** We joined after them: we offer. Again with an ICE restart to revive a failed link. */
  offer(options: RTCOfferOptions = {}): void {
    this.enqueue(async () => {
      const offer = await this.pc.createOffer(options);
      await this.pc.setLocalDescription(offer);
      await this.applyMaxBitrate();
      await this.options.sendSignal('OFFER', JSON.stringify({ type: offer.type, sdp: offer.sdp }));
    });
  }

  handleSignal(type: VoiceSignalType, payload: string): void {
    this.enqueue(async () => {
      const body = JSON.parse(payload) as RTCSessionDescriptionInit & RTCIceCandidateInit;
      if (type === 'ICE_CANDIDATE') {
        if (this.pc.remoteDescription) await this.pc.addIceCandidate(body);
        else this.pendingCandidates.push(body);
        return;
      }
      await this.pc.setRemoteDescription({ type: body.type, sdp: body.sdp });
      for (const candidate of this.pendingCandidates.splice(0)) await this.pc.addIceCandidate(candidate);
      if (type === 'OFFER') {
        const answer = await this.pc.createAnswer();
        await this.pc.setLocalDescription(answer);
        await this.applyMaxBitrate();
        await this.options.sendSignal('ANSWER', JSON.stringify({ type: answer.type, sdp: answer.sdp }));
      }
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

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(() => (this.closed ? undefined : task())).catch(this.options.onError);
  }
}
