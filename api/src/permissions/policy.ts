// Rules that decide how a permission result is enforced, beside the engine that computes it.
import { hasPermission } from './bits.js';

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
