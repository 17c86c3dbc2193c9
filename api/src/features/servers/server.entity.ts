import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids/snowflake.js';
import { User } from '../users/user.entity.js';
import type { ServerLimits } from './server-limits.js';

@Entity({ tableName: 'servers' })
export class Server implements ServerLimits {
  [OptionalProps]?: 'id' | 'description' | 'icon' | 'isPrivate' | 'createdAt' | keyof ServerLimits;

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

  /** Messages per user per channel within the window (0 = no limit). */
  @Property({ default: 5 })
  channelMessageLimit: number = 5;

  @Property({ default: 5 })
  channelMessageWindowSeconds: number = 5;

  /** Messages per user across the server within the window (0 = no limit). */
  @Property({ default: 20 })
  serverMessageLimit: number = 20;

  @Property({ default: 10 })
  serverMessageWindowSeconds: number = 10;

  /** Escalation: this many refusals within the window times the member out (workers apply it). */
  @Property({ default: true })
  escalationEnabled: boolean = true;

  @Property({ default: 3 })
  escalationRefusals: number = 3;

  @Property({ default: 60 })
  escalationWindowSeconds: number = 60;

  @Property({ default: 300 })
  escalationTimeoutSeconds: number = 300;
}
