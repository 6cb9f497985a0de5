import type {
  CatalogCompiled, CatalogRequested, CompileFailed, RecordedEvent, TroupeEvent,
} from '../../core/events/event.types.js';
import { isResourceFault } from '../../core/errors/resource-fault.js';
import type { CheckpointStore } from '../../core/log/checkpoint-store.js';
import type { EventLog, Subscription } from '../../core/log/event-log.js';
import type { AdmissionController } from '../admission/admission-controller.js';
import type { CompileWaiters } from '../compile/compile-waiters.js';
import type { CompileWork } from '../node/node.messages.js';
import type { NodeDispatch } from './node-dispatch.js';
import { RecoveryFilter } from './recovery-filter.js';

export interface NodeRouterOptions {
  /** Log events read per batch. @defaultValue 500 */
  readonly batchSize?: number;
  /** How often the router's checkpoint is saved. @defaultValue 1000 */
  readonly checkpointEveryMs?: number;
}

export const DEFAULT_NODE_ROUTER_OPTIONS = {
  batchSize: 500, checkpointEveryMs: 1000,
} as const satisfies Required<NodeRouterOptions>;

export interface NodeRouterDeps {
  readonly log: EventLog;
  readonly checkpoints: CheckpointStore;
  readonly admission: AdmissionController;
  readonly waiters: CompileWaiters;
  readonly dispatch: NodeDispatch;
}

const CHECKPOINT = 'node-router';

/**
 * Reads the log and hands each node's events to that node's actor. Its
 * checkpoint is the newest position below which every compile request has
 * been answered, so a restart re-dispatches exactly the unanswered ones.
 */
export class NodeRouter {
  private readonly options: Required<NodeRouterOptions>;
  /** Unanswered requests by id: their work (for redelivery) and position (for the checkpoint). */
  private readonly inflight = new Map<string, { readonly certname: string; readonly work: CompileWork }>();
  private subscription: Subscription | undefined;
  private recovery: RecoveryFilter | undefined;
  private lastPosition = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;

  constructor(private readonly deps: NodeRouterDeps, options: NodeRouterOptions = {}) {
    this.options = { ...DEFAULT_NODE_ROUTER_OPTIONS, ...options };
  }

  async start(): Promise<void> {
    const from = this.deps.checkpoints.get(CHECKPOINT);
    const head = await this.deps.log.head();
    this.lastPosition = from;
    if (head > from) this.recovery = new RecoveryFilter(head);
    this.subscription = this.deps.log.subscribe({
      from,
      batchSize: this.options.batchSize,
      handler: (batch) => this.route(batch),
      onError: (e) => console.error('node router stopped:', e),
    });
    this.timer = setInterval(() => this.saveCheckpoint(), this.options.checkpointEveryMs);
    this.timer.unref();
  }

  get stats() {
    return { ...this.deps.dispatch.stats(), inflight: this.inflight.size, position: this.lastPosition };
  }

  /**
   * Delivers the unanswered work of the nodes `owned` selects again, e.g.
   * to the worker that replaced a crashed one. Conflation in the mailbox
   * makes a repeat harmless.
   */
  redeliver(owned: (certname: string) => boolean): void {
    for (const { certname, work } of this.inflight.values()) {
      if (owned(certname)) void this.deps.dispatch.deliver(certname, work, true);
    }
  }

  private async route(batch: readonly RecordedEvent[]): Promise<void> {
    for (const event of batch) {
      this.lastPosition = event.position;
      if (this.recovery) {
        this.recovery.observe(event);
        if (event.position >= this.recovery.head) this.finishRecovery();
        continue;
      }
      await this.dispatch(event);
    }
  }

  /** Replays what the catch-up found unanswered, now that the head is reached. */
  private finishRecovery(): void {
    const pending = this.recovery!.unanswered();
    this.recovery = undefined;
    for (const r of pending) void this.dispatch(r);
  }

  private async dispatch(event: RecordedEvent): Promise<void> {
    const e = event as RecordedEvent<TroupeEvent>;
    switch (e.type) {
      case 'catalog_requested': {
        const req = e as RecordedEvent<CatalogRequested>;
        const work = toWork(req);
        this.inflight.set(req.id, { certname: req.stream, work });
        this.deps.admission.seen(req.id);
        return this.deps.dispatch.deliver(req.stream, work, true);
      }
      case 'catalog_compiled':
      case 'compile_failed': {
        const done = e as RecordedEvent<CatalogCompiled> | RecordedEvent<CompileFailed>;
        for (const id of done.data.requestIds) this.inflight.delete(id);
        this.deps.admission.answered(done.data.requestIds);
        this.deps.waiters.settle(done);
        return;
      }
      case 'facts_submitted':
        return this.deps.dispatch.deliver(e.stream, { kind: 'facts', facts: e.data, position: e.position }, false);
      case 'catalog_submitted':
        return this.deps.dispatch.deliver(e.stream, { kind: 'submitted', event: e }, false);
      case 'node_deactivated':
        return this.deps.dispatch.deliver(e.stream, { kind: 'deactivated', event: e }, false);
      case 'code_deployed':
        this.deps.dispatch.codeDeployed(e.data.environment);
        return;
      case 'report_submitted':
      case 'command_rejected':
        return; // projections only
    }
  }

  /**
   * A checkpoint that cannot be written now (full disk, busy lock) is
   * written on a later tick: an older one only means a longer catch-up
   * after a restart, while a throw from the timer would end the process.
   */
  private saveCheckpoint(): void {
    let low = this.recovery ? this.deps.checkpoints.get(CHECKPOINT) : this.lastPosition;
    for (const { work } of this.inflight.values()) low = Math.min(low, work.position - 1);
    try {
      this.deps.checkpoints.set(CHECKPOINT, low);
    } catch (e) {
      if (!isResourceFault(e)) throw e;
    }
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

function toWork(req: RecordedEvent<CatalogRequested>): CompileWork {
  return { kind: 'compile', requestIds: [req.id], environment: req.data.environment, priority: req.data.priority, position: req.position };
}
