import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { channelArg, CurrentViewer, GrantedChannel, GrantedServer, RequireAccess, serverArg } from '../../graphql/authorize.js';
import type { GraphqlContext, Viewer } from '../../graphql/context.js';
import type { FanoutItem } from '../../realtime/fanout-item.js';
import type { Services } from '../../services.js';
import type { ChannelAccess, ServerAccess } from '../access/access.service.js';
import { ChannelObject } from '../channels/channel.object.js';
import type { ChannelView } from '../channels/channel.view.js';
import { UserObject } from '../users/user.object.js';
import type { UserView } from '../users/user.view.js';
import { voiceSignalSource } from './voice-signals.source.js';
import type { IceServerView, VoiceSessionView, VoiceSignalPayload, VoiceStateView } from './voice-state.js';
import { IceServerObject, VoiceSessionObject, VoiceSignalObject, VoiceSignalTypeEnum, VoiceStateObject } from './voice.objects.js';
import { nestedListCost, smallListCost } from '../../graphql/limits.js';

type Signal = Extract<VoiceSignalPayload, { fromSessionId: string }>;

@Resolver()
export class VoiceResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => [IceServerObject], { complexity: smallListCost })
  iceServers(@CurrentViewer() viewer: Viewer): IceServerView[] {
    return this.services.voice.iceServers(viewer.userId);
  }

  /** JOIN_VOICE is checked by the service (it also decides server-mute and the room limit). */
  @RequireAccess(channelArg('channelId'))
  @Mutation(() => VoiceSessionObject)
  joinVoice(
    @Arg('channelId', () => ID) _channelId: string,
    @Arg('selfMute', () => Boolean, { defaultValue: false }) selfMute: boolean,
    @Arg('selfDeaf', () => Boolean, { defaultValue: false }) selfDeaf: boolean,
    @GrantedChannel() access: ChannelAccess,
  ): Promise<VoiceSessionView> {
    return this.services.voice.join(access, selfMute, selfDeaf);
  }

  @Authorized()
  @Mutation(() => Boolean)
  async leaveVoice(@Arg('sessionId', () => ID) sessionId: string, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    await this.services.voice.leave(viewer.userId, sessionId);
    return true;
  }

  @Authorized()
  @Mutation(() => VoiceStateObject)
  updateVoiceState(
    @Arg('sessionId', () => ID) sessionId: string,
    @Arg('selfMute', () => Boolean, { nullable: true }) selfMute: boolean | null,
    @Arg('selfDeaf', () => Boolean, { nullable: true }) selfDeaf: boolean | null,
    @CurrentViewer() viewer: Viewer,
  ): Promise<VoiceStateView> {
    return this.services.voice.updateSelf(viewer.userId, sessionId, { selfMute, selfDeaf });
  }

  @Authorized()
  @Mutation(() => Boolean)
  async sendVoiceSignal(
    @Arg('sessionId', () => ID) sessionId: string,
    @Arg('toSessionId', () => ID) toSessionId: string,
    @Arg('type', () => VoiceSignalTypeEnum) type: VoiceSignalTypeEnum,
    @Arg('payload') payload: string,
    @CurrentViewer() viewer: Viewer,
  ): Promise<boolean> {
    await this.services.voice.signal(viewer.userId, sessionId, toSessionId, type, payload);
    return true;
  }

  /** Mute needs MUTE_MEMBERS, deafen DEAFEN_MEMBERS, disconnect and move MOVE_MEMBERS (checked per action). */
  @RequireAccess(serverArg('serverId'))
  @Mutation(() => Boolean)
  async moderateVoice(
    @Arg('serverId', () => ID) _serverId: string,
    @Arg('userId', () => ID) userId: string,
    @Arg('serverMute', () => Boolean, { nullable: true }) serverMute: boolean | null,
    @Arg('serverDeaf', () => Boolean, { nullable: true }) serverDeaf: boolean | null,
    @Arg('disconnect', () => Boolean, { nullable: true }) disconnect: boolean | null,
    @Arg('moveToChannelId', () => ID, { nullable: true }) moveToChannelId: string | null,
    @GrantedServer() access: ServerAccess,
  ): Promise<boolean> {
    await this.services.voice.moderate(access, userId, { serverMute, serverDeaf, disconnect, moveToChannelId });
    return true;
  }

  @Authorized()
  @Subscription(() => VoiceSignalObject, {
    subscribe: ({ args, context }) => {
      const ctx = context as GraphqlContext;
      return voiceSignalSource(ctx.services, ctx.viewer!, args.sessionId as string);
    },
  })
  voiceSignals(@Root() item: FanoutItem<Signal>, @Arg('sessionId', () => ID) _sessionId: string): Signal {
    return item.event;
  }
}

@Resolver(() => VoiceSessionObject)
export class VoiceSessionResolver {
  @FieldResolver(() => ChannelObject)
  async channel(@Root() session: VoiceSessionView, @Ctx() ctx: GraphqlContext): Promise<ChannelView> {
    return (await ctx.loaders.channels.load(session.channelId))!;
  }
}

@Resolver(() => VoiceStateObject)
export class VoiceStateResolver {
  @FieldResolver(() => UserObject)
  async user(@Root() state: VoiceStateView, @Ctx() ctx: GraphqlContext): Promise<UserView> {
    return (await ctx.loaders.users.load(state.userId))!;
  }

  @FieldResolver(() => ChannelObject)
  async channel(@Root() state: VoiceStateView, @Ctx() ctx: GraphqlContext): Promise<ChannelView> {
    return (await ctx.loaders.channels.load(state.channelId))!;
  }
}

@Resolver(() => VoiceSignalObject)
export class VoiceSignalResolver {
  @FieldResolver(() => UserObject)
  async fromUser(@Root() signal: Signal, @Ctx() ctx: GraphqlContext): Promise<UserView> {
    return (await ctx.loaders.users.load(signal.fromUserId))!;
  }
}

@Resolver(() => ChannelObject)
export class ChannelVoiceStatesResolver {
  constructor(private readonly services: Services) {}

  @FieldResolver(() => [VoiceStateObject], { complexity: nestedListCost })
  voiceStates(@Root() channel: ChannelView): Promise<VoiceStateView[]> | VoiceStateView[] {
    return channel.type === 'VOICE' ? this.services.voice.states(channel.serverId, channel.id) : [];
  }
}
