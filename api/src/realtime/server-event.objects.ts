import { createUnionType, Field, ID } from 'type-graphql';
import { ObjectType } from '../graphql/object-type.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { ChannelObject } from '../features/channels/channel.object.js';
import type { ChannelView } from '../features/channels/channel.view.js';
import { MemberObject } from '../features/members/member.object.js';
import type { MemberView } from '../features/members/member.view.js';
import { RoleObject } from '../features/roles/role.object.js';
import type { RoleView } from '../features/roles/role.view.js';
import { ServerObject } from '../features/servers/server.object.js';
import type { ServerView } from '../features/servers/server.view.js';
import { UserObject } from '../features/users/user.object.js';
import type { UserView } from '../features/users/user.view.js';
import { VoiceStateUpdatedObject } from '../features/voice/voice.objects.js';
import type { ServerEventPayload } from './topics.js';

@ObjectType('MemberJoined')
export class MemberJoinedObject {
  @Field(() => MemberObject)
  member!: MemberView;
}

@ObjectType('MemberLeft')
export class MemberLeftObject {
  @Field(() => ID)
  userId!: string;

  @Field({ description: '"left", "kicked" or "banned".' })
  reason!: string;
}

@ObjectType('MemberUpdated')
export class MemberUpdatedObject {
  @Field(() => MemberObject)
  member!: MemberView;
}

@ObjectType('PresenceUpdated')
export class PresenceUpdatedObject {
  @Field(() => UserObject)
  user!: UserView;
}

@ObjectType('ChannelUpdated', { description: 'A channel was created or changed.' })
export class ChannelUpdatedObject {
  @Field(() => ChannelObject)
  channel!: ChannelView;
}

@ObjectType('ChannelDeleted')
export class ChannelDeletedObject {
  @Field(() => ID)
  channelId!: string;
}

@ObjectType('ServerUpdated')
export class ServerUpdatedObject {
  @Field(() => ServerObject)
  server!: ServerView;
}

@ObjectType('ServerDeleted')
export class ServerDeletedObject {
  @Field(() => ID)
  serverId!: string;
}

@ObjectType('RoleUpdated', { description: 'A role was created or changed.' })
export class RoleUpdatedObject {
  @Field(() => RoleObject)
  role!: RoleView;
}

@ObjectType('RoleDeleted')
export class RoleDeletedObject {
  @Field(() => ID)
  roleId!: string;
}

/** Each event `type` and its object type, which has the same GraphQL name (schema.ts resolves unions by it). */
@ObjectType('ServerEventsMissed', {
  description:
    "This process's connection to the event bus was interrupted: server events from `since` on (members, roles, channels, presence, voice) may not have reached this subscription. Refetch what is shown.",
})
export class ServerEventsMissedObject {
  @Field(() => ID)
  serverId!: string;

  @Field(() => DateTimeScalar)
  since!: Date;
}

export const serverEventTypes = {
  MemberJoined: MemberJoinedObject,
  MemberLeft: MemberLeftObject,
  MemberUpdated: MemberUpdatedObject,
  PresenceUpdated: PresenceUpdatedObject,
  ChannelUpdated: ChannelUpdatedObject,
  ChannelDeleted: ChannelDeletedObject,
  ServerUpdated: ServerUpdatedObject,
  ServerDeleted: ServerDeletedObject,
  RoleUpdated: RoleUpdatedObject,
  RoleDeleted: RoleDeletedObject,
  VoiceStateUpdated: VoiceStateUpdatedObject,
  ServerEventsMissed: ServerEventsMissedObject,
} as const satisfies Record<ServerEventPayload['type'], unknown>;

export const ServerEventUnion = createUnionType({
  name: 'ServerEvent',
  types: () => Object.values(serverEventTypes),
  resolveType: (value) => (value as ServerEventPayload).type,
});
