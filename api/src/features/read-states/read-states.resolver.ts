import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { channelArg, CurrentViewer, GrantedChannel, GrantedServer, RequireAccess, serverArg } from '../../graphql/authorize.js';
import type { GraphqlContext, Viewer } from '../../graphql/context.js';
import type { Services } from '../../services.js';
import type { ChannelAccess, ServerAccess } from '../access/access.service.js';
import { ChannelObject } from '../channels/channel.object.js';
import type { ChannelView } from '../channels/channel.view.js';
import { ServerObject } from '../servers/server.object.js';
import type { ServerView } from '../servers/server.view.js';
import { compareSnowflakes } from '../../kernel/ids/snowflake.js';
import { MENTION_SCAN_LIMIT } from './read-states.service.js';
import { Personal } from '../../graphql/personal-fields.js';

interface ReadLoaders {
  lastRead: DataLoader<string, string | null>;
  lastMessage: DataLoader<string, string | null>;
  mentions: DataLoader<string, number>;
}

/** Per-request loaders, so a server's channel list costs two queries, not two per channel. */
const loadersByContext = new WeakMap<GraphqlContext, ReadLoaders>();
function loadersOf(ctx: GraphqlContext, userId: string): ReadLoaders {
  let loaders = loadersByContext.get(ctx);
  if (!loaders) {
    loaders = {
      lastRead: new DataLoader((ids) => ctx.services.readStates.lastRead(userId, ids)),
      lastMessage: new DataLoader((ids) => ctx.services.readStates.lastMessage(ids)),
      mentions: new DataLoader((ids) => ctx.services.readStates.mentionCounts(userId, ids)),
    };
    loadersByContext.set(ctx, loaders);
  }
  return loaders;
}

@Resolver(() => ChannelObject)
export class ReadStatesResolver {
  constructor(private readonly services: Services) {}

  /** Everything up to messageId is read, on every device of the caller. Returns the channel. */
  @RequireAccess(channelArg('channelId'))
  @Mutation(() => ChannelObject)
  async markChannelRead(
    @Arg('channelId', () => ID) channelId: string,
    @Arg('messageId', () => ID) messageId: string,
    @GrantedChannel() access: ChannelAccess,
    @Ctx() ctx: GraphqlContext,
  ): Promise<ChannelView> {
    await this.services.readStates.markRead(access, { messageId });
    return (await ctx.loaders.channels.load(channelId))!;
  }

  @Authorized()
  @Personal()
  @FieldResolver(() => ID, { nullable: true, description: 'The newest message the caller has read here (null: none yet).' })
  lastReadMessageId(@Root() channel: ChannelView, @Ctx() ctx: GraphqlContext, @CurrentViewer() viewer: Viewer): Promise<string | null> {
    return loadersOf(ctx, viewer.userId).lastRead.load(channel.id);
  }

  @Authorized()
  @FieldResolver(() => ID, { nullable: true, description: 'The newest message in the channel (null: none).' })
  lastMessageId(@Root() channel: ChannelView, @Ctx() ctx: GraphqlContext, @CurrentViewer() viewer: Viewer): Promise<string | null> {
    return loadersOf(ctx, viewer.userId).lastMessage.load(channel.id);
  }

  @Authorized()
  @Personal()
  @FieldResolver(() => Int, {
    description: `Unread messages by others that mention the caller (@username) or reply to them, among the newest ${MENTION_SCAN_LIMIT} unread.`,
  })
  mentionCount(@Root() channel: ChannelView, @Ctx() ctx: GraphqlContext, @CurrentViewer() viewer: Viewer): Promise<number> {
    return loadersOf(ctx, viewer.userId).mentions.load(channel.id);
  }
}

/** What a server's icon on the rail shows: whether anything is unread there, and how often the caller was called. */
@Resolver(() => ServerObject)
export class ServerReadStatesResolver {
  constructor(private readonly services: Services) {}

  @RequireAccess(serverArg('serverId'))
  @Mutation(() => ServerObject, {
    description:
      'Marks every text channel of the server the caller can see read up to its newest message, on every device. Returns the server.',
  })
  async markServerRead(
    @Arg('serverId', () => ID) _serverId: string,
    @GrantedServer() access: ServerAccess,
    @Ctx() ctx: GraphqlContext,
  ): Promise<ServerView> {
    await this.services.readStates.markServerRead(access);
    return (await ctx.loaders.servers.load(access.server.id))!;
  }

  @Authorized()
  @Personal()
  @FieldResolver(() => Boolean, {
    description: 'A text channel the caller can see has a message newer than their read marker (false when not a member).',
  })
  async hasUnread(@Root() server: ServerView, @Ctx() ctx: GraphqlContext, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    const channelIds = await this.readableTextChannelIds(server, viewer);
    const loaders = loadersOf(ctx, viewer.userId);
    const [last, read] = await Promise.all([loaders.lastMessage.loadMany(channelIds), loaders.lastRead.loadMany(channelIds)]);
    return channelIds.some((_, i) => {
      const [newest, marker] = [last[i], read[i]];
      if (newest instanceof Error) throw newest;
      if (marker instanceof Error) throw marker;
      return typeof newest === 'string' && (!marker || compareSnowflakes(newest, marker) > 0);
    });
  }

  @Authorized()
  @Personal()
  @FieldResolver(() => Int, { description: "The sum of mentionCount over the server's text channels the caller can see." })
  async mentionCount(@Root() server: ServerView, @Ctx() ctx: GraphqlContext, @CurrentViewer() viewer: Viewer): Promise<number> {
    const channelIds = await this.readableTextChannelIds(server, viewer);
    const counts = await loadersOf(ctx, viewer.userId).mentions.loadMany(channelIds);
    return counts.reduce<number>((sum, count) => {
      if (count instanceof Error) throw count;
      return sum + count;
    }, 0);
  }

  /** The server's text channels the caller can read as a member; none when they are not one. */
  private async readableTextChannelIds(server: ServerView, viewer: Viewer): Promise<string[]> {
    return this.services.readStates.readableTextChannelIds(await this.services.access.server(server.id, viewer.userId));
  }
}
