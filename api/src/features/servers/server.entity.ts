import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids/snowflake.js';
import { User } from '../users/user.entity.js';

@Entity({ tableName: 'servers' })
export class Server {
  [OptionalProps]?: 'id' | 'description' | 'icon' | 'isPrivate' | 'createdAt';

  @PrimaryKey({ type: 'bigint', autoincrement: false })
  id: string = newId();

  @Property({ length: 100 })
  name!: string;

  @Property({ length: 120, unique: true })
  slug!: string;

  @Property({ length: 1024, default: '' })
  description: string = '';

  @Property({ type: 'text', nullable: true })
  icon: string | null = null;

  @Index()
  @Property({ default: false })
  isPrivate: boolean = false;

  @Index()
  @ManyToOne(() => User, { mapToPk: true, deleteRule: 'cascade' })
  owner!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
