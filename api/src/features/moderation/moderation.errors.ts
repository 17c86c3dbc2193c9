import { AppError } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';
import { hasPermission } from '../../permissions/bits.js';
import type { ChannelAccess } from '../access/access.service.js';

export const timedOut = (until: Date) =>
  new AppError(ErrorCode.TimedOut, `You are timed out until ${until.toISOString()}`, { until: until.toISOString() });

/** A timed-out member hears TIMED_OUT with the end time, not a bare FORBIDDEN (owners and admins are never timed out). */
export function assertNotTimedOut(access: ChannelAccess, now = new Date()): void {
  const until = access.member?.timedOutUntil;
  if (until && new Date(until) > now && !hasPermission(access.channelPermissions, 'ADMINISTRATOR')) throw timedOut(new Date(until));
}
