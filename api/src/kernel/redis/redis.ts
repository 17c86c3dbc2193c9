import { Redis } from 'ioredis';

export { Redis };

/**
 * While Redis is unreachable, a command waits for this many reconnection attempts (about 150 ms),
 * then fails, so requests answer SERVICE_UNAVAILABLE instead of hanging until Redis returns.
 */
export const REDIS_RETRIES_PER_REQUEST = 2;

/**
 * A connection for commands and pub/sub. BullMQ's workers block on their own connections, which
 * must wait for Redis however long it takes (`blocking`: BullMQ requires `maxRetriesPerRequest: null`).
 */
export function createRedis(url: string, connectionName: string, { blocking = false } = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: blocking ? null : REDIS_RETRIES_PER_REQUEST,
    connectionName,
    lazyConnect: false,
  });
  // Connection errors are reported by the commands that fail and by /healthz; ioredis reconnects.
  redis.on('error', () => undefined);
  return redis;
}
