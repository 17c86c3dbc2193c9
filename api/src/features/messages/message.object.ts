import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { MessageView } from './message.view.js';

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
}

@ObjectType('MessagePage')
export class MessagePageObject {
  @Field(() => [MessageObject], { description: 'Oldest first.' })
  messages!: MessageView[];

  @Field()
  hasMoreBefore!: boolean;

  @Field()
  hasMoreAfter!: boolean;
}
