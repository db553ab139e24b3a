/**
 * CPU time of another process, read from Linux's per-thread scheduler statistics.
 *
 * /proc/PID/stat counts utime+stime in clock ticks (10 ms here), as coarse as the limit being
 * checked; /proc/PID/task/TID/schedstat gives each thread's time on a CPU in nanoseconds.
 * Summing every thread counts the isolate's thread and workerd's helpers (GC, I/O), so a
 * figure is at most an over-count of what the Worker's code used.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Ids of the processes in process group `pgid` whose command name is `comm`. */
export function processesInGroup(pgid: number, comm: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 2 is "(comm)", which may hold spaces: split after its closing parenthesis.
      const close = stat.lastIndexOf(')');
      const procComm = stat.slice(stat.indexOf('(') + 1, close);
      const rest = stat.slice(close + 2).split(' ');
      // rest[0] is the state, rest[1] the parent, rest[2] the process group.
      if (procComm === comm && Number(rest[2]) === pgid) out.push(Number(name));
    } catch {
      // gone while listing
    }
  }
  return out;
}

/** Nanoseconds on a CPU so far, summed over every thread of the processes. */
export function cpuNs(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // thread ended between the listing and the read
      }
    }
  }
  return total;
}
