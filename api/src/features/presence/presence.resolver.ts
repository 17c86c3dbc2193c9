import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireViewer, type GraphqlContext } from '../../graphql/context.js';
import type { Services } from '../../services.js';
import { ChosenStatus } from '../users/user.entity.js';
import { UserObject } from '../users/user.object.js';
import type { UserView } from '../users/user.view.js';

@Resolver()
export class PresenceResolver {
  constructor(private readonly services: Services) {}

  /** Keeps this session online for another PRESENCE_TIMEOUT_SECONDS. */
  @Mutation(() => Boolean)
  async heartbeat(@Ctx() ctx: GraphqlContext): Promise<boolean> {
    const viewer = requireViewer(ctx);
    await this.services.presence.beat(viewer.userId, `session:${viewer.sessionId}`);
    return true;
  }

  /** OFFLINE means invisible: shown as offline to others while still connected. */
  @Mutation(() => UserObject)
  async setPresence(@Arg('status', () => ChosenStatus) status: ChosenStatus, @Ctx() ctx: GraphqlContext): Promise<UserView> {
    const viewer = requireViewer(ctx);
    await this.services.presence.choose(viewer.userId, status);
    return (await ctx.loaders.users.load(viewer.userId))!;
  }
}
