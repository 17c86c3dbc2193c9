import { Redis } from 'ioredis';

export { Redis };

/** BullMQ needs `maxRetriesPerRequest: null`; everything else is happy with it too. */
export function createRedis(url: string, connectionName: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName, lazyConnect: false });
}
