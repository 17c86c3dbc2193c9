import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids/snowflake.js';
import { MAX_USER_AGENT_LENGTH } from '../../http/user-agent.js';
import { User } from '../users/user.entity.js';

export enum SessionKind {
  User = 'USER',
  Bot = 'BOT',
}

/** A sign-in or a bot token. Only the SHA-256 of the token is stored, so a database leak reveals no token. */
@Entity({ tableName: 'sessions' })
export class Session {
  [OptionalProps]?: 'id' | 'createdAt' | 'lastActiveAt' | 'client';

  @PrimaryKey({ type: 'bigint', autoincrement: false })
  id: string = newId();

  @Index()
  @ManyToOne(() => User, { mapToPk: true, deleteRule: 'cascade' })
  user!: string;

  @Property({ length: 64, unique: true })
  tokenHash!: string;

  @Enum({ items: () => SessionKind, nativeEnumName: 'session_kind' })
  kind!: SessionKind;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** When it last signed a request or opened a connection, to the minute (session-activity.ts). */
  @Property({ type: 'timestamptz' })
  lastActiveAt: Date = new Date();

  /** The User-Agent it signed in with, cut to 256 characters: how its owner tells their devices apart. */
  @Property({ length: MAX_USER_AGENT_LENGTH, nullable: true })
  client: string | null = null;
}
