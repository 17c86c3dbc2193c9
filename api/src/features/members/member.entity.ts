import { ArrayType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids/snowflake.js';
import { Server } from '../servers/server.entity.js';
import { User } from '../users/user.entity.js';

@Entity({ tableName: 'members' })
@Unique({ properties: ['server', 'user'] })
export class Member {
  [OptionalProps]?: 'id' | 'nickname' | 'roleIds' | 'timedOutUntil' | 'joinedAt';

  @PrimaryKey({ type: 'bigint', autoincrement: false })
  id: string = newId();

  @ManyToOne(() => Server, { mapToPk: true, deleteRule: 'cascade' })
  server!: string;

  @Index()
  @ManyToOne(() => User, { mapToPk: true, deleteRule: 'cascade' })
  user!: string;

  @Property({ length: 32, nullable: true })
  nickname: string | null = null;

  /** Ids of the member's roles besides @everyone; one row holds every permission input of a member. */
  @Property({ type: ArrayType, default: '{}' })
  roleIds: string[] = [];

  @Property({ type: 'timestamptz', nullable: true })
  timedOutUntil: Date | null = null;

  @Property({ type: 'timestamptz' })
  joinedAt: Date = new Date();
}
