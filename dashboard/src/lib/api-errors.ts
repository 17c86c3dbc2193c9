import type { CombinedError } from 'urql';

/** The API's error codes (extensions.code), as named in the public contract. */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'CHANNEL_FULL'
  | 'BANNED'
  | 'TIMED_OUT'
  | 'NETWORK_ERROR'
  | 'INTERNAL';

/** One refusal or failure as the UI shows it. */
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** RATE_LIMITED: how long until the next attempt may succeed. */
  retryAfterMs?: number;
  /** RATE_LIMITED: "slowmode", "channel", "server" or "auth". */
  scope?: string;
  /** TIMED_OUT: ISO time the timeout ends. */
  until?: string;
  /** FORBIDDEN: the missing permission. */
  permission?: string;
  /** BAD_USER_INPUT: the offending field. */
  field?: string;
}

const KNOWN = new Set<string>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
  'CHANNEL_FULL',
  'BANNED',
  'TIMED_OUT',
]);

/** Reads the first error of an operation; the only place that interprets `extensions`. */
export function apiErrorOf(error: CombinedError | undefined | null): ApiError | undefined {
  if (!error) return undefined;
  if (error.networkError && error.graphQLErrors.length === 0) {
    return { code: 'NETWORK_ERROR', message: 'Cannot reach the server. Check your connection and try again.' };
  }
  const first = error.graphQLErrors[0];
  if (!first) return { code: 'INTERNAL', message: error.message };
  const ext = first.extensions ?? {};
  const raw = typeof ext.code === 'string' ? ext.code : '';
  const code = (KNOWN.has(raw) ? raw : 'INTERNAL') as ApiErrorCode;
  return {
    code,
    message: code === 'INTERNAL' ? 'Something went wrong on the server. Try again.' : first.message,
    retryAfterMs: typeof ext.retryAfterMs === 'number' ? ext.retryAfterMs : undefined,
    scope: typeof ext.scope === 'string' ? ext.scope : undefined,
    until: typeof ext.until === 'string' ? ext.until : undefined,
    permission: typeof ext.permission === 'string' ? ext.permission : undefined,
    field: typeof ext.field === 'string' ? ext.field : undefined,
  };
}
