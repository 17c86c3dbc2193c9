import { MemberRolesDocument, type MemberRolesQuery, type Permission, type ServerSetupQuery } from '../gql/graphql.js';
import type { GraphqlConnection } from './graphql-connection.js';
import { MEMBER_PAGE, memberPages } from './member-pages.js';

type ServerRoles = Pick<NonNullable<ServerSetupQuery['server']>, 'id' | 'owner' | 'roles'>;

const CACHE_MS = 30_000;
const ALL: readonly Permission[] = [
  'ADD_REACTIONS',
  'ADMINISTRATOR',
  'BAN_MEMBERS',
  'CREATE_INVITE',
  'DEAFEN_MEMBERS',
  'JOIN_VOICE',
  'KICK_MEMBERS',
  'MANAGE_CHANNELS',
  'MANAGE_MESSAGES',
  'MANAGE_ROLES',
  'MANAGE_SERVER',
  'MENTION_EVERYONE',
  'MODERATE_MEMBERS',
  'MOVE_MEMBERS',
  'MUTE_MEMBERS',
  'READ_MESSAGE_HISTORY',
  'SEND_MESSAGES',
  'SPEAK',
  'VIEW_CHANNEL',
];

/**
 * A member's server-wide permissions as the API computes them (owner and ADMINISTRATOR hold all;
 * otherwise @everyone plus their roles), for command checks. Channel overwrites are not applied:
 * commands gate on server permissions, as Discord's default member permissions do. Member roles
 * are read in pages and kept for 30 s.
 */
export class MemberPermissions {
  private readonly servers = new Map<string, ServerRoles>();
  private readonly memberRoles = new Map<string, { at: number; roles: Promise<Map<string, string[]>> }>();

  constructor(private readonly connection: GraphqlConnection) {}

  rememberServer(server: ServerRoles): void {
    this.servers.set(server.id, server);
    this.memberRoles.delete(server.id);
  }

  async of(serverId: string, userId: string): Promise<ReadonlySet<Permission>> {
    const server = this.servers.get(serverId);
    if (!server) return new Set();
    if (server.owner.id === userId) return new Set(ALL);
    const roleIds = (await this.rolesByMember(serverId)).get(userId);
    if (!roleIds) return new Set();
    const granted = new Set<Permission>();
    for (const role of server.roles) {
      if (role.isDefault || roleIds.includes(role.id)) for (const p of role.permissions) granted.add(p);
    }
    return granted.has('ADMINISTRATOR') ? new Set(ALL) : granted;
  }

  private rolesByMember(serverId: string): Promise<Map<string, string[]>> {
    const cached = this.memberRoles.get(serverId);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.roles;
    const roles = this.load(serverId);
    this.memberRoles.set(serverId, { at: Date.now(), roles });
    roles.catch(() => this.memberRoles.delete(serverId));
    return roles;
  }

  private async load(serverId: string): Promise<Map<string, string[]>> {
    const byMember = new Map<string, string[]>();
    for await (const page of memberPages(async (after) => {
      const result: MemberRolesQuery = await this.connection.request(MemberRolesDocument, { serverId, after, first: MEMBER_PAGE });
      return result.server?.members ?? [];
    }))
      for (const m of page)
        byMember.set(
          m.user.id,
          m.roles.map((r) => r.id),
        );
    return byMember;
  }
}
