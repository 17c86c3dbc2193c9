import type { Orm } from '../../kernel/db/orm.js';
import { hasPermission } from '../../permissions/bits.js';
import type { AccessService } from '../access/access.service.js';
import type { PresenceService } from '../presence/presence.service.js';

/**
 * Whom a message's @here mentions, decided as it is sent (as Discord's @here): the channel's readers
 * shown online then, its author aside. An invisible member shows offline, so is not among them.
 * A cost paid only by an author allowed to mention everyone who says @here: one query for the
 * server's members, one Redis read for their statuses, and each online one's cached permissions.
 */
export class HereMentions {
  constructor(
    private readonly orm: Orm,
    private readonly access: AccessService,
    private readonly presence: Pick<PresenceService, 'shownOnline'>,
  ) {}

  async recipients(serverId: string, channelId: string, authorId: string): Promise<string[]> {
    const members: { id: string }[] = await this.orm.em
      .fork()
      .getConnection()
      .execute('select user_id::text as id from members where server_id = ? and user_id <> ?', [serverId, authorId]);
    const online = await this.presence.shownOnline(members.map((m) => m.id));
    const reads = await Promise.all(online.map((userId) => this.canRead(serverId, channelId, userId)));
    return online.filter((_, i) => reads[i]);
  }

  private async canRead(serverId: string, channelId: string, userId: string): Promise<boolean> {
    const access = await this.access.server(serverId, userId);
    const channel = access.server.channels.get(channelId);
    return channel !== undefined && hasPermission(this.access.channelPermissions(access, channel), 'VIEW_CHANNEL');
  }
}
