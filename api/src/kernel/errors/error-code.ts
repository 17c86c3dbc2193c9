/** Every error code a client can see, as named in the public contract. */
export enum ErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  BadUserInput = 'BAD_USER_INPUT',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
  ChannelFull = 'CHANNEL_FULL',
  Banned = 'BANNED',
  TimedOut = 'TIMED_OUT',
  /** Postgres or Redis cannot be reached right now; nothing was done, retry shortly. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
}
