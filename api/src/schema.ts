import 'reflect-metadata';
import { getNamedType, isUnionType, type GraphQLSchema } from 'graphql';
import { assertPlainFieldsUnchecked } from './graphql/object-type.js';
import { buildSchema, type ContainerType } from 'type-graphql';
import type { FanoutItem } from './realtime/fanout-item.js';
import { AuditResolver } from './features/audit/audit.resolver.js';
import { AuthResolver } from './features/auth/auth.resolver.js';
import { AccountSessionsResolver } from './features/auth/account-sessions.resolver.js';
import { DemoLoginResolver } from './features/auth/demo-login.resolver.js';
import { BotsResolver } from './features/bots/bots.resolver.js';
import { ChannelsResolver } from './features/channels/channels.resolver.js';
import { InvitePreviewResolver } from './features/invites/invite-preview.resolver.js';
import { InvitesResolver } from './features/invites/invites.resolver.js';
import { MembersResolver } from './features/members/members.resolver.js';
import { ServerMemberResolver } from './features/members/server-member.resolver.js';
import { MessagesResolver } from './features/messages/messages.resolver.js';
import { PresenceResolver } from './features/presence/presence.resolver.js';
import { PinsResolver } from './features/pins/pins.resolver.js';
import { ReactionsResolver } from './features/reactions/reactions.resolver.js';
import { SearchResolver } from './features/search/search.resolver.js';
import { ReadStatesResolver, ServerReadStatesResolver } from './features/read-states/read-states.resolver.js';
import { ModerationResolver } from './features/moderation/moderation.resolver.js';
import { RolesResolver } from './features/roles/roles.resolver.js';
import { ServersResolver } from './features/servers/servers.resolver.js';
import { UsersResolver } from './features/users/users.resolver.js';
import { ExplainResolver } from './features/explain/explain.resolver.js';
import { BotManagementResolver } from './features/bots/bot-management.resolver.js';
import { OwnershipResolver } from './features/servers/ownership.resolver.js';
import { AuditLiveResolver } from './features/audit/audit-live.resolver.js';
import { ModerationQueueResolver } from './features/moderation-queue/moderation-queue.resolver.js';
import { EventsResolver, pushFeedFields } from './realtime/events.resolver.js';
import {
  ChannelVoiceStatesResolver,
  VoiceResolver,
  VoiceSessionResolver,
  VoiceSignalResolver,
  VoiceStateResolver,
} from './features/voice/voice.resolver.js';
import type { Services } from './services.js';
import { authChecker } from './graphql/authorize.js';
import { DateTimeScalar } from './graphql/scalars.js';

export const resolvers = [
  AuthResolver,
  AccountSessionsResolver,
  UsersResolver,
  ServersResolver,
  MembersResolver,
  RolesResolver,
  ChannelsResolver,
  InvitesResolver,
  ModerationResolver,
  AuditResolver,
  MessagesResolver,
  ReactionsResolver,
  PinsResolver,
  SearchResolver,
  PresenceResolver,
  EventsResolver,
  VoiceResolver,
  VoiceSessionResolver,
  VoiceStateResolver,
  VoiceSignalResolver,
  ChannelVoiceStatesResolver,
  BotsResolver,
  // Added for the dashboard (issue 10).
  InvitePreviewResolver,
  ServerMemberResolver,
  ReadStatesResolver,
  ServerReadStatesResolver,
  DemoLoginResolver,
  // Added for the admins' dashboard (issue 11).
  ExplainResolver,
  AuditLiveResolver,
  ModerationQueueResolver,
  BotManagementResolver,
  OwnershipResolver,
] as const;

/** Resolvers receive the service graph through their constructor; one instance each. */
function containerFor(services: Services | null): ContainerType {
  const instances = new Map<unknown, unknown>();
  return {
    get(resolverClass: new (services: Services | null) => unknown) {
      if (!instances.has(resolverClass)) instances.set(resolverClass, new resolverClass(services));
      return instances.get(resolverClass);
    },
  };
}

/**
 * type-graphql insists on a pubSub when subscriptions exist. Ours define their own `subscribe`
 * (realtime/*.source.ts over the Redis event bus), so topic-based subscriptions are refused.
 */
const noTopicPubSub = {
  publish(): never {
    throw new Error('publish through EventPublisher, not type-graphql topics');
  },
  subscribe(): never {
    throw new Error('subscriptions must define `subscribe`');
  },
};

/** `services` may be null only to print the schema. */
export async function buildAppSchema(services: Services | null): Promise<GraphQLSchema> {
  assertPlainFieldsUnchecked();
  const schema = await buildSchema({
    resolvers,
    container: containerFor(services),
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    pubSub: noTopicPubSub,
    authChecker,
  });
  resolvePushFeedsDirectly(schema);
  return schema;
}

/**
 * A push feed's root field is the event it was handed, and its union member is named by the event's
 * `type`. Through type-graphql every event's execution would wait on promises (its parameter pipeline
 * is asynchronous for any field with arguments, its union resolver always; the auth check was made
 * once, at subscribe); resolved directly, an execution whose fields are at hand finishes at once, and
 * the frames leave while the event is being handed out.
 */
function resolvePushFeedsDirectly(schema: GraphQLSchema): void {
  const fields = schema.getSubscriptionType()!.getFields();
  for (const name of pushFeedFields) {
    const field = fields[name]!;
    field.resolve = (item: FanoutItem) => item.event;
    const union = getNamedType(field.type);
    if (!isUnionType(union)) throw new Error(`push feed ${name} must return a union of event types`);
    union.resolveType = (event: { type: string }) => event.type;
  }
}
