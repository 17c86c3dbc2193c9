import type { Orm } from '../../kernel/db/orm.js';
import { Channel } from '../channels/channel.entity.js';
import { PermissionOverwrite } from '../channels/overwrite.entity.js';
import { Member } from '../members/member.entity.js';
import { Role } from '../roles/role.entity.js';
import { Server } from '../servers/server.entity.js';
import { pickLimits } from '../servers/server-limits.js';
import type { ChannelSnapshot, MemberSnapshot, ServerSnapshot } from './access.snapshot.js';

/** Reads permission inputs from Postgres: three queries per server, one per member. */
export class AccessLoader {
  constructor(private readonly orm: Orm) {}

  async loadServer(serverId: string): Promise<ServerSnapshot | null> {
    const em = this.orm.em.fork();
    const server = await em.findOne(Server, { id: serverId });
    if (!server) return null;
    const [roles, channels] = await Promise.all([em.find(Role, { server: serverId }), em.find(Channel, { server: serverId })]);
    const overwrites = channels.length ? await em.find(PermissionOverwrite, { channel: { $in: channels.map((c) => c.id) } }) : [];
    const everyone = roles.find((r) => r.isDefault);
    if (!everyone) throw new Error(`server ${serverId} has no @everyone role`);
    const channelSnapshots = new Map<string, ChannelSnapshot>();
    for (const c of channels) {
      channelSnapshots.set(c.id, {
        id: c.id,
        serverId,
        type: c.type,
        isPrivate: c.isPrivate,
        slowmodeSeconds: c.slowmodeSeconds,
        userLimit: c.userLimit,
        overwrites: overwrites
          .filter((o) => o.channel === c.id)
          .map((o) => ({ targetType: o.targetType, targetId: o.targetId, allow: o.allow, deny: o.deny })),
      });
    }
    return {
      id: server.id,
      ownerId: server.owner,
      isPrivate: server.isPrivate,
      limits: pickLimits(server),
      everyone: { id: everyone.id, permissions: everyone.permissions, position: everyone.position },
      roles: new Map(roles.filter((r) => !r.isDefault).map((r) => [r.id, { id: r.id, permissions: r.permissions, position: r.position }])),
      channels: channelSnapshots,
    };
  }

  async loadMember(serverId: string, userId: string): Promise<MemberSnapshot | null> {
    const member = await this.orm.em.fork().findOne(Member, { server: serverId, user: userId });
    return member ? { userId, roleIds: member.roleIds, timedOutUntil: member.timedOutUntil } : null;
  }

  async serverOfChannel(channelId: string): Promise<string | null> {
    const channel = await this.orm.em.fork().findOne(Channel, { id: channelId }, { fields: ['server'] });
    return channel?.server ?? null;
  }

  async channelIdsOf(serverId: string): Promise<string[]> {
    const channels = await this.orm.em.fork().find(Channel, { server: serverId }, { fields: ['id'] });
    return channels.map((channel) => channel.id);
  }

  async serverOfRole(roleId: string): Promise<string | null> {
    const role = await this.orm.em.fork().findOne(Role, { id: roleId }, { fields: ['server'] });
    return role?.server ?? null;
  }
}
