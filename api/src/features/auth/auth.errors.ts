import { AppError, badInput } from '../../kernel/errors/app-error.js';
import { ErrorCode } from '../../kernel/errors/error-code.js';

export const invalidCredentials = () => new AppError(ErrorCode.Unauthenticated, 'Invalid username or password');
export const usernameTaken = () => new AppError(ErrorCode.Conflict, 'That username is taken');
export const tooManyAttempts = (retryAfterMs: number) =>
  new AppError(ErrorCode.RateLimited, 'Too many sign-in attempts; try again later', { retryAfterMs, scope: 'auth' });
// BAD_USER_INPUT, not UNAUTHENTICATED: the session is fine, and clients sign out on UNAUTHENTICATED.
export const wrongCurrentPassword = () => badInput('currentPassword', 'is not your current password');
/** PERSON: what only a person's account may do, as OWNER names what only the owner may. */
export const botHasNoPassword = () =>
  new AppError(ErrorCode.Forbidden, 'A bot has no password: its owner regenerates its token instead', { permission: 'PERSON' });
/** A bot's one session is its token: listing or ending sessions is for people. */
export const botHasNoSessionList = () =>
  new AppError(ErrorCode.Forbidden, 'A bot signs in with its token: its owner regenerates it to end it', { permission: 'PERSON' });
