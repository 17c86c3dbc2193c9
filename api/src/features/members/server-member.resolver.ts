import { Arg, Authorized, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { CurrentViewer } from '../../graphql/authorize.js';
import type { GraphqlContext, Viewer } from '../../graphql/context.js';
import type { Services } from '../../services.js';
import { ServerObject } from '../servers/server.object.js';
import type { ServerView } from '../servers/server.view.js';
import { MemberObject } from './member.object.js';
import type { MemberView } from './member.view.js';
import { Personal } from '../../graphql/personal-fields.js';

/** A server's single memberships: the caller's own, and anyone's by user id. */
@Resolver(() => ServerObject)
export class ServerMemberResolver {
  constructor(private readonly services: Services) {}

  /** The caller's own membership (nickname, roles, timeout end), so a client can explain a read-only composer. */
  @Personal()
  @Authorized()
  @FieldResolver(() => MemberObject, { nullable: true })
  async myMember(@Root() server: ServerView, @CurrentViewer() viewer: Viewer, @Ctx() ctx: GraphqlContext): Promise<MemberView | null> {
    const access = await this.services.access.server(server.id, viewer.userId);
    // Through the request's loader: `myServers { myMember }` is one query, not one per server.
    return access.member ? ctx.loaders.members.load({ serverId: server.id, userId: access.userId }) : null;
  }

  // Priced as one object (the default estimator), as myMember is.
  @Authorized()
  @FieldResolver(() => MemberObject, {
    nullable: true,
    description: 'One member by user id: null when they are not a member (and, as with members, for a caller who is not).',
  })
  async member(
    @Root() server: ServerView,
    @Arg('userId', () => ID) userId: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: GraphqlContext,
  ): Promise<MemberView | null> {
    const access = await this.services.access.server(server.id, viewer.userId);
    return this.services.members.find(access, { userId }, (key) => ctx.loaders.members.load(key));
  }
}
