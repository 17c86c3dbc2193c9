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
