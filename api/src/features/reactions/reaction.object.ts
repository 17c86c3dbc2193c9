import { Field, ID, Int } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { Personal } from '../../graphql/personal-fields.js';

@ObjectType('Reaction', { description: 'One emoji on a message: how many reacted with it, and whether the caller did.' })
export class ReactionObject {
  @Field()
  emoji!: string;

  @Field(() => Int)
  count!: number;

  @Personal()
  @Field({ description: 'Whether the caller reacted with this emoji.' })
  me!: boolean;
}

@ObjectType('MessageReactionChanged', {
  description:
    "One member's reaction as it is now (added or removed), and how many have reacted with the emoji. Announced after each change; a repeat carries the same state.",
})
export class MessageReactionChangedObject {
  @Field(() => ID)
  channelId!: string;

  @Field(() => ID)
  messageId!: string;

  @Field()
  emoji!: string;

  @Field(() => ID)
  userId!: string;

  @Field({ description: 'Whether the member has this reaction now.' })
  reacted!: boolean;

  @Field(() => Int)
  count!: number;
}
