import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { shardOf } from '../../../actors/router/shard.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { spawnServe, type ServeProcess } from '../../support/servers/serve-process.js';
import { tempEnvironments, writeSite } from '../../support/puppet/puppet-env.fixture.js';

const WORKERS = 2;
const TIMEOUT_MS = 1_000;
/** The watchdog kills a worker silent for the deadline + 10 s. */
const WATCHDOG_MS = TIMEOUT_MS + 10_000;
const EVIL = 'evil.example.com';

// A backreference keeps V8 on its backtracking engine, and a match runs as one
// step the compile deadline cannot interrupt: only the watchdog ends it.
const SITE = `
node '${EVIL}' {
  if $facts['payload'] =~ /^((a+)+)\\1$/ { notify { 'matched': } }
}
node default {
  notify { "hello \${facts['payload']}": }
}
`;

async function requestCatalog(url: string, certname: string, payload: string): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${url}/puppet/v4/catalog`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ certname, environment: 'production', facts: { values: { payload } } }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, ms: performance.now() - started };
}

const hang = (n: number): string => `${'a'.repeat(n)}!`;

describe('a compile that hangs its worker (poison pill)', () => {
  it('is killed by the watchdog, tried twice, then failed and quarantined; after kill -9 it is not re-run blindly', async () => {
    const dir = tempEnvironments('poison');
    const codeDir = writeSite(dir, 'production', SITE);
    const dataDir = join(dir, 'data');
    const args = ['--data-dir', dataDir, '--code-dir', codeDir, '--workers', String(WORKERS), '--compile-timeout-ms', String(TIMEOUT_MS)];
    const other = Array.from({ length: 20 }, (_x, i) => `node-${i}.example.com`).find((n) => shardOf(n, WORKERS) !== shardOf(EVIL, WORKERS))!;
    const started: ServeProcess[] = [];
    try {
      const serve = await spawnServe(args);
      started.push(serve);
      const evil = requestCatalog(serve.url, EVIL, hang(40));
      await new Promise((r) => setTimeout(r, 500));
      const meanwhile = await requestCatalog(serve.url, other, 'x');
      assert.equal(meanwhile.status, 200, 'a node on the other worker is served while the evil one hangs its worker');

      const failed = await evil;
      assert.equal(failed.status, 500, JSON.stringify(failed.body));
      assert.equal(failed.body['issue_kind'], 'compile_aborted');
      assert.match(String(failed.body['message']), /aborted 2 times \(last: worker_unresponsive: actor worker \d+ was killed after \d+ s without a sign of life/);
      assert.ok(failed.ms < 2 * WATCHDOG_MS + 15_000, `failed after ${failed.ms} ms`);

      const quarantined = await requestCatalog(serve.url, EVIL, hang(40));
      assert.equal(quarantined.body['issue_kind'], 'compile_quarantined');
      assert.ok(quarantined.ms < 2_000, 'refused at once, no worker involved');

      // New facts lift the quarantine; kill -9 while that compile hangs, then restart.
      const inFlight = requestCatalog(serve.url, EVIL, hang(41)).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 1_500));
      serve.child.kill('SIGKILL');
      await serve.exited;
      await inFlight;
      const again = await spawnServe(args);
      started.push(again);
      const served = await requestCatalog(again.url, other, 'y');
      assert.equal(served.status, 200);
      assert.ok(served.ms < 5_000, `the rest of the fleet is served at once after the restart (${served.ms} ms)`);

      // The recovered request gets one more attempt at most, then fails for good.
      const log = new SqliteEventLog({ path: join(dataDir, 'events.db') });
      try {
        const deadline = Date.now() + 2 * WATCHDOG_MS + 20_000;
        let last: string | undefined;
        while (Date.now() < deadline) {
          const events = await log.readStream(EVIL);
          const outcome = events.at(-1);
          last = outcome?.type === 'compile_failed' ? outcome.data.error.code : outcome?.type;
          if (last === 'compile_failed' || last === 'compile_aborted' && events.filter((e) => e.type === 'compile_aborted').length > 4) break;
          if (outcome?.type === 'compile_failed') break;
          await new Promise((r) => setTimeout(r, 500));
        }
        const events = await log.readStream(EVIL);
        const lastFailure = events.filter((e) => e.type === 'compile_failed').at(-1);
        assert.equal(lastFailure?.type === 'compile_failed' && lastFailure.data.error.code, 'compile_aborted');
        assert.equal(events.filter((e) => e.type === 'catalog_compiled').length, 0);
        const aborts = events.filter((e) => e.type === 'compile_aborted').map((e) => e.type === 'compile_aborted' && e.data.reason);
        assert.deepEqual(aborts.slice(-2), ['interrupted', 'worker_unresponsive'], 'after the restart: one interrupted mark, one more attempt, then failed');
      } finally {
        await log.close();
      }
    } finally {
      for (const s of started) s.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
