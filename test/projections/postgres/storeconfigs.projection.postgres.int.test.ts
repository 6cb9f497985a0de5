import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { isResourceFault } from '../../../core/errors/resource-fault.js';
import type { ApplyOutcome } from '../../../projections/projection.types.js';
import { PostgresStoreconfigsProjection } from '../../../projections/postgres/storeconfigs.projection.postgres.js';
import { postgresSkip, testPostgres } from '../../support/postgres.fixture.js';
import { catalogSubmitted, recorded, resource, storeCatalog } from '../storeconfigs.fixture.js';

const server = postgresSkip ? undefined : testPostgres();
after(() => server?.stop());

const catalog = (certname: string, title: string, id: string) => catalogSubmitted(certname, storeCatalog([resource('Class', 'main'), resource('File', title)]), id);

describe('PostgresStoreconfigsProjection', { skip: postgresSkip }, () => {
  it('blames a write PostgreSQL refuses for its data (a NUL in text) on its event, and applies the rest of the batch', async () => {
    const p = await PostgresStoreconfigsProjection.open({ connectionString: await server!.newDatabase() });
    try {
      const outcome = await p.apply(recorded([catalog('a.example', '/etc/\u0000motd', 'nul'), catalog('b.example', '/etc/motd', 'fine')]));
      assert.equal(outcome.applied, 1);
      assert.deepEqual(outcome.failed.map((f) => f.eventId), ['nul']);
      assert.match(outcome.failed[0]!.reason, /0x00|null character/i);
      assert.equal(p.checkpoint, 2);
      const rows = await p.database.db.selectFrom('resources').select(['certname', 'title']).orderBy('certname').execute();
      assert.deepEqual(rows.map((r) => r.certname), ['b.example', 'b.example']);
    } finally {
      await p.close();
    }
  });

  it('serialises the batches of two instances projecting into one schema: each event applied once, none blamed', async () => {
    const connectionString = await server!.newDatabase();
    const [a, b] = await Promise.all([PostgresStoreconfigsProjection.open({ connectionString }), PostgresStoreconfigsProjection.open({ connectionString })]);
    try {
      const events = recorded(Array.from({ length: 20 }, (_, i) => catalog(`n${i % 5}.example`, `/f${i}`, `c${i}`)));
      // As each instance's runner reads the log from its own checkpoint: batches from position 1, overlapping.
      const outcomes = await Promise.all([a.apply(events.slice(0, 15)), b.apply(events.slice(0, 10)), a.apply(events), b.apply(events)]);
      assert.equal(outcomes.reduce((n, o) => n + o.applied, 0), 20);
      assert.deepEqual(outcomes.flatMap((o) => o.failed), []);
      assert.equal((await a.database.db.selectFrom('projection_failures').selectAll().execute()).length, 0);
      const files = await a.database.db.selectFrom('resources').select('title').where('type', '=', 'File').orderBy('title').execute();
      // Equal producer times: the greater event id wins, c5…c9 over c15…c19 (as on SQLite).
      assert.deepEqual(files.map((r) => r.title), ['/f5', '/f6', '/f7', '/f8', '/f9']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('fails a batch whose connection is lost as a resource fault, checkpoint unchanged, and applies it once the server answers again', async () => {
    const url = await server!.newDatabase();
    const p = await PostgresStoreconfigsProjection.open({ connectionString: url, maxConnections: 1 });
    try {
      await p.apply(recorded([catalog('a.example', '/one', 'one')]));
      const admin = new pg.Client({ connectionString: await server!.adminUrl() });
      await admin.connect();
      try {
        const db = new URL(url).pathname.slice(1);
        // Refuse new connections to the database, then end the projection's.
        await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(db)} WITH ALLOW_CONNECTIONS false`);
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db]);
        const batch = recorded([catalog('a.example', '/one', 'one'), catalog('a.example', '/two', 'two')]);
        await assert.rejects(p.apply(batch), (e: unknown) => isResourceFault(e));
        assert.equal(p.checkpoint, 1);
        await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(db)} WITH ALLOW_CONNECTIONS true`);
        // As the runner does: retried after a back-off (a pooled connection that died with the others fails once more, then is dropped).
        let outcome: ApplyOutcome | undefined;
        for (let attempt = 1; !outcome; attempt++) {
          outcome = await p.apply(batch).catch((e: unknown) => {
            if (!isResourceFault(e) || attempt === 5) throw e;
            return new Promise<undefined>((r) => setTimeout(r, 100));
          });
        }
        assert.deepEqual([outcome.applied, outcome.skipped, outcome.position], [1, 1, 2]);
      } finally {
        await admin.end();
      }
    } finally {
      await p.close();
    }
  });
});
