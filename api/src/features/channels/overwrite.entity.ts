import { BigIntType, Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { newId } from '../../kernel/ids/snowflake.js';
import { Channel } from './channel.entity.js';

export enum OverwriteTarget {
  ROLE = 'ROLE',
  MEMBER = 'MEMBER',
}

@Entity({ tableName: 'permission_overwrites' })
@Unique({ properties: ['channel', 'targetType', 'targetId'] })
export class PermissionOverwrite {
  [OptionalProps]?: 'id' | 'allow' | 'deny';

  @PrimaryKey({ type: 'bigint', autoincrement: false })
  id: string = newId();

  @ManyToOne(() => Channel, { mapToPk: true, deleteRule: 'cascade' })
  channel!: string;

  @Enum({ items: () => OverwriteTarget, nativeEnumName: 'overwrite_target' })
  targetType!: OverwriteTarget;

  /** A role id or a user id, per targetType. */
  @Property({ type: 'bigint' })
  targetId!: string;

  @Property({ type: new BigIntType('bigint'), default: 0 })
  allow: bigint = 0n;

  @Property({ type: new BigIntType('bigint'), default: 0 })
  deny: bigint = 0n;
}
