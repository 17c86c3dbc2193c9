import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { channelArg, CurrentViewer, GrantedChannel, RequireAccess } from '../../graphql/authorize.js';
import type { GraphqlContext, Viewer } from '../../graphql/context.js';
import type { Services } from '../../services.js';
import type { ChannelAccess } from '../access/access.service.js';
import { ChannelObject } from '../channels/channel.object.js';
import type { ChannelView } from '../channels/channel.view.js';
import { smallListCost } from '../../graphql/limits.js';
import { MemberObject } from '../members/member.object.js';
import type { MemberView } from '../members/member.view.js';
import { UserObject } from '../users/user.object.js';
import type { UserView } from '../users/user.view.js';
import { memberMentions, MAX_MEMBER_MENTIONS, type MemberMention } from './mentions.js';
import { MessageObject, MessagePageObject } from './message.object.js';
import type { MessageView } from './message.view.js';
import type { MessagePage } from './messages.service.js';

@Resolver(() => MessageObject)
export class MessagesResolver {
  constructor(private readonly services: Services) {}

  /** SEND_MESSAGES (or TIMED_OUT) is checked by the service, so a timed-out member learns when it ends. */
  @RequireAccess(channelArg('channelId'))
  @Mutation(() => MessageObject)
  sendMessage(
    @Arg('channelId', () => ID) _channelId: string,
    @Arg('content') content: string,
    @Arg('replyToId', () => ID, { nullable: true }) replyToId: string | null,
    @GrantedChannel() access: ChannelAccess,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MessageView> {
    return this.services.messages.send(access, { content, replyToId }, { isBot: viewer.isBot });
  }

  @Authorized()
  @Mutation(() => MessageObject)
  editMessage(
    @Arg('messageId', () => ID) messageId: string,
    @Arg('content') content: string,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MessageView> {
    const { userId } = viewer;
    return this.services.messages.edit(userId, messageId, { content }, (channelId) => this.services.access.channel(channelId, userId));
  }

  @Authorized()
  @Mutation(() => Boolean)
  async deleteMessage(@Arg('messageId', () => ID) messageId: string, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    const { userId } = viewer;
    await this.services.messages.delete(userId, messageId, (channelId) => this.services.access.channel(channelId, userId));
    return true;
  }

  @RequireAccess(channelArg('channelId'))
  @Mutation(() => Boolean)
  async startTyping(@Arg('channelId', () => ID) _channelId: string, @GrantedChannel() access: ChannelAccess): Promise<boolean> {
    await this.services.messages.startTyping(access);
    return true;
  }

  @RequireAccess(channelArg('channelId'))
  @Query(() => MessagePageObject)
  messages(
    @Arg('channelId', () => ID) _channelId: string,
    @Arg('before', () => ID, { nullable: true }) before: string | null,
    @Arg('after', () => ID, { nullable: true }) after: string | null,
    @Arg('around', () => ID, { nullable: true }) around: string | null,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit: number,
    @GrantedChannel() access: ChannelAccess,
  ): Promise<MessagePage> {
    return this.services.messages.history(access, { before, after, around, limit });
  }

  @FieldResolver(() => ChannelObject)
  async channel(@Root() message: MessageView, @Ctx() ctx: GraphqlContext): Promise<ChannelView> {
    return (await ctx.loaders.channels.load(message.channelId))!;
  }

  /** No promise when the event carries its author: a push feed's execution then finishes at once. */
  @FieldResolver(() => UserObject)
  author(@Root() message: MessageView, @Ctx() ctx: GraphqlContext): UserView | Promise<UserView> {
    return message.author ?? (ctx.loaders.users.load(message.authorId) as Promise<UserView>);
  }

  /** Null when there is no reply or the message replied to was deleted. */
  @FieldResolver(() => MessageObject, { nullable: true })
  replyTo(@Root() message: MessageView, @Ctx() ctx: GraphqlContext): Promise<MessageView | null> | null {
    return message.replyToId ? ctx.loaders.messages.load(message.replyToId) : null;
  }

  /**
   * Two batched lookups per page or event whatever the count (users by name, then memberships), so
   * priced as one object; no promise when the text names nobody, as most do.
   */
  @FieldResolver(() => [MemberObject], {
    description: `The members of its server its text mentions, by @username (as typed) or <@userId> (as bots write), outside code and links, each once, in the order first mentioned, at most ${MAX_MEMBER_MENTIONS}: what a client shows such a mention as (their nickname, else display name). Someone who is no member is not listed.`,
    complexity: smallListCost,
  })
  mentionedMembers(@Root() message: MessageView, @Ctx() ctx: GraphqlContext): MemberView[] | Promise<MemberView[]> {
    const mentions = memberMentions(message.content);
    return mentions.length ? this.membersMentioned(message.serverId, mentions, ctx) : [];
  }

  private async membersMentioned(serverId: string, mentions: MemberMention[], ctx: GraphqlContext): Promise<MemberView[]> {
    const userIds = await Promise.all(
      mentions.map(async (mention) => {
        if ('userId' in mention) return mention.userId;
        const user = await ctx.loaders.usersByUsername.load(mention.username);
        // Their Member.user needs no second lookup.
        if (user) ctx.loaders.users.prime(user.id, user);
        return user?.id;
      }),
    );
    const unique = [...new Set(userIds.filter((id) => id !== undefined))];
    const members = await Promise.all(unique.map((userId) => ctx.loaders.members.load({ serverId, userId })));
    return members.filter((m) => m !== null);
  }
}
