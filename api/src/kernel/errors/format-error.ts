import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from './app-error.js';
import { ErrorCode } from './error-code.js';
import { isOutage } from './outage.js';

/** Codes the transports give malformed operations (graphql/documents.ts, http-server.ts); safe to pass through. */
const OPERATION_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

function extensionsFor(error: AppError): Record<string, unknown> {
  switch (error.code) {
    case ErrorCode.Unauthenticated:
    case ErrorCode.Forbidden:
    case ErrorCode.NotFound:
    case ErrorCode.BadUserInput:
    case ErrorCode.Conflict:
    case ErrorCode.RateLimited:
    case ErrorCode.ChannelFull:
    case ErrorCode.Banned:
    case ErrorCode.TimedOut:
    case ErrorCode.ServiceUnavailable:
      return { ...error.meta, code: error.code };
    default:
      return assertUnreachable(error.code);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled error code ${String(value)}`);
}

function originalOf(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? originalOf(error.originalError) : error;
}

/**
 * Maps any error to what a client may see: domain errors keep their code and meta, errors about the
 * operation itself pass through, and everything else becomes an opaque internal error (no stack, no SQL).
 * `onInternal` receives the hidden error so it can be logged.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onInternal: (error: unknown) => void = () => {},
): GraphQLFormattedError {
  const original = originalOf(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof AppError) {
    return { ...base, message: original.message, extensions: extensionsFor(original) };
  }
  const code = formatted.extensions?.code;
  const isOperationError = typeof code === 'string' && OPERATION_ERROR_CODES.has(code);
  const isGraphqlOwn = original instanceof GraphQLError || (error instanceof GraphQLError && !error.originalError);
  if (isOperationError || isGraphqlOwn) {
    return { ...base, extensions: { code: typeof code === 'string' ? code : 'GRAPHQL_VALIDATION_FAILED' } };
  }
  onInternal(original);
  if (isOutage(original)) {
    return {
      message: 'A backing service is unavailable; nothing was done, retry shortly',
      path: formatted.path,
      extensions: { code: ErrorCode.ServiceUnavailable },
    };
  }
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** formatError over a list of GraphQL errors (what a transport answers), hidden ones passed to `onInternal`. */
export const formatErrorsWith =
  (onInternal: (error: unknown) => void) =>
  (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((e) => formatError(e.toJSON(), e, onInternal));
