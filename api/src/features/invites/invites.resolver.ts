import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { CurrentViewer, GrantedServer, RequirePermission, serverArg } from '../../graphql/authorize.js';
import type { GraphqlContext, Viewer } from '../../graphql/context.js';
import { unpagedListCost } from '../../graphql/limits.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { Services } from '../../services.js';
import type { ServerAccess } from '../access/access.service.js';
import { ServerObject } from '../servers/server.object.js';
import type { ServerView } from '../servers/server.view.js';
import { UserObject } from '../users/user.object.js';
import type { UserView } from '../users/user.view.js';
import type { InviteView } from './invites.service.js';

@ObjectType('Invite')
export class InviteObject {
  @Field()
  code!: string;

  @Field(() => Int)
  maxUses!: number;

  @Field(() => Int)
  uses!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt!: Date | null;
}

@Resolver(() => InviteObject)
export class InvitesResolver {
  constructor(private readonly services: Services) {}

  @RequirePermission('MANAGE_SERVER', serverArg('serverId'))
  @Query(() => [InviteObject], { complexity: unpagedListCost })
  invites(@Arg('serverId', () => ID) serverId: string): Promise<InviteView[]> {
    return this.services.invites.list(serverId);
  }

  @RequirePermission('CREATE_INVITE', serverArg('serverId'))
  @Mutation(() => InviteObject)
  createInvite(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('maxUses', () => Int, { defaultValue: 0 }) maxUses: number,
    @Arg('expiresInSeconds', () => Int, { defaultValue: 86400 }) expiresInSeconds: number,
    @GrantedServer() access: ServerAccess,
  ): Promise<InviteView> {
    return this.services.invites.create(access, { maxUses, expiresInSeconds });
  }

  /** The creator, or anyone with MANAGE_SERVER (checked by the service: the server comes from the code). */
  @Authorized()
  @Mutation(() => Boolean)
  async revokeInvite(@Arg('code') code: string, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    await this.services.invites.revoke(viewer.userId, code);
    return true;
  }

  /** Null once the creator's account is gone. */
  @FieldResolver(() => UserObject, { nullable: true })
  creator(@Root() invite: InviteView, @Ctx() ctx: GraphqlContext): Promise<UserView | null> {
    return ctx.loaders.users.load(invite.creatorId);
  }

  @FieldResolver(() => ServerObject)
  async server(@Root() invite: InviteView, @Ctx() ctx: GraphqlContext): Promise<ServerView> {
    return (await ctx.loaders.servers.load(invite.serverId))!;
  }
}
