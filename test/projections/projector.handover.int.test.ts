import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { EventLog } from '../../core/log/event-log.js';
import { PostgresEventLog } from '../../core/log/postgres/event-log.postgres.js';
import { PostgresStoreconfigsProjection } from '../../projections/postgres/storeconfigs.projection.postgres.js';
import { Projector } from '../../projections/projector.js';
import { eventually } from '../support/eventually.js';
import { postgresSkip, testPostgres } from '../support/postgres.fixture.js';
import { catalogSubmitted, resource, storeCatalog } from './storeconfigs.fixture.js';

const server = postgresSkip ? undefined : testPostgres();
after(() => server?.stop());

let ids = 0;
const catalogs = (n: number) => Array.from({ length: n }, (_, i) => {
  const id = `c${++ids}`;
  return { event: catalogSubmitted(`n${i % 4}.example`, storeCatalog([resource('Class', 'main'), resource('File', `/f${id}`)], { producerTimestamp: new Date(Date.now() + ids).toISOString() }), id) };
});

/** One instance: its own log connection (subscriptions counted) and projection, on the shared database. */
async function instance(connectionString: string) {
  const log = await PostgresEventLog.open({ connectionString });
  const projection = await PostgresStoreconfigsProjection.open({ connectionString });
  let subscriptions = 0;
  const counted: Pick<EventLog, 'subscribe'> = { subscribe: (o) => { subscriptions++; return log.subscribe(o); } };
  const projector = new Projector(counted, projection, { followEveryMs: 50, lingerMs: 0 });
  return {
    log, projection, projector,
    get subscriptions() { return subscriptions; },
    async close() { await projector.stop(); await projection.close(); await log.close(); },
  };
}

describe('Projector: one projecting instance, the others following', { skip: postgresSkip }, () => {
  it('projects on the leading instance only, hands over from the shared checkpoint, and applies every event once', async () => {
    const url = await server!.newDatabase();
    const [a, b] = [await instance(url), await instance(url)];
    try {
      await a.projector.project(true);
      await b.projector.project(false);
      await a.log.append(catalogs(12));
      await eventually(() => a.projector.position === 12 && b.projector.position === 12, 10_000, 'projected by a, followed by b');
      assert.equal(b.subscriptions, 0, 'the follower reads no event');
      assert.equal(b.projector.projecting, false);

      // Hand-over: b leads from the shared checkpoint (12), a follows.
      await a.projector.project(false);
      await b.projector.project(true);
      await b.log.append(catalogs(8));
      await eventually(() => b.projector.position === 20 && a.projector.position === 20, 10_000, 'projected by b, followed by a');
      assert.equal(b.subscriptions, 1);
      const db = b.projection.database.db;
      assert.equal((await db.selectFrom('projection_failures').selectAll().execute()).length, 0);
      const files = await db.selectFrom('resources').select('title').where('type', '=', 'File').execute();
      assert.equal(files.length, 4, "each node's newest catalog, once");
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('two projecting at once (an overlapping hand-over) still apply each event once', async () => {
    const url = await server!.newDatabase();
    const [a, b] = [await instance(url), await instance(url)];
    try {
      await Promise.all([a.projector.project(true), b.projector.project(true)]);
      await a.log.append(catalogs(30));
      await eventually(() => a.projector.position === 30 && b.projector.position === 30, 10_000, 'both at the head');
      assert.equal((await a.projection.database.db.selectFrom('projection_failures').selectAll().execute()).length, 0);
      assert.equal((await a.projection.database.db.selectFrom('resources').select('title').where('type', '=', 'File').execute()).length, 4);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a stop right after leaving the projection leaves nothing reading the closed projection', async () => {
    const url = await server!.newDatabase();
    const log = await PostgresEventLog.open({ connectionString: url });
    const projection = await PostgresStoreconfigsProjection.open({ connectionString: url });
    const errors: unknown[] = [];
    const projector = new Projector(log, projection, { followEveryMs: 20, onFollowError: (e) => errors.push(e) });
    await projector.project(true);
    void projector.project(false);
    // As the projection thread's messages arrive: the stop while the runner is still stopping.
    await new Promise((r) => setImmediate(r));
    await projector.stop();
    await projection.close();
    await new Promise((r) => setTimeout(r, 150));
    await log.close();
    assert.deepEqual(errors, []);
  });
});

