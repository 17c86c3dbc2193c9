import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, type Redis } from './redis.js';
import { SlidingWindowLimiter, type Window } from './sliding-window.js';
import { sleep } from '../../../test/fixtures.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('SlidingWindowLimiter (real Redis)', () => {
  const prefix = `rashigo-test:sw:${randomBytes(4).toString('hex')}:`;
  const clients: Redis[] = [];
  let redis: Redis;
  let limiter: SlidingWindowLimiter;
  let n = 0;
  const key = () => `${prefix}${n++}`;
  const win = (k: string, limit: number, windowMs = 60_000): Window => ({ key: k, limit, windowMs });

  beforeAll(() => {
    redis = createRedis(REDIS_URL, 'sliding-window-test');
    clients.push(redis);
    limiter = new SlidingWindowLimiter(redis);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('allows exactly `limit` hits in a window, then refuses with how long to wait', async () => {
    const k = key();
    for (let i = 0; i < 3; i += 1) expect(await limiter.consume([win(k, 3)])).toEqual({ allowed: true });
    const refused = await limiter.consume([win(k, 3)]);
    expect(refused).toEqual({ allowed: false, retryAfterMs: expect.any(Number), index: 0 });
    if (refused.allowed) throw new Error('unreachable');
    expect(refused.retryAfterMs).toBeGreaterThan(59_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(await redis.zcard(k)).toBe(3);
    const ttl = await redis.pttl(k);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('slides: room comes back when the oldest hit leaves the window, after about retryAfterMs', async () => {
    const k = key();
    expect((await limiter.consume([win(k, 2, 300)])).allowed).toBe(true);
    await sleep(120);
    expect((await limiter.consume([win(k, 2, 300)])).allowed).toBe(true);
    const refused = await limiter.consume([win(k, 2, 300)]);
    if (refused.allowed) throw new Error('expected a refusal');
    // The first hit leaves first, so the wait is well under the whole window.
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(300 - 120);
    await sleep(refused.retryAfterMs + 15);
    expect((await limiter.consume([win(k, 2, 300)])).allowed).toBe(true);
    expect((await limiter.consume([win(k, 2, 300)])).allowed).toBe(false);
  });

  it('is all-or-nothing across windows: a refusal records no hit anywhere', async () => {
    const full = key();
    const roomy = key();
    expect((await limiter.consume([win(full, 1)])).allowed).toBe(true);
    for (let i = 0; i < 3; i += 1) {
      expect(await limiter.consume([win(roomy, 5), win(full, 1)])).toEqual({ allowed: false, retryAfterMs: expect.any(Number), index: 1 });
    }
    expect(await redis.zcard(roomy)).toBe(0);
    for (let i = 0; i < 5; i += 1) expect((await limiter.consume([win(roomy, 5)])).allowed).toBe(true);
    expect((await limiter.consume([win(roomy, 5)])).allowed).toBe(false);
  });

  it('records an allowed hit in every window, and reports the window that needs the longest wait', async () => {
    const a = key();
    const b = key();
    expect((await limiter.consume([win(a, 2, 10_000), win(b, 1, 50_000)])).allowed).toBe(true);
    expect([await redis.zcard(a), await redis.zcard(b)]).toEqual([1, 1]);
    expect((await limiter.consume([win(a, 1, 10_000), win(b, 1, 50_000)])).allowed).toBe(false);
    const refused = await limiter.consume([win(a, 1, 10_000), win(b, 1, 50_000)]);
    expect(refused).toMatchObject({ allowed: false, index: 1 });
    if (!refused.allowed) expect(refused.retryAfterMs).toBeGreaterThan(10_000);
  });

  it('skips windows with no limit, keeping the caller-given index of the full one', async () => {
    const off = key();
    const on = key();
    for (let i = 0; i < 5; i += 1) expect((await limiter.consume([win(off, 0)])).allowed).toBe(true);
    expect(await redis.exists(off)).toBe(0);
    expect((await limiter.consume([win(off, 0), win(on, 1)])).allowed).toBe(true);
    expect(await limiter.consume([win(off, 0), win(on, 1)])).toMatchObject({ allowed: false, index: 1 });
  });

  it('never over-grants to concurrent consumers: 50 at once with limit 5 allow exactly 5', async () => {
    const k = key();
    const limiters = Array.from({ length: 5 }, (_, i) => {
      const client = createRedis(REDIS_URL, `sliding-window-test-${i}`);
      clients.push(client);
      return new SlidingWindowLimiter(client);
    });
    const verdicts = await Promise.all(
      Array.from({ length: 50 }, (_, i) => limiters[i % limiters.length]!.consume([win(k, 5), win(`${k}:b`, 1000)])),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
    expect(await redis.zcard(k)).toBe(5);
    expect(await redis.zcard(`${k}:b`)).toBe(5);
  });
});
