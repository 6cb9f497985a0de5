import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AdmissionController } from '../../../actors/admission/admission-controller.js';
import { CompileWaiters } from '../../../actors/compile/compile-waiters.js';
import { initialNodeState } from '../../../actors/node/node.decider.js';
import { LocalDispatch } from '../../../actors/router/node-dispatch.js';
import type { ShardSet } from '../../../actors/router/node-ownership.js';
import { NodeRouter } from '../../../actors/router/node-router.js';
import type { CatalogCompiled, CompileAborted, CompileFailed, RecordedEvent, TroupeEvent } from '../../../core/events/event.types.js';
import type { PuppetCatalog } from '../../../core/catalog/puppet-catalog.types.js';
import { isLean } from '../../../core/log/lean-event.js';
import { shardOf } from '../../../core/lease/shard-of.js';
import { SqliteCheckpointStore } from '../../../core/log/sqlite/checkpoint-store.sqlite.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { eventually } from '../../support/eventually.js';
import { requestEvent } from '../../support/events.fixture.js';

const SHARDS = 8;
const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** Two nodes in different shards. */
const nodes = (() => {
  const a = 'node-a.example.com';
  let i = 0;
  while (shardOf(`node-b${i}.example.com`, SHARDS) === shardOf(a, SHARDS)) i++;
  return { a, b: `node-b${i}.example.com` };
})();
const shardSet = (...certnames: string[]): ShardSet => ({ shards: certnames.map((c) => shardOf(c, SHARDS)), of: SHARDS });
const none: ShardSet = { shards: [], of: SHARDS };

/** A router over a real SQLite log and real actors whose compile step records what it was asked and answers nothing. */
function harness(dir: string, owned: Set<string>) {
  const log = new SqliteEventLog({ path: join(dir, 'events.db') });
  const checkpoints = new SqliteCheckpointStore(join(dir, 'checkpoints.db'));
  const compiled: string[] = [];
  const dispatch = new LocalDispatch({
    mailboxCapacity: 8, maxActors: 100, idleMs: 60_000,
    load: async (certname) => initialNodeState(certname),
    compile: async ({ work }) => { compiled.push(...work.requestIds); return { hash: null }; },
  }, () => undefined);
  const waiters = new CompileWaiters();
  const outcomes: RecordedEvent[] = [];
  const router = new NodeRouter({
    log, checkpoints, admission: new AdmissionController(), waiters, dispatch, onOutcome: (e) => outcomes.push(e),
    ownership: { owns: (certname) => owned.has(certname) },
    logger: { error: () => undefined, warn: () => undefined },
  }, { checkpointEveryMs: 50 });
  return {
    log, checkpoints, router, dispatch, compiled, waiters, outcomes,
    async close() { await router.stop(); await log.close(); checkpoints.close(); },
  };
}

const failed = (certname: string, requestId: string): CompileFailed => ({
  type: 'compile_failed', id: randomUUID(), stream: certname, time: new Date().toISOString(), meta: { source: 'test' },
  data: { requestIds: [requestId], environment: 'production', compiler: 'test', durationMs: 1, error: { code: 'test', message: 'x' } },
});
const compiledEvent = (certname: string, requestId: string): CatalogCompiled => ({
  type: 'catalog_compiled', id: randomUUID(), stream: certname, time: new Date().toISOString(), meta: { source: 'test' },
  data: {
    requestIds: [requestId], hash: `h-${requestId}`, previousHash: null, compiler: 'test', durationMs: 1,
    catalog: { name: certname, version: '1', environment: 'production', resources: [{ type: 'Notify', title: requestId }], edges: [] } as unknown as PuppetCatalog,
  },
});
const append = (h: ReturnType<typeof harness>, ...events: TroupeEvent[]) => h.log.append(events.map((event) => ({ event })));

describe('NodeRouter with ownership (several instances)', () => {
  it("compiles only owned nodes' requests, tracks the others, and resumes them when their shard is gained", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'router-own-'));
    dirs.push(dir);
    const owned = new Set([nodes.a]);
    const h = harness(dir, owned);
    try {
      await h.router.start();
      const ra = requestEvent(nodes.a);
      const rb = requestEvent(nodes.b);
      const rbAnswered = requestEvent(nodes.b);
      await append(h, ra, rb, rbAnswered, failed(nodes.b, rbAnswered.id));
      await eventually(() => h.compiled.includes(ra.id), 5000, "the owned node's request compiled");
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(h.compiled, [ra.id], 'the other node is not compiled here');
      assert.equal(h.router.stats.inflight, 2, "the other node's unanswered request is tracked (and the owned one, until answered)");

      owned.add(nodes.b);
      h.router.shardsChanged({ gained: shardSet(nodes.b), lost: none });
      await eventually(() => h.compiled.includes(rb.id), 5000, 'the gained shard resumes its unanswered request');
      assert.ok(!h.compiled.includes(rbAnswered.id), 'an answered request is not compiled again');
    } finally {
      await h.close();
    }
  });

  it("stops a lost shard's actors and no longer compiles its nodes", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'router-own-'));
    dirs.push(dir);
    const owned = new Set([nodes.a, nodes.b]);
    const h = harness(dir, owned);
    try {
      await h.router.start();
      const first = [requestEvent(nodes.a), requestEvent(nodes.b)];
      await append(h, ...first);
      await eventually(() => h.compiled.length === 2, 5000, 'both compiled');
      assert.equal(h.dispatch.stats().actors, 2);
      owned.delete(nodes.b);
      h.router.shardsChanged({ gained: none, lost: shardSet(nodes.b) });
      assert.equal(h.dispatch.stats().actors, 1, "the lost shard's actor stopped");
      const rb = requestEvent(nodes.b);
      await append(h, rb);
      await new Promise((r) => setTimeout(r, 150));
      assert.ok(!h.compiled.includes(rb.id));
    } finally {
      await h.close();
    }
  });

  it('keeps its checkpoint below the oldest unanswered request, owned or not, so a restart resumes every one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'router-own-'));
    dirs.push(dir);
    const rb = requestEvent(nodes.b);
    const ra = requestEvent(nodes.a);
    {
      const h = harness(dir, new Set([nodes.a]));
      await h.router.start();
      await append(h, rb, ra, failed(nodes.a, ra.id));
      await eventually(() => h.router.stats.position === 3, 5000, 'routed');
      await new Promise((r) => setTimeout(r, 120)); // a checkpoint tick
      assert.equal(h.checkpoints.get('node-router'), 0, "the unowned node's request (position 1) holds the checkpoint back");
      await h.close();
    }
    // Restarted: it owns b now (its holder is gone): b's request is resumed, counted as an interrupted attempt.
    const h = harness(dir, new Set([nodes.a, nodes.b]));
    try {
      await h.router.start();
      await eventually(() => h.compiled.includes(rb.id), 5000, "b's request resumed");
      assert.ok(!h.compiled.includes(ra.id));
      await eventually(async () => (await h.log.readStreamBackward(nodes.b, { types: ['compile_aborted'], limit: 1 })).length === 1, 5000, 'the interrupted attempt recorded');
    } finally {
      await h.close();
    }
  });

  it("leaves a node's exhausted attempts to its owner: a router that does not own it records no failure", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'router-own-'));
    dirs.push(dir);
    const h = harness(dir, new Set());
    try {
      await h.router.start();
      const rb = requestEvent(nodes.b);
      const abort = (): CompileAborted => ({
        type: 'compile_aborted', id: randomUUID(), stream: nodes.b, time: new Date().toISOString(), meta: { source: 'test' },
        data: { requestIds: [rb.id], environment: 'production', reason: 'worker_died', detail: 'test' },
      });
      await append(h, rb, abort(), abort());
      await eventually(() => h.router.stats.position === 3, 5000, 'routed');
      await new Promise((r) => setTimeout(r, 100));
      assert.equal((await h.log.readStreamBackward(nodes.b, { types: ['compile_failed'], limit: 1 })).length, 0);
      assert.equal(h.router.stats.inflight, 1, 'still tracked until its owner answers it');
      assert.equal(h.router.stats.quarantined, 0);
    } finally {
      await h.close();
    }
  });

  it('after a restart, tracks the unanswered requests of nodes it does not own without compiling or aborting them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'router-own-'));
    dirs.push(dir);
    const owned = new Set<string>();
    const h = harness(dir, owned);
    const rb = requestEvent(nodes.b);
    await append(h, rb); // before the router starts: found by its catch-up
    try {
      await h.router.start();
      await eventually(() => h.router.stats.inflight === 1, 5000, 'tracked');
      assert.deepEqual(h.compiled, []);
      assert.equal((await h.log.readStreamBackward(nodes.b, { types: ['compile_aborted'], limit: 1 })).length, 0, 'its owner may still be compiling it');
      owned.add(nodes.b);
      h.router.shardsChanged({ gained: shardSet(nodes.b), lost: none });
      await eventually(() => h.compiled.includes(rb.id), 5000, 'compiled once the shard is gained');
    } finally {
      await h.close();
    }
  });

  it('reads outcomes without their catalogs, and answers an agent waiting here with the whole catalog', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'router-own-'));
    dirs.push(dir);
    const h = harness(dir, new Set([nodes.a]));
    try {
      await h.router.start();
      const [waited, other] = [requestEvent(nodes.b), requestEvent(nodes.b)];
      const answer = h.waiters.wait(waited.id, 5000);
      const [waitedOutcome, otherOutcome] = [compiledEvent(nodes.b, waited.id), compiledEvent(nodes.b, other.id)];
      await append(h, waited, other, otherOutcome, waitedOutcome);
      const got = await answer;
      assert.equal(got.status, 'compiled');
      assert.deepEqual(got.status === 'compiled' && got.event.data.catalog, waitedOutcome.data.catalog, 'the waiting agent gets the catalog');
      await eventually(() => h.outcomes.length === 2, 5000, 'both outcomes routed');
      assert.deepEqual(h.outcomes.map((e) => [e.id, isLean(e)]), [[otherOutcome.id, true], [waitedOutcome.id, false]], 'only the awaited outcome is read whole');
      assert.equal(h.router.stats.inflight, 0, 'both requests answered');
    } finally {
      await h.close();
    }
  });
});
