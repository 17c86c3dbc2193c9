import { Field, ID, registerEnumType } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { ChosenStatus } from './user.entity.js';

export { ChosenStatus as PresenceStatus };
registerEnumType(ChosenStatus, { name: 'PresenceStatus' });

@ObjectType('User')
export class UserObject {
  @Field(() => ID)
  id!: string;

  @Field()
  username!: string;

  @Field()
  displayName!: string;

  @Field()
  isBot!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}
