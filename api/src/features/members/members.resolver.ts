import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { GrantedServer, RequireAccess, serverArg } from '../../graphql/authorize.js';
import type { GraphqlContext } from '../../graphql/context.js';
import { smallListCost } from '../../graphql/limits.js';
import type { Services } from '../../services.js';
import type { ServerAccess } from '../access/access.service.js';
import { RoleObject } from '../roles/role.object.js';
import type { RoleView } from '../roles/role.view.js';
import { UserObject } from '../users/user.object.js';
import type { UserView } from '../users/user.view.js';
import { MemberObject } from './member.object.js';
import type { MemberView } from './member.view.js';

@Resolver(() => MemberObject)
export class MembersResolver {
  constructor(private readonly services: Services) {}

  /** Own nickname: any member. Another's: MODERATE_MEMBERS and a higher role (checked by the service). */
  @RequireAccess(serverArg('serverId'))
  @Mutation(() => MemberObject)
  setNickname(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('nickname', () => String, { nullable: true }) nickname: string | null,
    @GrantedServer() access: ServerAccess,
  ): Promise<MemberView> {
    return this.services.members.setNickname(access, userId, { nickname });
  }

  @FieldResolver(() => UserObject)
  async user(@Root() member: MemberView, @Ctx() ctx: GraphqlContext): Promise<UserView> {
    return (await ctx.loaders.users.load(member.userId))!;
  }

  /** The member's roles besides @everyone, highest first. */
  @FieldResolver(() => [RoleObject], { complexity: smallListCost })
  async roles(@Root() member: MemberView, @Ctx() ctx: GraphqlContext): Promise<RoleView[]> {
    const roles = await ctx.loaders.rolesByServer.load(member.serverId);
    return roles.filter((r) => member.roleIds.includes(r.id));
  }
}
