import { Arg, Authorized, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { GraphqlContext } from '../graphql/context.js';
import { ChannelEventUnion } from './channel-event.objects.js';
import { channelEventSource } from './channel-events.source.js';
import type { FanoutItem } from './fanout-item.js';
import { ServerEventUnion } from './server-event.objects.js';
import { serverEventSource } from './server-events.source.js';
import type { ChannelEventPayload, ServerEventPayload } from './topics.js';

/** Subscription fields served as push feeds: schema.ts resolves each to the event it was handed. */
export const pushFeedFields = ['channelEvents', 'serverEvents'] as const;

/**
 * The methods declare the fields and their arguments; at run time schema.ts resolves them directly
 * (type-graphql's parameter pipeline is asynchronous for any field with arguments).
 */
@Resolver()
export class EventsResolver {
  @Authorized()
  @Subscription(() => ChannelEventUnion, {
    description: 'since: replay every message created after that ID before the live events, so a client that reconnects misses nothing.',
    subscribe: ({ args, context }) => {
      const ctx = context as GraphqlContext;
      return channelEventSource(ctx.services, ctx.viewer!, args.channelId as string, (args.since as string | null | undefined) ?? null);
    },
  })
  channelEvents(
    @Root() item: FanoutItem<ChannelEventPayload>,
    @Arg('channelId', () => ID) _channelId: string,
    @Arg('since', () => ID, { nullable: true }) _since: string | null,
  ): ChannelEventPayload {
    return item.event;
  }

  @Authorized()
  @Subscription(() => ServerEventUnion, {
    subscribe: ({ args, context }) => {
      const ctx = context as GraphqlContext;
      return serverEventSource(ctx.services, ctx.viewer!, args.serverId as string);
    },
  })
  serverEvents(@Root() item: FanoutItem<ServerEventPayload>, @Arg('serverId', () => ID) _serverId: string): ServerEventPayload {
    return item.event;
  }
}
