import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CurrentViewer } from '../../graphql/authorize.js';
import type { GraphqlContext, Viewer } from '../../graphql/context.js';
import { smallListCost } from '../../graphql/limits.js';
import { notFound } from '../../kernel/errors/app-error.js';
import type { Services } from '../../services.js';
import { MessageObject } from '../messages/message.object.js';
import type { MessageView } from '../messages/message.view.js';
import { UserObject } from '../users/user.object.js';
import type { UserView } from '../users/user.view.js';
import { ReactionObject } from './reaction.object.js';
import type { ReactionView } from './reaction.view.js';

/** Per request (or per live event's execution): a page of messages costs one query for all their reactions. */
const loaders = new WeakMap<GraphqlContext, DataLoader<string, ReactionView[]>>();
function reactionsLoader(ctx: GraphqlContext): DataLoader<string, ReactionView[]> {
  let loader = loaders.get(ctx);
  if (!loader) {
    const viewerId = ctx.viewer?.userId ?? null;
    loader = new DataLoader((ids) => ctx.services.reactions.forMessages(ids, viewerId));
    loaders.set(ctx, loader);
  }
  return loader;
}

@Resolver(() => MessageObject)
export class ReactionsResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Mutation(() => MessageObject, {
    description: "Adds the caller's reaction (once per emoji; a repeat changes nothing). Returns the message.",
  })
  async addReaction(
    @Arg('messageId', () => ID) messageId: string,
    @Arg('emoji') emoji: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: GraphqlContext,
  ): Promise<MessageView> {
    await this.services.reactions.add(viewer.userId, { messageId, emoji }, (channelId) =>
      this.services.access.channel(channelId, viewer.userId),
    );
    return messageNow(ctx, messageId);
  }

  @Authorized()
  @Mutation(() => MessageObject, {
    description: "Removes the caller's reaction, or with userId (and MANAGE_MESSAGES) someone else's. Returns the message.",
  })
  async removeReaction(
    @Arg('messageId', () => ID) messageId: string,
    @Arg('emoji') emoji: string,
    @Arg('userId', () => ID, { nullable: true }) userId: string | null,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: GraphqlContext,
  ): Promise<MessageView> {
    await this.services.reactions.remove(viewer.userId, { messageId, emoji, userId }, (channelId) =>
      this.services.access.channel(channelId, viewer.userId),
    );
    return messageNow(ctx, messageId);
  }

  @Authorized()
  @Query(() => [UserObject], { description: 'Who reacted to a message with an emoji, first reactions first (limit 1-100).' })
  async reactionUsers(
    @Arg('messageId', () => ID) messageId: string,
    @Arg('emoji') emoji: string,
    @Arg('limit', () => Int, { defaultValue: 25 }) limit: number,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: GraphqlContext,
  ): Promise<UserView[]> {
    const ids = await this.services.reactions.users(viewer.userId, { messageId, emoji, limit }, (channelId) =>
      this.services.access.channel(channelId, viewer.userId),
    );
    // A user deleted meanwhile took their reactions with them: nothing to show for them.
    return (await ctx.loaders.users.loadMany(ids)).filter((user): user is UserView => user !== null && !(user instanceof Error));
  }

  /** A new message's event carries its (empty) reactions, so a live MessageCreated queries nothing. */
  @FieldResolver(() => [ReactionObject], { description: 'In the order each emoji was first used.', complexity: smallListCost })
  reactions(@Root() message: MessageView, @Ctx() ctx: GraphqlContext): ReactionView[] | Promise<ReactionView[]> {
    return message.reactions ?? reactionsLoader(ctx).load(message.id);
  }
}

async function messageNow(ctx: GraphqlContext, messageId: string): Promise<MessageView> {
  const message = await ctx.loaders.messages.load(messageId);
  if (!message) throw notFound('Message');
  return message;
}
