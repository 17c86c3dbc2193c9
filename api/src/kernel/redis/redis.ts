import { Cluster, Redis, type RedisOptions } from 'ioredis';

export { Redis, Cluster };

/** One Redis server or a Redis Cluster: every feature is written against what both offer. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: REDIS_URL, or REDIS_CLUSTER_NODES (seed nodes) with REDIS_URL's credentials and TLS. */
export interface RedisTarget {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: readonly string[];
  /** How long a command waits for its reply, and a connection for any byte after a command (see createRedis); unset: no limit. */
  REDIS_ANSWER_TIMEOUT_MS?: number;
}

/**
 * While Redis is unreachable, a command waits for this many reconnection attempts (about 150 ms),
 * then fails, so requests answer SERVICE_UNAVAILABLE instead of hanging until Redis returns.
 */
export const REDIS_RETRIES_PER_REQUEST = 2;

/**
 * BullMQ's longest wait on a blocking connection (its Redis backend caps a worker's BZPOPMIN at
 * 10 s): a blocking connection hearing nothing for longer, plus REDIS_ANSWER_TIMEOUT_MS, is silent.
 */
export const LONGEST_BLOCK_MS = 10_000;

/**
 * A connection for commands, or for pub/sub (`subscriber`), to one Redis or a cluster. BullMQ's
 * workers block on their own connections, which must wait for Redis however long it takes
 * (`blocking`: BullMQ requires `maxRetriesPerRequest: null`).
 */
export function createRedis(target: RedisTarget, connectionName: string, { blocking = false, subscriber = false } = {}): RedisClient {
  const answerMs = target.REDIS_ANSWER_TIMEOUT_MS;
  const options: RedisOptions = {
    maxRetriesPerRequest: blocking ? null : REDIS_RETRIES_PER_REQUEST,
    // A Redis gone silent (its host gone, packets dropped) refuses nothing: a command would wait
    // for TCP to give up, about 15 minutes. It fails instead, and a connection that hears nothing
    // after a command is dropped, so ioredis reconnects (and resubscribes).
    commandTimeout: blocking ? undefined : answerMs,
    socketTimeout: answerMs === undefined ? undefined : blocking ? LONGEST_BLOCK_MS + answerMs : answerMs,
    connectionName,
    lazyConnect: false,
    // Commands issued in one tick leave in one write: under load, fewer syscalls per request.
    enableAutoPipelining: !blocking,
  };
  const seeds = target.REDIS_CLUSTER_NODES ?? [];
  const redis: RedisClient = seeds.length === 0 ? new Redis(target.REDIS_URL, options) : createCluster(target.REDIS_URL, seeds, options);
  // Connection errors are reported by the commands that fail and by /healthz; ioredis reconnects.
  redis.on('error', () => undefined);
  if (subscriber && !isCluster(redis) && answerMs) pingEvery(redis, answerMs);
  return redis;
}

/**
 * A subscriber sends nothing between events, so it could go silent unseen: a PING every `everyMs`
 * gives socketTimeout something to wait for, and the event bus's onLost/onResubscribed replay what
 * was missed once the dropped subscriber is back. (Command connections show silence on their next
 * command.)
 */
function pingEvery(redis: Redis, everyMs: number): void {
  const heartbeat = setInterval(() => {
    if (redis.status === 'ready') redis.ping().catch(() => undefined);
  }, everyMs).unref();
  redis.once('end', () => clearInterval(heartbeat));
}

function createCluster(redisUrl: string, seeds: readonly string[], options: RedisOptions): Cluster {
  const url = new URL(redisUrl);
  return new Cluster(
    seeds.map((seed) => {
      const [host, port] = seed.split(':');
      return { host: host!, port: Number(port) };
    }),
    {
      // SSUBSCRIBE through one connection per shard, so a channel's events touch only its slot's node.
      shardedSubscribers: true,
      // Off on a cluster: ioredis 5 batches commands of several slots into one pipeline and refuses
      // it ("All keys in the pipeline should belong to the same slots allocation group").
      enableAutoPipelining: false,
      redisOptions: {
        ...options,
        username: decodeURIComponent(url.username) || undefined,
        password: decodeURIComponent(url.password) || undefined,
        tls: url.protocol === 'rediss:' ? {} : undefined,
      },
    },
  );
}

export const isCluster = (redis: RedisClient): redis is Cluster => redis instanceof Cluster;

/** MGET where the keys may live on different cluster slots (one GET each there; one MGET on one Redis). */
export function getMany(redis: RedisClient, keys: readonly string[]): Promise<(string | null)[]> {
  return isCluster(redis) ? Promise.all(keys.map((key) => redis.get(key))) : redis.mget(...keys);
}
