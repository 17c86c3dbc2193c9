import { graphql } from '@/gql';

export const ServerSidebarQuery = graphql(`
  query ServerSidebar($serverId: ID!) {
    server(id: $serverId) {
      id
      name
      description
      memberCount
      myPermissions
      # Refetched on every channel or access change: the cache then updates the open channel's
      # permissions, slowmode and topic, and the member's timeout end, so the chat view follows.
      myMember {
        timedOutUntil
      }
      # The roles a <@&id> names, and which the member holds (components/chat/server-roles.tsx).
      ...MentionRoles
      ...VoiceModerator
      channels {
        id
        type
        position
        myPermissions
        slowmodeSeconds
        topic
        lastMessageId
        lastReadMessageId
        mentionCount
        ...ChannelItem
      }
    }
  }
`);

export const ServerEventsSubscription = graphql(`
  subscription ServerEvents($serverId: ID!) {
    serverEvents(serverId: $serverId) {
      __typename
      ... on ChannelDeleted {
        channelId
      }
      # Written to the cache as it arrives: every view of the role (the settings' role list among
      # them) follows a rename or a move without a refetch.
      ... on RoleUpdated {
        role {
          id
          name
          color
          position
          mentionable
        }
      }
      ... on PresenceUpdated {
        user {
          id
          presence
        }
      }
      # Written to the cache as it arrives: every cached view of the user (pins, search results, who
      # reacted, their own panel in another tab) shows a new display name at once. The member list
      # reads its pages again, and open chats rename the messages they hold (members/user-names.ts).
      ... on MemberUpdated {
        member {
          user {
            id
            displayName
            avatarUrl
          }
        }
      }
      ... on MemberJoined {
        member {
          user {
            id
          }
        }
      }
      ... on MemberLeft {
        userId
        reason
      }
      ... on ServerDeleted {
        serverId
      }
      ... on VoiceStateUpdated {
        voiceChannelId: channelId
        userId
        sessionId
        state {
          ...VoiceParticipant
          channel {
            id
          }
        }
      }
    }
  }
`);

/**
 * Only what the unread dot and the mention badge need: the newest message of a channel the member is
 * not reading, what it says, whether it mentions everyone (@everyone, or @here: those online) or which
 * roles, whom it replies to, and its channel's server (whose roles the member holds):
 * lib/cache-config.ts counts it as a mention. A deleted message's id, to take it out of the pins and
 * search results shown.
 */
export const ChannelActivitySubscription = graphql(`
  subscription ChannelActivity($channelId: ID!, $since: ID) {
    channelEvents(channelId: $channelId, since: $since) {
      __typename
      ... on MessageCreated {
        message {
          id
          content
          mentionsEveryone
          mentionsHere
          mentionRoleIds
          author {
            id
          }
          replyTo {
            id
            author {
              id
            }
          }
          channel {
            id
            server {
              id
            }
          }
        }
      }
      ... on MessageDeleted {
        messageId
      }
    }
  }
`);
