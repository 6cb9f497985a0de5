import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { PuppetCatalog } from '../../../core/catalog/puppet-catalog.types.js';
import type { CatalogCompiled, RecordedEvent } from '../../../core/events/event.types.js';
import { SqliteEventLog } from '../../../core/log/sqlite/event-log.sqlite.js';
import { ACTOR_WORKER_V8_FLAGS } from '../../../ops/cluster/worker-runtime.js';
import { fleetNode } from '../../../ops/fleet/fleet-node.js';
import { eventually } from '../../support/eventually.js';
import { spawnServe, workerPids, type ServeProcess } from '../../support/servers/serve-process.js';

const request = (url: string, i: number) => {
  const n = fleetNode(i);
  return fetch(`${url}/puppet/v4/catalog`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ certname: n.certname, environment: 'production', facts: { values: n.facts } }),
  }).then(async (r) => ({ status: r.status, body: await r.text() }), () => ({ status: 0, body: '' }));
};


async function loggedEvents(dataDir: string): Promise<readonly RecordedEvent[]> {
  const log = new SqliteEventLog({ path: join(dataDir, 'events.db') });
  const events = await log.read(0, { limit: 1_000_000 });
  await log.close();
  return events;
}

async function loggedCatalogs(dataDir: string): Promise<Map<string, PuppetCatalog>> {
  const compiled = (await loggedEvents(dataDir)).filter((e): e is RecordedEvent<CatalogCompiled> => e.type === 'catalog_compiled');
  return new Map(compiled.map((e) => [e.stream, e.data.catalog]));
}

async function unanswered(dataDir: string): Promise<number> {
  const events = await loggedEvents(dataDir);
  const answered = new Set(events.filter((e): e is RecordedEvent<CatalogCompiled> => e.type === 'catalog_compiled').flatMap((e) => e.data.requestIds));
  return events.filter((e) => e.type === 'catalog_requested' && !answered.has(e.id)).length;
}

describe('troupe serve --workers 2', () => {
  it('restarts a killed worker and keeps serving its nodes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'troupe-cluster-'));
    const serve = { ...(await spawnServe(['--data-dir', dataDir, '--workers', '2'])), dataDir };
    try {
      await eventually(() => workerPids(serve.child.pid!).length === 2, 30_000, 'two workers');
      const first = await Promise.all(Array.from({ length: 40 }, (_, i) => request(serve.url, i)));
      assert.ok(first.every((r) => r.status === 200), 'all served before the crash');
      // Checked once they served: a process just forked shows its parent's command line until it execs.
      for (const pid of workerPids(serve.child.pid!)) {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        for (const flag of ACTOR_WORKER_V8_FLAGS) assert.ok(argv.includes(flag), `worker ${pid} runs with ${flag}`);
      }
      // Workers send each catalog as JSON text; the agent gets it, and the log keeps it, unchanged.
      const served = first.map((r) => (JSON.parse(r.body) as { catalog: PuppetCatalog }).catalog);
      assert.deepEqual(served.map((c) => c.name), first.map((_r, i) => fleetNode(i).certname));
      const logged = await loggedCatalogs(serve.dataDir);
      for (const c of served) assert.deepEqual(logged.get(c.name), c);
      const [victim] = workerPids(serve.child.pid!);
      process.kill(victim!, 'SIGKILL');
      await eventually(() => { const p = workerPids(serve.child.pid!); return p.length === 2 && !p.includes(victim!); }, 15_000, 'a replacement worker');
      const after = await Promise.all(Array.from({ length: 40 }, (_, i) => request(serve.url, i)));
      assert.deepEqual(after.map((r) => r.status), after.map(() => 200), 'every node is served after the restart');
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('drains on SIGTERM: exits 0 and leaves nothing acknowledged unanswered', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'troupe-cluster-'));
    const started: ServeProcess[] = [];
    try {
      const serve = await spawnServe(['--data-dir', dataDir, '--workers', '2']);
      started.push(serve);
      await eventually(() => workerPids(serve.child.pid!).length === 2, 30_000, 'two workers');
      assert.equal((await request(serve.url, 10_000)).status, 200, 'workers are ready');
      const inflight = Array.from({ length: 300 }, (_, i) => request(serve.url, i));
      await new Promise((r) => setTimeout(r, 100));
      serve.child.kill('SIGTERM');
      const results = await Promise.all(inflight);
      assert.equal(await serve.exited, 0);
      const served = results.filter((r) => r.status === 200).length;
      assert.ok(served > 0, 'some requests were served before the drain');
      // Requests in the log that the drain did not answer are compiled on restart: nothing is lost.
      const restarted = await spawnServe(['--data-dir', dataDir, '--workers', '2']);
      started.push(restarted);
      await eventually(async () => (await unanswered(dataDir)) === 0, 20_000, 'every logged request answered');
      restarted.child.kill('SIGTERM');
      assert.equal(await restarted.exited, 0);
    } finally {
      for (const s of started) s.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
