import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CatalogCompiled, CompileAborted, CompileFailed, RecordedEvent } from '../../../core/events/event.types.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { TroupeApp } from '../../../ops/app/troupe-app.js';
import { eventually } from '../../support/eventually.js';
import { factsEvent, requestEvent } from '../../support/events.fixture.js';
import { testConfig } from '../../support/servers/troupe-instance.js';

const compiledFor = (requestId: string, certname: string): CatalogCompiled => ({
  type: 'catalog_compiled', id: randomUUID(), stream: certname, time: new Date().toISOString(), meta: { source: 'actor' },
  data: {
    requestIds: [requestId], hash: 'h', previousHash: null, compiler: 'static', durationMs: 1,
    catalog: { tags: [], name: certname, version: 1, code_id: null, catalog_uuid: randomUUID(), catalog_format: 1, environment: 'production', resources: [], edges: [], classes: [] },
  },
});

const abortedFor = (requestId: string, certname: string): CompileAborted => ({
  type: 'compile_aborted', id: randomUUID(), stream: certname, time: new Date().toISOString(), meta: { source: 'actor' },
  data: { requestIds: [requestId], environment: 'production', reason: 'worker_died', detail: 'actor worker 1 died (SIGKILL)' },
});

describe('node router recovery', () => {
  it('never re-runs a request past its attempt limit after a restart, and quarantines its node until its facts change', async () => {
    const config = testConfig();
    const log = new SqliteEventLog({ path: join(config.dataDir, 'events.db') });
    const poison = requestEvent('poison.example.com');
    const innocent = requestEvent('web3.example.com');
    await log.append([
      { event: factsEvent('poison.example.com', { a: 1 }) }, { event: poison }, { event: abortedFor(poison.id, 'poison.example.com') },
      { event: factsEvent('web3.example.com') }, { event: innocent },
    ]);
    await log.close();

    const app = await TroupeApp.open(config);
    try {
      const outcomes = async () => (await app.log.read(0)).filter((e) => e.type === 'catalog_compiled' || e.type === 'compile_failed');
      await eventually(async () => (await outcomes()).length === 2, 5000, 'both requests answered');
      const failed = (await outcomes()).find((e) => e.stream === 'poison.example.com') as RecordedEvent<CompileFailed>;
      assert.equal(failed.type, 'compile_failed', 'aborted once before, interrupted once now: not compiled a third time');
      assert.equal(failed.data.error.code, 'compile_aborted');
      assert.match(failed.data.error.message, /aborted 2 times/);
      assert.equal((await outcomes()).find((e) => e.stream === 'web3.example.com')!.type, 'catalog_compiled', 'the rest of the fleet is served');

      // The same facts again: refused at once, no compile.
      const again = requestEvent('poison.example.com');
      await app.log.append([{ event: factsEvent('poison.example.com', { a: 1 }) }, { event: again }]);
      await eventually(async () => (await outcomes()).some((e) => (e as RecordedEvent<CompileFailed>).data.requestIds.includes(again.id)), 5000, 'quarantined answer');
      const refused = (await outcomes()).find((e) => (e as RecordedEvent<CompileFailed>).data.requestIds.includes(again.id)) as RecordedEvent<CompileFailed>;
      assert.equal(refused.data.error.code, 'compile_quarantined');

      // New facts lift the quarantine.
      const changed = requestEvent('poison.example.com');
      await app.log.append([{ event: factsEvent('poison.example.com', { a: 2 }) }, { event: changed }]);
      await eventually(async () => (await outcomes()).some((e) => (e as RecordedEvent<CompileFailed>).data.requestIds.includes(changed.id)), 5000, 'compiled after new facts');
      assert.equal((await outcomes()).find((e) => (e as RecordedEvent<CompileFailed>).data.requestIds.includes(changed.id))!.type, 'catalog_compiled');
    } finally {
      await app.close();
    }
  });

  it('compiles exactly the requests the log shows unanswered after a restart', async () => {
    const config = testConfig();
    const log = new SqliteEventLog({ path: join(config.dataDir, 'events.db') });
    const answered = requestEvent('web1.example.com');
    const pending = requestEvent('web2.example.com');
    await log.append([
      { event: factsEvent('web1.example.com') }, { event: answered }, { event: compiledFor(answered.id, 'web1.example.com') },
      { event: factsEvent('web2.example.com') }, { event: pending },
    ]);
    await log.close();

    const app = await TroupeApp.open(config);
    const compiled = async () => (await app.log.read(0)).filter((e): e is RecordedEvent<CatalogCompiled> => e.type === 'catalog_compiled');
    await eventually(async () => (await compiled()).length === 2, 5000, 'two compiles');
    await new Promise((r) => setTimeout(r, 200));
    const all = await compiled();
    assert.equal(all.length, 2, 'the answered request is not compiled again');
    assert.deepEqual(all[1]!.data.requestIds, [pending.id]);
    assert.equal(all[1]!.data.catalog.name, 'web2.example.com');
    await app.close();

    // A second restart finds nothing left to do.
    const again = await TroupeApp.open(config);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await again.log.read(0)).filter((e) => e.type === 'catalog_compiled').length, 2);
    await again.close();
  });

  it('records a compile failure, never crashes, when a node has no facts or no catalog matches', async () => {
    const config = testConfig({ staticDir: '/nonexistent' });
    const app = await TroupeApp.open(config);
    const req = requestEvent('lonely.example.com');
    await app.log.append([{ event: req }]);
    await eventually(async () => (await app.log.readStream('lonely.example.com')).length === 2, 5000, 'the compile failure');
    const [, failed] = await app.log.readStream('lonely.example.com');
    assert.equal(failed?.type, 'compile_failed');
    assert.equal(failed?.type === 'compile_failed' && failed.data.error.code, 'no_facts');
    await app.close();
  });
});
