import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** Every directory setting `puppet agent` writes to, each pointed into the scratch directory. */
const DIR_SETTINGS = ['confdir', 'vardir', 'ssldir', 'publicdir', 'logdir', 'rundir', 'codedir'] as const;

/** How one `puppet` run ended. */
export interface AgentRun {
  /** Exit code, or the signal that ended it (`timeout` when the fixture had to kill it). */
  readonly status: number | string;
  /** stdout and stderr, interleaved as they came. */
  readonly output: string;
  readonly ms: number;
}

/** A real Puppet agent whose every file (settings, ssldir, state, HOME, TMPDIR) lives in one scratch directory. */
export interface ScratchAgent {
  readonly certname: string;
  readonly dir: string;
  /** `puppet agent -t --detailed-exitcodes`: 0 nothing changed, 2 changes applied, 1/4/6 failures. */
  run(): Promise<AgentRun>;
  /** `puppet ssl bootstrap`: key, CSR, certificate; no catalog. */
  bootstrap(): Promise<AgentRun>;
  /** Any other `puppet` subcommand (`apply FILE`, `node status NAME`, …) with the scratch settings appended. */
  puppet(args: readonly string[]): Promise<AgentRun>;
  /** The agent's TLS files (CA certificate, its certificate and key), to ask the server as this node. */
  credentials(): { ca: string; cert: string; key: string };
}

export interface ScratchAgentOptions {
  readonly dir: string;
  readonly certname: string;
  /** The server's HTTPS port on 127.0.0.1 (the CA and the compiler both). */
  readonly port: number;
  /** `csr_attributes.yaml`'s `extension_requests` (`pp_role`, …): they end up in `$trusted['extensions']`. */
  readonly extensionRequests?: Readonly<Record<string, string>>;
  /** @defaultValue 120 s */
  readonly timeoutMs?: number;
}

/** Fails, with what to do, when Puppet's agent is not installed: acceptance against real agents never skips. */
export function requirePuppetAgent(): string {
  const r = spawnSync('puppet', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`puppet is not installed (${r.error?.message ?? r.stderr}); install Debian's puppet-agent, as .ci/run does`);
  return r.stdout.trim();
}

export function scratchAgent(options: ScratchAgentOptions): ScratchAgent {
  const { dir, certname } = options;
  const home = join(dir, 'home');
  const tmp = join(dir, 'tmp');
  for (const d of [join(dir, 'confdir'), home, tmp]) mkdirSync(d, { recursive: true });
  if (options.extensionRequests) {
    writeFileSync(join(dir, 'confdir', 'csr_attributes.yaml'), stringify({ extension_requests: options.extensionRequests }));
  }
  const common = [
    '--server', '127.0.0.1', '--masterport', String(options.port), '--certname', certname,
    ...DIR_SETTINGS.flatMap((s) => [`--${s}`, join(dir, s)]), '--waitforcert', '0', '--color', 'false',
  ];
  // HOME and TMPDIR too: Ruby and Facter put caches and temporary files there.
  const env = { ...process.env, HOME: home, TMPDIR: tmp };
  const puppet = (args: readonly string[]) => runPuppet(args, env, options.timeoutMs ?? 120_000);
  const ssldir = join(dir, 'ssldir');
  return {
    certname, dir,
    run: () => puppet(['agent', '-t', '--detailed-exitcodes', ...common]),
    bootstrap: () => puppet(['ssl', 'bootstrap', ...common]),
    puppet: (args) => puppet([...args, ...common]),
    credentials: () => ({
      ca: readFileSync(join(ssldir, 'certs', 'ca.pem'), 'utf8'),
      cert: readFileSync(join(ssldir, 'certs', `${certname}.pem`), 'utf8'),
      key: readFileSync(join(ssldir, 'private_keys', `${certname}.pem`), 'utf8'),
    }),
  };
}

const running = new Set<number>();
// The runner force-exits a file when its tests are done; no agent outlives it.
process.once('exit', stopScratchAgents);

/** Kills every agent still running, with whatever it started (for `after` hooks). */
export function stopScratchAgents(): void {
  for (const pgid of running) killGroup(pgid);
  running.clear();
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Runs `puppet` in a process group of its own, killed when it exits or times out, whatever happened. */
async function runPuppet(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<AgentRun> {
  const started = Date.now();
  // Niced: twenty Ruby agents at once must not starve the timing-sensitive tests running beside them.
  const child = spawn('nice', ['-n', '10', 'puppet', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const pgid = child.pid!;
  running.add(pgid);
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  let timer: NodeJS.Timeout | undefined;
  try {
    const status = await new Promise<number | string>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      child.once('error', (e) => resolve(e.message));
      child.once('close', (code, signal) => resolve(code ?? signal ?? -1));
    });
    return { status, output, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
    killGroup(pgid);
    running.delete(pgid);
  }
}

/**
 * Where `puppet` writes by default for this user (`/etc/puppet`,
 * `/var/cache/puppet`, … for root; `~/.puppetlabs` for others): a scratch
 * agent must leave them as they are.
 */
export function puppetDefaultDirs(): string[] {
  const r = spawnSync('puppet', ['config', 'print', ...DIR_SETTINGS], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`puppet config print failed: ${r.stderr}`);
  return [...r.stdout.matchAll(/^\w+ = (.+)$/gm)].map((m) => m[1]!);
}

/**
 * Entries under `dirs` whose path names one of `certnames`: what an agent
 * run that escaped its scratch directory leaves (its certificate, keys,
 * reports). By name, not by a before/after snapshot, because other test
 * files run Puppet with its default directories at the same time.
 */
export function tracesOf(dirs: readonly string[], certnames: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    let st;
    try {
      st = statSync(path);
    } catch {
      return;
    }
    if (certnames.some((c) => path.includes(c))) out.push(path);
    if (!st.isDirectory()) return;
    let names: string[];
    try {
      names = readdirSync(path);
    } catch {
      return; // unreadable for this user: then the agent could not write there either
    }
    for (const n of names) walk(join(path, n));
  };
  for (const d of dirs) walk(d);
  return out.sort();
}
