import {
  JoinVoiceDocument,
  LeaveVoiceDocument,
  MeDocument,
  SendVoiceSignalDocument,
  VoiceServerEventsDocument,
  VoiceSignalsDocument,
  type VoiceSignalType,
} from '../gql/graphql.js';
import type { GraphqlConnection } from '../sdk/graphql-connection.js';

export type SignalType = VoiceSignalType;

export interface JoinedVoice {
  sessionId: string;
  userId: string;
  channelId: string;
  serverId: string;
  iceServers: RTCIceServer[];
  /** The channel's audio bitrate (bits/s) at joining, as its moderators set it. */
  bitrate: number;
  /** Whether we arrived server-muted (no SPEAK) or deafened. */
  serverMute: boolean;
  serverDeaf: boolean;
  /** Sessions already in the channel: we offer to each. */
  participants: { sessionId: string; userId: string }[];
}

export interface IncomingSignal {
  fromSessionId: string;
  fromUserId: string;
  type: SignalType;
  payload: string;
}

/** A VoiceStateUpdated event: `state` null means the session left voice. */
export interface VoiceStateChange {
  sessionId: string;
  userId: string;
  channelId: string | null;
  state: { serverMute: boolean; serverDeaf: boolean } | null;
}

/**
 * What a voice connection needs from the API, behind one interface so the state machine can be
 * tested with a fake. `GraphqlVoiceSignalling` is the real one.
 */
export interface VoiceSignalling {
  join(channelId: string, options: { selfMute: boolean; selfDeaf: boolean }): Promise<JoinedVoice>;
  leave(sessionId: string): Promise<void>;
  send(sessionId: string, toSessionId: string, type: SignalType, payload: string): Promise<void>;
  /** Signals addressed to our session; `ended` when the session ends (left, disconnected, moved). */
  signals(sessionId: string, handlers: { signal: (s: IncomingSignal) => void; ended: () => void }): () => void;
  /** Voice state changes in a server, and its channels' bitrate (a moderator may change it while we talk). */
  voiceStates(
    serverId: string,
    handler: (change: VoiceStateChange) => void,
    onBitrate: (channelId: string, bitrate: number) => void,
  ): () => void;
  /** Called when the underlying connection comes back after a drop. */
  onReconnect(handler: () => void): () => void;
}

export class GraphqlVoiceSignalling implements VoiceSignalling {
  private userId: string | null = null;

  constructor(private readonly api: GraphqlConnection) {}

  async join(channelId: string, options: { selfMute: boolean; selfDeaf: boolean }): Promise<JoinedVoice> {
    this.userId ??= (await this.api.request(MeDocument, {})).me?.id ?? null;
    if (!this.userId) throw new Error('not signed in');
    const { joinVoice } = await this.api.request(JoinVoiceDocument, { channelId, ...options });
    const own = joinVoice.channel.voiceStates.find((s) => s.sessionId === joinVoice.sessionId);
    return {
      serverMute: own?.serverMute ?? false,
      serverDeaf: own?.serverDeaf ?? false,
      sessionId: joinVoice.sessionId,
      userId: this.userId,
      channelId,
      serverId: joinVoice.channel.server.id,
      bitrate: joinVoice.channel.bitrate,
      iceServers: joinVoice.iceServers.map((s) => ({
        urls: s.urls,
        ...(s.username ? { username: s.username } : {}),
        ...(s.credential ? { credential: s.credential } : {}),
      })),
      participants: joinVoice.participants.map((p) => ({ sessionId: p.sessionId, userId: p.user.id })),
    };
  }

  async leave(sessionId: string): Promise<void> {
    await this.api.request(LeaveVoiceDocument, { sessionId });
  }

  async send(sessionId: string, toSessionId: string, type: SignalType, payload: string): Promise<void> {
    await this.api.request(SendVoiceSignalDocument, { sessionId, toSessionId, type, payload });
  }

  signals(sessionId: string, handlers: { signal: (s: IncomingSignal) => void; ended: () => void }): () => void {
    return this.api.subscribe(
      VoiceSignalsDocument,
      { sessionId },
      {
        next: ({ voiceSignals: s }) =>
          handlers.signal({ fromSessionId: s.fromSessionId, fromUserId: s.fromUser.id, type: s.type, payload: s.payload }),
        // Refused when the session is already gone; completed by the server when it ends.
        error: () => handlers.ended(),
        complete: () => handlers.ended(),
      },
    );
  }

  voiceStates(
    serverId: string,
    handler: (change: VoiceStateChange) => void,
    onBitrate: (channelId: string, bitrate: number) => void,
  ): () => void {
    return this.api.subscribe(
      VoiceServerEventsDocument,
      { serverId },
      {
        next: ({ serverEvents: e }) => {
          if (e.__typename === 'ChannelUpdated') return onBitrate(e.channel.id, e.channel.bitrate);
          if (e.__typename !== 'VoiceStateUpdated') return;
          handler({ sessionId: e.sessionId, userId: e.userId, channelId: e.channelId ?? null, state: e.state ?? null });
        },
        error: () => undefined,
      },
    );
  }

  onReconnect(handler: () => void): () => void {
    return this.api.onStatus((status, previous) => {
      if (status === 'connected' && previous === 'reconnecting') handler();
    });
  }
}
