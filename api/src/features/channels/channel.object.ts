import { Field, ID, InputType, Int } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { Permission } from '../../graphql/enums.js';
import { ChannelType, OverwriteTarget } from './channel.enums.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { PermissionName } from '../../permissions/bits.js';
import { nestedListCost } from '../../graphql/limits.js';

@ObjectType('PermissionOverwrite')
export class PermissionOverwriteObject {
  @Field(() => OverwriteTarget)
  targetType!: OverwriteTarget;

  @Field(() => ID)
  targetId!: string;

  @Field(() => [Permission])
  allow!: PermissionName[];

  @Field(() => [Permission])
  deny!: PermissionName[];
}

@ObjectType('Channel')
export class ChannelObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ChannelType)
  type!: ChannelType;

  @Field()
  name!: string;

  @Field()
  slug!: string;

  @Field()
  description!: string;

  @Field(() => Int)
  position!: number;

  @Field()
  isPrivate!: boolean;

  @Field(() => Int)
  slowmodeSeconds!: number;

  @Field(() => Int)
  userLimit!: number;

  @Field(() => String, { nullable: true, description: 'Text channels: what the channel is for, shown in its header.' })
  topic!: string | null;

  @Field(() => Int, { description: 'Voice channels: the audio bitrate in bits/s (8000-96000) that every sender keeps under.' })
  bitrate!: number;

  @Field(() => [PermissionOverwriteObject], { complexity: nestedListCost })
  overwrites!: PermissionOverwriteObject[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@InputType('CreateChannelInput')
export class CreateChannelInput {
  @Field(() => ID)
  serverId!: string;

  @Field(() => ChannelType)
  type!: ChannelType;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, defaultValue: '' })
  description?: string | null;

  @Field(() => Int, { nullable: true })
  position?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  isPrivate?: boolean | null;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  slowmodeSeconds?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: 'Voice only; 0 = unlimited.' })
  userLimit?: number | null;

  @Field(() => String, { nullable: true, description: 'Text only; at most 1024 characters.' })
  topic?: string | null;

  @Field(() => Int, { nullable: true, description: 'Voice only; bits/s, 8000-96000, default 64000.' })
  bitrate?: number | null;
}

@InputType('UpdateChannelInput')
export class UpdateChannelInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true })
  position?: number | null;

  @Field(() => Boolean, { nullable: true })
  isPrivate?: boolean | null;

  @Field(() => Int, { nullable: true })
  slowmodeSeconds?: number | null;

  @Field(() => Int, { nullable: true })
  userLimit?: number | null;

  @Field(() => String, { nullable: true, description: 'Text only; at most 1024 characters; an empty topic removes it.' })
  topic?: string | null;

  @Field(() => Int, { nullable: true, description: 'Voice only; bits/s, 8000-96000.' })
  bitrate?: number | null;
}

@InputType('OverwriteInput')
export class OverwriteInput {
  @Field(() => OverwriteTarget)
  targetType!: OverwriteTarget;

  @Field(() => ID)
  targetId!: string;

  @Field(() => [Permission])
  allow!: PermissionName[];

  @Field(() => [Permission])
  deny!: PermissionName[];
}
