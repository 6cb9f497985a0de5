import { spawn } from 'node:child_process';
import { packageRoot } from '../../../ops/config/package-root.js';

/** How one `troupe` run ended. */
export interface TroupeRun {
  /** Exit code, or the signal that ended it (`timeout` when the test had to kill it). */
  readonly status: number | string;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** Whether any process of its group (cluster workers included) outlived it. */
  readonly leftovers: boolean;
}

const groupAlive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Whether the group is still there after `ms` (workers and tsx's esbuild service take a moment to go). */
async function outlives(pgid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (groupAlive(pgid) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return groupAlive(pgid);
}

/**
 * Runs the real CLI (from source, via tsx) in a process group of its own,
 * and kills that whole group when it exits or times out, whatever happened,
 * so that no server or worker survives a test.
 */
export async function runTroupe(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<TroupeRun> {
  const started = Date.now();
  // tsx by its URL: the run may be in a directory that has no node_modules.
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), `${packageRoot()}/ops/cli/main.ts`, ...args], {
    cwd: options.cwd ?? packageRoot(), env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  let timer: NodeJS.Timeout | undefined;
  try {
    const status = await new Promise<number | string>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.timeoutMs ?? 20_000);
      child.once('close', (code, signal) => resolve(code ?? signal ?? -1));
    });
    const ms = Date.now() - started;
    return { status, stdout, stderr, ms, leftovers: await outlives(child.pid!, 2000) };
  } finally {
    clearTimeout(timer);
    if (groupAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL');
  }
}
