import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogHash } from '../../../core/catalog/catalog-hash.js';
import type { PuppetCatalog } from '../../../core/catalog/puppet-catalog.types.js';
import { compiledCatalogHash, toStoreCatalog } from '../../../core/catalog/store-catalog.js';
import type { CatalogCompiled, CatalogRequested, CodeDeployed, CompileFailed } from '../../../core/events/event.types.js';
import { openStoreconfigsDatabase } from '../../../projections/storeconfigs/storeconfigs.database.js';
import { StoreconfigsProjection } from '../../../projections/storeconfigs/storeconfigs.projection.js';
import { storeconfigsQueries } from '../../../projections/storeconfigs/storeconfigs.queries.js';
import { recorded, tmpFiles } from '../storeconfigs.fixture.js';

const files = tmpFiles('troupe-compiled-');
const catalog: PuppetCatalog = {
  tags: ['settings'], name: 'a', version: 1700000000, code_id: 'abc', catalog_uuid: 'u-1', catalog_format: 1,
  environment: 'production', classes: ['main'],
  resources: [
    { type: 'Class', title: 'main', tags: ['class'], exported: false },
    { type: 'Package', title: 'nginx', tags: ['package'], exported: false, parameters: { ensure: 'installed' } },
    { type: 'Service', title: 'nginx', tags: ['service'], exported: false, parameters: { require: 'Package[nginx]' } },
  ],
  edges: [{ source: 'Class[main]', target: 'Package[nginx]' }, { source: 'Class[main]', target: 'Service[nginx]' }],
};
const compiled = (id: string, time: string, c: PuppetCatalog = catalog): CatalogCompiled => ({
  type: 'catalog_compiled', id, stream: 'a', time, meta: { source: 'actor' },
  data: { requestIds: ['r'], hash: compiledCatalogHash(c), previousHash: null, compiler: 'builtin', durationMs: 5, catalog: c },
});

describe('compiled catalogs, compile failures and code deploys', () => {
  it('stores a compiled catalog in store form with relationship edges and the compiler', async () => {
    const p = StoreconfigsProjection.open({ path: files.path() });
    const failed: CompileFailed = { type: 'compile_failed', id: 'f', stream: 'a', time: '2026-01-01T00:00:00Z', meta: { source: 'actor' },
      data: { requestIds: ['r0'], environment: 'production', compiler: 'builtin', durationMs: 3, error: { code: 'syntax', message: 'boom', line: 3 } } };
    const deployed: CodeDeployed = { type: 'code_deployed', id: 'd', stream: '$code', time: '2026-01-01T00:00:00Z', meta: { source: 'cli' },
      data: { environment: 'production', codeId: 'abc' } };
    p.apply(recorded([failed, deployed, compiled('c1', '2026-01-01T00:01:00Z')]));
    const stored = await storeconfigsQueries(p.database.db).catalog('a');
    const expected = toStoreCatalog(catalog, { producerTimestamp: '2026-01-01T00:01:00Z', producer: null, transactionUuid: null });
    assert.equal(stored?.hash, catalogHash(expected));
    assert.equal(stored?.compiler, 'builtin');
    assert.equal(stored?.source, 'compiled');
    assert.equal(stored?.catalog.version, '1700000000');
    assert.deepEqual(stored?.catalog.edges.map((e) => e.relationship).sort(), ['contains', 'contains', 'required-by']);
    const raw = p.database.raw;
    assert.equal(raw.prepare('SELECT count(*) FROM edges').pluck().get(), 3);
    assert.deepEqual(raw.prepare('SELECT certname, compiler, error FROM compile_failures').raw().all(),
      [['a', 'builtin', JSON.stringify({ code: 'syntax', message: 'boom', line: 3 })]]);
    assert.deepEqual(raw.prepare('SELECT environment, code_id FROM environments').raw().all(), [['production', 'abc']]);

    // The same resources compiled again: metadata only.
    p.apply(recorded([compiled('c2', '2026-01-01T00:02:00Z', { ...catalog, version: 2, catalog_uuid: 'u-2' })], 3));
    const again = await storeconfigsQueries(p.database.db).catalog('a');
    assert.equal(again?.hash, stored?.hash);
    assert.equal(again?.catalog.catalogUuid, 'u-2');
    await p.close();
  });

  it("lists each node's newest compile failure, current until a catalog is stored after it", async () => {
    const p = StoreconfigsProjection.open({ path: files.path() });
    const failure = (id: string, stream: string, time: string, message: string): CompileFailed => ({
      type: 'compile_failed', id, stream, time, meta: { source: 'actor' },
      data: { requestIds: [`r-${id}`], environment: 'production', compiler: 'builtin', durationMs: 3, error: { code: 'compile_failed', message } },
    });
    p.apply(recorded([
      failure('f1', 'a', '2026-01-01T00:00:00.000Z', 'first'), failure('f2', 'b', '2026-01-01T00:00:30.000Z', 'b broke'),
      failure('f3', 'a', '2026-01-01T00:00:40.000Z', 'second'),
    ]));
    const q = storeconfigsQueries(p.database.db);
    assert.deepEqual((await q.compileFailures()).map((f) => [f.certname, f.error.message, f.current]), [['a', 'second', true], ['b', 'b broke', true]]);
    p.apply(recorded([compiled('c1', '2026-01-01T00:01:00.000Z')], 4));
    assert.deepEqual((await q.compileFailures()).map((f) => [f.certname, f.current]), [['a', false], ['b', true]]);
    assert.deepEqual((await q.compileFailures(1)).map((f) => f.certname), ['a']);
    await p.close();
  });

  it('migrates idempotently and opens read-only for queries', async () => {
    const path = files.path();
    const p = StoreconfigsProjection.open({ path });
    p.apply(recorded([compiled('c1', '2026-01-01T00:01:00Z')]));
    await p.close();
    const reopened = StoreconfigsProjection.open({ path });
    assert.equal(reopened.checkpoint, 1);
    const reader = openStoreconfigsDatabase({ path, readonly: true });
    assert.equal((await storeconfigsQueries(reader.db).node('a'))?.catalogHash !== null, true);
    assert.throws(() => reader.raw.exec('DELETE FROM nodes'));
    await reader.close();
    await reopened.close();
  });

  it('refuses a file written by a newer schema', () => {
    const path = files.path();
    const db = openStoreconfigsDatabase({ path });
    db.raw.pragma('user_version = 99');
    db.raw.close();
    assert.throws(() => openStoreconfigsDatabase({ path }), /schema version 99/);
  });
});

describe('transaction uuids of compiled catalogs', () => {
  it('come from the catalog_requested events the compile answers, which are then forgotten', async () => {
    const p = StoreconfigsProjection.open({ path: files.path() });
    const request = (id: string, transactionUuid: string | null): CatalogRequested => ({
      type: 'catalog_requested', id, stream: 'a', time: '2026-01-01T00:00:00Z', meta: { source: 'http' },
      data: { environment: 'production', reason: 'agent', priority: 0, transactionUuid },
    });
    const answer = { ...compiled('c1', '2026-01-01T00:01:00Z'), data: { ...compiled('c1', '').data, requestIds: ['r1', 'r2', 'r3'] } };
    p.apply(recorded([request('r1', 't-1'), request('r2', 't-2'), request('r3', null), request('r4', 't-4'), answer]));
    assert.equal((await storeconfigsQueries(p.database.db).catalog('a'))?.catalog.transactionUuid, 't-2');
    assert.deepEqual(p.database.raw.prepare('SELECT event_id FROM compile_requests').pluck().all(), ['r4']);
    await p.close();
  });
});
