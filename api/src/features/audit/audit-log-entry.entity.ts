import { BigIntType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids/snowflake.js';
import { Server } from '../servers/server.entity.js';
import { User } from '../users/user.entity.js';

@Entity({ tableName: 'audit_log_entries' })
@Index({ properties: ['server', 'id'] })
export class AuditLogEntry {
  [OptionalProps]?: 'id' | 'actor' | 'targetId' | 'reason' | 'changes' | 'createdAt';

  /** Time-ordered, so it doubles as the paging cursor. */
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  id: string = newId();

  @ManyToOne(() => Server, { mapToPk: true, deleteRule: 'cascade' })
  server!: string;

  @Property({ length: 64 })
  action!: string;

  /** Null when the system acted (for example automatic rate-limit escalation). */
  @ManyToOne(() => User, { mapToPk: true, nullable: true, deleteRule: 'set null' })
  actor: string | null = null;

  /** Read back as a string: `string | null` gives no runtime type, and a JS bigint is no GraphQL ID. */
  @Property({ type: new BigIntType('string'), nullable: true })
  targetId: string | null = null;

  @Property({ length: 512, nullable: true })
  reason: string | null = null;

  /** JSON of what changed, for example {"name":["old","new"]}. */
  @Property({ type: 'text', nullable: true })
  changes: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
