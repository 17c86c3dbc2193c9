import { BigIntType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids/snowflake.js';
import { Server } from '../servers/server.entity.js';

@Entity({ tableName: 'roles' })
export class Role {
  [OptionalProps]?: 'id' | 'color' | 'permissions' | 'position' | 'isDefault' | 'mentionable' | 'createdAt';

  @PrimaryKey({ type: 'bigint', autoincrement: false })
  id: string = newId();

  @Index()
  @ManyToOne(() => Server, { mapToPk: true, deleteRule: 'cascade' })
  server!: string;

  @Property({ length: 100 })
  name!: string;

  @Property({ length: 7, default: '#99AAB5' })
  color: string = '#99AAB5';

  /** Bit set of permissions/bits.ts. */
  @Property({ type: new BigIntType('bigint'), default: 0 })
  permissions: bigint = 0n;

  /** Higher is more senior; @everyone is 0. */
  @Property({ default: 0 })
  position: number = 0;

  /** The server's @everyone role: one per server, never deleted or assigned. */
  @Property({ default: false })
  isDefault: boolean = false;

  /** Any member who can send may mention it (`<@&id>`); MENTION_EVERYONE mentions any role. */
  @Property({ default: false })
  mentionable: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
