import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CurrentViewer, GrantedServer, RequireAccess, RequirePermission, serverArg } from '../../graphql/authorize.js';
import type { GraphqlContext, Viewer } from '../../graphql/context.js';
import { unpagedListCost } from '../../graphql/limits.js';
import { Permission } from '../../graphql/enums.js';
import { bitsToPermissions, type PermissionName } from '../../permissions/bits.js';
import { AppError } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';
import type { Services } from '../../services.js';
import type { ServerAccess } from '../access/access.service.js';
import { ChannelObject } from '../channels/channel.object.js';
import type { ChannelView } from '../channels/channel.view.js';
import { MemberObject } from '../members/member.object.js';
import type { MemberView } from '../members/member.view.js';
import { RoleObject } from '../roles/role.object.js';
import type { RoleView } from '../roles/role.view.js';
import { UserObject } from '../users/user.object.js';
import type { UserView } from '../users/user.view.js';
import { CreateServerInput, ServerObject, UpdateServerInput } from './server.object.js';
import { ServerRateLimitsInput, ServerRateLimitsObject } from './server-limits.object.js';
import type { ServerLimits } from './server-limits.js';
import type { ServerView } from './server.view.js';

@Resolver(() => ServerObject)
export class ServersResolver {
  constructor(private readonly services: Services) {}

  /** Null for unknown ids and for private servers the caller is not in (never revealing they exist). */
  @Authorized()
  @Query(() => ServerObject, { nullable: true })
  async server(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphqlContext, @CurrentViewer() viewer: Viewer): Promise<ServerView | null> {
    try {
      await this.services.access.server(id, viewer.userId);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NotFound) return null;
      throw error;
    }
    return ctx.loaders.servers.load(id);
  }

  @Authorized()
  @Query(() => [ServerObject], { description: 'Servers the caller is a member of.', complexity: unpagedListCost })
  myServers(@CurrentViewer() viewer: Viewer): Promise<ServerView[]> {
    return this.services.servers.mine(viewer.userId);
  }

  @Authorized()
  @Query(() => [ServerObject], { description: 'Public servers anyone signed in can join.' })
  discoverServers(
    @Arg('query', () => String, { nullable: true }) query: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
  ): Promise<ServerView[]> {
    return this.services.servers.discover({ query, first });
  }

  @Authorized()
  @Mutation(() => ServerObject)
  createServer(@Arg('input', () => CreateServerInput) input: CreateServerInput, @CurrentViewer() viewer: Viewer): Promise<ServerView> {
    return this.services.servers.create(viewer.userId, input);
  }

  @RequirePermission('MANAGE_SERVER', serverArg('id'))
  @Mutation(() => ServerObject)
  updateServer(
    @Arg('id', () => ID) _id: string,
    @Arg('input', () => UpdateServerInput) input: UpdateServerInput,
    @GrantedServer() access: ServerAccess,
  ): Promise<ServerView> {
    return this.services.servers.update(access, input);
  }

  @RequirePermission('MANAGE_SERVER', serverArg('serverId'))
  @Mutation(() => ServerRateLimitsObject)
  updateServerRateLimits(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('input', () => ServerRateLimitsInput) input: ServerRateLimitsInput,
    @GrantedServer() access: ServerAccess,
  ): Promise<ServerLimits> {
    return this.services.servers.updateRateLimits(access, input);
  }

  @RequireAccess(serverArg('id'))
  @Mutation(() => Boolean)
  async deleteServer(@Arg('id', () => ID) _id: string, @GrantedServer() access: ServerAccess): Promise<boolean> {
    await this.services.servers.delete(access);
    return true;
  }

  @Authorized()
  @Mutation(() => ServerObject, { description: 'Public servers by id; private servers need an invite code.' })
  async joinServer(
    @Arg('serverId', () => ID, { nullable: true }) serverId: string | null,
    @Arg('inviteCode', () => String, { nullable: true }) inviteCode: string | null,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ServerView> {
    return (await this.services.members.join(viewer.userId, serverId, inviteCode)).server;
  }

  @RequireAccess(serverArg('serverId'))
  @Mutation(() => Boolean)
  async leaveServer(@Arg('serverId', () => ID) _serverId: string, @GrantedServer() access: ServerAccess): Promise<boolean> {
    await this.services.members.leave(access);
    return true;
  }

  @FieldResolver(() => UserObject)
  async owner(@Root() server: ServerView, @Ctx() ctx: GraphqlContext): Promise<UserView> {
    return (await ctx.loaders.users.load(server.ownerId))!;
  }

  /** Only the channels the caller can see. */
  @Authorized()
  @FieldResolver(() => [ChannelObject], { complexity: unpagedListCost })
  async channels(@Root() server: ServerView, @Ctx() ctx: GraphqlContext, @CurrentViewer() viewer: Viewer): Promise<ChannelView[]> {
    const access = await this.services.access.server(server.id, viewer.userId);
    const visible = this.services.access.visibleChannelIds(access);
    return (await ctx.loaders.channelsByServer.load(server.id)).filter((c) => visible.has(c.id));
  }

  @FieldResolver(() => [RoleObject], { complexity: unpagedListCost })
  roles(@Root() server: ServerView, @Ctx() ctx: GraphqlContext): Promise<RoleView[]> {
    return ctx.loaders.rolesByServer.load(server.id);
  }

  @Authorized()
  @FieldResolver(() => [MemberObject])
  async members(
    @Root() server: ServerView,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after: string | null,
    @Arg('query', () => String, {
      nullable: true,
      description: 'Only members whose username, display name or nickname contains this, in any case.',
    })
    query: string | null,
    @Arg('roleId', () => ID, { nullable: true, description: 'Only members holding this role (@everyone: all).' }) roleId: string | null,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MemberView[]> {
    const access = await this.services.access.server(server.id, viewer.userId);
    // Public servers show their member list to members only, like private ones.
    if (!access.member) return [];
    return this.services.members.list(server.id, { first, after, query, roleId });
  }

  @Authorized()
  @FieldResolver(() => ServerRateLimitsObject)
  async rateLimits(@Root() server: ServerView, @CurrentViewer() viewer: Viewer): Promise<ServerLimits> {
    const access = await this.services.access.server(server.id, viewer.userId);
    return access.server.limits;
  }

  @FieldResolver(() => Int)
  memberCount(@Root() server: ServerView, @Ctx() ctx: GraphqlContext): Promise<number> {
    return ctx.loaders.memberCounts.load(server.id);
  }

  @Authorized()
  @FieldResolver(() => [Permission])
  async myPermissions(@Root() server: ServerView, @CurrentViewer() viewer: Viewer): Promise<PermissionName[]> {
    const access = await this.services.access.server(server.id, viewer.userId);
    return bitsToPermissions(access.permissions);
  }
}
