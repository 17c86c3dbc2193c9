import { graphql } from '@/gql';

export const ShellQuery = graphql(`
  query Shell {
    me {
      id
      ...UserPanel
    }
    myServers {
      id
      ...ServerRailItem
    }
  }
`);

export const CreateServerMutation = graphql(`
  mutation CreateServer($input: CreateServerInput!) {
    createServer(input: $input) {
      id
      ...ServerRailItem
      channels {
        id
        type
      }
    }
  }
`);

export const LeaveServerMutation = graphql(`
  mutation LeaveServer($serverId: ID!) {
    leaveServer(serverId: $serverId)
  }
`);

export const JoinServerMutation = graphql(`
  mutation JoinServer($serverId: ID, $inviteCode: String) {
    joinServer(serverId: $serverId, inviteCode: $inviteCode) {
      id
      ...ServerRailItem
    }
  }
`);

/**
 * The server's marks for the rail and its channels' read markers and counts for the sidebar: the cache
 * clears the icon and the channels' dots and red counts with this one answer.
 */
export const MarkServerReadMutation = graphql(`
  mutation MarkServerRead($serverId: ID!) {
    markServerRead(serverId: $serverId) {
      id
      hasUnread
      mentionCount
      channels {
        id
        lastReadMessageId
        mentionCount
      }
    }
  }
`);
