import type { VoiceSignalType } from './voice-signalling';

export interface PeerLinkOptions {
  remoteSessionId: string;
  remoteUserId: string;
  iceServers: RTCIceServer[];
  /** Our microphone; sent only while `setSending(true)`. */
  localTrack: MediaStreamTrack;
  sending: boolean;
  hearing: boolean;
  sendSignal: (type: VoiceSignalType, payload: string) => Promise<void>;
  onConnectionState: (state: RTCPeerConnectionState) => void;
  onError: (error: unknown) => void;
}

/** A level older than this is a stream that stopped (muted): count it as silence. */
const STALE_LEVEL_MS = 400;

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
  private lastLevelStamp = 0;
  private lastLevelSeenAt = 0;
  private closed = false;

  constructor(private readonly options: PeerLinkOptions) {
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
        await this.options.sendSignal('ANSWER', JSON.stringify({ type: answer.type, sdp: answer.sdp }));
      }
    });
  }

  setSending(sending: boolean): void {
    if (this.closed) return;
    void this.sender.replaceTrack(sending ? this.options.localTrack : null).catch(this.options.onError);
  }

  setHearing(hearing: boolean): void {
    this.audio.muted = !hearing;
  }

  /** Their current audio level (0..1) from the RTP stream, 0 once packets stop arriving. */
  level(now: number): number {
    const source = this.pc.getReceivers()[0]?.getSynchronizationSources()[0];
    if (!source) return 0;
    if (source.timestamp !== this.lastLevelStamp) {
      this.lastLevelStamp = source.timestamp;
      this.lastLevelSeenAt = now;
    }
    return now - this.lastLevelSeenAt > STALE_LEVEL_MS ? 0 : (source.audioLevel ?? 0);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pc.close();
    this.audio.pause();
    this.audio.srcObject = null;
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(() => (this.closed ? undefined : task())).catch(this.options.onError);
  }
}
