import { readdirSync, readFileSync } from 'node:fs';

/** Nice value of each thread of a process: field 19 of /proc/<pid>/task/<tid>/stat (its name, field 2, may hold spaces). */
export function threadNiceValues(pid: number | 'self'): Map<number, number> {
  const values = new Map<number, number>();
  for (const thread of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
    values.set(Number(thread), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return values;
}
