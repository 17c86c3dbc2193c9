import { graphql } from '@/gql';

/** Messages per history page; the API's most is 100. */
export const PAGE_SIZE = 50;

/** The latest page (no cursor), the page before or after a message, or the page around one (a jump). */
export const ChannelHistoryQuery = graphql(`
  query ChannelHistory($channelId: ID!, $before: ID, $after: ID, $around: ID, $limit: Int!) {
    messages(channelId: $channelId, before: $before, after: $after, around: $around, limit: $limit) {
      hasMoreBefore
      hasMoreAfter
      messages {
        ...ChatMessage
        ...MessageReactions
      }
    }
  }
`);

/**
 * Messages come without their reactions (a new one has none; an edit leaves them as they were) and
 * MessageReactionChanged changes them: no personal field, so one execution serves every reader.
 */
export const ChannelEventsSubscription = graphql(`
  subscription ChannelEvents($channelId: ID!, $since: ID) {
    channelEvents(channelId: $channelId, since: $since) {
      __typename
      ... on MessageCreated {
        message {
          ...ChatMessage
        }
      }
      ... on MessageUpdated {
        message {
          ...ChatMessage
        }
      }
      ... on MessageDeleted {
        messageId
      }
      ... on MessageReactionChanged {
        channelId
        messageId
        emoji
        userId
        reacted
        count
      }
      ... on TypingStarted {
        user {
          id
          displayName
        }
      }
    }
  }
`);

export const SendMessageMutation = graphql(`
  mutation SendMessage($channelId: ID!, $content: String!, $replyToId: ID) {
    sendMessage(channelId: $channelId, content: $content, replyToId: $replyToId) {
      ...ChatMessage
    }
  }
`);

export const EditMessageMutation = graphql(`
  mutation EditMessage($messageId: ID!, $content: String!) {
    editMessage(messageId: $messageId, content: $content) {
      ...ChatMessage
    }
  }
`);

export const DeleteMessageMutation = graphql(`
  mutation DeleteMessage($messageId: ID!) {
    deleteMessage(messageId: $messageId)
  }
`);

/** Both answer the message's reactions as they are after the change. */
export const AddReactionMutation = graphql(`
  mutation AddReaction($messageId: ID!, $emoji: String!) {
    addReaction(messageId: $messageId, emoji: $emoji) {
      id
      ...MessageReactions
    }
  }
`);

/** The reader's own reaction, or (`userId`, with MANAGE_MESSAGES) someone else's. */
export const RemoveReactionMutation = graphql(`
  mutation RemoveReaction($messageId: ID!, $emoji: String!, $userId: ID) {
    removeReaction(messageId: $messageId, emoji: $emoji, userId: $userId) {
      id
      ...MessageReactions
    }
  }
`);

/** Both answer the message as the change left it (its pinnedAt); channelEvents announces it as MessageUpdated. */
export const PinMessageMutation = graphql(`
  mutation PinMessage($messageId: ID!) {
    pinMessage(messageId: $messageId) {
      ...ChatMessage
    }
  }
`);

export const UnpinMessageMutation = graphql(`
  mutation UnpinMessage($messageId: ID!) {
    unpinMessage(messageId: $messageId) {
      ...ChatMessage
    }
  }
`);

export const StartTypingMutation = graphql(`
  mutation StartTyping($channelId: ID!) {
    startTyping(channelId: $channelId)
  }
`);

export const MarkChannelReadMutation = graphql(`
  mutation MarkChannelRead($channelId: ID!, $messageId: ID!) {
    markChannelRead(channelId: $channelId, messageId: $messageId) {
      id
      lastReadMessageId
      lastMessageId
      mentionCount
    }
  }
`);

/** Who an "@name" being typed may mean: members whose username, display name or nickname contains it. */
export const MentionCandidatesQuery = graphql(`
  query MentionCandidates($serverId: ID!, $query: String, $first: Int!) {
    server(id: $serverId) {
      id
      members(first: $first, query: $query) {
        nickname
        user {
          id
          username
          displayName
        }
      }
    }
  }
`);
