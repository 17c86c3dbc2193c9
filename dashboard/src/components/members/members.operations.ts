import { graphql } from '@/gql';

export const ServerMembersQuery = graphql(`
  query ServerMembers($serverId: ID!) {
    server(id: $serverId) {
      id
      members(first: 100) {
        user {
          id
        }
        ...MemberRow
      }
    }
  }
`);
