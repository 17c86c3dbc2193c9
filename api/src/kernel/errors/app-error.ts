import { ErrorCode } from './error-code.js';

export type ErrorMeta = Readonly<Record<string, string | number | boolean | null>>;

/** The only error domain code throws; `formatError` turns it into `extensions`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly meta: ErrorMeta = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const unauthenticated = () => new AppError(ErrorCode.Unauthenticated, 'You must be signed in');
export const notFound = (what: string) => new AppError(ErrorCode.NotFound, `${what} not found`);
export const forbidden = (permission: string, message = `Missing permission ${permission}`) =>
  new AppError(ErrorCode.Forbidden, message, { permission });
export const badInput = (field: string, message: string) => new AppError(ErrorCode.BadUserInput, `${field}: ${message}`, { field });
export const conflict = (message: string) => new AppError(ErrorCode.Conflict, message);
