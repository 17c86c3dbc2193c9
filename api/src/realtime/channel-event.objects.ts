import { createUnionType, Field, ID } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';
import { ObjectType } from '../graphql/object-type.js';
import { MessageObject } from '../features/messages/message.object.js';
import type { MessageView } from '../features/messages/message.view.js';
import { MessageReactionChangedObject } from '../features/reactions/reaction.object.js';
import { UserObject } from '../features/users/user.object.js';
import type { UserView } from '../features/users/user.view.js';
import type { ChannelEventPayload } from './topics.js';

@ObjectType('MessageCreated')
export class MessageCreatedObject {
  @Field(() => MessageObject)
  message!: MessageView;
}

@ObjectType('MessageUpdated')
export class MessageUpdatedObject {
  @Field(() => MessageObject)
  message!: MessageView;
}

@ObjectType('MessageDeleted')
export class MessageDeletedObject {
  @Field(() => ID)
  messageId!: string;

  @Field(() => ID)
  channelId!: string;
}

@ObjectType('TypingStarted')
export class TypingStartedObject {
  @Field(() => ID)
  channelId!: string;

  @Field(() => UserObject)
  user!: UserView;
}

@ObjectType('EventsMissed', {
  description:
    "This process's connection to the event bus was interrupted: new messages since then were replayed, but edits, deletions and reactions from `since` on may not have reached this subscription. Refetch what is shown.",
})
export class EventsMissedObject {
  @Field(() => ID)
  channelId!: string;

  @Field(() => DateTimeScalar)
  since!: Date;
}

/** Each event `type` and its object type, which has the same GraphQL name (schema.ts resolves unions by it). */
export const channelEventTypes = {
  MessageCreated: MessageCreatedObject,
  MessageUpdated: MessageUpdatedObject,
  MessageDeleted: MessageDeletedObject,
  TypingStarted: TypingStartedObject,
  MessageReactionChanged: MessageReactionChangedObject,
  EventsMissed: EventsMissedObject,
} as const satisfies Record<Exclude<ChannelEventPayload['type'], 'END'>, unknown>;

export const ChannelEventUnion = createUnionType({
  name: 'ChannelEvent',
  types: () => Object.values(channelEventTypes),
  resolveType: (value) => (value as Exclude<ChannelEventPayload, { type: 'END' }>).type,
});
