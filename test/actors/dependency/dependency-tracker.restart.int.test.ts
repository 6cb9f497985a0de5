import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AdmissionController } from '../../../actors/admission/admission-controller.js';
import { DependencyTracker } from '../../../actors/dependency/dependency-tracker.js';
import type { PuppetResource } from '../../../core/catalog/puppet-catalog.types.js';
import type { CollectorQuery } from '../../../core/dependency/collector-query.js';
import { exportsOf } from '../../../core/dependency/node-exports.js';
import type { CatalogCompiled, CatalogRequested, RecordedEvent } from '../../../core/events/event.types.js';
import { SqliteCheckpointStore } from '../../../core/log/sqlite/checkpoint-store.sqlite.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { eventually } from '../../support/eventually.js';

const dir = mkdtempSync(join(tmpdir(), 'troupe-dependency-restart-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const QUIET = { warn: () => undefined, error: () => undefined };

const key = (title: string, k: string): PuppetResource => ({ type: 'Ssh::Hostkey', title, tags: ['web'], exported: true, parameters: { key: k } });
const COLLECT: CollectorQuery = { type: 'Ssh::Hostkey', filter: { op: '==', attribute: 'tag', value: 'web' } };

function compiled(certname: string, collectors: readonly CollectorQuery[], resources: readonly PuppetResource[]): CatalogCompiled {
  const catalog = { tags: [], name: certname, version: 1, code_id: null, catalog_uuid: randomUUID(), catalog_format: 1, environment: 'production', resources, edges: [], classes: [] };
  return {
    type: 'catalog_compiled', id: randomUUID(), stream: certname, time: new Date().toISOString(), meta: { source: 'test' },
    data: { requestIds: [], hash: randomUUID(), previousHash: null, compiler: 'test', durationMs: 1, catalog, collectors, exportsDigest: exportsOf(resources, 'production').digest },
  };
}

describe('the dependency tracker across restarts', () => {
  it('takes the log before its first start as history, and finds a dependent again after a restart while it waited for admission', async () => {
    const path = join(dir, 'events.db');
    const log = new SqliteEventLog({ path, synchronous: 'normal' });
    const checkpoints = new SqliteCheckpointStore(path);
    const requests = async () => (await log.read(0, { limit: 10_000 })).filter((e): e is RecordedEvent<CatalogRequested> => e.type === 'catalog_requested');
    try {
      // History: b exported, a collects; b's key changed before Troupe tracked dependencies.
      await log.append([compiled('b.test', [], [key('b.test', 'K1')]), compiled('a.test', [COLLECT], []), compiled('b.test', [], [key('b.test', 'K2')])].map((event) => ({ event })));
      const full = new AdmissionController({ highWater: 4 });
      for (let i = 0; i < 4; i++) assert.ok(full.reserve(`agent-${i}`));
      const first = new DependencyTracker({ log, checkpoints, admission: full, projected: () => Number.MAX_SAFE_INTEGER, logger: QUIET }, { retryMs: 20 });
      await first.start();
      await eventually(async () => first.status().position === await log.head(), 5000, 'the first catch-up');
      assert.equal(first.status().due, 0, 'history recompiles nobody');

      await log.append([{ event: compiled('b.test', [], [key('b.test', 'K3')]) }]);
      await eventually(async () => first.status().position === await log.head() && first.status().due === 1, 5000, 'a due while admission is full');
      await first.close();
      assert.equal((await requests()).length, 0);

      const second = new DependencyTracker({ log, checkpoints, admission: new AdmissionController({ highWater: 4 }), projected: () => Number.MAX_SAFE_INTEGER, logger: QUIET }, { retryMs: 20 });
      await second.start();
      await eventually(async () => (await requests()).length === 1, 5000, 'the recompile after the restart');
      await second.close();
      const [r] = await requests();
      assert.deepEqual([r!.stream, r!.data.reason, r!.data.from], ['a.test', 'dependency', 'b.test']);
    } finally {
      await log.close();
      checkpoints.close();
    }
  });
});
