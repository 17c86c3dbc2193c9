import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lowerBackgroundThreadPriority } from './background-thread-priority.js';

/** A thread's nice value: field 19 of /proc/self/task/<tid>/stat (the name in field 2 may hold spaces). */
function niceOf(threadId: string): number {
  const stat = readFileSync(`/proc/self/task/${threadId}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

describe.runIf(process.platform === 'linux')('lowerBackgroundThreadPriority', () => {
  it('renices every thread but the main one, which keeps its priority', () => {
    const threads = readdirSync('/proc/self/task');
    expect(threads.length).toBeGreaterThan(1);
    const changed = lowerBackgroundThreadPriority(19);
    expect(changed).toBe(threads.length - 1);
    for (const thread of threads) expect(niceOf(thread)).toBe(Number(thread) === process.pid ? 0 : 19);
  });

  it('changes nothing at nice 0', () => {
    expect(lowerBackgroundThreadPriority(0)).toBe(0);
  });
});
