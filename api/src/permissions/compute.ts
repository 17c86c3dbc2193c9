// Discord's permission model as a pure function: callers load the inputs, nothing here touches a database.
import { ALL_PERMISSIONS, NO_PERMISSIONS, PermissionBit, TIMED_OUT_PERMISSIONS } from './bits.js';

export interface RoleGrant {
  id: string;
  permissions: bigint;
  position: number;
}

export interface Overwrite {
  targetType: 'ROLE' | 'MEMBER';
  targetId: string;
  allow: bigint;
  deny: bigint;
}

export interface PermissionInputs {
  ownerId: string;
  memberId: string;
  /** The server's @everyone role; its id finds the @everyone overwrite. */
  everyone: RoleGrant;
  /** The member's other roles (never @everyone). */
  roles: readonly RoleGrant[];
  /** The channel's overwrites; undefined means server-level permissions. */
  overwrites?: readonly Overwrite[];
  /** A private channel acts as if @everyone's overwrite also denied VIEW_CHANNEL. */
  privateChannel?: boolean;
  timedOutUntil?: Date | null;
  now: Date;
}

export function computePermissions(i: PermissionInputs): bigint {
  let p = i.everyone.permissions;
  for (const role of i.roles) p |= role.permissions;

  // Owner and administrators bypass overwrites and timeouts alike.
  if (i.memberId === i.ownerId || (p & PermissionBit.ADMINISTRATOR) !== 0n) return ALL_PERMISSIONS;

  if (i.overwrites !== undefined) {
    p = applyOverwrites(p, i.overwrites, i.everyone.id, i.roles, i.memberId, i.privateChannel ?? false);
    // Nothing in a channel applies to someone who cannot see it.
    if ((p & PermissionBit.VIEW_CHANNEL) === 0n) return NO_PERMISSIONS;
  }

  if (i.timedOutUntil != null && i.timedOutUntil.getTime() > i.now.getTime()) {
    p &= TIMED_OUT_PERMISSIONS;
  }
  // Stray bits in stored values (unknown or future permissions) never leak out.
  return p & ALL_PERMISSIONS;
}

function applyOverwrites(
  base: bigint,
  overwrites: readonly Overwrite[],
  everyoneId: string,
  roles: readonly RoleGrant[],
  memberId: string,
  privateChannel: boolean,
): bigint {
  const roleIds = new Set(roles.map((r) => r.id));
  let everyoneDeny = 0n;
  let everyoneAllow = 0n;
  let roleDeny = 0n;
  let roleAllow = 0n;
  let memberDeny = 0n;
  let memberAllow = 0n;

  for (const o of overwrites) {
    if (o.targetType === 'ROLE') {
      if (o.targetId === everyoneId) {
        everyoneDeny |= o.deny;
        everyoneAllow |= o.allow;
      } else if (roleIds.has(o.targetId)) {
        // Role overwrites are combined so no single role's order matters.
        roleDeny |= o.deny;
        roleAllow |= o.allow;
      }
    } else if (o.targetId === memberId) {
      memberDeny |= o.deny;
      memberAllow |= o.allow;
    }
  }

  if (privateChannel) {
    everyoneDeny |= PermissionBit.VIEW_CHANNEL;
    everyoneAllow &= ~PermissionBit.VIEW_CHANNEL;
  }

  // Within each level deny goes first, so a bit both denied and allowed ends allowed.
  let p = base;
  p = (p & ~everyoneDeny) | everyoneAllow;
  p = (p & ~roleDeny) | roleAllow;
  p = (p & ~memberDeny) | memberAllow;
  return p;
}
