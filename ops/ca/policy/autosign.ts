import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { log } from '../../log/logger.js';

/** Decides whether a certificate request is signed at once (puppetserver's `autosign-csr?`). */
export type AutosignPolicy = (certname: string, csrPem: string) => Promise<boolean>;

export interface AutosignLimits {
  /** A policy executable still running after this is killed, and the CSR waits for an operator. */
  readonly timeoutMs: number;
  /** stdout and stderr kept from a policy executable, each; more kills it (not signed). */
  readonly maxOutputBytes: number;
  readonly log: (line: string) => void;
}

export const DEFAULT_AUTOSIGN_LIMITS: AutosignLimits = { timeoutMs: 10_000, maxOutputBytes: 64 * 1024, log: (l) => log.warn(l) };

/**
 * puppetserver's `autosign` setting: `true` signs everything, `false`
 * nothing; a path is looked at on every request: an executable file is a
 * policy executable, any other file an autosign.conf allow-list, and a
 * missing file signs nothing.
 */
export function autosignPolicy(setting: boolean | string, limits: AutosignLimits = DEFAULT_AUTOSIGN_LIMITS): AutosignPolicy {
  if (typeof setting === 'boolean') return async () => setting;
  return async (certname, csrPem) => {
    const kind = fileKind(setting);
    if (kind === 'executable') return runPolicyExecutable(setting, certname, csrPem, limits);
    return kind === 'list' && allowListMatches(readFileSync(setting, 'utf8'), certname, setting, limits.log);
  };
}

function fileKind(path: string): 'missing' | 'executable' | 'list' {
  try {
    if (!statSync(path).isFile()) return 'missing';
  } catch {
    return 'missing';
  }
  try {
    accessSync(path, constants.X_OK);
    return 'executable';
  } catch {
    return 'list';
  }
}

/**
 * autosign.conf: one exact certname or `*.domain` glob per line; `*` alone
 * matches all; blank lines and `#` comments are skipped; a line with a
 * space or `#` elsewhere is invalid, logged and ignored.
 */
function allowListMatches(text: string, certname: string, source: string, log: (line: string) => void): boolean {
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#') && line.trim() !== '').some((line) => {
    if (line.includes('#') || line.includes(' ')) {
      log(`autosign: invalid pattern '${line}' found in ${source}`);
      return false;
    }
    return line === '*' || (line.startsWith('*') ? globMatches(line, certname) : line === certname);
  });
}

/** `*.foo.bar` matches `agent.foo.bar` and `foo.bar` itself, case-insensitively (puppetserver's `glob-matches?`). */
function globMatches(glob: string, certname: string): boolean {
  const labels = (name: string) => name.toLowerCase().split('.').reverse();
  const suffix = labels(glob).slice(0, -1);
  const subject = labels(certname);
  return suffix.every((label, i) => subject[i] === label);
}

/**
 * Runs the policy executable as puppetserver does: the certname as its one
 * argument, the CSR on stdin, exit 0 to sign. No shell is involved, so
 * nothing in the certname is interpreted; it runs in a process group of
 * its own so that a timeout kills whatever it started too.
 */
function runPolicyExecutable(path: string, certname: string, csrPem: string, limits: AutosignLimits): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(path, [certname], { stdio: ['pipe', 'pipe', 'pipe'], detached: true, shell: false });
    const output = { stdout: '', stderr: '' };
    const refuse = (why: string): void => {
      killGroup(child.pid);
      settle(false, why);
    };
    let settled = false;
    const settle = (sign: boolean, why?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Whatever it left running may hold the pipes open; they are no longer read.
      child.stdout.destroy();
      child.stderr.destroy();
      if (why) limits.log(`autosign: '${path}' did not sign '${certname}': ${why}`);
      if (output.stderr) limits.log(`autosign: '${path}' wrote to stderr for '${certname}': ${output.stderr.trim()}`);
      resolve(sign);
    };
    const timer = setTimeout(() => refuse(`still running after ${limits.timeoutMs} ms; killed`), limits.timeoutMs);
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].on('data', (chunk: Buffer) => {
        output[stream] += chunk.toString();
        if (output[stream].length > limits.maxOutputBytes) refuse(`more than ${limits.maxOutputBytes} bytes on ${stream}; killed`);
      });
    }
    child.once('error', (e) => settle(false, e.message));
    child.once('exit', (code, signal) => settle(code === 0, code === 0 ? undefined : `exit ${code ?? signal}`));
    // A policy that never reads its stdin must not fail the write.
    child.stdin.on('error', () => {});
    child.stdin.end(csrPem);
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
