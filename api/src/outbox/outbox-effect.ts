import type { AccessInvalidation, ChannelEventPayload, ServerEventPayload } from '../realtime/topics.js';

/**
 * Every kind of side effect an action can owe after its commit, in one place. Each is safe to
 * perform twice (at-least-once: a process that dies after performing a row but before deleting it
 * leaves it to the sweep): invalidations and revocations are idempotent, events carry state.
 */
export type OutboxEffect =
  /** AccessService.invalidate: every process drops the cached permission inputs; voice re-checks. */
  | { kind: 'access'; invalidation: AccessInvalidation }
  | { kind: 'server-event'; serverId: string; event: ServerEventPayload }
  | { kind: 'channel-event'; channelId: string; event: ChannelEventPayload }
  /** MessagesService.announceUpdated: the edited message as it is when performed, unless deleted by then. */
  | { kind: 'message-updated'; messageId: string }
  /** ReactionsService.announce: the member's reaction on the message and the emoji's count, as they are when performed. */
  | { kind: 'reaction-changed'; messageId: string; emoji: string; userId: string }
  /** PresenceService.applyChosen: users.chosen_status applied in Redis, PresenceUpdated if what others see changed. */
  | { kind: 'presence-chosen'; userId: string }
  /** AuthService.announceRevoked: every process evicts the sessions and closes their sockets. */
  | { kind: 'sessions-revoked'; tokenHashes: string[] }
  /** UsersService.announceChanged: every process drops its cached view of the user (live messages' author). */
  | { kind: 'user-changed'; userId: string };

/** Who performs each kind (wired in services.ts); the mapped type makes a new kind without a handler a type error. */
export type OutboxHandlers = { [K in OutboxEffect['kind']]: (effect: Extract<OutboxEffect, { kind: K }>) => Promise<void> };

/** Shorthands for the effects features owe most. */
export const owed = {
  access: (serverId: string, userId?: string): OutboxEffect => ({
    kind: 'access',
    invalidation: userId ? { serverId, userId } : { serverId },
  }),
  serverEvent: (serverId: string, event: ServerEventPayload): OutboxEffect => ({ kind: 'server-event', serverId, event }),
  channelEvent: (channelId: string, event: ChannelEventPayload): OutboxEffect => ({ kind: 'channel-event', channelId, event }),
  messageDeleted: (channelId: string, messageId: string): OutboxEffect => ({
    kind: 'channel-event',
    channelId,
    event: { type: 'MessageDeleted', messageId, channelId },
  }),
  messageUpdated: (messageId: string): OutboxEffect => ({ kind: 'message-updated', messageId }),
  reactionChanged: (messageId: string, emoji: string, userId: string): OutboxEffect => ({
    kind: 'reaction-changed',
    messageId,
    emoji,
    userId,
  }),
  presenceChosen: (userId: string): OutboxEffect => ({ kind: 'presence-chosen', userId }),
  sessionsRevoked: (tokenHashes: string[]): OutboxEffect => ({ kind: 'sessions-revoked', tokenHashes }),
  userChanged: (userId: string): OutboxEffect => ({ kind: 'user-changed', userId }),
};
