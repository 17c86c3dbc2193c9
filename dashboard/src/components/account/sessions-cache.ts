import type { Cache } from '@urql/exchange-graphcache';
import { keysOf, removeFromList } from '@/lib/cache-lists';

const MY_SESSIONS = { fieldName: 'mySessions', fieldKey: 'mySessions', arguments: null };

/** An ended session (endSession) leaves the cached list at once, and the cache. */
export function forgetSession(cache: Cache, id: string): void {
  const key = cache.keyOfEntity({ __typename: 'AccountSession', id });
  if (key) forget(cache, key);
}

/** Every other session ended (endOtherSessions, or a new password): the cached list keeps only the asking one. */
export function keepCurrentSession(cache: Cache): void {
  const list = keysOf(cache.resolve('Query', 'mySessions')) ?? [];
  for (const key of list) if (key && cache.resolve(key, 'current') !== true) forget(cache, key);
}

function forget(cache: Cache, key: string): void {
  removeFromList(cache, 'Query', MY_SESSIONS, key);
  cache.invalidate(key);
}
