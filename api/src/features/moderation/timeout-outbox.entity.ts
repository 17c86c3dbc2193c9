import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';

/**
 * A committed timeout change whose side effects (end job, access invalidation, MemberUpdated) are
 * still owed; written in the change's transaction, deleted once done (ModerationService.announceTimeout).
 */
@Entity({ tableName: 'timeout_outbox' })
export class TimeoutOutbox {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'bigint', fieldName: 'server_id', autoincrement: false })
  serverId!: string;

  @PrimaryKey({ type: 'bigint', fieldName: 'user_id', autoincrement: false })
  userId!: string;

  @Property({ type: 'timestamptz', nullable: true })
  until: Date | null = null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
