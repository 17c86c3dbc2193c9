import type { Permission } from '@/gql/graphql';
import { PERMISSION_LINES } from './permission-text';

/**
 * The API's hierarchy rule, mirrored so the page can say why something is locked before anyone
 * tries (the API still decides): nobody manages a role or member at or above their highest role.
 */
export interface Me {
  userId: string;
  isOwner: boolean;
  top: number;
  permissions: readonly Permission[];
}

/** What a server says about me: its owner and my roles. */
export interface MyStanding {
  owner: { id: string };
  myMember?: { roles: readonly { position: number }[] } | null;
}

/** Me in a server, with my permissions there: the server's, or a channel's (overwrites applied). */
export function meIn(server: MyStanding, userId: string, permissions: readonly Permission[]): Me {
  return {
    userId,
    isOwner: server.owner.id === userId,
    top: Math.max(0, ...(server.myMember?.roles ?? []).map((r) => r.position)),
    permissions,
  };
}

export const can = (me: Me, permission: Permission): boolean =>
  me.isOwner || me.permissions.includes('ADMINISTRATOR') || me.permissions.includes(permission);

/** "You need Kick members." when I lack the permission (named as the roles page names it), or null. */
export function needs(me: Me, permission: Permission): string | null {
  if (can(me, permission)) return null;
  return `You need ${PERMISSION_LINES.find((p) => p.permission === permission)?.label ?? permission}.`;
}

/** Why a role is locked for me, or null when I may edit it. */
export function roleLock(me: Me, role: { position: number; isDefault: boolean }): string | null {
  const missing = needs(me, 'MANAGE_ROLES');
  if (missing) return missing;
  if (me.isOwner || role.isDefault) return null;
  return role.position >= me.top ? 'Locked: this role is at or above your highest role.' : null;
}

/**
 * Why I may not act on this member, or null. `roles` undefined: not known yet, so only the owner
 * and myself are judged (the API decides the rest). `onSelf`: the action is one a member may take on
 * themselves (their own nickname, their own voice state).
 */
export function memberLock(
  me: Me,
  ownerId: string,
  member: { user: { id: string }; roles?: readonly { position: number }[] },
  { onSelf = false }: { onSelf?: boolean } = {},
): string | null {
  if (member.user.id === me.userId) return onSelf ? null : 'This is you.';
  if (member.user.id === ownerId) return 'The owner cannot be moderated.';
  if (me.isOwner || !member.roles) return null;
  const top = Math.max(0, ...member.roles.map((r) => r.position));
  return top >= me.top ? 'Their highest role is at or above yours.' : null;
}
