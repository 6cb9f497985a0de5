import type { CatalogMetadata, PuppetCatalog, StoreCatalog } from '../catalog/puppet-catalog.types.js';
import type { CollectorQuery } from '../dependency/collector-query.js';
import type { PqlAst } from '../pql/pql-ast.js';
import type { RolloutPlan } from '../rollout/rollout-plan.js';

/** Every event type, one `as const` list for both the type and runtime checks. */
export const EVENT_TYPES = [
  'facts_submitted',
  'catalog_requested',
  'catalog_compiled',
  'compile_failed',
  'compile_aborted',
  'compile_drift',
  'catalog_submitted',
  'report_submitted',
  'catalog_inputs_submitted',
  'node_deactivated',
  'code_deployed',
  'deployment_planned',
  'deployment_finished',
  'command_rejected',
  'run_requested',
  'run_node_finished',
  'run_finished',
  'rollout_started',
  'rollout_wave_started',
  'rollout_paused',
  'rollout_resumed',
  'rollout_promoted',
  'rollout_aborted',
  'rollout_finished',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Why a compile was asked for; shown in `troupe events`. */
export const COMPILE_REASONS = ['agent', 'operator', 'facts_changed', 'code_deployed', 'dependency', 'replay'] as const;
export type CompileReason = (typeof COMPILE_REASONS)[number];

/** Where an event entered Troupe. */
export const EVENT_SOURCES = ['http', 'stomp', 'cli', 'actor', 'test'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export interface EventMeta {
  readonly source: EventSource;
  /** The event (or message) that caused this one, for timelines. */
  readonly causationId?: string;
}

interface EventOf<T extends EventType, D> {
  readonly type: T;
  /** Globally unique; a second append with the same id is a duplicate delivery. */
  readonly id: string;
  /** The node this event is about; `$code` for fleet-wide code events. */
  readonly stream: string;
  /** ISO-8601 time the producer says it happened. */
  readonly time: string;
  readonly data: D;
  readonly meta: EventMeta;
}

export interface FactsData {
  readonly environment: string;
  readonly producerTimestamp: string;
  readonly producer: string | null;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * The priority of the recompiles a deployment asks for: below every
 * request's own (0–9), so agents' check-ins always go first in the compile
 * pool. Only Troupe appends it; submitted requests stay within 0–9.
 */
export const DEPLOY_PRIORITY = -1;

/**
 * The priority of a dependency recompile (a node whose collected exports
 * changed): above a deployment's, below every request's own (0–9).
 */
export const DEPENDENCY_PRIORITY = -0.5;

export interface CatalogRequestData {
  readonly environment: string;
  readonly reason: CompileReason;
  /** 0 (lowest) … 9 (critical nodes first); {@link DEPLOY_PRIORITY} for a deployment's recompiles. */
  readonly priority: number;
  readonly transactionUuid: string | null;
  /**
   * `$trusted` of this request (from the client certificate, or given by
   * an admin's v4 request); absent when there was none. Per request, never
   * accepted from outsiders' events.
   */
  readonly trusted?: Readonly<Record<string, unknown>>;
  /** For reason `dependency`: the exporter whose changed exports this node collects. Troupe's own; never accepted from outsiders. */
  readonly from?: string;
}

export interface CompileErrorInfo {
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

export interface CatalogCompiledData {
  /** Every catalog_requested event id this compile answers (conflated). */
  readonly requestIds: readonly string[];
  readonly hash: string;
  /** The node's previous catalog hash; a push happens only when it differs. */
  readonly previousHash: string | null;
  /** The backend that compiled (`builtin`, `puppet`, `static`). */
  readonly compiler: string;
  /** Why `--compiler auto` chose that backend for the environment; absent when the backend was configured. */
  readonly compilerReason?: string;
  readonly durationMs: number;
  readonly catalog: PuppetCatalog;
  /** The `<<| |>>` collector queries the compile ran (at most 32, widened past it); absent in logs written before they were recorded. */
  readonly collectors?: readonly CollectorQuery[];
  /** Digest of the catalog's exported resources (`exportsOf`): a change of it is what dependency recompiles follow. */
  readonly exportsDigest?: string;
}

export interface CompileFailedData {
  readonly requestIds: readonly string[];
  readonly environment: string;
  /** The backend that failed the compile (or would have compiled it, when it cannot run). */
  readonly compiler: string;
  /** Why `--compiler auto` chose that backend; absent when the backend was configured. */
  readonly compilerReason?: string;
  readonly durationMs: number;
  readonly error: CompileErrorInfo;
}

/** Why a compile attempt ended without an outcome. */
export const ABORT_REASONS = ['worker_died', 'worker_unresponsive', 'interrupted'] as const;
export type AbortReason = (typeof ABORT_REASONS)[number];

/**
 * A compile attempt that produced no outcome: its worker died or hung, or
 * the server stopped mid-work. The requests stay unanswered and are tried
 * again, up to a limit; then they fail with `compile_aborted`.
 */
export interface CompileAbortedData {
  readonly requestIds: readonly string[];
  readonly environment: string;
  readonly reason: AbortReason;
  /** For the operator: which worker, which signal. */
  readonly detail: string;
}

/**
 * The shadow check (`--verify-sample`) compiled a node the built-in had
 * compiled again with real Puppet, and the two differ (as the differential
 * corpus compares them), or Puppet failed where the built-in did not.
 */
export interface CompileDriftData {
  readonly environment: string;
  /** The code version both compiled. */
  readonly codeId: string;
  /** The built-in catalog that was served, as in its `catalog_compiled` event. */
  readonly catalogUuid: string;
  /** The first differences, one line each (cut at a few hundred characters). */
  readonly differences: readonly string[];
  /** How many differences there were in all (resources, parameters, edges, classes, tags). */
  readonly differenceCount: number;
  /** Puppet's error, when Puppet failed the compile the built-in made. */
  readonly referenceError?: CompileErrorInfo;
}

/**
 * A submitted catalog, in full or — when its resources and edges equal the
 * node's previous submitted catalog's — by reference to the event that holds
 * them (`bodyOf`), so an unchanged catalog costs the log its metadata only.
 * `hash` is `catalogHash` of the catalog; absent only in logs written before
 * it was recorded.
 */
export type CatalogSubmittedData =
  | { readonly catalog: StoreCatalog; readonly hash?: string; readonly bodyOf?: undefined }
  | { readonly catalog: CatalogMetadata; readonly hash: string; readonly bodyOf: string };

export interface ReportData {
  readonly environment: string;
  readonly producerTimestamp: string;
  readonly status: string;
  readonly noop: boolean;
  readonly configurationVersion: string;
  readonly transactionUuid: string | null;
  readonly catalogUuid: string | null;
  readonly startTime: string;
  readonly endTime: string;
  readonly puppetVersion: string;
  /** The rest of the store report v8 payload (resources, metrics, logs). */
  readonly body: Readonly<Record<string, unknown>>;
}

/** PuppetDB's `replace_catalog_inputs` v1: what a catalog's compile read (Hiera keys, …). */
export interface CatalogInputsData {
  readonly producerTimestamp: string;
  readonly catalogUuid: string | null;
  /** `[type, name]` pairs (`["hiera", "ntp::servers"]`). */
  readonly inputs: readonly (readonly [string, string])[];
}

export interface DeactivationData {
  readonly producerTimestamp: string;
}

export interface CodeDeployedData {
  readonly environment: string;
  readonly codeId: string;
  /**
   * Recompile and push only the nodes this selector condition picks
   * (core/selector: the query engine's AST on `inventory`); the others get
   * the new code at their next check-in. @defaultValue absent: every node of the environment
   */
  readonly select?: PqlAst;
}

/**
 * What a deployment will recompile, recorded once Troupe has worked it out
 * (stream `$code`, caused by the `code_deployed` event whose id is the
 * deployment's id).
 */
export interface DeploymentPlannedData {
  readonly deploymentId: string;
  readonly environment: string;
  readonly codeId: string;
  /** The environment's code before this deployment; null when none was recorded. */
  readonly previousCodeId: string | null;
  /** Nodes whose catalogs the change can affect, each recompiled once. */
  readonly nodes: number;
  /** Why these nodes: every active node of the environment, those a selector picked, or none because the code did not change. */
  readonly scope: DeploymentScope;
}

export const DEPLOYMENT_SCOPES = ['environment', 'selected', 'unchanged_code'] as const;
export type DeploymentScope = (typeof DEPLOYMENT_SCOPES)[number];

/** How a deployment ended: every node answered, or a newer deployment of its environment took over. */
export const DEPLOYMENT_OUTCOMES = ['completed', 'superseded'] as const;
export type DeploymentOutcome = (typeof DEPLOYMENT_OUTCOMES)[number];

/** A deployment's last step: how many recompiles it asked for and what became of them. */
export interface DeploymentFinishedData {
  readonly deploymentId: string;
  readonly environment: string;
  readonly codeId: string;
  readonly outcome: DeploymentOutcome;
  /** Compile requests the deployment appended (reason `code_deployed`). */
  readonly requested: number;
  /** Compiled to a catalog with a new hash: pushed over STOMP. */
  readonly changed: number;
  /** Compiled to the same hash: nothing pushed. */
  readonly unchanged: number;
  readonly failed: number;
  readonly durationMs: number;
}

export interface CommandRejectedData {
  readonly reason: string;
  readonly command: string | null;
  /** The first bytes of the offending payload, for the operator. */
  readonly excerpt: string;
}

/**
 * An operator asked the selected nodes' agents to apply their current
 * catalog now (`troupe run`, stream `$runs`; the event's id is the run's id).
 */
export interface RunRequestedData {
  readonly runId: string;
  /** The nodes the selector picked when the run was asked for, sorted. */
  readonly certnames: readonly string[];
  /** Nodes asked at once: the next is asked when one reports back or times out. */
  readonly batch: number;
  /** A node that has not reported within this is counted `timed_out`. */
  readonly timeoutMs: number;
  /** The selector condition (core/selector); null: every node. */
  readonly select: PqlAst | null;
  /** The operator's certname; null on the plain listener. */
  readonly requestedBy: string | null;
}

/** What one node's run came to: its report's status, or no report in time. */
export const RUN_OUTCOMES = ['changed', 'unchanged', 'failed', 'timed_out'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

export interface RunNodeFinishedData {
  readonly runId: string;
  readonly certname: string;
  readonly outcome: RunOutcome;
  /** The report that answered (its event id); null when timed out. */
  readonly reportEventId: string | null;
  readonly durationMs: number;
}

/** A run's end: every node answered or timed out. */
export interface RunFinishedData {
  readonly runId: string;
  readonly nodes: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly failed: number;
  readonly timedOut: number;
  readonly durationMs: number;
}

/**
 * A staged deployment (stream `$rollouts`; the event's id is the rollout's
 * id): the new code goes to the environment's nodes wave by wave, the
 * others keep being compiled with `previousCodeId` until their wave.
 */
export interface RolloutStartedData {
  readonly rolloutId: string;
  readonly environment: string;
  readonly codeId: string;
  readonly previousCodeId: string;
  readonly plan: RolloutPlan;
  /** Active nodes of the environment when it started: what a wave's percentage is of. */
  readonly nodes: number;
  /** The operator's certname; null on the plain listener. */
  readonly requestedBy: string | null;
}

/** The nodes one wave moves to the new code, sorted: only these, recorded so replay needs no storeconfigs. */
export interface RolloutWaveStartedData {
  readonly rolloutId: string;
  /** 0-based index into the plan's waves. */
  readonly wave: number;
  readonly certnames: readonly string[];
}

/** Why a rollout stopped moving nodes: its health gate failed, or an operator said so. */
export const ROLLOUT_PAUSE_REASONS = ['gate', 'operator'] as const;
export type RolloutPauseReason = (typeof ROLLOUT_PAUSE_REASONS)[number];

export interface RolloutPausedData {
  readonly rolloutId: string;
  readonly reason: RolloutPauseReason;
  /** For the operator: the gate's figures, or who paused it. */
  readonly detail: string;
}

/** An operator's step on a rollout (resume, promote: start the next wave now, abort: roll every moved node back). */
export interface RolloutOperatorData {
  readonly rolloutId: string;
  /** The operator's certname; null on the plain listener. */
  readonly by: string | null;
}

/** How a rollout ended: every wave moved, or aborted and every moved node recompiled with the previous code. */
export const ROLLOUT_OUTCOMES = ['completed', 'aborted'] as const;
export type RolloutOutcome = (typeof ROLLOUT_OUTCOMES)[number];

export interface RolloutFinishedData {
  readonly rolloutId: string;
  readonly environment: string;
  readonly outcome: RolloutOutcome;
  /** The code the environment's nodes are on from now: the new one, or the previous after an abort. */
  readonly codeId: string;
}

export type FactsSubmitted = EventOf<'facts_submitted', FactsData>;
export type CatalogRequested = EventOf<'catalog_requested', CatalogRequestData>;
export type CatalogCompiled = EventOf<'catalog_compiled', CatalogCompiledData>;
export type CompileFailed = EventOf<'compile_failed', CompileFailedData>;
export type CompileAborted = EventOf<'compile_aborted', CompileAbortedData>;
export type CompileDrift = EventOf<'compile_drift', CompileDriftData>;
export type CatalogSubmitted = EventOf<'catalog_submitted', CatalogSubmittedData>;
export type ReportSubmitted = EventOf<'report_submitted', ReportData>;
export type CatalogInputsSubmitted = EventOf<'catalog_inputs_submitted', CatalogInputsData>;
export type NodeDeactivated = EventOf<'node_deactivated', DeactivationData>;
export type CodeDeployed = EventOf<'code_deployed', CodeDeployedData>;
export type DeploymentPlanned = EventOf<'deployment_planned', DeploymentPlannedData>;
export type DeploymentFinished = EventOf<'deployment_finished', DeploymentFinishedData>;
export type CommandRejected = EventOf<'command_rejected', CommandRejectedData>;
export type RunRequested = EventOf<'run_requested', RunRequestedData>;
export type RunNodeFinished = EventOf<'run_node_finished', RunNodeFinishedData>;
export type RunFinished = EventOf<'run_finished', RunFinishedData>;
export type RolloutStarted = EventOf<'rollout_started', RolloutStartedData>;
export type RolloutWaveStarted = EventOf<'rollout_wave_started', RolloutWaveStartedData>;
export type RolloutPaused = EventOf<'rollout_paused', RolloutPausedData>;
export type RolloutResumed = EventOf<'rollout_resumed', RolloutOperatorData>;
export type RolloutPromoted = EventOf<'rollout_promoted', RolloutOperatorData>;
export type RolloutAborted = EventOf<'rollout_aborted', RolloutOperatorData>;
export type RolloutFinished = EventOf<'rollout_finished', RolloutFinishedData>;
/** Every step of a staged rollout. */
export type RolloutEvent = RolloutStarted | RolloutWaveStarted | RolloutPaused | RolloutResumed | RolloutPromoted | RolloutAborted | RolloutFinished;

export type TroupeEvent =
  | FactsSubmitted
  | CatalogRequested
  | CatalogCompiled
  | CompileFailed
  | CompileAborted
  | CompileDrift
  | CatalogSubmitted
  | ReportSubmitted
  | CatalogInputsSubmitted
  | NodeDeactivated
  | CodeDeployed
  | DeploymentPlanned
  | DeploymentFinished
  | CommandRejected
  | RunRequested
  | RunNodeFinished
  | RunFinished
  | RolloutEvent;

export type EventOfType<T extends EventType> = Extract<TroupeEvent, { type: T }>;

/** An event as stored: its global position and its version in its stream. */
export type RecordedEvent<E extends TroupeEvent = TroupeEvent> = E & {
  readonly position: number;
  readonly version: number;
};

/** The stream of fleet-wide code events; certnames never start with `$`. */
export const CODE_STREAM = '$code';
/** The stream of operator runs (`troupe run`): requests, each node's outcome, the end. */
export const RUNS_STREAM = '$runs';
/** The stream of staged rollouts' steps (`troupe rollout`). */
export const ROLLOUTS_STREAM = '$rollouts';
/** Stream of rejected commands that name no valid certname. */
export const REJECTED_STREAM = '$rejected';
