import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { servedUrls } from '../../../ops/bench/support/serve-child.js';
import { packageRoot } from '../../../ops/config/package-root.js';

/**
 * `troupe serve` as a real child process (from source, via tsx), with its
 * plain-HTTP listener on a free loopback port for the test to talk to.
 */
export interface ServeProcess {
  readonly child: ChildProcess;
  /** The plain-HTTP listener (operator rights, no certificates). */
  readonly url: string;
  /** Puppet's HTTPS door. */
  readonly httpsUrl: string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<number | string>;
  /** Everything the process wrote on stdout so far (its log). */
  stdout(): string;
}

const running = new Set<ChildProcess>();
// Whatever a test's assertions do, no server outlives its test file (the
// runner force-exits a file when its tests are done; this runs then).
process.once('exit', () => { for (const c of running) c.kill('SIGKILL'); });

/** `startTimeoutMs`: how long it may take to listen (30 s; more for tests that start several at once on a busy machine). */
export async function spawnServe(args: readonly string[], env: NodeJS.ProcessEnv = {}, startTimeoutMs = 30_000): Promise<ServeProcess> {
  const root = packageRoot();
  const child = spawn(process.execPath, ['--import', 'tsx', `${root}/ops/cli/main.ts`, 'serve', '--port', '0', '--plain-port', '0', ...args], {
    cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  const { url, httpsUrl } = await new Promise<{ url: string; httpsUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`troupe serve did not start within ${startTimeoutMs} ms: ${stderr}`)), startTimeoutMs);
    child.stdout!.on('data', () => {
      const urls = servedUrls(out);
      if (urls) { clearTimeout(timer); resolve(urls); }
    });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`troupe serve exited (${code}): ${stderr}`)); });
  });
  return { child, url, httpsUrl, exited, stdout: () => out };
}


/** The child processes of `primary` (a cluster's actor workers), from /proc. */
export function workerPids(primary: number): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      // Node children only: tsx may also start its esbuild service as a child of the primary.
      return readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(primary)
        && readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').some((arg) => arg.endsWith('main.ts') || arg.endsWith('main.js'));
    } catch { return false; }
  }).map(Number);
}
