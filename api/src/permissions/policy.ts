// Rules that decide how a permission result is enforced, beside the engine that computes it.
import { hasPermission, type PermissionName } from './bits.js';
import { canManageMember, type Actor, type HierarchyTarget } from './hierarchy.js';

/**
 * The end of a timeout that holds this member back, or null. Whoever computes to ADMINISTRATOR
 * (owners included) is never held by a timeout, matching computePermissions.
 */
export function timeoutInForce(timedOutUntil: Date | null | undefined, permissions: bigint, now: Date): Date | null {
  if (!timedOutUntil) return null;
  const until = timedOutUntil;
  if (until.getTime() <= now.getTime() || hasPermission(permissions, 'ADMINISTRATOR')) return null;
  return until;
}

/** Bots, and moderators who can manage messages or channels, are exempt from slowmode (as in Discord). */
export function exemptFromSlowmode(channelPermissions: bigint, isBot = false): boolean {
  return isBot || hasPermission(channelPermissions, 'MANAGE_MESSAGES') || hasPermission(channelPermissions, 'MANAGE_CHANNELS');
}

export interface VoiceModerationAction {
  serverMute?: boolean | null;
  serverDeaf?: boolean | null;
  disconnect?: boolean | null;
  moveToChannelId?: string | null;
}

/** What each part of a voice moderation needs, in the channel the member is in (and, to move, in the destination). */
export function voiceModerationPermissions(action: VoiceModerationAction): PermissionName[] {
  const needs: PermissionName[] = [];
  if (action.serverMute != null) needs.push('MUTE_MEMBERS');
  if (action.serverDeaf != null) needs.push('DEAFEN_MEMBERS');
  if (action.disconnect || action.moveToChannelId) needs.push('MOVE_MEMBERS');
  return needs;
}

/** Voice moderation reaches oneself, or a member ranked below the actor; never the owner (unless the owner acts on themself). */
export function canModerateVoice(actor: Actor, target: HierarchyTarget): boolean {
  return actor.userId === target.userId || canManageMember(actor, target);
}
