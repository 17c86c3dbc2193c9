import { AppError } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';

export const invalidCredentials = () => new AppError(ErrorCode.Unauthenticated, 'Invalid username or password');
export const usernameTaken = () => new AppError(ErrorCode.Conflict, 'That username is taken');
export const tooManyAttempts = (retryAfterMs: number) =>
  new AppError(ErrorCode.RateLimited, 'Too many sign-in attempts; try again later', { retryAfterMs, scope: 'auth' });
