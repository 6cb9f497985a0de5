import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FactsSubmitted, ReportSubmitted } from '../../../core/events/event.types.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import { storeconfigsQueries } from '../../../projections/storeconfigs/storeconfigs.queries.js';
import {
  catalogSubmitted, deactivated, dumpTables, recorded, resource, storeCatalog, tmpFiles,
} from '../storeconfigs.fixture.js';

const files = tmpFiles('troupe-sc-');

const facts = (certname: string, ts: string, id: string, values: Record<string, unknown> = {}): FactsSubmitted => ({
  type: 'facts_submitted', id, stream: certname, time: ts, meta: { source: 'test' },
  data: { environment: 'production', producerTimestamp: ts, producer: 'p', values },
});
const report = (certname: string, ts: string, id: string): ReportSubmitted => ({
  type: 'report_submitted', id, stream: certname, time: ts, meta: { source: 'test' },
  data: {
    environment: 'production', producerTimestamp: ts, status: 'unchanged', noop: false, configurationVersion: '1',
    transactionUuid: null, catalogUuid: null, startTime: ts, endTime: ts, puppetVersion: '7.23.0', body: { logs: [] },
  },
});
const at = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

describe('StoreconfigsProjection semantics', () => {
  it('replaces facts, ignores older ones, and removes facts no longer sent', async () => {
    const p = StoreconfigsProjection.open({ path: files.path() });
    p.apply(recorded([
      facts('a', at(2), 'f2', { os: 'debian', kernel: 'linux' }),
      facts('a', at(1), 'f1', { os: 'old' }),
      facts('a', at(3), 'f3', { os: 'debian', uptime: 5 }),
    ]));
    const q = storeconfigsQueries(p.database.db);
    assert.deepEqual(await q.facts('a'), { os: 'debian', uptime: 5 });
    assert.equal((await q.node('a'))?.factsTimestamp, at(3));
    await p.close();
  });

  it('rewrites resources only when the catalog hash changes; otherwise metadata only', async () => {
    const p = StoreconfigsProjection.open({ path: files.path() });
    const rs = [resource('Class', 'main'), resource('File', '/etc/motd', { parameters: { content: 'hi' } })];
    p.apply(recorded([catalogSubmitted('a', storeCatalog(rs, { version: '1', producerTimestamp: at(1) }), 'c1')]));
    const before = p.database.raw.prepare('SELECT rowid, * FROM resources ORDER BY rowid').all();
    p.apply(recorded([catalogSubmitted('a', storeCatalog(rs, { version: '2', catalogUuid: 'c-2', producerTimestamp: at(2) }), 'c2')], 1));
    const after = p.database.raw.prepare('SELECT rowid, * FROM resources ORDER BY rowid').all();
    assert.deepEqual(after, before, 'same rows, same rowids: nothing rewritten');
    const q = storeconfigsQueries(p.database.db);
    const stored = await q.catalog('a');
    assert.equal(stored?.catalog.version, '2');
    assert.equal(stored?.catalog.catalogUuid, 'c-2');
    assert.equal(stored?.catalog.resources.length, 2);

    const changed = [rs[0]!, resource('File', '/etc/motd', { parameters: { content: 'bye' } })];
    p.apply(recorded([catalogSubmitted('a', storeCatalog(changed, { version: '3', producerTimestamp: at(3) }), 'c3')], 2));
    const params = p.database.raw.prepare("SELECT parameters FROM resources WHERE title = '/etc/motd'").pluck().get();
    assert.equal(params, '{"content":"bye"}');
    assert.notEqual((await q.catalog('a'))?.hash, stored?.hash);
    // An older catalog arriving late changes nothing.
    const snapshot = dumpTables(p.database.raw);
    p.apply(recorded([catalogSubmitted('a', storeCatalog(rs, { version: '0', producerTimestamp: at(0) }), 'c0')], 3));
    const later = dumpTables(p.database.raw);
    assert.deepEqual({ ...later, checkpoint: [] }, { ...snapshot, checkpoint: [] });
    await p.close();
  });

  it('deactivates a node until a newer command, not an older one, reactivates it', async () => {
    const p = StoreconfigsProjection.open({ path: files.path() });
    const q = storeconfigsQueries(p.database.db);
    p.apply(recorded([facts('a', at(1), 'f1'), deactivated('a', at(5), 'd1'), report('a', at(3), 'r-old')]));
    assert.equal((await q.node('a'))?.deactivated, at(5));
    assert.deepEqual((await q.listNodes({ includeDeactivated: false })).map((n) => n.certname), []);
    p.apply(recorded([facts('a', at(6), 'f2')], 3));
    assert.equal((await q.node('a'))?.deactivated, null);
    // A deactivation older than the newest facts arrives late: stays active.
    p.apply(recorded([deactivated('a', at(4), 'd0')], 4));
    assert.equal((await q.node('a'))?.deactivated, null);
    // Deactivating an unknown node records it deactivated, as PuppetDB does.
    p.apply(recorded([deactivated('b', at(1), 'd2')], 5));
    assert.deepEqual((await q.listNodes()).map((n) => [n.certname, n.deactivated]), [['a', null], ['b', at(1)]]);
    await p.close();
  });

  it('keeps only the newest reports per node, by producer timestamp', async () => {
    const p = StoreconfigsProjection.open({ path: files.path(), reportRetention: 3 });
    const order = [4, 1, 6, 2, 5, 3, 0];
    p.apply(recorded(order.map((m) => report('a', at(m), `r${m}`))));
    p.apply(recorded([report('b', at(1), 'b1')], order.length));
    const q = storeconfigsQueries(p.database.db);
    assert.deepEqual((await q.reports('a')).map((r) => r.eventId), ['r6', 'r5', 'r4']);
    assert.equal((await q.reports('b')).length, 1);
    assert.equal((await q.node('a'))?.reportTimestamp, at(6));
    await p.close();
  });

  it('skips events at or below the checkpoint and survives reopening', async () => {
    const path = files.path();
    const p = StoreconfigsProjection.open({ path });
    const events = recorded([facts('a', at(1), 'f1', { x: 1 }), facts('b', at(1), 'f2')]);
    assert.deepEqual(p.apply(events), { applied: 2, skipped: 0, failed: [], position: 2 });
    await p.close();
    const again = StoreconfigsProjection.open({ path });
    assert.equal(again.checkpoint, 2);
    assert.deepEqual(again.apply(events), { applied: 0, skipped: 2, failed: [], position: 2 });
    await again.close();
  });

  it('finds active nodes by fact path and by declared class', async () => {
    const p = StoreconfigsProjection.open({ path: files.path() });
    p.apply(recorded([
      facts('a', at(1), 'f1', { os: { family: 'Debian', release: { major: 12 } }, virtual: true, port: '80' }),
      facts('b', at(1), 'f2', { os: { family: 'RedHat', release: { major: 9 } }, virtual: false, port: 80 }),
      facts('c', at(1), 'f3', { os: { family: 'Debian' } }),
      deactivated('c', at(2), 'd1'),
      catalogSubmitted('b', storeCatalog([resource('Class', 'Profile::Web')], { producerTimestamp: at(1) }), 'c1'),
    ]));
    const q = storeconfigsQueries(p.database.db);
    assert.deepEqual(await q.nodesWithFact('os.family', 'Debian'), ['a']);
    assert.deepEqual(await q.nodesWithFact('os.release.major', 9), ['b']);
    assert.deepEqual(await q.nodesWithFact('virtual', true), ['a']);
    assert.deepEqual(await q.nodesWithFact('port', 80), ['b'], 'types compare exactly');
    assert.deepEqual(await q.nodesWithClass('profile::web'), ['b']);
    await p.close();
  });

  it('applies a batch given out of order in position order', async () => {
    const inOrder = StoreconfigsProjection.open({ path: files.path() });
    const shuffled = StoreconfigsProjection.open({ path: files.path() });
    const events = recorded([facts('a', at(1), 'f1', { x: 1 }), report('a', at(2), 'r1'), deactivated('a', at(3), 'd1')]);
    inOrder.apply(events);
    assert.deepEqual(shuffled.apply([events[2]!, events[0]!, events[1]!]), { applied: 3, skipped: 0, failed: [], position: 3 });
    assert.deepEqual(dumpTables(shuffled.database.raw), dumpTables(inOrder.database.raw));
    await inOrder.close();
    await shuffled.close();
  });
});
