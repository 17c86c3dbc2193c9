import { Field, ID, InputType } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { DateTimeScalar } from '../../graphql/scalars.js';

@ObjectType('Server')
export class ServerObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  slug!: string;

  @Field()
  description!: string;

  @Field(() => String, { nullable: true })
  icon!: string | null;

  @Field()
  isPrivate!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@InputType('CreateServerInput')
export class CreateServerInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, defaultValue: '' })
  description?: string | null;

  @Field(() => String, { nullable: true })
  icon?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  isPrivate?: boolean | null;
}

@InputType('UpdateServerInput')
export class UpdateServerInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  icon?: string | null;

  @Field(() => Boolean, { nullable: true })
  isPrivate?: boolean | null;
}
