import type { NextFunction, Request, Response } from 'express';

/**
 * Errors in the express routes (/healthz, /metrics): a GraphQL-shaped error, never Express's default
 * HTML page with a stack trace. (/graphql answers its own request errors: graphql/http-server.ts.)
 */
export function requestErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  const status = (error as { status?: unknown }).status;
  const clientError = typeof status === 'number' && status >= 400 && status < 500;
  res.status(clientError ? status : 500).json({
    errors: [
      {
        message: clientError ? 'Bad request' : 'Internal server error',
        extensions: { code: clientError ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' },
      },
    ],
  });
}
