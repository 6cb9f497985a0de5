import { DEPENDENCY_PRIORITY, type RecordedEvent, type TroupeEvent } from '../../core/events/event.types.js';
import { ConfigError } from '../../core/errors/troupe-error.js';
import { exportsOf, type NodeExports } from '../../core/dependency/node-exports.js';
import { saveCheckpointUnlessRefused, type CheckpointStore } from '../../core/log/checkpoint-store.js';
import type { EventLog, Subscription } from '../../core/log/event-log.js';
import { STDERR_LOG, type OperatorLog } from '../../core/logging/operator-log.js';
import type { AdmissionController } from '../admission/admission-controller.js';
import { CoalescingRun } from '../compile/coalescing-run.js';
import { appendRecompile } from '../compile/recompile-request.js';
import { DependencyIndex, type DependencyIndexOptions } from './dependency-index.js';

export interface DependencyTrackerOptions extends DependencyIndexOptions {
  /** How often recompiles admission refused (or the projection had not reached) are tried again. @defaultValue 500 */
  readonly retryMs?: number;
  /**
   * Pending compile work (admission's count) at or above which no
   * dependency recompile is appended, so agents keep the rest of the room.
   * @defaultValue admission's low-water mark (at least 1)
   */
  readonly pendingCeiling?: number;
}

export interface DependencyTrackerDeps {
  readonly log: Pick<EventLog, 'append' | 'subscribe' | 'head'>;
  readonly checkpoints: Pick<CheckpointStore, 'get' | 'set'>;
  readonly admission: Pick<AdmissionController, 'pending' | 'lowWater' | 'reserve' | 'release'>;
  /**
   * How far the storeconfigs projection has applied the log: a dependent
   * is recompiled only once the exporter's new catalog is in storeconfigs,
   * or its collectors would read the old exports.
   */
  readonly projected: () => number;
  /** @defaultValue stderr */
  readonly logger?: OperatorLog;
}

/** A dependent waiting for its recompile: who caused it, and the log position storeconfigs must reach first. */
interface Due {
  readonly from: string;
  readonly causationId: string;
  readonly position: number;
}

export interface DependencyTrackerStatus {
  readonly position: number;
  readonly collectors: number;
  readonly queries: number;
  readonly exporters: number;
  readonly pendingCeiling: number;
  /** Dependents waiting for room in admission or for the projection. */
  readonly due: number;
  /** Dependency recompiles appended since start. */
  readonly requested: number;
}

const CHECKPOINT = 'dependency-tracker';

/** Shared by every node whose submitted catalog exports nothing (most), so remembering them costs a map entry. */
const NO_EXPORTS = exportsOf([], '');

/**
 * Recompiles the collectors of a node whose exports changed. Fed from the
 * log like the router: every `catalog_compiled` says which collector
 * queries its compile ran (the node is now a collector of exactly those)
 * and its exports' digest; a compiled or submitted catalog whose exports
 * differ from the node's previous ones, or a deactivation, makes every
 * other node whose queries match an added, removed or modified export
 * due for a recompile (reason `dependency`, `from` the exporter,
 * {@link DEPENDENCY_PRIORITY}), appended through admission once
 * storeconfigs holds the exporter's new catalog and while pending work is
 * below `pendingCeiling`. A node due already is not due twice: a burst of
 * exporters gives each dependent one recompile (the first exporter is its
 * `from`), and the node's mailbox conflates it with any request already
 * queued.
 *
 * The index is rebuilt by reading the log from its start; only events
 * after the checkpoint (held while dependents are due) request anything.
 * Dependency recompiles can chain (A's recompile changes A's exports, so
 * A's collectors recompile) and end when exports stop changing.
 */
export class DependencyTracker {
  private readonly index: DependencyIndex;
  private readonly retryMs: number;
  private readonly pendingCeiling: number;
  private readonly due = new Map<string, Due>();
  /**
   * Per node, its last catalog submitted in full and that catalog's
   * exports: what a later catalog recorded by reference to it exports
   * (one entry per node that submitted a catalog, as the index's).
   */
  private readonly submitted = new Map<string, { readonly eventId: string; readonly exports: NodeExports }>();
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checkpoint = 0;
  private position = 0;
  private requested = 0;
  private readonly pumping = new CoalescingRun(
    () => this.feed(),
    (err) => this.logger.error({ err }, 'dependency recompiles stalled; trying again'),
    () => this.saveCheckpoint(),
  );
  private closing: Promise<void> | undefined;

  constructor(private readonly deps: DependencyTrackerDeps, options: DependencyTrackerOptions = {}) {
    this.retryMs = options.retryMs ?? 500;
    this.pendingCeiling = options.pendingCeiling ?? Math.max(1, deps.admission.lowWater);
    for (const f of ['retryMs', 'pendingCeiling', 'maxQueries', 'maxExportsPerNode'] as const) {
      const v = options[f];
      if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new ConfigError(`dependencies.${f}`, 'must be an integer ≥ 1');
    }
    this.index = new DependencyIndex(options);
  }

  private get logger(): OperatorLog {
    return this.deps.logger ?? STDERR_LOG;
  }

  /** A first start (no checkpoint yet) takes the log so far as history: nothing in it is recompiled. */
  async start(): Promise<void> {
    this.checkpoint = this.deps.checkpoints.get(CHECKPOINT);
    if (this.checkpoint === 0) {
      this.checkpoint = await this.deps.log.head();
      this.deps.checkpoints.set(CHECKPOINT, this.checkpoint);
    }
    this.subscription = this.deps.log.subscribe({
      from: 0,
      handler: (batch) => this.route(batch),
      onError: (err) => this.logger.error({ err }, 'dependency tracker stopped'),
    });
    this.timer = setInterval(() => { if (this.due.size > 0) this.pump(); }, this.retryMs);
    this.timer.unref();
  }

  status(): DependencyTrackerStatus {
    return { position: this.position, ...this.index.stats, pendingCeiling: this.pendingCeiling, due: this.due.size, requested: this.requested };
  }

  private route(batch: readonly RecordedEvent[]): void {
    for (const event of batch) {
      this.position = event.position;
      const dependents = this.follow(event as RecordedEvent<TroupeEvent>);
      if (event.position <= this.checkpoint) continue;
      for (const certname of dependents) {
        if (!this.due.has(certname)) this.due.set(certname, { from: event.stream, causationId: event.id, position: event.position });
      }
    }
    this.saveCheckpoint();
    this.pump();
  }

  /** Updates the index from one event; the nodes it makes due. */
  private follow(e: RecordedEvent<TroupeEvent>): ReadonlySet<string> {
    switch (e.type) {
      case 'catalog_compiled': {
        // The catalog is read only when needed: on the primary it arrives as text and the first read parses all of it
        // (during a push, every catalog). A node without collectors files no environment.
        const { collectors = [], exportsDigest } = e.data;
        this.index.collected(e.stream, collectors.length === 0 ? '' : e.data.catalog.environment, collectors);
        if (exportsDigest !== undefined && !this.index.exportsChanged(e.stream, exportsDigest)) return new Set();
        const { catalog } = e.data;
        return this.index.exported(e.stream, exportsOf(catalog.resources, catalog.environment));
      }
      case 'catalog_submitted': {
        const { catalog, bodyOf } = e.data;
        const exports = bodyOf === undefined ? exportsOf(catalog.resources, catalog.environment) : this.submittedExports(e.stream, bodyOf);
        if (exports === undefined) return new Set();
        if (bodyOf === undefined) this.submitted.set(e.stream, { eventId: e.id, exports: exports.resources.size === 0 ? NO_EXPORTS : exports });
        // Compared with the node's exports now, not the referenced catalog's:
        // a compile or a deactivation since may have changed them.
        return this.index.exported(e.stream, exports);
      }
      case 'node_deactivated':
        return this.index.deactivated(e.stream);
      default:
        return new Set();
    }
  }

  /**
   * The exports of the full catalog a reference names. The log is read from
   * its start, so that catalog was seen; a reference to any other (never
   * made by CatalogReferences) is taken as the node's exports unchanged.
   */
  private submittedExports(certname: string, bodyOf: string): NodeExports | undefined {
    const last = this.submitted.get(certname);
    return last?.eventId === bodyOf ? last.exports : undefined;
  }

  /**
   * Appends the due recompiles storeconfigs is ready for, while admission
   * has room. One pump at a time; a call meanwhile makes it go round once more.
   */
  private pump(): void {
    if (!this.closing) this.pumping.request();
  }

  private async feed(): Promise<void> {
    const projected = this.deps.projected();
    for (const [certname, d] of this.due) {
      if (this.closing || this.deps.admission.pending >= this.pendingCeiling) return;
      if (d.position > projected) continue;
      const environment = this.index.environmentOf(certname);
      if (environment === undefined) {
        this.due.delete(certname); // deactivated since, or its last compile collects nothing any more
        continue;
      }
      const id = await appendRecompile(this.deps, {
        certname, environment, reason: 'dependency', priority: DEPENDENCY_PRIORITY, causationId: d.causationId, from: d.from,
      });
      if (id === null) return;
      this.due.delete(certname);
      this.requested++;
    }
  }

  /** Held while dependents are due, so a restart finds their cause again. */
  private saveCheckpoint(): void {
    if (this.due.size > 0 || this.position <= this.checkpoint) return;
    if (saveCheckpointUnlessRefused(this.deps.checkpoints, CHECKPOINT, this.position)) this.checkpoint = this.position;
  }

  /** Idempotent: stops following the log; recompiles already appended still compile. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.timer);
      await this.subscription?.close();
      await this.pumping.stop();
    })();
    return this.closing;
  }
}
