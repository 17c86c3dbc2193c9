import { RTCAudioSink, RTCPeerConnection, type AudioSink, type PeerConnection } from './wrtc.js';
import wrtc from '@roamhq/wrtc';
import type { AudioFrame } from './audio.js';

import type { SignalType } from './signalling.js';

export interface MeshPeerOptions {
  remoteSessionId: string;
  remoteUserId: string;
  iceServers: RTCIceServer[];
  localTrack: MediaStreamTrack;
  sendSignal: (type: SignalType, payload: string) => Promise<void>;
  onAudio: (frame: AudioFrame) => void;
  onConnectionState: (state: RTCPeerConnectionState) => void;
}

/**
 * One side of a mesh link to one remote session: our audio goes out on a sendrecv track, theirs
 * comes back through an audio sink. ICE trickles both ways; candidates that arrive before the
 * remote description are held until it is set.
 */
export class MeshPeer {
  private readonly pc: PeerConnection;
  private readonly pendingCandidates: RTCIceCandidateInit[] = [];
  private sink: AudioSink | null = null;
  private closed = false;

  constructor(private readonly options: MeshPeerOptions) {
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
  async offer(): Promise<void> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    await this.options.sendSignal('OFFER', JSON.stringify({ type: offer.type, sdp: offer.sdp }));
  }

  async handleSignal(type: SignalType, payload: string): Promise<void> {
    if (this.closed) return;
    const body = JSON.parse(payload) as RTCSessionDescriptionInit & RTCIceCandidateInit;
    if (type === 'ICE_CANDIDATE') {
      if (this.pc.remoteDescription) await this.pc.addIceCandidate(body);
      else this.pendingCandidates.push(body);
      return;
    }
    await this.pc.setRemoteDescription(body);
    for (const candidate of this.pendingCandidates.splice(0)) await this.pc.addIceCandidate(candidate);
    if (type === 'OFFER') {
      const answer = await this.pc.createAnswer();
      await this.pc.setLocalDescription(answer);
      await this.options.sendSignal('ANSWER', JSON.stringify({ type: answer.type, sdp: answer.sdp }));
    }
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
