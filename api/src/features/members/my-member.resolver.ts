import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireViewer, type GraphqlContext } from '../../graphql/context.js';
import type { Services } from '../../services.js';
import { ServerObject } from '../servers/server.object.js';
import type { ServerView } from '../servers/server.view.js';
import { MemberObject } from './member.object.js';
import type { MemberView } from './member.view.js';

@Resolver(() => ServerObject)
export class MyMemberResolver {
  constructor(private readonly services: Services) {}

  /** The caller's own membership (nickname, roles, timeout end), so a client can explain a read-only composer. */
  @FieldResolver(() => MemberObject, { nullable: true })
  async myMember(@Root() server: ServerView, @Ctx() ctx: GraphqlContext): Promise<MemberView | null> {
    const access = await this.services.access.server(server.id, requireViewer(ctx).userId);
    return access.member ? this.services.members.get(server.id, access.userId) : null;
  }
}
