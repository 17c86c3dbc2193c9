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
  /** The channel's audio bitrate (bits/s): every sender keeps under it. */
  bitrate: number;
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

/** A live session of a channel, as `channelStates` reads it. */
export interface VoiceChannelState extends VoiceParticipantRef {
  flags: VoiceFlags;
}

/** Why a signal stream stopped: the API ended it (the session is over) or the connection broke. */
export type SignalStreamEnd = 'ended' | 'lost';

/** A VoiceStateUpdated server event; `state` is null when the session left voice. */
export interface VoiceStateChange {
  sessionId: string;
  userId: string;
  channelId: string | null;
  state: VoiceFlags | null;
  /** On the end of a session a moderator moved: its successor in the destination, announced next. */
  movedToSessionId: string | null;
}

export type Unsubscribe = () => void;

export interface VoiceSignalling {
  join(channelId: string, self: { selfMute: boolean; selfDeaf: boolean }): Promise<JoinedVoiceSession>;
  leave(sessionId: string): Promise<void>;
  updateSelf(sessionId: string, patch: { selfMute?: boolean; selfDeaf?: boolean }): Promise<void>;
  sendSignal(sessionId: string, toSessionId: string, type: VoiceSignalType, payload: string): Promise<void>;
  /** The session's signal stream: `onEnd('ended')` when the API ends or refuses it, `'lost'` when the connection broke. */
  signals(sessionId: string, onSignal: (signal: IncomingVoiceSignal) => void, onEnd: (why: SignalStreamEnd) => void): Unsubscribe;
  /**
   * Voice state changes of a server, and its channels' bitrate (a moderator may change it while we
   * talk); `onMissed` when some may never arrive (the API's event bus was away: ServerEventsMissed).
   */
  stateChanges(
    serverId: string,
    onChange: (change: VoiceStateChange) => void,
    onBitrate: (channelId: string, bitrate: number) => void,
    onMissed: () => void,
  ): Unsubscribe;
  /**
   * Who is in a channel now and its bitrate, read from the API (after a reconnect, a move or missed
   * state changes); a
   * channel out of sight has nobody in it and no bitrate.
   */
  channelStates(channelId: string): Promise<{ states: VoiceChannelState[]; bitrate: number | null }>;
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
