import type { ChannelView } from '../features/channels/channel.view.js';
import type { MemberView } from '../features/members/member.view.js';
import type { RoleView } from '../features/roles/role.view.js';
import type { ServerView } from '../features/servers/server.view.js';
import type { UserView } from '../features/users/user.view.js';
import type { MessageView } from '../features/messages/message.view.js';
import type { ReactionChange } from '../features/reactions/reaction.view.js';
import type { VoiceSignalPayload, VoiceStateView } from '../features/voice/voice-state.js';
import type { EventBus, Topic as BusTopic } from '../kernel/pubsub/event-bus.js';

/** Every topic on the event bus and what it carries. Payloads are JSON-safe (dates become strings). */
export interface TopicPayloads {
  /** Per server: membership, presence, channels, roles, voice states. */
  server: ServerEventPayload | AccessMarker;
  /** Per channel: messages, reactions and typing. */
  channel: ChannelEventPayload | AccessMarker;
  /** Per voice session: signals relayed to it. */
  'voice-signals': VoiceSignalPayload;
  /** Cached permission inputs changed: every process drops them (features/access). */
  'access-invalidate': AccessInvalidation;
  /** Token hashes whose sessions ended: every process evicts them and closes their sockets (features/auth). */
  'session-revoked': string[];
  /** A user's name or avatar changed: every process drops its cached view of them (features/users). */
  'user-changed': string;
}

export interface AccessInvalidation {
  serverId: string;
  /** Only this member's inputs; absent for the whole server. */
  userId?: string;
  /** Unique per announcement: the copies of one (see AccessMarker) are acted on once. */
  id?: string;
}

/**
 * Internal, on a Redis Cluster: an access invalidation repeated on the topic of each of the server's
 * channels and on the server's own. A cluster keeps the order of messages per topic, not between
 * topics, so the global invalidation could arrive after an event published after it; this copy
 * cannot (AccessService.invalidate). Never sent to clients.
 */
export interface AccessMarker {
  type: 'ACCESS';
  invalidation: AccessInvalidation;
}

const scoped =
  <K extends keyof TopicPayloads>(kind: K) =>
  (id: string): BusTopic<TopicPayloads[K]> => ({ name: `${kind}:${id}` });
const unscoped = <K extends keyof TopicPayloads>(kind: K): BusTopic<TopicPayloads[K]> => ({ name: kind });

export const Topic = {
  server: scoped('server'),
  channel: scoped('channel'),
  voiceSignals: scoped('voice-signals'),
  accessInvalidation: unscoped('access-invalidate'),
  sessionRevocation: unscoped('session-revoked'),
  userChange: unscoped('user-changed'),
} as const;

/** What flows on a server's topic; `type` names the GraphQL union member. */
export type ServerEventPayload =
  | { type: 'MemberJoined'; member: MemberView }
  | { type: 'MemberLeft'; userId: string; reason: MemberLeftReason }
  | { type: 'MemberUpdated'; member: MemberView }
  | { type: 'PresenceUpdated'; user: UserView }
  | { type: 'ChannelUpdated'; channel: ChannelView }
  | { type: 'ChannelDeleted'; channelId: string }
  | { type: 'ServerUpdated'; server: ServerView }
  | { type: 'ServerDeleted'; serverId: string }
  | { type: 'RoleUpdated'; role: RoleView }
  | { type: 'RoleDeleted'; roleId: string }
  | {
      type: 'VoiceStateUpdated';
      channelId: string | null;
      userId: string;
      sessionId: string;
      state: VoiceStateView | null;
      /** On the end of a session a moderator moved: the session that replaced it in the destination. */
      movedToSessionId?: string | null;
    }
  /** Local, never published: this process's bus subscription had a gap (server-events.source.ts). */
  | { type: 'ServerEventsMissed'; serverId: string; since: Date };

/** What flows on a channel's topic. */
export type ChannelEventPayload =
  | { type: 'MessageCreated'; message: MessageView }
  | { type: 'MessageUpdated'; message: MessageView }
  | { type: 'MessageDeleted'; messageId: string; channelId: string }
  | { type: 'TypingStarted'; channelId: string; user: UserView }
  | ({ type: 'MessageReactionChanged' } & ReactionChange)
  /** Local, never published: this process's bus subscription had a gap (channel-events.source.ts). */
  | { type: 'EventsMissed'; channelId: string; since: Date }
  /** Internal: the channel was deleted; every subscription to it ends. Never sent to clients. */
  | { type: 'END' };

export type MemberLeftReason = 'left' | 'kicked' | 'banned';

/** Typed publishing: the only way features emit events. */
export class EventPublisher {
  constructor(private readonly bus: EventBus) {}

  server(serverId: string, event: ServerEventPayload): Promise<void> {
    return this.bus.publish(Topic.server(serverId), event);
  }

  channel(channelId: string, event: ChannelEventPayload): Promise<void> {
    return this.bus.publish(Topic.channel(channelId), event);
  }

  /**
   * For an event this process publishes on a channel: started before its commit, hands it to this
   * process's own subscribers once both the commit is done and published (call `deliver` then) and
   * the fence has passed (EventBus.fence), without waiting for Redis's echo, which they then drop
   * (ChannelRoom, by message id). Deliveries keep the order `deliver` was called in. A failed fence
   * leaves it to the echo.
   */
  channelHereAfterFence(channelId: string): { deliver(event: ChannelEventPayload): void } {
    const fence = this.bus.fence();
    return {
      deliver: (event) =>
        void fence.then((passed) => {
          if (passed) this.bus.deliverHere(Topic.channel(channelId), event);
        }),
    };
  }
}
