import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError } from './errors.js';
import { SendQueue } from './send-queue.js';

describe('SendQueue', () => {
  it('runs tasks one at a time per key, in order, and keys independently', async () => {
    const queue = new SendQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([queue.enqueue('a', task('a1')), queue.enqueue('a', task('a2')), queue.enqueue('b', task('b1'))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('waits out RATE_LIMITED and a lost connection, then succeeds; the next task still waits its turn', async () => {
    const queue = new SendQueue();
    const attempts: string[] = [];
    let first = 0;
    const flaky = queue.enqueue('c', async () => {
      attempts.push('first');
      first += 1;
      if (first === 1) throw new ApiError('slow down', { code: 'RATE_LIMITED', retryAfterMs: 5 });
      if (first === 2) throw new ConnectionError('connection closed: 1006', 1006);
      return 'sent';
    });
    const next = queue.enqueue('c', async () => {
      attempts.push('second');
      return 'also sent';
    });
    expect(await flaky).toBe('sent');
    expect(await next).toBe('also sent');
    expect(attempts).toEqual(['first', 'first', 'first', 'second']);
  });

  it('a final error rejects that task only; a refused token is final', async () => {
    const queue = new SendQueue();
    const forbidden = queue.enqueue('d', async () => {
      throw new ApiError('no', { code: 'FORBIDDEN' });
    });
    const refused = queue.enqueue('d', async () => {
      throw new ConnectionError('connection closed: 4401 Session ended', 4401);
    });
    const fine = queue.enqueue('d', async () => 'ok');
    await expect(forbidden).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(refused).rejects.toMatchObject({ closeCode: 4401 });
    expect(await fine).toBe('ok');
  });

  it('close stops retrying: a waiting task rejects', async () => {
    const queue = new SendQueue();
    const stuck = queue.enqueue('e', async () => {
      throw new ApiError('slow down', { code: 'RATE_LIMITED', retryAfterMs: 60_000 });
    });
    await new Promise((resolve) => setImmediate(resolve));
    queue.close();
    await expect(stuck).rejects.toThrow('send queue closed');
  });
});
