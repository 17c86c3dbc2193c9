import { Field, ID, InputType, Int } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { Permission } from '../../graphql/enums.js';
import type { PermissionName } from '../../permissions/bits.js';

@ObjectType('Role')
export class RoleObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  color!: string;

  @Field(() => [Permission])
  permissions!: PermissionName[];

  @Field(() => Int)
  position!: number;

  @Field()
  isDefault!: boolean;

  @Field({ description: 'Any member who can send may mention it (`<@&roleId>`); members holding MENTION_EVERYONE mention any role.' })
  mentionable!: boolean;
}

@InputType('RoleInput')
export class RoleInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  color?: string | null;

  @Field(() => [Permission], { nullable: true })
  permissions?: PermissionName[] | null;

  @Field(() => Int, { nullable: true })
  position?: number | null;

  @Field(() => Boolean, { nullable: true })
  mentionable?: boolean | null;
}
