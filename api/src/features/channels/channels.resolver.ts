import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { unpagedListCost } from '../../graphql/limits.js';
import { channelArg, CurrentViewer, GrantedChannel, GrantedServer, RequirePermission, serverArg } from '../../graphql/authorize.js';
import type { GraphqlContext, Viewer } from '../../graphql/context.js';
import { Permission } from '../../graphql/enums.js';
import { OverwriteTarget } from './channel.enums.js';
import { bitsToPermissions, type PermissionName } from '../../permissions/bits.js';
import { AppError } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';
import type { Services } from '../../services.js';
import type { ChannelAccess, ServerAccess } from '../access/access.service.js';
import { ServerObject } from '../servers/server.object.js';
import type { ServerView } from '../servers/server.view.js';
import { ChannelObject, CreateChannelInput, OverwriteInput, UpdateChannelInput } from './channel.object.js';
import type { ChannelView } from './channel.view.js';

@Resolver(() => ChannelObject)
export class ChannelsResolver {
  constructor(private readonly services: Services) {}

  /** Null for unknown channels and for channels the caller cannot see. */
  @Authorized()
  @Query(() => ChannelObject, { nullable: true })
  async channel(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer): Promise<ChannelView | null> {
    try {
      await this.services.access.channel(id, viewer.userId);
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.NotFound) return null;
      throw error;
    }
    return this.services.channels.get(id);
  }

  @RequirePermission('MANAGE_CHANNELS', serverArg('input.serverId'))
  @Mutation(() => ChannelObject)
  createChannel(
    @Arg('input', () => CreateChannelInput) input: CreateChannelInput,
    @GrantedServer() access: ServerAccess,
  ): Promise<ChannelView> {
    return this.services.channels.create(access, input);
  }

  @RequirePermission('MANAGE_CHANNELS', channelArg('id'))
  @Mutation(() => ChannelObject)
  updateChannel(
    @Arg('id', () => ID) _id: string,
    @Arg('input', () => UpdateChannelInput) input: UpdateChannelInput,
    @GrantedChannel() access: ChannelAccess,
  ): Promise<ChannelView> {
    return this.services.channels.update(access, input);
  }

  @RequirePermission('MANAGE_CHANNELS', serverArg('serverId'))
  @Mutation(() => [ChannelObject], {
    complexity: unpagedListCost,
    description:
      'Puts every channel of the server you can see in this order (first first), at once; channels hidden from you keep their places.',
  })
  reorderChannels(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('channelIds', () => [ID]) channelIds: string[],
    @GrantedServer() access: ServerAccess,
  ): Promise<ChannelView[]> {
    return this.services.channels.reorder(access, { channelIds });
  }

  @RequirePermission('MANAGE_CHANNELS', channelArg('id'))
  @Mutation(() => Boolean)
  async deleteChannel(@Arg('id', () => ID) _id: string, @GrantedChannel() access: ChannelAccess): Promise<boolean> {
    await this.services.channels.delete(access);
    return true;
  }

  @RequirePermission('MANAGE_ROLES', channelArg('channelId'))
  @Mutation(() => ChannelObject)
  setChannelOverwrite(
    @Arg('channelId', () => ID) _channelId: string,
    @Arg('input', () => OverwriteInput) input: OverwriteInput,
    @GrantedChannel() access: ChannelAccess,
  ): Promise<ChannelView> {
    return this.services.channels.setOverwrite(access, input);
  }

  @RequirePermission('MANAGE_ROLES', channelArg('channelId'))
  @Mutation(() => ChannelObject)
  removeChannelOverwrite(
    @Arg('channelId', () => ID) _channelId: string,
    @Arg('targetType', () => OverwriteTarget) targetType: OverwriteTarget,
    @Arg('targetId', () => ID) targetId: string,
    @GrantedChannel() access: ChannelAccess,
  ): Promise<ChannelView> {
    return this.services.channels.removeOverwrite(access, { targetType, targetId });
  }

  @FieldResolver(() => ServerObject)
  async server(@Root() channel: ChannelView, @Ctx() ctx: GraphqlContext): Promise<ServerView> {
    return (await ctx.loaders.servers.load(channel.serverId))!;
  }

  @Authorized()
  @FieldResolver(() => [Permission])
  async myPermissions(@Root() channel: ChannelView, @CurrentViewer() viewer: Viewer): Promise<PermissionName[]> {
    const access = await this.services.access.server(channel.serverId, viewer.userId);
    const snapshot = access.server.channels.get(channel.id);
    return snapshot ? bitsToPermissions(this.services.access.channelPermissions(access, snapshot)) : [];
  }
}
