import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Degradation } from '../../core/errors/resource-fault.js';
import { type CatalogCompiler, type ExportedResourceLookup } from '../../core/compiler/catalog-compiler.js';
import { TroupeError } from '../../core/errors/troupe-error.js';
import { FileServer } from '../../core/file-serving/file-server.js';
import { StaticContent } from '../../core/file-serving/static-content.js';
import { CatalogReferences } from '../../core/log/catalog-references.js';
import { SqliteCheckpointStore } from '../../core/log/sqlite/checkpoint-store.sqlite.js';
import type { GroupCommit } from '../../core/log/group-commit.js';
import { AdmissionController } from '../../actors/admission/admission-controller.js';
import { CompilePool } from '../../actors/compile/compile-pool.js';
import { createCompileOutcome, createCompileStep } from '../../actors/compile/compile-step.js';
import { createDriftRecorder } from '../../actors/compile/drift-recorder.js';
import { CompileWaiters } from '../../actors/compile/compile-waiters.js';
import { createCheckIn, type CheckIn } from '../../actors/check-in/check-in.js';
import type { NodeDispatch } from '../../actors/router/node-dispatch.js';
import { NodeRouter, ROUTER_FAILURE_COMPILER } from '../../actors/router/node-router.js';
import { NodePriorities } from '../../actors/router/node-priorities.js';
import { RolloutAssignments } from '../../actors/rollout/rollout-assignments.js';
import { exportedResourceLookup } from '../../projections/exported-resources.query.js';
import { storeconfigsQueries, type StoreconfigsQueries } from '../../projections/storeconfigs/storeconfigs.queries.js';
import { createPdbQueryEngine } from '../../projections/query/pdb-query.engine.js';
import { usesCompileQueue, type TroupeConfig } from '../config/troupe.config.js';
import { startStompTransport, type StompTransport } from '../../actors/transport/stomp/stomp-transport.js';
import { CompileQueue, JOBS_PER_COMPILE_SLOT, type CompileQueueOptions } from '../../actors/transport/stomp/compile/compile-queue.js';
import { offeredOrLocal, type Offer } from '../../actors/transport/stomp/compile/compile-job-publisher.js';
import { LeaderRole } from '../../actors/lease/leader-role.js';
import { LEADER_SHARD } from '../../core/lease/fleet-leader.js';
import type { FencedCheckpoints } from '../../actors/lease/fenced-checkpoints.js';
import { BodyBudget } from '../http/body-budget.js';
import type { BodyLimits } from '../http/http-io.js';
import { CertificateAuthority } from '../ca/certificate-authority.js';
import { compileSlots, createCompiler } from './compiler.factory.js';
import { openCodeVersions, type OpenedCodeVersions } from './code-versions.factory.js';
import { createNodeDispatch } from './node-dispatch.factory.js';
import { ShardLeases } from './shard-leases.js';
import { FleetServices, type FleetServicesDeps } from './fleet-services.js';
import { SafetyNet } from './safety-net.js';
import { logHealthChange } from './health-log.js';
import { ingestGate } from './ingest-gate.js';
import { QueryThread } from './query/query-thread.js';
import { StoreconfigsThread } from './storeconfigs/storeconfigs-thread.js';
import { openServedLog, openStoreconfigsReader, storeLocation, type ServedLog, type StoreconfigsReader, type StoreLocation } from './store-location.js';
import { log, logSettings } from '../log/logger.js';
import { TroupeMetrics } from '../metrics/troupe-metrics.js';
import type { CatalogCompiled, CompileAborted, CompileFailed, RecordedEvent } from '../../core/events/event.types.js';

/** A leadership's running fleet services and the shared checkpoints they write under its lease. */
interface Leadership {
  readonly fleet: FleetServices;
  readonly checkpoints: FencedCheckpoints;
}

export interface TroupeAppOptions {
  /**
   * Where node work goes. Default: actors in this process. The cluster
   * passes its dispatch to workers here (called once the log is open).
   */
  readonly dispatch?: (app: TroupeApp) => NodeDispatch;
  /** The certificate authority. Default: the configured one (`sslDir`, `autosign`, `caTtlSeconds`), created on first use. */
  readonly ca?: CertificateAuthority;
  /** The compiler's figures for `/status` when compiles run elsewhere (the cluster's workers). Default: this process's compiler. */
  readonly compilerStats?: () => unknown;
  /** Compiles running and waiting, for `/status` and metrics when compiles run elsewhere (the cluster's workers). Default: this process's pool. */
  readonly compileLoad?: () => { readonly active: number; readonly queued: number };
  /**
   * Where the compile jobs this instance takes from the broker compile
   * (`compileQueue`), and how many at once (its consumer's prefetch is
   * {@link JOBS_PER_COMPILE_SLOT} per slot). Default: this process's
   * compiler and pool. The cluster passes its actor workers' here.
   */
  readonly compileJobs?: { readonly compile: CompileQueueOptions['compile']; readonly slots: number };
}

/**
 * One running Troupe: the log, the actors that turn its events into
 * compiles, and admission control — everything the front doors need.
 * `close()` is idempotent and leaves nothing acknowledged behind.
 */
export class TroupeApp {
  /** The event log: SQLite (`events.db`) or PostgreSQL (`--store postgres://…`). */
  readonly log: ServedLog;
  /** The log as the command doors append to it: a submitted catalog equal to the node's previous one is recorded by reference. */
  readonly commands: CatalogReferences;
  readonly checkpoints: SqliteCheckpointStore;
  readonly admission: AdmissionController;
  readonly waiters: CompileWaiters;
  /** An agent's catalog request, admitted, logged and answered: every catalog door's use case. */
  readonly checkIn: CheckIn;
  readonly pool: CompilePool;
  readonly compiler: CatalogCompiler;
  readonly router: NodeRouter;
  /** Several instances on one PostgreSQL: the shards whose nodes this one runs. Undefined on SQLite (one instance, every node). */
  readonly shards: ShardLeases | undefined;
  /** Nodes' priority classes (config `priorityClasses`), for admission and compile order. */
  readonly priorities: NodePriorities;
  /**
   * The fleet-wide services (deployments, rollouts, dependencies, runs,
   * the STOMP pusher): run by this instance from its start on SQLite; on
   * PostgreSQL by the leader only (the holder of shard 0), started and
   * stopped with its leadership. Elsewhere an idle set answers `/status`.
   */
  private readonly localFleet: FleetServices;
  private readonly fleetRole: LeaderRole<Leadership> | undefined;
  readonly exported: ExportedResourceLookup;
  readonly queries: StoreconfigsQueries;
  /** PuppetDB's v4 query language (`/pdb/query/v4`) on a thread of its own, each query bounded in time. */
  readonly pdbQuery: QueryThread;
  /** Puppet's CA API and the HTTPS listener's credentials; touches the disk on first use only. */
  readonly ca: CertificateAuthority;
  /** Request-body limits shared by every HTTP request of this process. */
  readonly bodies: BodyLimits;
  /**
   * Puppet's file server and static catalogs' content, per environment
   * directory: one per process, so `static_file_content` serves what this
   * process's static catalogs described. `codeDir` serves every
   * environment name; with `environmentsDir`, each environment that exists
   * there gets its own (so at most one per environment directory).
   */
  private readonly contents = new Map<string, StaticContent>();
  private readonly readDb: StoreconfigsReader;
  /** Rollouts' code versions (shared through PostgreSQL with the other instances). */
  private readonly versions: OpenedCodeVersions;
  private readonly compilerStats: () => unknown;
  private readonly compileLoad: () => { readonly active: number; readonly queued: number };
  /** Prometheus metrics of this app (`GET /metrics`). */
  readonly metrics: TroupeMetrics;
  /** The broker's command queue in (every instance: competing consumers); the pusher is one of the fleet services. */
  private stomp: StompTransport | undefined;
  /** Compile jobs over the broker (`compileQueue`): this instance's actors publish theirs, and it compiles its share of everyone's. */
  private readonly compileQueue: CompileQueue | undefined;
  private closing: Promise<void> | undefined;
  /** Re-decides storeconfigs' pace once a second (paceStoreconfigs). */
  private readonly pacer: NodeJS.Timeout;
  private readonly doorStatus = new Map<string, () => unknown>();

  private constructor(
    readonly config: TroupeConfig,
    private readonly projection: StoreconfigsThread,
    opened: { readonly log: ServedLog; readonly readDb: StoreconfigsReader; readonly store: StoreLocation; readonly shards: ShardLeases | undefined; readonly versions: OpenedCodeVersions },
    options: TroupeAppOptions,
  ) {
    this.metrics = new TroupeMetrics({
      admission: () => this.admission,
      compileLoad: () => this.compileLoad(),
      projectionLag: () => this.queueDepthNow(),
      logHead: () => this.log.lastKnownPosition,
      actors: () => this.router.stats,
      waiters: () => this.waiters.size,
      unexpectedErrors: () => SafetyNet.unexpectedErrors,
      deploys: () => ({ open: this.deploys.status().open.length, inFlight: this.deploys.inFlight, window: this.deploys.status().window, outcomes: this.deploys.outcomes }),
      rollouts: () => this.rollouts.figures(),
      dependencies: () => this.dependencies.status(),
      compileQueue: () => this.compileQueue?.status(),
    });
    this.log = opened.log;
    this.shards = opened.shards;
    this.commands = new CatalogReferences(this.log);
    // The actors' checkpoints are this instance's: beside the SQLite log, or a file of their own beside a PostgreSQL or KurrentDB one.
    this.checkpoints = new SqliteCheckpointStore(opened.store.kind === 'sqlite' ? opened.store.logPath : join(config.dataDir, 'checkpoints.db'));
    this.admission = new AdmissionController({ highWater: config.admissionHighWater, maxRetryAfterSeconds: config.maxRetryAfterSeconds });
    this.waiters = new CompileWaiters();
    this.priorities = new NodePriorities(config.priorityClasses);
    this.checkIn = createCheckIn({
      admission: this.admission,
      waiters: this.waiters,
      priorityOf: (certname) => this.priorities.of(certname),
      append: async (events) => { await this.log.append(events.map((event) => ({ event }))); },
      timeoutMs: config.catalogTimeoutMs,
      onAnswered: (latencyMs) => this.deploys.checkInAnswered(latencyMs),
    });
    this.ca = options.ca ?? CertificateAuthority.fromConfig(config);
    this.bodies = {
      maxBytes: config.maxBodyBytes,
      budget: new BodyBudget(config.maxInFlightBodyBytes),
      retryAfterSeconds: () => this.admission.retryAfterSeconds(),
    };
    this.pool = new CompilePool({ concurrency: compileSlots(config) });
    this.compiler = createCompiler(config, { recordDrift: createDriftRecorder(this.log) });
    this.compilerStats = options.compilerStats ?? (() => this.compiler.stats?.());
    this.compileLoad = options.compileLoad ?? (() => this.pool);
    this.log.onAppend(() => {
      projection.appended();
      this.paceStoreconfigs();
    });
    // Also without appends: a deployment's end lifts the pace even when nothing is logged after it.
    this.pacer = setInterval(() => this.paceStoreconfigs(), 1000);
    this.pacer.unref();
    // Reads go through their own connection; the projection thread writes.
    this.readDb = opened.readDb;
    this.queries = storeconfigsQueries(this.readDb.db);
    this.pdbQuery = new QueryThread({ store: opened.store });
    // Collectors query in-process: indexed, fast, and a compile should not queue behind a slow user query.
    this.exported = exportedResourceLookup(createPdbQueryEngine(this.readDb.source));
    this.versions = opened.versions;
    const versions = this.versions.versions;
    const assignments = new RolloutAssignments({ log: this.log, versions });
    const compileDeps = {
      compiler: this.compiler, pool: this.pool, exported: this.exported,
      codeDirOf: (environment: string, certname: string, position: number) => assignments.codeDirOf(environment, certname, position),
    };
    const local = createCompileStep({ ...compileDeps, log: this.log });
    this.compileQueue = usesCompileQueue(config) ? this.createCompileQueue(options.compileJobs ?? { compile: createCompileOutcome(compileDeps), slots: this.pool.concurrency }) : undefined;
    const compile = this.compileQueue ? offeredOrLocal(this.compileQueue.offer, local) : local;
    this.router = new NodeRouter({
      log: this.log,
      checkpoints: this.checkpoints,
      admission: this.admission,
      waiters: this.waiters,
      onOutcome: (e) => {
        this.countOutcome(e);
        if (e.type !== 'compile_aborted') this.compileQueue?.settle(e);
      },
      logger: log,
      priorities: this.priorities,
      ...(this.shards ? { ownership: this.shards.ownership } : {}),
      dispatch: options.dispatch?.(this) ?? createNodeDispatch(config, { log: this.log, compile, invalidate: (env) => this.compiler.invalidate(env) }),
    });
    const fleetDeps: Omit<FleetServicesDeps, 'checkpoints'> = {
      config, log: this.log, admission: this.admission, queries: this.queries, pdbQuery: this.pdbQuery, versions,
      compiler: this.compiler, environmentDir: (environment) => this.environmentDir(environment),
      projected: () => projection.position, priorityOf: (certname) => this.priorities.of(certname),
    };
    this.localFleet = new FleetServices({ ...fleetDeps, checkpoints: this.checkpoints });
    const shards = this.shards;
    this.fleetRole = shards && new LeaderRole<Leadership>({
      start: async (lease) => {
        const checkpoints = await shards.checkpointsFor(lease);
        const fleet = new FleetServices({ ...fleetDeps, checkpoints });
        try {
          await fleet.start();
        } catch (e) {
          await fleet.close();
          throw e;
        }
        // One projector for the fleet: the leader projects storeconfigs, the others follow its checkpoint.
        projection.project(true);
        log.warn({ epoch: lease.epoch }, 'fleet leader: this instance leads; fleet-wide services started');
        return { fleet, checkpoints };
      },
      stop: async ({ fleet, checkpoints }, lease) => {
        await fleet.close();
        projection.project(false);
        // While the lease is still held (the keeper lets go a margin before it expires), the next leader starts from here.
        await checkpoints.flush();
        log.warn({ epoch: lease.epoch, checkpointsRefused: checkpoints.refused }, 'fleet leader: leadership ended; fleet-wide services stopped');
      },
      onError: (err) => log.error({ err }, 'fleet leader: the fleet-wide services failed to start or stop'),
    });
  }

  /** The fleet-wide services as they stand here: the leader's running set, else the idle (or, on SQLite, the only) one. */
  private get fleet(): FleetServices {
    return this.fleetRole?.services?.fleet ?? this.localFleet;
  }

  /** `code_deployed` → the affected nodes recompiled in the background, bounded, below agents' priority. */
  get deploys() {
    return this.fleet.deploys;
  }

  /** Staged rollouts: which code version each node is compiled with, and the waves' steps. */
  get rollouts() {
    return this.fleet.rollouts;
  }

  /** A node's changed exports → the nodes that collect them recompiled (reason `dependency`). */
  get dependencies() {
    return this.fleet.dependencies;
  }

  /** `troupe run`: selected nodes' agents asked over STOMP to apply their catalog now, `batch` at once. */
  get runs() {
    return this.fleet.runs;
  }

  /** Whether this instance runs the fleet-wide services now (always on SQLite), and under which leader lease. */
  get fleetLeader(): { readonly leading: boolean; readonly epoch?: number } {
    if (!this.fleetRole) return { leading: true };
    const lease = this.fleetRole.leading;
    return lease ? { leading: true, epoch: lease.epoch } : { leading: false };
  }

  /**
   * Refuses (`not_leader`, 503) a request only the fleet's leader can
   * serve — starting a rollout or a run, a rollout's step — on another
   * instance: its services here are idle.
   */
  requireFleetLeader(): void {
    if (!this.fleetLeader.leading) {
      throw new TroupeError('not_leader', 'this instance does not run the fleet-wide services; send this to the leader (the instance whose /status shows fleet.leading)');
    }
  }

  static async open(config: TroupeConfig, options: TroupeAppOptions = {}): Promise<TroupeApp> {
    mkdirSync(config.dataDir, { recursive: true });
    const store = storeLocation(config);
    let app: TroupeApp | undefined;
    const log = await openServedLog(store, {
      synchronous: config.durability, onHealthChange: logHealthChange, onCommit: (c: GroupCommit) => app?.metrics.committed(c),
    });
    // The projection thread creates and migrates storeconfigs before anyone reads it.
    const projection = await StoreconfigsThread.start({ store, log: logSettings() }).catch(async (e: unknown) => {
      await log.close();
      throw e;
    });
    const readDb = await openStoreconfigsReader(store).catch(async (e: unknown) => {
      await projection.stop();
      await log.close();
      throw e;
    });
    const versions = await openCodeVersions(store, config.dataDir).catch(async (e: unknown) => {
      await readDb.close();
      await projection.stop();
      await log.close();
      throw e;
    });
    const shards = await ShardLeases.open(store, config, {
      onChange: (change) => app?.router.shardsChanged(change),
      onLeadership: (lease) => app?.fleetRole?.observe(lease),
    }).catch(async (e: unknown) => {
      await versions.close();
      await readDb.close();
      await projection.stop();
      await log.close();
      throw e;
    });
    app = new TroupeApp(config, projection, { log, readDb, store, shards, versions }, options);
    await app.seedPriorities();
    // Before the router's catch-up: it resumes the unanswered work of the shards held then.
    await app.shards?.start();
    // Before the router: a node's first compile already needs its rollout's code version. A leader's set starts
    // from the first claim (if it took shard 0); the others' sets start whenever they take it.
    if (app.fleetRole) await app.fleetRole.settled();
    else await app.localFleet.start();
    await app.router.start();
    if (config.stompUrl) app.stomp = app.startStomp();
    app.compileQueue?.start();
    return app;
  }

  /** Fact-selected priority classes of the nodes storeconfigs knows, before any check-in is admitted. */
  private async seedPriorities(): Promise<void> {
    for (const [path, value, priority] of this.priorities.factSelectors) {
      for (const certname of await this.queries.nodesWithFact(path, value)) this.priorities.seed(certname, priority);
    }
  }

  /** A compile outcome the router saw, for metrics; Troupe's own failures (quarantine, attempts exhausted) compiled nothing. */
  private countOutcome(e: RecordedEvent<CatalogCompiled> | RecordedEvent<CompileFailed> | RecordedEvent<CompileAborted>): void {
    if (e.type === 'compile_aborted') return this.metrics.compiled(this.compiler.name, 'aborted', undefined);
    const compiledNothing = e.data.compiler === ROUTER_FAILURE_COMPILER;
    this.metrics.compiled(e.data.compiler, e.type === 'catalog_compiled' ? 'compiled' : 'failed', compiledNothing ? undefined : e.data.durationMs);
  }

  /**
   * A node actor's compile offered to the broker's compile queue: the
   * outcome once the job is answered, or undefined (compile it locally)
   * when it is declined or this instance has no queue. A cluster's actor
   * workers offer theirs here over IPC.
   */
  readonly offerCompile: Offer = async (input) => this.compileQueue?.offer(input);

  /** Takes no more compile jobs and declines offers; resolves once the jobs taken are logged and acknowledged. Idempotent; `close` does it too. */
  stopCompileJobs(): Promise<void> {
    return this.compileQueue?.close() ?? Promise.resolve();
  }

  /** The broker's compile queue: jobs out with the catalog timeout as their life, taken {@link JOBS_PER_COMPILE_SLOT} per compile slot. */
  private createCompileQueue(jobs: NonNullable<TroupeAppOptions['compileJobs']>): CompileQueue {
    return new CompileQueue({
      brokerUrl: this.config.stompUrl,
      log: this.log, compile: jobs.compile,
      publisher: { ttlMs: this.config.catalogTimeoutMs, compilerName: this.compiler.name },
      consumer: { prefetch: jobs.slots * JOBS_PER_COMPILE_SLOT, onError: (err) => log.error({ err }, 'compile queue: a job failed before its outcome was logged; trying it again') },
      onEvent: (e) => {
        if (e.type !== 'connected') log.warn({ stomp: e }, `compile queue: ${e.type}`);
      },
    });
  }

  /** Commands from the broker's queue in (the fleet services push changed catalogs out). */
  private startStomp(): StompTransport {
    return startStompTransport({
      brokerUrl: this.config.stompUrl,
      log: this.log,
      commands: this.commands,
      gate: ingestGate(this.admission, () => this.queueDepthNow(), this.config.maxQueueDepth),
      ingest: {
        senders: this.config.stompSenderHeader === ''
          ? null
          : { header: this.config.stompSenderHeader, trusted: new Set(this.config.stompTrustedSenders) },
      },
      push: false,
      onEvent: (e) => {
        if (e.type !== 'connected') log.warn({ stomp: e }, `stomp: ${e.type}`);
      },
    });
  }

  /** The broker connections' figures: ingestion here, pushing where the fleet services run (null elsewhere). */
  private stompStatus(ingest: StompTransport) {
    const here = ingest.status();
    const push = this.fleet.pushStatus();
    return { ...here, connections: { ...here.connections, push: push?.connections.push ?? null }, push: push?.push ?? null };
  }

  /** An environment's own code directory: `<environmentsDir>/<environment>`, or the one `codeDir`. */
  environmentDir(environment: string): string {
    return this.config.environmentsDir === '' ? this.config.codeDir : join(this.config.environmentsDir, environment);
  }

  /** The file server and static content of an environment; `not_found` for one `environmentsDir` does not have. */
  staticContent(environment: string): StaticContent {
    const dir = this.environmentDir(environment);
    let content = this.contents.get(dir);
    if (content === undefined) {
      if (!existsSync(dir)) throw new TroupeError('not_found', `Could not find environment '${environment}'`);
      content = new StaticContent(new FileServer(dir));
      this.contents.set(dir, content);
    }
    return content;
  }

  /** Log events not yet in the storeconfigs database: PuppetDB's queue depth. */
  async queueDepth(): Promise<number> {
    return Math.max(0, (await this.log.head()) - this.projection.position);
  }

  /** The same from what this process knows, without I/O (for hot paths). */
  /**
   * Storeconfigs yields to a deployment's push and the agents' check-ins
   * (StoreconfigsThread.pace) while recompiles are in flight, until it is
   * halfway to the depth at which PuppetDB commands are refused.
   */
  private paceStoreconfigs(): void {
    this.projection.pace(this.fleet.deploys.inFlight > 0 && this.queueDepthNow() < this.config.maxQueueDepth / 2);
  }

  queueDepthNow(): number {
    return Math.max(0, this.log.lastKnownPosition - this.projection.position);
  }

  /**
   * Components that cannot write for now (full disk, I/O errors): each
   * retries with back-off and leaves this list by itself once it can.
   */
  get degraded(): Degradation[] {
    return [this.log.degradation, this.projection.degradation].filter((d): d is Degradation => d !== undefined);
  }

  /** Whether the projection thread can write storeconfigs.db (PuppetDB's `write_db_up`). */
  get projectionWritable(): boolean {
    return this.projection.degradation === undefined;
  }

  /** Adds a front door's own figures to `/status` (the TLS door's handshake gate). */
  statusOf(name: string, figures: () => unknown): void {
    this.doorStatus.set(name, figures);
  }

  /** Pending work, for `/status` and the PuppetDB status endpoint. */
  async status() {
    const head = await this.log.head();
    return {
      head,
      admission: { open: this.admission.open, pending: this.admission.pending, highWater: this.admission.highWater, refused: this.admission.refused },
      compile: { active: this.compileLoad().active, queued: this.compileLoad().queued, concurrency: this.pool.concurrency, compiler: this.compiler.name, backend: this.compilerStats() },
      actors: this.router.stats,
      ...(this.shards ? { shardLeases: this.shards.status() } : {}),
      waiters: this.waiters.size,
      deployments: this.deploys.status(),
      rollouts: { open: this.rollouts.status().open },
      dependencies: this.dependencies.status(),
      runs: { open: this.runs.open },
      priorities: { rules: this.config.priorityClasses.map((r) => `${r.className}:${r.text}`), factSelected: this.priorities.remembered, criticalReserve: this.admission.criticalReserve },
      requestBodies: { inFlightBytes: this.bodies.budget.inFlightBytes, limitBytes: this.bodies.budget.limitBytes, refused: this.bodies.budget.refused },
      storeconfigs: { projectionFailures: await this.queries.projectionFailures() },
      ...(this.stomp ? { stomp: this.stompStatus(this.stomp) } : {}),
      ...(this.compileQueue ? { compileQueue: this.compileQueue.status() } : {}),
      fleet: { ...this.fleetLeader, ...(this.shards ? { leaderShard: LEADER_SHARD } : {}) },
      ...Object.fromEntries([...this.doorStatus].map(([name, figures]) => [name, figures()])),
      memory: memoryMb(),
      unexpectedErrors: SafetyNet.unexpectedErrors,
    };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.pacer);
      // The fleet services first, while this instance still holds its leases: their last checkpoints are saved under them.
      await (this.fleetRole ? this.fleetRole.close() : this.localFleet.close());
      await this.stomp?.close();
      // Before the router and the log: jobs taken here are compiled, logged and acknowledged first.
      await this.stopCompileJobs();
      await this.router.stop();
      await this.shards?.close();
      await this.log.close();
      await this.projection.stop();
      await this.pdbQuery.close();
      await this.readDb.close();
      await this.versions.close();
      this.checkpoints.close();
      await this.compiler.close?.();
      this.ca.close();
    })();
    return this.closing;
  }
}

function memoryMb(): Record<string, number> {
  const m = process.memoryUsage();
  return { rss: Math.round(m.rss / 1e6), heapUsed: Math.round(m.heapUsed / 1e6), heapTotal: Math.round(m.heapTotal / 1e6), external: Math.round(m.external / 1e6) };
}
