import { randomUUID } from 'node:crypto';
import type {
  AbortReason, CatalogCompiled, CatalogRequested, CompileAborted, CompileFailed, EventType, FactsSubmitted, RecordedEvent, TroupeEvent,
} from '../../core/events/event.types.js';
import { saveCheckpointUnlessRefused, type CheckpointStore } from '../../core/log/checkpoint-store.js';
import type { EventLog, Subscription } from '../../core/log/event-log.js';
import { isLean } from '../../core/log/lean-event.js';
import { STDERR_LOG, type OperatorLog } from '../../core/logging/operator-log.js';
import type { AdmissionController } from '../admission/admission-controller.js';
import type { CompileWaiters } from '../compile/compile-waiters.js';
import type { CompileWork } from '../node/node.messages.js';
import type { NodeDispatch } from './node-dispatch.js';
import type { NodePriorities } from './node-priorities.js';
import { inShards, OWNS_EVERY_NODE, type NodeOwnership, type ShardSet } from './node-ownership.js';
import { PoisonQuarantine } from './poison-quarantine.js';
import { RecoveryFilter, type Unanswered } from './recovery-filter.js';

export interface NodeRouterOptions {
  /** Log events read per batch. @defaultValue 500 */
  readonly batchSize?: number;
  /** How often the router's checkpoint is saved. @defaultValue 1000 */
  readonly checkpointEveryMs?: number;
  /**
   * Attempts a compile request gets when attempts end without an outcome
   * (its worker died or hung, or Troupe restarted mid-work); then it fails
   * with `compile_aborted` and its node is quarantined. @defaultValue 2
   */
  readonly maxCompileAttempts?: number;
}

export const DEFAULT_NODE_ROUTER_OPTIONS = {
  batchSize: 500, checkpointEveryMs: 1000, maxCompileAttempts: 2,
} as const satisfies Required<NodeRouterOptions>;

export interface NodeRouterDeps {
  readonly log: EventLog;
  readonly checkpoints: CheckpointStore;
  readonly admission: AdmissionController;
  readonly waiters: CompileWaiters;
  readonly dispatch: NodeDispatch;
  /** Compile outcomes as they are routed, live (not those read while catching up after a restart): for metrics. */
  readonly onOutcome?: (event: RecordedEvent<CatalogCompiled> | RecordedEvent<CompileFailed> | RecordedEvent<CompileAborted>) => void;
  /** Where the router tells the operator about quarantines and failures. @defaultValue stderr */
  readonly logger?: OperatorLog;
  /** Nodes' priority classes: raise their requests' compile priority; learn fact-selected classes from routed facts. @defaultValue none */
  readonly priorities?: NodePriorities;
  /**
   * The nodes whose actors run here (several instances: those of the
   * shards this one leases). Every request is tracked, whoever owns its
   * node, so a shard gained later resumes its unanswered work at once.
   * @defaultValue every node
   */
  readonly ownership?: NodeOwnership;
}

const CHECKPOINT = 'node-router';

/** The `compiler` of the failures the router records itself, without compiling (quarantine, attempts exhausted). */
export const ROUTER_FAILURE_COMPILER = 'troupe';

/**
 * Reads the log and hands each node's events to that node's actor. Its
 * checkpoint is the newest position below which every compile request has
 * been answered, so a restart re-dispatches exactly the unanswered ones.
 */
export class NodeRouter {
  private readonly options: Required<NodeRouterOptions>;
  /** Unanswered requests by id: their work (for redelivery) and position (for the checkpoint). */
  private readonly inflight = new Map<string, { readonly certname: string; readonly work: CompileWork; aborts: number }>();
  private readonly quarantine = new PoisonQuarantine();
  private subscription: Subscription | undefined;
  private recovery: RecoveryFilter | undefined;
  private lastPosition = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;

  constructor(private readonly deps: NodeRouterDeps, options: NodeRouterOptions = {}) {
    this.options = { ...DEFAULT_NODE_ROUTER_OPTIONS, ...options };
  }

  private get logger(): OperatorLog {
    return this.deps.logger ?? STDERR_LOG;
  }

  private owns(certname: string): boolean {
    return (this.deps.ownership ?? OWNS_EVERY_NODE).owns(certname);
  }

  async start(): Promise<void> {
    const from = this.deps.checkpoints.get(CHECKPOINT);
    const head = await this.deps.log.head();
    this.lastPosition = from;
    if (head > from) this.recovery = new RecoveryFilter(head);
    this.subscription = this.deps.log.subscribe({
      from,
      batchSize: this.options.batchSize,
      // Sharing the log with other instances: events come without their bodies (catalogs, reports), which the router
      // does not need but to answer an agent waiting here (read again then, by position). Submitted catalogs of the
      // nodes it owns come whole, as their actors' messages say.
      ...(this.deps.ownership ? { bodiesOf: (stream: string, type: EventType) => type === 'catalog_submitted' && this.owns(stream) } : {}),
      handler: (batch) => this.route(batch),
      onError: (err) => this.logger.error({ err }, 'node router stopped'),
    });
    this.timer = setInterval(() => this.saveCheckpoint(), this.options.checkpointEveryMs);
    this.timer.unref();
  }

  get stats() {
    return { ...this.deps.dispatch.stats(), inflight: this.inflight.size, quarantined: this.quarantine.size, position: this.lastPosition };
  }

  /**
   * Delivers the unanswered work of the nodes `selected` picks (among
   * those this instance owns) again, e.g. to the worker that replaced a
   * crashed one. Conflation in the mailbox makes a repeat harmless.
   */
  redeliver(selected: (certname: string) => boolean): void {
    for (const { certname, work } of this.inflight.values()) {
      if (selected(certname) && this.owns(certname)) void this.deps.dispatch.deliver(certname, work, true);
    }
  }

  /**
   * This instance's shards changed: the actors of lost shards stop, and
   * the unanswered requests of gained ones — those a crashed or departed
   * holder left — are delivered here.
   */
  shardsChanged(change: { readonly gained: ShardSet; readonly lost: ShardSet }): void {
    if (change.lost.shards.length > 0) this.deps.dispatch.release(change.lost);
    if (change.gained.shards.length > 0) this.redeliver((certname) => inShards(certname, change.gained));
  }

  private async route(batch: readonly RecordedEvent[]): Promise<void> {
    for (const event of batch) {
      this.lastPosition = event.position;
      if (this.recovery) {
        this.recovery.observe(event);
        if (event.position >= this.recovery.head) this.finishRecovery();
        continue;
      }
      await this.dispatch(await this.wholeIfNeeded(event));
    }
  }

  /**
   * A lean event (read without its bodies) read again whole when this
   * instance needs its body after all: an agent waiting here is answered
   * with the catalog, or a submitted catalog's node became this
   * instance's since the read. One read by position per such event.
   */
  private async wholeIfNeeded(event: RecordedEvent): Promise<RecordedEvent> {
    if (!isLean(event)) return event;
    const needed = (event.type === 'catalog_submitted' && this.owns(event.stream))
      || (event.type === 'catalog_compiled' && this.deps.waiters.awaitsAny((event as RecordedEvent<CatalogCompiled>).data.requestIds));
    if (!needed) return event;
    const [whole] = await this.deps.log.read(event.position - 1, { limit: 1 });
    return whole ?? event;
  }

  /**
   * Replays what the catch-up found unanswered, now that the head is
   * reached. Each replay counts as an attempt: one of them may be what
   * brought Troupe down, so none is re-run past the attempt limit.
   */
  private finishRecovery(): void {
    const pending = this.recovery!.unanswered();
    this.recovery = undefined;
    for (const p of pending) {
      if (this.owns(p.request.stream)) void this.recover(p);
      else this.track(p.request); // its owner answers it; should the owner go, its shard's next holder does
    }
  }

  private async recover({ request, aborts }: Unanswered): Promise<void> {
    const reason = 'Troupe restarted while this request was unanswered';
    if (aborts + 1 >= this.options.maxCompileAttempts) {
      return this.failForGood(request.stream, [request.id], request.data.environment, `interrupted: ${reason}`, aborts + 1);
    }
    // Delivered first, so the abort, once routed, is counted against the request in flight.
    const delivered = this.dispatch(request);
    await this.aborted({ certname: request.stream, requestIds: [request.id], environment: request.data.environment, reason: 'interrupted', detail: reason });
    await delivered;
  }

  /**
   * Records a compile attempt that ended without an outcome; the router
   * counts it. `requestIds` defaults to every unanswered request of the node.
   */
  async aborted(a: { certname: string; requestIds?: readonly string[]; environment: string; reason: AbortReason; detail: string }): Promise<void> {
    const requestIds = a.requestIds ?? [...this.inflight].filter(([, f]) => f.certname === a.certname).map(([id]) => id);
    if (requestIds.length === 0) return;
    const event: CompileAborted = {
      type: 'compile_aborted', id: randomUUID(), stream: a.certname, time: new Date().toISOString(), meta: { source: 'actor' },
      data: { requestIds, environment: a.environment, reason: a.reason, detail: a.detail },
    };
    await this.deps.log.append([{ event }]).catch((err: unknown) => this.logger.error({ err, certname: a.certname }, `could not record the aborted compile of ${a.certname}`));
  }

  /**
   * Counts an aborted attempt; past the limit the requests fail and the
   * node is quarantined — by the node's owner only (the others keep
   * counting, for a takeover), so one failure is recorded, not one per instance.
   */
  private onAborted(e: RecordedEvent<CompileAborted>): Promise<void> | void {
    const exhausted: string[] = [];
    let attempts = 0;
    for (const id of e.data.requestIds) {
      const entry = this.inflight.get(id);
      if (!entry) continue;
      attempts = Math.max(attempts, ++entry.aborts);
      if (entry.aborts >= this.options.maxCompileAttempts) exhausted.push(id);
    }
    if (exhausted.length === 0 || !this.owns(e.stream)) return;
    return this.failForGood(e.stream, exhausted, e.data.environment, `${e.data.reason}: ${e.data.detail}`, attempts);
  }

  private async failForGood(certname: string, requestIds: readonly string[], environment: string, last: string, attempts: number): Promise<void> {
    for (const id of requestIds) this.inflight.delete(id);
    const [facts] = await this.deps.log.readStreamBackward(certname, { types: ['facts_submitted'], limit: 1 });
    this.quarantine.add(certname, environment, (facts as RecordedEvent<FactsSubmitted> | undefined)?.data.values);
    this.logger.warn({ certname, attempts }, `compiling ${certname} was aborted ${attempts} times (last: ${last}); its requests fail until its facts or code change`);
    await this.fail(certname, requestIds, environment, {
      code: 'compile_aborted',
      message: `Compiling ${certname} was aborted ${attempts} times (last: ${last}); not retried until the node's facts or code change`,
    });
  }

  private async fail(certname: string, requestIds: readonly string[], environment: string, error: CompileFailed['data']['error']): Promise<void> {
    const event: CompileFailed = {
      type: 'compile_failed', id: randomUUID(), stream: certname, time: new Date().toISOString(), meta: { source: 'actor' },
      data: { requestIds, environment, compiler: ROUTER_FAILURE_COMPILER, durationMs: 0, error },
    };
    await this.deps.log.append([{ event }]).catch((err: unknown) => this.logger.error({ err, certname }, `could not record the failed compile of ${certname}`));
  }

  private async dispatch(event: RecordedEvent): Promise<void> {
    const e = event as RecordedEvent<TroupeEvent>;
    switch (e.type) {
      case 'catalog_requested': {
        const req = e as RecordedEvent<CatalogRequested>;
        this.deps.admission.seen(req.id);
        if (this.quarantine.has(req.stream) && this.owns(req.stream)) {
          return this.fail(req.stream, [req.id], req.data.environment, {
            code: 'compile_quarantined',
            message: `Compiling ${req.stream} kept killing or hanging its worker; it is not tried again until the node's facts or code change`,
          });
        }
        const work = this.track(req);
        if (!this.owns(req.stream)) return;
        return this.deps.dispatch.deliver(req.stream, work, true);
      }
      case 'compile_aborted':
        this.deps.onOutcome?.(e as RecordedEvent<CompileAborted>);
        return this.onAborted(e as RecordedEvent<CompileAborted>);
      case 'catalog_compiled':
      case 'compile_failed': {
        const done = e as RecordedEvent<CatalogCompiled> | RecordedEvent<CompileFailed>;
        this.deps.onOutcome?.(done);
        for (const id of done.data.requestIds) this.inflight.delete(id);
        this.deps.admission.answered(done.data.requestIds);
        this.deps.waiters.settle(done);
        return;
      }
      case 'facts_submitted':
        this.quarantine.factsSubmitted(e.stream, e.data.values);
        this.deps.priorities?.observe(e.stream, e.data.values);
        return this.deps.dispatch.deliver(e.stream, { kind: 'facts', facts: e.data, position: e.position }, false);
      case 'catalog_submitted':
        return this.deps.dispatch.deliver(e.stream, { kind: 'submitted', event: e }, false);
      case 'node_deactivated':
        return this.deps.dispatch.deliver(e.stream, { kind: 'deactivated', event: e }, false);
      case 'code_deployed':
        this.quarantine.codeDeployed(e.data.environment);
        this.deps.dispatch.codeDeployed(e.data.environment);
        return;
      case 'report_submitted':
      case 'catalog_inputs_submitted':
      case 'command_rejected':
      case 'compile_drift':
      case 'deployment_planned':
      case 'deployment_finished':
      case 'run_requested':
      case 'run_node_finished':
      case 'run_finished':
      case 'rollout_started':
      case 'rollout_wave_started':
      case 'rollout_paused':
      case 'rollout_resumed':
      case 'rollout_promoted':
      case 'rollout_aborted':
      case 'rollout_finished':
        return; // projections and `troupe events` only (the deploy and rollout feeders and the run dispatcher read their own)
    }
  }

  /** Remembers a request until an outcome answers it. */
  private track(req: RecordedEvent<CatalogRequested>): CompileWork {
    const work = toWork(req, this.deps.priorities?.of(req.stream) ?? 0);
    this.inflight.set(req.id, { certname: req.stream, work, aborts: 0 });
    return work;
  }

  /**
   * A checkpoint that cannot be written now (full disk, busy lock) is
   * written on a later tick: an older one only means a longer catch-up
   * after a restart, while a throw from the timer would end the process.
   */
  private saveCheckpoint(): void {
    let low = this.recovery ? this.deps.checkpoints.get(CHECKPOINT) : this.lastPosition;
    for (const { work } of this.inflight.values()) low = Math.min(low, work.position - 1);
    saveCheckpointUnlessRefused(this.deps.checkpoints, CHECKPOINT, low);
  }

  /** Stops reading, saves the checkpoint; compiles in flight finish on their own. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      clearInterval(this.timer);
      await this.subscription?.close();
      this.saveCheckpoint();
      await this.deps.dispatch.close();
    })();
    return this.stopping;
  }
}

/**
 * The compile a request asks for. Its node's class raises the priority of
 * its own requests; Troupe's background recompiles (a deployment's, a
 * dependency's) stay below every request.
 */
function toWork(req: RecordedEvent<CatalogRequested>, classPriority: number): CompileWork {
  const { environment, trusted, reason } = req.data;
  const priority = reason === 'code_deployed' || reason === 'dependency' ? req.data.priority : Math.max(req.data.priority, classPriority);
  return { kind: 'compile', requestIds: [req.id], environment, priority, position: req.position, ...(trusted ? { trusted } : {}) };
}
