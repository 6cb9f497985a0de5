import { randomUUID } from 'node:crypto';
import {
  CODE_STREAM, DEPLOY_PRIORITY,
  type CatalogCompiled, type CodeDeployed, type CompileFailed, type DeploymentOutcome, type RecordedEvent, type TroupeEvent,
} from '../../core/events/event.types.js';
import { ConfigError } from '../../core/errors/troupe-error.js';
import { saveCheckpointUnlessRefused, type CheckpointStore } from '../../core/log/checkpoint-store.js';
import type { EventLog, Subscription } from '../../core/log/event-log.js';
import { STDERR_LOG, type OperatorLog } from '../../core/logging/operator-log.js';
import type { AdmissionController } from '../admission/admission-controller.js';
import { CoalescingRun } from '../compile/coalescing-run.js';
import { appendRecompileBatch } from '../compile/recompile-request.js';
import type { PqlAst } from '../../core/pql/pql-ast.js';
import { AdaptiveWindow, type AdaptiveWindowOptions } from './adaptive-window.js';
import { DeploymentProgress, type DeploymentStatus, type RecompileOutcome } from './deployment-progress.js';
import { selectedDeployableNodes } from './selected-deployable-nodes.js';

export interface DeployFeederOptions {
  /**
   * A deployment's recompiles waiting for an outcome at once, all
   * deployments together: the pool is fed as it drains, never filled.
   * @defaultValue 4
   */
  readonly window?: number;
  /**
   * Pending compile work (admission's count) at or above which no
   * recompile is fed, so agents keep the rest of the admission room.
   * @defaultValue half of admission's low-water mark (at least 1)
   */
  readonly pendingCeiling?: number;
  /** Certnames read from storeconfigs at once. @defaultValue 500 */
  readonly pageSize?: number;
  /** How often a stalled feed (a full gate, a failed append) is tried again. @defaultValue 1000 */
  readonly retryMs?: number;
  /** Finished deployments `/status` keeps showing. @defaultValue 5 */
  readonly keepFinished?: number;
  /**
   * Steers the window by agents' check-in latency (`checkInAnswered`):
   * halved while a deployment slows check-ins down, grown back by one a
   * period, `window` at most ({@link AdaptiveWindow}); `false` keeps it fixed.
   * @defaultValue {} (on, with AdaptiveWindow's defaults)
   */
  readonly adaptive?: AdaptiveWindowOptions | false;
}

export const DEFAULT_DEPLOY_FEEDER_OPTIONS = { window: 4, pageSize: 500, retryMs: 1000, keepFinished: 5, adaptive: {} } as const;

/**
 * The nodes a deployment of `codeId` to an environment can affect, read a
 * page at a time (storeconfigs: active nodes of the environment with
 * facts, except those whose catalog was compiled with `codeId` already).
 */
export interface DeployableNodes {
  count(environment: string, codeId: string): Promise<number>;
  page(environment: string, codeId: string, after: string | null, limit: number): Promise<readonly string[]>;
}

export interface DeployFeederDeps {
  readonly log: Pick<EventLog, 'append' | 'subscribe' | 'head' | 'readStreamBackward'>;
  readonly checkpoints: Pick<CheckpointStore, 'get' | 'set'>;
  readonly admission: Pick<AdmissionController, 'pending' | 'lowWater' | 'reserve' | 'release'>;
  readonly nodes: DeployableNodes;
  /**
   * The certnames a `code_deployed` event's `select` condition picks
   * (storeconfigs, through the query engine). @defaultValue none: a selected deployment recompiles nothing
   */
  readonly select?: (condition: PqlAst) => Promise<readonly string[]>;
  /** @defaultValue stderr */
  readonly logger?: OperatorLog;
}

export interface DeployFeederStatus {
  /** The last log position the feeder has read. */
  readonly position: number;
  /** Recompiles in flight allowed now: the configured window, or less while agents' check-ins are slowed ({@link AdaptiveWindow}). */
  readonly window: number;
  readonly adaptiveWindow: ReturnType<AdaptiveWindow['status']> | null;
  readonly pendingCeiling: number;
  readonly open: readonly DeploymentStatus[];
  readonly finished: readonly DeploymentStatus[];
}

const CHECKPOINT = 'deploy-feeder';

/**
 * Turns `code_deployed` into background recompiles: works out the nodes the
 * change can affect (`deployment_planned`), appends one `catalog_requested`
 * (reason `code_deployed`, {@link DEPLOY_PRIORITY}) per node through
 * admission, at most `window` at once and only while admission has room
 * below `pendingCeiling`, and records `deployment_finished` once every
 * request is answered. Changed catalogs then go out like any other: the
 * STOMP pusher sends those whose hash changed.
 *
 * A newer deployment of the same environment supersedes an open one. After
 * a restart, deployments the log shows unfinished start again from their
 * first node (a recompile that changes nothing pushes nothing).
 */
export class DeployFeeder {
  private readonly options: Required<DeployFeederOptions>;
  private readonly open: DeploymentProgress[] = [];
  private readonly done: DeploymentStatus[] = [];
  private readonly counts: Record<RecompileOutcome, number> = { changed: 0, unchanged: 0, failed: 0 };
  /** Deployments whose `deployment_finished` is being appended. */
  private readonly finishing = new Set<DeploymentProgress>();
  /** Where each open deployment reads its nodes: the environment's, or a selector's share of them. */
  private readonly sources = new Map<DeploymentProgress, DeployableNodes>();
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Deployments the catch-up found unfinished, started once it reaches the head. */
  private recovering: Map<string, RecordedEvent<CodeDeployed>> | undefined;
  private recoveryHead = 0;
  private position = 0;
  private readonly pumping = new CoalescingRun(
    async () => {
      try {
        await this.feed();
      } finally {
        await this.finishDone();
      }
    },
    (err) => this.logger.error({ err }, 'deployment recompiles stalled; trying again'),
  );
  private closing: Promise<void> | undefined;
  private readonly adaptive: AdaptiveWindow | null;

  constructor(private readonly deps: DeployFeederDeps, options: DeployFeederOptions = {}) {
    const pendingCeiling = options.pendingCeiling ?? Math.max(1, Math.floor(deps.admission.lowWater / 2));
    this.options = { ...DEFAULT_DEPLOY_FEEDER_OPTIONS, pendingCeiling, ...options };
    for (const f of ['window', 'pendingCeiling', 'pageSize', 'retryMs'] as const) {
      if (!Number.isInteger(this.options[f]) || this.options[f] < 1) throw new ConfigError(`deploy.${f}`, 'must be an integer ≥ 1');
    }
    this.adaptive = this.options.adaptive === false ? null : new AdaptiveWindow(this.options.window, this.options.adaptive);
  }

  /** Recompiles in flight allowed now. */
  private get window(): number {
    return this.adaptive?.size() ?? this.options.window;
  }

  /**
   * An agent's check-in was answered (compiled or failed) in `latencyMs`:
   * what the adaptive window steers by. A check-in while no recompile is in
   * flight is the baseline.
   */
  checkInAnswered(latencyMs: number): void {
    this.adaptive?.observe(latencyMs, this.inFlight > 0);
  }

  private get logger(): OperatorLog {
    return this.deps.logger ?? STDERR_LOG;
  }

  async start(): Promise<void> {
    const from = this.deps.checkpoints.get(CHECKPOINT);
    this.recoveryHead = await this.deps.log.head();
    this.position = from;
    if (this.recoveryHead > from) this.recovering = new Map();
    this.subscription = this.deps.log.subscribe({
      from,
      handler: (batch) => this.route(batch),
      onError: (err) => this.logger.error({ err }, 'deploy feeder stopped'),
    });
    this.timer = setInterval(() => { if (this.open.length > 0) this.pump(); }, this.options.retryMs);
    this.timer.unref();
  }

  status(): DeployFeederStatus {
    return {
      position: this.position,
      window: this.window,
      adaptiveWindow: this.adaptive?.status() ?? null,
      pendingCeiling: this.options.pendingCeiling,
      open: this.open.map((d) => d.status()),
      finished: [...this.done],
    };
  }

  /** Recompiles of every open deployment waiting for an outcome. */
  get inFlight(): number {
    return this.open.reduce((n, d) => n + d.inFlight, 0);
  }

  private async route(batch: readonly RecordedEvent[]): Promise<void> {
    for (const event of batch) {
      this.position = event.position;
      const e = event as RecordedEvent<TroupeEvent>;
      if (this.recovering) {
        if (e.type === 'code_deployed') this.recovering.set(e.id, e as RecordedEvent<CodeDeployed>);
        if (e.type === 'deployment_finished') this.recovering.delete(e.data.deploymentId);
        if (e.position >= this.recoveryHead) await this.finishRecovery();
        continue;
      }
      if (e.type === 'code_deployed') await this.begin(e as RecordedEvent<CodeDeployed>);
      else if (e.type === 'catalog_compiled' || e.type === 'compile_failed') this.answered(e);
    }
    await this.finishDone();
    this.saveCheckpoint();
    this.pump();
  }

  private async finishRecovery(): Promise<void> {
    const unfinished = [...this.recovering!.values()];
    this.recovering = undefined;
    for (const e of unfinished) await this.begin(e);
  }

  private answered(e: CatalogCompiled | CompileFailed): void {
    for (const d of this.open) {
      const outcome = d.answered(e);
      if (outcome === null) continue;
      this.counts[outcome]++;
      return;
    }
  }

  /** Every recompile answered since start, by outcome (for metrics). */
  get outcomes(): Readonly<Record<RecompileOutcome, number>> {
    return this.counts;
  }

  /** Plans a deployment: which nodes, recorded as `deployment_planned`; supersedes an open one of its environment. */
  private async begin(e: RecordedEvent<CodeDeployed>): Promise<void> {
    const { environment, codeId } = e.data;
    const older = this.open.find((d) => d.environment === environment);
    if (older) await this.finish(older, 'superseded');
    const previous = await this.previousDeployment(e);
    const previousCodeId = previous?.codeId ?? null;
    // A selected deployment moved only some nodes, so the same code again still has the rest to move.
    const unchanged = codeId !== '' && codeId === previousCodeId && previous?.select === undefined;
    const source = e.data.select === undefined ? this.deps.nodes : selectedDeployableNodes(this.deps.nodes, await this.selected(e));
    const nodes = unchanged ? 0 : await source.count(environment, codeId);
    const scope = unchanged ? 'unchanged_code' : e.data.select === undefined ? 'environment' : 'selected';
    const progress = new DeploymentProgress(e.id, environment, codeId, scope, nodes);
    this.sources.set(progress, source);
    await this.record(e.id, {
      type: 'deployment_planned',
      data: { deploymentId: e.id, environment, codeId, previousCodeId, nodes, scope: progress.scope },
    });
    this.open.push(progress);
  }

  /** The environment's deployment before this one, from the log. */
  private async previousDeployment(e: RecordedEvent<CodeDeployed>): Promise<CodeDeployed['data'] | null> {
    const earlier = await this.deps.log.readStreamBackward(CODE_STREAM, { types: ['code_deployed'], untilPosition: e.position - 1, limit: 1000 });
    const same = earlier.find((x) => (x as RecordedEvent<CodeDeployed>).data.environment === e.data.environment);
    return same ? (same as RecordedEvent<CodeDeployed>).data : null;
  }

  /** The selector's nodes now; none when it cannot be evaluated (logged: the route checked it before recording). */
  private async selected(e: RecordedEvent<CodeDeployed>): Promise<ReadonlySet<string>> {
    try {
      return new Set(this.deps.select ? await this.deps.select(e.data.select!) : []);
    } catch (err) {
      this.logger.error({ err, deploymentId: e.id }, `deployment ${e.id}: its selector cannot be evaluated; it recompiles no node`);
      return new Set();
    }
  }

  /**
   * Feeds recompiles while the window and admission leave room. One pump
   * at a time; a call meanwhile makes it go round once more.
   */
  private pump(): void {
    if (!this.closing && !this.recovering) this.pumping.request();
  }

  private async feed(): Promise<void> {
    const room = (): boolean => !this.closing && this.inFlight < this.window && this.deps.admission.pending < this.options.pendingCeiling;
    while (room()) {
      const d = this.open.find((x) => x.hasNodesLeft && !this.finishing.has(x));
      if (!d) return;
      if (d.needsPage) {
        d.refill(await this.sources.get(d)!.page(d.environment, d.codeId, d.after, this.options.pageSize), this.options.pageSize);
        continue;
      }
      // The window's worth of requests in one append: one group commit, not one per node.
      const { refused } = await appendRecompileBatch(this.deps, d, room, (certname) => ({
        certname, environment: d.environment, reason: 'code_deployed', priority: DEPLOY_PRIORITY, causationId: d.deploymentId,
      }));
      if (refused) return;
    }
  }

  private async finishDone(): Promise<void> {
    for (const d of this.open.filter((x) => x.done)) await this.finish(d, 'completed');
  }

  private async finish(d: DeploymentProgress, outcome: DeploymentOutcome): Promise<void> {
    if (this.finishing.has(d) || !this.open.includes(d)) return;
    this.finishing.add(d);
    const data = d.finished(outcome);
    await this.record(d.deploymentId, { type: 'deployment_finished', data });
    // Open until its end is in the log, then finished: never in neither list.
    this.open.splice(this.open.indexOf(d), 1);
    this.sources.delete(d);
    this.finishing.delete(d);
    this.done.unshift(d.status(outcome));
    this.done.splice(this.options.keepFinished);
  }

  private async record(deploymentId: string, e: Pick<TroupeEvent & { type: 'deployment_planned' | 'deployment_finished' }, 'type' | 'data'>): Promise<void> {
    const event = { ...e, id: randomUUID(), stream: CODE_STREAM, time: new Date().toISOString(), meta: { source: 'actor' as const, causationId: deploymentId } } as TroupeEvent;
    await this.deps.log.append([{ event }]).catch((err: unknown) => this.logger.error({ err, deploymentId }, `could not record ${e.type} of deployment ${deploymentId}`));
  }

  /**
   * Held while a deployment is open (or the catch-up is still collecting
   * them), so a restart reads its `code_deployed` again.
   */
  private saveCheckpoint(): void {
    if (this.open.length > 0 || this.recovering) return;
    saveCheckpointUnlessRefused(this.deps.checkpoints, CHECKPOINT, this.position);
  }

  /** Idempotent: stops feeding; requests already appended still compile. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.timer);
      await this.subscription?.close();
      await this.pumping.stop();
    })();
    return this.closing;
  }
}
