import { Field, ID, registerEnumType } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { ChannelObject } from '../channels/channel.object.js';
import type { ChannelView } from '../channels/channel.view.js';
import type { VoiceStateView } from './voice-state.js';
import { smallListCost, unpagedListCost } from '../../graphql/limits.js';

export enum VoiceSignalTypeEnum {
  OFFER = 'OFFER',
  ANSWER = 'ANSWER',
  ICE_CANDIDATE = 'ICE_CANDIDATE',
}
registerEnumType(VoiceSignalTypeEnum, { name: 'VoiceSignalType' });

@ObjectType('IceServer')
export class IceServerObject {
  @Field(() => [String])
  urls!: string[];

  @Field(() => String, { nullable: true })
  username?: string;

  @Field(() => String, { nullable: true })
  credential?: string;
}

@ObjectType('VoiceState')
export class VoiceStateObject {
  @Field(() => ID)
  sessionId!: string;

  @Field()
  selfMute!: boolean;

  @Field()
  selfDeaf!: boolean;

  @Field()
  serverMute!: boolean;

  @Field()
  serverDeaf!: boolean;

  @Field(() => DateTimeScalar)
  joinedAt!: Date;
}

@ObjectType('VoiceSession')
export class VoiceSessionObject {
  @Field(() => ID)
  sessionId!: string;

  @Field(() => ChannelObject)
  channel!: ChannelView;

  @Field(() => [IceServerObject], { complexity: smallListCost })
  iceServers!: IceServerObject[];

  @Field(() => [VoiceStateObject], {
    description: 'The others already in the channel when this session joined.',
    complexity: unpagedListCost,
  })
  participants!: VoiceStateView[];
}

@ObjectType('VoiceSignal')
export class VoiceSignalObject {
  @Field(() => ID)
  fromSessionId!: string;

  @Field(() => VoiceSignalTypeEnum)
  type!: VoiceSignalTypeEnum;

  @Field({ description: 'JSON of an RTCSessionDescriptionInit or RTCIceCandidateInit.' })
  payload!: string;
}

@ObjectType('VoiceStateUpdated')
export class VoiceStateUpdatedObject {
  @Field(() => ID, { nullable: true })
  channelId!: string | null;

  @Field(() => ID)
  userId!: string;

  @Field(() => ID)
  sessionId!: string;

  @Field(() => VoiceStateObject, { nullable: true, description: 'Null when the session left voice.' })
  state!: VoiceStateView | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Set only when a moderator moved the session: the new session in the destination channel, announced next.',
  })
  movedToSessionId?: string | null;
}
