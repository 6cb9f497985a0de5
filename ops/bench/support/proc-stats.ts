import { readFileSync } from 'node:fs';

/** What benchmarks read of a process from /proc; a process that exited meanwhile reads as 0. */

const TICKS_PER_SECOND = 100;

function procFile(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return ''; // exited meanwhile
  }
}

/** utime + stime of a process, all threads, in seconds. */
export function cpuSecondsOf(pid: number): number {
  return cpuSecondsIn(procFile(pid, 'stat'));
}

/** utime + stime of a process's main thread only (its event loop: a worker thread's time is not in it), in seconds. */
export function mainThreadCpuSecondsOf(pid: number): number {
  return cpuSecondsIn(procFile(pid, `task/${pid}/stat`));
}

function cpuSecondsIn(stat: string): number {
  const fields = stat.split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / TICKS_PER_SECOND;
}

/**
 * CPU seconds of this process's children that have exited and been
 * waited for (cutime + cstime): the difference across one child's life is
 * that child's CPU when no other child exits meanwhile.
 */
export function reapedChildrenCpuSeconds(): number {
  const fields = procFile(process.pid, 'stat').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[13] ?? 0) + Number(fields[14] ?? 0)) / TICKS_PER_SECOND;
}

/** Resident set size now, in kB. */
export function rssKbOf(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(procFile(pid, 'status'))?.[1] ?? 0);
}

/** Bytes the process has caused to be written to storage (`write_bytes`: what reached the block layer). */
export function writtenBytesOf(pid: number): number {
  return Number(/write_bytes:\s+(\d+)/.exec(procFile(pid, 'io'))?.[1] ?? 0);
}
