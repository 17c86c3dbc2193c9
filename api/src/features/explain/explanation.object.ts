import { Field, ID, registerEnumType } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { Permission } from '../../graphql/enums.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { PermissionName } from '../../permissions/bits.js';
import type { PermissionReason } from '../../permissions/explain.js';
import { smallListCost } from '../../graphql/limits.js';

const REASONS: readonly PermissionReason[] = [
  'OWNER',
  'ADMINISTRATOR',
  'EVERYONE_ROLE',
  'ROLE',
  'NOT_GRANTED',
  'EVERYONE_OVERWRITE',
  'ROLE_OVERWRITE',
  'MEMBER_OVERWRITE',
  'PRIVATE_CHANNEL',
  'NO_VIEW_CHANNEL',
  'TIMEOUT',
];
export const PermissionReasonEnum = Object.fromEntries(REASONS.map((r) => [r, r])) as { [K in PermissionReason]: K };
registerEnumType(PermissionReasonEnum, {
  name: 'PermissionReason',
  description: 'The rule of the permission engine that decided a permission.',
});

@ObjectType('PermissionDecision', { description: 'One permission, whether it ends allowed, and the rule that decided it.' })
export class PermissionDecisionObject {
  @Field(() => Permission)
  permission!: PermissionName;

  @Field()
  allowed!: boolean;

  @Field(() => PermissionReasonEnum)
  reason!: PermissionReason;

  @Field(() => [ID], { description: 'The roles behind the reason: granting roles, ADMINISTRATOR roles, or the overwrites’ roles.' })
  roleIds!: string[];
}

@ObjectType('PermissionExplanation')
export class PermissionExplanationObject {
  @Field(() => ID, { nullable: true, description: 'The member explained (null when explaining a role).' })
  userId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The role explained as if held alone (null when explaining a member).' })
  roleId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The channel (null: server-level permissions).' })
  channelId!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  timedOutUntil!: Date | null;

  // One per permission: a fixed, small number, computed in memory.
  @Field(() => [PermissionDecisionObject], { complexity: smallListCost })
  decisions!: PermissionDecisionObject[];

  @Field(() => [ID], { description: 'The channels they can see: the sidebar as they would see it.' })
  visibleChannelIds!: string[];
}
