// What the bench reads of a running process, from /proc (Linux): CPU time used and resident memory.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU milliseconds the process's threads have used so far, to the nanosecond: the sum of each
 * thread's time on a CPU (`/proc/<pid>/task/<tid>/schedstat`). `/proc/<pid>/stat` counts in
 * 10-ms units, as much as a 2-s step's whole cost for an idle-ish second process.
 */
export function cpuMs(pid) {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return ns / 1e6;
}

export const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
