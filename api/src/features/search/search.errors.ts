import { AppError } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';

/** Per member and server (scope "server"). */
export const searchingTooFast = (retryAfterMs: number) =>
  new AppError(ErrorCode.RateLimited, 'You are searching too fast', { retryAfterMs, scope: 'server' });
