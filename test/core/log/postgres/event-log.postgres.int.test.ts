import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { CatalogBody, CatalogMetadata } from '../../../../core/catalog/puppet-catalog.types.js';
import type { Degradation } from '../../../../core/errors/resource-fault.js';
import { isResourceFault } from '../../../../core/errors/resource-fault.js';
import type { CatalogSubmitted } from '../../../../core/events/event.types.js';
import { PostgresEventLog } from '../../../../core/log/postgres/event-log.postgres.js';
import { eventually } from '../../../support/eventually.js';
import { factsEvent, reportEvent } from '../../../support/events.fixture.js';
import { isLean } from '../../../../core/log/lean-event.js';
import { postgresSkip, testPostgres } from '../../../support/postgres.fixture.js';

const server = postgresSkip ? undefined : testPostgres();
after(() => server?.stop());

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await server!.adminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const catalogEvent = (certname: string, data: CatalogSubmitted['data']): CatalogSubmitted => ({
  ...factsEvent(certname), type: 'catalog_submitted', data,
});

describe('PostgresEventLog', { skip: postgresSkip }, () => {
  it('wakes a subscriber on another instance by NOTIFY, long before its poll interval', async () => {
    const url = await server!.newDatabase();
    const reader = await PostgresEventLog.open({ connectionString: url, pollIntervalMs: 60_000 });
    const writer = await PostgresEventLog.open({ connectionString: url });
    const seen: number[] = [];
    const sub = reader.subscribe({ from: 0, handler: (b) => { seen.push(...b.map(() => Date.now())); } });
    await new Promise((r) => setTimeout(r, 300)); // LISTEN is up
    const sent = Date.now();
    await writer.append([{ event: factsEvent('a') }]);
    await eventually(() => seen.length === 1, 5_000, 'the notified event');
    assert.ok(seen[0]! - sent < 1_000, `delivered after ${seen[0]! - sent} ms`);
    await sub.close();
    await Promise.all([reader.close(), writer.close()]);
  });

  it('keeps delivering by polling while its LISTEN connection is gone, and listens again', async () => {
    const url = await server!.newDatabase();
    const database = new URL(url).pathname.slice(1);
    const reader = await PostgresEventLog.open({ connectionString: url, pollIntervalMs: 200 });
    const writer = await PostgresEventLog.open({ connectionString: url });
    const seen: string[] = [];
    const sub = reader.subscribe({ from: 0, handler: (b) => { seen.push(...b.map((e) => e.id)); } });
    const listeners = (): Promise<number> => admin(async (c) => (await c.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'", [database])).rows[0].n);
    await eventually(async () => (await listeners()) === 1, 5_000, 'the LISTEN connection');
    await admin((c) => c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'", [database]));
    const e = factsEvent('a');
    await writer.append([{ event: e }]);
    await eventually(() => seen.length === 1, 5_000, 'the polled event');
    assert.deepEqual(seen, [e.id]);
    await eventually(async () => (await listeners()) === 1, 10_000, 'LISTEN again');
    await sub.close();
    await Promise.all([reader.close(), writer.close()]);
  });

  it('is degraded while commits fail for want of a connection, refusing those appends, and recovers by itself', async () => {
    const role = `r${process.pid}`;
    await admin(async (c) => {
      await c.query(`CREATE ROLE ${role} LOGIN`);
      await c.query(`CREATE DATABASE ${role} OWNER ${role}`);
    });
    const url = new URL(await server!.adminUrl());
    url.username = role;
    url.pathname = `/${role}`;
    const changes: (Degradation | undefined)[] = [];
    const log = await PostgresEventLog.open({
      connectionString: url.href, backoff: { initialMs: 50, maxMs: 200 }, onHealthChange: (now) => changes.push(now),
    });
    await log.append([{ event: factsEvent('a') }]);
    await admin(async (c) => {
      await c.query(`ALTER ROLE ${role} CONNECTION LIMIT 0`);
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
    });
    const failed = await log.append([{ event: factsEvent('b') }]).then(() => undefined, (e: unknown) => e);
    assert.equal((failed as { code?: string })?.code, 'log_write_failed');
    assert.ok(isResourceFault(failed), String(failed));
    assert.equal(log.degradation?.component, 'log');
    await admin((c) => c.query(`ALTER ROLE ${role} CONNECTION LIMIT -1`));
    await eventually(() => log.degradation === undefined, 10_000, 'recovery');
    assert.deepEqual(changes.map((d) => d === undefined), [false, true]);
    const [ok] = await log.append([{ event: factsEvent('b') }]);
    assert.equal(ok?.status === 'appended' && ok.position, 2);
    await log.close();
  });

  it('lets instances starting together create the schema once, all of them opening', async () => {
    const url = await server!.newDatabase();
    const logs = await Promise.all(Array.from({ length: 4 }, () => PostgresEventLog.open({ connectionString: url })));
    const outcomes = await Promise.all(logs.map((log, i) => log.append([{ event: factsEvent(`n${i}`) }])));
    assert.deepEqual(outcomes.flat().map((o) => o.status === 'appended' && o.position).sort(), [1, 2, 3, 4]);
    await Promise.all(logs.map((l) => l.close()));
  });

  it('refuses to open on a server that does not answer, with a resource fault', async () => {
    const e = await PostgresEventLog.open({ connectionString: 'postgres://troupe@127.0.0.1:1/nothing' }).then(() => undefined, (x: unknown) => x);
    assert.equal((e as { code?: string })?.code, 'log_write_failed');
    assert.ok(isResourceFault(e), String(e));
  });

  it("looks up a batch's catalogs recorded by reference in one go, only on the referring node's stream", async () => {
    const log = await PostgresEventLog.open({ connectionString: await server!.newDatabase() });
    const metadata: CatalogMetadata = {
      version: '1', environment: 'production', transactionUuid: null, catalogUuid: null, codeId: null,
      producerTimestamp: new Date().toISOString(), producer: null,
    };
    const body: CatalogBody = { resources: [{ type: 'File', title: '/etc/motd', tags: ['file'], exported: false, parameters: { content: 'hi' } }], edges: [] };
    const full = catalogEvent('web1', { catalog: { ...metadata, ...body }, hash: 'h1' });
    const ref = catalogEvent('web1', { catalog: metadata, hash: 'h1', bodyOf: full.id });
    await log.append([{ event: full }, { event: ref }]);
    const batch = await log.read(1);
    const lookup = await log.catalogBodiesFor(batch);
    assert.deepEqual(lookup(full.id, 'web1'), body);
    assert.equal(lookup(full.id, 'web2'), undefined);
    assert.equal(lookup('no-such-event', 'web1'), undefined);
    await log.close();
  });

  it('stores a lean copy of events with bodies only, and reads events logged before it whole', async () => {
    const url = await server!.newDatabase();
    const log = await PostgresEventLog.open({ connectionString: url });
    const [report, facts, older] = [reportEvent('a'), factsEvent('a'), reportEvent('b')];
    await log.append([{ event: report }, { event: facts }, { event: older }]);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const rows = (await db.query('SELECT position, lean FROM events ORDER BY position')).rows as { position: string; lean: string | null }[];
      assert.deepEqual(rows.map((r) => r.lean === null), [false, true, false]);
      assert.equal(rows[0]!.lean!.includes('"body"'), false);
      // As a log written before the column existed: no lean copy.
      await db.query('UPDATE events SET lean = NULL WHERE position = 3');
    } finally {
      await db.end();
    }
    const read = await log.read(0, { bodiesOf: () => false });
    assert.deepEqual(read.map(isLean), [true, false, false]);
    assert.deepEqual(read[2], { ...older, position: 3, version: 1 });
    await log.close();
  });

  it('finds the last position recorded at or before a time', async () => {
    const log = await PostgresEventLog.open({ connectionString: await server!.newDatabase() });
    await log.append([{ event: factsEvent('a') }]);
    await new Promise((r) => setTimeout(r, 20));
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await log.append([{ event: factsEvent('b') }]);
    assert.equal(await log.positionAt('2000-01-01T00:00:00.000Z'), 0);
    assert.equal(await log.positionAt(between), 1);
    assert.equal(await log.positionAt(new Date(Date.now() + 60_000).toISOString()), 2);
    await log.close();
  });
});
