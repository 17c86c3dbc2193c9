import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { channelArg, CurrentViewer, GrantedChannel, RequireAccess } from '../../graphql/authorize.js';
import type { GraphqlContext, Viewer } from '../../graphql/context.js';
import { unpagedListCost } from '../../graphql/limits.js';
import { notFound } from '../../kernel/errors/app-error.js';
import type { Services } from '../../services.js';
import type { ChannelAccess } from '../access/access.service.js';
import { MessageObject } from '../messages/message.object.js';
import type { MessageView } from '../messages/message.view.js';

@Resolver(() => MessageObject)
export class PinsResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Mutation(() => MessageObject, {
    description: 'Pins the message to its channel (MANAGE_MESSAGES; at most 50 a channel; pinning a pinned one changes nothing).',
  })
  async pinMessage(
    @Arg('messageId', () => ID) messageId: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: GraphqlContext,
  ): Promise<MessageView> {
    await this.services.pins.pin(viewer.userId, { messageId }, (channelId) => this.services.access.channel(channelId, viewer.userId));
    return pinnedNow(ctx, messageId);
  }

  @Authorized()
  @Mutation(() => MessageObject, { description: 'Unpins the message (MANAGE_MESSAGES; unpinning one that is not pinned changes nothing).' })
  async unpinMessage(
    @Arg('messageId', () => ID) messageId: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: GraphqlContext,
  ): Promise<MessageView> {
    await this.services.pins.unpin(viewer.userId, { messageId }, (channelId) => this.services.access.channel(channelId, viewer.userId));
    return pinnedNow(ctx, messageId);
  }

  @RequireAccess(channelArg('channelId'))
  @Query(() => [MessageObject], { description: "The channel's pinned messages, latest pinned first.", complexity: unpagedListCost })
  pinnedMessages(@Arg('channelId', () => ID) _channelId: string, @GrantedChannel() access: ChannelAccess): Promise<MessageView[]> {
    return this.services.pins.list(access);
  }
}

/** The message as the change left it (read after the commit, not from a loader that may hold it from before). */
async function pinnedNow(ctx: GraphqlContext, messageId: string): Promise<MessageView> {
  ctx.loaders.messages.clear(messageId);
  const message = await ctx.loaders.messages.load(messageId);
  if (!message) throw notFound('Message');
  return message;
}
