import { ArrayType, BigIntType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Channel } from '../channels/channel.entity.js';
import { Server } from '../servers/server.entity.js';
import { User } from '../users/user.entity.js';

/** Hard-deleted: a deleted message can never come back through history or replay. */
@Entity({ tableName: 'messages' })
@Index({ properties: ['channel', 'id'] })
@Index({ properties: ['server', 'author', 'id'] })
// Only pinned rows: a channel's pins are read without touching its other messages.
@Index({
  name: 'messages_channel_id_pinned_at_index',
  expression: 'create index "messages_channel_id_pinned_at_index" on "messages" ("channel_id", "pinned_at") where "pinned_at" is not null',
})
// Search (features/search/): whole words per server; see migration 0013 for why fastupdate is off.
@Index({
  name: 'messages_search_index',
  expression:
    'create index "messages_search_index" on "messages" using gin ("server_id", to_tsvector(\'simple\', "content")) with (fastupdate = off)',
})
export class Message {
  [OptionalProps]?: 'replyTo' | 'createdAt' | 'editedAt' | 'pinnedAt' | 'mentionsEveryone' | 'mentionRoleIds' | 'mentionHereUserIds';

  /** Snowflake assigned by the sender's API process: time-ordered, the paging cursor. */
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  id!: string;

  @ManyToOne(() => Channel, { mapToPk: true, deleteRule: 'cascade', index: false })
  channel!: string;

  /** Denormalised so "this user's recent messages in the server" (bans) needs no join. */
  @ManyToOne(() => Server, { mapToPk: true, deleteRule: 'cascade', index: false })
  server!: string;

  @ManyToOne(() => User, { mapToPk: true, deleteRule: 'cascade', index: false })
  author!: string;

  @Property({ type: 'text' })
  content!: string;

  /** Plain id, no foreign key: a reply outlives the message it answers (shown as deleted). */
  /** BigIntType('string'): `string | null` gives no runtime type, so plain 'bigint' reads back a JS bigint. */
  @Property({ type: new BigIntType('string'), nullable: true })
  replyTo: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  editedAt: Date | null = null;

  /** When a moderator pinned it; null when not pinned. */
  @Property({ type: 'timestamptz', nullable: true })
  pinnedAt: Date | null = null;

  /** It said @everyone and its author held MENTION_EVERYONE when sending it: every reader is mentioned. */
  @Property({ type: 'boolean' })
  mentionsEveryone: boolean = false;

  /** The roles it mentions that its author was allowed to mention when sending it; null for none. */
  @Property({ type: ArrayType, nullable: true })
  mentionRoleIds: string[] | null = null;

  /** It said @here and its author held MENTION_EVERYONE: the members shown online then, each mentioned; null for no @here. */
  @Property({ type: ArrayType, nullable: true })
  mentionHereUserIds: string[] | null = null;
}
