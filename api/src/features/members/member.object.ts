import { Field } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { DateTimeScalar } from '../../graphql/scalars.js';

@ObjectType('Member')
export class MemberObject {
  @Field(() => String, { nullable: true })
  nickname!: string | null;

  @Field(() => DateTimeScalar)
  joinedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  timedOutUntil!: Date | null;
}
