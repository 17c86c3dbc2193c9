import { MeshPeer } from './mesh-peer.js';
import type { SignalType } from './signalling.js';
import { RTCAudioSource } from './wrtc.js';
import { FRAME_SAMPLES, SAMPLE_RATE, type AudioFrame } from './audio.js';

/** One WebRTC link to one remote session. */
export interface VoicePeer {
  readonly connectionState: RTCPeerConnectionState;
  offer(): Promise<void>;
  handleSignal(type: SignalType, payload: string): Promise<void>;
  /** The channel's bitrate changed (bits/s): what we send follows. */
  setMaxBitrate(bitsPerSecond: number): Promise<void>;
  /** The bitrate our encoder aims at towards this peer (bits/s); null before audio flows. */
  sendBitrate(): Promise<number | null>;
  close(): void;
}

export interface PeerOptions {
  remoteSessionId: string;
  remoteUserId: string;
  iceServers: RTCIceServer[];
  /** The channel's bitrate (bits/s) at the peer's creation. */
  maxBitrate: number;
  sendSignal: (type: SignalType, payload: string) => Promise<void>;
  onAudio: (frame: AudioFrame) => void;
  onConnectionState: (state: RTCPeerConnectionState) => void;
}

/** Where peers and outgoing audio come from: WebRTC for real, a fake in unit tests. */
export interface VoiceMedia {
  createPeer(options: PeerOptions): VoicePeer;
  /** One 10 ms frame of 48 kHz mono PCM to every peer. */
  sendFrame(samples: Int16Array): void;
  close(): void;
}

/** @roamhq/wrtc: one outgoing audio track shared by every peer of the mesh. */
export class WrtcMedia implements VoiceMedia {
  private readonly source = new RTCAudioSource();
  private readonly track = this.source.createTrack();

  createPeer(options: PeerOptions): VoicePeer {
    return new MeshPeer({ ...options, localTrack: this.track });
  }

  sendFrame(samples: Int16Array): void {
    this.source.onData({ samples, sampleRate: SAMPLE_RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: FRAME_SAMPLES });
  }

  close(): void {
    this.track.stop();
  }
}
