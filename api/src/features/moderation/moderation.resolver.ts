import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { GrantedServer, RequirePermission, serverArg } from '../../graphql/authorize.js';
import type { GraphqlContext } from '../../graphql/context.js';
import { unpagedListCost } from '../../graphql/limits.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { Services } from '../../services.js';
import type { ServerAccess } from '../access/access.service.js';
import { MemberObject } from '../members/member.object.js';
import type { MemberView } from '../members/member.view.js';
import { UserObject } from '../users/user.object.js';
import type { UserView } from '../users/user.view.js';
import type { BanView } from './moderation.service.js';

@ObjectType('Ban')
export class BanObject {
  @Field()
  reason!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@Resolver(() => BanObject)
export class ModerationResolver {
  constructor(private readonly services: Services) {}

  @RequirePermission('BAN_MEMBERS', serverArg('serverId'))
  @Query(() => [BanObject], { complexity: unpagedListCost })
  bans(@Arg('serverId', () => ID) serverId: string): Promise<BanView[]> {
    return this.services.moderation.bans(serverId);
  }

  @RequirePermission('KICK_MEMBERS', serverArg('serverId'))
  @Mutation(() => Boolean)
  async kickMember(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @GrantedServer() access: ServerAccess,
  ): Promise<boolean> {
    await this.services.moderation.kick(access, userId, { reason });
    return true;
  }

  @RequirePermission('BAN_MEMBERS', serverArg('serverId'))
  @Mutation(() => Boolean)
  async banMember(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Arg('deleteMessageSeconds', () => Int, { defaultValue: 0 }) deleteMessageSeconds: number,
    @GrantedServer() access: ServerAccess,
  ): Promise<boolean> {
    await this.services.moderation.ban(access, userId, { reason, deleteMessageSeconds });
    return true;
  }

  @RequirePermission('BAN_MEMBERS', serverArg('serverId'))
  @Mutation(() => Boolean)
  async unbanMember(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('userId', () => ID) userId: string,
    @GrantedServer() access: ServerAccess,
  ): Promise<boolean> {
    await this.services.moderation.unban(access, userId);
    return true;
  }

  @RequirePermission('MODERATE_MEMBERS', serverArg('serverId'))
  @Mutation(() => MemberObject, { description: '0 seconds lifts a timeout.' })
  timeoutMember(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('seconds', () => Int) seconds: number,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @GrantedServer() access: ServerAccess,
  ): Promise<MemberView> {
    return this.services.moderation.timeout(access, userId, { seconds, reason });
  }

  @FieldResolver(() => UserObject)
  async user(@Root() ban: BanView, @Ctx() ctx: GraphqlContext): Promise<UserView> {
    return (await ctx.loaders.users.load(ban.userId))!;
  }

  @FieldResolver(() => UserObject, { nullable: true, description: 'Who banned them; null for the system or a deleted user.' })
  async bannedBy(@Root() ban: BanView, @Ctx() ctx: GraphqlContext): Promise<UserView | null> {
    return ban.actorId ? ((await ctx.loaders.users.load(ban.actorId)) ?? null) : null;
  }
}
