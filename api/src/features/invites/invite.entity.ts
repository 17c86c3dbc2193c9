import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Server } from '../servers/server.entity.js';
import { User } from '../users/user.entity.js';

@Entity({ tableName: 'invites' })
export class Invite {
  [OptionalProps]?: 'maxUses' | 'uses' | 'expiresAt' | 'createdAt';

  @PrimaryKey({ length: 16 })
  code!: string;

  @Index()
  @ManyToOne(() => Server, { mapToPk: true, deleteRule: 'cascade' })
  server!: string;

  @ManyToOne(() => User, { mapToPk: true, deleteRule: 'cascade' })
  creator!: string;

  /** 0 = unlimited. */
  @Property({ default: 0 })
  maxUses: number = 0;

  @Property({ default: 0 })
  uses: number = 0;

  @Index()
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
