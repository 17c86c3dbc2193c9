import { describe, expect, it } from 'vitest';
import { threadNiceValues } from '../../../test/thread-nice.js';
import { lowerBackgroundThreadPriority } from './background-thread-priority.js';

describe.runIf(process.platform === 'linux')('lowerBackgroundThreadPriority', () => {
  it('renices every thread but the main one, which keeps its priority', () => {
    const threads = [...threadNiceValues('self').keys()];
    expect(threads.length).toBeGreaterThan(1);
    const changed = lowerBackgroundThreadPriority(19);
    expect(changed).toBe(threads.length - 1);
    const nice = threadNiceValues('self');
    for (const thread of threads) expect(nice.get(thread)).toBe(thread === process.pid ? 0 : 19);
  });

  it('changes nothing at nice 0', () => {
    expect(lowerBackgroundThreadPriority(0)).toBe(0);
  });
});
