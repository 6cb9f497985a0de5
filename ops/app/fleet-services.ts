import type { PqlAst } from '../../core/pql/pql-ast.js';
import type { CatalogCompiler } from '../../core/compiler/catalog-compiler.js';
import { fingerprint } from '../../core/compiler/puppet/loader/environment-code.js';
import { TroupeError } from '../../core/errors/troupe-error.js';
import type { CheckpointStore } from '../../core/log/checkpoint-store.js';
import type { AdmissionController } from '../../actors/admission/admission-controller.js';
import { DependencyTracker } from '../../actors/dependency/dependency-tracker.js';
import { DeployFeeder } from '../../actors/deploy/deploy-feeder.js';
import type { CodeVersions } from '../../actors/rollout/code-versions.js';
import { RolloutFeeder } from '../../actors/rollout/rollout-feeder.js';
import { RunDispatcher } from '../../actors/run/run-dispatcher.js';
import { DEFAULT_STOMP_PUSH_OPTIONS } from '../../actors/transport/stomp/stomp-push.js';
import { runMessage } from '../../actors/transport/stomp/stomp-run-message.js';
import { startStompTransport, type StompTransport } from '../../actors/transport/stomp/stomp-transport.js';
import { selectedNodes } from '../../projections/query/selected-nodes.query.js';
import type { StoreconfigsQueries } from '../../projections/storeconfigs/storeconfigs.queries.js';
import type { TroupeConfig } from '../config/troupe.config.js';
import { log } from '../log/logger.js';
import { deployWindow } from './compiler.factory.js';
import type { QueryThread } from './query/query-thread.js';
import type { ServedLog } from './store-location.js';

export interface FleetServicesDeps {
  readonly config: TroupeConfig;
  readonly log: ServedLog;
  /** Where the services keep their positions: the instance's own file on SQLite, the shared, fenced ones on PostgreSQL. */
  readonly checkpoints: Pick<CheckpointStore, 'get' | 'set'>;
  readonly admission: AdmissionController;
  readonly queries: StoreconfigsQueries;
  readonly pdbQuery: QueryThread;
  readonly versions: CodeVersions;
  readonly compiler: Pick<CatalogCompiler, 'invalidate' | 'codeId'>;
  readonly environmentDir: (environment: string) => string;
  /** The storeconfigs projection's position (the dependency tracker waits for it). */
  readonly projected: () => number;
  readonly priorityOf: (certname: string) => number;
}

/**
 * The services of which the fleet needs exactly one, whatever the number
 * of instances: deployment and rollout recompiles, dependents'
 * recompiles, `troupe run`, and pushing changed catalogs over STOMP. On
 * SQLite the one instance runs them from its start; on PostgreSQL the
 * leader (`LeaderRole`) runs a fresh set per leadership, and the others
 * keep an idle set that is never started (for `/status`).
 */
export class FleetServices {
  /** `troupe deploy`: code deployed → the environment's nodes recompiled at a bounded pace. */
  readonly deploys: DeployFeeder;
  /** Staged rollouts: which code version each node is compiled with, and the waves' steps. */
  readonly rollouts: RolloutFeeder;
  /** A node's changed exports → the nodes that collect them recompiled (reason `dependency`). */
  readonly dependencies: DependencyTracker;
  /** `troupe run`: selected nodes' agents asked over STOMP to apply their catalog now, `batch` at once. */
  readonly runs: RunDispatcher;
  /** Changed catalogs out to each node's queue (and runs' "apply now"); started with the services when `stompUrl` is set. */
  private push: StompTransport | undefined;

  constructor(private readonly deps: FleetServicesDeps) {
    const { config, queries } = deps;
    const window = deployWindow(config);
    const select = (condition: PqlAst | null) => selectedNodes(deps.pdbQuery, condition);
    this.deploys = new DeployFeeder({
      log: deps.log,
      checkpoints: deps.checkpoints,
      admission: deps.admission,
      nodes: { count: (env, codeId) => queries.countNodesOfEnvironment(env, codeId), page: (env, codeId, after, limit) => queries.nodesOfEnvironment(env, codeId, after, limit) },
      select,
      logger: log,
    }, { window, adaptive: config.deployAdaptive ? {} : false });
    this.rollouts = new RolloutFeeder({
      log: deps.log,
      admission: deps.admission,
      environmentNodes: (environment, limit) => queries.nodesOfEnvironment(environment, null, null, limit),
      select,
      versions: deps.versions,
      environmentCode: {
        dirOf: (environment) => deps.environmentDir(environment),
        codeIdOnDisk: (environment) => { deps.compiler.invalidate(environment); return deps.compiler.codeId(environment); },
        codeIdOf: (dir) => fingerprint(dir),
      },
      invalidate: (environment) => deps.compiler.invalidate(environment),
      logger: log,
    }, { window });
    this.dependencies = new DependencyTracker({
      log: deps.log, checkpoints: deps.checkpoints, admission: deps.admission, projected: deps.projected, logger: log,
    });
    this.runs = new RunDispatcher({
      log: deps.log,
      ask: async (certname, runId, ttlMs) => {
        if (!this.push) throw new TroupeError('not_found', 'runs go to agents over STOMP; stompUrl is not set');
        await this.push.publish(runMessage(certname, runId, ttlMs, DEFAULT_STOMP_PUSH_OPTIONS.destinationPrefix, Date.now()));
      },
      logger: log,
    });
  }

  /** Starts every service, each resuming from its checkpoint or the log. */
  async start(): Promise<void> {
    await this.rollouts.start();
    await this.deploys.start();
    await this.dependencies.start();
    // The broker first: a run resumed on start asks its nodes over it.
    if (this.deps.config.stompUrl) this.push = this.startPush();
    await this.runs.start();
  }

  /** The pusher's figures for `/status`, when it runs here. */
  pushStatus(): ReturnType<StompTransport['status']> | undefined {
    return this.push?.status();
  }

  /** Stops every service; each finishes the batch it is in (its last checkpoint covers it). */
  async close(): Promise<void> {
    await this.runs.close();
    await this.push?.close();
    await this.deploys.close();
    await this.rollouts.close();
    await this.dependencies.close();
  }

  private startPush(): StompTransport {
    return startStompTransport({
      brokerUrl: this.deps.config.stompUrl,
      log: this.deps.log,
      ingest: false,
      push: { checkpoints: this.deps.checkpoints, priorityOf: this.deps.priorityOf },
      onEvent: (e) => {
        if (e.type !== 'connected') log.warn({ stomp: e }, `stomp push: ${e.type}`);
      },
    });
  }
}
