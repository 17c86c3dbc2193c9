/** A GraphQL error from Rashigo with its `extensions.code` (the contract's error codes). */
export class ApiError extends Error {
  readonly code: string;

  constructor(
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
  }

  /** For RATE_LIMITED: how long the API asks us to wait. */
  get retryAfterMs(): number | undefined {
    return typeof this.extensions.retryAfterMs === 'number' ? this.extensions.retryAfterMs : undefined;
  }
}

/**
 * Closes that retrying cannot fix: the token was refused at connect (4403 Forbidden) or its session
 * ended (4401 Unauthorized: the token was regenerated or the bot deleted; see README "Bots").
 */
export const FATAL_CLOSE_CODES: readonly number[] = [4401, 4403];

/** The connection itself failed (socket closed, API down): the operation may be retried. */
export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly closeCode?: number,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }

  /** True when the API refused the token: reconnecting would not help. */
  get fatal(): boolean {
    return this.closeCode !== undefined && FATAL_CLOSE_CODES.includes(this.closeCode);
  }
}

/** graphql-ws reports CloseEvents and ws ErrorEvents rather than Errors: one readable Error for each. */
export function toError(err: unknown): Error {
  if (err instanceof Error) return err;
  if (Array.isArray(err) && err.length > 0) {
    const first = err[0] as { message?: string; extensions?: Record<string, unknown> };
    return new ApiError(first.message ?? 'GraphQL error', first.extensions ?? {});
  }
  const code = closeCodeOf(err);
  if (code !== undefined)
    return new ConnectionError(`connection closed: ${code} ${(err as { reason?: string }).reason ?? ''}`.trim(), code);
  if (err && typeof err === 'object' && 'error' in err && err.error instanceof Error) return new ConnectionError(err.error.message);
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string') return new ConnectionError(err.message);
  return new ConnectionError(String(err));
}

export function closeCodeOf(event: unknown): number | undefined {
  return event && typeof event === 'object' && 'code' in event && typeof event.code === 'number' ? event.code : undefined;
}
