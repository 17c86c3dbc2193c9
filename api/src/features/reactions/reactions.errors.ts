import { AppError, badInput } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';
import { MAX_EMOJIS_PER_MESSAGE } from './reactions.inputs.js';

export const tooManyEmojis = () => badInput('emoji', `a message holds at most ${MAX_EMOJIS_PER_MESSAGE} different reactions`);

/** Per member and channel, like a channel's message limit (scope "channel"). */
export const reactingTooFast = (retryAfterMs: number) =>
  new AppError(ErrorCode.RateLimited, 'You are reacting too fast', { retryAfterMs, scope: 'channel' });
