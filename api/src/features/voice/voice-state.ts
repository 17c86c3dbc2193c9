/** A live voice session, as stored in Redis and published (JSON-safe). */
export interface VoiceStateView {
  sessionId: string;
  userId: string;
  channelId: string;
  serverId: string;
  selfMute: boolean;
  selfDeaf: boolean;
  serverMute: boolean;
  serverDeaf: boolean;
  joinedAt: string;
}

export interface IceServerView {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface VoiceSessionView {
  sessionId: string;
  channelId: string;
  iceServers: IceServerView[];
  /** The others already in the channel when this session joined. */
  participants: VoiceStateView[];
}

export type VoiceSignalType = 'OFFER' | 'ANSWER' | 'ICE_CANDIDATE';

/** What flows on a session's signal topic; END closes the receiver's subscription. */
export type VoiceSignalPayload = { type: VoiceSignalType; fromSessionId: string; fromUserId: string; payload: string } | { type: 'END' };
