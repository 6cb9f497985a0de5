import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { eventually } from '../../support/eventually.js';
import { AdmissionController } from '../../../actors/admission/admission-controller.js';
import { CompilePool } from '../../../actors/compile/compile-pool.js';
import type { AdaptiveWindowOptions } from '../../../actors/deploy/adaptive-window.js';
import { DeployFeeder } from '../../../actors/deploy/deploy-feeder.js';
import { CODE_STREAM, type CatalogRequested, type RecordedEvent, type TroupeEvent } from '../../../core/events/event.types.js';
import { SqliteCheckpointStore } from '../../../core/log/sqlite/checkpoint-store.sqlite.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-deploy-prop-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const QUIET = { warn: () => undefined, error: () => undefined };

/**
 * A model fleet around the real feeder, admission, pool and SQLite log: a
 * stand-in router admits each logged request and runs it in the pool; the
 * test decides when running compiles finish and when agents check in.
 */
async function fleet(nodes: number, options: { concurrency: number; window: number; highWater: number; adaptive?: AdaptiveWindowOptions | false }) {
  const path = join(dir, `${randomUUID()}.db`);
  const log = new SqliteEventLog({ path, synchronous: 'normal' });
  const checkpoints = new SqliteCheckpointStore(path);
  const admission = new AdmissionController({ highWater: options.highWater });
  const pool = new CompilePool({ concurrency: options.concurrency });
  const certnames = Array.from({ length: nodes }, (_, i) => `n${String(i).padStart(5, '0')}.test`);
  const running: Array<{ kind: 'agent' | 'deploy'; finish: () => void }> = [];
  let agentsWaiting = 0;
  const violations: string[] = [];
  let deployFed = 0;
  let agentsRefused = 0;
  let agentsAdmitted = 0;
  let maxInFlightSinceShrunk = 0;

  const compile = (req: RecordedEvent<CatalogRequested>): void => {
    const kind = req.data.reason === 'code_deployed' ? 'deploy' : 'agent';
    if (kind === 'agent') agentsWaiting++;
    void pool.run(req.data.priority, () => {
      if (kind === 'agent') agentsWaiting--;
      // The pool runs highest priority first: a deploy compile never starts while an agent's waits.
      else if (agentsWaiting > 0) violations.push(`a deploy compile started while ${agentsWaiting} agent compile(s) waited`);
      return new Promise<void>((finish) => running.push({ kind, finish }));
    }).then(() => log.append([{ event: {
      type: 'catalog_compiled', id: randomUUID(), stream: req.stream, time: new Date().toISOString(), meta: { source: 'test' },
      data: { requestIds: [req.id], hash: `h-${req.stream}`, previousHash: null, compiler: 'test', durationMs: 1, catalog: {} as never },
    } }]));
  };
  const router = log.subscribe({
    from: 0,
    handler: (batch) => {
      for (const e of batch as readonly RecordedEvent<TroupeEvent>[]) {
        if (e.type === 'catalog_requested') {
          admission.seen(e.id);
          if (e.data.reason === 'code_deployed') deployFed++;
          compile(e as RecordedEvent<CatalogRequested>);
        }
        if (e.type === 'catalog_compiled') admission.answered(e.data.requestIds);
      }
    },
  });
  const feeder = new DeployFeeder({
    log, checkpoints, admission, logger: QUIET,
    nodes: {
      count: async () => certnames.length,
      page: async (_env, _codeId, afterName, limit) => certnames.filter((c) => afterName === null || c > afterName).slice(0, limit),
    },
  }, { window: options.window, pageSize: 7, retryMs: 20, ...(options.adaptive === undefined ? {} : { adaptive: options.adaptive }) });
  await feeder.start();

  /** Waits until the log stops growing and both readers are at its head. */
  const settle = async (): Promise<void> => {
    for (let stable = 0; stable < 3;) {
      await new Promise((r) => setTimeout(r, 2));
      const head = await log.head();
      const caughtUp = router.position === head && feeder.status().position === head;
      stable = caughtUp ? stable + 1 : 0;
      const deployPending = feeder.inFlight;
      if (deployPending > options.window) violations.push(`${deployPending} recompiles in flight, window ${options.window}`);
      maxInFlightSinceShrunk = Math.max(maxInFlightSinceShrunk, deployPending);
    }
  };

  return {
    feeder, admission, violations, running, settle,
    get deployFed() { return deployFed; },
    get agents() { return { refused: agentsRefused, admitted: agentsAdmitted }; },
    /** The most recompiles in flight seen by settle() since the last call. */
    takeMaxInFlight(): number { const m = maxInFlightSinceShrunk; maxInFlightSinceShrunk = 0; return m; },
    async deploy(): Promise<void> {
      await log.append([{ event: { type: 'code_deployed', id: randomUUID(), stream: CODE_STREAM, time: new Date().toISOString(), meta: { source: 'test' }, data: { environment: 'production', codeId: randomUUID() } } }]);
    },
    async agent(i: number): Promise<void> {
      const id = randomUUID();
      // Deploy work is held to `window` slots: an agent is refused only when agents alone fill the rest.
      const ownPending = admission.pending - feeder.inFlight;
      if (!admission.reserve(id)) {
        agentsRefused++;
        if (ownPending < options.highWater - options.window) violations.push(`agent refused with only ${ownPending} agent requests pending`);
        return;
      }
      agentsAdmitted++;
      await log.append([{ event: {
        type: 'catalog_requested', id, stream: certnames[i % certnames.length]!, time: new Date().toISOString(), meta: { source: 'test' },
        data: { environment: 'production', reason: 'agent', priority: 0, transactionUuid: null },
      } }]);
    },
    finish(which: number): void {
      const r = running.splice(which % Math.max(1, running.length), 1)[0];
      r?.finish();
    },
    async close(): Promise<void> {
      await feeder.close();
      await router.close();
      await log.close();
      checkpoints.close();
    },
  };
}

const step = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('agent' as const), n: fc.nat(100) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('finish' as const), n: fc.nat(100) }), weight: 4 },
);

describe('DeployFeeder', () => {
  it('keeps at most `window` recompiles in flight, never makes an agent wait behind them, and finishes every node', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 40 }),
      async (nodes, concurrency, window, steps) => {
        const f = await fleet(nodes, { concurrency, window, highWater: 8 });
        try {
          await f.deploy();
          // The feeder reaches the log's head before it has planned the deployment (planning reads the log and
          // storeconfigs): wait for the plan, or a loaded machine ends the drain below before it began.
          await eventually(() => f.feeder.status().open.length + f.feeder.status().finished.length > 0, 10_000, 'the deployment planned');
          await f.settle();
          for (const s of steps) {
            if (s.kind === 'agent') await f.agent(s.n);
            else f.finish(s.n);
            await f.settle();
          }
          // Agents stop: everything drains and the deployment completes.
          while (f.feeder.status().open.length > 0 || f.running.length > 0) {
            f.finish(0);
            await f.settle();
          }
          assert.deepEqual(f.violations, []);
          const done = f.feeder.status().finished[0]!;
          assert.equal(done.outcome, 'completed');
          assert.equal(done.requested, nodes);
          assert.equal(done.changed + done.unchanged + done.failed, nodes);
          assert.equal(f.deployFed, nodes, 'one recompile per node');
          assert.equal(f.admission.pending, 0);
        } finally {
          await f.close();
        }
      },
    ), { numRuns: 15 });
  });

  // The adaptive window: slowed check-ins shrink it to 1 and recompiles in flight follow it down, yet the
  // deployment keeps progressing and finishes; no check-ins at all leave it full.
  it('shrinks the window while check-ins are slowed, never below one recompile in flight, and still finishes', async () => {
    const nodes = 150;
    // Periods far longer than a round here, so every period sees check-ins (a period without any counts as calm).
    const f = await fleet(nodes, { concurrency: 8, window: 8, highWater: 64, adaptive: { periodMs: 400, floorMs: 10 } });
    const round = async (slow: boolean): Promise<void> => {
      if (slow) f.feeder.checkInAnswered(500); // agents 50× slower than the floor
      f.finish(0);
      await f.settle();
      await new Promise((r) => setTimeout(r, 1));
    };
    try {
      await f.deploy();
      await eventually(() => f.feeder.status().open.length > 0, 10_000, 'the deployment planned');
      await f.settle();
      assert.equal(f.feeder.status().window, 8, 'no agents: the full window');
      for (let i = 0; i < 2000 && f.feeder.status().window > 1; i++) await round(true);
      assert.equal(f.feeder.status().window, 1, 'halved down to one');
      while (f.feeder.inFlight > 1) await round(true); // the recompiles fed under a larger window finish
      await round(true);
      f.takeMaxInFlight();
      const fedWhileSlow = f.deployFed;
      for (let i = 0; i < 30; i++) {
        await round(true);
        assert.ok(f.takeMaxInFlight() <= 1, 'recompiles in flight follow the window down');
      }
      assert.ok(f.deployFed > fedWhileSlow, 'the deployment progressed while check-ins were slow');
      while (f.feeder.status().open.length > 0 || f.running.length > 0) await round(false);
      const done = f.feeder.status().finished[0]!;
      assert.equal(done.outcome, 'completed');
      assert.equal(done.requested, nodes);
      assert.deepEqual(f.violations, []);
    } finally {
      await f.close();
    }
  });

  it('feeds no recompile while agents hold admission at the ceiling', async () => {
    const f = await fleet(5, { concurrency: 1, window: 2, highWater: 8 });
    try {
      // lowWater 6 → ceiling 3: three agents pending leave no room for the deployment.
      for (let i = 0; i < 3; i++) await f.agent(i);
      await f.settle();
      await f.deploy();
      await f.settle();
      assert.equal(f.deployFed, 0);
      assert.equal(f.feeder.status().open[0]?.nodes, 5);
      f.finish(0);
      await f.settle();
      await new Promise((r) => setTimeout(r, 60)); // the retry timer
      await f.settle();
      assert.ok(f.deployFed >= 1 && f.deployFed <= 2, `fed ${f.deployFed}`);
    } finally {
      await f.close();
    }
  });
});
