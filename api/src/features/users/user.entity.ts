import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids/snowflake.js';

/** What a user chose to show; OFFLINE here means "invisible". The live state lives in Redis. */
export enum ChosenStatus {
  ONLINE = 'ONLINE',
  IDLE = 'IDLE',
  DND = 'DND',
  OFFLINE = 'OFFLINE',
}

@Entity({ tableName: 'users' })
export class User {
  [OptionalProps]?: 'id' | 'passwordHash' | 'avatarHash' | 'isBot' | 'botOwner' | 'chosenStatus' | 'createdAt';

  @PrimaryKey({ type: 'bigint', autoincrement: false })
  id: string = newId();

  /** Stored lower-case: usernames are unique without regard to case. */
  @Property({ length: 32, unique: true })
  username!: string;

  @Property({ length: 64 })
  displayName!: string;

  @Property({ type: 'text', nullable: true, hidden: true })
  passwordHash: string | null = null;

  /** The uploaded avatar's content hash (user_avatars holds its bytes); null: none. */
  @Property({ length: 64, nullable: true })
  avatarHash: string | null = null;

  @Property({ default: false })
  isBot: boolean = false;

  @Index()
  @ManyToOne(() => User, { nullable: true, mapToPk: true, deleteRule: 'cascade' })
  botOwner: string | null = null;

  @Enum({ items: () => ChosenStatus, nativeEnumName: 'chosen_status', default: ChosenStatus.ONLINE })
  chosenStatus: ChosenStatus = ChosenStatus.ONLINE;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
