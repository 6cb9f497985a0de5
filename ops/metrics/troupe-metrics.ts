import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RecompileOutcome } from '../../actors/deploy/deployment-progress.js';
import { ROLLOUT_PHASES, type RolloutPhase } from '../../core/rollout/rollout-state.js';
import type { GroupCommit } from '../../core/log/sqlite/event-log.sqlite.js';
import type { HandshakeGateStats } from '../http/tls/handshake-gate.js';
import { HttpMetrics } from './http-metrics.js';

/** What the scrape-time gauges read: figures the app already keeps, read without I/O. */
export interface MetricsSource {
  admission(): { readonly open: boolean; readonly pending: number; readonly highWater: number; readonly refused: number };
  compileLoad(): { readonly active: number; readonly queued: number };
  /** Events logged but not yet in storeconfigs. */
  projectionLag(): number;
  logHead(): number;
  actors(): { readonly actors: number; readonly busyActors: number; readonly inflight: number; readonly quarantined: number };
  waiters(): number;
  unexpectedErrors(): number;
  /** The deploy feeder: open deployments, recompiles in flight, and every recompile's outcome so far. */
  deploys(): { readonly open: number; readonly inFlight: number; readonly window: number; readonly outcomes: Readonly<Record<RecompileOutcome, number>> };
  /** Open staged rollouts by phase, and their recompiles waiting for an outcome. */
  rollouts(): { readonly phases: Readonly<Record<RolloutPhase, number>>; readonly inFlight: number };
  /** The dependency tracker: nodes due for a recompile, and recompiles appended so far. */
  dependencies(): { readonly due: number; readonly requested: number };
  /** The broker's compile queue, when this instance uses it (`compileQueue`). */
  compileQueue(): { readonly published: number; readonly local: number; readonly timedOut: number; readonly outstanding: number;
    readonly consumed: number; readonly redelivered: number; readonly duplicates: number; readonly deadLettered: number; readonly retried: number; readonly expired: number; readonly compiling: number } | undefined;
}

/** A compile's end as the primary routes it: `backend` is the compiler's name (`troupe`: failed by Troupe without compiling). */
export type CompileOutcome = 'compiled' | 'failed' | 'aborted';

const COMPILE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 60];
const COMMIT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * Troupe's Prometheus metrics (prom-client). Counters and histograms are
 * updated where things happen (requests, commits, compile outcomes);
 * gauges read the app's own figures at scrape time, so an idle server
 * does no metrics work. One registry per app (tests open many); Node's
 * process metrics (memory, CPU, event loop, GC) are registered once per
 * process and scraped with it.
 */
export class TroupeMetrics {
  readonly registry = new Registry();
  readonly http: HttpMetrics;
  private readonly compileDuration: Histogram<'backend' | 'outcome'>;
  private readonly compileOutcomes: Counter<'backend' | 'outcome'>;
  private readonly commitDuration: Histogram;
  private readonly committedEvents: Counter;
  private handshakes: (() => HandshakeGateStats) | undefined;

  constructor(source: MetricsSource) {
    const registers = [this.registry];
    this.http = new HttpMetrics(this.registry);
    this.compileDuration = new Histogram({
      name: 'troupe_compile_duration_seconds', help: 'Catalog compiles, by compiler backend and outcome (compiled or failed)',
      labelNames: ['backend', 'outcome'], buckets: COMPILE_BUCKETS, registers,
    });
    this.compileOutcomes = new Counter({
      name: 'troupe_compile_outcomes_total', help: 'Compile outcomes: compiled, failed, or aborted (the worker died or hung)',
      labelNames: ['backend', 'outcome'], registers,
    });
    this.commitDuration = new Histogram({ name: 'troupe_log_commit_duration_seconds', help: 'Event log group commits, fsync included', buckets: COMMIT_BUCKETS, registers });
    this.committedEvents = new Counter({ name: 'troupe_log_committed_events_total', help: 'Events written by group commits', registers });
    gauges(registers, source);
    counterOf(registers, 'troupe_admission_refused_total', 'Compile requests refused by admission control (503 + Retry-After)', () => source.admission().refused);
    deployMetrics(registers, source);
    rolloutMetrics(registers, source);
    dependencyMetrics(registers, source);
    compileQueueMetrics(registers, source);
    counterOf(registers, 'troupe_unexpected_errors_total', 'Exceptions no code path caught (each one is a bug)', () => source.unexpectedErrors());
    this.handshakeMetrics(registers);
    processRegistry();
  }

  /** A group commit of the event log. */
  committed(commit: GroupCommit): void {
    this.commitDuration.observe(commit.durationMs / 1000);
    this.committedEvents.inc(commit.events);
  }

  /** A compile outcome; `durationMs` undefined when nothing was compiled (aborted, or failed by Troupe itself). */
  compiled(backend: string, outcome: CompileOutcome, durationMs: number | undefined): void {
    this.compileOutcomes.inc({ backend, outcome });
    if (durationMs !== undefined) this.compileDuration.observe({ backend, outcome }, durationMs / 1000);
  }

  /** The HTTPS door's handshake gate, once the door is open. */
  watchHandshakes(stats: () => HandshakeGateStats): void {
    this.handshakes = stats;
  }

  /** The text exposition of this app's and the process's metrics. */
  async scrape(): Promise<string> {
    const [own, proc] = await Promise.all([this.registry.metrics(), processRegistry().metrics()]);
    return `${own}\n${proc}`;
  }

  readonly contentType = this.registry.contentType;

  private handshakeMetrics(registers: Registry[]): void {
    const gate = (): HandshakeGateStats | undefined => this.handshakes?.();
    gauge(registers, 'troupe_tls_handshaking', 'TLS handshakes in progress at the HTTPS door', () => gate()?.handshaking ?? 0);
    gauge(registers, 'troupe_tls_held', 'HTTPS connections held before their handshake while admission is shut', () => gate()?.held ?? 0);
    void new Counter({
      name: 'troupe_tls_connections_total', labelNames: ['outcome'], registers,
      help: 'HTTPS connections leaving the handshake gate: served, refused_after_hold (503), shed (closed, hold full), abandoned (client gave up)',
      collect() {
        const s = gate();
        this.reset();
        if (!s) return;
        this.inc({ outcome: 'served' }, s.served);
        this.inc({ outcome: 'refused_after_hold' }, s.refusedAfterHold);
        this.inc({ outcome: 'shed' }, s.shed);
        this.inc({ outcome: 'abandoned' }, s.abandoned);
      },
    });
  }
}

function gauges(registers: Registry[], source: MetricsSource): void {
  gauge(registers, 'troupe_admission_open', '1 while admission control admits compile requests, 0 while it refuses them', () => (source.admission().open ? 1 : 0));
  gauge(registers, 'troupe_admission_pending', 'Compile requests admitted and not yet answered', () => source.admission().pending);
  gauge(registers, 'troupe_admission_high_water', 'Pending compile requests at which admission shuts', () => source.admission().highWater);
  gauge(registers, 'troupe_compile_active', 'Compiles running (all workers)', () => source.compileLoad().active);
  gauge(registers, 'troupe_compile_queued', 'Compiles waiting for a compile pool slot (all workers)', () => source.compileLoad().queued);
  gauge(registers, 'troupe_projection_lag_events', 'Events in the log not yet projected into storeconfigs (PuppetDB queue depth)', () => source.projectionLag());
  gauge(registers, 'troupe_log_head_position', 'Position of the newest event in the log', () => source.logHead());
  gauge(registers, 'troupe_actors_live', 'Node actors in memory', () => source.actors().actors);
  gauge(registers, 'troupe_actors_busy', 'Node actors compiling or with work in their mailbox', () => source.actors().busyActors);
  gauge(registers, 'troupe_compile_requests_inflight', 'Compile requests routed and not yet answered', () => source.actors().inflight);
  gauge(registers, 'troupe_nodes_quarantined', 'Nodes whose compiles killed or hung their worker, failed at once until facts or code change', () => source.actors().quarantined);
  gauge(registers, 'troupe_catalog_waiters', 'HTTP requests waiting for their compile', () => source.waiters());
}

function deployMetrics(registers: Registry[], source: MetricsSource): void {
  gauge(registers, 'troupe_deployments_open', 'Code deployments whose recompiles are not all answered', () => source.deploys().open);
  gauge(registers, 'troupe_deploy_recompiles_inflight', "Deployments' recompiles waiting for an outcome (at most deployWindow)", () => source.deploys().inFlight);
  gauge(registers, 'troupe_deploy_window', "Deployments' recompiles allowed in flight now: deployWindow, or less while agents' check-ins are slowed (deployAdaptive)", () => source.deploys().window);
  void new Counter({
    name: 'troupe_deploy_recompiles_total', labelNames: ['outcome'], registers,
    help: "Deployments' recompiles answered: changed (pushed), unchanged (same hash, nothing pushed), failed",
    collect() {
      const o = source.deploys().outcomes;
      this.reset();
      for (const outcome of ['changed', 'unchanged', 'failed'] as const) this.inc({ outcome }, o[outcome]);
    },
  });
}

function rolloutMetrics(registers: Registry[], source: MetricsSource): void {
  void new Gauge({
    name: 'troupe_rollouts_open', labelNames: ['phase'], registers,
    help: 'Open staged rollouts by phase: running, paused (by the health gate or an operator), aborting',
    collect() {
      const phases = source.rollouts().phases;
      for (const phase of ROLLOUT_PHASES) this.set({ phase }, phases[phase]);
    },
  });
  gauge(registers, 'troupe_rollout_recompiles_inflight', "Rollouts' recompiles waiting for an outcome (at most deployWindow)", () => source.rollouts().inFlight);
}

function dependencyMetrics(registers: Registry[], source: MetricsSource): void {
  gauge(registers, 'troupe_dependency_recompiles_due', 'Collectors of changed exports waiting for their recompile (for admission room or the projection)', () => source.dependencies().due);
  void new Counter({
    name: 'troupe_dependency_recompiles_total', registers,
    help: 'Dependency recompiles appended (reason dependency): collectors of a node whose exports changed',
    collect() {
      this.reset();
      this.inc(source.dependencies().requested);
    },
  });
}

function compileQueueMetrics(registers: Registry[], source: MetricsSource): void {
  const q = () => source.compileQueue();
  counterOf(registers, 'troupe_compile_jobs_published_total', "Compile jobs this instance's node actors published to the broker's compile queue", () => q()?.published ?? 0);
  counterOf(registers, 'troupe_compile_jobs_local_total', 'Compiles the node actors ran locally with the compile queue on (broker not connected, or too many jobs outstanding)', () => q()?.local ?? 0);
  counterOf(registers, 'troupe_compile_jobs_timed_out_total', 'Published compile jobs no instance answered in time (recorded as compile_timeout)', () => q()?.timedOut ?? 0);
  counterOf(registers, 'troupe_compile_jobs_consumed_total', 'Compile jobs this instance took from the compile queue', () => q()?.consumed ?? 0);
  counterOf(registers, 'troupe_compile_jobs_redelivered_total', 'Of the jobs taken, those the broker delivered again (an instance died or disconnected before its ack)', () => q()?.redelivered ?? 0);
  counterOf(registers, 'troupe_compile_jobs_duplicates_total', "Jobs whose outcome was already logged under the job's id", () => q()?.duplicates ?? 0);
  counterOf(registers, 'troupe_compile_jobs_dead_lettered_total', 'Compile jobs that could not be read, sent to the dead-letter queue', () => q()?.deadLettered ?? 0);
  counterOf(registers, 'troupe_compile_jobs_retried_total', "Job compiles or appends that failed and were tried again, unacknowledged (the log unreadable, a cluster's actor worker died)", () => q()?.retried ?? 0);
  counterOf(registers, 'troupe_compile_jobs_expired_total', 'Failed compile jobs acknowledged without an outcome once past their expiry (their publisher records the timeout)', () => q()?.expired ?? 0);
  gauge(registers, 'troupe_compile_jobs_outstanding', "Jobs this instance's node actors published and wait for", () => q()?.outstanding ?? 0);
  gauge(registers, 'troupe_compile_jobs_compiling', 'Jobs this instance took and has not yet acknowledged', () => q()?.compiling ?? 0);
}

function gauge(registers: Registry[], name: string, help: string, read: () => number): void {
  void new Gauge({ name, help, registers, collect() { this.set(read()); } });
}

/** A counter whose value is kept elsewhere (a monotonic count), read at scrape time. */
function counterOf(registers: Registry[], name: string, help: string, read: () => number): void {
  void new Counter({
    name, help, registers,
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

let processMetrics: Registry | undefined;

/** Node's default metrics, once per process (they install process-wide observers). */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}
