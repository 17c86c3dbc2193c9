import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { supervise } from './supervisor.js';

const logger = pino({ level: 'silent' });

describe('supervise', () => {
  it('restarts a crashed bot with backoff until it runs', async () => {
    let runs = 0;
    await supervise(
      async () => {
        runs += 1;
        if (runs < 3) throw new Error('crash');
      },
      new AbortController().signal,
      { logger, backoff: { initialMs: 1, maxMs: 5 }, isPermanent: () => false },
    );
    expect(runs).toBe(3);
  });

  it('does not restart after a permanent error', async () => {
    let runs = 0;
    await supervise(
      async () => {
        runs += 1;
        throw new Error('bad config');
      },
      new AbortController().signal,
      { logger, backoff: { initialMs: 1 }, isPermanent: (e) => e.message === 'bad config' },
    );
    expect(runs).toBe(1);
  });

  it('stops restarting once aborted', async () => {
    const stop = new AbortController();
    let runs = 0;
    await supervise(
      async () => {
        runs += 1;
        stop.abort();
        throw new Error('crash');
      },
      stop.signal,
      { logger, backoff: { initialMs: 1 }, isPermanent: () => false },
    );
    expect(runs).toBe(1);
  });
});
