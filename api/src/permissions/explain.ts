// Why a permission ends allowed or denied: the same steps as computePermissions, traced per permission.
// explain.test.ts checks, over random inputs, that the outcome always equals computePermissions.
import { PERMISSION_NAMES, PermissionBit, TIMED_OUT_PERMISSIONS, type PermissionName } from './bits.js';
import type { Overwrite, PermissionInputs } from './compute.js';

export type PermissionReason =
  /** The server's owner has everything. */
  | 'OWNER'
  /** One of the member's roles (or @everyone) holds ADMINISTRATOR. */
  | 'ADMINISTRATOR'
  /** Granted by @everyone's permissions. */
  | 'EVERYONE_ROLE'
  /** Granted by one or more of the member's roles. */
  | 'ROLE'
  /** No role grants it. */
  | 'NOT_GRANTED'
  /** A channel overwrite for @everyone, a role or the member decided it. */
  | 'EVERYONE_OVERWRITE'
  | 'ROLE_OVERWRITE'
  | 'MEMBER_OVERWRITE'
  /** The channel is private: @everyone cannot view it unless an overwrite allows. */
  | 'PRIVATE_CHANNEL'
  /** Without VIEW_CHANNEL nothing else in a channel applies. */
  | 'NO_VIEW_CHANNEL'
  /** A timeout leaves only VIEW_CHANNEL and READ_MESSAGE_HISTORY. */
  | 'TIMEOUT';

export interface PermissionDecision {
  permission: PermissionName;
  allowed: boolean;
  reason: PermissionReason;
  /** The roles behind the reason (granting roles, ADMINISTRATOR roles, or the overwrites' roles). */
  roleIds: string[];
}

interface Step {
  allowed: boolean;
  reason: PermissionReason;
  roleIds: string[];
}

export function explainPermissions(i: PermissionInputs): PermissionDecision[] {
  const grants = [i.everyone, ...i.roles];
  const admins = grants.filter((r) => (r.permissions & PermissionBit.ADMINISTRATOR) !== 0n).map((r) => r.id);
  if (i.memberId === i.ownerId) return everything('OWNER', []);
  if (admins.length > 0) return everything('ADMINISTRATOR', admins);

  const steps = new Map<PermissionName, Step>();
  for (const name of PERMISSION_NAMES) {
    const bit = PermissionBit[name];
    const granting = i.roles.filter((r) => (r.permissions & bit) !== 0n).map((r) => r.id);
    let step: Step =
      (i.everyone.permissions & bit) !== 0n
        ? { allowed: true, reason: 'EVERYONE_ROLE', roleIds: [i.everyone.id] }
        : granting.length > 0
          ? { allowed: true, reason: 'ROLE', roleIds: granting }
          : { allowed: false, reason: 'NOT_GRANTED', roleIds: [] };
    if (i.overwrites !== undefined) step = throughOverwrites(step, bit, i, i.overwrites);
    steps.set(name, step);
  }

  const canView = i.overwrites === undefined || steps.get('VIEW_CHANNEL')!.allowed;
  const timedOut = i.timedOutUntil != null && i.timedOutUntil.getTime() > i.now.getTime();
  return PERMISSION_NAMES.map((permission) => {
    const step = steps.get(permission)!;
    if (!canView && permission !== 'VIEW_CHANNEL') return { permission, allowed: false, reason: 'NO_VIEW_CHANNEL', roleIds: [] };
    if (timedOut && step.allowed && (TIMED_OUT_PERMISSIONS & PermissionBit[permission]) === 0n) {
      return { permission, allowed: false, reason: 'TIMEOUT', roleIds: [] };
    }
    return { permission, ...step };
  });
}

function everything(reason: PermissionReason, roleIds: string[]): PermissionDecision[] {
  return PERMISSION_NAMES.map((permission) => ({ permission, allowed: true, reason, roleIds }));
}

/** @everyone's overwrite, then the member's roles' overwrites combined, then the member's; each deny then allow. */
function throughOverwrites(base: Step, bit: bigint, i: PermissionInputs, overwrites: readonly Overwrite[]): Step {
  const memberRoles = new Set(i.roles.map((r) => r.id));
  const everyone = overwrites.filter((o) => o.targetType === 'ROLE' && o.targetId === i.everyone.id);
  const roles = overwrites.filter((o) => o.targetType === 'ROLE' && memberRoles.has(o.targetId));
  const member = overwrites.filter((o) => o.targetType === 'MEMBER' && o.targetId === i.memberId);

  let step = base;
  const hidden = i.privateChannel === true && bit === PermissionBit.VIEW_CHANNEL;
  if (hidden) step = { allowed: false, reason: 'PRIVATE_CHANNEL', roleIds: [] };
  step = level(step, bit, everyone, 'EVERYONE_OVERWRITE', !hidden);
  step = level(step, bit, roles, 'ROLE_OVERWRITE', true);
  return level(step, bit, member, 'MEMBER_OVERWRITE', true);
}

function level(step: Step, bit: bigint, overwrites: readonly Overwrite[], reason: PermissionReason, allowCounts: boolean): Step {
  const ids = (pick: (o: Overwrite) => bigint) => overwrites.filter((o) => (pick(o) & bit) !== 0n).map((o) => o.targetId);
  const allowing = allowCounts ? ids((o) => o.allow) : [];
  if (allowing.length > 0) return { allowed: true, reason, roleIds: reason === 'MEMBER_OVERWRITE' ? [] : allowing };
  const denying = ids((o) => o.deny);
  if (denying.length > 0) return { allowed: false, reason, roleIds: reason === 'MEMBER_OVERWRITE' ? [] : denying };
  return step;
}

/** Anyone may ask about themselves; about others, those who manage roles or moderate members. */
export function mayExplainFor(viewerId: string, targetUserId: string | null, viewerPermissions: bigint): boolean {
  if (targetUserId === viewerId) return true;
  return (viewerPermissions & (PermissionBit.MANAGE_ROLES | PermissionBit.MODERATE_MEMBERS)) !== 0n;
}
