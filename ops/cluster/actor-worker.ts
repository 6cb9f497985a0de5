import type { CatalogCompiler } from '../../core/compiler/catalog-compiler.js';
import { ERROR_CODES, TroupeError, type ErrorCode } from '../../core/errors/troupe-error.js';
import type { AppendOutcome, AppendRequest } from '../../core/log/event-log.js';
import { CompilePool } from '../../actors/compile/compile-pool.js';
import { createCompileOutcome, createCompileStep, type CompileSubject } from '../../actors/compile/compile-step.js';
import type { CompileOutput } from '../../actors/node/node.machine.js';
import { offeredOrLocal, type Offer } from '../../actors/transport/stomp/compile/compile-job-publisher.js';
import { autoLaneRouting } from '../../actors/compile/auto-lane-routing.js';
import type { LaneRouting } from '../../actors/compile/background-lane.js';
import { isAutoCompiler } from '../../core/compiler/auto/auto.compiler.js';
import { createDriftRecorder } from '../../actors/compile/drift-recorder.js';
import { RolloutAssignments } from '../../actors/rollout/rollout-assignments.js';
import { exportedResourceLookup } from '../../projections/exported-resources.query.js';
import { createPdbQueryEngine } from '../../projections/query/pdb-query.engine.js';
import { backgroundCompileThreads, compileSlots, createCompiler } from '../app/compiler.factory.js';
import { BackgroundCompileThread } from '../app/compile/background-compile-thread.js';
import { createNodeDispatch } from '../app/node-dispatch.factory.js';
import { openServedLog, openStoreconfigsReader, storeLocation } from '../app/store-location.js';
import { openCodeVersions } from '../app/code-versions.factory.js';
import { usesCompileQueue, type TroupeConfig } from '../config/troupe.config.js';
import { isToWorker, type FromWorker, type ToWorker } from './cluster.messages.js';
import { toWire } from './wire-event.js';
import { IpcCalls } from './ipc-calls.js';

/** A send that fails has lost the primary: the worker exits on 'disconnect'. */
const send = (m: FromWorker): void => {
  if (process.connected) process.send!(m, undefined, {}, () => undefined);
};

/**
 * An actor worker: the node actors of one shard and their compiles. It reads
 * the log and storeconfigs directly (WAL readers of the files, or its own
 * connections to PostgreSQL) and sends compile
 * outcomes to the primary, the log's single writer. Signals are the
 * primary's business: a worker drains when the primary says so, and exits
 * if the primary goes away.
 */
export async function runActorWorker(config: TroupeConfig): Promise<void> {
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  process.on('disconnect', () => process.exit(0));
  const assigned = nextMessage('assign');
  send({ type: 'hello' });
  const assign = await assigned;
  if (assign.startDelayMs > 0) await new Promise((r) => setTimeout(r, assign.startDelayMs));

  const store = storeLocation(config);
  const log = await openServedLog(store, { pollIntervalMs: 1000 });
  const storeconfigs = await openStoreconfigsReader(store);
  const appends = new IpcAppender();
  const configured = createCompiler(config, { recordDrift: createDriftRecorder(appends) });
  const compiler = reportingCompiles(configured);
  const pool = new CompilePool({ concurrency: compileSlots(config) });
  // Each worker folds the rollouts' steps from the log itself: a compile uses the node's code version as of its request.
  const versions = await openCodeVersions(store, config.dataDir);
  const assignments = new RolloutAssignments({ log, versions: versions.versions });
  const compileDeps = {
    compiler, pool, exported: exportedResourceLookup(createPdbQueryEngine(storeconfigs.source)),
    codeDirOf: (environment: string, certname: string, position: number) => assignments.codeDirOf(environment, certname, position),
  };
  const background = backgroundLane(config, compileDeps, isAutoCompiler(configured) ? autoLaneRouting(configured, compileDeps.exported) : undefined);
  background?.prestart();
  const local = createCompileStep({ ...compileDeps, log: appends, ...(background ? { background } : {}) });
  // With the broker's compile queue, the primary (its connection's holder) publishes the actors' compiles, and hands jobs to workers.
  const offers = new IpcCalls<CompileOutput | undefined>();
  const offer: Offer = (input) => offers.call((callId) => send({ type: 'offer', callId, state: subjectOf(input.state), work: input.work }));
  const compile = usesCompileQueue(config) ? offeredOrLocal(offer, local) : local;
  const compileJob = createCompileOutcome(compileDeps);
  const dispatch = createNodeDispatch(config, {
    log, compile,
    invalidate: (environment) => {
      compiler.invalidate(environment);
      background?.invalidate(environment);
    },
  });
  let draining = false;
  process.on('message', (m: unknown) => {
    if (!isToWorker(m)) return;
    if (m.type === 'deliver' && !draining) void dispatch.deliver(m.certname, m.message, true);
    if (m.type === 'appended' || m.type === 'append_failed') appends.settle(m);
    if (m.type === 'offered') offers.resolve(m.callId, m.output);
    // Even while draining: the primary stops handing out jobs before it drains its workers.
    if (m.type === 'compile_job') void compileJob({ state: m.state, work: m.work }, m.id).then(
      ({ event, hash }) => send({ type: 'job_compiled', callId: m.callId, outcome: toWire(event), hash }),
      (e: unknown) => send({ type: 'job_failed', callId: m.callId, message: String((e as Error)?.message ?? e) }),
    );
    if (m.type === 'invalidate') dispatch.codeDeployed(m.environment);
    if (m.type === 'release') dispatch.release(m.lost);
    if (m.type === 'drain') {
      draining = true;
      void drain().then(() => process.exit(0));
    }
  });
  const stats = setInterval(() => send({
    type: 'stats', ...dispatch.stats(), activeCompiles: pool.active + (background?.load.active ?? 0), queuedCompiles: pool.queued + (background?.load.queued ?? 0), compiler: compiler.stats?.(),
  }), 1000);
  stats.unref();
  send({ type: 'ready', slot: assign.slot });

  async function drain(): Promise<void> {
    const busy = (): boolean => pool.active > 0 || pool.queued > 0 || (background?.load.active ?? 0) > 0 || (background?.load.queued ?? 0) > 0
      || appends.pending > 0 || offers.pending > 0;
    while (busy()) await new Promise((r) => setTimeout(r, 20));
    await dispatch.close();
    await background?.close();
    await compiler.close?.();
    await log.close();
    await storeconfigs.close();
    await versions.close();
  }
}

/**
 * The worker's lane for background compiles: a niced thread with the
 * builtin compiler (`backgroundCompileNice`, default 19), whose failures
 * fall back to the worker's own pool; with `auto`, `routing` gives it only
 * what auto compiles with the built-in. None for the other compilers
 * (Puppet's compiles run in Ruby processes) or with `backgroundCompileNice` 0.
 */
function backgroundLane(config: TroupeConfig, deps: Parameters<typeof createCompileOutcome>[0], routing: LaneRouting | undefined): BackgroundCompileThread | undefined {
  if (!backgroundCompileThreads(config)) return undefined;
  const fallback = createCompileOutcome(deps);
  return new BackgroundCompileThread({
    config, nice: config.backgroundCompileNice, codeDirOf: deps.codeDirOf, ...(routing ? { routing } : {}), fallback: (input, id) => fallback(input, id),
  });
}

/**
 * Tells the primary which node is being compiled from the moment a pool
 * slot runs it until it ends, so a worker that dies or hangs mid-compile
 * is charged to that node, not to the ones waiting behind it.
 */
function reportingCompiles(compiler: CatalogCompiler): CatalogCompiler {
  return {
    name: compiler.name,
    codeId: (environment) => compiler.codeId(environment),
    invalidate: (environment) => compiler.invalidate(environment),
    ...(compiler.close ? { close: () => compiler.close!() } : {}),
    ...(compiler.stats ? { stats: () => compiler.stats!() } : {}),
    async compile(request) {
      send({ type: 'compiling', certname: request.certname, environment: request.environment });
      try {
        return await compiler.compile(request);
      } finally {
        send({ type: 'compiled', certname: request.certname });
      }
    },
  };
}

const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

function nextMessage<T extends ToWorker['type']>(type: T): Promise<Extract<ToWorker, { type: T }>> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      if (isToWorker(m) && m.type === type) {
        process.off('message', on);
        resolve(m as Extract<ToWorker, { type: T }>);
      }
    };
    process.on('message', on);
  });
}

/** What an offer carries of the node's state: no more than the publisher reads. */
const subjectOf = ({ certname, facts, lastHash }: CompileSubject): CompileSubject => ({ certname, facts, lastHash });

/** `append` for the compile step, carried out by the primary over IPC. */
class IpcAppender {
  private readonly calls = new IpcCalls<readonly AppendOutcome[]>();

  get pending(): number {
    return this.calls.pending;
  }

  append(requests: readonly AppendRequest[]): Promise<readonly AppendOutcome[]> {
    const events = requests.map((r) => toWire(r.event));
    return this.calls.call((callId) => send({ type: 'append', callId, events }));
  }

  settle(m: Extract<ToWorker, { type: 'appended' | 'append_failed' }>): void {
    if (m.type === 'appended') this.calls.resolve(m.callId, m.outcomes);
    else this.calls.reject(m.callId, m.code && isErrorCode(m.code) ? new TroupeError(m.code, `primary could not append: ${m.message}`) : new Error(`primary could not append: ${m.message}`));
  }
}
