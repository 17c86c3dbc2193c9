import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('forgets an entry once its time to live has passed', () => {
    let now = 1000;
    const cache = new TtlCache<string>(50, 10, () => now);
    cache.set('a', 'x');
    now += 49;
    expect(cache.get('a')).toBe('x');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never holds more than its bound, dropping the least recently used first', () => {
    const cache = new TtlCache<number>(60_000, 3);
    for (const key of ['a', 'b', 'c']) cache.set(key, 1);
    cache.get('a');
    cache.set('d', 1);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([1, 1, 1]);
    for (let i = 0; i < 1000; i += 1) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
  });

  it('drops keys by prefix, and everything on clear', () => {
    const cache = new TtlCache<number>(60_000, 10);
    for (const key of ['s1:u1', 's1:u2', 's2:u1']) cache.set(key, 1);
    cache.deletePrefix('s1:');
    expect([cache.get('s1:u1'), cache.get('s1:u2'), cache.get('s2:u1')]).toEqual([undefined, undefined, 1]);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
