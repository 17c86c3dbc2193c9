import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis, type RedisClient } from '../redis/redis.js';
import { EventBus, type Topic } from './event-bus.js';
import { sleep, until } from '../../../test/fixtures.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('EventBus (real Redis)', () => {
  const prefix = `rashigo-test:bus:${randomBytes(4).toString('hex')}:`;
  const clients: RedisClient[] = [];
  afterAll(async () => {
    for (const client of clients) client.disconnect();
  });

  it('hands on messages that arrive together in one batch, in order, and a lone message outside any', async () => {
    const publisher = createRedis({ REDIS_URL }, 'bus-test-publisher');
    const subscriber = createRedis({ REDIS_URL }, 'bus-test-subscriber');
    clients.push(publisher, subscriber);
    if (subscriber.status !== 'ready') await new Promise((resolve) => subscriber.once('ready', resolve));
    const bus = new EventBus(publisher, subscriber, (name) => `${prefix}${name}`);
    const received: string[] = [];
    const batches: number[] = [];
    let inBatch = false;
    bus.batchDeliveriesWith((deliver) => {
      inBatch = true;
      const before = received.length;
      deliver();
      batches.push(received.length - before);
      inBatch = false;
    });
    const a: Topic<{ n: number }> = { name: 'a' };
    const b: Topic<{ n: number }> = { name: 'b' };
    await bus.listen(a, ({ n }) => received.push(`a${n}${inBatch ? ' batched' : ''}`));
    await bus.listen(b, ({ n }) => received.push(`b${n}${inBatch ? ' batched' : ''}`));

    // One MULTI: Redis runs it at once, so the subscriber connection reads its three messages together.
    await publisher.multi().publish(`${prefix}a`, '{"n":1}').publish(`${prefix}b`, '{"n":2}').publish(`${prefix}a`, '{"n":3}').exec();
    await until(() => received.length === 3, 'the three messages');
    expect(received).toEqual(['a1 batched', 'b2 batched', 'a3 batched']);
    expect(batches).toEqual([3]);

    await bus.publish(a, { n: 4 });
    await until(() => received.length === 4, 'the lone message');
    expect(received[3]).toBe('a4');
    expect(batches).toEqual([3]);
  });

  it('passes a fence only once what Redis published before it has been handed on, however late the subscriber reads', async () => {
    const publisher = createRedis({ REDIS_URL }, 'bus-test-publisher');
    const subscriber = createRedis({ REDIS_URL }, 'bus-test-subscriber') as Redis;
    clients.push(publisher, subscriber);
    if (subscriber.status !== 'ready') await new Promise((resolve) => subscriber.once('ready', resolve));
    const bus = new EventBus(publisher, subscriber, (name) => `${prefix}${name}`);
    const topic: Topic<{ at: Date; n: number }> = { name: 'fenced' };
    const received: unknown[] = [];
    await bus.listen(topic, (payload) => received.push(payload));

    // The subscriber reads nothing for a while (a busy process, a slow link): published messages wait in its socket.
    subscriber.stream.pause();
    for (let n = 1; n <= 3; n += 1) await bus.publish(topic, { at: new Date(0), n });
    const handedOnAtFence: number[] = [];
    const fences = [bus.fence(), bus.fence()].map((fence) => fence.then((passed) => (handedOnAtFence.push(received.length), passed)));
    await sleep(100);
    expect(handedOnAtFence).toEqual([]);
    subscriber.stream.resume();
    expect(await Promise.all(fences)).toEqual([true, true]);
    expect(handedOnAtFence).toEqual([3, 3]);

    // Handed on here: the same JSON the echo brings (a Date as its string), to this process's listeners only.
    bus.deliverHere(topic, { at: new Date(0), n: 4 });
    await until(() => received.length, 'the payload handed on here', { done: (n) => n === 4 });
    expect(received.at(-1)).toEqual({ at: new Date(0).toISOString(), n: 4 });

    // Away, the subscriber can promise nothing.
    subscriber.disconnect();
    await until(() => subscriber.status, 'the subscriber to be away', { done: (status) => status !== 'ready' });
    expect(await bus.fence()).toBe(false);
  });
});
