import { Arg, ID, Int, Query, Resolver } from 'type-graphql';
import { GrantedServer, RequireAccess, serverArg } from '../../graphql/authorize.js';
import type { Services } from '../../services.js';
import type { ServerAccess } from '../access/access.service.js';
import { MessageSearchResultObject, type MessageSearchResult } from './search.object.js';

@Resolver()
export class SearchResolver {
  constructor(private readonly services: Services) {}

  @RequireAccess(serverArg('serverId'))
  @Query(() => MessageSearchResultObject, {
    description:
      'Messages of the server matching the words of `query`, newest first, in the channels whose history the caller may read. Words match whole and in any case; "quoted words" match in order, -word excludes, `or` allows either; `from:<username>` and `in:<channel name>` (or in:"two words") narrow it, and alone are a search. Optionally in one channel, by one author, older than `before` (limit 1-50).',
  })
  searchMessages(
    @Arg('serverId', () => ID) serverId: string,
    @Arg('query') query: string,
    @Arg('channelId', () => ID, { nullable: true }) channelId: string | null,
    @Arg('authorId', () => ID, { nullable: true }) authorId: string | null,
    @Arg('before', () => ID, { nullable: true }) before: string | null,
    @Arg('limit', () => Int, { defaultValue: 25 }) limit: number,
    @GrantedServer() access: ServerAccess,
  ): Promise<MessageSearchResult> {
    return this.services.search.messages(access, { serverId, query, channelId, authorId, before, limit });
  }
}
