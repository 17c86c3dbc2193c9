import { randomUUID } from 'node:crypto';
import { luaScripts } from './lua-scripts.js';
import type { RedisClient } from './redis.js';

export interface Window {
  key: string;
  limit: number;
  windowMs: number;
}

export type WindowVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; index: number };

// Sliding-window log over several windows in one atomic round trip: either every window has room
// and the hit is recorded in all of them, or nothing is recorded and the caller learns how long the
// tightest window needs. Redis's own clock (TIME) keeps every API instance on one time line.
const CONSUME_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local worstRetry, worstIndex = 0, 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[i * 2])
  local window = tonumber(ARGV[i * 2 + 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local freeing = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    local retry = tonumber(freeing[2]) + window - now
    if retry < 1 then retry = 1 end
    if retry > worstRetry then worstRetry, worstIndex = retry, i end
  end
end
if worstIndex > 0 then return {0, worstRetry, worstIndex} end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[1])
  redis.call('PEXPIRE', key, tonumber(ARGV[i * 2 + 1]))
end
return {1, 0, 0}
`;

type LimiterScripts = { consume(numKeys: number, ...args: (string | number)[]): Promise<[number, number, number]> };

export class SlidingWindowLimiter {
  private readonly scripts: LimiterScripts;

  constructor(redis: RedisClient) {
    // The number of windows varies per call, so the key count comes as the first argument.
    this.scripts = luaScripts<LimiterScripts>(redis, 'windows', { consume: { lua: CONSUME_SCRIPT } });
  }

  /** Records one hit in every window, or none if any is full. Windows with limit <= 0 are skipped. */
  async consume(windows: readonly Window[]): Promise<WindowVerdict> {
    const active = windows.map((w, index) => ({ ...w, index })).filter((w) => w.limit > 0 && w.windowMs > 0);
    if (active.length === 0) return { allowed: true };
    const args = active.flatMap((w) => [w.limit, w.windowMs]);
    const [allowed, retryAfterMs, position] = await this.scripts.consume(active.length, ...active.map((w) => w.key), randomUUID(), ...args);
    if (allowed === 1) return { allowed: true };
    return { allowed: false, retryAfterMs, index: active[position - 1]!.index };
  }
}
