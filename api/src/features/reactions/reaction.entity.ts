import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/postgresql';
import { Message } from '../messages/message.entity.js';
import { User } from '../users/user.entity.js';

/** One member's reaction with one emoji on one message (ReactionsService reads and writes it in SQL). */
@Entity({ tableName: 'message_reactions' })
export class MessageReaction {
  [PrimaryKeyProp]?: ['message', 'emoji', 'user'];
  [OptionalProps]?: 'createdAt';

  @ManyToOne(() => Message, { primary: true, mapToPk: true, deleteRule: 'cascade' })
  message!: string;

  @PrimaryKey({ type: 'string', length: 64 })
  emoji!: string;

  @Index()
  @ManyToOne(() => User, { primary: true, mapToPk: true, deleteRule: 'cascade' })
  user!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
