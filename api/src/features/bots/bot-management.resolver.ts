import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CurrentViewer } from '../../graphql/authorize.js';
import type { GraphqlContext, Viewer } from '../../graphql/context.js';
import type { Services } from '../../services.js';
import { ServerObject } from '../servers/server.object.js';
import type { ServerView } from '../servers/server.view.js';
import { UserObject } from '../users/user.object.js';
import type { UserView } from '../users/user.view.js';
import { nestedListCost } from '../../graphql/limits.js';
import { Personal } from '../../graphql/personal-fields.js';

@Resolver(() => UserObject)
export class BotManagementResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Personal()
  @FieldResolver(() => [ServerObject], {
    description: 'For a bot of the caller: the servers it is in (empty for anyone else).',
    complexity: nestedListCost,
  })
  async botServers(@Root() user: UserView, @CurrentViewer() viewer: Viewer, @Ctx() ctx: GraphqlContext): Promise<ServerView[]> {
    if (!user.isBot) return [];
    const ids = await this.services.botManagement.serverIds(viewer.userId, user.id);
    return (await ctx.loaders.servers.loadMany(ids)).filter((s): s is ServerView => s !== null && !(s instanceof Error));
  }
}
