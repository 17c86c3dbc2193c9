import { Cluster, Redis, type RedisOptions } from 'ioredis';

export { Redis, Cluster };

/** One Redis server or a Redis Cluster: every feature is written against what both offer. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: REDIS_URL, or REDIS_CLUSTER_NODES (seed nodes) with REDIS_URL's credentials and TLS. */
export interface RedisTarget {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: readonly string[];
}

/** BullMQ needs `maxRetriesPerRequest: null`; everything else is happy with it too. */
export function createRedis(target: RedisTarget, connectionName: string): RedisClient {
  const options: RedisOptions = { maxRetriesPerRequest: null, connectionName, lazyConnect: false };
  const seeds = target.REDIS_CLUSTER_NODES ?? [];
  if (seeds.length === 0) return new Redis(target.REDIS_URL, options);
  const url = new URL(target.REDIS_URL);
  return new Cluster(
    seeds.map((seed) => {
      const [host, port] = seed.split(':');
      return { host: host!, port: Number(port) };
    }),
    {
      // SSUBSCRIBE through one connection per shard, so a channel's events touch only its slot's node.
      shardedSubscribers: true,
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
