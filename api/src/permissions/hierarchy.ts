// Role hierarchy: higher position is more senior; @everyone sits at 0.

export interface Actor {
  userId: string;
  ownerId: string;
  roles: readonly { position: number }[];
}

export interface HierarchyTarget {
  userId: string;
  roles: readonly { position: number }[];
}

export function highestRolePosition(roles: readonly { position: number }[]): number {
  let highest = 0;
  for (const role of roles) if (role.position > highest) highest = role.position;
  return highest;
}

export function canManageRole(actor: Actor, rolePosition: number): boolean {
  if (actor.userId === actor.ownerId) return true;
  return rolePosition < highestRolePosition(actor.roles);
}

export function canManageMember(actor: Actor, target: HierarchyTarget): boolean {
  // Moderating oneself (kick, ban, timeout) is never allowed, nor acting on the owner.
  if (actor.userId === target.userId) return false;
  if (target.userId === actor.ownerId) return false;
  if (actor.userId === actor.ownerId) return true;
  return highestRolePosition(target.roles) < highestRolePosition(actor.roles);
}

/**
 * Changing what a member may do (giving or taking a role, a channel overwrite naming them) needs the
 * actor above them, as moderating them does; a member may do it to themselves (the roles and
 * permissions involved are checked against the actor's own).
 */
export function canChangeMemberPermissions(actor: Actor, target: HierarchyTarget): boolean {
  return actor.userId === target.userId || canManageMember(actor, target);
}
