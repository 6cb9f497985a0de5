import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { startThrowawayPostgres, stopPostgresAt } from '../../../ops/postgres/throwaway-postgres.js';
import { postgresSkip } from '../../support/postgres.fixture.js';

async function query(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

describe('throwaway PostgreSQL', { skip: postgresSkip }, () => {
  it('keeps a data directory it was given across stop and start, and leaves it in place', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'troupe-pg-test-'));
    chmodSync(parent, 0o755); // reachable by the postgres user when the tests run as root
    const dataDir = join(parent, 'cluster');
    try {
      const first = await startThrowawayPostgres({ dataDir, durable: false });
      const url = await first.createDatabase('kept');
      await query(url, 'CREATE TABLE t AS SELECT 42 AS answer');
      await first.stop();
      await first.stop();
      assert.ok(existsSync(join(dataDir, 'PG_VERSION')));
      const again = await startThrowawayPostgres({ dataDir, port: first.port });
      assert.deepEqual((await query(again.url('kept'), 'SELECT answer FROM t')).rows, [{ answer: 42 }]);
      // Listening on loopback only, its socket in the data directory.
      assert.deepEqual((await query(again.url(), "SELECT current_setting('listen_addresses') AS a")).rows, [{ a: '127.0.0.1' }]);
      stopPostgresAt(dataDir);
      await assert.rejects(query(again.url(), 'SELECT 1'));
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("says what PostgreSQL said when it cannot start", { skip: process.getuid?.() !== 0 && 'as root only: a directory the postgres user cannot reach' }, async () => {
    const parent = mkdtempSync(join(tmpdir(), 'troupe-pg-test-'));
    chmodSync(parent, 0o700);
    try {
      await assert.rejects(startThrowawayPostgres({ dataDir: join(parent, 'cluster') }), /initdb .* failed: .*Permission denied/s);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('removes a data directory it made itself when stopped', async () => {
    const server = await startThrowawayPostgres({ durable: false });
    assert.ok(existsSync(join(server.dataDir, 'PG_VERSION')));
    await server.stop();
    assert.equal(existsSync(server.dataDir), false);
  });
});
