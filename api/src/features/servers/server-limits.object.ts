import { Field, InputType, Int } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';

@ObjectType('ServerRateLimits', { description: 'Message rate limits and the automatic escalation policy of a server.' })
export class ServerRateLimitsObject {
  @Field(() => Int, { description: 'Messages per member per channel within channelMessageWindowSeconds; 0 = no limit.' })
  channelMessageLimit!: number;

  @Field(() => Int)
  channelMessageWindowSeconds!: number;

  @Field(() => Int, { description: 'Messages per member across the server within serverMessageWindowSeconds; 0 = no limit.' })
  serverMessageLimit!: number;

  @Field(() => Int)
  serverMessageWindowSeconds!: number;

  @Field({ description: 'When on, escalationRefusals refusals within escalationWindowSeconds time the member out.' })
  escalationEnabled!: boolean;

  @Field(() => Int)
  escalationRefusals!: number;

  @Field(() => Int)
  escalationWindowSeconds!: number;

  @Field(() => Int)
  escalationTimeoutSeconds!: number;
}

@InputType('ServerRateLimitsInput')
export class ServerRateLimitsInput {
  @Field(() => Int, { nullable: true })
  channelMessageLimit?: number | null;

  @Field(() => Int, { nullable: true })
  channelMessageWindowSeconds?: number | null;

  @Field(() => Int, { nullable: true })
  serverMessageLimit?: number | null;

  @Field(() => Int, { nullable: true })
  serverMessageWindowSeconds?: number | null;

  @Field(() => Boolean, { nullable: true })
  escalationEnabled?: boolean | null;

  @Field(() => Int, { nullable: true })
  escalationRefusals?: number | null;

  @Field(() => Int, { nullable: true })
  escalationWindowSeconds?: number | null;

  @Field(() => Int, { nullable: true })
  escalationTimeoutSeconds?: number | null;
}
