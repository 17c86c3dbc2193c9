import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { CurrentViewer } from '../../graphql/authorize.js';
import type { GraphqlContext, Viewer } from '../../graphql/context.js';
import type { Services } from '../../services.js';
import { ChosenStatus } from '../users/user.entity.js';
import { UserObject } from '../users/user.object.js';
import type { UserView } from '../users/user.view.js';

@Resolver()
export class PresenceResolver {
  constructor(private readonly services: Services) {}

  /** Keeps this session online for another PRESENCE_TIMEOUT_SECONDS. */
  @Authorized()
  @Mutation(() => Boolean)
  async heartbeat(@CurrentViewer() viewer: Viewer): Promise<boolean> {
    await this.services.presence.beat(viewer.userId, `session:${viewer.sessionId}`);
    return true;
  }

  /** OFFLINE means invisible: shown as offline to others while still connected. */
  @Authorized()
  @Mutation(() => UserObject)
  async setPresence(
    @Arg('status', () => ChosenStatus) status: ChosenStatus,
    @Ctx() ctx: GraphqlContext,
    @CurrentViewer() viewer: Viewer,
  ): Promise<UserView> {
    await this.services.presence.choose(viewer.userId, status);
    return (await ctx.loaders.users.load(viewer.userId))!;
  }
}
