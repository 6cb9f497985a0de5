import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { shardOf } from '../../../../actors/router/shard.js';
import { spawnServe, type ServeProcess } from '../../../support/servers/serve-process.js';
import { tempEnvironments, writeSite } from '../../../support/puppet/puppet-env.fixture.js';

const TIMEOUT_MS = 3_000;
const WORKERS = 2;
const EVIL = 'evil.example.com';
/** Process hops, the actor, the first parse: what the answer may take beyond the deadline. */
const MARGIN_MS = 3_000;

const SITE = `
node '${EVIL}' {
  100000.each |$i| { 100000.each |$j| { } }
}
node default {
  file { '/etc/motd': content => "hello \${facts['role']}" }
}
`;

async function requestCatalog(url: string, certname: string): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${url}/puppet/v4/catalog`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ certname, environment: 'production', facts: { values: { role: 'web' } } }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, ms: performance.now() - started };
}

async function stop(serve: ServeProcess): Promise<void> {
  serve.child.kill('SIGTERM');
  const killed = setTimeout(() => serve.child.kill('SIGKILL'), 10_000);
  await serve.exited;
  clearTimeout(killed);
}

describe('troupe serve given a hostile manifest', () => {
  it('fails the evil node at the compile deadline while other nodes get their catalogs', async () => {
    const dir = tempEnvironments('hostile-serve');
    const codeDir = writeSite(dir, 'production', SITE);
    // Nodes on the other worker are answered while the evil compile holds its worker; the one on the
    // same worker right after the deadline.
    const names = Array.from({ length: 20 }, (_x, i) => `node-${i}.example.com`);
    const otherWorker = names.filter((n) => shardOf(n, WORKERS) !== shardOf(EVIL, WORKERS)).slice(0, 3);
    const sameWorker = names.find((n) => shardOf(n, WORKERS) === shardOf(EVIL, WORKERS))!;
    let serve: ServeProcess | undefined;
    try {
      serve = await spawnServe([
        '--data-dir', join(dir, 'data'), '--code-dir', codeDir, '--workers', String(WORKERS),
        '--compile-timeout-ms', String(TIMEOUT_MS),
      ]);
      const url = serve.url;
      // Both workers up and the code parsed first: what is timed below is the evil compile alone.
      for (const n of [otherWorker[0]!, sameWorker]) assert.equal((await requestCatalog(url, n)).status, 200, `warm-up ${n}`);
      let evilDone = false;
      const evil = requestCatalog(url, EVIL).finally(() => { evilDone = true; });
      // Give the evil compile a head start, so the others are requested while it runs.
      await new Promise((r) => setTimeout(r, 200));
      const meanwhile = await Promise.all(otherWorker.map(async (n) => ({ ...(await requestCatalog(url, n)), evilDone })));
      const [failed, queued] = await Promise.all([evil, requestCatalog(url, sameWorker)]);

      for (const r of meanwhile) {
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.equal(r.evilDone, false, 'answered only after the evil compile ended');
      }
      assert.equal(failed.status, 500);
      assert.equal(failed.body['issue_kind'], 'compile_timeout');
      assert.match(String(failed.body['message']), new RegExp(`Exceeded the compile deadline of ${TIMEOUT_MS} ms \\(compileTimeoutMs\\).*site\\.pp, line: 3.* on node ${EVIL.replace(/\./g, '\\.')}`));
      assert.ok(failed.ms < TIMEOUT_MS + MARGIN_MS, `answered after ${failed.ms.toFixed(0)} ms`);
      assert.equal(queued.status, 200, JSON.stringify(queued.body));
    } finally {
      if (serve) await stop(serve);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
