import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

const TASKS = '/proc/self/task';

/**
 * Lowers the CPU priority (raises the nice value) of every thread of this process but the main one.
 * At start those are V8's platform workers (the optimising compiler, concurrent marking, parallel
 * scavenge helpers) and Node's own helpers; libuv's thread pool starts later, from the main thread,
 * at its priority. On a core the main thread shares with them, a request otherwise waits while V8
 * optimises or marks: in a fresh process, 50-message history pages on one pinned core took 12-25 ms
 * instead of 3 ms whenever a background job ran beside them (each such page's process CPU 11-24 ms,
 * its main thread's 3-10). At nice 19 the work runs while the main thread waits for Postgres, Redis
 * or the next request, and on a machine with idle cores it runs there as before. A main thread
 * that blocks on a helper (a scavenge's join) lets the helper run, so nothing starves for good.
 * Linux only (threads are listed in /proc); elsewhere it does nothing. Returns the threads changed.
 */
export function lowerBackgroundThreadPriority(nice: number, mainThreadId = process.pid): number {
  if (nice === 0 || process.platform !== 'linux') return 0;
  let changed = 0;
  for (const entry of readdirSync(TASKS)) {
    const threadId = Number(entry);
    if (threadId === mainThreadId) continue;
    try {
      setPriority(threadId, nice);
      changed += 1;
    } catch {
      // The thread ended between listing and renicing.
    }
  }
  return changed;
}
