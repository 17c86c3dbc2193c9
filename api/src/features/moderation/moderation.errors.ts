import { AppError } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';
import { timeoutInForce } from '../../permissions/policy.js';
import type { ChannelAccess } from '../access/access.service.js';

export const timedOut = (until: Date) =>
  new AppError(ErrorCode.TimedOut, `You are timed out until ${until.toISOString()}`, { until: until.toISOString() });

/** A timed-out member hears TIMED_OUT with the end time, not a bare FORBIDDEN. */
export function assertNotTimedOut(access: ChannelAccess, now = new Date()): void {
  const until = timeoutInForce(access.member?.timedOutUntil, access.channelPermissions, now);
  if (until) throw timedOut(until);
}
