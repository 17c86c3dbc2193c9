import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import type { OutboxEffect } from './outbox-effect.js';

/**
 * One committed action's side effects still owed (migrations/0009_outbox.sql). Read and written by
 * Outbox in plain SQL; declared so the ORM's schema agrees with the migrations.
 */
@Entity({ tableName: 'outbox' })
export class OutboxRow {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'jsonb' })
  effects!: OutboxEffect[];

  @Index()
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  claimedUntil?: Date | null;
}
