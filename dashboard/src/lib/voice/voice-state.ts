import type { VoiceError } from './voice-errors';
import type { VoiceFlags } from './voice-signalling';

export type VoiceStatus = 'idle' | 'joining' | 'joined';

export interface PeerView {
  sessionId: string;
  userId: string;
  connectionState: RTCPeerConnectionState;
}

/** Everything the voice UI renders; a new object on every change (React's useSyncExternalStore). */
export interface VoiceSnapshot extends VoiceFlags {
  status: VoiceStatus;
  serverId: string | null;
  channelId: string | null;
  sessionId: string | null;
  peers: readonly PeerView[];
  /** Session ids whose audio is loud enough to count as speaking (our own included). */
  speaking: readonly string[];
  /** The connection to the API dropped: audio goes on between peers while we reconnect. */
  signallingLost: boolean;
  error: VoiceError | null;
}

export type VoiceEvent =
  | { type: 'JOIN_REQUESTED'; serverId: string; channelId: string }
  | { type: 'JOINED'; sessionId: string; channelId: string; self: VoiceFlags }
  /** A moderator moved us: a new session in another channel, with the flags it arrived with. */
  | { type: 'MOVED'; sessionId: string; channelId: string; self: VoiceFlags }
  | { type: 'FAILED'; error: VoiceError }
  | { type: 'LEFT' }
  | { type: 'ENDED'; error: VoiceError }
  /** A failure that leaves the session as it is (a refused mute update). */
  | { type: 'ERROR'; error: VoiceError }
  | { type: 'FLAGS'; flags: Partial<VoiceFlags> }
  | { type: 'PEER'; peer: PeerView }
  | { type: 'PEER_GONE'; sessionId: string }
  | { type: 'SPEAKING'; speaking: readonly string[] }
  | { type: 'SIGNALLING'; lost: boolean }
  | { type: 'DISMISS_ERROR' };

export const initialVoiceSnapshot: VoiceSnapshot = {
  status: 'idle',
  serverId: null,
  channelId: null,
  sessionId: null,
  selfMute: false,
  selfDeaf: false,
  serverMute: false,
  serverDeaf: false,
  peers: [],
  speaking: [],
  signallingLost: false,
  error: null,
};

/** The voice state machine's transitions; side effects (media, peers, API calls) live in the engine. */
export function voiceReducer(state: VoiceSnapshot, event: VoiceEvent): VoiceSnapshot {
  switch (event.type) {
    case 'JOIN_REQUESTED':
      // Self mute and deafen are the member's choice and carry over from one channel to the next.
      return { ...reset(state), status: 'joining', serverId: event.serverId, channelId: event.channelId };
    case 'JOINED':
      if (state.status !== 'joining') return state;
      return { ...state, status: 'joined', sessionId: event.sessionId, channelId: event.channelId, ...event.self };
    case 'MOVED':
      // The old channel's peers stay behind; the new channel's come as the engine offers to them.
      if (state.status !== 'joined') return state;
      return { ...state, sessionId: event.sessionId, channelId: event.channelId, ...event.self, peers: [], speaking: [] };
    case 'FAILED':
      return { ...reset(state), error: event.error };
    case 'LEFT':
      return reset(state);
    case 'ENDED':
      return state.status === 'idle' ? state : { ...reset(state), error: event.error };
    case 'ERROR':
      return { ...state, error: event.error };
    case 'FLAGS':
      return { ...state, ...event.flags };
    case 'PEER': {
      if (state.status !== 'joined') return state;
      const others = state.peers.filter((p) => p.sessionId !== event.peer.sessionId);
      const existing = state.peers.find((p) => p.sessionId === event.peer.sessionId);
      if (existing && existing.connectionState === event.peer.connectionState) return state;
      return { ...state, peers: existing ? state.peers.map((p) => (p === existing ? event.peer : p)) : [...others, event.peer] };
    }
    case 'PEER_GONE':
      if (!state.peers.some((p) => p.sessionId === event.sessionId)) return state;
      return {
        ...state,
        peers: state.peers.filter((p) => p.sessionId !== event.sessionId),
        speaking: state.speaking.filter((s) => s !== event.sessionId),
      };
    case 'SPEAKING':
      return sameMembers(state.speaking, event.speaking) ? state : { ...state, speaking: event.speaking };
    case 'SIGNALLING':
      return state.status !== 'joined' || state.signallingLost === event.lost ? state : { ...state, signallingLost: event.lost };
    case 'DISMISS_ERROR':
      return state.error ? { ...state, error: null } : state;
  }
}

function reset(state: VoiceSnapshot): VoiceSnapshot {
  return { ...initialVoiceSnapshot, selfMute: state.selfMute, selfDeaf: state.selfDeaf };
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Our microphone reaches the others only when nobody (us or a moderator) muted or deafened us. */
export function isTransmitting(state: VoiceFlags): boolean {
  return !state.selfMute && !state.selfDeaf && !state.serverMute && !state.serverDeaf;
}

/** We hear the others unless deafened, by ourselves or by a moderator. */
export function isHearing(state: VoiceFlags): boolean {
  return !state.selfDeaf && !state.serverDeaf;
}

export const peerFailed = (peer: PeerView): boolean => peer.connectionState === 'failed';
