import { describe, expect, it } from 'vitest';
import { isSnowflake, MAX_WORKER_ID, SNOWFLAKE_EPOCH_MS, SnowflakeGenerator, snowflakeAt, snowflakeTime } from './snowflake.js';

const big = (id: string) => BigInt(id);

describe('snowflake ids', () => {
  it('are unique and strictly increasing across 100k ids from one generator', () => {
    const gen = new SnowflakeGenerator(7);
    const ids = Array.from({ length: 100_000 }, () => gen.next());
    expect(new Set(ids).size).toBe(100_000);
    for (let i = 1; i < ids.length; i += 1) {
      if (!(big(ids[i]!) > big(ids[i - 1]!))) throw new Error(`id ${i} (${ids[i]}) is not above ${ids[i - 1]}`);
    }
  });

  it('stay unique and ordered when the clock stands still past 4096 ids in one millisecond', () => {
    const t = SNOWFLAKE_EPOCH_MS + 1_000_000;
    const gen = new SnowflakeGenerator(1, () => t);
    const ids = Array.from({ length: 10_000 }, () => gen.next()).map(big);
    expect(new Set(ids).size).toBe(10_000);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    expect(snowflakeTime(String(ids[0])).getTime()).toBe(t);
  });

  it('stay ordered when the clock goes backwards', () => {
    const times = [SNOWFLAKE_EPOCH_MS + 5000, SNOWFLAKE_EPOCH_MS + 4000, SNOWFLAKE_EPOCH_MS + 3000, SNOWFLAKE_EPOCH_MS + 6000];
    let i = 0;
    const gen = new SnowflakeGenerator(2, () => times[Math.min(i++, times.length - 1)]!);
    const ids = [gen.next(), gen.next(), gen.next(), gen.next()].map(big);
    expect(ids.every((id, j) => j === 0 || id > ids[j - 1]!)).toBe(true);
  });

  it('never collide between two workers in the same millisecond', () => {
    const t = SNOWFLAKE_EPOCH_MS + 42;
    const a = new SnowflakeGenerator(0, () => t);
    const b = new SnowflakeGenerator(MAX_WORKER_ID, () => t);
    const ids = new Set([...Array.from({ length: 1000 }, () => a.next()), ...Array.from({ length: 1000 }, () => b.next())]);
    expect(ids.size).toBe(2000);
  });

  it('accept worker ids 0..1023 only', () => {
    expect(MAX_WORKER_ID).toBe(1023);
    expect(() => new SnowflakeGenerator(0)).not.toThrow();
    expect(() => new SnowflakeGenerator(MAX_WORKER_ID)).not.toThrow();
    for (const bad of [-1, MAX_WORKER_ID + 1, 1.5, Number.NaN]) expect(() => new SnowflakeGenerator(bad)).toThrow(RangeError);
  });

  it('encode the worker id and time so that snowflakeTime reads the time back', () => {
    const t = Date.UTC(2027, 5, 1, 12, 0, 0, 123);
    const id = new SnowflakeGenerator(513, () => t).next();
    expect(snowflakeTime(id).getTime()).toBe(t);
    expect(Number((big(id) >> 12n) & 1023n)).toBe(513);
  });

  it('snowflakeAt(t) is at or below every id made at t and above every id made before t', () => {
    const t = SNOWFLAKE_EPOCH_MS + 86_400_000;
    const cursor = big(snowflakeAt(new Date(t)));
    for (const worker of [0, 1, 500, MAX_WORKER_ID]) {
      expect(big(new SnowflakeGenerator(worker, () => t).next())).toBeGreaterThanOrEqual(cursor);
      expect(big(new SnowflakeGenerator(worker, () => t - 1).next())).toBeLessThan(cursor);
    }
    expect(big(snowflakeAt(new Date(t + 1)))).toBeGreaterThan(cursor);
    expect(snowflakeTime(snowflakeAt(new Date(t))).getTime()).toBe(t);
  });

  it('isSnowflake accepts decimal ids of 63 bits and nothing else', () => {
    expect(isSnowflake(new SnowflakeGenerator(3).next())).toBe(true);
    expect(isSnowflake('0')).toBe(true);
    expect(isSnowflake('9223372036854775807')).toBe(true);
    for (const bad of ['', 'abc', '-1', '1.5', ' 1', '9223372036854775808', '99999999999999999999', '123456789012345678901'])
      expect(isSnowflake(bad)).toBe(false);
  });
});
