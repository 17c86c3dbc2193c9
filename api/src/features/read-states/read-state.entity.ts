import { Entity, ManyToOne, OptionalProps, PrimaryKeyProp, Property } from '@mikro-orm/postgresql';
import { Channel } from '../channels/channel.entity.js';
import { User } from '../users/user.entity.js';

/** Where a user stopped reading a channel; kept server-side so every device agrees on what is unread. */
@Entity({ tableName: 'read_states' })
export class ReadState {
  [PrimaryKeyProp]?: ['user', 'channel'];
  [OptionalProps]?: 'updatedAt';

  @ManyToOne(() => User, { primary: true, mapToPk: true, deleteRule: 'cascade' })
  user!: string;

  @ManyToOne(() => Channel, { primary: true, mapToPk: true, deleteRule: 'cascade' })
  channel!: string;

  @Property({ type: 'bigint' })
  lastReadMessageId!: string;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
