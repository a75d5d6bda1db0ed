import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Kernel clock ticks per second (`getconf CLK_TCK`), which is 100 on Linux. */
const TICKS_PER_SECOND = 100;

/** Resident set size of a process in bytes, from /proc/<pid>/status (Linux only). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return kib * 1024;
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 (utime) and 15 (stime) of the full line are 11 and 12 here.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Measures a process's CPU use over a window, as a percentage of one core. */
export function cpuMeter(pid: number): () => number {
  const startCpu = cpuSeconds(pid);
  const startedAt = performance.now();
  return () => ((cpuSeconds(pid) - startCpu) / ((performance.now() - startedAt) / 1000)) * 100;
}

/** Pids of the processes whose command name is `name` (all PostgreSQL backends, say). */
function pidsNamed(name: string): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      return readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name ? [Number(entry)] : [];
    } catch {
      return []; // gone meanwhile
    }
  });
}

/**
 * CPU use of every process named `name` over a window, as a percentage of
 * one core; a process that started during the window counts from its start,
 * one that ended is missed.
 */
export function cpuMeterNamed(name: string): () => number {
  const read = (): Map<number, number> =>
    new Map(
      pidsNamed(name).flatMap((pid) => {
        try {
          return [[pid, cpuSeconds(pid)] as const];
        } catch {
          return [];
        }
      }),
    );
  const start = read();
  const startedAt = performance.now();
  return () => {
    let used = 0;
    for (const [pid, seconds] of read()) used += seconds - (start.get(pid) ?? 0);
    return (used / ((performance.now() - startedAt) / 1000)) * 100;
  };
}

/** The soft limit on open file descriptors of this process, from /proc/self/limits. */
export function openFileLimit(): number {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
  return soft === undefined || soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
}

export const mib = (bytes: number): number => bytes / (1024 * 1024);

/**
 * Watches this process's event-loop delay; the returned function stops and
 * gives its p99 in milliseconds. A load generator whose loop lags sends late
 * and reads late, which an open loop counts as the server's latency: this
 * says how much of it could be the generator's.
 */
export function eventLoopLag(): () => number {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return () => {
    histogram.disable();
    return histogram.percentile(99) / 1e6;
  };
}
