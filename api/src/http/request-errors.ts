import type { NextFunction, Request, Response } from 'express';

/**
 * Errors raised before GraphQL runs (a body that is not JSON, not UTF-8, or over the limit): a 4xx
 * with a GraphQL-shaped error, never Express's default HTML page with a stack trace.
 */
export function requestErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  const status = (error as { status?: unknown }).status;
  const clientError = typeof status === 'number' && status >= 400 && status < 500;
  const message = !clientError
    ? 'Internal server error'
    : status === 413
      ? 'Request body is too large'
      : 'Request body is not valid JSON in UTF-8';
  res
    .status(clientError ? status : 500)
    .json({ errors: [{ message, extensions: { code: clientError ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
}
