import { graphql } from '@/gql';

/** One page of a server's members (`first`: MEMBER_PAGE), after the member with user id `after`. */
export const ServerMembersQuery = graphql(`
  query ServerMembers($serverId: ID!, $first: Int!, $after: ID) {
    server(id: $serverId) {
      id
      memberCount
      members(first: $first, after: $after) {
        user {
          id
        }
        ...MemberRow
      }
    }
  }
`);

/** Members per page: the list shows one page at first and one more each time it is asked. */
export const MEMBER_PAGE = 100;
