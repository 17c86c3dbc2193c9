import { Field, ID } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { MessageView } from './message.view.js';
import { smallListCost } from '../../graphql/limits.js';

@ObjectType('Message')
export class MessageObject {
  @Field(() => ID)
  id!: string;

  @Field()
  content!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  editedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was pinned to its channel; null when it is not pinned.' })
  pinnedAt!: Date | null;

  @Field({
    description:
      'It mentions everyone who can read its channel: it said @everyone (outside code) and its author held MENTION_EVERYONE when sending it.',
  })
  mentionsEveryone!: boolean;

  @Field({
    description:
      'It mentions the members who were online when it was sent: it said @here (outside code) and its author held MENTION_EVERYONE when sending it.',
  })
  mentionsHere!: boolean;

  @Field(() => [ID], {
    description:
      'The roles it mentions (`<@&roleId>` outside code): mentionable ones, or any when its author held MENTION_EVERYONE when sending it.',
  })
  mentionRoleIds!: string[];
}

@ObjectType('MessagePage')
export class MessagePageObject {
  // The page size prices it: the query's `limit` multiplies the page's cost (pagedListEstimator).
  @Field(() => [MessageObject], { description: 'Oldest first.', complexity: smallListCost })
  messages!: MessageView[];

  @Field()
  hasMoreBefore!: boolean;

  @Field()
  hasMoreAfter!: boolean;
}
