import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { AdmissionController } from '../../../actors/admission/admission-controller.js';
import { DependencyIndex } from '../../../actors/dependency/dependency-index.js';
import { DependencyTracker } from '../../../actors/dependency/dependency-tracker.js';
import type { PuppetResource } from '../../../core/catalog/puppet-catalog.types.js';
import type { ResourceFilter } from '../../../core/compiler/catalog-compiler.js';
import { matches } from '../../../core/compiler/exported-resource-filter.js';
import type { CollectorQuery } from '../../../core/dependency/collector-query.js';
import { exportsOf } from '../../../core/dependency/node-exports.js';
import { DEPENDENCY_PRIORITY, type CatalogCompiled, type CatalogRequested, type NodeDeactivated, type TroupeEvent } from '../../../core/events/event.types.js';
import { SqliteCheckpointStore } from '../../../core/log/sqlite/checkpoint-store.sqlite.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { eventually } from '../../support/eventually.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-dependency-prop-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const QUIET = { warn: () => undefined, error: () => undefined };
const NODES = ['n0.test', 'n1.test', 'n2.test', 'n3.test', 'n4.test', 'n5.test'];
const TYPES = ['Nagios_host', 'Ssh::Key'];

const value = fc.constantFrom<unknown>('a', 'b', 80, 443, 'web');
const filter: fc.Arbitrary<ResourceFilter> = fc.letrec<{ f: ResourceFilter }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ op: fc.constantFrom('==' as const, '!=' as const), attribute: fc.constantFrom('tag', 'title', 'port', 'host'), value }),
    fc.record({ op: fc.constantFrom('and' as const, 'or' as const), left: tie('f'), right: tie('f') }),
  ),
})).f;
const query: fc.Arbitrary<CollectorQuery> = fc.record({ type: fc.constantFrom(...TYPES), filter: fc.option(filter, { nil: undefined }) })
  .map((q) => (q.filter === undefined ? { type: q.type } : q));
const resource: fc.Arbitrary<PuppetResource> = fc.record({
  type: fc.constantFrom(...TYPES),
  title: fc.constantFrom('a', 'b', 'web'),
  tags: fc.subarray(['web', 'db', 'a']),
  parameters: fc.record({ port: fc.constantFrom<unknown>(80, 443, [80, 443]), host: fc.constantFrom('a', 'b') }, { requiredKeys: [] }),
}).map((r) => ({ ...r, exported: true }));
/** A node's exports: distinct `Type[title]`, plus a resource it does not export (collectors never see it). */
const exports = fc.uniqueArray(resource, { selector: (r) => `${r.type}[${r.title}]`, maxLength: 4 })
  .map((rs) => [...rs, { type: 'File', title: '/etc/motd', tags: ['web'], exported: false, parameters: {} }]);
const node = fc.record({ queries: fc.array(query, { maxLength: 3 }), exports });
/** An exporter's change in a burst: new exports, or a deactivation. */
const change = fc.record({ certname: fc.constantFrom(...NODES), exports: fc.option(exports, { nil: null }) });

type Fleet = Map<string, { queries: readonly CollectorQuery[]; exports: readonly PuppetResource[] | null }>;

/** The oracle: what a node's query collects, brute force, from every other active node's exports. */
function collected(fleet: Fleet, certname: string, q: CollectorQuery): string {
  const found: string[] = [];
  for (const [other, n] of fleet) {
    if (other === certname || n.exports === null) continue;
    for (const r of n.exports) {
      if (r.exported && r.type === q.type && (q.filter === undefined || matches(q.filter, { title: r.title, tags: r.tags, parameters: r.parameters ?? {} }))) {
        found.push(JSON.stringify([other, r.type, r.title, r.tags, r.parameters]));
      }
    }
  }
  return found.sort().join('\n');
}

/**
 * The nodes whose collectors' results differ between consecutive states
 * of the fleet (each exporter's change is a state storeconfigs held):
 * exactly who must be recompiled, once, if still active at the end.
 */
function oracle(states: readonly Fleet[]): string[] {
  const last = states[states.length - 1]!;
  return NODES.filter((n) => last.get(n)!.exports !== null
    && states.slice(1).some((s, i) => states[i]!.get(n)!.queries.some((q) => collected(states[i]!, n, q) !== collected(s, n, q))));
}

function compiledEvent(certname: string, queries: readonly CollectorQuery[], resources: readonly PuppetResource[]): CatalogCompiled {
  const catalog = { tags: [], name: certname, version: 1, code_id: null, catalog_uuid: randomUUID(), catalog_format: 1, environment: 'production', resources, edges: [], classes: [] };
  return {
    type: 'catalog_compiled', id: randomUUID(), stream: certname, time: new Date().toISOString(), meta: { source: 'test' },
    data: { requestIds: [], hash: randomUUID(), previousHash: null, compiler: 'test', durationMs: 1, catalog, collectors: queries, exportsDigest: exportsOf(resources, 'production').digest },
  };
}
const deactivation = (certname: string): NodeDeactivated => ({
  type: 'node_deactivated', id: randomUUID(), stream: certname, time: new Date().toISOString(), meta: { source: 'test' }, data: { producerTimestamp: new Date().toISOString() },
});

/** The fleet after a burst; the events that make it (a changed exporter's recompile collects as before). */
function burst(before: Fleet, changes: readonly { certname: string; exports: readonly PuppetResource[] | null }[]): { states: Fleet[]; events: TroupeEvent[] } {
  const states = [before];
  const events: TroupeEvent[] = [];
  for (const c of changes) {
    const now = states[states.length - 1]!;
    const n = now.get(c.certname)!;
    if (n.exports === null) continue; // deactivated already: a later catalog would reactivate it, out of scope here
    states.push(new Map(now).set(c.certname, { queries: c.exports === null ? [] : n.queries, exports: c.exports }));
    events.push(c.exports === null ? deactivation(c.certname) : compiledEvent(c.certname, n.queries, c.exports));
  }
  return { states, events };
}

/** The nodes an index makes due for a burst, after learning the fleet as it was. */
function dueThroughIndex(index: DependencyIndex, before: Fleet, events: readonly TroupeEvent[]): Set<string> {
  for (const [certname, n] of before) {
    index.collected(certname, 'production', n.queries);
    index.exported(certname, exportsOf(n.exports!, 'production'));
  }
  const due = new Set<string>();
  for (const e of events) {
    const got = e.type === 'node_deactivated' ? index.deactivated(e.stream)
      : index.exported(e.stream, exportsOf((e as CatalogCompiled).data.catalog.resources, 'production'));
    for (const n of got) due.add(n);
  }
  return due;
}

const fleetArb = fc.array(node, { minLength: NODES.length, maxLength: NODES.length })
  .map((ns): Fleet => new Map(ns.map((n, i) => [NODES[i]!, n])));

describe('dependency recompiles', () => {
  it('reach exactly the collectors whose queries match a changed export (the index, against a brute-force oracle)', () => {
    fc.assert(fc.property(fleetArb, fc.array(change, { minLength: 1, maxLength: 4 }), (before, changes) => {
      const { states, events } = burst(before, changes);
      const after = states[states.length - 1]!;
      const due = dueThroughIndex(new DependencyIndex(), before, events);
      assert.deepEqual([...due].filter((n) => after.get(n)!.exports !== null).sort(), oracle(states));
    }), { numRuns: 400 });
  });

  it('never miss a collector when the index is past its bounds (queries widened, exports kept as types)', () => {
    fc.assert(fc.property(fleetArb, fc.array(change, { minLength: 1, maxLength: 4 }), (before, changes) => {
      const index = new DependencyIndex({ maxQueries: 2, maxExportsPerNode: 1 });
      const { states, events } = burst(before, changes);
      const due = dueThroughIndex(index, before, events);
      for (const n of oracle(states)) assert.ok(due.has(n), `${n} missed`);
      assert.ok(index.stats.queries <= 3, 'maxQueries, and at most one "any export" past it');
    }), { numRuns: 300 });
  });

  it('through the tracker and a real log: one recompile per dependent for a burst, reason dependency, from a changed exporter, never the exporter', async () => {
    await fc.assert(fc.asyncProperty(fleetArb, fc.array(change, { minLength: 1, maxLength: 4 }), async (before, changes) => {
      const path = join(dir, `${randomUUID()}.db`);
      const log = new SqliteEventLog({ path, synchronous: 'normal' });
      const checkpoints = new SqliteCheckpointStore(path);
      const tracker = new DependencyTracker({
        log, checkpoints, admission: new AdmissionController({ highWater: 1000 }), projected: () => Number.MAX_SAFE_INTEGER, logger: QUIET,
      });
      try {
        await log.append([...before].map(([certname, n]) => ({ event: compiledEvent(certname, n.queries, n.exports!) })));
        await tracker.start();
        const { states, events } = burst(before, changes);
        const start = await log.head();
        await log.append(events.map((event) => ({ event })));
        const head = await log.head();
        await eventually(() => tracker.status().position >= head && tracker.status().due === 0, 5000, 'the tracker');
        const requests = (await log.read(start, { limit: 10_000 })).filter((e): e is typeof e & CatalogRequested => e.type === 'catalog_requested');
        const expected = oracle(states);
        assert.deepEqual(requests.map((r) => r.stream).sort(), expected, 'exactly the dependents, each once');
        const changed = new Set(events.map((e) => e.stream));
        for (const r of requests) {
          assert.equal(r.data.reason, 'dependency');
          assert.equal(r.data.priority, DEPENDENCY_PRIORITY);
          assert.ok(r.data.from !== undefined && changed.has(r.data.from) && r.data.from !== r.stream, `from ${r.data.from}`);
        }
      } finally {
        await tracker.close();
        await log.close();
        checkpoints.close();
      }
    }), { numRuns: 25 });
  });
});
