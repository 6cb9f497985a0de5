import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { AdmissionController } from '../../../actors/admission/admission-controller.js';
import { DependencyTracker } from '../../../actors/dependency/dependency-tracker.js';
import type { PuppetResource } from '../../../core/catalog/puppet-catalog.types.js';
import type { CollectorQuery } from '../../../core/dependency/collector-query.js';
import { exportsOf } from '../../../core/dependency/node-exports.js';
import type { CatalogCompiled, CatalogRequested, CatalogSubmitted, NodeDeactivated, RecordedEvent, TroupeEvent } from '../../../core/events/event.types.js';
import { CatalogReferences } from '../../../core/log/catalog-references.js';
import { SqliteCheckpointStore } from '../../../core/log/sqlite/checkpoint-store.sqlite.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { eventually } from '../../support/eventually.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-dependency-by-reference-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const QUIET = { warn: () => undefined, error: () => undefined };
const COLLECT: CollectorQuery = { type: 'Ssh::Hostkey' };

/** The exporter's catalogs: `key` is its one export (none when null); `other` changes a resource that is not exported. */
function resources(key: string | null, other: number): PuppetResource[] {
  const exported: PuppetResource[] = key === null ? [] : [{ type: 'Ssh::Hostkey', title: 'b.test', tags: ['web'], exported: true, parameters: { key } }];
  return [...exported, { type: 'Notify', title: 'uptime', tags: [], exported: false, parameters: { message: `up ${other}` } }];
}

const meta = (certname: string) => ({ id: randomUUID(), stream: certname, time: new Date().toISOString(), meta: { source: 'test' as const } });

function submitted(key: string | null, other: number): CatalogSubmitted {
  const catalog = {
    version: String(Date.now()), environment: 'production', transactionUuid: randomUUID(), catalogUuid: randomUUID(), codeId: null,
    producerTimestamp: new Date().toISOString(), producer: 'puppetserver', resources: resources(key, other), edges: [],
  };
  return { type: 'catalog_submitted', ...meta('b.test'), data: { catalog } };
}

function compiled(certname: string, collectors: readonly CollectorQuery[], rs: readonly PuppetResource[]): CatalogCompiled {
  const catalog = { tags: [], name: certname, version: 1, code_id: null, catalog_uuid: randomUUID(), catalog_format: 1, environment: 'production', resources: rs, edges: [], classes: [] };
  return {
    type: 'catalog_compiled', ...meta(certname),
    data: { requestIds: [], hash: randomUUID(), previousHash: null, compiler: 'test', durationMs: 1, catalog, collectors, exportsDigest: exportsOf(rs, 'production').digest },
  };
}

const deactivated = (): NodeDeactivated => ({ type: 'node_deactivated', ...meta('b.test'), data: { producerTimestamp: new Date().toISOString() } });

/** A tracker over a real log, with catalogs submitted through the commands door (CatalogReferences) as `troupe serve` does. */
async function harness() {
  const path = join(dir, `${randomUUID()}.db`);
  const log = new SqliteEventLog({ path, synchronous: 'normal' });
  const door = new CatalogReferences(log);
  const tracker = new DependencyTracker({
    log, checkpoints: new SqliteCheckpointStore(path), admission: new AdmissionController({ highWater: 64 }), projected: () => Number.MAX_SAFE_INTEGER, logger: QUIET,
  }, { retryMs: 20 });
  await log.append([{ event: compiled('seed.test', [], []) }]); // a log with history: the tracker's first start counts from here
  await tracker.start();
  const settled = () => eventually(async () => tracker.status().position === await log.head() && tracker.status().due === 0, 5000, 'the tracker');
  await log.append([{ event: compiled('a.test', [COLLECT], []) }]);
  await settled();
  /** Appends one event, waits for the tracker; the collector's recompiles it caused. */
  const step = async (event: TroupeEvent): Promise<number> => {
    const before = tracker.status().requested;
    await (event.type === 'catalog_submitted' ? door : log).append([{ event }]);
    await settled();
    return tracker.status().requested - before;
  };
  const lastSubmitted = async () => (await log.readStream('b.test')).filter((e): e is RecordedEvent<CatalogSubmitted> => e.type === 'catalog_submitted').at(-1)!;
  const requests = async () => (await log.readStream('a.test')).filter((e): e is RecordedEvent<CatalogRequested> => e.type === 'catalog_requested');
  const close = async () => { await tracker.close(); await log.close(); };
  return { step, lastSubmitted, requests, close };
}

describe('the dependency tracker and catalogs recorded by reference', () => {
  it('an unchanged catalog (same hash, by reference) recompiles nobody when the exports are the same as before', async () => {
    const h = await harness();
    try {
      assert.equal(await h.step(submitted('K1', 1)), 1, 'the first export');
      assert.equal(await h.step(submitted('K1', 1)), 0);
      assert.ok((await h.lastSubmitted()).data.bodyOf, 'recorded by reference');
    } finally {
      await h.close();
    }
  });

  it("a catalog by reference after a compile changed the node's exports recompiles the collector: the exports are back to the referenced catalog's", async () => {
    const h = await harness();
    try {
      await h.step(submitted('K1', 1));
      assert.equal(await h.step(compiled('b.test', [], resources('K2', 1))), 1);
      assert.equal(await h.step(submitted('K1', 1)), 1);
      assert.ok((await h.lastSubmitted()).data.bodyOf, 'recorded by reference');
      assert.deepEqual((await h.requests()).map((r) => [r.data.reason, r.data.from]), [['dependency', 'b.test'], ['dependency', 'b.test'], ['dependency', 'b.test']]);
    } finally {
      await h.close();
    }
  });

  it('a catalog by reference after a deactivation brings the exports back: the collector is recompiled', async () => {
    const h = await harness();
    try {
      await h.step(submitted('K1', 1));
      assert.equal(await h.step(deactivated()), 1, 'the exports left');
      assert.equal(await h.step(submitted('K1', 1)), 1, 'and came back');
      assert.ok((await h.lastSubmitted()).data.bodyOf, 'recorded by reference');
    } finally {
      await h.close();
    }
  });

  // The invariant: whatever the exporter's history of submitted (in full or
  // by reference), compiled and deactivated catalogs, its collector is
  // recompiled exactly when the exports storeconfigs holds for it change.
  it('recompiles the collector exactly when the exporter\'s exports change, whatever mix of submitted, compiled and deactivated', async () => {
    const key = fc.constantFrom(null, 'K1', 'K2');
    const action = fc.oneof(
      fc.record({ kind: fc.constant('submit' as const), key, other: fc.integer({ min: 0, max: 1 }) }),
      fc.record({ kind: fc.constant('compile' as const), key, other: fc.integer({ min: 0, max: 1 }) }),
      fc.record({ kind: fc.constant('deactivate' as const) }),
    );
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (actions) => {
      const h = await harness();
      try {
        let exports: string | null = null; // the model: the exporter's one export now
        for (const a of actions) {
          const next = a.kind === 'deactivate' ? null : a.key;
          const event = a.kind === 'submit' ? submitted(a.key, a.other) : a.kind === 'compile' ? compiled('b.test', [], resources(a.key, a.other)) : deactivated();
          assert.equal(await h.step(event), next === exports ? 0 : 1, `${JSON.stringify(a)} with ${exports} before`);
          exports = next;
        }
      } finally {
        await h.close();
      }
    }), { numRuns: 20 });
  });
});
