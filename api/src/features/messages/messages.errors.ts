import { AppError } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';
import type { RefusalScope } from '../../jobs/queues.js';

export const rateLimited = (scope: RefusalScope, retryAfterMs: number) =>
  new AppError(ErrorCode.RateLimited, scope === 'slowmode' ? 'Slowmode is on in this channel' : 'You are sending messages too fast', {
    retryAfterMs,
    scope,
  });

export const notAuthor = () => new AppError(ErrorCode.Forbidden, 'Only the author can edit a message', { permission: 'AUTHOR' });
