/** What the voice engine needs from the API, so it knows nothing of GraphQL (implemented over urql). */

export type VoiceSignalType = 'OFFER' | 'ANSWER' | 'ICE_CANDIDATE';

export interface VoiceFlags {
  selfMute: boolean;
  selfDeaf: boolean;
  serverMute: boolean;
  serverDeaf: boolean;
}

export interface VoiceParticipantRef {
  sessionId: string;
  userId: string;
  /** A moderator muted or deafened them: we do not play them even if their client still sends. */
  silenced: boolean;
}

export interface JoinedVoiceSession {
  sessionId: string;
  channelId: string;
  iceServers: RTCIceServer[];
  /** The others already in the channel: we offer to each (the contract's mesh rule). */
  participants: VoiceParticipantRef[];
  /** Our own state as the API stored it (server-muted without SPEAK or by a moderator). */
  self: VoiceFlags;
}

export interface IncomingVoiceSignal {
  fromSessionId: string;
  fromUserId: string;
  type: VoiceSignalType;
  payload: string;
}

/** A VoiceStateUpdated server event; `state` is null when the session left voice. */
export interface VoiceStateChange {
  sessionId: string;
  userId: string;
  channelId: string | null;
  state: VoiceFlags | null;
}

export type Unsubscribe = () => void;

export interface VoiceSignalling {
  join(channelId: string, self: { selfMute: boolean; selfDeaf: boolean }): Promise<JoinedVoiceSession>;
  leave(sessionId: string): Promise<void>;
  updateSelf(sessionId: string, patch: { selfMute?: boolean; selfDeaf?: boolean }): Promise<void>;
  sendSignal(sessionId: string, toSessionId: string, type: VoiceSignalType, payload: string): Promise<void>;
  /** The session's signal stream; `onEnd` when the API ends it (the session ended) or refuses it. */
  signals(sessionId: string, onSignal: (signal: IncomingVoiceSignal) => void, onEnd: () => void): Unsubscribe;
  stateChanges(serverId: string, onChange: (change: VoiceStateChange) => void): Unsubscribe;
}

/** An API refusal, carrying `extensions` (code, permission, userLimit) for the error messages. */
export class VoiceRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly meta: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'VoiceRequestError';
  }
}
