import type { Worker } from 'node:cluster';
import { isTroupeError, TroupeError } from '../../core/errors/troupe-error.js';
import type { AbortReason, TroupeEvent } from '../../core/events/event.types.js';
import type { AppendOutcome } from '../../core/log/event-log.js';
import type { CompileWork, NodeMessage } from '../../actors/node/node.messages.js';
import type { CompileOutcome, CompileSubject } from '../../actors/compile/compile-step.js';
import type { Offer } from '../../actors/transport/stomp/compile/compile-job-publisher.js';
import type { NodeDispatch } from '../../actors/router/node-dispatch.js';
import type { ShardSet } from '../../actors/router/node-ownership.js';
import { shardOf } from '../../actors/router/shard.js';
import { WakeSignal } from '../../core/async/wake-signal.js';
import { isFromWorker, type FromWorker, type ToWorker } from './cluster.messages.js';
import { fromWire } from './wire-event.js';
import { IpcCalls } from './ipc-calls.js';

export interface ClusterDispatchDeps {
  readonly slots: number;
  /** Appends a worker's compile outcomes to the log (the primary is its single writer). */
  append(events: readonly TroupeEvent[]): Promise<readonly AppendOutcome[]>;
  /** A slot's worker is ready: hand it the unanswered work of its nodes. */
  onReady(slot: number): void;
  /** A compile ended without an outcome: its worker died or was killed for hanging. */
  onAborted(aborted: AbortedCompile): void;
  /**
   * A worker with compiles in flight that sends nothing (not even its
   * once-a-second stats) for this long has a blocked event loop: it is
   * killed, and its compiles count as aborted attempts.
   */
  readonly unresponsiveMs: number;
  /** A worker's actor offers a compile to the broker's compile queue, which the primary holds (`TroupeApp.offerCompile`). */
  readonly offer: Offer;
}

/**
 * How long a compile job waits for a ready actor worker: the longest
 * crash-loop back-off (`CrashGuard`) and a worker's start.
 */
const WORKER_WAIT_MS = 35_000;

export interface AbortedCompile {
  readonly certname: string;
  readonly environment: string;
  readonly reason: AbortReason;
  readonly detail: string;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  stats: { actors: number; busyActors: number; activeCompiles: number; queuedCompiles: number; compiler?: unknown };
  /** What the worker is compiling now, by certname. */
  readonly compiling: Map<string, { readonly environment: string }>;
  lastHeard: number;
  /** Set when the watchdog killed it: why. */
  killedFor?: string;
  /** Compile jobs handed to it, not yet answered. */
  readonly jobs: IpcCalls<CompileOutcome>;
}

/**
 * The primary's side of the actor cluster: node actors live in worker
 * processes, one shard of certnames each (`shardOf`). Only compile work
 * crosses over — workers read a node's newest facts from the log when they
 * compile — and compile outcomes come back to be appended here.
 */
export class ClusterDispatch implements NodeDispatch {
  private readonly slots: Array<Slot | undefined>;
  private readonly watchdog: NodeJS.Timeout;
  /** Woken when a worker becomes ready, for compile jobs waiting for one (as many as the consumer's prefetch at most). */
  private readonly workerReady = new WakeSignal();

  constructor(private readonly deps: ClusterDispatchDeps) {
    this.slots = Array.from({ length: deps.slots }, () => undefined);
    this.watchdog = setInterval(() => this.killUnresponsive(), 1000);
    this.watchdog.unref();
  }

  /** Gives a newly forked worker the first free slot; false when all are taken. */
  attach(worker: Worker, startDelayMs: number): boolean {
    const slot = this.slots.findIndex((s) => s === undefined);
    if (slot < 0) return false;
    const entry: Slot = { worker, ready: false, stats: { actors: 0, busyActors: 0, activeCompiles: 0, queuedCompiles: 0 }, compiling: new Map(), lastHeard: Date.now(), jobs: new IpcCalls() };
    this.slots[slot] = entry;
    worker.on('message', (m: unknown) => {
      if (isFromWorker(m)) void this.onMessage(entry, slot, m);
    });
    this.send(worker, { type: 'assign', slot, slots: this.slots.length, startDelayMs });
    return true;
  }

  /**
   * The worker is gone (`how`: its exit code or signal); its slot waits
   * for a replacement, and what it was compiling counts as aborted.
   * Returns the nodes it was compiling, for the operator.
   */
  detach(worker: Worker, how: string): string[] {
    const index = this.slots.findIndex((s) => s?.worker === worker);
    const slot = this.slots[index];
    if (!slot) return [];
    this.slots[index] = undefined;
    const reason: AbortReason = slot.killedFor ? 'worker_unresponsive' : 'worker_died';
    for (const [certname, c] of slot.compiling) {
      const detail = `actor worker ${worker.process.pid} ${slot.killedFor ?? `died (${how})`} while compiling ${certname}`;
      this.deps.onAborted({ certname, environment: c.environment, reason, detail });
    }
    // Still unacknowledged, the jobs are tried again by the consumer (on the replacement).
    slot.jobs.rejectAll(new TroupeError('compile_failed', `actor worker ${worker.process.pid} ${slot.killedFor ?? `died (${how})`} before answering its compile jobs`));
    return [...slot.compiling.keys()];
  }

  async deliver(certname: string, message: NodeMessage, spawn: boolean): Promise<void> {
    if (!spawn) return; // state changes are read from the log by the worker at compile time
    const slot = this.slots[shardOf(certname, this.slots.length)];
    // A slot without a ready worker gets the work when one is ready (onReady).
    if (slot?.ready) this.send(slot.worker, { type: 'deliver', certname, message });
  }

  /**
   * A job from the broker's compile queue, compiled by the worker of its
   * node's shard (where the node's compiles usually run), else by any
   * ready worker. With none ready (starting, or replacing dead ones) it
   * waits for one up to {@link WORKER_WAIT_MS}; it fails then, or when the
   * worker dies first — the consumer, holding the job unacknowledged,
   * tries again.
   */
  async compileJob(input: { readonly state: CompileSubject; readonly work: CompileWork }, id: string): Promise<CompileOutcome> {
    const slot = this.readySlotFor(input.state.certname) ?? (await this.workerReady.wait(WORKER_WAIT_MS), this.readySlotFor(input.state.certname));
    if (!slot) throw new TroupeError('compile_failed', `no actor worker was ready to compile the job within ${WORKER_WAIT_MS} ms`);
    return slot.jobs.call((callId) => this.send(slot.worker, { type: 'compile_job', callId, id, state: input.state, work: input.work }));
  }

  private readySlotFor(certname: string): Slot | undefined {
    const own = this.slots[shardOf(certname, this.slots.length)];
    return own?.ready ? own : this.slots.find((s) => s?.ready);
  }

  /** Workers own the compilers: each drops its cached code. */
  codeDeployed(environment: string): void {
    this.broadcast({ type: 'invalidate', environment });
  }

  /** Workers own the actors: each stops those of the lost shards' nodes. */
  release(lost: ShardSet): void {
    this.broadcast({ type: 'release', lost });
  }

  broadcast(message: ToWorker): void {
    for (const s of this.slots) if (s) this.send(s.worker, message);
  }

  stats() {
    let actors = 0;
    let busyActors = 0;
    for (const s of this.slots) {
      actors += s?.stats.actors ?? 0;
      busyActors += s?.stats.busyActors ?? 0;
    }
    return { actors, busyActors, workers: this.slots.filter((s) => s?.ready).length };
  }

  /** Compiles running and waiting in all workers, as last reported (once a second). */
  compileLoad(): { active: number; queued: number } {
    let active = 0;
    let queued = 0;
    for (const s of this.slots) {
      active += s?.stats.activeCompiles ?? 0;
      queued += s?.stats.queuedCompiles ?? 0;
    }
    return { active, queued };
  }

  /** Each worker's compiler figures (its Puppet pool), as last reported. */
  compilerStats(): unknown[] {
    return this.slots.flatMap((s) => (s?.stats.compiler === undefined ? [] : [s.stats.compiler]));
  }

  async close(): Promise<void> {
    clearInterval(this.watchdog);
    this.broadcast({ type: 'drain' });
  }

  private killUnresponsive(now = Date.now()): void {
    for (const slot of this.slots) {
      if (!slot || slot.killedFor || slot.compiling.size === 0 || now - slot.lastHeard < this.deps.unresponsiveMs) continue;
      slot.killedFor = `was killed after ${Math.round((now - slot.lastHeard) / 1000)} s without a sign of life (blocked event loop)`;
      slot.worker.process.kill('SIGKILL');
    }
  }

  private async onMessage(slot: Slot, index: number, m: FromWorker): Promise<void> {
    slot.lastHeard = Date.now();
    switch (m.type) {
      case 'compiling':
        slot.compiling.set(m.certname, { environment: m.environment });
        return;
      case 'compiled':
        slot.compiling.delete(m.certname);
        return;
      case 'hello':
        return; // handled by whoever attached the worker
      case 'ready':
        slot.ready = true;
        this.deps.onReady(index);
        this.workerReady.wake();
        return;
      case 'stats':
        slot.stats = { actors: m.actors, busyActors: m.busyActors, activeCompiles: m.activeCompiles, queuedCompiles: m.queuedCompiles, compiler: m.compiler };
        return;
      case 'offer': {
        // An offer that threw (its timeout could not be logged) is compiled in the worker, as a declined one.
        const output = await this.deps.offer({ state: m.state, work: m.work }).catch(() => undefined);
        this.send(slot.worker, { type: 'offered', callId: m.callId, ...(output ? { output } : {}) });
        return;
      }
      case 'job_compiled':
        slot.jobs.resolve(m.callId, { event: fromWire(m.outcome), hash: m.hash });
        return;
      case 'job_failed':
        slot.jobs.reject(m.callId, new TroupeError('compile_failed', `actor worker could not compile the job: ${m.message}`));
        return;
      case 'append':
        try {
          const outcomes = await this.deps.append(m.events.map(fromWire));
          this.send(slot.worker, { type: 'appended', callId: m.callId, outcomes });
        } catch (e) {
          const code = isTroupeError(e) ? e.code : undefined;
          this.send(slot.worker, { type: 'append_failed', callId: m.callId, message: String((e as Error)?.message ?? e), ...(code ? { code } : {}) });
        }
        return;
    }
  }

  private send(worker: Worker, message: ToWorker): void {
    if (worker.isConnected()) worker.send(message);
  }
}
