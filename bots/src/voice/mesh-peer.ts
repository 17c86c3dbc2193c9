import { RTCAudioSink, RTCPeerConnection, type AudioSink, type PeerConnection } from './wrtc.js';
import wrtc from '@roamhq/wrtc';
import type { AudioFrame } from './audio.js';
import { withOpusMaxBitrate } from './opus-bitrate.js';
import type { SignalType } from './signalling.js';

export interface MeshPeerOptions {
  remoteSessionId: string;
  remoteUserId: string;
  iceServers: RTCIceServer[];
  localTrack: MediaStreamTrack;
  /** The channel's bitrate (bits/s): what our encoder sends at, at most. */
  maxBitrate: number;
  sendSignal: (type: SignalType, payload: string) => Promise<void>;
  onAudio: (frame: AudioFrame) => void;
  onConnectionState: (state: RTCPeerConnectionState) => void;
}

/**
 * One side of a mesh link to one remote session: our audio goes out on a sendrecv track, theirs
 * comes back through an audio sink. ICE trickles both ways; candidates that arrive before the
 * remote description are held until it is set. Signals are handled one at a time, in order.
 *
 * The channel's bitrate reaches our encoder through every remote description we apply (see
 * opus-bitrate.ts), so a new bitrate takes a new offer and answer. Both ends may offer at once
 * (two bots following the same change): the end that answered first (polite, as in WebRTC's
 * "perfect negotiation") takes its offer back and answers theirs; the other ignores theirs. A first
 * offer still unanswered when theirs arrives was lost (they were away when we joined, and offer on
 * their return): it yields to theirs.
 */
export class MeshPeer {
  private readonly pc: PeerConnection;
  private readonly pendingCandidates: RTCIceCandidateInit[] = [];
  private sink: AudioSink | null = null;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();
  private maxBitrate: number;
  /** We made the link's first offer (we joined after them): we hold our offer on a collision. */
  private offered = false;

  constructor(private readonly options: MeshPeerOptions) {
    this.maxBitrate = options.maxBitrate;
    this.pc = new RTCPeerConnection({ iceServers: options.iceServers });
    this.pc.addTrack(options.localTrack, new wrtc.MediaStream([options.localTrack]));
    this.pc.onicecandidate = ({ candidate }) => {
      if (!candidate || this.closed) return;
      const init: RTCIceCandidateInit = {
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid,
        sdpMLineIndex: candidate.sdpMLineIndex,
      };
      void options.sendSignal('ICE_CANDIDATE', JSON.stringify(init)).catch(() => {});
    };
    this.pc.ontrack = ({ track }) => {
      // A sink made after close would never be stopped (and wrtc crashes finalising it at exit).
      if (this.closed) return;
      this.sink?.stop();
      this.sink = new RTCAudioSink(track);
      this.sink.ondata = (data: AudioFrame) => options.onAudio(data);
    };
    this.pc.onconnectionstatechange = () => options.onConnectionState(this.pc.connectionState);
  }

  get remoteSessionId(): string {
    return this.options.remoteSessionId;
  }

  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** We joined after them: we offer (the contract's mesh rule). */
  offer(): Promise<void> {
    this.offered = true;
    return this.enqueue(() => this.sendOffer());
  }

  handleSignal(type: SignalType, payload: string): Promise<void> {
    return this.enqueue(async () => {
      const body = JSON.parse(payload) as RTCSessionDescriptionInit & RTCIceCandidateInit;
      if (type === 'ICE_CANDIDATE') {
        if (this.pc.remoteDescription) await this.pc.addIceCandidate(body);
        else this.pendingCandidates.push(body);
        return;
      }
      if (type === 'OFFER' && this.pc.signalingState === 'have-local-offer') {
        // Our first offer unanswered means it was lost: they were away when we joined and offer on their return.
        const established = this.pc.remoteDescription !== null;
        if (established && this.offered) return; // a collision: ours stands, they answer it
        await this.pc.setLocalDescription({ type: 'rollback' });
        if (!established) this.offered = false; // the link is theirs now, as if they had joined after us
      }
      await this.pc.setRemoteDescription({ type: body.type, sdp: withOpusMaxBitrate(body.sdp ?? '', this.maxBitrate) });
      // One that no longer fits (from an offer taken back) is left out; the rest, and the answer, still go.
      for (const candidate of this.pendingCandidates.splice(0)) await this.pc.addIceCandidate(candidate).catch(() => {});
      if (type === 'OFFER') {
        const answer = await this.pc.createAnswer();
        await this.pc.setLocalDescription(answer);
        await this.options.sendSignal('ANSWER', JSON.stringify({ type: answer.type, sdp: answer.sdp }));
      }
    });
  }

  /**
   * The channel's bitrate changed: offer again, so the answer brings it to our encoder. Before the
   * first exchange is done, or while an offer of ours waits for its answer, the description still
   * to come carries it.
   */
  setMaxBitrate(bitsPerSecond: number): Promise<void> {
    this.maxBitrate = bitsPerSecond;
    return this.enqueue(async () => {
      if (this.pc.remoteDescription && this.pc.signalingState === 'stable') await this.sendOffer();
    });
  }

  /** The bitrate our encoder aims at towards this peer (bits/s), once audio flows. */
  async sendBitrate(): Promise<number | null> {
    let target: number | null = null;
    (await this.pc.getStats()).forEach((report: { type: string; kind?: string; targetBitrate?: number }) => {
      if (report.type === 'outbound-rtp' && report.kind === 'audio' && report.targetBitrate) target = report.targetBitrate;
    });
    return target;
  }

  private async sendOffer(): Promise<void> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    await this.options.sendSignal('OFFER', JSON.stringify({ type: offer.type, sdp: offer.sdp }));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(() => (this.closed ? undefined : task()));
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sink?.stop();
    this.sink = null;
    this.pc.ontrack = null;
    this.pc.onicecandidate = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
  }
}
