import cluster, { type Worker } from 'node:cluster';
import throng from 'throng';
import { shardOf } from '../../actors/router/shard.js';
import { TroupeApp } from '../app/troupe-app.js';
import { compileSlots } from '../app/compiler.factory.js';
import type { TroupeConfig } from '../config/troupe.config.js';
import { startFrontDoors, type FrontDoors } from '../http/front-doors.js';
import { runActorWorker } from './actor-worker.js';
import { ClusterDispatch } from './cluster-dispatch.js';
import { isFromWorker } from './cluster.messages.js';
import { CrashGuard } from './crash-guard.js';
import { setupActorWorkers } from './worker-runtime.js';
import { log } from '../log/logger.js';

/**
 * `troupe serve --workers N`: a throng-managed cluster. The primary owns
 * the event log (single writer), the projection thread, admission and the
 * HTTP front door; N workers run the node actors, sharded by certname, and
 * do the CPU-bound compiles. Resolves when the primary has drained (in
 * workers it never resolves: they exit when told to).
 */
export function serveCluster(config: TroupeConfig, workers: number, onListening: (doors: FrontDoors) => void): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    // throng revives workers on 'disconnect'; we handle signals ourselves so
    // that the primary drains workers before it closes the log.
    throng({
      count: workers,
      signals: [],
      master: async () => {
        // Must return once listening: throng forks the workers after it.
        setupActorWorkers();
        const primary = await startPrimary(config, workers, onListening).catch((e: unknown) => { reject(e); throw e; });
        void primary.stopped.then(resolve, reject);
      },
      worker: () => runActorWorker(config),
    }).catch(reject);
  });
}

async function startPrimary(config: TroupeConfig, workers: number, onListening: (doors: FrontDoors) => void): Promise<{ stopped: Promise<number> }> {
  const guard = new CrashGuard();
  let dispatch!: ClusterDispatch;
  const app = await TroupeApp.open(config, {
    dispatch: (a) => (dispatch = new ClusterDispatch({
      slots: workers,
      append: (events) => a.log.append(events.map((event) => ({ event }))),
      onReady: (slot) => a.router.redeliver((certname) => shardOf(certname, workers) === slot),
      onAborted: (aborted) => void a.router.aborted(aborted),
      // The deadline stops a compile between steps; a worker silent well past it is stuck inside one.
      unresponsiveMs: config.compileTimeoutMs + 10_000,
      offer: (input) => a.offerCompile(input),
    })),
    compilerStats: () => dispatch.compilerStats(),
    compileLoad: () => dispatch.compileLoad(),
    // Jobs from the broker's compile queue compile in the workers, as many at once as all their pools.
    compileJobs: { compile: (input, id) => dispatch.compileJob(input, id), slots: workers * compileSlots(config) },
  });
  let stopping = false;
  // A worker says hello once it listens; anything sent before is lost.
  cluster.on('message', (w: Worker, m: unknown) => {
    if (isFromWorker(m) && m.type === 'hello' && !dispatch.attach(w, guard.startDelay())) w.kill();
  });
  cluster.on('exit', (w: Worker, code, signal) => {
    const compiling = dispatch.detach(w, String(signal ?? code));
    if (!stopping) {
      guard.recordCrash();
      const during = compiling.length > 0 ? ` while compiling ${compiling.join(', ')}` : '';
      log.error({ worker: w.process.pid, exit: signal ?? code, compiling }, `actor worker ${w.process.pid} died (${signal ?? code})${during}; its nodes resume from the log on a replacement`);
    }
  });
  // No worker is forked yet (throng forks after this returns); closing the app lets the primary exit.
  const doors = await startFrontDoors(app, config).catch(async (e: unknown) => {
    await app.close();
    throw e;
  });
  onListening(doors);
  const stopped = new Promise<number>((resolve) => {
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, `${signal}: draining`);
      cluster.removeAllListeners('disconnect'); // no revival from here on
      await doors.close();
      // The jobs taken compile in the workers: logged and acknowledged before they drain.
      await app.stopCompileJobs();
      await dispatch.close();
      await waitForWorkers(30_000);
      await app.close();
      log.info('troupe stopped');
      resolve(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
  return { stopped };
}

async function waitForWorkers(timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Object.keys(cluster.workers ?? {}).length > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGKILL');
}
