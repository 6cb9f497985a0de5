import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../config/package-root.js';
import { cpuSecondsOf, mainThreadCpuSecondsOf, rssKbOf } from './proc-stats.js';

/** A built `troupe serve` started by a benchmark, with its URL. */
export interface ServeChild {
  readonly child: ChildProcess;
  /** The plain-HTTP listener. */
  readonly url: string;
  /** Puppet's HTTPS door. */
  readonly httpsUrl: string;
  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** Resident set size now of the process and all its children (cluster workers), MB. */
  treeRssMb(): number;
  /** CPU seconds used so far by the primary (all its threads) and by its children (cluster workers). */
  cpuSeconds(): { primary: number; workers: number; primaryMain: number };
  stop(): Promise<void>;
}

/** The live child processes of `pid` (from /proc). */
export function childrenOf(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return []; // out of descriptors under load: skip this sample
  }
  return entries.filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      return readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(pid);
    } catch {
      return false;
    }
  }).map(Number);
}

/** `cpus`: pin the server (and its workers) to these CPUs with taskset, e.g. '1'. */
export async function startServe(args: readonly string[], cpus?: string): Promise<ServeChild> {
  const command = [process.execPath, join(packageRoot(), 'dist/ops/cli/main.js'), 'serve', '--port', '0', '--plain-port', '0', ...args];
  const child = cpus
    ? spawn('taskset', ['-c', cpus, ...command], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  // A benchmark that dies must not leave its server running.
  const reap = (): void => { child.kill('SIGKILL'); };
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
  const { url, httpsUrl } = await new Promise<{ url: string; httpsUrl: string }>((resolve, reject) => {
    let out: string | undefined = '';
    // Read to the end (a full pipe would block the server's log writes), kept only until both doors are known.
    child.stdout!.on('data', (d: Buffer) => {
      if (out === undefined) return;
      out += d.toString();
      const urls = servedUrls(out);
      if (!urls) return;
      out = undefined;
      resolve(urls);
    });
    child.once('exit', (code) => reject(new Error(`troupe serve exited with ${code}`)));
  });
  return {
    child, url, httpsUrl,
    peakRssMb: () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    treeRssMb: () => [child.pid!, ...childrenOf(child.pid!)].reduce((sum, pid) => sum + rssKbOf(pid), 0) / 1024,
    cpuSeconds: () => ({ primary: cpuSecondsOf(child.pid!), primaryMain: mainThreadCpuSecondsOf(child.pid!), workers: childrenOf(child.pid!).reduce((sum, pid) => sum + cpuSecondsOf(pid), 0) }),
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

/** Both doors from what `troupe serve` logged (JSON or readable lines), once it logged both: `url` is the plain listener. */
export function servedUrls(out: string): { url: string; httpsUrl: string } | undefined {
  const https = /serving on (https:\/\/[^\s"]+)/.exec(out)?.[1];
  const plain = /plain HTTP for loopback tooling on (http:\/\/[^\s"]+)/.exec(out)?.[1];
  return https && plain ? { url: plain, httpsUrl: https } : undefined;
}
