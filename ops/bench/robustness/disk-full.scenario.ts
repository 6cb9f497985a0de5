import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmdirSync, statSync, truncateSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from '../support/serve-child.js';

/**
 * The disk-full scenario: a real `troupe serve` on a small tmpfs, filled
 * until commits fail, then freed. Shared by the fault test
 * (test/ops/app/troupe-app.disk-full.e2e.test.ts) and benchmarks
 * ({@link measureDiskFullRecovery}). Mounting needs root.
 */

/** A mounted tmpfs; `unmount()` is idempotent and removes the mount point. */
export interface Tmpfs {
  readonly dir: string;
  unmount(): void;
}

export function mountTmpfs(sizeMb: number): Tmpfs {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-disk-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    rmdirSync(dir);
    throw new Error(`cannot mount a tmpfs on ${dir} (root needed): ${String((e as { stderr?: unknown }).stderr ?? e)}`);
  }
  let mounted = true;
  return {
    dir,
    unmount: () => {
      if (!mounted) return;
      // Lazy: a server that outlived its stop still holds files open.
      execFileSync('umount', ['-l', dir]);
      rmdirSync(dir);
      mounted = false;
    },
  };
}

/** Fills the filesystem of `dir` with one file until the OS says ENOSPC; `shrink` gives some space back, `free` all of it. */
export function fillDisk(dir: string): { shrink(bytes: number): void; free(): void } {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  try {
    for (const size of [1 << 20, 4096, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      }
    }
  } finally {
    closeSync(fd);
  }
  return {
    shrink: (bytes) => truncateSync(path, Math.max(0, statSync(path).size - bytes)),
    free: () => unlinkSync(path),
  };
}

/** What `/status` said about a degraded component. */
export interface Seen { readonly component: string; readonly reason: string; readonly since: string }

export interface DiskFullReport {
  /** Commands answered 200 (before and during the fault). */
  readonly acknowledged: number;
  /** Commands answered 503 while the disk was full. */
  readonly refused: number;
  /** Acknowledged commands not in the log, or not projected when the scenario ended. */
  readonly lost: number;
  /** Acknowledged commands in the log more than once. */
  readonly duplicated: number;
  /** Refused commands that reached the log anyway (must be 0: a 503 is never written). */
  readonly refusedLogged: number;
  /** From freeing the space to every acknowledged command projected and `/status` running. */
  readonly recoverMs: number;
  readonly recovered: boolean;
  /** Each component `/status` reported degraded while the disk was full (first report). */
  readonly degraded: readonly Seen[];
  /** The distinct `/status` states seen while the disk was full. */
  readonly states: readonly string[];
  /** PuppetDB's status while the projection was degraded, if it was. */
  readonly puppetdbWhileDegraded?: { readonly state: string; readonly write_db_up: boolean };
  /** Commands sent after recovery were projected. */
  readonly newProjected: boolean;
}

export interface DiskFullOptions {
  /** Commands acknowledged before the disk fills. @defaultValue 20 */
  readonly warmup?: number;
  /** Stop filling once this many commands were refused. @defaultValue 8 */
  readonly refusals?: number;
  /** Give up waiting for recovery after this long. @defaultValue 60000 */
  readonly recoveryTimeoutMs?: number;
}

interface Sent { readonly certname: string; readonly id: string; readonly marker: string }

/** One replace_facts v5 command for a certname of its own, ~4 KB of facts; resolves with the HTTP status. */
async function postFacts(url: string, n: number): Promise<{ status: number; sent: Sent }> {
  const certname = `disk-full-${n}.example`;
  const marker = randomUUID();
  const body = {
    certname, environment: 'production', producer_timestamp: new Date().toISOString(), producer: 'disk-full-scenario',
    values: { marker, padding: 'x'.repeat(4096) },
  };
  const res = await fetch(`${url}/pdb/cmd/v1?command=replace_facts&version=5&certname=${certname}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const answer = (await res.json()) as { uuid?: string };
  return { status: res.status, sent: { certname, marker, id: answer.uuid ?? '' } };
}

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}

async function isProjected(url: string, s: Sent): Promise<boolean> {
  const r = await getJson<{ marker?: string }>(`${url}/troupe/v1/nodes/${s.certname}/facts`);
  return r.status === 200 && r.body.marker === s.marker;
}

/** How many times the log holds event `id` in the certname's stream. */
async function timesLogged(url: string, certname: string, id: string): Promise<number> {
  const r = await getJson<{ id: string }[]>(`${url}/troupe/v1/nodes/${certname}/events?limit=1000`);
  return r.body.filter((e) => e.id === id).length;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Drops from `pending` (in order) the commands already projected; stops at the first that is not. */
async function dropProjected(url: string, pending: Sent[]): Promise<void> {
  while (pending.length > 0 && await isProjected(url, pending[0]!)) pending.shift();
}

/**
 * Runs the scenario against a server whose data directory is `dir` (a
 * small filesystem of its own): acknowledge a warm-up, fill the disk and
 * keep sending until commands are refused and `/status` reports the
 * fault, free the space, and time the recovery.
 */
export async function runDiskFull(url: string, dir: string, options: DiskFullOptions = {}): Promise<DiskFullReport> {
  const o = { warmup: 20, refusals: 8, recoveryTimeoutMs: 60_000, ...options };
  const acked: Sent[] = [];
  const refused: Sent[] = [];
  let n = 0;
  const send = async (count: number): Promise<void> => {
    const results = await Promise.all(Array.from({ length: count }, () => postFacts(url, n++)));
    for (const r of results) {
      if (r.status === 200) acked.push(r.sent);
      else if (r.status === 503) refused.push(r.sent);
      else throw new Error(`unexpected HTTP ${r.status} for ${r.sent.certname}`);
    }
  };
  for (let i = 0; i < o.warmup; i += 4) await send(Math.min(4, o.warmup - i));

  const filler = fillDisk(dir);
  const seen = new Map<string, Seen>();
  const states = new Set<string>();
  let puppetdbWhileDegraded: DiskFullReport['puppetdbWhileDegraded'];
  const watch = async (): Promise<void> => {
    const status = (await getJson<{ state: string; degraded: Seen[] }>(`${url}/status`)).body;
    states.add(status.state);
    for (const d of status.degraded) if (!seen.has(d.component)) seen.set(d.component, d);
    if (!puppetdbWhileDegraded && status.degraded.some((d) => d.component === 'projection')) {
      const pdb = (await getJson<{ state: string; status: { write_db_up: boolean } }>(`${url}/status/v1/services/puppetdb-status`)).body;
      puppetdbWhileDegraded = { state: pdb.state, write_db_up: pdb.status.write_db_up };
    }
  };
  // Keep sending until commits are refused and the projection, too, has
  // hit the full disk (or time is up). Once the log refuses, a little space
  // at a time is given back: the log commits into it first, and the
  // projection then finds the disk full with acknowledged work to store.
  const until = Date.now() + 30_000;
  while ((refused.length < o.refusals || !seen.has('projection')) && Date.now() < until) {
    await send(4);
    await watch();
    if (refused.length >= o.refusals) filler.shrink(32 * 1024);
  }

  filler.free();
  const freed = Date.now();
  const pending = [...acked];
  let running = false;
  while (Date.now() - freed < o.recoveryTimeoutMs) {
    await dropProjected(url, pending);
    running = (await getJson<{ state: string }>(`${url}/status`)).body.state === 'running';
    if (pending.length === 0 && running) break;
    await sleep(20);
  }
  const recoverMs = Date.now() - freed;

  const fresh = acked.length;
  await send(4);
  const after = acked.slice(fresh);
  const newDeadline = Date.now() + 10_000;
  while (after.length > 0 && Date.now() < newDeadline) {
    await dropProjected(url, after);
    await sleep(20);
  }

  const before = acked.slice(0, fresh);
  const logged = await Promise.all(before.map((s) => timesLogged(url, s.certname, s.id)));
  const refusedLogged = (await Promise.all(refused.map((s) => timesLogged(url, s.certname, s.id)))).filter((c) => c > 0).length;
  return {
    acknowledged: fresh,
    refused: refused.length,
    lost: before.filter((s, i) => logged[i] === 0 || pending.includes(s)).length,
    duplicated: logged.filter((c) => c > 1).length,
    refusedLogged,
    recoverMs,
    recovered: pending.length === 0 && running,
    degraded: [...seen.values()],
    states: [...states],
    ...(puppetdbWhileDegraded ? { puppetdbWhileDegraded } : {}),
    newProjected: after.length === 0,
  };
}

/**
 * Disk-full recovery of a built `troupe serve --workers 0` (run
 * `npm run build` first) on an 8 MB tmpfs; needs root. `recoverMs` is
 * the time from freeing the space to every acknowledged command projected
 * and `/status` running again.
 */
export async function measureDiskFullRecovery(): Promise<{ acknowledged: number; lost: number; refused: number; recoverMs: number }> {
  const fs = mountTmpfs(8);
  try {
    const server = await startServe(['--data-dir', fs.dir, '--workers', '0']);
    try {
      const r = await runDiskFull(server.url, fs.dir);
      return { acknowledged: r.acknowledged, lost: r.lost, refused: r.refused, recoverMs: r.recoverMs };
    } finally {
      await server.stop();
    }
  } finally {
    fs.unmount();
  }
}
