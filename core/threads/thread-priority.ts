import { getPriority, setPriority } from 'node:os';

/**
 * Makes the calling thread yield the CPU to the process's other threads:
 * adds `increment` to its nice value (at most 19), as nice(1) does, for
 * background work that nobody waits on (storing catalogs in storeconfigs)
 * beside threads that answer requests.
 *
 * Linux only: there `setpriority(PRIO_PROCESS, 0, …)` changes the calling
 * thread alone (each worker thread is a task of its own). Elsewhere (macOS,
 * the BSDs, Windows) it would change the whole process, so nothing is done
 * and the thread keeps the process's priority. Raising a nice value needs no
 * privilege; lowering it back would (CAP_SYS_NICE), so it lasts as long as
 * the thread. Returns the thread's nice value after, or null when unchanged
 * (another platform, an increment of 0, or the system refused).
 */
export function yieldToOtherThreads(increment: number, platform: NodeJS.Platform = process.platform): number | null {
  if (platform !== 'linux' || increment <= 0) return null;
  try {
    const nice = Math.min(19, getPriority(0) + increment);
    setPriority(0, nice);
    return nice;
  } catch {
    return null;
  }
}
