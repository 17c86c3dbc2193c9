import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids/snowflake.js';
import { Server } from '../servers/server.entity.js';

export const DEFAULT_BITRATE = 64_000;

export enum ChannelType {
  TEXT = 'TEXT',
  VOICE = 'VOICE',
}

@Entity({ tableName: 'channels' })
@Unique({ properties: ['server', 'slug'] })
export class Channel {
  [OptionalProps]?: 'id' | 'description' | 'position' | 'isPrivate' | 'slowmodeSeconds' | 'userLimit' | 'topic' | 'bitrate' | 'createdAt';

  @PrimaryKey({ type: 'bigint', autoincrement: false })
  id: string = newId();

  @ManyToOne(() => Server, { mapToPk: true, deleteRule: 'cascade' })
  server!: string;

  @Enum({ items: () => ChannelType, nativeEnumName: 'channel_type' })
  type!: ChannelType;

  @Property({ length: 100 })
  name!: string;

  @Property({ length: 110 })
  slug!: string;

  @Property({ length: 1024, default: '' })
  description: string = '';

  @Property({ default: 0 })
  position: number = 0;

  /** Acts as an implicit @everyone deny of VIEW_CHANNEL; access is then granted by overwrites. */
  @Property({ default: false })
  isPrivate: boolean = false;

  @Property({ default: 0 })
  slowmodeSeconds: number = 0;

  @Property({ default: 0 })
  userLimit: number = 0;

  /** Text channels only; null = no topic. */
  @Property({ length: 1024, nullable: true })
  topic: string | null = null;

  /** Voice channels only: the audio bitrate (bits/s) every sender in the channel encodes at most. */
  @Property({ default: DEFAULT_BITRATE })
  bitrate: number = DEFAULT_BITRATE;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
