import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids/snowflake.js';
import { Server } from '../servers/server.entity.js';
import { User } from '../users/user.entity.js';

@Entity({ tableName: 'bans' })
@Unique({ properties: ['server', 'user'] })
export class Ban {
  [OptionalProps]?: 'id' | 'reason' | 'actor' | 'createdAt';

  @PrimaryKey({ type: 'bigint', autoincrement: false })
  id: string = newId();

  @ManyToOne(() => Server, { mapToPk: true, deleteRule: 'cascade' })
  server!: string;

  @ManyToOne(() => User, { mapToPk: true, deleteRule: 'cascade' })
  user!: string;

  @Property({ length: 512, default: '' })
  reason: string = '';

  @ManyToOne(() => User, { mapToPk: true, nullable: true, deleteRule: 'set null' })
  actor: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
