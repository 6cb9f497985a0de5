import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorType } from '@kurrent/kurrentdb-client';
import type { CatalogBody, CatalogMetadata } from '../../../../core/catalog/puppet-catalog.types.js';
import { isResourceFault, type Degradation } from '../../../../core/errors/resource-fault.js';
import type { CatalogSubmitted } from '../../../../core/events/event.types.js';
import { KurrentEventLog } from '../../../../core/log/kurrentdb/event-log.kurrentdb.js';
import type { KurrentLogClient } from '../../../../core/log/kurrentdb/kurrentdb-log-client.js';
import { eventually } from '../../../support/eventually.js';
import { factsEvent, requestEvent } from '../../../support/events.fixture.js';
import { KurrentDbMockServer } from '../../../support/kurrentdb-client.mock.js';

// The adapter's own logic against an in-memory MOCK of the client API
// (test/support/kurrentdb-client.mock.ts): NOT evidence about a real server.

/** A client of `server` that counts the appends KurrentDB refused with WrongExpectedVersion. */
function countingConflicts(server: KurrentDbMockServer): { client: KurrentLogClient; conflicts: () => number } {
  const client = server.client();
  let conflicts = 0;
  const append = client.multiStreamAppend.bind(client);
  client.multiStreamAppend = (requests) => append(requests).catch((e: unknown) => {
    if ((e as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION) conflicts++;
    throw e;
  });
  return { client, conflicts: () => conflicts };
}

const catalogEvent = (certname: string, data: CatalogSubmitted['data']): CatalogSubmitted => ({
  ...factsEvent(certname), type: 'catalog_submitted', data,
});

describe('KurrentEventLog on a client MOCK', () => {
  it('lays the log out as one log stream, a stream of links per node and one id marker per event', async () => {
    const server = new KurrentDbMockServer();
    const log = await KurrentEventLog.open({ client: server.client(), streamPrefix: 'x-' });
    const [a1, b1, a2] = [factsEvent('a'), factsEvent('b'), requestEvent('a')];
    await log.append([{ event: a1 }, { event: b1 }, { event: a2 }]);
    assert.deepEqual(server.streamNames().sort(), ['x-id-' + a1.id, 'x-id-' + a2.id, 'x-id-' + b1.id, 'x-log', 'x-node-a', 'x-node-b'].sort());
    assert.deepEqual(server.records('x-log')!.map((r) => [r.revision, r.id, r.type]), [[0n, a1.id, a1.type], [1n, b1.id, b1.type], [2n, a2.id, a2.type]]);
    assert.deepEqual(server.records('x-node-a')!.map((r) => [r.type, new TextDecoder().decode(r.data as Uint8Array)]), [['$>', '0@x-log'], ['$>', '2@x-log']]);
    await log.close();
  });

  it('re-plans a group another writer raced: each caller is told the position its event really has', async () => {
    const server = new KurrentDbMockServer();
    const first = countingConflicts(server);
    const second = countingConflicts(server);
    const logs = await Promise.all([KurrentEventLog.open({ client: first.client }), KurrentEventLog.open({ client: second.client })]);
    const events = Array.from({ length: 10 }, (_, i) => factsEvent(`n${i}`));
    const out = await Promise.all(events.map((event, i) => logs[i % 2]!.append([{ event }])));
    assert.ok(first.conflicts() + second.conflicts() > 0, 'the writers never raced: the test proves nothing');
    const stored = new Map((await logs[0]!.read(0)).map((e) => [e.id, e.position]));
    assert.deepEqual(out.map((o) => o[0]!.status === 'appended' && o[0]!.position), events.map((e) => stored.get(e.id)));
    assert.deepEqual([...stored.values()].sort((a, b) => a - b), Array.from({ length: 10 }, (_, i) => i + 1));
    await Promise.all(logs.map((l) => l.close()));
  });

  it('writes a group over maxAppendBytes as several appends of whole callers, positions in call order', async () => {
    const server = new KurrentDbMockServer();
    const client = server.client();
    const sizes: number[] = [];
    const append = client.multiStreamAppend.bind(client);
    client.multiStreamAppend = (requests) => {
      sizes.push(requests.find((r) => r.streamName === 'troupe-log')!.events.length);
      return append(requests);
    };
    const log = await KurrentEventLog.open({ client, maxAppendBytes: 2_000 });
    const calls = Array.from({ length: 6 }, (_, i) => log.append([{ event: factsEvent(`n${i}`) }, { event: requestEvent(`n${i}`) }]));
    const out = await Promise.all(calls);
    assert.ok(sizes.length > 1, `one append of ${sizes}`);
    assert.ok(sizes.every((n) => n % 2 === 0), `a caller was split: ${sizes}`);
    assert.deepEqual(out.flat().map((o) => o.status === 'appended' && o.position), Array.from({ length: 12 }, (_, i) => i + 1));
    await log.close();
  });

  it('fails a group with log_write_failed once maxConflictRetries re-plans met a moved head, storing none of it', async () => {
    const server = new KurrentDbMockServer();
    const [a, b] = await Promise.all([0, 0].map(() => KurrentEventLog.open({ client: server.client(), maxConflictRetries: 0 })));
    const results = await Promise.allSettled([a!.append([{ event: factsEvent('a') }]), b!.append([{ event: factsEvent('b') }])]);
    const failed = results.filter((r) => r.status === 'rejected');
    assert.equal(failed.length, 1, JSON.stringify(results));
    assert.equal(((failed[0] as PromiseRejectedResult).reason as { code?: string }).code, 'log_write_failed');
    assert.equal(await a!.head(), 1);
    await Promise.all([a!.close(), b!.close()]);
  });

  it('reports an unreachable server as a resource fault, degrades, and recovers by a probe', async () => {
    const server = new KurrentDbMockServer();
    const changes: (Degradation | undefined)[] = [];
    const log = await KurrentEventLog.open({ client: server.client(), backoff: { initialMs: 5, maxMs: 5 }, onHealthChange: (now) => changes.push(now) });
    server.failNextCalls(1);
    const e = await log.append([{ event: factsEvent('a') }]).then(() => undefined, (x: unknown) => x);
    assert.equal((e as { code?: string })?.code, 'log_write_failed');
    assert.ok(isResourceFault(e), String(e));
    assert.match(log.degradation?.reason ?? '', /KURRENTDB_UNAVAILABLE/);
    await eventually(() => log.degradation === undefined);
    assert.deepEqual(changes.map((c) => c?.component), ['log', undefined]);
    server.failNextCalls(1);
    await assert.rejects(log.read(0), (x: unknown) => (x as { code?: string }).code === 'log_read_failed' && isResourceFault(x));
    assert.deepEqual((await log.append([{ event: factsEvent('a') }])).map((o) => o.status), ['appended']);
    await log.close();
  });

  it("looks up a batch's catalogs recorded by reference, only on the referring node's stream", async () => {
    const log = await KurrentEventLog.open({ client: new KurrentDbMockServer().client() });
    const metadata: CatalogMetadata = {
      version: '1', environment: 'production', transactionUuid: null, catalogUuid: null, codeId: null,
      producerTimestamp: new Date().toISOString(), producer: null,
    };
    const body: CatalogBody = { resources: [{ type: 'File', title: '/etc/motd', tags: ['file'], exported: false, parameters: { content: 'hi' } }], edges: [] };
    const full = catalogEvent('web1', { catalog: { ...metadata, ...body }, hash: 'h1' });
    const ref = catalogEvent('web1', { catalog: metadata, hash: 'h1', bodyOf: full.id });
    await log.append([{ event: full }, { event: ref }]);
    const lookup = await log.catalogBodiesFor(await log.read(1));
    assert.deepEqual(lookup(full.id, 'web1'), body);
    assert.equal(lookup(full.id, 'web2'), undefined);
    assert.equal(lookup('no-such-event', 'web1'), undefined);
    await log.close();
  });

  it('finds the last position recorded at or before a time', async () => {
    const log = await KurrentEventLog.open({ client: new KurrentDbMockServer().client() });
    for (let i = 0; i < 3; i++) await log.append([{ event: factsEvent('a') }]);
    await new Promise((r) => setTimeout(r, 20));
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await log.append([{ event: factsEvent('b') }, { event: factsEvent('c') }]);
    assert.equal(await log.positionAt('2000-01-01T00:00:00.000Z'), 0);
    assert.equal(await log.positionAt(between), 3);
    assert.equal(await log.positionAt(new Date(Date.now() + 60_000).toISOString()), 5);
    await log.close();
  });

  it('wakes a subscriber on another instance by the live subscription, long before its poll interval', async () => {
    const server = new KurrentDbMockServer();
    const reader = await KurrentEventLog.open({ client: server.client(), pollIntervalMs: 60_000 });
    const writer = await KurrentEventLog.open({ client: server.client() });
    const seen: number[] = [];
    let caughtUp = false;
    const sub = reader.subscribe({ from: 0, handler: (b) => { seen.push(...b.map((e) => e.position)); }, onCaughtUp: () => { caughtUp = true; } });
    await eventually(() => caughtUp);
    const started = Date.now();
    await writer.append([{ event: factsEvent('a') }]);
    await eventually(() => seen.length === 1);
    assert.ok(Date.now() - started < 5_000);
    await sub.close();
    await Promise.all([reader.close(), writer.close()]);
  });

  it('refuses options it cannot use with config_invalid', async () => {
    await assert.rejects(KurrentEventLog.open({}), { code: 'config_invalid' });
    await assert.rejects(KurrentEventLog.open({ connectionString: 'http://not-kurrent' }), { code: 'config_invalid' });
    await assert.rejects(KurrentEventLog.open({ client: new KurrentDbMockServer().client(), streamPrefix: '$sys-' }), { code: 'config_invalid' });
    await assert.rejects(KurrentEventLog.open({ client: new KurrentDbMockServer().client(), maxConflictRetries: -1 }), { code: 'config_invalid' });
  });
});
