import type { Cache, CacheExchangeOpts } from '@urql/exchange-graphcache';
import { forgetSession, keepCurrentSession } from '@/components/account/sessions-cache';
import { callsReader } from '@/components/chat/message-markup';
import { forgetDeletedMessage } from '@/components/chat/deleted-message-cache';
import { compareIds } from '@/components/chat/message-log';
import { applyPinEvent } from '@/components/chat/pins-cache';
import { applyReactionRemoval, applyReactionRemoved } from '@/components/chat/reaction-users-cache';
import { gql } from 'urql';
import { applyVoiceStateEvent } from './voice/voice-cache-updates';

/**
 * Normalised-cache keys: entities with an `id` are keyed by it (the default); these have another key
 * or none (embedded in their parent), so graphcache does not warn or merge wrongly.
 */
export const cacheKeys: CacheExchangeOpts['keys'] = {
  AuthPayload: () => null,
  MessagePage: () => null,
  MessageSearchResult: () => null,
  ServerRateLimits: () => null,
  IceServer: () => null,
  PermissionOverwrite: () => null,
  // A member is per server; the same user in two servers is two members.
  Member: () => null,
  Ban: () => null,
  BotCredentials: () => null,
  Invite: (invite) => (typeof invite.code === 'string' ? invite.code : null),
  InvitePreview: (invite) => (typeof invite.code === 'string' ? invite.code : null),
  VoiceSession: (session) => (typeof session.sessionId === 'string' ? session.sessionId : null),
  VoiceState: (state) => (typeof state.sessionId === 'string' ? state.sessionId : null),
  VoiceSignal: () => null,
  ReadState: (state) => (typeof state.channelId === 'string' ? state.channelId : null),
  MessageCreated: () => null,
  MessageUpdated: () => null,
  MessageDeleted: () => null,
  MessageReactionChanged: () => null,
  // One emoji of a message, embedded in it: its count and whether the caller reacted.
  Reaction: () => null,
  TypingStarted: () => null,
  EventsMissed: () => null,
  ChannelUpdated: () => null,
  ChannelDeleted: () => null,
  MemberJoined: () => null,
  MemberLeft: () => null,
  MemberUpdated: () => null,
  PresenceUpdated: () => null,
  RoleUpdated: () => null,
  RoleDeleted: () => null,
  ServerUpdated: () => null,
  ServerDeleted: () => null,
  VoiceStateUpdated: () => null,
  ServerEventsMissed: () => null,
};

/**
 * Mutations that change which servers the member is in refetch the server list; those that end
 * sessions take them out of My account's list.
 */
export const cacheUpdates: CacheExchangeOpts['updates'] = {
  Mutation: {
    createServer: (_result, _args, cache) => cache.invalidate('Query', 'myServers'),
    joinServer: (_result, _args, cache) => cache.invalidate('Query', 'myServers'),
    leaveServer: (_result, _args, cache) => cache.invalidate('Query', 'myServers'),
    endSession: (result, args, cache) => {
      if (result.endSession) forgetSession(cache, String(args.id));
    },
    endOtherSessions: (result, _args, cache) => {
      if (typeof result.endOtherSessions === 'number') keepCurrentSession(cache);
    },
    // A new password ends every other session too.
    changePassword: (result, _args, cache) => {
      if (result.changePassword) keepCurrentSession(cache);
    },
    deleteMessage: (result, args, cache) => {
      if (result.deleteMessage) forgetDeletedMessage(cache, String(args.messageId));
    },
    // Whoever's reaction it was leaves the cached "who reacted" lists at once.
    removeReaction: (result, args, cache) => {
      if (result.removeReaction) applyReactionRemoved(cache, args);
    },
  },
  Subscription: {
    // Every channelEvents stream (the open chat and the sidebar's activity watchers) moves its
    // channel's newest message, which is what the unread dots compare with the read marker, and takes
    // a deleted message out of the pins and search lists. The open chat's stream also keeps an open
    // pins panel's list current, and the "who reacted" lists.
    channelEvents: (result, args, cache) => {
      const event = result.channelEvents as ({ __typename?: string; message?: LiveMessage } & ReactionChangedEvent) | null;
      if (event?.__typename === 'MessageDeleted' && event.messageId) {
        forgetDeletedMessage(cache, event.messageId);
        return recountMentions(cache, String(args.channelId));
      }
      applyPinEvent(cache, event);
      if (event?.__typename === 'MessageReactionChanged') return applyReactionChanged(cache, event);
      const channelId = event?.message?.channel?.id;
      if (event?.__typename !== 'MessageCreated' || !channelId || !event.message?.id) return;
      // A message the cache already counts (a replay of what the sidebar's query read meanwhile) moves nothing.
      if (!isNewerThanCached(cache, channelId, event.message.id)) return;
      cache.writeFragment(LAST_MESSAGE, { __typename: 'Channel', id: channelId, lastMessageId: event.message.id });
      countMention(cache, channelId, event.message);
    },
    serverEvents: (result, args, cache) => applyVoiceStateEvent(result.serverEvents as never, String(args.serverId), cache),
  },
};

function isNewerThanCached(cache: Cache, channelId: string, messageId: string): boolean {
  const last = cache.resolve({ __typename: 'Channel', id: channelId }, 'lastMessageId');
  return typeof last !== 'string' || compareIds(messageId, last) > 0;
}

/** A MessageReactionChanged as the stream carries it (the open chat's stream selects all of it): a reaction gone leaves the lists. */
function applyReactionChanged(cache: Cache, event: ReactionChangedEvent): void {
  const { messageId, emoji, userId, reacted } = event;
  if (reacted !== false || typeof messageId !== 'string' || typeof emoji !== 'string' || typeof userId !== 'string') return;
  applyReactionRemoval(cache, { messageId, emoji, userId });
}

/** MessageReactionChanged's fields; MessageDeleted carries a messageId too. */
interface ReactionChangedEvent {
  messageId?: string;
  emoji?: string;
  userId?: string;
  reacted?: boolean;
}

/** What a channel stream's new message may carry (the sidebar's activity streams select all of it). */
interface LiveMessage {
  id?: string;
  content?: string;
  mentionsEveryone?: boolean;
  mentionsHere?: boolean;
  mentionRoleIds?: string[];
  author?: { id?: string };
  replyTo?: { author?: { id?: string } } | null;
  channel?: { id?: string; server?: { id?: string } };
}

/**
 * A new message that calls the reader (@everyone or @here from an author allowed it, a role they hold,
 * @username, or a reply to them) adds one to its channel's mentionCount, as the API would count it;
 * reading the channel (markChannelRead) brings the API's count back. Nothing when the reader or the
 * channel's count is not in the cache yet.
 */
function countMention(cache: Cache, channelId: string, message: LiveMessage): void {
  const me = cache.resolve('Query', 'me');
  if (typeof me !== 'string' || typeof message.content !== 'string' || !message.author?.id) return;
  const [id, username] = [cache.resolve(me, 'id'), cache.resolve(me, 'username')];
  if (typeof id !== 'string' || typeof username !== 'string') return;
  const { content, mentionsEveryone, mentionRoleIds } = message;
  // Invisible shows offline, so an @here passed the reader by (the API decided it at send).
  const mentionsHere = message.mentionsHere && cache.resolve(me, 'presence') !== 'OFFLINE';
  const serverId = message.channel?.server?.id;
  const reader = { id, username, roleIds: mentionRoleIds?.length && serverId ? myRoleIds(cache, serverId) : [] };
  const replyToAuthorId = message.replyTo?.author?.id;
  const sent = { content, mentionsEveryone, mentionsHere, mentionRoleIds, authorId: message.author.id, replyToAuthorId };
  if (!callsReader(sent, reader)) return;
  const channel = { __typename: 'Channel', id: channelId };
  const count = cache.resolve(channel, 'mentionCount');
  if (typeof count === 'number') cache.writeFragment(MENTION_COUNT, { ...channel, mentionCount: count + 1 });
}

/**
 * A message deleted where the reader was called: it may have been one of the calls, which the event
 * cannot tell (it names only the message), so the channel's count is asked of the API again.
 */
function recountMentions(cache: Cache, channelId: string): void {
  const channel = { __typename: 'Channel', id: channelId };
  const count = cache.resolve(channel, 'mentionCount');
  if (typeof count === 'number' && count > 0) cache.invalidate(channel, 'mentionCount');
}

/** The roles the reader holds in the server, as the sidebar's query left them in the cache (Server.myMember.roles). */
function myRoleIds(cache: Cache, serverId: string): string[] {
  const member = cache.resolve({ __typename: 'Server', id: serverId }, 'myMember');
  const roles = typeof member === 'string' ? cache.resolve(member, 'roles') : null;
  if (!Array.isArray(roles)) return [];
  return roles.map((role) => (typeof role === 'string' ? cache.resolve(role, 'id') : null)).filter((id) => typeof id === 'string');
}

const MENTION_COUNT = gql`
  fragment _MentionCount on Channel {
    id
    mentionCount
  }
`;

const LAST_MESSAGE = gql`
  fragment _ on Channel {
    id
    lastMessageId
  }
`;
