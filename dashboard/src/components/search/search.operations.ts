import { graphql } from '@/gql';

/** Results per page of a search (the API's most is 50). */
export const SEARCH_PAGE_SIZE = 25;

/** One page of a server's messages matching a query, newest first; `before` pages on. */
export const SearchMessagesQuery = graphql(`
  query SearchMessages($serverId: ID!, $query: String!, $channelId: ID, $before: ID, $limit: Int!) {
    searchMessages(serverId: $serverId, query: $query, channelId: $channelId, before: $before, limit: $limit) {
      hasMore
      messages {
        id
        ...SearchResult
      }
    }
  }
`);
